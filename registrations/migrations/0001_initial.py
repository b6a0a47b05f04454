"""Registration move here from the ``events`` app, rows kept.

The models were created by ``events.0002``; this migration takes them over in Django's state only (their table
is ``events_…``), renames the table to this app's name, and moves the content types so that permissions, admin
history and references follow. ``events.0003`` then forgets them on its side.
"""
import django.db.models.deletion
import django.utils.timezone
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
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Registration',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('status', models.CharField(choices=[('confirmed', 'confirmée'), ('waiting', "liste d'attente"), ('cancelled', 'annulée')], default='waiting', max_length=20, verbose_name='statut')),
                    ('name', models.CharField(max_length=200, verbose_name='nom')),
                    ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                    ('phone', models.CharField(blank=True, max_length=30, verbose_name='téléphone')),
                    ('language', models.CharField(choices=[('fr', 'Français'), ('nl', 'Nederlands'), ('en', 'English')], default='fr', max_length=10, verbose_name='langue')),
                    ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='inscrit·e le')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='modifié le')),
                    ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='annulé le')),
                    ('notified_status', models.CharField(blank=True, max_length=20, verbose_name='statut annoncé par e-mail')),
                    ('email_attempts', models.PositiveSmallIntegerField(default=0, verbose_name="tentatives d'envoi")),
                    ('email_error', models.TextField(blank=True, verbose_name="dernière erreur d'envoi")),
                    ('purged_at', models.DateTimeField(blank=True, null=True, verbose_name='données effacées le')),
                    ('organisation', models.ForeignKey(blank=True, help_text='Pour les journées de visites : la structure partenaire de la personne.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cms.organisation', verbose_name='organisation')),
                    ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='events.scheduledpage', verbose_name='activité')),
                ],
                options={
                    'db_table': 'events_registration',
                    'verbose_name': 'inscription',
                    'verbose_name_plural': 'inscriptions',
                    'ordering': ['created_at', 'pk'],
                    'indexes': [models.Index(fields=['page', 'status', 'created_at'], name='registration_page_status')],
                    'constraints': [models.UniqueConstraint(condition=models.Q(models.Q(('status', 'cancelled'), _negated=True), models.Q(('email', ''), _negated=True)), fields=('page', 'email'), name='unique_active_registration_email', violation_error_message='Cette adresse e-mail est déjà inscrite à cette activité.')],
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='registration', table=None),
        migrations.RunPython(
            move_content_types("events", "registrations", ['registration']),
            move_content_types("registrations", "events", ['registration']),
        ),
    ]
