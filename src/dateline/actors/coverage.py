"""Actor resolution measured on shared data: PLV coverage and PLOVER-GSR accuracy.

- PLV (snowood1/Zero-Shot-PLOVER, PLV_train.tsv) marks the actor (`source`) and recipient
  (`target`) phrases of real news sentences but has no gold country, so this measures
  coverage (a code was found), the mix of resolution paths and codes, and lists a sample
  for hand-checking.
- The PLOVER gold records (openeventdata-PLOVER/PLOVER_GSR_CAMEO.txt, CAMEO-manual
  examples) give actorText with code and sector: accuracy of resolve_phrase on them (UNO
  counts for the file's IGO; its JAP is JPN; sectors with ethnic/religious suffixes or
  "***" are not scored).

Same shape as the evaluation modules: ``evaluate(shared) -> dict`` and
``report(figures) -> str``; run it with ``python -m dateline.actors.coverage ../shared``.
"""
from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

PLV = Path("data/event-coding/snowood1-Zero-Shot-PLOVER/PLV_train.tsv")
GSR = Path("data/event-coding/openeventdata-PLOVER/PLOVER_GSR_CAMEO.txt")
GSR_CODE_ALIASES = {"JAP": "JPN"}
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "CVL", "BUS", "MED", "EDU", "REL",
           "LAB", "AGR", "REF", "JRN", "CRM", "SPY", "UAF", "PTY", "NGO", "ELI"}


def evaluate(shared: Path, sample_size: int = 40, seed: int = 7) -> dict:
    figures = {"plv": evaluate_plv(shared, sample_size, seed), "gsr": evaluate_gsr(shared)}
    return figures


def evaluate_gsr(shared: Path) -> dict:
    from dateline.actors.resolve import resolve_phrase

    path = Path(shared) / GSR
    if not path.is_file():
        return {"skipped": f"{path} not found"}
    items = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        for side in ("source", "target"):
            for actor in record.get(side) or []:
                if isinstance(actor, dict) and actor.get("actorText") and actor.get("code"):
                    items.append((actor["actorText"], GSR_CODE_ALIASES.get(actor["code"], actor["code"]),
                                  actor.get("sector")))
    code_ok = found = sector_ok = sector_scored = 0
    wrong = []
    for text, code, sector in items:
        ref = resolve_phrase(text, None)
        found += ref is not None
        good = ref is not None and (ref.code == code or (code == "IGO" and ref.code == "UNO"))
        code_ok += good
        if not good and ref is not None:
            wrong.append((text, code, ref.code))
        if good and sector in SECTORS:
            sector_scored += 1
            sector_ok += ref.sector == sector
    return {
        "actors": len(items),
        "coverage": round(found / len(items), 4) if items else 0.0,
        "code_accuracy": round(code_ok / len(items), 4) if items else 0.0,
        "code_precision": round(code_ok / found, 4) if found else 0.0,
        "sector_accuracy": round(sector_ok / sector_scored, 4) if sector_scored else 0.0,
        "sector_scored": sector_scored,
        "wrong_codes": wrong[:25],
    }


def evaluate_plv(shared: Path, sample_size: int = 40, seed: int = 7) -> dict:
    from dateline import nlp as nlp_module
    from dateline.actors.resolve import resolve_phrase

    path = Path(shared) / PLV
    if not path.is_file():
        return {"skipped": f"{path} not found"}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    nlp = nlp_module.load()
    phrases = [(row[column], column) for row in rows for column in ("source", "target")
               if (row.get(column) or "").strip()]
    started = time.perf_counter()
    results = [(text, column, resolve_phrase(text, None, nlp=nlp)) for text, column in phrases]
    seconds = time.perf_counter() - started
    found = [r for r in results if r[2] is not None]
    by_column = {column: (sum(1 for r in found if r[1] == column),
                          sum(1 for r in results if r[1] == column)) for column in ("source", "target")}
    rng = random.Random(seed)
    sample = rng.sample(found, min(sample_size, len(found)))
    missed = [text for text, _, ref in results if ref is None]
    return {
        "phrases": len(results),
        "with_code": len(found),
        "coverage": round(len(found) / len(results), 4) if results else 0.0,
        "coverage_source": round(by_column["source"][0] / max(1, by_column["source"][1]), 4),
        "coverage_target": round(by_column["target"][0] / max(1, by_column["target"][1]), 4),
        "with_sector": sum(1 for r in found if r[2].sector),
        "how": dict(Counter(r[2].how for r in found).most_common()),
        "top_codes": dict(Counter(r[2].code for r in found).most_common(15)),
        "seconds": round(seconds, 2),
        "sample": [(text, ref.code, ref.sector, ref.name, ref.how) for text, _, ref in sample],
        "missed_sample": rng.sample(missed, min(sample_size, len(missed))),
    }


def report(figures: dict) -> str:
    return report_plv(figures["plv"]) + "\n" + report_gsr(figures["gsr"])


def report_gsr(figures: dict) -> str:
    if "skipped" in figures:
        return f"actors/PLOVER-GSR accuracy: skipped ({figures['skipped']})"
    lines = [
        "actors: resolve_phrase on PLOVER gold actor phrases (PLOVER_GSR_CAMEO)",
        f"  actors {figures['actors']}, with a code {figures['coverage']:.1%}, right code "
        f"{figures['code_accuracy']:.1%} of all ({figures['code_precision']:.1%} of those coded), "
        f"right sector {figures['sector_accuracy']:.1%} of {figures['sector_scored']} scored",
        "  wrong codes (text, gold, ours): " + "; ".join(f"{t[:30]} {g}/{o}" for t, g, o in figures["wrong_codes"]),
    ]
    return "\n".join(lines)


def report_plv(figures: dict) -> str:
    if "skipped" in figures:
        return f"actors/PLV coverage: skipped ({figures['skipped']})"
    lines = [
        "actors: resolve_phrase on PLV actor/recipient phrases (no gold codes: coverage only)",
        f"  phrases {figures['phrases']}, with a code {figures['with_code']} "
        f"({figures['coverage']:.1%}; source {figures['coverage_source']:.1%}, "
        f"target {figures['coverage_target']:.1%}), with a sector {figures['with_sector']}",
        "  paths: " + ", ".join(f"{k} {v}" for k, v in figures["how"].items()),
        "  codes: " + ", ".join(f"{k} {v}" for k, v in figures["top_codes"].items()),
        "  sample to hand-check:",
    ]
    lines += [f"    {text[:60]!r:64} {code} {sector or '-'} {name or ''} [{how}]"
              for text, code, sector, name, how in figures["sample"]]
    lines.append("  sample without a code: " + "; ".join(t[:40] for t in figures["missed_sample"][:20]))
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))))
