"""Run every benchmark in bench/ (or those named): python -m bench [name ...]."""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv=None) -> int:
    names = argv if argv is not None else sys.argv[1:]
    here = Path(__file__).parent
    found = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)])
                   if m.name.startswith("bench_"))
    for name in names or found:
        if name not in found:
            print(f"bench: no benchmark {name!r} (have: {', '.join(found)})", file=sys.stderr)
            return 2
        print(f"== bench {name}", flush=True)
        importlib.import_module(f"bench.bench_{name}").main()
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
