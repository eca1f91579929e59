"""Article extraction: body text and publication dates, measured on shared data.

1. HTML body text on the article-extraction-benchmark (181 pages, ground-truth.json), with
   that benchmark's own scoring rules: tokens are ``\\w+`` runs; 4-gram shingles; per page,
   tp/fp/fn counted over shingle multisets and normalised to sum 1; precision and recall
   are means over pages; F1 from those means; accuracy = exact token-sequence match.
   trafilatura with its defaults (``extract(html, include_comments=False)``, exactly what
   the benchmark runs) and ours (``dateline.ingest.html.extract_html``) side by side.
2. Publication dates on the same pages. The gold has no dates, so "pages that show one" is
   judged from the page itself: a machine-readable publication date in its markup
   (article:published_time / datePublished / pubdate meta, JSON-LD, <time datetime>) or a
   date in its URL path. Ours is compared with the URL date, else the markup date; a date
   found on a page without either is checked against the page's visible text.
3. The plain-text cleaner fed the benchmark's clean gold bodies: how much real text it
   wrongly takes out (as title, standfirst, meta or furniture).
4. The plain-text cleaner on plain-text scrapes made from the same 181 pages (their visible
   text, one line per block element): body scores uncleaned vs cleaned, and whether the
   publication date it reads from the text agrees with the page's URL/markup date.
5. The plain-text cleaner on the acceptance seeds (title, published, body keeps / drops),
   with the rules of shared/acceptance/score.py.

Run: ``python -m dateline.evaluation.extraction --shared ../shared``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

BENCHMARK = Path("data/article-extraction-benchmark")
SEEDS = Path("acceptance/seeds")

_TOKEN = re.compile(r"\w+")


# --------------------------------------------------------------------------------------
# The benchmark's scoring rules
# --------------------------------------------------------------------------------------
def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) over 4-gram shingle multisets of one page."""
    gold, got = _shingles(true), _shingles(pred)
    tp = fp = fn = 0
    for key in gold.keys() | got.keys():
        tp += min(gold[key], got[key])
        fp += max(0, got[key] - gold[key])
        fn += max(0, gold[key] - got[key])
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def body_scores(pairs: list[tuple[str, str]]) -> dict:
    """Benchmark figures for (gold body, predicted body) pairs."""
    counts = [shingle_tp_fp_fn(t, p) for t, p in pairs]
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = statistics.mean(float(_TOKEN.findall(t) == _TOKEN.findall(p)) for t, p in pairs)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "accuracy": round(accuracy, 4), "pages": len(pairs)}


# --------------------------------------------------------------------------------------
# Dates shown by a page (judged independently of htmldate)
# --------------------------------------------------------------------------------------
_MARKUP_DATE = re.compile(
    r"""(?:(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|"""
    r"""pubdate|publishdate|publish-date|date|dc\.date|dc\.date\.issued|dcterms\.created|sailthru\.date|"""
    r"""parsely-pub-date|publication_date|original-publish-date|article\.published)["'][^>]*?"""
    r"""content\s*=\s*["'](?P<a>\d{4}-\d{2}-\d{2})"""
    r"""|"datePublished"\s*:\s*"(?P<b>\d{4}-\d{2}-\d{2})"""
    r"""|<time[^>]+datetime\s*=\s*["'](?P<c>\d{4}-\d{2}-\d{2}))""", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\b)")


def markup_date(html: str) -> str | None:
    """The first publication date the page states in machine-readable markup."""
    m = _MARKUP_DATE.search(html)
    return next(g for g in m.groups() if g) if m else None


def url_date(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


# --------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------
def page_as_scrape(html: str) -> str:
    """A plain-text scrape of a page (see dateline.ingest.html.visible_text)."""
    from trafilatura import load_html

    from dateline.ingest.html import visible_text

    tree = load_html(html)
    return visible_text(tree) if tree is not None else ""


def _benchmark(shared: Path) -> dict:
    import trafilatura

    from dateline.ingest.html import extract_html

    root = shared / BENCHMARK
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    from dateline.ingest.text import clean_text

    baseline_pairs, our_pairs, text_pairs = [], [], []
    scrape_raw_pairs, scrape_pairs = [], []
    scrape_dates = Counter()
    dates = Counter()
    disagreements = []
    failures = []
    t_base = t_ours = 0.0
    for key in sorted(gold):
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        url = gold[key].get("url")
        truth = gold[key].get("articleBody", "")
        t0 = time.perf_counter()
        base = trafilatura.extract(html, include_comments=False) or ""
        t1 = time.perf_counter()
        try:
            ours = extract_html(html, url=url)
            body, published = ours.body, ours.published
        except ValueError as exc:
            body, published = "", None
            failures.append(f"{key[:12]}: {exc}")
        t2 = time.perf_counter()
        t_base += t1 - t0
        t_ours += t2 - t1
        baseline_pairs.append((truth, base))
        our_pairs.append((truth, body))
        text_pairs.append((truth, clean_text(truth).body))
        scrape = page_as_scrape(html)
        scraped = clean_text(scrape, url=url)
        scrape_raw_pairs.append((truth, scrape))
        scrape_pairs.append((truth, scraped.body))

        _count_dates(dates, scrape_dates, disagreements, key, html, url, published, scraped)
    return {
        "trafilatura_defaults": body_scores(baseline_pairs),
        "ours": body_scores(our_pairs),
        "seconds": {"trafilatura_defaults": round(t_base, 1), "ours": round(t_ours, 1)},
        # content-loss check of the plain-text cleaner: gold bodies (clean text) in, body out;
        # recall < 1 is text it took for title/standfirst/meta/furniture
        "text_cleaner_on_gold_bodies": body_scores(text_pairs),
        # plain-text scrapes made from the pages (page_as_scrape): uncleaned vs clean_text
        "scrape_uncleaned": body_scores(scrape_raw_pairs),
        "scrape_clean_text": body_scores(scrape_pairs),
        "scrape_dates": dict(scrape_dates),
        "dates": dict(dates),
        "date_disagreements": disagreements,
        "no_text": failures,
    }


def _count_dates(dates: Counter, scrape_dates: Counter, disagreements: list[str], key: str,
                 html: str, url: str | None, published: str | None, scraped) -> None:
    """Tally one page's publication dates: ours from the HTML and from its plain-text
    scrape, against the date the page shows (URL first, then markup)."""
    from trafilatura import load_html

    from dateline.ingest.html import _visible_dates

    shown_markup, shown_url = markup_date(html), url_date(url)
    dates["pages"] += 1
    dates["shown_markup"] += bool(shown_markup)
    dates["shown_url"] += bool(shown_url)
    dates["shown"] += bool(shown_markup or shown_url)
    dates["found"] += bool(published)
    dates["found_where_shown"] += bool(published and (shown_markup or shown_url))
    dates["found_where_not_shown"] += bool(published and not (shown_markup or shown_url))
    if published and not (shown_markup or shown_url):
        dates["found_elsewhere_visible"] += published[:10] in _visible_dates(load_html(html))
    reference = shown_url or shown_markup
    scrape_dates["pages"] += 1
    scrape_dates["found"] += bool(scraped.published)
    scrape_dates["ambiguous"] += bool(scraped.published_ambiguous)
    if reference:
        scrape_dates["shown"] += 1
        if scraped.published:
            scrape_dates["compared"] += 1
            scrape_dates["agree"] += scraped.published[:10] == reference
    if published and reference:
        dates["compared"] += 1
        if published[:10] == reference:
            dates["agree"] += 1
        else:
            disagreements.append(f"{key[:12]} ours {published} page {reference} ({url})")


def _norm(s: str) -> str:
    return " ".join(str(s).replace("\u2019", "'").split()).lower()


def _seeds(shared: Path) -> dict:
    from dateline.ingest.text import clean_text

    gold_path = shared / SEEDS / "gold.json"
    checks = []
    for doc in json.loads(gold_path.read_text(encoding="utf-8"))["documents"]:
        path = shared / SEEDS / doc["file"]
        if not path.exists():
            continue
        cleaned = clean_text(path.read_text(encoding="utf-8"))
        exp = doc.get("expect", {})
        name = doc["file"]
        if "title" in exp:
            checks.append((name, "title", _norm(cleaned.title or "") == _norm(exp["title"])))
        if "published" in exp:
            supplied = doc.get("input_metadata", {}).get("published")
            if supplied:  # the text has none: the cleaner must not invent one
                checks.append((name, "published absent from text (user supplies it)", cleaned.published is None))
            else:
                checks.append((name, "published", (cleaned.published or "")[:10] == exp["published"]))
        body = _norm(cleaned.body)
        for s in exp.get("body_must_contain", []):
            checks.append((name, f"keeps {s[:30]!r}", _norm(s) in body))
        for s in exp.get("body_must_not_contain", []):
            checks.append((name, f"drops {s[:30]!r}", _norm(s) not in body))
    return {"passed": sum(ok for *_, ok in checks), "total": len(checks),
            "failed": [f"{n}: {what}" for n, what, ok in checks if not ok]}


def evaluate(shared: Path) -> dict:
    """Figures for HTML body extraction, HTML publication dates and the seed text checks."""
    shared = Path(shared)
    figures: dict = {}
    if (shared / BENCHMARK / "ground-truth.json").exists():
        figures["benchmark"] = _benchmark(shared)
    else:
        figures["benchmark"] = {"skipped": f"{shared / BENCHMARK} not found"}
    if (shared / SEEDS / "gold.json").exists():
        figures["seeds"] = _seeds(shared)
    else:
        figures["seeds"] = {"skipped": f"{shared / SEEDS} not found"}
    return figures


def report(figures: dict) -> str:
    lines = ["Article extraction"]
    bench = figures.get("benchmark", {})
    if "skipped" in bench:
        lines.append(f"  benchmark: skipped ({bench['skipped']})")
    else:
        b, o = bench["trafilatura_defaults"], bench["ours"]
        lines += [
            f"  HTML body, article-extraction-benchmark ({b['pages']} pages, benchmark's own shingle rules)",
            f"    {'':24}{'precision':>10}{'recall':>10}{'F1':>8}{'accuracy':>10}{'seconds':>9}",
            f"    {'trafilatura defaults':24}{b['precision']:>10.3f}{b['recall']:>10.3f}{b['f1']:>8.3f}"
            f"{b['accuracy']:>10.3f}{bench['seconds']['trafilatura_defaults']:>9}",
            f"    {'dateline extract_html':24}{o['precision']:>10.3f}{o['recall']:>10.3f}{o['f1']:>8.3f}"
            f"{o['accuracy']:>10.3f}{bench['seconds']['ours']:>9}",
        ]
        t = bench["text_cleaner_on_gold_bodies"]
        lines.append(f"  plain-text cleaner fed the {t['pages']} gold bodies (content-loss check): "
                     f"keeps recall {t['recall']:.3f}, precision {t['precision']:.3f}")
        r, c, sd = bench["scrape_uncleaned"], bench["scrape_clean_text"], bench["scrape_dates"]
        lines += [
            "  plain-text scrapes made from the same pages (visible text of <article>/<main>, a line per block)",
            f"    {'uncleaned scrape':24}{r['precision']:>10.3f}{r['recall']:>10.3f}{r['f1']:>8.3f}{r['accuracy']:>10.3f}",
            f"    {'dateline clean_text':24}{c['precision']:>10.3f}{c['recall']:>10.3f}{c['f1']:>8.3f}{c['accuracy']:>10.3f}",
            f"    publication date found in {sd.get('found', 0)} of {sd.get('pages', 0)} scrapes "
            f"({sd.get('ambiguous', 0)} ambiguous numeric); agrees with the page's URL/markup date "
            f"{sd.get('agree', 0)} of {sd.get('compared', 0)} (differences: local vs UTC day, widget dates)",
        ]
        d = bench["dates"]
        lines += [
            "  HTML publication date (gold has none; 'shows one' = date in markup or URL)",
            f"    pages {d.get('pages', 0)}; show a date {d.get('shown', 0)} (markup {d.get('shown_markup', 0)}, "
            f"URL {d.get('shown_url', 0)}); date found {d.get('found', 0)} "
            f"({d.get('found_where_shown', 0)} of the {d.get('shown', 0)} that show one, "
            f"{d.get('found_where_not_shown', 0)} elsewhere, of which {d.get('found_elsewhere_visible', 0)} "
            "are written in the page's visible text)",
            f"    agrees with the page's URL date, else its markup date: {d.get('agree', 0)} of {d.get('compared', 0)}",
        ]
        for s in bench.get("date_disagreements", [])[:10]:
            lines.append(f"      differs: {s}")
        if bench.get("no_text"):
            lines.append(f"    no text extracted: {len(bench['no_text'])} pages")
    seeds = figures.get("seeds", {})
    if "skipped" in seeds:
        lines.append(f"  seeds: skipped ({seeds['skipped']})")
    else:
        lines.append(f"  plain-text cleaner on acceptance seeds: {seeds['passed']}/{seeds['total']} article checks")
        for f in seeds["failed"]:
            lines.append(f"    FAILED {f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Article extraction evaluation")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    figures = evaluate(args.shared)
    print(json.dumps(figures, indent=2) if args.json else report(figures))


if __name__ == "__main__":
    main()
