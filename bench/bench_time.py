"""Temporal stage cost: time per 1,000 sentences of find_timexes on parsed Docs, as a ratio of
the spaCy pipeline's own time on the same sentences (target: at most 0.10).

Sentences: the text of the TimeML news corpora in ../shared/data/timeml (TimeBank, AQUAINT)
when present (read at run time, never copied), else generated news-like text
(bench/generate.py). Both are timed side by side in one run, best of 3.

    python -m bench time            # or: python bench/bench_time.py [--sentences 1000]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _sentences(n: int, shared: Path) -> tuple[list[str], str]:
    folder = shared / "data" / "timeml"
    if folder.is_dir():
        from dateline.evaluation.timeml import read_tml

        texts = []
        for path in sorted(folder.glob("timebank/*.tml")) + sorted(folder.glob("aquaint/*.tml")):
            texts.extend(p.strip() for p in read_tml(path).text.split("\n") if p.strip())
        return texts, "TimeBank+AQUAINT paragraphs"
    sys.path.insert(0, str(ROOT))
    from bench.generate import article_text

    rng = random.Random(7)
    return [article_text(i, rng) for i in range(max(1, n // 20))], "generated articles"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv if argv is not None else [])

    from dateline import nlp
    from dateline.time.recognise import find_timexes

    model = nlp.load()
    texts, source = _sentences(args.sentences, args.shared)
    # take whole paragraphs until the parse holds the wanted number of sentences
    docs, chosen, count = [], [], 0
    for text, doc in zip(texts, model.pipe(texts, batch_size=32)):
        docs.append(doc)
        chosen.append(text)
        count += sum(1 for _ in doc.sents)
        if count >= args.sentences:
            break
    spacy_best = stage_best = float("inf")
    found = 0
    for _ in range(3):
        t0 = time.perf_counter()
        parsed = list(model.pipe(chosen, batch_size=32))
        spacy_best = min(spacy_best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        found = sum(len(find_timexes(d, "2000-01-01")) for d in parsed)
        stage_best = min(stage_best, time.perf_counter() - t0)
    per_k = 1000 / count
    print(f"sentences: {count} ({source}); time expressions found: {found}")
    print(f"spaCy pipeline : {spacy_best * per_k:8.3f} s per 1,000 sentences")
    print(f"temporal stage : {stage_best * per_k:8.3f} s per 1,000 sentences")
    print(f"ratio          : {stage_best / spacy_best:8.3f}  (target <= 0.10)")


if __name__ == "__main__":
    main(sys.argv[1:])
