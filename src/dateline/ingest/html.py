"""Main text and metadata of an HTML news page, with trafilatura and htmldate.

trafilatura finds the article body (its precision mode, unless that loses most of the
text), title, authors and site name; htmldate finds the publication date
(``original_date=True``: the first publication, not the last modification), and when the
markup states none the page's visible text is read the way ``clean_text`` reads a scrape.
Both libraries get the parsed HTML, never a URL, so nothing is downloaded. The body then
loses the lines our plain-text cleaner knows as furniture (ads, share prompts, counters,
newsletter boxes) and keeps everything else; paragraphs are joined by blank lines.
"""
from __future__ import annotations

import copy
import logging
import re

from dateline.ingest.cleaned import Cleaned
from dateline.ingest.text import debris_class

# trafilatura's precision mode drops more furniture (benchmark F1 0.964 vs 0.960) but on a
# few pages loses the article itself; then it keeps a small share of what the default mode
# keeps, and the default text is used. Any share between 0.1 and 0.27 gives the same
# benchmark result; a quarter is the rule.
_MIN_PRECISE_SHARE = 0.25
# Fewer words than this is navigation or a form, not an article (a news brief has 30+).
_MIN_WORDS = 10
# Furniture classes that are safe to drop from an extracted body line by line. (Captions,
# related links and tail markers are left to trafilatura: on HTML it sees the page
# structure, and a false "end" would cost content.)
_DROP_IN_HTML = {"advert", "share", "follow", "counter", "newsletter", "cookie", "comment-form"}

for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _load(html: str | bytes):
    import trafilatura

    if isinstance(html, bytes):
        if html[:2] == b"\x1f\x8b":
            raise ValueError("gzip-compressed input: decompress before extraction")
    tree = trafilatura.load_html(html)
    return tree


def _publication_date(tree, url: str | None) -> tuple[str | None, str]:
    """htmldate on a copy of the tree: markup first (meta tags, JSON-LD, <time>), then its
    extensive search of the page text. Returns (ISO date or None, how)."""
    from htmldate import find_date

    for extensive in (False, True):
        try:
            found = find_date(copy.deepcopy(tree), url=url, original_date=True,
                              extensive_search=extensive, outputformat="%Y-%m-%d")
        except Exception:  # htmldate is defensive but an odd page must not stop a batch
            found = None
        if not found:
            continue
        if extensive and found not in _visible_dates(tree):
            # htmldate's text search turns a bare year ("Copyright 2023") into 2023-01-01;
            # a date the page does not state in full is not a publication date.
            return None, f"htmldate guessed {found}, which the page does not state"
        return found, "html:htmldate " + ("extensive search" if extensive else "markup/url")
    return None, ""


def _visible_dates(tree) -> set[str]:
    """Every full date written in the page's visible text (pubdate's formats)."""
    from dateline.ingest.pubdate import find_dates

    texts = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    found = set()
    for text in texts:
        if any(ch.isdigit() for ch in text):
            found.update(d.value[:10] for d in find_dates(" ".join(text.split())))
    return found


_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "tr", "header", "footer",
           "section", "article", "figcaption", "figure", "blockquote", "ul", "ol", "nav", "aside",
           "main", "br", "time", "address", "dd", "dt", "table", "form", "button", "label"}


def visible_text(tree) -> str:
    """The page as a browser copy would give it: the visible text of its <article> (else
    <main>, else <body>), one line per block element. Used to read a publication date the
    way the plain-text cleaner does when the markup states none."""
    tree = copy.deepcopy(tree)
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg|//iframe"):
        bad.drop_tree()
    body = tree.find("body")
    root = body if body is not None else tree
    candidates = root.xpath("//article") or root.xpath("//main")
    if candidates:
        root = max(candidates, key=lambda el: len(el.text_content()))
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    out: list[str] = []
    for line in root.text_content().split("\n"):
        line = " ".join(line.split())
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    return "\n".join(out)


def _clean_body(text: str) -> tuple[str, list[dict]]:
    paragraphs, dropped = [], []
    for n, line in enumerate(text.split("\n"), 1):
        line = re.sub(r"\s+", " ", line).strip()
        if not line:
            continue
        cls = debris_class(line)
        if cls in _DROP_IN_HTML:
            dropped.append({"paragraph": n, "rule": cls, "text": line[:80]})
            continue
        paragraphs.append(line)
    return "\n\n".join(paragraphs), dropped


def _authors(author: str, meta: dict, prov: dict) -> None:
    """trafilatura's author string ("A; B; Reuters; Ap Auto Writer") split into people,
    an agency and role words, with the byline rules of the text cleaner."""
    from dateline.ingest.text import find_agency, role_words

    meta["byline"] = author
    people = []
    for item in (a.strip() for a in author.split(";")):
        if not item:
            continue
        agency = find_agency(item)
        if agency and agency[1].group(0).lower() == item.lower():
            meta.setdefault("agency", agency[0])
            prov.setdefault("agency", "html:trafilatura author")
        elif role_words(item):
            meta.setdefault("roles", []).append(item)
        else:
            people.append(item)
    if people:
        meta["authors"] = people
        prov["authors"] = "html:trafilatura author"


def extract_html(html: str | bytes, url: str | None = None) -> Cleaned:
    """Body, title, authors, site name and publication date of one HTML page.

    Raises ValueError("no article text found") when the page holds no main text.
    Never fetches anything: ``url`` only helps metadata (domain, date in the path).
    """
    import trafilatura

    tree = _load(html)
    if tree is None:
        raise ValueError("no article text found")
    published, how = _publication_date(tree, url)
    doc = trafilatura.bare_extraction(copy.deepcopy(tree), url=url, include_comments=False,
                                      with_metadata=True)
    full_text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not full_text.strip():
        raise ValueError("no article text found")
    precise = trafilatura.bare_extraction(copy.deepcopy(tree), url=url, include_comments=False,
                                          favor_precision=True)
    precise_text = (getattr(precise, "text", None) or "") if precise is not None else ""
    if len(precise_text.strip()) >= _MIN_PRECISE_SHARE * len(full_text.strip()):
        text, mode = precise_text, "trafilatura favor_precision"
    else:
        text, mode = full_text, "trafilatura defaults (precision mode lost most of the text)"
    body, dropped = _clean_body(text)
    if len(re.findall(r"\w+", body)) < _MIN_WORDS:
        raise ValueError("no article text found")

    result = Cleaned(body=body)
    meta, prov = result.metadata, result.provenance
    prov["body"] = "html:" + mode
    if doc.title:
        result.title = doc.title.strip()
        prov["title"] = "html:trafilatura title"
    if doc.author:
        _authors(doc.author, meta, prov)
    for key, attr in (("site", "sitename"), ("standfirst", "description"), ("hostname", "hostname"),
                      ("url", "url"), ("language", "language")):
        value = getattr(doc, attr, None)
        if value:
            meta[key] = value
            prov[key] = f"html:trafilatura {attr}"
    for key, attr in (("categories", "categories"), ("tags", "tags")):
        value = getattr(doc, attr, None)
        if value:
            meta[key] = list(value)
    if published:
        result.published = published
        prov["published"] = how
    else:
        # No date in the markup: read the page text as the plain-text cleaner reads a scrape
        # (labelled "Published ..." lines near the headline, local formats, ambiguity).
        from dateline.ingest.text import clean_text

        from_text = clean_text(visible_text(tree), url=url)
        if from_text.published:
            result.published = from_text.published
            result.published_ambiguous = from_text.published_ambiguous
            prov["published"] = "html:visible " + from_text.provenance["published"]
            if "published_order" in from_text.metadata:
                meta["published_order"] = from_text.metadata["published_order"]
            result.warnings.extend(w for w in from_text.warnings if w.startswith("ambiguous numeric date"))
            if how:
                result.warnings.append(how)
        else:
            result.warnings.append("no publication date found in the page" + (f" ({how})" if how else ""))
    if dropped:
        meta["dropped"] = dropped
    return result
