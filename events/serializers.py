"""How activities and visits look in the Wagtail API v2 (``/api/v2/pages/``): the ``APIField`` serializers.

Shapes (all times ISO 8601 with their Europe/Brussels offset, e.g. ``2017-04-24T09:30:00+02:00``; labels and
names in the page's own language; rich text as HTML):

- ``start``/``end``: ``"2017-04-24T09:30:00+02:00"``
- ``phase``: ``{"value": "orientation", "label": "Orientation"}`` or ``null`` (visits)
- ``commune``: ``{"slug": "forest", "name": "Forest"}``; ``other_communes``: ``[{"slug", "name"}, ...]``
- ``venue``: ``{"name", "address" (street and number), "postcode", "commune": {"slug", "name"}}`` or ``null``
- ``registration``: ``{"required": bool, "how": str, "open": bool}``
- ``organisers``: ``[{"name", "short_name", "website"}, ...]``
- ``itinerary``: ``[{"time": "08:30", "place", "address", "description"}, ...]``
- ``meals``: ``[{"label", "price": "12.50", "currency": "EUR"}, ...]``
- StreamFields: Wagtail's ``[{"type", "value", "id"}, ...]`` with every rich text block rendered as HTML.

Nothing here imports a model, so ``events.models`` can use these classes in its ``api_fields``.
"""

from django.utils import translation
from rest_framework.fields import Field
from wagtail import blocks
from wagtail.rich_text import expand_db_html

from cms.days import local


def local_iso(value):
    """Aware datetime → ISO 8601 string in Europe/Brussels with its UTC offset; ``None`` stays ``None``."""
    return local(value).isoformat() if value else None


def commune_data(commune):
    return {"slug": commune.slug, "name": commune.name} if commune else None


class ReadOnlyField(Field):
    """A field that the API only shows (the Wagtail API is read-only)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class WholeObjectField(ReadOnlyField):
    """A read-only field computed from the whole page rather than one attribute."""

    def get_attribute(self, instance):
        return instance


class LocalDateTimeField(ReadOnlyField):
    def to_representation(self, value):
        return local_iso(value)


class PhaseField(WholeObjectField):
    """``{"value", "label"}`` with the label in the page's language; ``None`` for a visit."""

    def to_representation(self, page):
        phase = page.phase_choice
        if phase is None:
            return None
        with translation.override(page.locale.language_code):
            return {"value": phase.value, "label": str(phase.label)}


class CommuneField(ReadOnlyField):
    def to_representation(self, commune):
        return commune_data(commune)


class OtherCommunesField(WholeObjectField):
    def to_representation(self, page):
        return [commune_data(commune) for commune in page.communes()[1:]]


class VenueField(ReadOnlyField):
    def to_representation(self, venue):
        if venue is None:
            return None
        return {
            "name": venue.name,
            "address": venue.street,
            "postcode": venue.postcode or venue.commune.postcode,
            "commune": commune_data(venue.commune),
        }


class RegistrationField(WholeObjectField):
    def to_representation(self, page):
        return {
            "required": page.registration_required,
            "how": page.registration_info,
            "open": page.accepts_registrations,
        }


class OrganisersField(WholeObjectField):
    def to_representation(self, page):
        return [
            {
                "name": link.organisation.name,
                "short_name": link.organisation.short_name,
                "website": link.organisation.website,
            }
            for link in page.organisers.all()
        ]


class ItineraryField(ReadOnlyField):
    def to_representation(self, stream):
        return [
            {
                "time": stop.value["time"].strftime("%H:%M") if stop.value["time"] else None,
                "place": stop.value["place"],
                "address": stop.value["address"],
                "description": stop.value["description"],
            }
            for stop in stream
        ]


class MealsField(ReadOnlyField):
    def to_representation(self, stream):
        return [
            {"label": meal.value["label"], "price": f"{meal.value['price']:.2f}", "currency": "EUR"} for meal in stream
        ]


def block_api_value(block, value, context=None):
    """Like ``block.get_api_representation`` but with every ``RichTextBlock`` value rendered as HTML."""
    if isinstance(block, blocks.RichTextBlock):
        return expand_db_html(value.source) if value is not None else ""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": child.block_type, "value": block_api_value(child.block, child.value, context), "id": child.id}
            for child in value
        ]
    if isinstance(block, blocks.ListBlock):
        return [block_api_value(block.child_block, item, context) for item in value]
    if isinstance(block, blocks.StructBlock):
        return {name: block_api_value(child, value.get(name), context) for name, child in block.child_blocks.items()}
    return block.get_api_representation(value, context)


class StreamHTMLField(ReadOnlyField):
    """A StreamField as Wagtail's API shows it, except that rich text is HTML instead of the database format."""

    def to_representation(self, stream):
        return block_api_value(stream.stream_block, stream, self.context)


class RichTextHTMLField(ReadOnlyField):
    """A ``RichTextField`` as HTML (links to pages and documents resolved)."""

    def to_representation(self, value):
        return expand_db_html(value or "")
