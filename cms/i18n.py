"""Three languages, one set of facts: what keeps the nl and en versions of a page in step with the French one.

- ``push_facts_to_translations`` (``page_published``): when a page that has been translated with wagtail-localize
  is published, its ``TranslationSource`` is refreshed and every translation is rebuilt and republished.
  wagtail-localize copies the synchronised fields (dates, phase, venue, capacity, registration settings, other
  communes, organisers, the times and prices inside the itinerary and meals blocks...), keeps the strings already
  translated, falls back to the new French text for strings not translated yet, and empties on the translation a
  text field emptied on the source. Aliases (pages not translated yet) are updated by Wagtail itself.
- ``localise_child_foreign_keys`` (``pre_save``): an inline row of a translated page (e.g. "other communes")
  that points to a translatable snippet is pointed to that snippet's translation in the page's locale ("Vorst"
  on the Dutch page), so names show in the page's language while slugs (used by filters) stay the same.
- ``mirror_view_restrictions`` (``PageViewRestriction`` saved, deleted, groups changed; run when the transaction
  commits): a page's privacy is one setting shared by all its language versions (translations and aliases):
  setting or removing it on any of them applies to all, so a Dutch copy of a private page is never public.

Sources: wagtail-localize 1.14 ``TranslationSource.update_from_db``, ``create_or_update_translation``,
``sync_view_restrictions``; Wagtail ``page_published`` signal, ``PageViewRestriction``.
"""
import logging
import threading

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from modelcluster.fields import ParentalKey
from wagtail.models import Page, PageViewRestriction, TranslatableMixin
from wagtail.signals import page_published

_state = threading.local()
logger = logging.getLogger(__name__)


def update_translation(source, locale, user=None):
    """Rebuild the translation of ``source`` (a ``TranslationSource``) into ``locale`` and publish it.

    Strings not translated yet fall back to the source text. A page translation that is not live (an editor
    unpublished it) is saved as a draft revision and left unpublished.

    :returns: ``(translated instance, created)``.
    :raises wagtail_localize.models.SourceDeletedError: if the source object was deleted.
    """
    is_page = issubclass(source.specific_content_type.model_class(), Page)
    instance, created = source.create_or_update_translation(
        locale, user=user, publish=not is_page, fallback=True, copy_parent_pages=True
    )
    if isinstance(instance, Page) and (instance.live or created):
        instance.get_latest_revision().publish(user=user)
    return instance, created


@receiver(page_published)
def push_facts_to_translations(sender, instance, revision=None, **kwargs):
    """After ``instance`` is published, refresh its TranslationSource and republish each enabled translation.

    Pages never submitted for translation (no ``TranslationSource`` in their locale) are left alone.
    """
    from wagtail_localize.models import TranslationSource

    if getattr(_state, "pushing", False):
        return
    source = TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).first()
    if source is None:
        return
    _state.pushing = True
    try:
        source.update_from_db()
        user = getattr(revision, "user", None)
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            try:
                with transaction.atomic():
                    update_translation(source, translation.target_locale, user=user)
            except ValidationError:
                # The French page stays published; the translation keeps its previous facts until fixed in the
                # translation editor (which shows the field error).
                logger.warning(
                    "Facts not copied to the %s translation of page %s: the translation does not validate.",
                    translation.target_locale.language_code,
                    instance.pk,
                    exc_info=True,
                )
    finally:
        _state.pushing = False


_CHILD_SPECS = {}


def _child_spec(model):
    """``(parental key name, [names of FKs to translatable non-page models])`` for a non-translatable inline
    model, or ``None``. Cached per model class."""
    if model not in _CHILD_SPECS:
        spec = None
        if not issubclass(model, TranslatableMixin):
            fields = model._meta.concrete_fields
            parental = [f.name for f in fields if isinstance(f, ParentalKey) and issubclass(f.related_model, Page)]
            foreign = [
                f.name
                for f in fields
                if f.many_to_one
                and not isinstance(f, ParentalKey)
                and issubclass(f.related_model, TranslatableMixin)
                and not issubclass(f.related_model, Page)
            ]
            if parental and foreign:
                spec = (parental[0], foreign)
        _CHILD_SPECS[model] = spec
    return _CHILD_SPECS[model]


@receiver(pre_save)
def localise_child_foreign_keys(sender, instance, raw=False, **kwargs):
    """Point an inline row's translatable-snippet FKs to the snippet's translation in the page's locale.

    Aliases are left as exact copies of their original. A snippet without a translation in that locale is kept.
    """
    if raw:
        return
    spec = _child_spec(sender)
    if spec is None:
        return
    parental_name, foreign_names = spec
    page = getattr(instance, parental_name, None)
    if page is None or page.alias_of_id or page.locale_id is None:
        return
    for name in foreign_names:
        target = getattr(instance, name, None)
        if target is not None and target.locale_id != page.locale_id:
            localised = target.get_translation_or_none(page.locale_id)
            if localised is not None:
                setattr(instance, name, localised)


def _restrictions_signature(page):
    return sorted(
        (r.restriction_type, r.password, tuple(sorted(g.pk for g in r.groups.all())))
        for r in page.view_restrictions.prefetch_related("groups")
    )


def mirror_view_restrictions(page):
    """Give every other language version of ``page`` (same ``translation_key``: translations and aliases)
    exactly ``page``'s PageViewRestrictions (type, password, groups). Versions already equal are not touched."""
    _state.mirroring = True
    try:
        wanted = list(page.view_restrictions.prefetch_related("groups"))
        signature = _restrictions_signature(page)
        for other in Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk):
            if _restrictions_signature(other) == signature:
                continue
            other.view_restrictions.all().delete()
            for restriction in wanted:
                copy = PageViewRestriction.objects.create(
                    page=other, restriction_type=restriction.restriction_type, password=restriction.password
                )
                copy.groups.set(restriction.groups.all())
    finally:
        _state.mirroring = False


def _mirror_on_commit(page_id):
    """Mirror ``page_id``'s restrictions once the transaction commits, when the restriction and its groups are
    complete, and only if the page still exists: deleting a page (which deletes its restrictions) must not make
    its translations public."""
    if getattr(_state, "mirroring", False):
        return

    def mirror():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            mirror_view_restrictions(page)

    transaction.on_commit(mirror)


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _mirror_on_commit(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, reverse=False, **kwargs):
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        _mirror_on_commit(instance.page_id)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, **kwargs):
    _mirror_on_commit(instance.page_id)


def untranslated_source(page):
    """For a page shown in a language it is not translated into (an alias of a page in another locale):
    ``(language_code, original page)`` of the original; else ``None``. One query for an alias, none otherwise."""
    if not isinstance(page, Page) or not page.alias_of_id:
        return None
    original = Page.objects.select_related("locale").filter(pk=page.alias_of_id).first()
    if original is None or original.locale_id == page.locale_id:
        return None
    return original.locale.language_code, original
