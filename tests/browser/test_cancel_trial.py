"""The cancellation trial in a browser: an admin cancels an activity that has 11 registrants in the page editor;
job seekers on a phone see it cancelled on the agenda in French, Dutch and English, without the registration
form or "add to my calendar"; each registrant got one e-mail, in their language."""

from django.core import mail

from events.models import EventPage
from registrations.allocation import register
from registrations.models import Registration
from tests.factories import UserFactory

from .pages import REGISTRATION, log_in
from .test_accessibility import assert_no_axe_violation

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
CANCELLED = {"fr": "Annulée", "nl": "Geannuleerd", "en": "Cancelled"}
LANGUAGES = ["fr", "nl", "en"] * 3 + ["fr", "nl"]


def test_an_activity_cancelled_in_the_admin_shows_cancelled_everywhere(new_context, live_server, demo_upcoming):
    activity = EventPage.objects.get(url_path__endswith=REGISTRATION.removeprefix("/fr"), locale__language_code="fr")
    activity.capacity = 8
    activity.registration_open = True
    activity.save_revision().publish()
    for n, code in enumerate(LANGUAGES):
        register(activity, name=f"Personne {n}", email=f"p{n}@example.org", language=code, send_email=False)
    mail.outbox.clear()

    admin = new_context().new_page()
    log_in(admin.context, live_server, UserFactory(username="admin-trial", is_superuser=True, is_staff=True))
    admin.goto(f"/admin/pages/{activity.pk}/edit/")
    admin.select_option("#id_status", "cancelled")
    admin.locator('button[name="action-publish"]').evaluate("button => button.click()")
    admin.wait_for_url(lambda url: "/edit/" not in url)
    assert EventPage.objects.get(pk=activity.pk).status == "cancelled"

    phone = new_context(**PHONE).new_page()
    for code, word in CANCELLED.items():
        version = EventPage.objects.get(translation_key=activity.translation_key, locale__language_code=code)
        phone.goto(f"/{code}/agenda/")
        card = phone.locator("li.agenda-item", has=phone.locator(f'a[href$="{version.url}"]'))
        assert card.locator(".status-mark").inner_text() == word
        phone.goto(version.url)
        assert phone.locator("h1 .status-mark").inner_text() == word
        assert phone.locator("form.registration-form, a.button[download]").count() == 0
        assert_no_axe_violation(phone)

    # Each active registrant, the demo's and the 11, got exactly one e-mail.
    active = Registration.objects.filter(page=activity, status__in=["confirmed", "waiting"]).exclude(email="")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(active.values_list("email", flat=True))
    assert {f"p{n}@example.org" for n in range(11)} <= {message.to[0] for message in mail.outbox}
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["p1@example.org"].startswith("Activiteit geannuleerd: ")
    assert subjects["p2@example.org"].startswith("Activity cancelled: ")
