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

The hook that wires them to the page editor is in ``cms.wagtail_hooks``.
"""

import html
import json
import re

from wagtail.models import WorkflowState

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
