"""Story clustering throughput: capitalisation names vs spaCy entities, how the cost per
article grows with the number of stories already held (the inverted index should keep it
near flat), and what one article costs when added alone to a clusterer holding the rest
(story placement, re-linking its story, regrouping that story's topic component). Uses
ECB+ from ../shared when present, else synthetic articles.

Run: python bench/bench_stories.py [--shared ../shared] [--limit 300]
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _articles(shared: Path, limit: int) -> list[dict]:
    try:
        from dateline.evaluation.ecbplus import load

        records = load(shared)
        random.Random(0).shuffle(records)
        return [{"id": r["id"], "text": r["text"]} for r in records[:limit]]
    except FileNotFoundError:
        rng = random.Random(0)
        vocab = [f"word{i}" for i in range(3000)]
        names = [f"Name{i}" for i in range(300)]
        return [{"id": str(i), "text": " ".join(rng.choice(vocab) for _ in range(200)) + " "
                 + " ".join(rng.choice(names) for _ in range(10))} for i in range(limit)]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args(argv if argv is not None else [])

    from dateline.stories.cluster import StoryClusterer, cluster_records

    articles = _articles(args.shared, args.limit)
    timings = {}
    for mode in ("caps", "spacy"):
        started = time.perf_counter()
        cluster_records([dict(a) for a in articles], entities=mode)
        timings[mode] = time.perf_counter() - started
    for mode, seconds in timings.items():
        print(f"{mode:<6} {len(articles)} articles {seconds:7.2f} s  "
              f"{len(articles) / seconds:8.1f} articles/s")
    print(f"spacy/caps time ratio: {timings['spacy'] / timings['caps']:.1f}")

    clusterer = StoryClusterer()
    quarter = max(len(articles) // 4, 1)
    for start in range(0, len(articles), quarter):
        chunk = articles[start:start + quarter]
        began = time.perf_counter()
        clusterer.add_batch(chunk)
        spent = time.perf_counter() - began
        print(f"articles {start:>5}-{start + len(chunk):<5} stories held {len(clusterer.stories.groups):>5}"
              f"  {1000 * spent / max(len(chunk), 1):6.2f} ms/article"
              f"  (regrouped {clusterer.last_regroup['regrouped']} stories at batch end)")

    alone = articles[-min(50, len(articles) // 4 or 1):]
    clusterer = StoryClusterer()
    clusterer.add_batch(articles[:len(articles) - len(alone)])
    spent, regrouped = 0.0, 0
    for article in alone:
        began = time.perf_counter()
        clusterer.add(article["id"], article["text"])
        spent += time.perf_counter() - began
        regrouped += clusterer.last_regroup["regrouped"]
    print(f"one at a time: {len(alone)} articles into {len(clusterer.stories.groups)} stories"
          f"  {1000 * spent / len(alone):6.2f} ms/article,"
          f" {regrouped / len(alone):.1f} stories regrouped per article")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
