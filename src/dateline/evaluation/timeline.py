"""SemEval-2015 Task 4 (TimeLine: cross-document event ordering): how well dateline dates
and orders events, against the gold entity-centred timelines of 90 Wikinews articles.

Data: ``shared/data/semeval2015-task4-timeline/corpus_{1,2,3}``: the raw texts with their
document creation time (``corpus_trackA_TimeML``; the DCT is the publication date) and 39
gold timelines (``TimeLines_Gold_Standard/<entity>.txt``: one line per event, ``order
<TAB> date <TAB> docid-sentence-token [coreferent mentions...]``, date ``XXXX-XX-XX`` when
the annotators could not date it, ``2005-01-XX`` when only to the month).

Each document becomes an :class:`~dateline.model.Article` (title = the headline sentence,
body = every sentence, one paragraph each, tokens as given; published = the DCT) and goes
through the real pipeline (:func:`dateline.pipeline.analyse`, default stages) plus one
read-only probe stage that asks the time stage's own :func:`dateline.time.anchor.anchor_event`
when each gold trigger happened (converted to an event date exactly as the event coder
does, :func:`dateline.events.stage.calendar_date`).

Two views, the same measures:

``events``   end to end: gold timeline events that dateline coded as PLOVER events. A gold
             event (a line) is *covered* when one of its mentions is in the sentence of one
             of our events and is that event's trigger (same token, or one starts the other:
             ``rolled_out`` ~ ``rolled``). Most gold events (deliveries, flights, sales) are
             not political events, so coverage here is low by design.
``anchors``  every gold mention: the date dateline's anchoring gives its trigger.

Measures, over gold events with a gold date (not ``XXXX-XX-XX``):

- *anchor accuracy*: our date equals the gold date at the gold's precision (gold
  ``2005-01-XX`` accepts ``2005-01`` and ``2005-01-18``; gold ``2005-01-18`` rejects
  ``2005-01``); *compatible*: our interval meets the gold one (coarser but not wrong);
  *undated*: we give no date. The same figure for the baseline "every event happened on
  its article's publication day" says what the anchoring adds.
- *pairwise order* (Kendall-style, within each gold timeline): for every pair of covered,
  dated gold events with different gold order, concordant when our date intervals put
  them in the gold order, discordant when in the opposite order, tied when they overlap
  or one is undated. Order accuracy = concordant / pairs.
- *coverage*: covered gold events / gold events.
- *cross-document clusters* (events view): gold events whose covered mentions come from
  two or more documents, and how many of those dateline put in one event cluster
  (:func:`dateline.stories.dedup.cluster_all` over all coded events).

Run alone: ``python -m dateline.evaluation.timeline --shared ../shared``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = "data/semeval2015-task4-timeline"


# --------------------------------------------------------------------------------------
# Reading the data
# --------------------------------------------------------------------------------------
@dataclass
class SemDoc:
    docid: str
    dct: str | None
    title: str
    body: str
    sentences: dict[int, tuple[int, int]]                       # sentence id -> (start, end)
    tokens: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)  # sid -> (text, start, end)


@dataclass
class GoldEvent:
    timeline: str                  # corpus/entity
    order: int
    date: str | None               # "2005-01" for 2005-01-XX; None for XXXX-XX-XX
    mentions: list[tuple[str, int, str]]   # (docid, sentence id, token)


def read_document(path: Path) -> SemDoc:
    raw = path.read_text(encoding="utf-8")
    docid = re.search(r"<DOCID>\s*([^<]+?)\s*</DOCID>", raw).group(1)
    m = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"', raw)
    dct = m.group(1)[:10] if m else None
    body, sentences, tokens = "", {}, {}
    for sm in re.finditer(r'<s id="(\d+)">(.*?)</s>', raw, flags=re.S):
        sid = int(sm.group(1))
        text = html.unescape(re.sub(r"<[^>]+>", "", sm.group(2))).strip()
        if body:
            body += "\n\n"
        start = len(body)
        toks, pos = [], start
        for tok in text.split(" "):
            if tok:
                toks.append((tok, pos, pos + len(tok)))
            pos += len(tok) + 1
        body += text
        sentences[sid] = (start, len(body))
        tokens[sid] = toks
    extra = re.search(r"<EXTRAINFO>(.*?)</EXTRAINFO>", raw, flags=re.S)
    title = html.unescape(extra.group(1)).strip() if extra else ""
    return SemDoc(docid, dct, title, body, sentences, tokens)


def gold_date(value: str) -> str | None:
    """'2005-01-18' / '2005-01-XX' -> '2005-01' / '2007-XX-XX' -> '2007' / 'XXXX-XX-XX' -> None."""
    parts = []
    for part in value.strip().split("-"):
        if not part.isdigit():
            break
        parts.append(part)
    if not parts or len(parts[0]) != 4:
        return None
    return "-".join(parts)


def read_timelines(corpus: Path) -> list[GoldEvent]:
    out = []
    for path in sorted((corpus / "TimeLines_Gold_Standard").glob("*.txt")):
        name = f"{corpus.name}/{path.stem}"
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.strip().split("\t")
            if len(cols) < 3 or not cols[0].strip().isdigit():
                continue
            mentions = []
            for mention in cols[2:]:
                for item in mention.split():
                    bits = item.split("-", 2)
                    if len(bits) == 3 and bits[1].isdigit():
                        mentions.append((bits[0], int(bits[1]), bits[2]))
            if mentions:
                out.append(GoldEvent(name, int(cols[0]), gold_date(cols[1]), mentions))
    return out


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------
def _interval(value: str | None):
    from dateline.stories.dedup import date_interval

    return date_interval(value) if value else None


def anchor_verdict(ours: str | None, gold: str) -> str:
    """correct | compatible | wrong | undated (gold is a date at some precision)."""
    if not ours:
        return "undated"
    oi, gi = _interval(ours), _interval(gold)
    if oi is None or gi is None:
        return "wrong"
    if gi[0] <= oi[0] and oi[1] <= gi[1]:
        return "correct"
    if oi[0] <= gi[1] and gi[0] <= oi[1]:
        return "compatible"
    return "wrong"


def order_verdict(first: str | None, second: str | None) -> str:
    """concordant | discordant | tied, for two events whose gold order is first < second."""
    a, b = _interval(first), _interval(second)
    if a is None or b is None:
        return "tied"
    if a[1] < b[0]:
        return "concordant"
    if b[1] < a[0]:
        return "discordant"
    return "tied"


# --------------------------------------------------------------------------------------
# Running the pipeline
# --------------------------------------------------------------------------------------
def _token_matches(gold: str, ours: str) -> bool:
    g, o = gold.lower().replace("_", " "), ours.lower()
    return bool(o) and (g == o or g.startswith(o) or o.startswith(g.split(" ")[0]))


def run_pipeline(docs: dict[str, SemDoc], wanted: dict[str, set[tuple[int, str]]]):
    """Analyse every document; returns (events per docid, probed anchor dates per
    (docid, sentence, token)) and the articles."""
    from dateline import pipeline
    from dateline.events.stage import calendar_date
    from dateline.model import Article
    from dateline.time.anchor import anchor_event

    probed: dict[tuple[str, int, str], str | None] = {}
    by_article: dict[str, SemDoc] = {}

    def probe(document) -> None:
        """Read-only: the date the time stage's anchoring gives each gold trigger."""
        doc = by_article.get(document.article.id)
        if doc is None or document.doc is None:
            return
        for sid, token in wanted.get(doc.docid, ()):
            toks = doc.tokens.get(sid) or []
            hit = next((t for t in toks if t[0].lower() == token.split("_")[0].lower()), None)
            if hit is None:
                continue
            span = document.doc.char_span(hit[1], hit[2], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            anchor = anchor_event(document, span[0])
            date = calendar_date(anchor.value, anchor.precision)[0] if anchor is not None else None
            probed[(doc.docid, sid, token)] = date

    pipeline.register("semeval-anchor-probe", probe)
    articles = []
    for doc in docs.values():
        article = Article(id=f"semeval-{doc.docid}", source=f"semeval2015/{doc.docid}.tml",
                          body=doc.body, title=doc.title, published=doc.dct, language="en")
        by_article[article.id] = doc
        articles.append(article)
    events: dict[str, list[Any]] = defaultdict(list)
    failed: dict[str, str] = {}
    stages = list(pipeline.DEFAULT_STAGES) + ["semeval-anchor-probe"]
    # one document at a time, so that a stage failing on one document is counted, not fatal
    for article in articles:
        try:
            for document in pipeline.analyse([article], stages=stages):
                events[by_article[document.article.id].docid].extend(document.events)
        except Exception as e:  # noqa: BLE001 - reported in the figures
            failed[by_article[article.id].docid] = f"{type(e).__name__}: {str(e)[:120]}"
    return events, probed, articles, failed


def _sentence_of(doc: SemDoc, offset: int) -> int | None:
    for sid, (start, end) in doc.sentences.items():
        if start <= offset < end:
            return sid
    return None


def evaluate(shared: Path) -> dict:
    root = Path(shared) / DATA
    if not root.is_dir():
        return {"error": f"{root} not found"}
    from dateline.stories.dedup import cluster_all, mention_of

    docs, gold = _read_corpora(root)
    wanted: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for g in gold:
        for docid, sid, token in g.mentions:
            if docid in docs:
                wanted[docid].add((sid, token))
    events, probed, articles, failed = run_pipeline(docs, wanted)

    ours, n_events = _events_by_sentence(docs, events)
    article_of = {a.id: a for a in articles}
    clusters = cluster_all(mention_of(e, article_of[e.article_id]) for evs in events.values() for e in evs)

    def event_for(mention):
        docid, sid, token = mention
        return next((e for e in ours.get((docid, sid), ()) if _token_matches(token, e.trigger)), None)

    figures: dict[str, Any] = {"documents": len(docs), "gold_timelines": len({g.timeline for g in gold}),
                               "gold_events": len(gold), "gold_dated": sum(1 for g in gold if g.date),
                               "dateline_events": n_events, "failed_documents": failed}
    dct_of = {d.docid: d.dct for d in docs.values()}
    for view in ("events", "anchors"):
        tally = _anchor_tally(view, gold, docs, dct_of, event_for, clusters, probed)
        figures[view] = _view_figures(view, gold, tally)
    return figures


def _read_corpora(root: Path) -> tuple[dict[str, SemDoc], list[GoldEvent]]:
    """The TimeML documents and the gold timelines of every ``corpus_*`` folder."""
    docs: dict[str, SemDoc] = {}
    gold: list[GoldEvent] = []
    for corpus in sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("corpus_")):
        for path in sorted((corpus / "corpus_trackA_TimeML").glob("*.tml")):
            d = read_document(path)
            docs[d.docid] = d
        gold += read_timelines(corpus)
    return docs, gold


def _events_by_sentence(docs: dict[str, SemDoc], events: dict) -> tuple[dict[tuple[str, int], list[Any]], int]:
    """Our events by (docid, sentence) of their trigger, and how many there are."""
    ours: dict[tuple[str, int], list[Any]] = defaultdict(list)
    n_events = 0
    for docid, evs in events.items():
        for e in evs:
            n_events += 1
            trig = (e.explain or {}).get("trigger") or {}
            sid = _sentence_of(docs[docid], trig.get("start", e.start))
            ours[(docid, sid)].append(e)
    return ours, n_events


def _gold_coverage(view: str, g: GoldEvent, docs, event_for, clusters, probed) -> tuple[list, set, set]:
    """The dates we give the mentions of gold event ``g``, the clusters of our events for
    them ("events" view) and the documents whose mention we cover."""
    dates, cluster_ids, cover_docs = [], set(), set()
    for mention in g.mentions:
        if mention[0] not in docs:
            continue
        if view == "events":
            e = event_for(mention)
            if e is None:
                continue
            dates.append(e.date)
            cluster_ids.add(clusters[e.id])
            cover_docs.add(mention[0])
        elif mention in probed:
            dates.append(probed[mention])
            cover_docs.add(mention[0])
    return dates, cluster_ids, cover_docs


def _finest(dated: list[str]) -> str | None:
    """The finest of the dates (shortest interval; then the earliest text)."""
    return min(dated, key=lambda d: ((_interval(d) or (dt.date.min, dt.date.max))[1]
                                     - (_interval(d) or (dt.date.min, dt.date.max))[0], d)) if dated else None


def _anchor_tally(view: str, gold: list[GoldEvent], docs, dct_of, event_for, clusters, probed) -> dict:
    """Anchor verdicts over the gold events one view covers: ours, the publication-day
    baseline, ours with that fallback, and on the events we date; cross-document clusters."""
    t: dict[str, Any] = {"verdicts": defaultdict(int), "baseline": defaultdict(int),
                         "covered": {},      # index of gold event -> our date
                         "fallback": {},     # ... or the publication day when we give none
                         "with_fallback": defaultdict(int), "on_dated": defaultdict(int),
                         "cross_doc": 0, "cross_doc_same": 0}
    for i, g in enumerate(gold):
        dates, cluster_ids, cover_docs = _gold_coverage(view, g, docs, event_for, clusters, probed)
        if not cover_docs:
            continue
        # the finest date any covered mention gets speaks for the event
        date = _finest([d for d in dates if d])
        t["covered"][i] = date
        first_doc = next(m[0] for m in g.mentions if m[0] in cover_docs)
        t["fallback"][i] = date or dct_of.get(first_doc)
        if g.date:
            t["verdicts"][anchor_verdict(date, g.date)] += 1
            t["baseline"][anchor_verdict(dct_of.get(first_doc), g.date)] += 1
            t["with_fallback"][anchor_verdict(t["fallback"][i], g.date)] += 1
            if date:
                t["on_dated"]["n"] += 1
                t["on_dated"]["ours"] += int(anchor_verdict(date, g.date) == "correct")
                t["on_dated"]["baseline"] += int(anchor_verdict(dct_of.get(first_doc), g.date) == "correct")
        if view == "events" and len(cover_docs) >= 2:
            t["cross_doc"] += 1
            t["cross_doc_same"] += int(len(cluster_ids) == 1)
    return t


def _order_tally(gold: list[GoldEvent], covered: dict, fallback: dict) -> tuple[dict, dict]:
    """Order verdicts over the pairs of covered, dated gold events of one timeline: with
    our dates, and with the publication-day fallback."""
    order = defaultdict(int)
    order_fb = defaultdict(int)
    by_timeline: dict[str, list[int]] = defaultdict(list)
    for i in covered:
        if gold[i].date and gold[i].order > 0:
            by_timeline[gold[i].timeline].append(i)
    for members in by_timeline.values():
        for x in members:
            for y in members:
                if gold[x].order < gold[y].order:
                    order[order_verdict(covered[x], covered[y])] += 1
                    order_fb[order_verdict(fallback[x], fallback[y])] += 1
    return order, order_fb


def _view_figures(view: str, gold: list[GoldEvent], t: dict) -> dict[str, Any]:
    """The figures of one view from its tally."""
    verdicts, baseline, covered = t["verdicts"], t["baseline"], t["covered"]
    with_fallback, on_dated = t["with_fallback"], t["on_dated"]
    order, order_fb = _order_tally(gold, covered, t["fallback"])
    scored = sum(verdicts.values())
    pairs = sum(order.values())
    out = {
        "covered": len(covered), "coverage": _ratio(len(covered), len(gold)),
        "covered_dated": scored,
        "anchor_correct": verdicts["correct"], "anchor_compatible": verdicts["compatible"],
        "anchor_wrong": verdicts["wrong"], "anchor_undated": verdicts["undated"],
        "anchor_accuracy": _ratio(verdicts["correct"], scored),
        "anchor_accuracy_or_compatible": _ratio(verdicts["correct"] + verdicts["compatible"], scored),
        "baseline_publication_day_accuracy": _ratio(baseline["correct"], scored),
        "pairs": pairs, "concordant": order["concordant"], "discordant": order["discordant"],
        "tied": order["tied"], "order_accuracy": _ratio(order["concordant"], pairs),
        "order_accuracy_untied": _ratio(order["concordant"], order["concordant"] + order["discordant"]),
        # undated -> the article's publication day (what a reader of the timeline assumes)
        "anchor_accuracy_with_fallback": _ratio(with_fallback["correct"], scored),
        "order_accuracy_with_fallback": _ratio(order_fb["concordant"], pairs),
        "order_discordant_with_fallback": order_fb["discordant"],
        # on the gold events dateline dates itself: its date vs the publication day
        "dated_by_dateline": on_dated["n"],
        "anchor_accuracy_on_dated": _ratio(on_dated["ours"], on_dated["n"]),
        "baseline_accuracy_on_dated": _ratio(on_dated["baseline"], on_dated["n"]),
    }
    if view == "events":
        out["cross_document_gold_events"] = t["cross_doc"]
        out["cross_document_in_one_cluster"] = t["cross_doc_same"]
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def pct(x: float | None) -> str:
    """A share as a percentage for the report ("-" when there is nothing to measure)."""
    return "-" if x is None else f"{100 * x:.1f}%"


def report(figures: dict) -> str:
    if "error" in figures:
        return f"timeline: {figures['error']}"
    lines = [f"{figures['documents']} documents, {figures['gold_timelines']} gold timelines, "
             f"{figures['gold_events']} gold events ({figures['gold_dated']} dated); "
             f"dateline coded {figures['dateline_events']} PLOVER events" +
             (f"; {len(figures['failed_documents'])} documents failed in the pipeline "
              f"({', '.join(f'{k}: {v}' for k, v in list(figures['failed_documents'].items())[:3])})"
              if figures.get("failed_documents") else ""),
             "",
             f"{'view':<8} {'covered':>8} {'coverage':>8} {'dated':>6} {'anchor':>7} {'~compat':>8} "
             f"{'undated':>8} {'pub-day':>8} {'pairs':>6} {'order':>6} {'untied':>7}",
             "-" * 88]
    for view in ("events", "anchors"):
        f = figures[view]
        lines.append(f"{view:<8} {f['covered']:>8} {pct(f['coverage']):>8} {f['covered_dated']:>6} "
                     f"{pct(f['anchor_accuracy']):>7} {pct(f['anchor_accuracy_or_compatible']):>8} "
                     f"{f['anchor_undated']:>8} {pct(f['baseline_publication_day_accuracy']):>8} "
                     f"{f['pairs']:>6} {pct(f['order_accuracy']):>6} {pct(f['order_accuracy_untied']):>7}")
    lines += ["", f"{'view':<8} {'+pub fallback: anchor':>22} {'order':>6} {'discord':>8}   "
              f"{'dated by us':>11} {'ours':>6} {'pub-day':>8}", "-" * 80]
    for view in ("events", "anchors"):
        f = figures[view]
        lines.append(f"{view:<8} {pct(f['anchor_accuracy_with_fallback']):>22} "
                     f"{pct(f['order_accuracy_with_fallback']):>6} {f['order_discordant_with_fallback']:>8}   "
                     f"{f['dated_by_dateline']:>11} {pct(f['anchor_accuracy_on_dated']):>6} "
                     f"{pct(f['baseline_accuracy_on_dated']):>8}")
    e = figures["events"]
    lines += ["",
              "anchor = date right at the gold precision; ~compat = right or coarser-but-consistent; "
              "pub-day = baseline that dates every event on its article's publication day; "
              "order = concordant / all pairs (ties count against); untied = concordant / "
              "(concordant + discordant); +pub fallback = an event we leave undated is taken to "
              "happen on its article's publication day; dated by us = gold events our anchoring "
              "dates, scored for our date and for the publication day",
              f"cross-document: {e.get('cross_document_gold_events', 0)} covered gold events told in 2+ "
              f"documents, {e.get('cross_document_in_one_cluster', 0)} of them in one dateline event cluster"]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluation.timeline", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared", help="the shared data folder")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not shared.is_dir():
        print(f"evaluation: shared data folder {shared} not found (use --shared)", file=sys.stderr)
        return 2
    print(report(evaluate(shared)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
