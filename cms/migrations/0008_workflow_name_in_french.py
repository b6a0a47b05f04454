"""Data: Wagtail's default moderation workflow and its task are named in French, the language editors read
("Validation par un modérateur" instead of "Moderators approval"), in the admin and in the pages' history."""
from django.db import migrations

ENGLISH, FRENCH = "Moderators approval", "Validation par un modérateur"


def rename(apps, old, new):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def to_french(apps, schema_editor):
    rename(apps, ENGLISH, FRENCH)


def to_english(apps, schema_editor):
    rename(apps, FRENCH, ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_venue_organisation_translatable"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
