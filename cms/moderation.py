"""Translations go through the same moderation workflow as the French page.

wagtail-localize's translation editor offers "Publish" only to those who may publish; anyone else gets "Convert
to alias page" (which throws the translation away) as its main action, and no way to ask for a review. Here:

- ``submit_translation(translation, user)``: the translation's current strings become a draft revision of the
  translated page (the live page does not change) and the page's workflow (Wagtail's moderation, the same as for
  the French page) starts on it, or resumes after a moderator asked for changes. When a moderator approves, Wagtail
  publishes that revision.
- ``editor_props(response, can_submit)``: the translation editor as an editor sees it: the main action submits
  for moderation ("Soumettre à la modération", labelled by ``cms/templates/wagtail_localize/admin/
  edit_translation.html``), and "Convert to alias page" is not offered.

- ``held_strings(source, locale)`` and ``publish_approved(source, locale, held, user)``: when the French page is
  published (``cms.i18n.push_facts_to_translations``) or someone syncs the translations ("Synchroniser les
  pages traduites", ``UpdateTranslationsView``), the translated page is rebuilt and republished so that the facts
  follow at once. A string translated by someone who may not publish the translated page, and whose text is not
  the one the live page shows, has been approved by nobody: it is *held*. The page is then published with the live
  text in place of each held string (the French text where the live page has no such string yet), and the full
  rebuilt translation is saved on top as a draft revision, by the string's translator; a moderation in progress
  on the translation is started again on that draft, so that approving it publishes the held strings too.
  Translators who may publish, and strings written by code (no translator), are trusted.

The hook that wires them to the page editor is in ``cms.wagtail_hooks``.

Sources: wagtail-localize 1.14 ``TranslationSource.create_or_update_translation``, ``_get_segments_for_translation``,
``StringTranslation.last_translated_by``; Wagtail ``publish_workflow_state`` (publishes the latest revision),
``PublishRevisionAction`` (cancels a moderation in progress).
"""

import html
import json
import logging
import re
from collections import defaultdict

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.models import WorkflowState

logger = logging.getLogger(__name__)

_PROPS = re.compile(r'data-props="([^"]*)"')


class NoWorkflow(Exception):
    """The translated page has no moderation workflow to submit to."""


def submit_translation(translation, user):
    """Submit ``translation`` (a wagtail-localize ``Translation`` of a page) for moderation as ``user``.

    :returns: the translated page's new draft ``Revision``.
    :raises NoWorkflow: no workflow applies to the page.
    :raises django.core.exceptions.ValidationError: the translated content does not validate.
    """
    page = translation.get_target_instance()
    workflow = page.get_workflow()
    if workflow is None:
        raise NoWorkflow
    draft = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    revision = draft.save_revision(user=user, log_action=True)
    page.refresh_from_db()
    state = page.current_workflow_state
    if state is None:
        workflow.start(page, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    # In progress already: the moderator approves the latest revision, which Wagtail publishes.
    return revision


def editor_props(response, can_submit):
    """Rewrite the translation editor's ``data-props`` in ``response`` (a rendered ``HttpResponse``) for a user who
    cannot publish: its publish button submits for moderation when ``can_submit``, and there is no "Convert to
    alias page"."""
    content = response.content.decode(response.charset)

    def rewrite(match):
        props = json.loads(html.unescape(match.group(1)))
        props.setdefault("perms", {})["canPublish"] = bool(can_submit)
        props.setdefault("links", {})["convertToAliasUrl"] = None
        return f'data-props="{html.escape(json.dumps(props), quote=True)}"'

    response.content = _PROPS.sub(rewrite, content, count=1).encode(response.charset)
    return response


def _live_strings(page):
    """``{content path: [StringValue, ...]}`` of what the live version of ``page`` shows, in page order."""
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    live = page.live_revision.as_object() if page.live_revision_id else page
    strings = defaultdict(list)
    for segment in extract_segments(live):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string)
    return strings


def held_strings(source, locale):
    """The strings of the translation of ``source`` (a page's ``TranslationSource``) into ``locale`` that nobody
    approved (see the module docstring).

    :returns: ``{(content path, segment order): (StringValue to publish instead, its StringTranslation)}``; empty when the
        translated page does not exist, is an alias or is not live (nothing public to protect).
    """
    from wagtail_localize.models import StringSegment, StringTranslation
    from wagtail_localize.strings import StringValue

    try:
        page = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        return {}
    if page.alias_of_id or not page.live:
        return {}
    segments = list(StringSegment.objects.filter(source=source).select_related("context", "string").order_by("order"))
    translations = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=locale,
            translation_of_id__in={segment.string_id for segment in segments},
            context_id__in={segment.context_id for segment in segments},
            has_error=False,
            last_translated_by__isnull=False,
        ).select_related("last_translated_by")
    }
    if not translations:
        return {}
    live, seen, may_publish, held = None, defaultdict(int), {}, {}
    for segment in segments:
        path = segment.context.path
        index = seen[path]
        seen[path] += 1
        row = translations.get((segment.string_id, segment.context_id))
        if row is None:
            continue
        translator = row.last_translated_by
        if translator.pk not in may_publish:
            may_publish[translator.pk] = page.permissions_for_user(translator).can_publish()
        if may_publish[translator.pk]:
            continue
        live = _live_strings(page) if live is None else live
        shown = live[path][index] if index < len(live[path]) else None
        if shown is not None and shown.data == row.data:
            continue  # approved already: the live page shows it
        held[(path, segment.order)] = (shown or StringValue(segment.string.data), row)
    return held


def publish_approved(source, locale, held, user=None):
    """Rebuild the translation of ``source`` into ``locale`` with the French page's facts and publish it as
    ``user``, each string of ``held`` (from ``held_strings``, not empty) replaced by its approved text; then save
    the full translation as a draft revision and start again a moderation that was in progress on it.

    :returns: the translated page.
    :raises ValidationError: the published version does not validate (nothing is saved then).
    """
    from wagtail_localize.fields import copy_synchronised_fields
    from wagtail_localize.models import TranslationLog
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.ingest import ingest_segments

    original = source.as_instance()
    page = source.get_translated_instance(locale)
    state = page.current_workflow_state
    requested_by = state.requested_by if state and state.status == WorkflowState.STATUS_IN_PROGRESS else None
    segments = []
    for segment in source._get_segments_for_translation(locale, fallback=True):
        if isinstance(segment, StringSegmentValue) and (segment.path, segment.order) in held:
            approved = held[(segment.path, segment.order)][0]
            segment = StringSegmentValue(segment.path, approved, attrs=segment.attrs).with_order(segment.order)
        segments.append(segment)
    copy_synchronised_fields(original, page)
    ingest_segments(original, page, source.locale, locale, segments)
    page.slug = find_available_slug(page.get_parent(), page.slug, ignore_page_id=page.pk)
    page.save()
    revision = page.save_revision(user=user)
    source.sync_view_restrictions(original, page)
    revision.publish(user=user)  # cancels a moderation in progress, started again below
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)

    translator = max((row for _, row in held.values()), key=lambda row: row.updated_at).last_translated_by
    try:
        with transaction.atomic():
            draft = source.get_ephemeral_translated_instance(locale, fallback=True)
            draft.save_revision(user=translator, log_action=True)
            page.refresh_from_db()
            workflow = page.get_workflow()
            if requested_by is not None and workflow is not None:
                workflow.start(page, requested_by)
    except ValidationError:
        # The held strings stay in the translation editor; the translator sees the error when submitting them.
        logger.warning("Held strings of the %s translation of %s do not validate.", locale, original.pk, exc_info=True)
    return page
