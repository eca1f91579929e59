"""From a raw input to an Article: clean, identify, date, detect the language.

Precedence of metadata (recorded in ``Article.provenance``): what the user passed on the
command line, then the JSONL/WARC record's fields, then what the cleaner found in the HTML
metadata or the text. Today's date is never used as a stand-in for a missing date.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from dateline.errors import InputError
from dateline.ingest.readers import RawInput
from dateline.model import Article

_WS = re.compile(r"\s+")


def article_id(body: str) -> str:
    """Hash of the normalised body: same text (modulo whitespace, case, quotes) -> same id."""
    norm = unicodedata.normalize("NFKC", body).replace("\u2019", "'").replace("\u2018", "'")
    norm = norm.replace("\u201c", '"').replace("\u201d", '"')
    norm = _WS.sub(" ", norm).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


def normalise_date(value: str, source: str, what: str = "published") -> str:
    """An ISO date or date-time from user/record input, or InputError naming the input."""
    value = str(value).strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.isoformat(timespec="minutes") if parsed.tzinfo is None else parsed.isoformat()
    except ValueError:
        from dateline.ingest.pubdate import parse_pubdate

        found = parse_pubdate(value)
        if found is not None:
            return found.value
    raise InputError(source, f"{what} date {value!r} is not a date (use YYYY-MM-DD)")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the body's language (py3langid), None for too little text.

    On one English sentence full of names the model's first guess is sometimes an
    English-based creole or a small neighbour ("pcm", "bcl"): when English is among the
    three best guesses and the first is not sure (under 0.9), it is English. When the model
    has no idea ("Erdogan met Putin in Ankara.": its best guess, Indonesian, at 0.07), the
    language is unknown (None), and the text is read as English rather than dropped.
    """
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return None
    ranked = _identifier().rank(sample)[:3]
    lang, prob = ranked[0]
    if lang != "en" and prob < 0.9 and any(code == "en" for code, _ in ranked):
        return "en"
    if prob < NO_IDEA:
        return None
    return lang


#: below this probability the language model's first guess is noise (on one sentence of
#: names the ranked guesses lie within a few hundredths of each other)
NO_IDEA = 0.25


def _identifier():
    """py3langid's model with normalised probabilities, loaded once (ingest/langid_model.py)."""
    from dateline.ingest.langid_model import identifier

    return identifier()


def _language(raw: RawInput, body: str) -> str | None:
    """The record's own "language" (an ISO 639-1 code) when it gives one, else detected."""
    given = str(raw.fields.get("language") or "").strip().lower()
    return given if re.fullmatch(r"[a-z]{2,3}", given) else detect_language(body)


def build_article(raw: RawInput, published: str | None = None, url: str | None = None) -> Article:
    """Clean ``raw`` into an Article. Raises InputError when there is no article in it."""
    from dateline.ingest.cleaned import Cleaned

    if raw.kind == "html":
        from dateline.ingest.html import extract_html

        try:
            cleaned: Cleaned = extract_html(raw.content, url=url or raw.fields.get("url"))
        except ValueError as e:
            raise InputError(raw.source, f"HTML has no article text ({e})") from None
    else:
        from dateline.ingest.text import clean_text

        # A record that gives its title separately has a text that is the body only.
        cleaned = clean_text(raw.content, url=url or raw.fields.get("url"),
                             title=raw.fields.get("title"))

    body = cleaned.body.strip()
    if not body:
        raise InputError(raw.source, "no article text found after removing boilerplate")

    provenance = dict(cleaned.provenance)
    title, pub, pub_source = cleaned.title, cleaned.published, None
    if cleaned.published:
        pub_source = provenance.get("published", "text")
    ambiguous = cleaned.published_ambiguous
    warnings = list(cleaned.warnings) + list(raw.warnings)   # the reader's: charset guess, surrogates

    record_tag = raw.fields.get("origin") or ("jsonl" if "#" in raw.source else None)
    if record_tag:
        if raw.fields.get("title"):
            title = raw.fields["title"]
            provenance["title"] = f"{record_tag}:title"
            warnings = [w for w in warnings if "no title" not in w]
        if raw.fields.get("published"):
            pub = normalise_date(raw.fields["published"], raw.source)
            pub_source, ambiguous = f"{record_tag}:published", False
        if raw.fields.get("url"):
            provenance["url"] = f"{record_tag}:url"
    if published:
        pub, pub_source, ambiguous = normalise_date(published, raw.source), "user", False
    if pub_source:
        provenance["published"] = pub_source
    if pub is not None:  # the cleaner's "no date in the text" no longer matters
        warnings = [w for w in warnings if "no publication date" not in w]
    elif not any("no publication date" in w for w in warnings):
        warnings.append("no publication date found; relative dates stay unresolved")
    if url:
        provenance["url"] = "user"
    the_url = url or raw.fields.get("url") or cleaned.metadata.get("url")
    from dateline import settings

    if len(body) > settings.MAX_BODY_CHARS:   # pipeline.text_for cuts it: say so
        warnings.append(f"body is {len(body):,} characters; only the first {settings.MAX_BODY_CHARS:,} "
                        "are analysed (DATELINE_MAX_BODY_CHARS)")

    article = Article(
        id=article_id(body),
        source=raw.source,
        body=body,
        url=the_url,
        title=title,
        published=pub,
        published_source=(pub_source.split(":")[0] if pub_source else None),
        published_ambiguous=bool(ambiguous),
        language=_language(raw, body),
        raw=raw.content,
        raw_kind=raw.kind,
        metadata={**cleaned.metadata, **({"record_id": raw.fields["id"]} if raw.fields.get("id") else {}),
                  **({"encoding": raw.encoding} if raw.encoding else {})},
        provenance=provenance,
        warnings=warnings,
    )
    if raw.fields.get("origin") == "warc":
        from dateline.ingest.warc import apply_record_metadata

        apply_record_metadata(article, raw)  # crawl date: metadata, and a fallback only
    return article

