"""Admin: "Importer un PV (Word)": a .docx becomes a DRAFT meeting page under a partners' space, for review.

Only users who may add a page under a French ``MinutesIndexPage`` (Wagtail's page permissions) see the view;
the draft is never published by the import, and goes through the usual workflow afterwards.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale

from .models import MeetingPage, MinutesIndexPage
from .word_import import WordImportError, clean_rich_text, parse_minutes

NOT_PLACED_TITLE = "À replacer (import Word)"
MESSAGE_LINES = 8  # the success message lists this many not-placed lines; the draft holds them all


def max_upload_bytes():
    """The largest .docx accepted, in bytes (setting ``MINUTES_WORD_IMPORT_MAX_BYTES``, default 5 MB)."""
    return getattr(settings, "MINUTES_WORD_IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def importable_indexes(user):
    """The French partners' spaces under which ``user`` may add a meeting, as a list (usually one)."""
    french = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    indexes = MinutesIndexPage.objects.filter(locale=french).order_by("path")
    return [index for index in indexes if index.permissions_for_user(user).can_add_subpage()]


class WordImportForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Procès-verbal (.docx)"),
        help_text=gettext_lazy("Un document Word .docx ; les images et tableaux ne sont pas importés mais signalés."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )
    index = forms.ModelChoiceField(
        label=gettext_lazy("Espace partenaires"), queryset=MinutesIndexPage.objects.none(), empty_label=None
    )
    start = forms.DateTimeField(
        label=gettext_lazy("Date et heure de la réunion"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy(
            "Heure de Bruxelles. Obligatoire si le document ne la donne pas ; si vous la remplissez, elle "
            "remplace celle du document."
        ),
    )

    def __init__(self, *args, indexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].queryset = MinutesIndexPage.objects.filter(pk__in=[index.pk for index in indexes])
        self.only_index = indexes[0] if len(indexes) == 1 else None
        if self.only_index is not None:  # nothing to choose: not asked
            self.fields["index"].initial = self.only_index.pk
            self.fields["index"].required = False
            self.fields["index"].widget = forms.HiddenInput()
        self.minutes = None

    def clean(self):
        cleaned = super().clean()
        if self.only_index is not None:
            cleaned["index"] = self.only_index
        upload = cleaned.get("document")
        if upload is None:
            return cleaned
        limit = max_upload_bytes()
        if not upload.name.lower().endswith(".docx"):
            self.add_error("document", _("Choisissez un fichier Word au format .docx."))
            return cleaned
        if upload.size > limit:
            # Refused before reading it into memory.
            self.add_error(
                "document",
                _("Le fichier est trop volumineux (%(size)s Mo, maximum %(max)s Mo).")
                % {"size": round(upload.size / 1048576, 1), "max": round(limit / 1048576, 1)},
            )
            return cleaned
        try:
            self.minutes = parse_minutes(upload.read(), max_bytes=limit)
        except WordImportError as error:
            self.add_error("document", str(error))
            return cleaned
        if cleaned.get("start") is None and self.minutes.start is None:
            self.add_error(
                "start",
                _(
                    "Le document ne donne pas la date et l'heure de la réunion : indiquez-les (et choisissez à nouveau le fichier)."
                ),
            )
        return cleaned


def not_placed_item(lines):
    """The agenda item that keeps what the import could not place, for the editor to move and then delete."""
    intro = _(
        "L'import n'a pas su où placer ce qui suit : déplacez-le dans le bon point ou supprimez-le, puis "
        "supprimez ce point « %(title)s »."
    ) % {"title": NOT_PLACED_TITLE}
    html = "<p>{}</p><ul>{}</ul>".format(escape(intro), "".join(f"<li>{escape(line)}</li>" for line in lines))
    return {
        "title": NOT_PLACED_TITLE,
        "discussion": clean_rich_text(html, ["bold", "italic", "ul"]),
        "decisions": [],
        "actions": [],
    }


def meeting_title(minutes, start):
    """The document's own title, else "Réunion de la CZS du 21 avril 2017" from the meeting's local date."""
    if minutes.title:
        return minutes.title[:255]
    day = formats.date_format(timezone.localtime(start), "j F Y")
    return _("Réunion de la CZS du %(day)s") % {"day": day}


def create_draft(minutes, index, start, user):
    """A DRAFT ``MeetingPage`` under ``index`` (French, never live) from ``minutes`` (an ``ImportedMinutes``),
    with one revision by ``user``; all or nothing (one transaction). ``start``: aware datetime.
    :returns: the page."""
    agenda = [
        ("item", {"title": item.title, "discussion": item.discussion, "decisions": [], "actions": []})
        for item in minutes.items
    ]
    if minutes.not_placed:
        agenda.append(("item", not_placed_item(minutes.not_placed)))
    title = meeting_title(minutes, start)
    page = MeetingPage(
        title=title,
        slug=find_available_slug(index, slugify(title) or "reunion"),
        locale=index.locale,
        start=start,
        agenda=agenda,
        next_meeting_start=minutes.next_meeting_start,
        next_meeting_place=minutes.next_meeting_place,
        next_meeting_to_be_confirmed=minutes.next_meeting_to_be_confirmed,
        next_meeting_agenda=minutes.next_meeting_agenda,
        live=False,
        owner=user,
    )
    with transaction.atomic():
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=False)
        log(instance=page, action="wagtail.create", user=user)
    return page


def success_message(page, minutes):
    """French: the draft is made; what was recognised; what could not be placed (first lines)."""
    parts = [
        _("Brouillon « %(title)s » créé à partir du document Word (%(count)s points), non publié : relisez-le.")
        % {"title": page.title, "count": len(minutes.items)}
    ]
    if minutes.next_meeting_start:
        parts.append(
            _("Prochaine réunion reconnue : %(when)s.")
            % {"when": formats.date_format(timezone.localtime(minutes.next_meeting_start), "j F Y, H:i")}
        )
    parts.extend(minutes.found)
    if minutes.not_placed:
        shown = minutes.not_placed[:MESSAGE_LINES]
        parts.append(
            _("Non placé (%(count)s), gardé dans le dernier point « %(title)s » : %(lines)s")
            % {"count": len(minutes.not_placed), "title": NOT_PLACED_TITLE, "lines": " ; ".join(shown)}
            + (" …" if len(minutes.not_placed) > MESSAGE_LINES else "")
        )
    else:
        parts.append(_("Tout le texte a été placé."))
    return " ".join(parts)


class WordImportView(WagtailAdminTemplateMixin, FormView):
    """GET: the form; POST: the draft, then its edit view with the message; errors stay on the form."""

    form_class = WordImportForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = gettext_lazy("Importer un PV (Word)")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.indexes = importable_indexes(request.user)
        if not self.indexes:
            messages.error(
                request,
                _(
                    "Vous ne pouvez pas importer de procès-verbal : il faut le droit d'ajouter une réunion dans "
                    "l'espace partenaires."
                ),
            )
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indexes": self.indexes}

    def get_initial(self):
        wanted = self.request.GET.get("index", "")
        return {"index": int(wanted)} if wanted.isdigit() else {}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_url": reverse("minutes_word_import"),
            "submit_button_label": _("Importer en brouillon"),
            "submit_button_active_label": _("Import…"),
        }

    def form_invalid(self, form):
        messages.error(self.request, _("Le document n'a pas été importé : voyez ci-dessous."))
        return super().form_invalid(form)

    def form_valid(self, form):
        minutes = form.minutes
        start = form.cleaned_data.get("start") or minutes.start
        page = create_draft(minutes, form.cleaned_data["index"], start, self.request.user)
        messages.success(self.request, success_message(page, minutes))
        return redirect("wagtailadmin_pages:edit", page.pk)
