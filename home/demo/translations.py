"""The Dutch and English versions of the demo site, made the way editors make them: with wagtail-localize.

``translate(pages, timeline)`` (called at the end of ``loader.load``):

1. the 19 communes in every locale (a data migration creates them; missing ones are copied with
   ``copy_for_translation`` and named from ``cms.communes``);
2. the nl and en page trees: every French page not translated yet appears there as an alias of the French page
   (wagtail-localize's ``synchronize_tree``, as its ``LocaleSynchronization`` does for pages made in the admin);
3. the home page, the agenda, the trajet and the visit day translated through wagtail-localize: a
   ``TranslationSource`` per page, one ``StringTranslation`` per segment (the texts below), then the translation
   is built and published. The commune of a translated page is that commune's translation ("Vorst").

Idempotent: a translation whose strings are already there and whose page exists is left alone (no revision).
Strings are keyed by the French segment as wagtail-localize extracts it (HTML-escaped, one per paragraph).
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.synctree import synchronize_tree

from cms.communes import COMMUNES
from cms.i18n import update_translation
from cms.models import Commune

from . import content

NAME_COLUMN = {"nl": 3, "en": 4}


def page_texts(words):
    """``{language_code: {French segment: translated segment}}`` for the translated demo pages."""
    year = words["year"]
    home, agenda, trajet, visit = content.HOME, content.AGENDA, content.TRAJET, content.VISIT
    return {
        "nl": {
            # Home page
            home["title"]: "Jobtraject – zone Zuid-Brussel",
            "home": "home-nl",
            home["intro"][3:-4]: (
                "De huizen voor werk en opleiding (MEF) van <b>Sint-Gillis</b>, <b>Vorst</b> en <b>Ukkel</b> en hun "
                "partnerverenigingen organiseren elk jaar een <b>Jobtraject</b> (Trajet emploi): gratis "
                "activiteiten om je te oriënteren, beroepen te ontdekken en je voor te bereiden op je zoektocht "
                "naar werk."
            ),
            # Agenda
            agenda["title"]: "Agenda",
            agenda["slug"]: "agenda",
            agenda["intro"][3:-4]: "De activiteiten van het Jobtraject en de bezoekdagen, per gemeente en per fase.",
            # Trajet
            trajet["title"].format(year=year): f"Jobtraject {year}",
            trajet["slug"].format(year=year): f"jobtraject-{year}",
            trajet["intro"][3:-4]: (
                "Het Jobtraject vindt voor het vierde jaar op rij plaats. Een traject voor werkzoekenden in drie "
                "fasen: <b>oriëntatie</b>, <b>beroepen ontdekken</b> en <b>vaardigheden</b>. Elke fase bestaat uit "
                "activiteiten per gemeente: elke gemeente organiseert een evenement op haar grondgebied als "
                "onderdeel van het traject."
            ),
            trajet["steering_committee"][3:-4]: (
                "Het ontwikkelingsproces werd goedgekeurd door de zonecommissie Zuid (CZS). Een gezamenlijk "
                "stuurcomité van de MEF's van Sint-Gillis, Vorst en Ukkel overziet het project."
            ),
            # Visit day
            visit["title"]: "Ontmoetingsdag rond de sociale economie",
            visit["slug"]: "ontmoetingsdag-sociale-economie",
            visit["summary"]: (
                "Met onze gasten van Interm'aide (bij Rijsel): innovatieve projecten van sociale economie in Brussel."
            ),
            visit["registration_info"]: "Bij de coördinatie van de zone Zuid.",
            visit["meeting_point"]: "MEF van Molenbeek, om 8.30 uur (bezoek aan het kinderdagverblijf)",
            visit["audience"]: "De partners van de zone Zuid (maximaal 2 personen per organisatie)",
            visit["intro"][3:-4]: (
                "Vorig jaar bezochten we een centrum voor sociale economie bij Rijsel (Interm'aide) en wilden we "
                "hen uitnodigen in Brussel. We willen hun innovatieve projecten in het Brussels Hoofdstedelijk "
                "Gewest tonen."
            ),
            "MEF de Molenbeek": "MEF van Molenbeek",
            "Départ. Visite de la crèche.": "Vertrek. Bezoek aan het kinderdagverblijf.",
            "PermaFunghi": "PermaFunghi",
            "Tour &amp; Taxis, 1000 Bruxelles": "Thurn &amp; Taxis, 1000 Brussel",
            "Entreprise à visée sociale.": "Bedrijf met een sociaal doel.",
            "Ateliers Groot Eiland": "Ateliers Groot Eiland",
            "1080 Molenbeek-Saint-Jean": "1080 Sint-Jans-Molenbeek",
            "Découverte de leurs différentes initiatives : entreprise de travail adapté (courrier, transformation "
            "du pain, petite épicerie, potager urbain, etc.).": (
                "Kennismaking met hun verschillende initiatieven: een maatwerkbedrijf (post, broodbereiding, kleine "
                "kruidenierszaak, stadsmoestuin, enz.)."
            ),
            "Restaurant collectif des ateliers Groot Eiland": "Gemeenschapsrestaurant van Ateliers Groot Eiland",
            "Déjeuner.": "Middagmaal.",
            "Brussels Beer Project": "Brussels Beer Project",
            "Rue Antoine Dansaert, 1000 Bruxelles": "Antoine Dansaertstraat, 1000 Brussel",
            "Visite.": "Bezoek.",
            "Gare du Midi": "Zuidstation",
            "1060 Saint-Gilles": "1060 Sint-Gillis",
            "Fin et retour vers la Gare du Midi pour ceux qui veulent.": (
                "Einde en terugkeer naar het Zuidstation voor wie wil."
            ),
            "Plat du jour": "Dagschotel",
            "Lunch": "Lunch",
        },
        "en": {
            home["title"]: "Job Pathway – South Brussels zone",
            "home": "home-en",
            home["intro"][3:-4]: (
                "The employment and training centres (MEF) of <b>Saint-Gilles</b>, <b>Forest</b> and <b>Uccle</b> "
                "and their partner associations run a <b>Job Pathway</b> (Trajet emploi) every year: free "
                "activities to find your direction, discover trades and get equipped for your job search."
            ),
            agenda["title"]: "Agenda",
            agenda["slug"]: "agenda",
            agenda["intro"][3:-4]: "Job Pathway activities and visit days, by municipality and by phase.",
            trajet["title"].format(year=year): f"Job Pathway {year}",
            trajet["slug"].format(year=year): f"job-pathway-{year}",
            trajet["intro"][3:-4]: (
                "This is the fourth year in a row that the Job Pathway takes place. A pathway for job seekers in "
                "three phases: <b>orientation</b>, <b>discovering trades</b> and <b>tools and skills</b>. Each "
                "phase is made of activities in each municipality: every municipality hosts an event on its "
                "territory as part of the pathway."
            ),
            trajet["steering_committee"][3:-4]: (
                "The development process was approved by the South Zone Committee (CZS). A joint steering "
                "committee of the MEFs of Saint-Gilles, Forest and Uccle oversees the project."
            ),
            visit["title"]: "Social economy meeting day",
            visit["slug"]: "social-economy-day",
            visit["summary"]: (
                "With our guests from Interm'aide (near Lille): innovative social economy projects in Brussels."
            ),
            visit["registration_info"]: "With the South Zone coordination team.",
            visit["meeting_point"]: "MEF Molenbeek, at 8:30 a.m. (visit of the day nursery)",
            visit["audience"]: "South Zone partners (at most 2 people per organisation)",
            visit["intro"][3:-4]: (
                "Last year we visited a social economy centre near Lille (Interm'aide) and wanted to invite them to "
                "Brussels. The aim is to show them innovative projects in the Brussels-Capital Region."
            ),
            "MEF de Molenbeek": "MEF Molenbeek",
            "Départ. Visite de la crèche.": "Departure. Visit of the day nursery.",
            "PermaFunghi": "PermaFunghi",
            "Tour &amp; Taxis, 1000 Bruxelles": "Tour &amp; Taxis, 1000 Brussels",
            "Entreprise à visée sociale.": "A company with a social purpose.",
            "Ateliers Groot Eiland": "Ateliers Groot Eiland",
            "1080 Molenbeek-Saint-Jean": "1080 Molenbeek-Saint-Jean",
            "Découverte de leurs différentes initiatives : entreprise de travail adapté (courrier, transformation "
            "du pain, petite épicerie, potager urbain, etc.).": (
                "Discovering their various initiatives: a sheltered workshop (mail handling, bread making, small "
                "grocery, urban vegetable garden, etc.)."
            ),
            "Restaurant collectif des ateliers Groot Eiland": "Ateliers Groot Eiland's community restaurant",
            "Déjeuner.": "Lunch.",
            "Brussels Beer Project": "Brussels Beer Project",
            "Rue Antoine Dansaert, 1000 Bruxelles": "Rue Antoine Dansaert, 1000 Brussels",
            "Visite.": "Visit.",
            "Gare du Midi": "Brussels-South station",
            "1060 Saint-Gilles": "1060 Saint-Gilles",
            "Fin et retour vers la Gare du Midi pour ceux qui veulent.": (
                "End of the day; return to Brussels-South station for those who wish."
            ),
            "Plat du jour": "Dish of the day",
            "Lunch": "Lunch",
        },
    }


def ensure_communes(locales):
    """Every French commune has a translation in each of ``locales``, named as in ``cms.communes``."""
    names = {row[0]: row for row in COMMUNES}
    default = Locale.get_default()
    for commune in Commune.objects.filter(locale=default):
        for locale in locales:
            column = NAME_COLUMN.get(locale.language_code)
            translation = commune.get_translation_or_none(locale)
            if translation is None:
                translation = commune.copy_for_translation(locale)
                if column and commune.slug in names:
                    translation.name = names[commune.slug][column]
                translation.save()


def translate_page(page, locale, texts):
    """Translate ``page`` into ``locale`` with wagtail-localize, every segment from ``texts``.

    :raises KeyError: naming the French segment that ``texts`` does not translate.
    :returns: the translated page (specific).
    """
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, changed = Translation.objects.get_or_create(source=source, target_locale=locale)
    existing = {
        (t.translation_of_id, t.context_id): t
        for t in StringTranslation.objects.filter(locale=locale, translation_of__segments__source=source)
    }
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        text = segment.string.data
        if text not in texts:
            raise KeyError(f"No {locale.language_code} text for the segment {text!r} of « {page.title} ».")
        current = existing.get((segment.string_id, segment.context_id))
        if current is None:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context_id=segment.context_id,
                data=texts[text],
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            changed = True
        elif current.data != texts[text]:
            current.data = texts[text]
            current.has_error = False
            current.save()
            changed = True
    target = page.get_translation_or_none(locale)
    if changed or target is None or target.alias_of_id:
        target, _ = update_translation(source, locale)
    return target.specific


def translate(pages, timeline):
    """Build the nl and en versions of the demo (see the module docstring).

    :param pages: the dict returned by ``loader.load`` (French pages).
    :returns: ``{language_code: {"home": ..., "agenda": ..., "trajet": ..., "visit": ...}}`` (translated pages).
    """
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    ensure_communes(locales)
    for locale in locales:
        synchronize_tree(default, locale)
    texts = page_texts(timeline.words())
    result = {}
    for locale in locales:
        strings = texts.get(locale.language_code)
        if strings is None:
            continue
        result[locale.language_code] = {
            name: translate_page(Page.objects.get(pk=pages[name].pk).specific, locale, strings)
            for name in ("home", "agenda", "trajet", "visit")
        }
    return result
