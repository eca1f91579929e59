"""Story clustering against ECB+ (topics and sub-topics), scored with B-cubed.

ECB+ groups news articles into topics (e.g. "a celebrity checks into rehab"); inside each
topic the ``*ecb.xml`` and ``*ecbplus.xml`` files are two sub-topics about different real
events of the same kind (Tara Reid in 2008, Lindsay Lohan in 2013). A story clusterer should
put a topic's articles together at the coarse level and keep the two events apart at the
fine level. We run exactly what ``dateline cluster`` runs (:func:`cluster_records`) over
the reconstructed texts, undated (ECB+ carries no document dates), and score the ``topic``
field against topics and the ``story`` field against sub-topics.

Weights and thresholds are tuned on the odd-numbered topics only and checked on the
even-numbered ones (each half clustered on its own, so neither sees the other); the full run
clusters all documents together. The tuning scored the odd topics over five placement
orders, random subsets of them, and mixed with unlabelled TimeBank/AQUAINT news as
distractors, and took the value whose neighbourhood in the grid scored best (a plateau, not
a peak). The placement order is canonical (a hash of the ids); other equally canonical
orders (id salts) show how much a figure owes to one order. Run:
``python -m dateline.evaluation.ecbplus --shared ../shared``.
"""
from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable

_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "''", "'s", "n't",
                    "'re", "'ve", "'ll", "'d", "'m", "'S", "...", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


def detokenize(tokens: Iterable[str]) -> str:
    """Tokens back to readable text: no space before closing punctuation and clitics,
    none after opening brackets, PTB quotes to plain quotes, ``4 : 59`` to ``4:59``."""
    out: list[str] = []
    glue_next = True
    for raw in tokens:
        token = raw
        for entity, char in _ENTITIES.items():
            token = token.replace(entity, char)
        digit_joint = (len(out) >= 2 and out[-1] in (":", "/", "-")
                       and out[-2][-1:].isdigit() and token[:1].isdigit())
        if out and not (glue_next or token in _NO_SPACE_BEFORE or digit_joint):
            out.append(" ")
        out.append({"``": '"', "''": '"'}.get(token, token))
        glue_next = token in _NO_SPACE_AFTER
    text = "".join(out)
    # "4 :59" -> "4:59" (the separator was glued on the right only)
    return re.sub(r"(\d) ([:/])(\d)", r"\1\2\3", text)


def read_document(path: Path) -> str:
    """The text of one ECB+ file: sentences detokenised, one per line.

    Sentence 0 of the ``ecbplus`` files is the URL the text was found at (README); it is
    metadata, not article text, and is left out.
    """
    sentences: dict[int, list[str]] = defaultdict(list)
    for sentence, word in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sentences[int(sentence)].append(word)
    lines = []
    for number in sorted(sentences):
        words = sentences[number]
        if number == 0 and words and words[0].lower().startswith("http"):
            continue
        lines.append(detokenize(words))
    return "\n".join(lines)


def load(shared: Path) -> list[dict]:
    """One record per ECB+ file: {id, text, topic, subtopic}."""
    root = Path(shared) / "data" / "ecbplus" / "ECB+"
    if not root.is_dir():
        raise FileNotFoundError(f"ECB+ not found at {root}")
    records = []
    for path in sorted(root.glob("*/*.xml")):
        match = re.fullmatch(r"(\d+)_(\d+)(ecb|ecbplus)\.xml", path.name)
        if not match:
            continue
        topic, _, half = match.groups()
        records.append({"id": path.stem, "text": read_document(path), "topic": topic,
                        "subtopic": f"{topic}-{half}"})
    return records


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    items = [i for i in gold if i in predicted]
    by_pred: dict[str, set] = defaultdict(set)
    by_gold: dict[str, set] = defaultdict(set)
    for i in items:
        by_pred[predicted[i]].add(i)
        by_gold[gold[i]].add(i)
    precision = recall = 0.0
    for i in items:
        cluster, klass = by_pred[predicted[i]], by_gold[gold[i]]
        both = len(cluster & klass)
        precision += both / len(cluster)
        recall += both / len(klass)
    n = max(len(items), 1)
    p, r = precision / n, recall / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "items": len(items), "clusters": len(by_pred), "classes": len(by_gold)}


def score(records: list[dict], salt: str = "", **options) -> dict:
    """Cluster ``records`` with the CLI's code path and score both levels.

    ``salt`` is prefixed to every id: the canonical placement order follows a hash of the
    ids, so different salts are different (equally canonical) orders; their spread says
    how much the figures owe to one order."""
    from dateline.stories.cluster import cluster_records

    started = time.perf_counter()
    output = cluster_records([{"id": salt + r["id"], "text": r["text"]} for r in records],
                             **options)
    seconds = time.perf_counter() - started
    story = {o["id"][len(salt):]: o["story"] for o in output}
    topic = {o["id"][len(salt):]: o["topic"] for o in output}
    return {
        "documents": len(records),
        "seconds": round(seconds, 2),
        "topic": bcubed(topic, {r["id"]: r["topic"] for r in records}),
        "subtopic": bcubed(story, {r["id"]: r["subtopic"] for r in records}),
        # how the fine level does if the coarse one were given: a diagnostic only
        "story_vs_topic": bcubed(story, {r["id"]: r["topic"] for r in records}),
    }


def split(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """Tuning half (odd topic numbers) and check half (even topic numbers)."""
    tune = [r for r in records if int(r["topic"]) % 2 == 1]
    check = [r for r in records if int(r["topic"]) % 2 == 0]
    return tune, check


#: Extra canonical orders for the robustness figure (see :func:`score`).
ORDER_SALTS = ["a:", "b:", "c:", "d:"]


def evaluate(shared: Path, orders: bool = True, **options) -> dict:
    records = load(shared)
    tune, check = split(records)
    figures = {
        "tune (odd topics)": score(tune, **options),
        "check (even topics)": score(check, **options),
        "all": score(records, **options),
    }
    if orders:
        runs = [figures["all"]] + [score(records, salt=s, **options) for s in ORDER_SALTS]
        figures["all, 5 orders"] = {
            level: {"min": min(r[level]["f1"] for r in runs),
                    "max": max(r[level]["f1"] for r in runs),
                    "mean": round(sum(r[level]["f1"] for r in runs) / len(runs), 4)}
            for level in ("topic", "subtopic")}
    return figures


def report(figures: dict) -> str:
    lines = ["ECB+ story clustering (B-cubed; topic = `topic` field, sub-topic = `story` field)",
             f"{'split':<22}{'docs':>6}{'level':>10}{'P':>8}{'R':>8}{'F1':>8}"
             f"{'clusters':>10}{'gold':>6}{'sec':>8}"]
    for name, part in figures.items():
        if "documents" not in part:
            continue
        for level in ("topic", "subtopic"):
            s = part[level]
            lines.append(f"{name:<22}{part['documents']:>6}{level:>10}{s['precision']:>8.3f}"
                         f"{s['recall']:>8.3f}{s['f1']:>8.3f}{s['clusters']:>10}"
                         f"{s['classes']:>6}{part['seconds']:>8.1f}")
    spread = figures.get("all, 5 orders")
    if spread:
        lines.append("F1 over 5 canonical orders (id hash salts), all documents: " + "; ".join(
            f"{level} {v['mean']:.3f} [{v['min']:.3f}-{v['max']:.3f}]" for level, v in spread.items()))
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    print(report(evaluate(args.shared)))


if __name__ == "__main__":
    main()
