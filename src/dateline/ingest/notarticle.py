"""Inputs that are not news articles, found before they are stored.

A folder of pages often holds other things: the folder's README, an image-search result
saved as a page ("Google Image Result for ..."), a tweet, a script-driven page saved before
its content loaded ("Loading..."). Stored as articles they would add furniture and false
events. :func:`not_article_reason` says why an input is not an article, from its file
name, address, title, site name and body, with the patterns of ``data/not_articles.txt``;
the ingest job counts such an input as "skipped (not articles)" with that reason.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

_SHELL_MAX_WORDS = 80        # a body this short may be a placeholder page
_MARKDOWN_MIN_LINES = 3      # this many markdown lines make a .md file a project document
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".rst", ".mdown", ".mkd")


@lru_cache(maxsize=None)
def _rules() -> tuple[dict[str, str], list[tuple[str, str, re.Pattern]]]:
    reasons: dict[str, str] = {}
    rules: list[tuple[str, str, re.Pattern]] = []
    for line in (DATA / "not_articles.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        first, kind, rest = line.split("\t", 2)
        if first == "reason":
            reasons[kind] = rest.strip()
        else:
            rules.append((first, kind, re.compile(rest.strip(), re.IGNORECASE)))
    return reasons, rules


def _file_name(source: str | None) -> str | None:
    """The input file's name without ".gz"; None for a record of a JSONL/WARC file or stdin."""
    if not source or source == "-" or "#" in source:
        return None
    name = Path(source).name
    return name[:-3] if name.lower().endswith(".gz") else name


def not_article_reason(*, source: str | None = None, title: str | None = None,
                       body: str = "", url: str | None = None, site: str | None = None) -> str | None:
    """Why this input is not a news article, or None when it may be one.

    ``source`` is the input's path ("FILE#N" for a record), ``url`` the page's address,
    ``site`` its og:site_name; ``body`` the cleaned text.
    """
    reasons, rules = _rules()
    name = _file_name(source)
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    short = len(re.findall(r"\w+", body)) < _SHELL_MAX_WORDS
    fields = {"file": [name] if name else [], "url": [url] if url else [],
              "title": [" ".join(title.split())] if title else [], "site": [site.strip()] if site else [],
              "shell-line": lines if short else []}
    markdown_hits: dict[str, int] = {}
    is_markdown = bool(name) and name.lower().endswith(_MARKDOWN_SUFFIXES)
    for kind, field, pattern in rules:
        if field == "markdown":
            if is_markdown:
                markdown_hits[kind] = markdown_hits.get(kind, 0) + sum(1 for ln in lines if pattern.search(ln))
            continue
        for value in fields.get(field, []):
            if pattern.search(value):
                return _describe(reasons, kind, field, value)
    for kind, hits in markdown_hits.items():
        if hits >= _MARKDOWN_MIN_LINES:
            return f"{reasons.get(kind, kind)} ({hits} markdown lines)"
    return None


def _describe(reasons: dict[str, str], kind: str, field: str, value: str) -> str:
    shown = value if len(value) <= 60 else value[:57] + "..."
    what = {"file": "file name", "shell-line": "body"}.get(field, field)
    return f"{reasons.get(kind, kind)} ({what} {shown!r})"


def article_reason(article) -> str | None:
    """:func:`not_article_reason` for a built :class:`~dateline.model.Article`."""
    meta = article.metadata or {}
    return not_article_reason(source=article.source, title=article.title, body=article.body or "",
                              url=article.url, site=meta.get("site"))
