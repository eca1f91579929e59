"""The temporal stage: time expressions of the article body, resolved against its
publication date (never today's date)."""
from __future__ import annotations

from dateline.time.recognise import find_timexes


def timex_stage(document) -> None:
    """Sets ``document.timexes`` from ``document.doc`` (offsets into the body).

    A publication date the stage cannot read is treated as absent (relative expressions
    stay underspecified) and noted in ``document.warnings``."""
    published = getattr(document.article, "published", None)
    source = document.doc if document.doc is not None else document.text
    try:
        document.timexes = find_timexes(source, published)
    except ValueError as err:
        document.warnings.append(f"timex: publication date ignored: {err}")
        document.timexes = find_timexes(source, None)
