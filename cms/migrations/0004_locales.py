"""Data: the locales fr (default), nl and en; the 19 communes in Dutch and English; nl and en trees kept in
step with the French one by wagtail-localize (``LocaleSynchronization``: a French page not yet translated
appears in the nl and en trees as an alias of the French page)."""
from django.conf import settings
from django.db import migrations

from cms.communes import COMMUNES

NAME_COLUMN = {"nl": 3, "en": 4}


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Commune = apps.get_model("cms", "Commune")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    default, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    rows = {row[0]: row for row in COMMUNES}
    for code, _name in settings.LANGUAGES:
        if code == default.language_code:
            continue
        locale, _ = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})
        column = NAME_COLUMN.get(code)
        for source in Commune.objects.filter(locale=default, slug__in=rows):
            if column is None or Commune.objects.filter(translation_key=source.translation_key, locale=locale).exists():
                continue
            Commune.objects.create(
                locale=locale,
                translation_key=source.translation_key,
                slug=source.slug,
                postcode=source.postcode,
                name=rows[source.slug][column],
            )


def remove_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    apps.get_model("cms", "Commune").objects.exclude(locale__language_code=settings.LANGUAGE_CODE).delete()
    apps.get_model("wagtail_localize", "LocaleSynchronization").objects.all().delete()
    used = apps.get_model("wagtailcore", "Page").objects.values("locale_id")
    Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_site_settings"),
        ("wagtailcore", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]
    operations = [migrations.RunPython(create_locales, remove_locales)]
