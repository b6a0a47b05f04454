"""``manage.py load_demo [--shift-to YYYY-MM-DD]``: the demo site built from the committee's minutes."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from home.demo.loader import load


class Command(BaseCommand):
    help = (
        "Construit le site de démonstration à partir du procès-verbal de la commission (idempotent). "
        "--shift-to AAAA-MM-JJ (un lundi) déplace tout le calendrier pour que le trajet commence ce jour-là."
    )

    def add_arguments(self, parser):
        parser.add_argument("--shift-to", dest="shift_to", help="Un lundi, AAAA-MM-JJ.")

    def handle(self, *args, shift_to=None, **options):
        day = None
        if shift_to:
            try:
                day = dt.date.fromisoformat(shift_to)
            except ValueError:
                raise CommandError(f"--shift-to: « {shift_to} » n'est pas une date AAAA-MM-JJ.") from None
        try:
            pages = load(day)
        except ValueError as error:
            raise CommandError(str(error)) from error
        start = pages["trajet"].start_date
        self.stdout.write(
            self.style.SUCCESS(
                f"Site de démonstration prêt : {pages['trajet'].title} à partir du {start:%d/%m/%Y}, "
                f"{len(pages['activities'])} activités, 1 journée de visites, 1 réunion."
            )
        )
