"""``manage.py create_demo_users``: an admin, an editor, a partner and an organiser for trying the site.

Run after ``load_demo``: the organiser speaks for the MEF de Forest, one of the demo's organisations.

Passwords come from ``DEMO_PASSWORD`` when set; otherwise a random one is generated per account and printed
once, when the account is created. Existing accounts are left as they are (their password is not changed).
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from cms.models import Organisation
from evaluations.models import OrganiserProfile
from evaluations.scoping import ORGANISERS_GROUP_NAME

DEMO_ACCOUNTS = [
    # username, e-mail, superuser, groups
    ("admin", "admin@example.org", True, []),
    ("editeur", "editeur@example.org", False, ["Editors"]),
    ("partenaire", "partenaire@example.org", False, [settings.PARTNERS_GROUP_NAME]),
    ("organisateur", "organisateur@example.org", False, [ORGANISERS_GROUP_NAME]),
]
# The organisation each demo organiser fills evaluations for (Organisation.short_name).
ORGANISER_OF = {"organisateur": "MEF Forest"}


class Command(BaseCommand):
    help = "Crée les comptes de démonstration (admin, editeur, partenaire, organisateur) s'ils n'existent pas."

    def handle(self, *args, **options):
        User = get_user_model()
        for username, email, is_superuser, groups in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"Compte « {username} » : existe déjà, inchangé.")
                continue
            password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
            if is_superuser:
                user = User.objects.create_superuser(username, email, password)
            else:
                user = User.objects.create_user(username, email, password)
            for name in groups:
                group, _ = Group.objects.get_or_create(name=name)
                user.groups.add(group)
            organisation = Organisation.objects.filter(short_name=ORGANISER_OF.get(username)).first()
            if organisation:
                OrganiserProfile.objects.get_or_create(user=user, defaults={"organisation": organisation})
            self.stdout.write(self.style.SUCCESS(f"Compte « {username} » créé, mot de passe : {password}"))
