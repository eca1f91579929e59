"""Run every benchmark in bench/ (or those named): python -m bench [name ...] [-- options].

Options after the names (``python -m bench pipeline --no-engines``) go to that one
benchmark's own ``main(argv)``; ``python bench/bench_NAME.py --help`` lists them.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path


def main(argv=None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    split = next((i for i, a in enumerate(args) if a.startswith("-")), len(args))
    names, options = args[:split], [a for a in args[split:] if a != "--"]
    here = Path(__file__).parent
    found = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)])
                   if m.name.startswith("bench_"))
    if options and len(names) != 1:
        print("bench: options go to one benchmark: python -m bench NAME --option ...", file=sys.stderr)
        return 2
    for name in names or found:
        if name not in found:
            print(f"bench: no benchmark {name!r} (have: {', '.join(found)})", file=sys.stderr)
            return 2
        print(f"== bench {name}", flush=True)
        module = importlib.import_module(f"bench.bench_{name}")
        if options:
            if "argv" not in inspect.signature(module.main).parameters:
                print(f"bench: {name} takes no options", file=sys.stderr)
                return 2
            module.main(options)
        else:
            module.main()
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
