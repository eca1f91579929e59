"""`make eval`: run every evaluation against ../shared and print the figures.

Each module in :data:`SUITES` exposes ``evaluate(shared) -> dict`` and
``report(figures) -> str``. Results are also written to ``eval-results.json`` so that
EVALUATION.md can be checked against them.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

#: name -> module. Order = the data's path through dateline.
SUITES = {
    "acceptance": "dateline.evaluation.acceptance",
    "extraction": "dateline.evaluation.extraction",
    "timeml": "dateline.evaluation.timeml",
    "plover": "dateline.evaluation.plover",
    "dev_events": "dateline.evaluation.dev_events",
    "real_news": "dateline.evaluation.real_news",
    "ecbplus": "dateline.evaluation.ecbplus",
    "timeline": "dateline.evaluation.timeline",
    "places": "dateline.evaluation.places",
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluation", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared", help="the shared data folder")
    ap.add_argument("--only", nargs="*", choices=list(SUITES), help="run only these suites")
    ap.add_argument("--json", default="eval-results.json", help="write all figures here")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not shared.is_dir():
        print(f"evaluation: shared data folder {shared} not found (use --shared)", file=sys.stderr)
        return 2
    results = {}
    for name in args.only or SUITES:
        try:
            module = importlib.import_module(SUITES[name])
        except ImportError as e:
            print(f"== {name}: not available ({e})\n")
            continue
        t0 = time.time()
        figures = module.evaluate(shared)
        seconds = round(time.time() - t0, 1)
        results[name] = {"seconds": seconds, "figures": figures}
        print(f"== {name} ({seconds} s)")
        print(module.report(figures))
        print()
    Path(args.json).write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
