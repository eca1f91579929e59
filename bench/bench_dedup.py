"""Cross-article deduplication: time to place 1,000 new articles' events in a store that
already holds 10,000 vs 100,000 events (no spaCy: synthetic events, written with the same
hook, commit_batch and after_commit the ingest job uses).

The stores are built in batches of 1,000 articles; the new articles then arrive in
ingest-sized batches (32 articles), alternating between the two stores so that machine
load falls on both alike. A store grows over time, so the synthetic world of the bigger
store spans more days (10k events ~ 6 months, 100k ~ 5 years) at the same density of
mentions per dyad and month.

Timed: :func:`dateline.stories.incremental.cluster_rows` (bringing the writer's SQLite
lookup index up to date, the blocking-key lookups, the re-clustering of the touched part
of the world) -- wall and CPU time; the writes (commit_batch, fsync, after_commit adding
the batch to the lookup index) separately. A full rescan would make the 100k figure ~8x
the 10k one.

    python -m bench dedup            # or: python bench/bench_dedup.py [--big 100000]
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from dateline.model import ActorRef, Article, Event
from dateline.store.schema import event_row
from dateline.store.write import commit_batch, new_batch_id
from dateline.stories import incremental

#: (type, quad, intensity, weight): roughly the mix of a news event feed
TYPES = [("CONSULT", 1, 2.8, 20), ("ACCUSE", 3, -2.0, 15), ("AGREE", 1, 5.9, 8),
         ("SUPPORT", 1, 5.1, 8), ("REQUEST", 3, -5.0, 10), ("REJECT", 3, -4.2, 6),
         ("THREATEN", 3, -6.2, 5), ("SANCTION", 4, -5.8, 5), ("COERCE", 4, -6.7, 6),
         ("ASSAULT", 4, -9.6, 8), ("AID", 2, 7.5, 4), ("COOPERATE", 2, 6.7, 5)]
COUNTRIES = ["USA", "CHN", "RUS", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR", "PSE", "IND", "PAK",
             "JPN", "KOR", "PRK", "TUR", "SYR", "SAU", "EGY", "BRA", "MEX", "CAN", "AUS", "IDN",
             "NGA", "ZAF", "ETH", "SDN", "VEN", "COL", "AFG", "IRQ", "YEM", "LBN", "POL", "ITA",
             "ESP", "NLD", "BEL", "SWE"]
HOSTS = [f"outlet{i}.example" for i in range(60)]
ARTICLE_BATCH = 32


class World:
    """A stream of synthetic articles about a pool of happenings, told by many outlets."""

    def __init__(self, seed: int, happenings: int, days: int = 5 * 365):
        self.rnd = random.Random(seed)
        weights = [1 / (i + 1) for i in range(len(COUNTRIES))]           # Zipf-ish actors
        type_weights = [t[3] for t in TYPES]
        self.happenings = []
        for _ in range(happenings):
            a, b = self.rnd.choices(COUNTRIES, weights, k=2)
            while b == a:
                b = self.rnd.choices(COUNTRIES, weights)[0]
            etype = self.rnd.choices(TYPES, type_weights)[0]
            day = self.rnd.randrange(days)
            self.happenings.append((etype, a, b, day))
        self.n = 0

    def article(self) -> tuple[Article, list[Event]]:
        import datetime as dt

        rnd = self.rnd
        self.n += 1
        aid = f"{rnd.getrandbits(64):016x}"
        first = dt.date(2020, 1, 1)
        events = []
        happening_day = None
        for k in range(rnd.randint(1, 5)):
            (etype, quad, intensity, _), a, b, day = rnd.choice(self.happenings)
            happening_day = day if happening_day is None else happening_day
            date = first + dt.timedelta(days=day)
            form = rnd.random()
            value, prec = ((date.isoformat(), "day") if form < 0.55 else
                           (date.isoformat()[:7], "month") if form < 0.8 else
                           (str(date.year), "year") if form < 0.9 else (None, None))
            events.append(Event(
                id=f"{aid}{k:02d}", article_id=aid, event=etype, mode=None, quad_code=quad,
                intensity=intensity, actor=[ActorRef(code=a, sector="GOV")],
                recipient=[ActorRef(code=b, sector="GOV")], date=value, date_precision=prec,
                date_text=value, status=rnd.choice(["occurred"] * 4 + ["planned"]),
                event_loc=None, event_text=f"{a} {etype.lower()} {b}.", start=0, end=20,
                trigger=etype.lower(), rule="bench", confidence=0.8))
        published = (first + dt.timedelta(days=happening_day + rnd.randint(0, 3))).isoformat()
        art = Article(id=aid, source=f"bench/{aid}.txt", body="(synthetic)",
                      url=f"https://{rnd.choice(HOSTS)}/{aid}", title="synthetic", published=published,
                      language="en")
        return art, events


def _commit(store: Path, items, timed: dict | None = None) -> int:
    batch = new_batch_id()
    index = incremental.ClusterIndex(store)
    w0, c0 = time.perf_counter(), time.process_time()
    extra = incremental.cluster_rows(store, batch, items, index=index)
    w1, c1 = time.perf_counter(), time.process_time()
    commit_batch(store, batch, {"articles": [a.to_row() for a, _ in items],
                                "events": [event_row(e, batch) for _, evs in items for e in evs],
                                **extra})
    w2 = time.perf_counter()
    incremental.after_commit(store, batch)
    if timed is not None:
        timed["dedup"] += w1 - w0
        timed["dedup_cpu"] += c1 - c0
        timed["write"] += w2 - w1
        timed["index_add"] = timed.get("index_add", 0.0) + time.perf_counter() - w2
        rows = extra.get("event_clusters", [])
        timed["joined"] += sum(1 for r in rows if r["how"] == "joined cluster")
        timed["moved"] += sum(1 for r in rows if r["how"].startswith("re-clustered"))
        for what, seconds in index.timings.items():
            timed[what] = timed.get(what, 0.0) + seconds
        for what in ("queries", "rows", "stored_read"):
            timed[what] = timed.get(what, 0) + index.stats.get(what, 0)
    return sum(len(evs) for _, evs in items)


def build(store: Path, world: World, events: int, batch_articles: int) -> tuple[int, int]:
    """Fill a store to ``events`` events in batches of ``batch_articles`` articles."""
    stored = parts = 0
    while stored < events:
        items = [world.article() for _ in range(batch_articles)]
        stored += _commit(store, items)
        parts += 1
    return stored, parts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="bench_dedup", description=__doc__.split("\n")[0])
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=100_000)
    ap.add_argument("--new", type=int, default=1000, help="new articles to add")
    ap.add_argument("--build-batch", type=int, default=1000,
                    help="articles per batch when building the stored events")
    args = ap.parse_args(argv if argv is not None else [])
    root = Path(tempfile.mkdtemp(prefix="bench-dedup-"))
    try:
        sizes = (args.small, args.big)
        stores, worlds, built = {}, {}, {}
        for size in sizes:
            stores[size] = root / f"store-{size}"
            # a store grows over time: the pool of happenings (each told by ~6 articles'
            # events) and the days they span grow with it, so a dyad-month holds as many
            # mentions in either store (10k events ~ 6 months, 100k ~ 5 years)
            worlds[size] = World(seed=5, happenings=max(1000, size // 6), days=max(30, size * 365 // 20_000))
            t0 = time.perf_counter()
            built[size] = build(stores[size], worlds[size], size, args.build_batch)
            print(f"built store of {built[size][0]:,} events in {built[size][1]} batches "
                  f"({time.perf_counter() - t0:.1f} s)", flush=True)
        # side by side: the same number of new articles, batch after batch, alternating
        # stores, so that machine load falls on both alike
        timed = {size: {"dedup": 0.0, "dedup_cpu": 0.0, "write": 0.0, "joined": 0, "moved": 0,
                        "events": 0} for size in sizes}
        for i in range(0, args.new, ARTICLE_BATCH):
            n = min(ARTICLE_BATCH, args.new - i)
            for size in sizes:
                items = [worlds[size].article() for _ in range(n)]
                timed[size]["events"] += _commit(stores[size], items, timed[size])
        batches = -(-args.new // ARTICLE_BATCH)
        for size in sizes:
            r = timed[size]
            print(f"store {built[size][0]:>7,} events: +{args.new} articles ({r['events']} events; "
                  f"{r['joined']} joined a stored cluster, {r['moved']} stored events re-clustered) -> dedup {r['dedup']:.2f} s wall, {r['dedup_cpu']:.2f} s cpu ("
                  + ", ".join(f"{k} {r.get(k, 0):.2f}" for k in ("sync", "candidates", "cluster"))
                  + f"); writes {r['write']:.2f} s, after_commit {r.get('index_add', 0):.2f} s; per batch: {r['queries'] / batches:.2f} key "
                  f"queries returning {r['rows'] / batches:.0f} (key, mention) rows, "
                  f"{r['stored_read'] / batches:.0f} stored mentions re-clustered with it", flush=True)
        small, big = timed[args.small], timed[args.big]
        ratio = big["dedup"] / small["dedup"] if small["dedup"] else float("nan")
        ratio_cpu = big["dedup_cpu"] / small["dedup_cpu"] if small["dedup_cpu"] else float("nan")
        print(f"dedup time per {args.new} new articles, {built[args.big][0]:,} vs "
              f"{built[args.small][0]:,} stored events: ratio {ratio:.2f} wall, {ratio_cpu:.2f} cpu "
              f"(a full rescan would be ~{built[args.big][0] / built[args.small][0]:.0f})")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
