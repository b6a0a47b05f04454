"""wagtail-localize's "Sync translated pages" view, held to the translations' moderation (``cms.moderation``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView

from cms.i18n import update_translation


def update_translations_view():
    """wagtail-localize's "Sync translated pages" view (``/admin/localize/update/<source id>/``) whose "Publish
    immediately" publishes each translated page through ``cms.i18n.update_translation``: strings nobody approved
    are held there too (the view asks for no permission to publish, so an editor could otherwise publish their own
    strings with it). Snippets are saved as wagtail-localize saves them."""

    class HeldStringsUpdateTranslationsView(UpdateTranslationsView):
        @transaction.atomic
        def form_valid(self, form):
            is_page = issubclass(self.object.specific_content_type.model_class(), Page)
            if not (is_page and form.cleaned_data["publish_translations"]):
                return super().form_valid(form)
            form.cleaned_data["publish_translations"] = False  # refreshes the source, view restrictions, components
            response = super().form_valid(form)
            for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
                try:
                    with transaction.atomic():
                        update_translation(self.object, translation.target_locale, user=self.request.user)
                except ValidationError:
                    pass  # as wagtail-localize: the translation editor shows the error
            return response

    return HeldStringsUpdateTranslationsView.as_view()
