"""The demo's accessibility statement and privacy notice: linked from every page's footer, with the parts the
EU model statement asks for (status, non-accessible content, date and method, contact, enforcement)."""


def test_statement_and_privacy_notice_are_in_every_footer(client, demo_upcoming):
    response = client.get("/fr/agenda/")

    assert '<a href="/fr/accessibilite/">Accessibilité</a>' in response.text
    assert '<a href="/fr/confidentialite/">Confidentialité</a>' in response.text


def test_statement_has_the_parts_of_the_model_statement(client, demo_upcoming):
    text = client.get("/fr/accessibilite/").text

    for heading in [
        "État de conformité",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Signaler un problème",
        "Voies de recours",
    ]:
        assert f"<h2>{heading}</h2>" in text
    assert "<b>partiellement conforme</b>" in text
    assert "WCAG 2.1" in text and "2016/2102" in text
    assert "établie le 30 novembre 2026, par auto-évaluation" in text
    assert "axe-core" in text
    assert "Médiateur bruxellois" in text
