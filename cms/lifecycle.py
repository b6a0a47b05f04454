"""A page's deletion reaches every language: the French page goes with its nl/en copies, or not at all.

- ``deletion_roots(page)``: ``page`` then its language copies (translations and aliases, with those of every page
  below it), each the root of a subtree that goes with it. French (default-locale) pages are the sources: deleting
  one takes every page of the same ``translation_key`` in the other locales and every alias of it. Deleting a
  Dutch or English page takes its own aliases only.
- ``deletion_refusals(roots)``: why the database would refuse (``on_delete=PROTECT``), as sentences for the
  editor, found without deleting anything (Django's ``Collector``, as ``delete()`` would run it). A model that
  protects pages explains itself with a classmethod ``deletion_refusals(objects)`` (e.g. registrations: "cancel the
  activity first"); other models get a generic sentence. The shared app never imports the apps that protect pages.
- ``delete_everywhere(page, user)``: deletes the roots in one transaction (copies first, each logged by Wagtail's
  ``DeletePageAction``), or raises ``DeletionRefused``.
- ``orphan_translations()``: pages of the synchronised locales whose French source is gone (the management
  command ``orphan_translations`` lists them and, with ``--fix``, deletes or unpublishes them).

The admin's delete paths (single page, bulk, an ancestor) call these through ``cms.wagtail_hooks``.
"""

from collections import defaultdict

from django.db import router, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.db.models.deletion import Collector
from django.utils.translation import ngettext
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Locale, Page, PageLogEntry


class DeletionRefused(Exception):
    """The pages cannot be deleted; ``messages`` says why, one sentence per reason."""

    def __init__(self, messages):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


def _subtrees(pages):
    """``Q`` matching ``pages`` and all their descendants."""
    condition = Q(pk__in=[])
    for page in pages:
        condition |= Q(path__startswith=page.path)
    return condition


def _inside(page, roots):
    return any(page.path.startswith(root.path) for root in roots)


def deletion_roots(page):
    """``[page, copy, ...]``: ``page`` then the top-most language copies that go with it (see the module
    docstring), no root inside another. Costs a few queries per level of copies (usually one level)."""
    default = Locale.get_default()
    roots, frontier = [page], [page]
    while frontier:
        members = Page.objects.filter(_subtrees(frontier))
        ids = list(members.values_list("pk", flat=True))
        keys = list(members.filter(locale=default).values_list("translation_key", flat=True))
        copies = (
            Page.objects.filter(Q(translation_key__in=keys) | Q(alias_of_id__in=ids))
            .exclude(_subtrees(roots))
            .order_by("path")
        )
        frontier = []
        for copy in copies:
            if not _inside(copy, roots + frontier):
                frontier.append(copy)
        roots += frontier
    return roots


def language_copies(page):
    """The other-language versions of ``page`` itself that its deletion takes (translations and aliases)."""
    return [root for root in deletion_roots(page)[1:] if root.translation_key == page.translation_key]


def _describe_protection(protected):
    """Sentences for a ``ProtectedError``'s objects, grouped by model."""
    by_model = defaultdict(list)
    for obj in protected:
        by_model[type(obj)].append(obj)
    messages = []
    for model, objects in by_model.items():
        explain = getattr(model, "deletion_refusals", None)
        if explain is not None:
            messages.extend(explain(objects))
        else:
            name = model._meta.verbose_name if len(objects) == 1 else model._meta.verbose_name_plural
            messages.append(
                ngettext(
                    "%(count)s %(name)s dépend de cette page : elle ne peut pas être supprimée. Dépubliez-la plutôt.",
                    "%(count)s %(name)s dépendent de ces pages : elles ne peuvent pas être supprimées. "
                    "Dépubliez-les plutôt.",
                    len(objects),
                )
                % {"count": len(objects), "name": name}
            )
    return messages


def deletion_refusals(roots):
    """Sentences saying why deleting ``roots`` (and everything below them) would be refused; ``[]`` if it would
    not. Nothing is deleted: Django's ``Collector`` walks the same relations ``delete()`` walks."""
    pages = Page.objects.filter(_subtrees(roots))
    collector = Collector(using=router.db_for_write(Page))
    try:
        collector.collect(pages)
    except ProtectedError as error:
        return _describe_protection(error.protected_objects)
    except RestrictedError as error:
        return _describe_protection(error.restricted_objects)
    return []


def delete_everywhere(page, user=None):
    """Delete ``page`` with its language copies and everything below them, in one transaction.

    :returns: the copies deleted (``Page`` instances, with their locale).
    :raises DeletionRefused: something protects one of the pages (registrations, an evaluation...); nothing was
        deleted.
    """
    roots = deletion_roots(page)
    refusals = deletion_refusals(roots)
    if refusals:
        raise DeletionRefused(refusals)
    try:
        with transaction.atomic():
            for root in reversed(roots):  # the copies first, the source last
                DeletePageAction(root, user=user).execute(skip_permission_checks=True)
    except (ProtectedError, RestrictedError) as error:
        objects = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
        raise DeletionRefused(_describe_protection(objects)) from error
    return roots[1:]


def copies_text(copies):
    """ "2 versions (English, Nederlands)" for the admin's messages; "" when there is none."""
    if not copies:
        return ""
    names = sorted({copy.locale.get_display_name() for copy in copies})
    return ngettext("%(count)s version (%(languages)s)", "%(count)s versions (%(languages)s)", len(copies)) % {
        "count": len(copies),
        "languages": ", ".join(names),
    }


def orphan_translations():
    """Pages of a synchronised locale (nl, en) whose source page in the default locale (fr) is gone: former
    translations (wagtail-localize kept their ``TranslationSource``) and former aliases (Wagtail logged their copy
    for translation; the alias link itself was cleared when the original was deleted). Top-most first: a page
    below an orphan is listed only if it is not inside a listed one."""
    from wagtail_localize.models import LocaleSynchronization, TranslationSource

    default = Locale.get_default()
    synced = LocaleSynchronization.objects.filter(sync_from=default).values("locale_id")
    candidates = (
        Page.objects.filter(locale_id__in=synced, depth__gt=1)
        .exclude(translation_key__in=Page.objects.filter(locale=default).values("translation_key"))
        .select_related("locale")
        .order_by("path")
    )
    copied = set(
        PageLogEntry.objects.filter(
            page_id__in=candidates.values("pk"), action__in=["wagtail.copy_for_translation", "wagtail.create_alias"]
        ).values_list("page_id", flat=True)
    )
    translated = set(
        TranslationSource.objects.filter(object_id__in=candidates.values("translation_key")).values_list(
            "object_id", flat=True
        )
    )
    orphans = []
    for page in candidates:
        if (page.pk in copied or page.translation_key in translated) and not _inside(page, orphans):
            orphans.append(page)
    return orphans


def fix_orphan(page, user=None):
    """Delete the orphan ``page`` (with what is below it); if something protects it, unpublish it instead.

    :returns: ``("deleted", [])`` or ``("unpublished", reasons)``.
    """
    refusals = deletion_refusals([page])
    if not refusals:
        DeletePageAction(page, user=user).execute(skip_permission_checks=True)
        return "deleted", []
    UnpublishPageAction(page.specific, user=user, include_descendants=True).execute(skip_permission_checks=True)
    return "unpublished", refusals
