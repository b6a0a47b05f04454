"""Evaluation and OrganiserProfile move here from the ``events`` app, rows kept.

The models were created by ``events.0002``; this migration takes them over in Django's state only (their table
is ``events_…``), renames the table to this app's name, and moves the content types so that permissions, admin
history and references follow. ``events.0003`` then forgets them on its side.
"""
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_types(old_app, new_app, models):
    """Keep the content types (and so the permissions groups hold, the admin's log entries and the reference
    index) of models that move from ``old_app`` to ``new_app``."""

    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            old = ContentType.objects.filter(app_label=old_app, model=model).first()
            if old is None:
                continue
            ContentType.objects.filter(app_label=new_app, model=model).delete()
            old.app_label = new_app
            old.save(update_fields=["app_label"])
        ContentType.objects.clear_cache()

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cms', '0004_locales'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('events', '0002_registrations_evaluations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Evaluation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('participants_present', models.PositiveIntegerField(verbose_name='participants présents')),
                    ('satisfaction', models.PositiveSmallIntegerField(choices=[(1, '1'), (2, '2'), (3, '3'), (4, '4'), (5, '5')], help_text='De 1 (pas du tout satisfaisant) à 5 (très satisfaisant).', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='satisfaction')),
                    ('what_worked', models.TextField(blank=True, verbose_name='ce qui a bien fonctionné')),
                    ('to_improve', models.TextField(blank=True, verbose_name='à améliorer')),
                    ('follow_up', models.TextField(blank=True, verbose_name='suite prévue')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='rempli le')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='modifié le')),
                    ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='rempli par')),
                    ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation', to='events.scheduledpage', verbose_name='activité')),
                ],
                options={
                    'db_table': 'events_evaluation',
                    'verbose_name': 'évaluation',
                    'verbose_name_plural': 'évaluations',
                    'ordering': ['-page__start'],
                },
            ),
            migrations.CreateModel(
                name='OrganiserProfile',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='organiser_profiles', to='cms.organisation', verbose_name='organisation')),
                    ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='organiser_profile', to=settings.AUTH_USER_MODEL, verbose_name='utilisateur')),
                ],
                options={
                    'db_table': 'events_organiserprofile',
                    'verbose_name': "profil d'organisateur",
                    'verbose_name_plural': "profils d'organisateurs",
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='evaluation', table=None),
        migrations.AlterModelTable(name='organiserprofile', table=None),
        migrations.RunPython(
            move_content_types("events", "evaluations", ['evaluation', 'organiserprofile']),
            move_content_types("evaluations", "events", ['evaluation', 'organiserprofile']),
        ),
    ]
