"""``create_demo_users``: one account per role, passwords from DEMO_PASSWORD, nothing changed on a second run."""

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command


def test_accounts_per_role(demo, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("create_demo_users")
    out = capsys.readouterr().out
    assert "Compte « partenaire » créé, mot de passe : demo-pass-2026" in out
    users = {user.username: user for user in get_user_model().objects.all()}
    assert users["admin"].is_superuser
    assert [g.name for g in users["editeur"].groups.all()] == ["Editors"]
    assert [g.name for g in users["partenaire"].groups.all()] == [settings.PARTNERS_GROUP_NAME]
    assert users["organisateur"].organiser_profile.organisation.short_name == "MEF Forest"
    assert authenticate(username="partenaire", password="demo-pass-2026") is not None


def test_second_run_changes_nothing(demo, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "first-pass-2026")
    call_command("create_demo_users")
    monkeypatch.setenv("DEMO_PASSWORD", "other-pass-2026")
    call_command("create_demo_users")
    assert "existe déjà, inchangé" in capsys.readouterr().out
    assert get_user_model().objects.count() == 4
    assert authenticate(username="admin", password="first-pass-2026") is not None


def test_random_password_is_printed_when_unset(demo, monkeypatch, capsys):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("create_demo_users")
    line = next(line for line in capsys.readouterr().out.splitlines() if "« editeur » créé" in line)
    password = line.rsplit(" ", 1)[-1]
    assert len(password) >= 12 and authenticate(username="editeur", password=password) is not None
