"""TempEval-3 style scoring of the temporal recogniser on TimeML corpora.

Corpora (under ``shared/data``): TimeBank and AQUAINT (TBAQ-cleaned), WikiWars (narrative
text, converted TIMEX2: every type is DATE, so its type figures mean little), and the
English MEANTIME (Wikinews, tokenised XML: the text is rebuilt from its tokens). The
document creation time of each file is the publication date; only text inside <TEXT> is
tagged; the DCT timex itself is not scored.

Figures per corpus: strict and relaxed span P/R/F1 (exact offsets / any overlap), type and
value accuracy over relaxed matches, and value F1 = relaxed F1 x value accuracy (as the
TempEval-3 scorer's attribute F1). Values compare as strings after one canonical rewrite:
ISO week numbers are zero-padded (some gold files write 2000-W7 for 2000-W07).

Run alone: ``python -m dateline.evaluation.timeml --shared ../shared`` (``--corpus AQUAINT``
to score one corpus, ``--errors AQUAINT`` to list its errors).
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, type, value
    scored_until: int | None = None       # predictions starting after this are not scored
    excluded: list[tuple[int, int]] = field(default_factory=list)  # the DCT written in the text


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> GoldDoc:
    """A TimeML file: the text inside <TEXT> without tags, and its TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        dct = dict(_ATTR.findall(m.group(1))).get("value")
    if dct is None:
        m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
        if m:
            dct = dict(_ATTR.findall(m.group(0))).get("value")
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict]] = []
    timexes = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos:tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if closing:
            start, a = open_timex.pop()
            if a.get("functionInDocument") != "CREATION_TIME":
                timexes.append((start, length, a.get("type", ""), a.get("value", "")))
        elif not tag.group(4):
            open_timex.append((length, dict(_ATTR.findall(attrs))))
    out.append(html.unescape(body[pos:]))
    return GoldDoc(path.name, "".join(out), dct, timexes)


_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "'s", "'", "n't", "%", "'re",
                    "'ve", "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


MEANTIME_LAST_SENTENCE = 5


def read_meantime(path: Path) -> GoldDoc:
    """A MEANTIME XML file: tokens joined into text (sentences as paragraphs, no
    space before punctuation), TIMEX3 spans from their token anchors."""
    root = ET.parse(path).getroot()
    pieces = []
    offsets: dict[str, tuple[int, int]] = {}
    length = 0
    prev_sentence = None
    prev_token = None
    sentence_of: dict[str, int] = {}
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if prev_sentence is not None:
            if sentence != prev_sentence:
                sep = "\n\n"
            elif word in _NO_SPACE_BEFORE or prev_token in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            pieces.append(sep)
            length += len(sep)
        offsets[tok.get("t_id")] = (length, length + len(word))
        sentence_of[tok.get("t_id")] = int(sentence)
        pieces.append(word)
        length += len(word)
        prev_sentence, prev_token = sentence, word
    text = "".join(pieces)
    dct = None
    timexes = []
    excluded = []
    markables = root.find("Markables")
    for tx in (markables.iter("TIMEX3") if markables is not None else []):
        anchors = [a.get("t_id") for a in tx.findall("token_anchor")]
        spans = [offsets[a] for a in anchors if a in offsets]
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value")
            if spans:
                excluded.append((min(s for s, _ in spans), max(e for _, e in spans)))
            continue
        if not spans:
            continue
        timexes.append((min(s for s, _ in spans), max(e for _, e in spans), tx.get("type", ""),
                        tx.get("value", "")))
    if dct is None:
        # two files lack the CREATION_TIME timex: the date line under the title is the DCT (it
        # is still scored where the file annotates it as an ordinary expression)
        m = re.search(r"\n\n([A-Z][a-z]+ \d{1,2}, \d{4})\n\n", text)
        if m:
            import datetime as _dt
            try:
                dct = _dt.datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()
                if not any(s < m.end(1) and m.start(1) < e for s, e, _, _ in timexes):
                    excluded.append((m.start(1), m.end(1)))   # scored where gold tags it
            except ValueError:
                pass
    # MEANTIME annotates time expressions in the title and the first sentences only
    # (sentence numbers 0-5: title, date line, four sentences); later ones are not scored
    scored_until = max((e for t, (s, e) in offsets.items() if sentence_of[t] <= MEANTIME_LAST_SENTENCE),
                       default=len(text))
    return GoldDoc(path.name, text, dct, timexes, scored_until, excluded)


def corpora(shared: Path) -> dict[str, list[Path]]:
    data = Path(shared) / "data"
    return {
        "TimeBank": sorted((data / "timeml" / "timebank").glob("*.tml")),
        "AQUAINT": sorted((data / "timeml" / "aquaint").glob("*.tml")),
        "WikiWars": sorted((data / "timeml" / "wikiwars").glob("*.tml")),
        "MEANTIME": sorted((data / "meantime_en" / "intra_cross-doc_annotation").glob("*/*.xml")),
    }


def _dct_date(dct: str | None) -> str | None:
    if not dct:
        return None
    m = re.match(r"(\d{4})-?(\d\d)-?(\d\d)", dct)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    m = re.match(r"(\d\d)-(\d\d)-(\d{4})$", dct)      # one MEANTIME file writes DD-MM-YYYY
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else None


def score_documents(docs, predict) -> dict:
    """Counts and figures for a list of GoldDoc and a predict(text, published) -> timexes."""
    n_gold = n_pred = strict = relaxed = type_ok = value_ok = 0
    errors = []
    for d in docs:
        predicted = [p for p in predict(d.text, _dct_date(d.dct))
                     if (d.scored_until is None or p.start < d.scored_until)
                     and not any(p.start < e and s < p.end for s, e in d.excluded)]
        n_gold += len(d.timexes)
        n_pred += len(predicted)
        used = set()
        # pairs with identical spans first, then each remaining gold expression takes the
        # unused prediction it overlaps most (gold may nest: "from 2009 to 2011" and "2009")
        exact = {}
        for k, (gs, ge, _, _) in enumerate(d.timexes):
            for i, p in enumerate(predicted):
                if i not in used and (p.start, p.end) == (gs, ge):
                    exact[k] = i
                    used.add(i)
                    break
        for k, (gs, ge, gtype, gvalue) in enumerate(d.timexes):
            best = (None, exact[k]) if k in exact else None
            for i, p in enumerate(predicted):
                if best is not None and best[0] is None:
                    break
                if i in used or p.end <= gs or p.start >= ge:
                    continue
                overlap = min(ge, p.end) - max(gs, p.start)
                if best is None or overlap > best[0]:
                    best = (overlap, i)
            if best is None:
                errors.append((d.name, "missed", d.text[gs:ge], gvalue, None))
                continue
            p = predicted[best[1]]
            used.add(best[1])
            relaxed += 1
            strict += (p.start, p.end) == (gs, ge)
            type_ok += p.type == gtype
            if canonical_value(p.value) == canonical_value(gvalue):
                value_ok += 1
            else:
                errors.append((d.name, "value", d.text[gs:ge] + " | " + p.text, gvalue, p.value))
        for i, p in enumerate(predicted):
            if i not in used:
                errors.append((d.name, "spurious", p.text, None, p.value))
    return _figures(n_gold, n_pred, strict, relaxed, type_ok, value_ok) | {"errors": errors}


_WEEK = re.compile(r"-W(\d)(?!\d)")


def canonical_value(value: str) -> str:
    """Equal values written differently compare equal: ISO week numbers with or without
    the zero ("2000-W7" in some gold files is 2000-W07). Nothing else is rewritten."""
    return _WEEK.sub(r"-W0\1", value or "")


def _f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def _figures(n_gold, n_pred, strict, relaxed, type_ok, value_ok) -> dict:
    sp, sr = (strict / n_pred if n_pred else 0.0), (strict / n_gold if n_gold else 0.0)
    rp, rr = (relaxed / n_pred if n_pred else 0.0), (relaxed / n_gold if n_gold else 0.0)
    rf = _f1(rp, rr)
    type_acc = type_ok / relaxed if relaxed else 0.0
    value_acc = value_ok / relaxed if relaxed else 0.0
    return {"gold": n_gold, "predicted": n_pred,
            "strict_p": sp, "strict_r": sr, "strict_f1": _f1(sp, sr),
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_accuracy": type_acc, "value_accuracy": value_acc, "value_f1": rf * value_acc}


def _predictor():
    from dateline import nlp
    from dateline.time.recognise import find_timexes

    model = nlp.load()

    def predict(text, published):
        return find_timexes(model(text), published)

    return predict


def evaluate(shared: Path, keep_errors: bool = False, only: list[str] | None = None) -> dict:
    """Figures per corpus (corpora that are missing are skipped; ``only``: these corpora)."""
    predict = _predictor()
    figures = {}
    for name, paths in corpora(Path(shared)).items():
        if not paths or (only and name not in only):
            continue
        reader = read_meantime if name == "MEANTIME" else read_tml
        docs = [reader(p) for p in paths]
        result = score_documents(docs, predict)
        if not keep_errors:
            result.pop("errors")
        result["documents"] = len(docs)
        figures[name] = result
    return {"timeml": figures}


def report(figures: dict) -> str:
    rows = figures.get("timeml", figures)
    head = (f"{'corpus':<10} {'docs':>5} {'gold':>5} {'pred':>5}  {'strict F1':>9} {'relax P':>8} "
            f"{'relax R':>8} {'relax F1':>8}  {'type acc':>8} {'value acc':>9} {'value F1':>8}")
    lines = ["Time expressions (TempEval-3 style; value F1 = relaxed F1 x value accuracy)", head,
             "-" * len(head)]
    for name, f in rows.items():
        lines.append(
            f"{name:<10} {f.get('documents', 0):>5} {f['gold']:>5} {f['predicted']:>5}  "
            f"{f['strict_f1']:>9.3f} {f['relaxed_p']:>8.3f} {f['relaxed_r']:>8.3f} "
            f"{f['relaxed_f1']:>8.3f}  {f['type_accuracy']:>8.3f} {f['value_accuracy']:>9.3f} "
            f"{f['value_f1']:>8.3f}")
    lines.append("WikiWars: narrative history text, converted TIMEX2 gold (every type DATE).")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--errors", metavar="CORPUS", help="print the errors of one corpus")
    parser.add_argument("--corpus", action="append", choices=["TimeBank", "AQUAINT", "WikiWars", "MEANTIME"],
                        help="score only this corpus (repeatable; default: all)")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"error: no data folder under {args.shared}", file=sys.stderr)
        return 2
    only = args.corpus + ([args.errors] if args.errors and args.errors not in args.corpus else []) \
        if args.corpus else None
    figures = evaluate(args.shared, keep_errors=bool(args.errors), only=only)
    print(report(figures))
    if args.errors:
        for e in figures["timeml"].get(args.errors, {}).get("errors", []):
            print("\t".join(str(x) for x in e))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
