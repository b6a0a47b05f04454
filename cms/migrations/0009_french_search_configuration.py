"""PostgreSQL only: the text search configuration ``french_unaccent`` used by the site search (settings
``WAGTAILSEARCH_BACKENDS``): French stemming after accent folding, so that "Horéca" finds "horeca", "métiers"
finds "metier" and "pépinières" finds "pépinière". Other databases: nothing (SQLite's FTS folds accents itself).

Pages indexed before this configuration existed are indexed again by ``manage.py update_index``.
"""
from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cms", "0008_workflow_name_in_french")]

    operations = [migrations.RunPython(create, drop)]
