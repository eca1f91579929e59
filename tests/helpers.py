"""Helpers shared by several test modules (test modules never import each other).

Sections: event coding on a sentence, the actors stage on a sentence, hand-built records
committed to a store, generated news pages, and a `dateline serve` subprocess for browser
and live-server tests.
"""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import random
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dateline.actors.stage import actors_stage
from dateline.ingest.warc import Page
from dateline.model import ActorRef, Article, Event
from dateline.pipeline import Document
from dateline.store.schema import event_row
from dateline.store.write import commit_batch, new_batch_id
from dateline.stories.incremental import after_commit, cluster_rows

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------------------
# event coding (the full default pipeline on one text)
# --------------------------------------------------------------------------------------
def analyse_text(text, published="2023-05-10", title=None):
    """One article through every default stage (the real spaCy model)."""
    from dateline.ingest.article import article_id
    from dateline.pipeline import analyse

    art = Article(id=article_id(text), source="test.txt", body=text, title=title, published=published)
    return next(iter(analyse([art])))


def events_of(text, **kw):
    """The events coded from ``text`` (keywords: published, title)."""
    return analyse_text(text, **kw).events


def codes(refs):
    """The codes of a list of ActorRefs, as a set."""
    return {r.code for r in refs}


def only(events, event_type):
    """The first event of ``event_type``; fails the test, listing what was found, when none."""
    found = [e for e in events if e.event == event_type]
    assert found, f"no {event_type} in {[(e.event, e.trigger) for e in events]}"
    return found[0]


# --------------------------------------------------------------------------------------
# the actors stage alone
# --------------------------------------------------------------------------------------
def analyse_actors(nlp, text: str, published: str | None = "2023-06-19", **metadata) -> Document:
    """The actors stage alone on ``text`` (parsed with ``nlp``)."""
    article = Article(id="t", source="test", body=text, published=published, metadata=metadata)
    document = Document(article=article, doc=nlp(text), text=text)
    actors_stage(document)
    return document


def find_actor(document: Document, text: str) -> ActorRef:
    """The actor whose words are exactly ``text`` (the first one)."""
    for actor in document.actors:
        if actor.entity_text == text:
            return actor
    raise AssertionError(f"no actor {text!r} in {[(a.entity_text, a.code, a.how) for a in document.actors]}")


# --------------------------------------------------------------------------------------
# hand-built records committed like the ingest job does (no NLP)
# --------------------------------------------------------------------------------------
QUADS = {"CONSULT": (1, 2.8), "ACCUSE": (3, -2.0), "SANCTION": (4, -5.8), "COERCE": (4, -6.7),
         "AGREE": (1, 5.9), "THREATEN": (3, -6.2), "AID": (2, 7.5)}


def article(aid: str, url: str | None, published: str | None, source: str | None = None) -> Article:
    return Article(id=aid, source=source or f"corpus/{aid}.txt", body="(body)", url=url,
                   title=f"Article {aid}", published=published, language="en")


def event(art: Article, n: int, etype: str, actors, recipients, date=None, precision=None,
          status="occurred", place=None, text=None) -> Event:
    quad, intensity = QUADS[etype]
    loc = {"name": place[0], "country": place[1], "start": 0, "end": 5} if place else None
    return Event(id=f"{art.id}-{n:02d}", article_id=art.id, event=etype, mode=None, quad_code=quad,
                 intensity=intensity,
                 actor=[ActorRef(code=c, sector="GOV", name=c) for c in actors],
                 recipient=[ActorRef(code=c, sector="GOV", name=c) for c in recipients],
                 date=date, date_precision=precision, date_text=date, status=status, event_loc=loc,
                 event_text=text or f"{' and '.join(actors)} {etype.lower()} {' and '.join(recipients)}.",
                 start=0, end=40, trigger=etype.lower(), rule="test", confidence=0.8)


def commit(store, art: Article, events: list[Event]) -> str:
    """What the ingest job's _commit does, minus the NLP."""
    batch = new_batch_id()
    extra = cluster_rows(store, batch, [(art, events)])
    commit_batch(store, batch, {"articles": [art.to_row()],
                                "events": [event_row(e, batch) for e in events], **extra})
    after_commit(store, batch)
    return batch


# --------------------------------------------------------------------------------------
# generated news pages (written for the tests; no real article)
# --------------------------------------------------------------------------------------
# Generated news: who, did what, to whom, where, when. Written for the tests (no real article).
_LEADERS = [("France", "French", "Foreign Minister Claire Dubois"),
            ("Germany", "German", "Chancellor Anna Weber"),
            ("Kenya", "Kenyan", "President Daniel Mwangi"),
            ("Brazil", "Brazilian", "Foreign Minister Paulo Costa"),
            ("Japan", "Japanese", "Prime Minister Kenji Sato"),
            ("Canada", "Canadian", "Defence Minister Sarah Miller"),
            ("India", "Indian", "External Affairs Minister Ravi Rao"),
            ("Egypt", "Egyptian", "Foreign Minister Omar Hassan")]
_ACTS = ["met {b_leader} in {city} to discuss trade and security",
         "accused {b} of violating the ceasefire agreement",
         "signed a cooperation agreement with {b} on energy",
         "called on {b} to release the detained journalists",
         "announced new sanctions against {b}",
         "promised to send humanitarian aid to {b}",
         "criticised {b} over its handling of the border dispute",
         "hosted talks with {b_leader} on regional stability"]
_CITIES = ["Geneva", "Nairobi", "Brasilia", "Tokyo", "Ottawa", "Cairo", "Delhi", "Vienna"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def news_article(n: int) -> tuple[str, list[str]]:
    """A distinct generated article (title, paragraphs) for number ``n``."""
    rng = random.Random(n)
    (a, a_adj, a_leader), (b, _b_adj, b_leader) = rng.sample(_LEADERS, 2)
    act = rng.choice(_ACTS).format(b=b, b_leader=b_leader, city=rng.choice(_CITIES))
    day, day2 = rng.sample(_DAYS, 2)
    title = f"{a_leader.split()[-1]} {act.split(' ')[0]} {b} ({n})"
    paragraphs = [
        f"{rng.choice(_CITIES).upper()} - {a_adj} {a_leader} {act} on {day}, officials said.",
        f"The {a_adj} government said the decision followed weeks of talks. A spokesperson for "
        f"{b} said on {day2} that the country would respond next week.",
        f"Analysts said the move could affect relations between {a} and {b} for years. "
        f"Report number {n} was filed by our correspondent.",
    ]
    return title, paragraphs


def news_html(n: int, published: str | None = "2024-03-04", charset_meta: str | None = None) -> str:
    title, paragraphs = news_article(n)
    meta = f'<meta property="article:published_time" content="{published}T08:00:00Z">' if published else ""
    cs = f'<meta charset="{charset_meta}">' if charset_meta else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head>{cs}<title>{title}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Contact us | Privacy</footer></body></html>")


def news_pages(count: int, start: int = 0) -> list[Page]:
    return [Page(f"https://news.example.org/world/{n}", news_html(n).encode("utf-8"),
                 date=f"2024-03-05T{n % 24:02d}:00:00Z") for n in range(start, start + count)]


def mixed_pages() -> list[Page]:
    """Articles plus what a crawl also holds: redirects, errors, images, odd charsets."""
    latin = news_html(101, charset_meta="iso-8859-1").replace(
        "</article>", "<p>Further talks in Genève and Brasília are planned.</p></article>")
    return [
        Page("https://news.example.org/a", news_html(100).encode()),
        Page("https://news.example.org/latin", latin.encode("cp1252"), content_type="text/html"),
        Page("https://news.example.org/http-charset", news_html(102).replace("officials", "officials’").encode("cp1252"),
             content_type="text/html; charset=windows-1252"),
        Page("https://news.example.org/gz", gzip.compress(news_html(103).encode()),
             headers=(("Content-Encoding", "gzip"),)),
        Page("https://news.example.org/undated", news_html(104, published=None).encode(),
             date="2024-03-06T11:30:00Z"),
        Page("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), content_type="image/png"),
        Page("https://news.example.org/moved", b"", status=301, headers=(("Location", "/a"),)),
        Page("https://news.example.org/gone", b"<html><body>Not found</body></html>", status=404),
        Page("https://news.example.org/empty", b"   "),
        Page("https://news.example.org/copy", news_html(100).encode()),   # same article again
    ]


# --------------------------------------------------------------------------------------
# `dateline serve` in a subprocess, and the browser it needs
# --------------------------------------------------------------------------------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def need_browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not installed (Debian package chromium; `make system-deps`)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("python package playwright not installed (pip install playwright; never `playwright install`)")


class Server:
    """`dateline serve` in a subprocess; the address is read from its announce line."""

    def __init__(self, store: Path, *extra: str, env: dict | None = None):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dateline.cli", "serve", "--store", str(store), "--port", "0", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, **(env or {})}, cwd=ROOT)
        self.url = None
        self.log: list[str] = []
        found = threading.Event()

        def read():
            for line in self.proc.stderr:
                self.log.append(line)
                m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
                if m and not found.is_set():
                    self.url = m.group(1)
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(60):
            self.stop()
            raise RuntimeError("dateline serve did not start: " + "".join(self.log))

    def get_json(self, path: str):
        with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=30) as r:
            return json.loads(r.read())

    def post_json(self, path: str, body: dict):
        req = urllib.request.Request(self.url.rstrip("/") + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@contextlib.contextmanager
def every_candidate():
    """Every candidate event kept (Config.min_confidence = 0), here and in the CLI and server
    processes a test starts (DATELINE_MIN_CONFIDENCE=0): for tests that look at unplaced
    sides, which the default threshold leaves out."""
    from dateline import settings

    kept, env = settings.current(), os.environ.get("DATELINE_MIN_CONFIDENCE")
    settings.use(kept.replace(min_confidence=0.0))
    os.environ["DATELINE_MIN_CONFIDENCE"] = "0"
    try:
        yield
    finally:
        settings.use(kept)
        if env is None:
            os.environ.pop("DATELINE_MIN_CONFIDENCE", None)
        else:
            os.environ["DATELINE_MIN_CONFIDENCE"] = env
