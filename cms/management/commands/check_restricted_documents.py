"""``python manage.py check_restricted_documents [--move-to COLLECTION]``: documents linked from a restricted page
(the partners' minutes, any page under a view restriction) that sit in a public collection, where anyone may
download them (``/documents/<id>/…``) and the public API lists them.

Reads Wagtail's reference index (fields, StreamField and rich-text links, and child rows such as a meeting's
annexes, of the pages as saved). Prints one line per document and exits with status 1 when there is any, so
that it can run from cron or CI. ``--move-to "Procès-verbaux"`` moves them into that collection, which must be
restricted itself.

It also lists the images sitting in a restricted collection (``cms.images.exposed_images``): image files are
public whatever their collection, so such an image must be moved to a public collection or joined as a document
(never moved by ``--move-to``).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, PageViewRestriction, ReferenceIndex

from cms.images import exposed_images


def restricted_pages():
    """Every page under a view restriction (the restricted page and its descendants)."""
    paths = PageViewRestriction.objects.values_list("page__path", flat=True)
    if not paths:
        return Page.objects.none()
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return Page.objects.filter(q)


def exposed_documents():
    """``[(document, [page, ...])]``: documents referenced by restricted pages whose collection has no view
    restriction (neither its own nor an ancestor's), by document id."""
    Document = get_document_model()
    pages = {str(page.pk): page for page in restricted_pages()}
    if not pages:
        return []
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=list(pages),
        to_content_type=ContentType.objects.get_for_model(Document),
    ).values_list("to_object_id", "object_id")
    linked = {}
    for document_id, page_id in references:
        linked.setdefault(document_id, set()).add(page_id)
    documents = Document.objects.filter(pk__in=list(linked)).select_related("collection").order_by("pk")
    return [
        (document, sorted((pages[page_id] for page_id in linked[str(document.pk)]), key=lambda page: page.pk))
        for document in documents
        if not document.collection.get_view_restrictions().exists()
    ]


class Command(BaseCommand):
    help = "Liste les documents liés depuis une page à accès restreint mais rangés dans une collection publique."

    def add_arguments(self, parser):
        parser.add_argument("--move-to", metavar="COLLECTION", help="déplacer ces documents dans cette collection")

    def handle(self, *args, move_to=None, **options):
        exposed = exposed_documents()
        target = None
        if move_to:
            target = Collection.objects.filter(name=move_to).first()
            if target is None or not target.get_view_restrictions().exists():
                raise CommandError(f"La collection « {move_to} » n'existe pas ou n'est pas restreinte.")
        for document, pages in exposed:
            linked_from = ", ".join(f"{page.title} (#{page.pk})" for page in pages)
            self.stdout.write(
                f"document #{document.pk} « {document.title} » – collection « {document.collection.name} » "
                f"(publique) – lié depuis : {linked_from}"
            )
            if target is not None:
                document.collection = target
                document.save(update_fields=["collection"])
        images = exposed_images()
        for image in images:
            self.stdout.write(
                f"image #{image.pk} « {image.title} » – collection « {image.collection.name} » (restreinte) – "
                "ses fichiers restent publics : la ranger dans une collection publique ou la joindre comme document"
            )
        if not exposed:
            self.stdout.write("Aucun document de page restreinte dans une collection publique.")
        elif target is not None:
            self.stdout.write(f"{len(exposed)} document(s) déplacé(s) dans « {target.name} ».")
        if exposed and target is None:
            raise CommandError(f"{len(exposed)} document(s) d'une page restreinte sont publics.", returncode=1)
        if images:
            raise CommandError(f"{len(images)} image(s) dans une collection restreinte.", returncode=1)
