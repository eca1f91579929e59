"""Code a newcomer can read (issue 16): no module over 600 lines except the data-heavy
normalisers, no function over 80 lines. Read from the source with ``ast`` (nothing is run)."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "dateline"

#: modules that are mostly data (rule tables written as code), allowed to be long
DATA_HEAVY = {"time/normalise.py"}
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def _modules():
    return sorted(p for p in SRC.rglob("*.py"))


def test_no_module_is_over_600_lines():
    long = {str(p.relative_to(SRC)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert set(long) <= DATA_HEAVY, long


def test_no_function_is_over_80_lines():
    long = []
    for p in _modules():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{p.relative_to(SRC)}:{node.lineno} {node.name} ({n} lines)")
    assert not long, long


def test_the_walk_sees_the_code():
    # the two tests above would pass on an empty tree: make sure they read the real one
    assert len(_modules()) > 50
    assert (SRC / "job.py").exists()
