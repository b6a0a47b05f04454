"""The admin side of the shared app: the shared snippets (listing, search, filters), the deletion of a page in
every language (``cms.lifecycle``) and the moderation of translations (``cms.moderation``)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import images, lifecycle, moderation, translation_views
from .admin_forms import VenueCreationForm
from .models import Commune, Organisation, Venue


class CommuneViewSet(SnippetViewSet):
    model = Commune
    # Database filtering rather than the search index: the communes come from a data migration, which does not
    # index them, and these tables are small.
    search_backend_name = None
    icon = "home"
    list_display = ["name", "slug", "postcode", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    search_backend_name = None
    icon = "group"
    list_display = ["name", "short_name", "website", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "short_name"]


class VenueChooserViewSet(SnippetChooserViewSet):
    """The venue chooser of activity and visit pages: search, and a "Nouveau lieu" tab so that an editor adds a
    missing venue without leaving the page."""

    creation_form_class = VenueCreationForm
    create_action_label = gettext_lazy("Ajouter ce lieu")
    creation_tab_label = gettext_lazy("Nouveau lieu")
    search_tab_label = gettext_lazy("Rechercher")


class VenueViewSet(SnippetViewSet):
    model = Venue
    search_backend_name = None
    icon = "site"
    chooser_viewset_class = VenueChooserViewSet
    chooser_per_page = 50  # every venue of the three communes on one page
    list_display = ["name", "street", "postcode", "commune", "locale"]
    list_filter = ["locale", "commune"]
    search_fields = ["name", "street"]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Répertoire")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (CommuneViewSet, OrganisationViewSet, VenueViewSet)


register_snippet(DirectoryGroup)


# --- A page's deletion reaches every language (cms.lifecycle) ----------------------------------------------------


def _refuse(request, page, messages_):
    messages.error(
        request,
        _("« %(title)s » n'a pas été supprimée. %(reasons)s")
        % {"title": page.get_admin_display_title(), "reasons": " ".join(messages_)},
    )


@hooks.register("before_delete_page")
def delete_page_in_every_language(request, page):
    """The single delete view (a page, or an ancestor such as the trajet or the agenda): refused with the reason
    when something protects a page that would go (registrations, an evaluation), else, on confirmation, the page
    goes with its language copies in one transaction. GET renders Wagtail's confirmation, with a message that says
    how many language copies go."""
    roots = lifecycle.deletion_roots(page)
    refusals = lifecycle.deletion_refusals(roots)
    if refusals:
        _refuse(request, page, refusals)
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method != "POST":
        copies = roots[1:]
        if copies:
            messages.warning(
                request,
                _("Ses versions dans les autres langues seront supprimées avec elle : %(copies)s.")
                % {"copies": lifecycle.copies_text(copies)},
            )
        return None
    site_name = getattr(settings, "WAGTAIL_SITE_NAME", "wagtail")
    typed = request.POST.get("confirm_site_name")
    if (typed and typed != site_name) or ReferenceIndex.get_references_to(page).group_by_source_object().is_protected:
        return None  # Wagtail's view says what is wrong
    parent_id = page.get_parent().pk
    try:
        copies = lifecycle.delete_everywhere(page, user=request.user)
    except lifecycle.DeletionRefused as refused:
        _refuse(request, page, refused.messages)
        return redirect("wagtailadmin_pages:edit", page.pk)
    message = _("Page « %(title)s » supprimée.") % {"title": page.get_admin_display_title()}
    if copies:
        message += " " + _("Ses versions dans les autres langues aussi : %(copies)s.") % {
            "copies": lifecycle.copies_text(copies)
        }
    messages.success(request, message)
    for fn in hooks.get_hooks("after_delete_page"):
        result = fn(request, page)
        if hasattr(result, "status_code"):
            return result
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore", args=[parent_id]))


class DeleteInEveryLanguageBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete of pages, each page with its language copies; all refused (with the reasons) when
    something protects one of them, before Wagtail's own refusal (a bare "permission denied")."""

    def prepare_action(self, objects, objects_without_access):
        refused = False
        for page in objects:
            reasons = lifecycle.deletion_refusals(lifecycle.deletion_roots(page))
            if reasons:
                _refuse(self.request, page, reasons)
                refused = True
        if refused:
            return redirect(self.next_url)
        return super().prepare_action(objects, objects_without_access)

    def get_execution_context(self):
        self.copies_deleted = []
        return {**super().get_execution_context(), "copies": self.copies_deleted}

    @classmethod
    def execute_action(cls, objects, user=None, copies=None, **kwargs):
        parents = children = 0
        for page in objects:
            if Page.objects.filter(pk=page.pk).exists():  # not already gone with an ancestor in the selection
                children += page.get_descendant_count()
                gone = lifecycle.delete_everywhere(page, user=user)
                if copies is not None:
                    copies.extend(gone)
                parents += 1
        return parents, children

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = super().get_success_message(num_parent_objects, num_child_objects)
        if self.copies_deleted:
            message += " " + _("Leurs versions dans les autres langues aussi : %(copies)s.") % {
                "copies": lifecycle.copies_text(self.copies_deleted)
            }
        return message

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except lifecycle.DeletionRefused as refused:
            messages.error(self.request, " ".join(refused.messages))
            return redirect(self.next_url)


# Registered after Wagtail's own bulk delete of pages (order 0), which it replaces.
hooks.register("register_bulk_action", DeleteInEveryLanguageBulkAction, order=10)


# Images are public files: never moved into a restricted collection in bulk either (cms.images).
hooks.register("before_bulk_action", images.refuse_restricted_collection)


# --- Translations go through moderation (cms.moderation) ---------------------------------------------------------


@hooks.register("register_admin_urls", order=-1)  # before wagtail-localize's, whose view this one replaces
def held_strings_update_translations_url():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            translation_views.update_translations_view(),
            name="cms_update_translations",
        )
    ]


@hooks.register("before_edit_page", order=-1)  # before wagtail-localize's, which shows the translation editor
def translation_editor_for_editors(request, page):
    """For a user who may edit a translated page but not publish it: the translation editor's main action submits
    the translation for moderation (POST ``action=publish`` is taken as "submit"), and it offers no "Convert to
    alias page". Publishers get wagtail-localize's editor unchanged."""
    from wagtail_localize.models import Translation
    from wagtail_localize.views.edit_translation import edit_translation

    if page.alias_of_id:
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return None
    permissions = page.permissions_for_user(request.user)
    if permissions.can_publish() or not permissions.can_edit():
        return None
    can_submit = page.get_workflow() is not None
    if request.method == "POST":
        if request.POST.get("action") != "publish":
            return None  # wagtail-localize's other actions (stop synchronising, lock...) as they are
        if not can_submit:
            raise PermissionDenied
        try:
            moderation.submit_translation(translation, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("La traduction « %(title)s » (%(language)s) est soumise à la modération.")
                % {"title": page.get_admin_display_title(), "language": translation.target_locale.get_display_name()},
            )
        return redirect(request.path)
    return moderation.editor_props(edit_translation(request, translation, page), can_submit)
