"""``manage.py load_demo [--shift-to YYYY-MM-DD] [--site-url URL]``: the demo site built from the committee's
minutes. ``--site-url`` (``http://127.0.0.1:8000`` with ``make run``) is the default Site's address: the links of
e-mails, feeds, calendars and the sitemap, built from the Site, then point where the demo is served."""

import datetime as dt
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.demo.loader import load


class Command(BaseCommand):
    help = (
        "Construit le site de démonstration à partir du procès-verbal de la commission (idempotent). "
        "--shift-to AAAA-MM-JJ (un lundi) déplace tout le calendrier pour que le trajet commence ce jour-là."
    )

    def add_arguments(self, parser):
        parser.add_argument("--shift-to", dest="shift_to", help="Un lundi, AAAA-MM-JJ.")
        parser.add_argument(
            "--site-url", dest="site_url", help="Adresse du site servi, ex. http://127.0.0.1:8000 (liens des e-mails)."
        )

    def handle(self, *args, shift_to=None, site_url=None, **options):
        day = None
        if shift_to:
            try:
                day = dt.date.fromisoformat(shift_to)
            except ValueError:
                raise CommandError(f"--shift-to: « {shift_to} » n'est pas une date AAAA-MM-JJ.") from None
        address = None
        if site_url:
            address = urlsplit(site_url)
            if address.scheme not in ("http", "https") or not address.hostname:
                raise CommandError(f"--site-url: « {site_url} » n'est pas une adresse http(s)://hôte[:port].")
        try:
            pages = load(day)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if address:
            site = Site.objects.get(is_default_site=True)
            site.hostname = address.hostname
            site.port = address.port or (443 if address.scheme == "https" else 80)
            site.save()
        start = pages["trajet"].start_date
        self.stdout.write(
            self.style.SUCCESS(
                f"Site de démonstration prêt : {pages['trajet'].title} à partir du {start:%d/%m/%Y}, "
                f"{len(pages['activities'])} activités, 1 journée de visites, 1 réunion."
            )
        )
