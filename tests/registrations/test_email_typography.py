"""E-mails keep each language's punctuation: no French space before the colon in Dutch or English."""

import pytest
from django.core import mail

from registrations.allocation import register
from tests.factories import TrajetPageFactory, open_event


@pytest.mark.parametrize(("language", "when"), [("fr", "Quand\u00a0: "), ("nl", "Wanneer: "), ("en", "When: ")])
def test_labels_and_colons_in_the_registrants_language(agenda, language, when, django_capture_on_commit_callbacks):
    page = open_event(TrajetPageFactory(parent=agenda))
    with django_capture_on_commit_callbacks(execute=True):
        register(page, name="Ana", email="ana@example.org", language=language)
    body = mail.outbox[-1].body
    assert when in body
    assert " : " not in body.replace("\u00a0: ", "")
