"""Venue and Organisation become translatable (3/3): locale and translation_key required, one row per language of
each; an organisation's name is unique per language."""
import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_venue_organisation_french_rows")]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="name",
            field=models.CharField(max_length=200, verbose_name="nom"),
        ),
        migrations.AlterUniqueTogether(name="organisation", unique_together={("translation_key", "locale")}),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(fields=("locale", "name"), name="unique_organisation_name_per_locale"),
        ),
        migrations.AlterField(
            model_name="venue",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="venue",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(name="venue", unique_together={("translation_key", "locale")}),
    ]
