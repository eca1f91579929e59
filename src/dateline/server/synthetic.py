"""A synthetic store of articles and events, written through the real store writer.

Why: the HTTP API, the web page, the exports and the benchmark need stores with many
events (100,000 for the benchmark) and with known contents (for tests), without running
spaCy over that many articles. The rows are made the way the pipeline makes them (an
:class:`~dateline.model.Event` per sentence, real offsets into the body, actors with their
words' offsets) and written with :func:`dateline.store.write.commit_batch`, so every reader
sees an ordinary store. The sentences are invented here; none is copied from real news.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path
from typing import Any

from dateline.model import ActorRef, Article, Event
from dateline.store.schema import event_row
from dateline.store.write import commit_batch, new_batch_id

#: (code, name used in text, canonical name, sector)
ACTORS = [
    ("USA", "Washington", "United States", "GOV"), ("CHN", "Beijing", "China", "GOV"),
    ("RUS", "Moscow", "Russia", "GOV"), ("UKR", "Kyiv", "Ukraine", "GOV"),
    ("FRA", "Paris", "France", "GOV"), ("DEU", "Berlin", "Germany", "GOV"),
    ("IND", "New Delhi", "India", "GOV"), ("BRA", "Brasilia", "Brazil", "GOV"),
    ("ZAF", "Pretoria", "South Africa", "GOV"), ("KEN", "Nairobi", "Kenya", "GOV"),
    ("TUR", "Ankara", "Turkey", "GOV"), ("IRN", "Tehran", "Iran", "GOV"),
    ("ISR", "the Israeli army", "Israel", "MIL"), ("PAK", "Islamabad", "Pakistan", "GOV"),
    ("JPN", "Tokyo", "Japan", "GOV"), ("MEX", "Mexican police", "Mexico", "COP"),
]

#: code -> (capital, lat, lon, GeoNames id, admin-1): where a synthetic event happens (the
#: actor's capital; one event in six has no place), so the map has points and countries.
CAPITALS = {
    "USA": ("Washington", 38.895, -77.036, 4140963, "US.DC"), "CHN": ("Beijing", 39.907, 116.397, 1816670, "CN.22"),
    "RUS": ("Moscow", 55.752, 37.616, 524901, "RU.48"), "UKR": ("Kyiv", 50.454, 30.524, 703448, "UA.12"),
    "FRA": ("Paris", 48.853, 2.349, 2988507, "FR.11"), "DEU": ("Berlin", 52.524, 13.411, 2950159, "DE.16"),
    "IND": ("New Delhi", 28.636, 77.224, 1261481, "IN.07"), "BRA": ("Brasilia", -15.780, -47.929, 3469058, "BR.07"),
    "ZAF": ("Pretoria", -25.745, 28.188, 964137, "ZA.06"), "KEN": ("Nairobi", -1.283, 36.817, 184745, "KE.30"),
    "TUR": ("Ankara", 39.920, 32.854, 323786, "TR.68"), "IRN": ("Tehran", 35.694, 51.422, 112931, "IR.26"),
    "ISR": ("Jerusalem", 31.769, 35.216, 281184, "IL.06"), "PAK": ("Islamabad", 33.721, 73.043, 1176615, "PK.08"),
    "JPN": ("Tokyo", 35.690, 139.692, 1850147, "JP.40"), "MEX": ("Mexico City", 19.428, -99.128, 3530597, "MX.09"),
}

#: PLOVER type -> (quad, intensity, verb phrase, trigger, mode)
TYPES = {
    "CONSULT": (1, 2.8, "held talks with", "talks", "visit"),
    "AGREE": (1, 5.9, "agreed to cooperate with", "agreed", None),
    "SUPPORT": (1, 5.1, "praised", "praised", None),
    "COOPERATE": (2, 6.7, "signed a trade deal with", "signed", "economic"),
    "AID": (2, 7.5, "sent aid to", "sent", "humanitarian"),
    "REQUEST": (3, -5.0, "called on", "called", None),
    "ACCUSE": (3, -2.0, "accused", "accused", "allege"),
    "REJECT": (3, -4.2, "rejected a proposal from", "rejected", None),
    "THREATEN": (3, -6.2, "threatened", "threatened", None),
    "PROTEST": (4, -6.9, "protested against", "protested", "demo"),
    "SANCTION": (4, -5.8, "imposed sanctions on", "sanctions", "discontinue"),
    "COERCE": (4, -6.7, "detained nationals of", "detained", "arrest"),
    "ASSAULT": (4, -9.6, "launched strikes on", "strikes", "aerial"),
}
STATUS_WEIGHTS = [("occurred", 70), ("planned", 12), ("ongoing", 8), ("hypothetical", 5), ("negated", 5)]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _hid(*parts: Any) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _geo(code: str) -> dict[str, Any]:
    name, lat, lon, gid, admin1 = CAPITALS[code]
    return {"geonameid": gid, "name": name, "lat": lat, "lon": lon, "admin1": admin1,
            "country_code": code, "feature_class": "P", "resolution": "city",
            "why": "synthetic: the actor's capital"}


def make_article(i: int, rng: random.Random, start: dt.date, span_days: int,
                 events_per_article: int, hostile: str | None = None) -> tuple[Article, list[Event]]:
    """One article of ``events_per_article`` event sentences (plus filler), and its events."""
    published = start + dt.timedelta(days=rng.randrange(span_days))
    paragraphs: list[str] = []
    events: list[Event] = []
    offset = 0
    article_id = _hid("article", i)
    title = hostile[:200] if hostile else None
    if hostile:
        paragraphs.append(hostile)
        offset += len(hostile) + 2
    for k in range(events_per_article):
        a = rng.choice(ACTORS)
        b = rng.choice([x for x in ACTORS if x[0] != a[0]])
        etype = rng.choice(list(TYPES))
        quad, intensity, phrase, trigger, mode = TYPES[etype]
        back = rng.randrange(0, 6)
        when = published - dt.timedelta(days=back)
        day_word = DAYS[when.weekday()]
        status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        sentence = f"{a[1]} {phrase} {b[2]} on {day_word}, officials said in statement {i}-{k}."
        if title is None:
            title = f"{a[2]} and {b[2]}: {etype.lower()} (report {i})"
        filler = f"The report {i}-{k} gave no further details about the meeting place."
        para = sentence + " " + filler
        s_start = offset
        s_end = s_start + len(sentence)
        a_start = s_start
        b_start = s_start + sentence.index(b[2], len(a[1]))
        t_start = sentence.find(trigger)
        d_start = sentence.index(day_word)
        unplaced = int(_hid("place", i, k), 16) % 6 == 0   # no rng draw: other columns unchanged
        events.append(Event(
            id=_hid("event", i, k), article_id=article_id, event=etype, mode=mode,
            quad_code=quad, intensity=intensity,
            actor=[ActorRef(code=a[0], sector=a[3], name=a[2], entity_text=a[1], start=a_start,
                            end=a_start + len(a[1]), how="capital" if a[3] == "GOV" else "name")],
            recipient=[ActorRef(code=b[0], sector="GOV", name=b[2], entity_text=b[2],
                                start=b_start, end=b_start + len(b[2]), how="country")],
            date=when.isoformat(), date_precision="day", date_text=day_word, status=status,
            event_loc=None if unplaced else {"name": CAPITALS[a[0]][0], "country": a[0]},
            geo=None if unplaced else _geo(a[0]),
            event_text=sentence, start=s_start, end=s_end, trigger=trigger,
            rule=f"verbs.tsv:{10 + list(TYPES).index(etype)} {trigger}",
            confidence=round(0.55 + rng.random() * 0.4, 3),
            mentions=[],
            explain={
                "sentence": sentence,
                "trigger": {"text": trigger, "lemma": trigger, "pos": "VERB", "dep": "ROOT",
                            "start": s_start + t_start, "end": s_start + t_start + len(trigger),
                            "kind": "verb"},
                "pattern": f"verbs.tsv:{10 + list(TYPES).index(etype)} {trigger}",
                "parse_path": {"actor": ["nsubj"], "recipient": ["dobj"]},
                "actors": [f"nsubj: '{a[1]}' -> {a[0]}"], "recipients": [f"dobj: '{b[2]}' -> {b[0]}"],
                "status": {"value": status, "why": "synthetic status"},
                "date": {"value": when.isoformat(), "precision": "day", "text": day_word,
                         "how": f"weekday before publication: '{day_word}' = {when.isoformat()}",
                         "anchor_value": published.isoformat(),
                         "start": s_start + d_start, "end": s_start + d_start + len(day_word)},
                "location": None, "notes": [],
            },
        ))
        paragraphs.append(para)
        offset += len(para) + 2
    body = "\n\n".join(paragraphs)
    article = Article(
        id=article_id, source=f"synthetic#{i}", body=body,
        url=f"https://news.example.org/{published.isoformat()}/report-{i}",
        title=title, published=published.isoformat(), published_source="jsonl",
        language="en", raw=body, raw_kind="text",
        ingested_at=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc).isoformat(),
    )
    return article, events


def write_synthetic_store(store: Path, n_events: int, *, events_per_article: int = 5,
                          seed: int = 7, start: str = "2023-01-01", span_days: int = 730,
                          articles_per_batch: int = 5000,
                          hostile: dict[int, str] | None = None) -> dict[str, int]:
    """Write about ``n_events`` events (whole articles) to ``store``; returns counts.

    ``hostile`` maps an article number to a paragraph put first in its body (for XSS tests).
    """
    store = Path(store)
    rng = random.Random(seed)
    first = dt.date.fromisoformat(start)
    n_articles = max(1, -(-n_events // events_per_article))
    counts = {"articles": 0, "events": 0}
    article_rows: list[dict] = []
    event_rows: list[dict] = []
    batch = new_batch_id()
    for i in range(n_articles):
        article, events = make_article(i, rng, first, span_days, events_per_article,
                                       hostile=(hostile or {}).get(i))
        article_rows.append(article.to_row())
        event_rows += [event_row(e, batch) for e in events]
        if len(article_rows) >= articles_per_batch or i == n_articles - 1:
            commit_batch(store, batch, {"articles": article_rows, "events": event_rows})
            counts["articles"] += len(article_rows)
            counts["events"] += len(event_rows)
            article_rows, event_rows = [], []
            batch = new_batch_id()
    return counts
