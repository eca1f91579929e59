"""The pipeline benchmark's choices (bench/bench_pipeline.py): behaviour, never timings."""
from __future__ import annotations

from bench.bench_pipeline import pick_bare, report


def _sides(b256_cpu, b16_cpu, b256_wall, b16_wall):
    walls = {"spacy": list(b256_wall), "spacy_b16": list(b16_wall)}
    cpus = {"spacy": list(b256_cpu), "spacy_b16": list(b16_cpu)}
    return walls, cpus


def test_the_bare_side_is_the_batch_size_with_fewer_cpu_seconds_even_when_its_wall_was_longer():
    # batch 16 used less CPU in its best round, but a neighbour made its wall time longer
    walls, cpus = _sides(b256_cpu=[61.6, 64.8], b16_cpu=[48.9, 48.2],
                         b256_wall=[63.0, 66.0], b16_wall=[117.0, 70.0])
    assert pick_bare(walls, cpus) == 16
    assert cpus["spacy"] == [48.9, 48.2] and walls["spacy"] == [117.0, 70.0]
    assert cpus["spacy_b256"] == [61.6, 64.8] and "spacy_b16" not in cpus


def test_the_default_batch_stays_when_it_used_fewer_cpu_seconds():
    walls, cpus = _sides(b256_cpu=[47.0, 47.5], b16_cpu=[48.0, 49.0],
                         b256_wall=[60.0, 61.0], b16_wall=[48.0, 49.0])
    assert pick_bare(walls, cpus) == 256
    assert cpus["spacy"] == [47.0, 47.5] and cpus["spacy_b16"] == [48.0, 49.0]


def test_the_report_shows_cpu_seconds_of_each_side_and_the_other_batch():
    r = {"articles": 2, "input": "two", "words": 10, "cpus": 2, "stages": ["timex"],
         "load_before": (0.1,), "load_after": (0.2,), "rounds": 1, "bare_batch": 16,
         "rounds_s": {"spacy": [10.0], "inproc": [10.5], "cli": [11.0]},
         "rounds_cpu_s": {"spacy": [9.0], "inproc": [9.5], "cli": [10.0]},
         "best_s": {"spacy": 10.0, "inproc": 10.5, "cli": 11.0},
         "per_s": {"spacy": 0.2, "inproc": 0.19, "cli": 0.18},
         "bare_other_s": 12.0, "bare_other_cpu_s": 11.5,
         "ratio_inproc": 10 / 10.5, "ratio_cli": 10 / 11, "ratio_cli_rounds": [10 / 11],
         "ratio_inproc_rounds": [10 / 10.5], "events_cli": 3, "events_inproc": 3,
         "profile_s": {"parse": 8.0}}
    text = report(r)
    assert "batch 16 (fewer CPU s)" in text
    assert "12.0 / 11.5" in text
    assert "9.0 / 9.5 / 10.0" in text
    assert "0.90" in text          # CPU-seconds ratio of the CLI path, 9.0 / 10.0
