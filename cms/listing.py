"""Listings of pages of mixed types (search results): each page class readies its own pages for the facts its
listing shows, with a fixed number of queries, without the listing knowing the class (no import of it)."""

from collections import defaultdict


def prepare_for_listing(pages):
    """Call ``prepare_for_listing(pages)``, the classmethod a page class may define, once per such method with
    the pages it covers (a method shared by a family of classes gets the whole family at once).

    :param pages: specific pages (an iterable; e.g. one page of search results).
    :returns: ``pages`` as a list, in their order.
    """
    pages = list(pages)
    groups = defaultdict(list)
    for page in pages:
        method = getattr(type(page), "prepare_for_listing", None)
        if method is not None:
            groups[method.__func__].append(page)
    for function, group in groups.items():
        function(type(group[0]), group)
    return pages
