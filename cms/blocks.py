"""StreamField blocks shared by every page type (after wagtail/bakerydemo's base/blocks.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page's heading outline in order."""

    text = blocks.CharBlock(label=_("Texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (H2)")), ("h3", _("Sous-titre (H3)"))],
        default="h2",
        help_text=_("H2 pour une section, H3 pour une sous-section."),
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading_block.html"
        label = _("Titre")


class ImageBlock(blocks.StructBlock):
    """An image with the text alternative that screen readers read out (required)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Texte alternatif"),
        max_length=250,
        help_text=_("Décrivez ce que montre l'image pour les personnes qui ne la voient pas."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "cms/blocks/image_block.html"
        label = _("Image")


class BulletListBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(label=_("Élément")), **kwargs)


PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class BaseStreamBlock(blocks.StreamBlock):
    """Paragraph, heading, list and image: the blocks every body offers."""

    paragraph = blocks.RichTextBlock(label=_("Paragraphe"), features=PARAGRAPH_FEATURES, icon="pilcrow")
    heading = HeadingBlock()
    list = BulletListBlock(label=_("Liste"), icon="list-ul", template="cms/blocks/list_block.html")
    image = ImageBlock()
