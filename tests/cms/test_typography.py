from django.template import Context, Template
from django.utils import translation


def render(language):
    with translation.override(language):
        return Template("{% load typography %}Quand{% colon %}lundi").render(Context())


def test_the_colon_follows_the_language():
    assert render("fr") == "Quand\u00a0: lundi"
    assert render("nl") == "Quand: lundi"
    assert render("en") == "Quand: lundi"
