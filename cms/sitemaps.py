"""The sitemap: every language's pages (``/fr/``, ``/nl/``, ``/en/``), public and live only.

Wagtail's own ``Sitemap`` lists the descendants of the site's root page, that is the French tree only. This one
lists the trees of the root page's translations too. Aliases (pages not yet translated, shown in French under
another language's prefix) are left out: they are not that language's pages. Pages under a view restriction
(the partners' minutes, in every language: see ``cms.i18n``) are left out by ``public()``.
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for path in roots.values_list("path", flat=True):
            in_a_tree |= Q(path__startswith=path)
        return (
            Page.objects.filter(in_a_tree, alias_of__isnull=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
