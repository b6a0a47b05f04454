"""Three languages, one set of facts: what keeps the nl and en versions of a page in step with the French one.

- ``push_facts_to_translations`` (``page_published``): when a page that has been translated with wagtail-localize
  is published, its ``TranslationSource`` is refreshed and every translation is rebuilt and republished.
  wagtail-localize copies the synchronised fields (dates, phase, venue, capacity, registration settings, other
  communes, organisers, the times and prices inside the itinerary and meals blocks...), keeps the strings already
  translated, falls back to the new French text for strings not translated yet, and empties on the translation a
  text field emptied on the source. Aliases (pages not translated yet) are updated by Wagtail itself.
- ``unpublish_translations`` (``page_unpublished``): unpublishing a French page unpublishes its translations.
- ``localise_foreign_keys`` (``pre_save``): a page (translation or alias), a translatable snippet (a venue's
  commune) or a page's inline row (e.g. "other communes") that points to a translatable snippet is pointed to
  that snippet's version in its own locale ("Vorst" on the Dutch page), so names show in the page's language on
  every door while slugs (used by filters) stay the same; French where the snippet is not translated.
  ``repoint_references`` does the same at once for existing rows when a snippet translation is created, and
  ``localise_all_references`` after ``migrate``.
- ``keep_snippet_translations`` (a wagtail-localize ``Translation`` saved): translating a page never changes
  another language's name of a commune, venue or organisation (see there).
- ``mirror_view_restrictions`` (``PageViewRestriction`` saved, deleted, groups changed; run when the transaction
  commits): a page's privacy is one setting shared by all its language versions (translations and aliases):
  setting or removing it on any of them applies to all, so a Dutch copy of a private page is never public.

Sources: wagtail-localize 1.14 ``TranslationSource.update_from_db``, ``create_or_update_translation``,
``sync_view_restrictions``; Wagtail ``page_published`` signal, ``PageViewRestriction``.
"""

import logging
import threading

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from modelcluster.fields import ParentalKey
from wagtail.models import Locale, Page, PageViewRestriction, TranslatableMixin
from wagtail.models.i18n import get_translatable_models
from wagtail.signals import page_published, page_unpublished

from cms.moderation import held_strings, publish_approved

_state = threading.local()
logger = logging.getLogger(__name__)


def update_translation(source, locale, user=None):
    """Rebuild the translation of ``source`` (a ``TranslationSource``) into ``locale`` and publish it.

    Strings not translated yet fall back to the source text. A page translation that is not live (an editor
    unpublished it) is saved as a draft revision and left unpublished. Strings nobody approved are not published
    (``cms.moderation.held_strings``): the live text stays until a moderator approves them.

    :returns: ``(translated instance, created)``.
    :raises wagtail_localize.models.SourceDeletedError: if the source object was deleted.
    """
    is_page = issubclass(source.specific_content_type.model_class(), Page)
    held = held_strings(source, locale) if is_page else None
    if held:
        return publish_approved(source, locale, held, user=user), False
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


@receiver(page_unpublished)
def unpublish_translations(sender, instance, **kwargs):
    """After a French (default-locale) page is unpublished, unpublish its live translations too, each logged
    as Wagtail's ``UnpublishPageAction`` logs it (Wagtail unpublishes the aliases itself). A translation never
    stays public for a page its source withdrew; publishing the French page again republishes them
    (``push_facts_to_translations`` only republishes live ones: an editor does it in the admin)."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    if getattr(_state, "unpublishing", False) or instance.locale_id != Locale.get_default().pk:
        return
    _state.unpublishing = True
    try:
        copies = Page.objects.filter(translation_key=instance.translation_key, alias_of__isnull=True, live=True)
        for copy in copies.exclude(pk=instance.pk):
            UnpublishPageAction(copy.specific, user=kwargs.get("user")).execute(skip_permission_checks=True)
    finally:
        _state.unpublishing = False


_FK_SPECS = {}


def _fk_spec(model):
    """``(owner, [names of FKs to translatable non-page models])`` or ``None``, cached per model class. ``owner``
    is ``None`` when ``model`` carries its own locale (a page, a translatable snippet such as a venue), else the
    name of the parental key to the page whose locale counts (an inline row such as "other communes")."""
    if model not in _FK_SPECS:
        spec = None
        fields = model._meta.concrete_fields
        foreign = [
            f.name
            for f in fields
            if f.many_to_one
            and not isinstance(f, ParentalKey)
            and issubclass(f.related_model, TranslatableMixin)
            and not issubclass(f.related_model, Page)
        ]
        if foreign:
            if issubclass(model, TranslatableMixin):
                spec = (None, foreign)
            else:
                parental = [f.name for f in fields if isinstance(f, ParentalKey) and issubclass(f.related_model, Page)]
                if parental:
                    spec = (parental[0], foreign)
        _FK_SPECS[model] = spec
    return _FK_SPECS[model]


@receiver(pre_save)
def localise_foreign_keys(sender, instance, raw=False, **kwargs):
    """Point the translatable-snippet FKs of a page, of a translatable snippet or of a page's inline row to the
    snippet's version in the locale of that page or snippet, when there is one (else the French row is kept).

    Aliases (pages not translated yet) too: the Dutch alias of a Forest activity points to "Vorst", so every door
    that reads ``page.commune`` or ``page.venue`` shows the page's language without knowing about aliases. A page
    in another language than French takes these facts from its French page (``_source_keys``): a venue emptied in
    French is emptied in every language, a venue changed in French changes in every language.
    """
    if raw or sender._meta.apps is not apps:  # not a migration's historical model
        return
    spec = _fk_spec(sender)
    if spec is None:
        return
    owner, names = spec
    holder = instance if owner is None else getattr(instance, owner, None)
    locale_id = getattr(holder, "locale_id", None)
    if locale_id is None:
        return
    source_keys = _source_keys(instance, names) if isinstance(instance, Page) else None
    for name in names:
        target = getattr(instance, name, None)
        if source_keys is not None:
            key = source_keys[name]
            if key is None:
                if target is not None and instance._meta.get_field(name).null:
                    setattr(instance, name, None)
                continue
            if target is None or target.translation_key != key:
                model = instance._meta.get_field(name).related_model
                versions = {row.locale_id: row for row in model.objects.filter(translation_key=key)}
                target = versions.get(locale_id) or versions.get(source_keys["locale"], target)
                setattr(instance, name, target)
        if target is not None and target.locale_id != locale_id:
            localised = target.get_translation_or_none(locale_id)
            if localised is not None:
                setattr(instance, name, localised)


def _source_keys(page, names):
    """``{FK name: translation_key of the snippet it points to, or None}`` on ``page``'s French (default-locale)
    version, and ``"locale"``: the default locale's id; ``None`` when ``page`` is that version or has none."""
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values_list("pk", flat=True).first()
    if default is None or page.locale_id == default or not page.translation_key:
        return None
    row = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale_id=default)
        .values(**{f"source_{name}": F(f"{name}__translation_key") for name in names})
        .first()
    )
    return None if row is None else {"locale": default, **{name: row[f"source_{name}"] for name in names}}


def _references(model):
    """``[(holder model, FK name, lookup of the holder's locale)]``: the relations that point to the translatable
    snippet ``model`` and follow the holder's language (see ``localise_foreign_keys``). An inherited FK is listed
    once, on the model that declares it."""
    found = []
    for holder in apps.get_models():
        spec = _fk_spec(holder)
        if spec is None:
            continue
        owner, names = spec
        for name in names:
            field = holder._meta.get_field(name)
            if field.related_model is model and field.model is holder:
                found.append((holder, name, "locale" if owner is None else f"{owner}__locale"))
    return found


def repoint_references(row, to=None):
    """Make the rows of ``row``'s locale that point to another language's version of the snippet ``row`` point
    to ``to`` (default: ``row`` itself). Used when a translation of a venue, commune or organisation is created
    (the Dutch pages get "Gemeentehuis" at once) and before one is deleted (they go back to the French row)."""
    to = to or row
    model = type(row).get_translation_model()
    others = model.objects.filter(translation_key=row.translation_key).exclude(pk=to.pk).values("pk")
    for holder, name, lookup in _references(model):
        holder.objects.filter(**{lookup: row.locale_id, f"{name}__in": others}).update(**{name: to})


def _is_snippet_translation(instance):
    return (
        isinstance(instance, TranslatableMixin)
        and not isinstance(instance, Page)
        and instance._meta.apps is apps  # not a migration's historical model
    )


@receiver(post_save)
def snippet_translation_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created or not _is_snippet_translation(instance):
        return
    if instance.locale_id != Locale.get_default().pk:
        repoint_references(instance)


@receiver(pre_delete)
def snippet_translation_deleted(sender, instance, **kwargs):
    if not _is_snippet_translation(instance):
        return
    default = instance.get_translation_or_none(Locale.get_default())
    if default is not None and default.pk != instance.pk:
        repoint_references(instance, to=default)


def localise_all_references(**kwargs):
    """Run after ``migrate``: the rows saved before this rule (aliases pointing to French snippets) are pointed to
    the snippet's version in their language. Idempotent; a few queries per snippet translation."""
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:  # an empty database (``flush``)
        return
    for model in get_translatable_models():
        if issubclass(model, Page) or not _references(model):
            continue
        for row in model.objects.exclude(locale=default):
            repoint_references(row)


@receiver(post_save, sender="wagtail_localize.Translation")
def keep_snippet_translations(sender, instance, raw=False, **kwargs):
    """wagtail-localize's ``TranslationCreator``, when a page is submitted for translation, also (re)builds the
    translation of each snippet the page refers to (its commune, venue, organisers) from the strings in its
    translation memory, falling back to the French text. A snippet translated outside that memory (the communes'
    names come from a data migration; an editor may have edited a venue's Dutch row) would get its French name
    back: "Vorst" would become "Forest" for the whole Dutch site. Before that happens (the ``Translation`` record
    is saved first), the names the translation already has are put in the memory, so the rebuild keeps them."""
    if raw:
        return
    from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
    from wagtail_localize.models import StringSegment, StringTranslation
    from wagtail_localize.strings import StringValue

    source = instance.source
    model = source.specific_content_type.model_class()
    if model is None or issubclass(model, Page):
        return
    try:
        target = source.get_translated_instance(instance.target_locale)
    except ObjectDoesNotExist:
        return
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        path = segment.context.path
        try:
            model._meta.get_field(path)
        except FieldDoesNotExist:
            continue
        current = getattr(target, path, None)
        if not isinstance(current, str) or not current:
            continue
        data = StringValue.from_plaintext(current).data
        if data != segment.string.data:
            StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=instance.target_locale,
                context=segment.context,
                defaults={"data": data, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )


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
