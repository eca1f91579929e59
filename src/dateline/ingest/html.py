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
from functools import lru_cache

from dateline.ingest.cleaned import Cleaned
from dateline.ingest.pubdate import url_path_date
from dateline.ingest.text import _TERMINAL, _data_lines, _is_sentence, _Line, debris_class

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
_DROP_IN_HTML = {"advert", "share", "follow", "counter", "newsletter", "cookie", "comment-form",
                 "credit", "promo", "related", "related-block"}
# A hidden-block match larger than this is no hover card: it is kept (a page may mark its
# whole article "hidden" until a script shows it).
_MAX_HIDDEN_CHARS = 1000

for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _load(html: str | bytes):
    import trafilatura

    if isinstance(html, bytes):
        if html[:2] == b"\x1f\x8b":
            raise ValueError("gzip-compressed input: decompress before extraction")
    tree = trafilatura.load_html(html)
    if tree is not None:
        _drop_hidden_blocks(tree)
    return tree


@lru_cache(maxsize=None)
def _hidden_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{line})" for line in _data_lines("hidden_blocks.txt")), re.IGNORECASE)


def _drop_hidden_blocks(tree) -> None:
    """Remove hover cards, tooltips and screen-reader labels (``data/hidden_blocks.txt``):
    inside a paragraph they would glue a person's other headlines into the sentence."""
    pattern = _hidden_pattern()
    matched = [el for el in tree.xpath("//*[@class or @id]")
               if any(pattern.search(t) for t in ((el.get("class") or "") + " " + (el.get("id") or "")).split())]
    if not matched:
        return
    matched_set, inner = set(matched), set()
    for el in matched:   # a wrapper ("rollover-people": the name plus its card) keeps the name
        inner.update(a for a in el.iterancestors() if a in matched_set)
    doomed = [el for el in matched if el not in inner
              and len(el.text_content()) < _MAX_HIDDEN_CHARS and not el.xpath(".//p")]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


# --------------------------------------------------------------------------------------
# Title: the visible headline, without the site's name
# --------------------------------------------------------------------------------------
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+|\s*\|\s*")
_MIN_HEADLINE_WORDS = 3      # an <h1> shorter than this is a logo or a section name
_MIN_TITLE_WORDS_LEFT = 4    # never strip a title down to fewer words than this


@lru_cache(maxsize=None)
def _section_suffixes() -> list[re.Pattern]:
    return [re.compile(rf"(?:{line})", re.IGNORECASE) for line in _data_lines("title_suffixes.txt")]


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _brand_like(segment: str, site: str | None, host: str | None) -> bool:
    """A title segment that names the site (og:site_name, the domain) or a section."""
    seg = _squash(re.sub(r"^the\s+", "", segment.strip(), flags=re.IGNORECASE))
    if not seg:
        return True
    if len(segment.split()) > 4:
        return False    # a site or section name is short; a headline that starts with one is not it
    names = set()
    if site:
        names.add(_squash(re.sub(r"^the\s+", "", site.strip(), flags=re.IGNORECASE)))
    if host:
        labels = [lb for lb in host.lower().split(".") if lb not in ("www", "m", "amp", "edition", "news")]
        if labels:
            names.add(_squash(labels[0]))                   # theguardian.com -> theguardian
            names.add(_squash(".".join(labels)))            # "techcrunch.com" written as a suffix
    names |= {n[3:] for n in names if n.startswith("the") and len(n) > 6}
    names.discard("")
    for name in names:
        if seg == name or (len(name) >= 4 and (seg.startswith(name) or name.startswith(seg) and len(seg) >= 4)):
            return True
        if seg.startswith("the") and seg[3:] == name:
            return True
    return any(p.fullmatch(segment.strip()) for p in _section_suffixes())


def strip_site_suffix(title: str, site: str | None = None, host: str | None = None) -> str:
    """``title`` without trailing " | Site" / " - Section" segments that name the site or a
    section (never leaving fewer than four words, never cutting a segment that is not
    brand-like: a headline's own dash stays)."""
    while True:
        parts = list(_TITLE_SEPARATOR.finditer(title))
        if not parts:
            return title
        last = parts[-1]
        head, tail = title[:last.start()].rstrip(), title[last.end():]
        if len(re.findall(r"\w+", head)) < _MIN_TITLE_WORDS_LEFT or len(tail.split()) > 6:
            return title
        if not _brand_like(tail, site, host):
            return title
        title = head


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _visible_headline(tree, title: str) -> str | None:
    """The page's own <h1> when it tells the same story as the metadata title: the reader
    sees it, and the <title>/og:title is often a shorter SEO variant. An <h1> that shares
    less than half of its words with the title (a logo, a section name) is not it."""
    want = _words(title)
    best, best_share = None, 0.0
    for h1 in tree.xpath("//body//h1"):
        text = " ".join(h1.text_content().split())
        words = _words(text)
        if len(re.findall(r"\w+", text)) < _MIN_HEADLINE_WORDS or len(text) > 300:
            continue
        share = len(words & want) / max(1, min(len(words), len(want)))
        if share > best_share:
            best, best_share = text, share
    return best if best_share >= 0.5 else None


def _headline(tree, title: str | None, site: str | None, host: str | None) -> tuple[str | None, str]:
    """(title, how): the visible <h1> when it matches the metadata title, else the metadata
    title without its site suffix."""
    if title and _brand_like(title, site, host):
        title = None    # the site's name taken for the headline (a logo <h1>)
    if not title:
        found = tree.xpath('//meta[@property="og:title"]/@content') + tree.xpath("//head/title/text()")
        title = next((t for t in found if t.strip() and not _brand_like(t, site, host)), None)
    if not title:
        return None, ""
    title = " ".join(title.split())
    h1 = _visible_headline(tree, strip_site_suffix(title, site, host))
    if h1 and not _brand_like(h1, site, host):
        stripped = strip_site_suffix(h1, site, host)
        return stripped, "html:<h1> (matches the page title)"
    stripped = strip_site_suffix(title, site, host)
    how = "html:trafilatura title" + (" without the site suffix" if stripped != title else "")
    return stripped, how


# --------------------------------------------------------------------------------------
# Publication date: the article's own date, in its local day
# --------------------------------------------------------------------------------------
# Which source is reliable, as a class (studied on news pages of many outlets):
# 1. a date path in the page's URL (/2019/11/19/): the site's CMS files the story under
#    its local publication day; a date inside a slug ("...-2019-11-19/") is the topic's;
# 2. the article's own markup (article:published_time, the top-level JSON-LD article's
#    datePublished, <time datetime> in the article): embedded items (videos, images) and
#    page-render stamps are not read; placeholders (0001-01-01) are no dates;
# 3. htmldate's search of the markup, then of the text (a date the page states in full).
# A markup time in UTC names the local day only approximately: when the page's visible
# date line is one day off, the visible (local) day wins. An htmldate guess loses to a
# visible line labelled "Published".
_MARKUP_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished",
                     "sailthru.date", "parsely-pub-date", "pubdate", "publishdate", "publish-date",
                     "dc.date.issued", "dcterms.created", "dc.date")
_ISO_VALUE = re.compile(r"^\s*(?P<date>(?:19|20)\d{2}-\d{2}-\d{2})(?:[T ](?P<time>\d{1,2}:\d{2})"
                        r"(?::\d{2}(?:\.\d+)?)?\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?")
_ARTICLE_TYPES = re.compile(r"article|posting|report", re.IGNORECASE)


def page_url(tree, url: str | None = None) -> str | None:
    """The page's own address: the one given, else its canonical link, else og:url."""
    if url:
        return url
    for query in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = [u.strip() for u in tree.xpath(query) if u.strip().startswith("http")]
        if found:
            return found[0]
    return None


def _iso_value(value: str) -> tuple[str, bool] | None:
    """(date, maybe_utc) of a machine-readable date; maybe_utc when a clock time is given
    in UTC or with no offset (CMSs often write UTC without saying so), so its day may not
    be the page's local day."""
    m = _ISO_VALUE.match(value or "")
    if not m:
        return None
    tz = (m.group("tz") or "").upper().replace(":", "")
    utc = bool(m.group("time")) and tz in ("", "Z", "UTC", "GMT", "+0000", "-0000")
    return m.group("date"), utc


def _json_ld_dates(tree) -> list[str]:
    """datePublished of the page's top-level JSON-LD objects (articles first); objects
    nested inside them (a video, an image) are other items."""
    import json

    articles, others = [], []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in list(items):
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                items.extend(item["@graph"])
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("datePublished"), str):
                continue
            kind = item.get("@type")
            kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            (articles if _ARTICLE_TYPES.search(kind) else others).append(item["datePublished"])
    return articles + others


def _markup_date(tree) -> tuple[str | None, str, bool]:
    """(date, how, is_utc) from the article's own publication markup."""
    metas: dict[str, list[str]] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _MARKUP_DATE_KEYS:
            metas.setdefault(key, []).append(meta.get("content"))
    sources: list[tuple[str, str]] = []
    for key in _MARKUP_DATE_KEYS[:2]:
        sources += [(f"meta {key}", v) for v in metas.get(key, [])]
    sources += [("JSON-LD datePublished", v) for v in _json_ld_dates(tree)]
    for key in _MARKUP_DATE_KEYS[2:]:
        sources += [(f"meta {key}", v) for v in metas.get(key, [])]
    times = tree.xpath('//*[@itemprop="datePublished"][@datetime]|//time[@pubdate][@datetime]')
    article = tree.xpath("//article|//main")
    # the article's own <time> first, then one elsewhere that is no list, sidebar or footer
    for scope in ([max(article, key=lambda el: len(el.text_content()))] if article else []) + [tree]:
        times += [t for t in scope.xpath(".//time[@datetime]")
                  if not t.xpath("ancestor::aside|ancestor::nav|ancestor::footer|ancestor::li")]
    sources += [("<time datetime>", t.get("datetime")) for t in times]
    for how, value in sources:
        parsed = _iso_value(value)
        if parsed:
            return parsed[0], f"html:markup {how}", parsed[1]
    return None, "", False


def _htmldate(tree, url: str | None) -> tuple[str | None, str]:
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


def _publication_date(tree, url: str | None) -> tuple[str | None, str, str]:
    """(ISO date or None, how, kind): kind is "url", "markup", "markup-utc" or "htmldate"."""
    address = page_url(tree, url)
    found = url_path_date(address)
    if found:
        return found, f"html:URL date path ({address})", "url"
    found, how, utc = _markup_date(tree)
    if found:
        return found, how, "markup-utc" if utc else "markup"
    found, how = _htmldate(tree, address)
    return found, how, "htmldate" if found else ""


def _days_apart(a: str, b: str) -> int:
    import datetime as dt

    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


def _local_day(published: str, kind: str, visible: Cleaned) -> str | None:
    """The visible date line's day when it should replace the machine-readable one: a UTC
    stamp one day off the page's local date line, or an htmldate guess that the page's
    labelled "Published" line (or its local date line, one day off) contradicts."""
    if not visible.published:
        return None
    apart = _days_apart(published, visible.published)
    if apart == 0:
        return None
    if kind == "markup-utc" and apart == 1:
        return visible.published[:10]
    if kind == "htmldate" and (apart == 1 or visible.published_label == "published"):
        return visible.published[:10]
    return None


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
    """Drop furniture lines; under a "Related" / "Don't miss" heading, also the headline
    list that follows, up to the next full sentence (as the text cleaner does)."""
    from dateline.ingest.text import _CREDITS

    paragraphs, dropped = [], []
    in_related = False
    for n, line in enumerate(text.split("\n"), 1):
        line = re.sub(r"\s+", " ", line).strip()
        if not line:
            continue
        cls = debris_class(line)
        if cls is None and _CREDITS.match(line) and len(line.split()) <= 40:
            cls = "credit"      # "Reporting by Jane Roe; editing by John Doe"
        if cls is None and in_related:
            if _is_sentence(_Line(no=n, text=line)) or _TERMINAL.search(line):
                in_related = False
            else:
                cls = "related-list"
        if cls in _DROP_IN_HTML or cls == "related-list":
            dropped.append({"paragraph": n, "rule": cls, "text": line[:80]})
            in_related = in_related or cls == "related-block" or (cls == "related" and _bare_heading(line))
            continue
        paragraphs.append(line)
    return "\n\n".join(paragraphs), dropped


def _bare_heading(line: str) -> bool:
    """A related-link prompt standing alone ("DON'T MISS", "Read more:"): a list follows."""
    return len(re.findall(r"\w+", line)) <= 4


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


def _set_published(result: Cleaned, tree, url: str | None, published: str | None, how: str,
                   kind: str) -> None:
    """The publication date from the markup (``published``), checked against the page's
    visible date line; with no markup date, the visible text is read the way the
    plain-text cleaner reads a scrape ("Published ..." lines near the headline)."""
    from dateline.ingest.text import clean_text

    meta, prov = result.metadata, result.provenance
    if published and kind in ("url", "markup"):
        result.published, prov["published"] = published, how
        return
    from_text = clean_text(visible_text(tree), url=page_url(tree, url))
    if published:
        local = _local_day(published, kind, from_text)
        if local:
            result.published = local
            prov["published"] = ("html:visible date line " + from_text.provenance["published"]
                                 + f" (the page's local day; {how} gave {published})")
        else:
            result.published, prov["published"] = published, how
        return
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


def extract_html(html: str | bytes, url: str | None = None) -> Cleaned:
    """Body, title, authors, site name and publication date of one HTML page.

    Raises ValueError("no article text found") when the page holds no main text.
    Never fetches anything: ``url`` only helps metadata (domain, date in the path).
    """
    import trafilatura

    tree = _load(html)
    if tree is None:
        raise ValueError("no article text found")
    published, how, kind = _publication_date(tree, url)
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
    title, how_title = _headline(tree, doc.title, getattr(doc, "sitename", None),
                                 getattr(doc, "hostname", None))
    if title:
        result.title = title
        prov["title"] = how_title
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
    _set_published(result, tree, url, published, how, kind)
    if dropped:
        meta["dropped"] = dropped
    return result
