"""Event-type coding on sentences with a marked actor and recipient.

Two data sets from ``../shared/data/event-coding``:

* PLV (snowood1/Zero-Shot-PLOVER ``PLV_train.tsv``): real news sentences with
  ``<s>actor</s>`` and ``<t>recipient</t>`` and a gold PLOVER root (YIELD = CONCEDE or
  RETREAT). Evaluation only: it has no licence, nothing is trained on it.
* PLOVER examples (openeventdata/PLOVER ``PLOVER_GSR_CAMEO.txt``, CC BY-SA 4.0): CAMEO-manual
  sentences coded in PLOVER 0.5 (older type names mapped: DEMAND -> REQUEST, DISAPPROVE and
  INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT), with actor codes.

For each sentence the coder's candidates (``events.code.sentence_candidates``, the same
patterns the pipeline uses) are matched to the marked pair: the event whose actor phrase
covers the marked actor and whose recipient phrase covers the marked recipient wins; failing
that, the trigger on the dependency path between the two. Reported: type accuracy,
macro-F1, the most common confusions, and how often the actors stage resolves the marked
phrases to a code (PLV has no gold country; the PLOVER examples do, so there it is accuracy).

Run: ``python -m dateline.evaluation.plover --shared ../shared``.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from pathlib import Path

from dateline.events import code, patterns
from dateline.model import UNRESOLVED

PLV = "data/event-coding/snowood1-Zero-Shot-PLOVER/PLV_train.tsv"
PLOVER_EXAMPLES = "data/event-coding/openeventdata-PLOVER/PLOVER_GSR_CAMEO.txt"
#: gold label -> the predictions that count as right
GOLD_ACCEPTS = {"YIELD": {"CONCEDE", "RETREAT", "YIELD"}}
_TAG = re.compile(r"</?[st]>")


def unmark(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """Plain sentence and the character spans of <s>..</s> and <t>..</t> (first of each)."""
    out, spans, open_at, pos = [], {}, {}, 0
    for m in _TAG.finditer(marked):
        out.append(marked[pos:m.start()])
        here = sum(len(x) for x in out)
        tag = m.group(0)
        name = tag.strip("</>")
        if tag.startswith("</"):
            if name in open_at and name not in spans:
                spans[name] = (open_at.pop(name), here)
        else:
            open_at[name] = here
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def _covers(tok, span) -> bool:
    if span is None:
        return False
    start, end = code.phrase_span(tok)
    return start < span[1] and span[0] < end


def _on_path(doc, a_tok, b_tok) -> set[int]:
    """Token indices on the dependency path between two tokens."""
    up_a = [a_tok] + list(a_tok.ancestors)
    up_b = [b_tok] + list(b_tok.ancestors)
    ids_b = {t.i for t in up_b}
    path = set()
    for t in up_a:
        path.add(t.i)
        if t.i in ids_b:
            for u in up_b:
                path.add(u.i)
                if u.i == t.i:
                    break
            break
    return path


def _span_head(doc, span):
    if span is None:
        return None
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return None
    return sp.root


def choose(doc, s_span, t_span) -> tuple[code.Candidate | None, str]:
    """The candidate event that relates the marked actor to the marked recipient."""
    cands = [c for sent in doc.sents for c in code.sentence_candidates(sent)]
    if not cands:
        return None, "no trigger"
    sym = patterns.plover_types()
    s_head, t_head = _span_head(doc, s_span), _span_head(doc, t_span)
    path = _on_path(doc, s_head, t_head) if s_head is not None and t_head is not None else set()

    def score(c: code.Candidate):
        a = any(_covers(x.token, s_span) for x in c.actors)
        r = any(_covers(x.token, t_span) for x in c.recipients)
        ra = any(_covers(x.token, t_span) for x in c.actors)
        rr = any(_covers(x.token, s_span) for x in c.recipients)
        both_actors = a and ra and sym.get(c.event) is not None and sym[c.event].symmetric
        s = 2 * a + 2 * r + (1 if both_actors else 0) + 0.5 * (ra or rr)
        s += 1.0 if c.trigger.i in path or (c.light is not None and c.light.i in path) else 0.0
        s += 0.2 if c.kind == "verb" else 0.0
        if c.trigger.dep_ == "acl" and c.kind == "verb":
            s -= 0.5    # "the coalition fighting Houthi rebels declared...": background
        if c.status_why.startswith(("conditional", "inside")):
            s -= 0.6    # "until their demands are met": a condition, not the event
        return s

    def depth(c: code.Candidate) -> int:
        tok = c.light if c.light is not None else (c.clause if c.kind == "noun" and c.clause is not None else c.trigger)
        return len(list(tok.ancestors))

    # ties go to the event of the main clause, then to the one nearest the recipient
    best = max(cands, key=lambda c: (score(c), -depth(c),
                                      -abs(c.trigger.i - (t_head.i if t_head is not None else 0))))
    return best, f"score {score(best):.1f}"


def _f1_table(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    labels = sorted(set(gold))
    per = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[lab] = round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0
    return round(sum(per.values()) / len(per), 3) if per else 0.0, per


def _normalise_pred(pred: str | None, gold_labels: set[str]) -> str:
    if pred is None:
        return "NONE"
    if pred in ("CONCEDE", "RETREAT") and "YIELD" in gold_labels:
        return "YIELD"
    return pred


def score_pairs(rows: list[dict], nlp, keep_errors: bool = True) -> dict:
    """rows: {text, s_span, t_span, gold, s_code?, t_code?}; figures for the set.

    ``keep_errors`` adds the wrong sentences (for development only: the figures written to
    eval-results.json must not carry text from ../shared)."""
    from dateline.model import Article
    from dateline.pipeline import Document

    try:
        from dateline.actors.resolve import actors_in_span
        from dateline.actors.stage import actors_stage
    except ImportError:
        actors_stage = actors_in_span = None

    gold_labels = {r["gold"] for r in rows}
    golds, preds, why = [], [], Counter()
    resolved = {"actor": 0, "recipient": 0, "actor_total": 0, "recipient_total": 0,
                "actor_correct": 0, "recipient_correct": 0, "actor_gold": 0, "recipient_gold": 0}
    errors = []
    docs = nlp.pipe([r["text"] for r in rows], batch_size=64)
    for r, doc in zip(rows, docs):
        cand, how = choose(doc, r.get("s_span"), r.get("t_span"))
        pred = cand.event if cand is not None else None
        ok = pred is not None and (pred == r["gold"] or pred in GOLD_ACCEPTS.get(r["gold"], ()))
        # PLV/CAMEO have no status: a meeting we code as planned is their "intent to meet"
        # (CAMEO 036 -> AGREE); counted apart, never in the headline accuracy
        if not ok and pred == "CONSULT" and r["gold"] == "AGREE" and cand.status == "planned":
            why["planned CONSULT = AGREE"] += 1
        golds.append(r["gold"])
        preds.append(r["gold"] if ok else _normalise_pred(pred, gold_labels))
        why["no trigger" if cand is None else cand.kind] += 1
        if not ok:
            errors.append({"gold": r["gold"], "pred": pred, "text": r["text"][:160],
                           "trigger": cand.trigger.text if cand is not None else None,
                           "rule": cand.rule if cand is not None else None})
        if actors_stage is not None:
            document = Document(article=Article(id="eval", source="eval", body=r["text"]), doc=doc,
                                text=r["text"])
            try:
                actors_stage(document)
            except Exception:  # an actor failure is counted as unresolved
                continue
            for role, span_key, code_key in (("actor", "s_span", "s_code"), ("recipient", "t_span", "t_code")):
                span = r.get(span_key)
                if span is None:
                    continue
                resolved[f"{role}_total"] += 1
                found = actors_in_span(document, span[0], span[1]) or []
                if found:
                    resolved[role] += 1
                gold_codes = r.get(code_key)
                if gold_codes:
                    resolved[f"{role}_gold"] += 1
                    if found and _code_of_era(found[0].code) in gold_codes:
                        resolved[f"{role}_correct"] += 1
    correct = sum(1 for g, p in zip(golds, preds) if g == p)
    macro, per = _f1_table(golds, preds)
    confusions = Counter((g, p) for g, p in zip(golds, preds) if g != p)
    out = {
        "n": len(rows),
        "accuracy": round(correct / len(rows), 3) if rows else 0.0,
        "macro_f1": macro,
        "per_class_f1": per,
        "no_trigger": why["no trigger"],
        "accuracy_status_mapped": round((correct + why["planned CONSULT = AGREE"]) / len(rows), 3) if rows else 0.0,
        "top_confusions": [{"gold": g, "pred": p, "count": n} for (g, p), n in confusions.most_common(10)],
    }
    if keep_errors:
        out["errors"] = errors
    if actors_stage is not None:
        for role in ("actor", "recipient"):
            tot = resolved[f"{role}_total"]
            out[f"{role}_resolution_coverage"] = round(resolved[role] / tot, 3) if tot else None
            g = resolved[f"{role}_gold"]
            out[f"{role}_country_accuracy"] = round(resolved[f"{role}_correct"] / g, 3) if g else None
    else:
        out["actor_resolution_coverage"] = None
        out["note"] = "actors stage not installed: no resolution figures"
    return out


def _overlaps(ref, span) -> bool:
    return span is not None and ref.start is not None and ref.end is not None \
        and ref.start < span[1] and span[0] < ref.end


def pick_event(events, s_span, t_span):
    """The end-to-end prediction for a sentence: the event whose actor text overlaps the
    marked actor and whose recipient text overlaps the marked recipient (either way round),
    else the one overlapping most, else the sentence's first event, else None."""
    if not events:
        return None

    def fit(ev):
        a = any(_overlaps(r, s_span) for r in ev.actor)
        r = any(_overlaps(x, t_span) for x in ev.recipient)
        swapped = any(_overlaps(r, t_span) for r in ev.actor) or any(_overlaps(x, s_span) for x in ev.recipient)
        return 2 * a + 2 * r + (0.5 if swapped else 0), ev.confidence

    return max(events, key=fit)


def score_end_to_end(rows: list[dict], model: str | None = None, keep_errors: bool = True,
                     config=None) -> dict:
    """What users get: each sentence is one JSONL article through the path of
    ``dateline extract`` (:func:`dateline.job.extract_stream`: ``build_article`` then
    ``pipeline.analyse`` with the default stages); no marked span is handed in. The marked spans only pick, afterwards, which of the
    sentence's events is the prediction (:func:`pick_event`); a sentence with no event is
    counted wrong. ``config``: the settings to analyse with (default: the current ones)."""
    import io

    from types import SimpleNamespace

    from dateline import settings
    from dateline.job import extract_stream

    lines = "".join(json.dumps({"id": f"row{i}", "text": r["text"]}) + "\n" for i, r in enumerate(rows))
    with settings.using(config):        # an explicit Config variant, no global set
        found = {a.source: events for a, events in extract_stream(io.BytesIO(lines.encode("utf-8")), "plv",
                                                                  model=model, on_error=lambda e: None)}
    # a sentence the cleaner finds no article in has no events (counted wrong below)
    documents = [SimpleNamespace(events=found.get(f"row{i}", [])) for i in range(len(rows))]
    gold_labels = {r["gold"] for r in rows}
    golds, preds, errors = [], [], []
    none = 0
    roles = {"actor": [0, 0], "recipient": [0, 0]}       # [with gold code, code right]
    unresolved = 0
    spans = {"actor": [0, 0], "recipient": [0, 0]}       # [marked, the event's text overlaps it]
    for r, document in zip(rows, documents):
        ev = pick_event(document.events, r.get("s_span"), r.get("t_span"))
        pred = ev.event if ev is not None else None
        none += ev is None
        ok = pred is not None and (pred == r["gold"] or pred in GOLD_ACCEPTS.get(r["gold"], ()))
        golds.append(r["gold"])
        preds.append(r["gold"] if ok else _normalise_pred(pred, gold_labels))
        if ev is not None and any(a.code == UNRESOLVED for a in ev.actor + ev.recipient):
            unresolved += 1
        for role, key, refs in (("actor", "s_span", ev.actor if ev else []),
                                ("recipient", "t_span", ev.recipient if ev else [])):
            if r.get(key) is not None:
                spans[role][0] += 1
                spans[role][1] += any(_overlaps(x, r[key]) for x in refs)
        for role, key, refs in (("actor", "s_code", ev.actor if ev else []),
                                ("recipient", "t_code", ev.recipient if ev else [])):
            gold_codes = r.get(key)
            if gold_codes:
                roles[role][0] += 1
                roles[role][1] += any(_code_of_era(x.code) in gold_codes for x in refs)
        if not ok and keep_errors:
            errors.append({"gold": r["gold"], "pred": pred, "text": r["text"][:160],
                           "trigger": ev.trigger if ev else None, "rule": ev.rule if ev else None,
                           "events": [(e.event, [a.code for a in e.actor], [x.code for x in e.recipient])
                                      for e in document.events]})
    correct = sum(1 for g, p in zip(golds, preds) if g == p)
    macro, per = _f1_table(golds, preds)
    confusions = Counter((g, p) for g, p in zip(golds, preds) if g != p)
    n = len(rows)
    out = {
        "n": n,
        "accuracy": round(correct / n, 3) if n else 0.0,
        "macro_f1": macro,
        "per_class_f1": per,
        "no_event": none,
        "no_event_share": round(none / n, 3) if n else 0.0,
        "with_unresolved_actor": unresolved,
        "top_confusions": [{"gold": g, "pred": p, "count": c} for (g, p), c in confusions.most_common(10)],
    }
    for role in roles:
        total, right = roles[role]
        out[f"{role}_country_accuracy"] = round(right / total, 3) if total else None
        total, right = spans[role]
        out[f"{role}_span_agreement"] = round(right / total, 3) if total else None
    if keep_errors:
        out["errors"] = errors
    return out


def plv_rows(shared: Path) -> list[dict]:
    rows = []
    with open(shared / PLV, encoding="utf-8") as f:
        for rec in csv.DictReader(f, delimiter="\t"):
            text, spans = unmark(rec["marked_sentence"])
            rows.append({"text": text, "s_span": spans.get("s"), "t_span": spans.get("t"),
                         "gold": rec["gold_root"].strip().upper()})
    return rows


def _find(text: str, words: str) -> tuple[int, int] | None:
    i = text.find(words) if words else -1
    return (i, i + len(words)) if i >= 0 else None


#: CAMEO-era country codes in the PLOVER examples -> ISO alpha-3
_LEGACY_CODES = {"JAP": "JPN", "UK": "GBR", "GMY": "DEU", "SWZ": "CHE", "ROM": "ROU", "DEN": "DNK",
                 "IRE": "IRL", "POR": "PRT", "NET": "NLD", "SPN": "ESP", "SAF": "ZAF"}


def _code_of_era(code: str) -> str:
    """The PLOVER examples come from the CAMEO era, which coded the European Community as an
    IGO; PLOVER's own code for the EU and its bodies is EUR."""
    return "IGO" if code == "EUR" else code


def plover_rows(shared: Path) -> list[dict]:
    data = json.loads((shared / PLOVER_EXAMPLES).read_text(encoding="utf-8"))
    rows = []
    for rec in data:
        ev = (rec.get("event") or "").upper()
        if ev == "DOCUMENT" or not rec.get("text"):
            continue
        gold = patterns.LEGACY_TYPES.get(ev, ev)
        first = lambda v: (v[0] if isinstance(v, list) and v and isinstance(v[0], dict) else {})  # noqa: E731
        src, tgt = first(rec.get("source")), first(rec.get("target"))
        text = rec["text"]
        codes = lambda a: {_LEGACY_CODES.get(a.get("code", ""), a.get("code", ""))} if a.get("code") else None  # noqa: E731
        rows.append({"text": text, "s_span": _find(text, src.get("actorText", "")),
                     "t_span": _find(text, tgt.get("actorText", "")), "gold": gold,
                     "s_code": codes(src), "t_code": codes(tgt)})
    return rows


def one_sided(policy: str):
    """The current Config with the one-party policy ``policy`` ("all": one-party events kept
    in every sentence, GDELT-style; "off": dyads only): an explicit variant, no global set."""
    from dateline import settings

    return settings.current().replace(one_sided=policy)


def evaluate(shared: Path, keep_errors: bool = False) -> dict:
    from dateline import nlp as nlp_module

    shared = Path(shared)
    nlp = nlp_module.load()
    figures = {}
    if (shared / PLV).exists():
        rows = plv_rows(shared)
        figures["plv_end_to_end"] = score_end_to_end(rows, keep_errors=keep_errors)
        figures["plv_end_to_end_one_sided"] = score_end_to_end(rows, keep_errors=keep_errors,
                                                               config=one_sided("all"))
        figures["plv_end_to_end_dyads_only"] = score_end_to_end(rows, keep_errors=keep_errors,
                                                                config=one_sided("off"))
        figures["plv"] = score_pairs(rows, nlp, keep_errors)
    if (shared / PLOVER_EXAMPLES).exists():
        rows = plover_rows(shared)
        figures["plover_examples_end_to_end"] = score_end_to_end(rows, keep_errors=keep_errors)
        figures["plover_examples"] = score_pairs(rows, nlp, keep_errors)
    return figures


def report(figures: dict) -> str:
    lines = ["PLOVER event-type coding on marked actor/recipient pairs"]
    names = {"plv": "PLV_train (real news, gold root; YIELD = CONCEDE|RETREAT)",
             "plover_examples": "PLOVER examples (CAMEO manual sentences, PLOVER 0.5 labels)"}
    for key, fig in figures.items():
        if not isinstance(fig, dict) or "n" not in fig:
            continue            # e.g. the runner's timing entry
        if key.endswith("_end_to_end"):
            lines += _report_end_to_end(names.get(key[:-len("_end_to_end")], key), fig)
            continue
        if key.endswith("_end_to_end_one_sided"):
            lines += _report_end_to_end(names.get(key[:-len("_end_to_end_one_sided")], key), fig,
                                        "END TO END with DATELINE_ONE_SIDED=all (one-party events kept in every sentence, GDELT-style)")
            continue
        if key.endswith("_end_to_end_dyads_only"):
            lines += _report_end_to_end(names.get(key[:-len("_end_to_end_dyads_only")], key), fig,
                                        "END TO END with DATELINE_ONE_SIDED=off (two named parties required)")
            continue
        lines.append("")
        lines.append(f"{names.get(key, key)}: n={fig['n']}")
        lines.append("  WITH GOLD HELP (the marked actor/recipient spans pick the coder's candidate)")
        lines.append(f"  type accuracy   {fig['accuracy']:.3f}")
        lines.append(f"  macro-F1        {fig['macro_f1']:.3f}")
        lines.append(f"  (accuracy reading our planned CONSULT as AGREE, CAMEO 036 'intent to meet': "
                     f"{fig['accuracy_status_mapped']:.3f})")
        lines.append(f"  no trigger found {fig['no_trigger']}")
        cov = fig.get("actor_resolution_coverage")
        if cov is not None:
            lines.append(f"  actor/recipient resolved to a code: {fig['actor_resolution_coverage']:.3f} / "
                         f"{fig['recipient_resolution_coverage']:.3f}"
                         + ("" if fig.get("actor_country_accuracy") is not None else "  (no gold country: coverage only)"))
            if fig.get("actor_country_accuracy") is not None:
                lines.append(f"  actor/recipient code accuracy (gold codes): {fig['actor_country_accuracy']:.3f} / "
                             f"{fig['recipient_country_accuracy'] or 0:.3f}")
        else:
            lines.append("  actor resolution: actors stage not installed")
        lines.append("  per-class F1: " + ", ".join(f"{k} {v:.2f}" for k, v in fig["per_class_f1"].items()))
        lines.append("  most common errors (gold -> predicted):")
        for c in fig["top_confusions"]:
            lines.append(f"    {c['gold']:<10} -> {c['pred']:<10} {c['count']}")
    return "\n".join(lines)


def _report_end_to_end(name: str, fig: dict,
                       title: str = "END TO END (what users get: plain sentence through `dateline extract`, "
                                    "no spans handed in)") -> list[str]:
    lines = ["", f"{name}: n={fig['n']}", "  " + title,
             f"  type accuracy   {fig['accuracy']:.3f}",
             f"  macro-F1        {fig['macro_f1']:.3f}",
             f"  no event        {fig['no_event']} ({fig['no_event_share']:.1%})",
             f"  events with an unresolved actor or recipient: {fig['with_unresolved_actor']}"]
    if fig.get("actor_span_agreement") is not None:
        lines.append(f"  the event's actor/recipient is the marked one: {fig['actor_span_agreement']:.3f} / "
                     f"{fig['recipient_span_agreement'] or 0:.3f}")
    if fig.get("actor_country_accuracy") is not None:
        lines.append(f"  actor/recipient code accuracy (gold codes): {fig['actor_country_accuracy']:.3f} / "
                     f"{fig['recipient_country_accuracy'] or 0:.3f}")
    else:
        lines.append("  (no gold country codes in this set: actor/recipient agreement is on the marked text)")
    lines.append("  most common errors (gold -> predicted):")
    for c in fig["top_confusions"]:
        lines.append(f"    {c['gold']:<10} -> {c['pred']:<10} {c['count']}")
    return lines


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true", help="print a sample of errors")
    a = ap.parse_args(argv)
    figures = evaluate(Path(a.shared), keep_errors=a.errors)
    if a.json:
        print(json.dumps(figures, indent=1))
        return
    print(report(figures))
    if a.errors:
        for key, fig in figures.items():
            for e in (fig.get("errors", []) if isinstance(fig, dict) else []):
                print(key, e["gold"], "<-", e["pred"], "|", e["trigger"], "|", e["rule"], "|", e["text"])


if __name__ == "__main__":
    main()
