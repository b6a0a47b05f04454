"""Images are public files: none may sit in a restricted collection.

Wagtail serves an image's original and renditions as plain files (``/media/original_images/…``,
``/media/images/…`` from the app server, or public-read objects on the bucket or its CDN, see
``cms.storage`` and ``trajet_emploi.media``), with no privacy check, unlike documents (``/documents/<id>/…``,
checked). So the rule for images is: **an image is never placed in a collection under a view restriction** (the
partners' "Procès-verbaux" above all); a private picture goes into a meeting as a document annex instead.

- ``PublicImageForm`` (``WAGTAILIMAGES_IMAGE_FORM_BASE``): the image forms of the admin (add, edit, multiple upload,
  chooser upload) refuse such a collection with a French message;
- ``refuse_restricted_collection`` (a ``before_bulk_action`` hook): so does the bulk "Ajouter à la collection";
- ``exposed_images()``: images sitting in a restricted collection all the same (a collection restricted after the
  fact, code), listed by ``check_restricted_documents``. ``/api/v2/images/`` leaves them out for visitors who do
  not pass the restriction (Wagtail's ``get_restricted_collection_ids``), but their files stay public.

Sources: Wagtail 7.4 ``wagtail.images.forms.get_image_base_form``, ``AddToCollectionBulkAction``,
``Collection.get_view_restrictions``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection, CollectionViewRestriction


def refusal(collection):
    """The French (translated) message refusing ``collection`` for images."""
    return _(
        "Les images sont publiques : elles ne peuvent pas être rangées dans la collection à accès restreint "
        "« %(collection)s ». Choisissez une autre collection, ou joignez le fichier comme document."
    ) % {"collection": collection.name}


def is_restricted(collection):
    """Whether ``collection`` (a ``Collection``) or one of its ancestors has a view restriction. One query."""
    return collection.get_view_restrictions().exists()


class PublicImageForm(BaseImageForm):
    def clean_collection(self):
        collection = self.cleaned_data.get("collection")
        if collection is not None and is_restricted(collection):
            raise ValidationError(refusal(collection), code="restricted_collection")
        return collection


def refuse_restricted_collection(request, action_type, objects, action):
    """``before_bulk_action``: the bulk "add to collection" of images into a restricted collection is refused
    (back to the listing with the message); anything else goes on."""
    if action_type != "add_to_collection" or action.model is not get_image_model():
        return None
    collection = action.cleaned_form.cleaned_data.get("collection")
    if collection is None or not is_restricted(collection):
        return None
    messages.error(request, refusal(collection))
    return redirect(action.next_url)


def exposed_images():
    """Images in a restricted collection (its own restriction or an ancestor's), by id: their files are public."""
    restricted = Collection.objects.none()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True).distinct():
        restricted |= Collection.objects.filter(path__startswith=path)
    return list(get_image_model().objects.filter(collection__in=restricted).select_related("collection").order_by("pk"))
