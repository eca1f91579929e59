"""Actor resolution on shared gold data (skipped when ../shared is absent)."""
from __future__ import annotations

import pytest

from dateline.actors.coverage import evaluate_gsr, report_gsr


@pytest.mark.slow
def test_plover_gold_actor_phrases(shared):
    figures = evaluate_gsr(shared)
    if "skipped" in figures:
        pytest.skip(figures["skipped"])
    # measured 2026-11-22: coverage 87%, precision of codes 95%, sectors 85%
    assert figures["coverage"] >= 0.8
    assert figures["code_precision"] >= 0.9
    assert figures["sector_accuracy"] >= 0.75
    assert "right code" in report_gsr(figures)
