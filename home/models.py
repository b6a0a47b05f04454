"""The home page of each language, and plain content pages (privacy notice, accessibility statement, ...)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.cache import AnonymousCacheMixin, PublicPageMixin
from cms.routing import UrlPathRouteMixin


class HomePage(UrlPathRouteMixin, AnonymousCacheMixin, Page):
    """The site's home: an introduction, the next upcoming activities and a link to the agenda per commune."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    upcoming_count = models.PositiveSmallIntegerField(
        _("activités à venir affichées"), default=5, help_text=_("Combien d'activités à venir montrer sur l'accueil.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("upcoming_count")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["events.AgendaPage", "minutes.MinutesIndexPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from events.models import AgendaPage, ScheduledPage

        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = list(ScheduledPage.objects.agenda(request, locale=self.locale)[: self.upcoming_count])
        context["agenda_page"] = AgendaPage.objects.child_of(self).live().first()
        context["south_communes"] = self.south_communes()
        return context

    def south_communes(self):
        """The communes that host the trajet (those with a live activity in this language), by name."""
        from cms.models import Commune
        from events.models import ScheduledPage

        slugs = ScheduledPage.objects.live().filter(locale=self.locale).values("commune__slug")
        return Commune.objects.filter(locale=self.locale, slug__in=slugs).order_by("name")


class StandardPage(PublicPageMixin, Page):
    """A plain content page: privacy notice, accessibility statement, about."""

    intro = models.TextField(_("chapeau"), blank=True, help_text=_("Une ou deux phrases sous le titre."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")
