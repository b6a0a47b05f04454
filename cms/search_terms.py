"""What a visitor's search text becomes before it reaches Wagtail's search backend (site search and API).

Wagtail 7.4's SQLite FTS5 backend raises on an unbalanced double quote; quotes carry no meaning on this site,
so they are dropped. NUL bytes are dropped too, white space is folded, and the length is capped.
"""

MAX_SEARCH_LENGTH = 200


def search_terms(text):
    """``'  "mef  forest'`` → ``'mef forest'``: a string of at most ``MAX_SEARCH_LENGTH`` characters, possibly empty."""
    return " ".join(text.replace("\x00", " ").replace('"', " ").split())[:MAX_SEARCH_LENGTH]
