"""Registration, Evaluation and OrganiserProfile now belong to the ``registrations`` and ``evaluations`` apps,
whose first migrations took over their tables and rows: forget them here, in Django's state only."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0002_registrations_evaluations"),
        ("registrations", "0001_initial"),
        ("evaluations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Registration"),
                migrations.DeleteModel(name="Evaluation"),
                migrations.DeleteModel(name="OrganiserProfile"),
            ],
            database_operations=[],
        ),
    ]
