"""Data: the 19 communes of the Brussels-Capital Region, in the default (French) locale."""
import uuid

from django.conf import settings
from django.db import migrations

from cms.communes import COMMUNES


def create_communes(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Commune = apps.get_model("cms", "Commune")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for slug, postcode, name_fr, _nl, _en in COMMUNES:
        Commune.objects.get_or_create(
            locale=locale,
            slug=slug,
            defaults={"name": name_fr, "postcode": postcode, "translation_key": uuid.uuid4()},
        )


def remove_communes(apps, schema_editor):
    apps.get_model("cms", "Commune").objects.filter(slug__in=[row[0] for row in COMMUNES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial"), ("wagtailcore", "0001_initial")]
    operations = [migrations.RunPython(create_communes, remove_communes)]
