"""Data: the group whose members may read the minutes."""
from django.conf import settings
from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=settings.PARTNERS_GROUP_NAME)


class Migration(migrations.Migration):
    dependencies = [("minutes", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
