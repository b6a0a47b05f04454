"""Shared factories (factory_boy + wagtail-factories). Datetimes are aware, in Europe/Brussels."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from cms.models import Commune, Organisation, Venue
from events.models import AgendaPage, EventPage, Phase, TrajetPage, VisitPage
from home.models import HomePage, StandardPage
from minutes.models import MeetingPage, MinutesIndexPage

BRUSSELS = ZoneInfo("Europe/Brussels")


def brussels(*args):
    """``brussels(2017, 5, 18, 8, 30)`` → aware datetime at that local time in Brussels."""
    return dt.datetime(*args, tzinfo=BRUSSELS)


def commune(slug):
    """The default-locale Commune with ``slug`` (the 19 come from a data migration)."""
    return Commune.objects.get(slug=slug, locale=Locale.get_default())


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Lieu {n}")
    street = "Rue de l'Exemple 1"
    commune = factory.LazyFunction(lambda: commune("forest"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")

    @factory.post_generation
    def password(self, create, value, **kwargs):
        self.set_password(value or "secret-pass")
        if create:
            self.save()

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        for name in names or []:
            self.groups.add(Group.objects.get_or_create(name=name)[0])


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Accueil"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")


class AgendaPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AgendaPage

    title = "Agenda"
    slug = "agenda"


class TrajetPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrajetPage

    title = factory.Sequence(lambda n: f"Trajet emploi {2017 + n}")
    start_date = dt.date(2017, 4, 24)
    end_date = dt.date(2017, 5, 26)


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Activité {n}")
    phase = Phase.ORIENTATION
    start = factory.LazyFunction(lambda: brussels(2017, 4, 24, 9, 30))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=3))
    commune = factory.LazyFunction(lambda: commune("forest"))


class VisitPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VisitPage

    title = factory.Sequence(lambda n: f"Visite {n}")
    start = factory.LazyFunction(lambda: brussels(2017, 5, 18, 8, 30))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=8))
    commune = factory.LazyFunction(lambda: commune("molenbeek-saint-jean"))
    meeting_point = "MEF de Molenbeek"
    max_per_organisation = 2


class MinutesIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MinutesIndexPage

    title = "Espace partenaires"
    slug = "espace-partenaires"


class MeetingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MeetingPage

    title = factory.Sequence(lambda n: f"Réunion {n}")
    start = factory.LazyFunction(lambda: brussels(2017, 4, 18, 9, 30))


def open_event(parent, capacity=3, **kwargs):
    """A published activity with online registration open, starting in ten days (registration still open)."""
    from django.utils import timezone

    start = kwargs.pop("start", timezone.now() + dt.timedelta(days=10))
    kwargs.setdefault("registration_open", True)
    return EventPageFactory(parent=parent, capacity=capacity, start=start, end=start + dt.timedelta(hours=3), **kwargs)


def open_visit(parent, capacity=10, max_per_organisation=2, **kwargs):
    from django.utils import timezone

    start = kwargs.pop("start", timezone.now() + dt.timedelta(days=10))
    kwargs.setdefault("registration_open", True)
    return VisitPageFactory(
        parent=parent,
        capacity=capacity,
        max_per_organisation=max_per_organisation,
        start=start,
        end=start + dt.timedelta(hours=8),
        **kwargs,
    )


def translate(page, code):
    """``page`` translated into language ``code`` with wagtail-localize, as an editor would ("Traduire" in the
    admin): a ``Translation`` record (so that later publications of the French page reach it) and its alias copy
    (made by the locale synchronisation) becoming a real translation; untranslated text falls back to French.

    :returns: the translated page (specific), published.
    """
    from wagtail_localize.models import Translation, TranslationSource

    from cms.i18n import update_translation

    locale = Locale.objects.get(language_code=code)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    instance, _ = update_translation(source, locale)
    return instance.specific
