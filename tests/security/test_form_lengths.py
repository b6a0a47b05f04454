"""Form fields never accept more than their database column holds (PostgreSQL raises ``DataError`` on a longer
value; SQLite would store it)."""

import pytest
from django import forms

from registrations.forms import RegistrationForm
from registrations.models import Registration

# A valid address of 260 characters: local part 64, three labels of 63, a TLD of 3.
LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".bee"


def test_long_email_is_valid_but_longer_than_the_column():
    assert len(LONG_EMAIL) == 260
    forms.EmailField(max_length=320).clean(LONG_EMAIL)


def test_registration_form_refuses_a_260_character_email(site_pages, client):
    page = site_pages["event"]
    data = {"name": "Amina Benali", "email": LONG_EMAIL, "consent": "on", "homepage": ""}
    response = client.post(page.url, data)
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_every_registration_form_field_fits_its_column(site_pages):
    form = RegistrationForm(page=site_pages["visit"])
    for name, field in form.fields.items():
        try:
            column = Registration._meta.get_field(name)
        except Exception:
            continue  # not stored (consent, honeypot)
        if getattr(column, "max_length", None):
            assert field.max_length is not None and field.max_length <= column.max_length, name
