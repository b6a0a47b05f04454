"""List (and with ``--fix`` remove) the Dutch and English pages whose French source page is gone."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.lifecycle import fix_orphan, orphan_translations


class Command(BaseCommand):
    help = (
        "Liste les traductions (nl, en) et alias dont la page source française n'existe plus. Avec --fix : les "
        "supprime, ou les dépublie quand quelque chose les protège (inscriptions, évaluation)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Supprimer (ou dépublier) les pages listées.")

    def handle(self, *args, fix=False, **options):
        orphans = orphan_translations()
        if not orphans:
            self.stdout.write("Aucune traduction orpheline.")
            return
        for page in orphans:
            state = "en ligne" if page.live else "hors ligne"
            line = f"{page.pk}\t{page.locale.language_code}\t{state}\t{page.url_path}\t{page.title}"
            if fix:
                with transaction.atomic():
                    outcome, reasons = fix_orphan(page)
                line += "\tsupprimée" if outcome == "deleted" else "\tdépubliée : " + " ".join(reasons)
            self.stdout.write(line)
        total = len(orphans)
        self.stdout.write(f"{total} traduction(s) orpheline(s)" + (", corrigée(s)." if fix else "."))
