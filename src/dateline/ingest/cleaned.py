"""The result of cleaning one scraped article (plain text or HTML), before it becomes an
Article: the lead's readers copy these fields into ``dateline.model.Article``."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cleaned:
    """Body text plus the metadata found around it, each value with where it came from."""

    body: str                              # content paragraphs joined by "\n\n"
    title: str | None = None
    published: str | None = None           # ISO "2023-06-19" or "2023-06-19T06:03"; never today
    published_ambiguous: bool = False      # numeric date whose day/month order was decided from evidence
    published_label: str | None = None     # the label written before it: published | updated | None
    metadata: dict = field(default_factory=dict)    # standfirst, byline, authors, agency, dateline, site, updated, ...
    provenance: dict = field(default_factory=dict)  # field -> where from ("text:line 4", "html:htmldate")
    warnings: list[str] = field(default_factory=list)
