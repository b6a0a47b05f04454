"""Venue and Organisation become translatable (2/3): every existing row is a French (default-locale) row with its
own translation key. Also gives back their Dutch and English names to communes whose translation was overwritten
with the French name (wagtail-localize re-saved them from the French text when a page was translated)."""
import uuid

from django.conf import settings
from django.db import migrations

from cms.communes import COMMUNES

NAME_COLUMN = {"fr": 2, "nl": 3, "en": 4}


def french_rows(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    default, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for name in ("Organisation", "Venue"):
        model = apps.get_model("cms", name)
        for row in model.objects.filter(translation_key__isnull=True):
            row.translation_key = uuid.uuid4()
            row.locale = default
            row.save(update_fields=["translation_key", "locale"])


def restore_commune_names(apps, schema_editor):
    Commune = apps.get_model("cms", "Commune")
    rows = {row[0]: row for row in COMMUNES}
    french = NAME_COLUMN.get(settings.LANGUAGE_CODE)
    if french is None:
        return
    for commune in Commune.objects.exclude(locale__language_code=settings.LANGUAGE_CODE).select_related("locale"):
        row, column = rows.get(commune.slug), NAME_COLUMN.get(commune.locale.language_code)
        if row and column and commune.name == row[french] != row[column]:
            commune.name = row[column]
            commune.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_venue_organisation_translatable_fields")]

    operations = [
        migrations.RunPython(french_rows, migrations.RunPython.noop),
        migrations.RunPython(restore_commune_names, migrations.RunPython.noop),
    ]
