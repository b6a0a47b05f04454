"""What an activity or a visit announces, and when that changes: ``status``, date, time and place.

``sequence`` is the RFC 5545 ``SEQUENCE`` (§3.8.7.4) of the event: it starts at 0 and is raised by one each time
the French (default-locale) page, once published, is saved with another ``status``, ``start``, ``end`` or
``venue`` (a publication: Wagtail saves the page row in full only then; draft revisions save a few fields).
A change of ``start`` or ``end`` keeps the former ones in ``previous_start``/``previous_end`` (schema.org
``previousStartDate``, and the "old date" of the registrants' e-mail).

Translations and aliases carry the French page's values: every save of one copies ``status``, ``sequence``,
``previous_start`` and ``previous_end`` from the French row, so every door shows the same status in every
language and a calendar sees one ``SEQUENCE`` per ``UID`` (the ``translation_key``).

The registrants are e-mailed by ``registrations.allocation.announce_on_publish`` (a page whose ``sequence`` is
higher than what each of them last heard of).
"""

from wagtail.models import Locale

ANNOUNCED = ("status", "start", "end", "venue_id")
HISTORY = ("sequence", "previous_start", "previous_end")


def stamp_schedule_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` receiver for ``ScheduledPage`` and its subclasses (see the module docstring)."""
    from .models import ScheduledPage

    if raw or update_fields is not None or instance.pk is None or not isinstance(instance, ScheduledPage):
        return
    default = Locale.get_default()
    if instance.locale_id != default.pk:
        source = (
            ScheduledPage.objects.filter(translation_key=instance.translation_key, locale=default)
            .values("status", *HISTORY)
            .first()
        )
        for name, value in (source or {}).items():
            setattr(instance, name, value)
        return
    old = (
        ScheduledPage.objects.filter(pk=instance.pk).values(*ANNOUNCED, *HISTORY, "live", "first_published_at").first()
    )
    if old is None:
        return
    # A revision being published may carry an older history than the row's: the row's is the true one.
    for name in HISTORY:
        setattr(instance, name, old[name])
    if not old["live"] and old["first_published_at"] is None:
        return  # never shown: nothing announced to correct
    moved = (old["start"], old["end"]) != (instance.start, instance.end)
    if moved or old["status"] != instance.status or old["venue_id"] != instance.venue_id:
        instance.sequence = old["sequence"] + 1
    if moved:
        instance.previous_start, instance.previous_end = old["start"], old["end"]
