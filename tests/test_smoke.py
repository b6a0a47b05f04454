def test_demo_home_renders(client, demo_upcoming):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert "Prochaines activités" in response.text
