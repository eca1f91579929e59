"""Generated news-like articles for benchmarks: varied actors, verbs, dates; no real text."""
from __future__ import annotations

import random
from pathlib import Path

COUNTRIES = [("United States", "Washington"), ("China", "Beijing"), ("Russia", "Moscow"),
             ("France", "Paris"), ("India", "New Delhi"), ("Brazil", "Brasilia"),
             ("Japan", "Tokyo"), ("Kenya", "Nairobi"), ("Turkey", "Ankara"), ("Germany", "Berlin")]
SENTENCES = [
    "{a} and {b} agreed on {day} to resume talks on trade.",
    "The foreign minister of {a} met his counterpart from {b} in {city} on {day}.",
    "{a} accused {b} of violating the ceasefire last week.",
    "Police in {city} arrested dozens of protesters on {day}, officials said.",
    "{a} will impose sanctions on {b} next month, the government said.",
    "{a} did not attack {b}, the defence ministry insisted.",
    "Officials from {a} said they would consider sending aid to {b}.",
    "Tensions between {a} and {b} have grown in recent months.",
]
ARTICLES_PER_MONTH = 250
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article_text(i: int, rng: random.Random) -> str:
    (a, _), (b, city) = rng.sample(COUNTRIES, 2)
    title = f"{a} and {b}: round {i} of talks in {city}"
    paras = []
    for _ in range(rng.randint(4, 8)):
        sents = [rng.choice(SENTENCES).format(a=a, b=b, city=city, day=rng.choice(DAYS))
                 for _ in range(rng.randint(2, 3))]
        paras.append(" ".join(sents) + f" (item {i}-{len(paras)})")
    # A corpus of more articles covers more time at the same density of news (about
    # ARTICLES_PER_MONTH generated articles a month), as a real feed does: a backfill of a
    # year is not a year's articles squeezed into one month.
    months = 2015 * 12 + i // ARTICLES_PER_MONTH
    year, month = divmod(months, 12)
    day = rng.randint(1, 28)
    return (f"{title}\n\nPublished {year}-{month + 1:02d}-{day:02d}\n\n"
            + "\n\n".join(paras) + "\n")


def write_articles(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:06d}.txt").write_text(article_text(i, rng), encoding="utf-8")
