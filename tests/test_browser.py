"""The web page in a real browser: Debian chromium driven by Playwright, against a real
`dateline serve` subprocess on 127.0.0.1 (a free port). Screenshots of each view go to
docs/screenshots/.

Skips with a reason when /usr/bin/chromium or the playwright package is missing
(`make system-deps` installs chromium; `playwright install` is never used).
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from dateline.server.synthetic import write_synthetic_store
from helpers import CHROMIUM, CHROMIUM_ARGS, Server
from helpers import need_browser as _need_browser

ROOT = Path(__file__).resolve().parents[1]
# Screenshots land in docs/screenshots/ only when asked (UPDATE_SCREENSHOTS=1), so a test run
# leaves the checkout clean; otherwise in a temporary folder.
SHOTS = (ROOT / "docs" / "screenshots" if os.environ.get("UPDATE_SCREENSHOTS")
         else Path(tempfile.mkdtemp(prefix="dateline-shots-")))
pytestmark = pytest.mark.browser

HOSTILE = ('<script>window.__xss = 1; document.title = "pwned"</script> '
           '<img src=x onerror="window.__xss = 2"> <svg onload="window.__xss = 3"></svg> '
           '"><iframe src="javascript:window.__xss=4"></iframe> Officials said nothing.')


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "store"
    write_synthetic_store(path, 3000, hostile={0: HOSTILE})
    return path


@pytest.fixture(scope="module")
def server(store):
    _need_browser()
    s = Server(store, "--allow-ingest")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    # bypass_csp: the page must be safe by how it renders text, not only because the
    # server's Content-Security-Policy would block inline scripts (tested in test_server_api).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.outside = []

    def guard(route):
        if route.request.url.startswith(("http://127.0.0.1", "data:")):
            route.continue_()
        else:
            pg.outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.js_errors = []
    pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
    yield pg
    context.close()
    assert not pg.outside, f"the page tried to reach {pg.outside} (it must work offline)"
    assert not pg.js_errors, f"uncaught script errors: {pg.js_errors}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_events_page_loads_and_filters(server, page):
    page.goto(server.url)
    page.wait_for_selector("#events-table tbody tr")
    total = int(page.text_content("#result-count").split()[0].replace(",", ""))
    assert total == server.get_json("/api/stats")["events"]
    page.fill("#f-actor", "USA")
    page.select_option("#f-quad", "4")
    page.click("#apply")
    page.wait_for_function("document.querySelector('#result-count') && "
                           "!document.querySelector('#result-count').textContent.startsWith('Loading')"
                           " && location.hash.includes('actor=USA')")
    page.wait_for_selector("#events-table tbody tr")
    expected = server.get_json("/api/events?actor=USA&quad=4&limit=1")["total"]
    assert page.text_content("#result-count").split()[0].replace(",", "") == str(expected)
    actors = page.locator("#events-table td.actor").all_text_contents()
    assert actors and all("USA" in a for a in actors)
    quads = page.locator("#events-table .quad").all_text_contents()
    assert set(quads) == {"Q4"}
    shot(page, "events")
    page.click("#next")
    page.wait_for_function("location.hash.includes('offset=50')")
    page.wait_for_selector("#prev")
    assert not page.outside, f"page tried to reach {page.outside}"


def test_event_page_highlights_evidence(server, page):
    ev = server.get_json("/api/events?actor=USA&limit=1")["events"][0]
    page.goto(server.url + "#/events?actor=USA")
    page.wait_for_selector("#events-table a.event-link")
    page.click("#events-table a.event-link >> nth=0")
    page.wait_for_selector("#article-body mark.evidence")
    evidence = "".join(page.locator("#article-body mark.evidence").all_text_contents())
    assert evidence == ev["event_text"]
    assert page.locator("#article-body mark.trigger").count() >= 1
    assert page.locator("#article-body mark.actor").first.text_content() == ev["actor"][0]["entity_text"]
    why = page.text_content("#why")
    assert ev["rule"] in why and "weekday before publication" in why and ev["date"] in why
    shot(page, "event")


ARTICLE = {
    "title": "Japan and India sign defence pact as China objects",
    "published": "2024-03-06",
    "url": "https://news.example.org/2024/03/06/japan-india-pact",
    "text": ("Japan and India sign defence pact as China objects\n\n"
             "Japan and India signed a defence cooperation agreement in Tokyo on Tuesday, "
             "officials from both governments said.\n\n"
             "The Indian defence minister met his Japanese counterpart for three hours before "
             "the signing, according to a joint statement.\n\n"
             "China criticised the agreement on Wednesday and accused Japan of stoking "
             "tension in the region."),
}


def test_event_page_of_an_ingested_article(server, page):
    """A real article through POST /api/articles (the ingest job): its event page shows the
    article with the evidence highlighted and the coder's reasons."""
    status, body = server.post_json("/api/articles", ARTICLE)
    assert status in (200, 201), body
    assert body["events"], "the event coder found no event in the test article"
    data = server.get_json(f"/api/articles/{body['article_id']}")
    ev = data["events"][0]
    page.goto(server.url + f"#/event/{ev['id']}")
    page.wait_for_selector("#article-body mark.evidence")
    evidence = "".join(page.locator("#article-body mark.evidence").all_text_contents())
    assert " ".join(evidence.split()) == " ".join(ev["event_text"].split())
    why = page.text_content("#why")
    assert "pattern" in why and ev["event"] in why
    shot(page, "event")


def test_dyad_chart(server, page):
    page.goto(server.url + "#/dyad?a=USA&b=CHN&interval=month")
    page.wait_for_selector("#dyad-chart rect.bar")
    data = server.get_json("/api/dyad?a=USA&b=CHN&interval=month")
    cells = [n for direction in data["series"].values() for counts in direction.values() for n in counts if n]
    assert cells, "the synthetic store has USA-CHN events"
    assert page.locator("#dyad-chart rect.bar").count() == len(cells)
    heights = sorted(float(h) for h in page.locator("#dyad-chart rect.bar").evaluate_all(
        "rects => rects.map(r => r.getAttribute('height'))"))
    assert heights[-1] > heights[0] or len(set(cells)) == 1     # taller bars for bigger counts
    assert "USA → CHN" in page.text_content("#dyad-chart")
    shot(page, "dyad")


def test_timeline_and_stories(server, page):
    page.goto(server.url + "#/timeline?actor=USA&interval=month")
    page.wait_for_selector("#timeline li.tl-event")
    page.wait_for_selector("#timeline-chart rect")
    dates = page.locator("#timeline li.tl-event > span.tl-date").all_text_contents()
    assert dates == sorted(dates)
    assert "happenings" in page.text_content("#timeline-count")
    shot(page, "timeline")
    page.goto(server.url + "#/stories")
    page.wait_for_selector("#stories li, #stories-status.error", timeout=120_000)
    assert page.locator("#stories li").count() >= 1
    shot(page, "stories")
    page.click("#stories a.story-link >> nth=0")
    page.wait_for_selector("#timeline li.tl-event")
    assert "story=" in page.url


def test_hostile_article_runs_no_script(server, page):
    page.goto(server.url + "#/articles")
    page.wait_for_selector("#articles li")
    art = server.get_json("/api/articles?q=onerror&limit=5")["articles"]
    assert art, "the hostile article is in the store"
    page.goto(server.url + f"#/article/{art[0]['id']}")
    page.wait_for_selector("#article-body p")
    body_text = page.text_content("#article-body")
    assert "<script>" in body_text and "onerror=" in body_text      # shown as characters
    assert page.text_content("#article-title").startswith("<script>")
    ev = server.get_json(f"/api/events?article={art[0]['id']}&limit=1")["events"][0]
    page.goto(server.url + f"#/event/{ev['id']}")
    page.wait_for_selector("#article-body mark.evidence")
    page.goto(server.url + "#/events?q=statement%200-")
    page.wait_for_selector("#events-table tbody tr")
    time.sleep(0.5)
    assert page.evaluate("window.__xss") is None
    assert page.title() == "dateline"
    assert page.dialogs == []
    assert page.locator("#app script, #app img, #app iframe, #app svg[onload]").count() == 0
    shot(page, "hostile-article")


def test_ingested_hostile_article_shows_as_text(server, store, page):
    """POST a hostile article through the real ingest job; the page shows it inert."""
    hostile = {
        "title": "<img src=x onerror=\"window.__xss=5\">Talks resume",
        "text": "Foreign ministers met in Geneva on Monday <script>window.__xss=6</script> "
                "and agreed to resume talks.\n\nThe <b onmouseover=\"window.__xss=7\">talks</b> "
                "will continue next week.",
        "published": "2024-05-06"}
    status, body = server.post_json("/api/articles", hostile)
    assert status in (200, 201), body
    page.goto(server.url + f"#/article/{body['article_id']}")
    page.wait_for_selector("#article-body p")
    assert "<script>" in page.text_content("#article-body")
    page.hover("#article-body")
    time.sleep(0.3)
    assert page.evaluate("window.__xss") is None and page.dialogs == []
    assert page.locator("#app script, #app img, #app b").count() == 0


def test_add_article_form(server, page):
    page.goto(server.url + "#/ingest")
    page.fill("#i-title", "Ministers meet in Oslo")
    page.fill("#i-published", "2024-09-02")
    page.fill("#i-text", "Ministers meet in Oslo\n\nForeign ministers of Norway and Chile met in Oslo "
                         "on Monday and agreed to expand fisheries cooperation, officials said.")
    page.click("#ingest-submit")
    page.wait_for_selector("#ingest-result a, #ingest-result .error", timeout=120_000)
    assert page.locator("#ingest-result .error").count() == 0, page.text_content("#ingest-result")
    shot(page, "add-article")
    page.click("#ingest-result a")
    page.wait_for_selector("#article-body p")
    assert "Chile" in page.text_content("#article-body")


def test_read_only_server_refuses_ingest(store):
    """No browser needed: the real `dateline serve --read-only` refuses POST."""
    s = Server(store, "--read-only")
    try:
        status, body = s.post_json("/api/articles", {"text": "Anything at all."})
        assert status == 403 and "read-only" in body["error"]
        assert s.get_json("/api/meta")["read_only"] is True
    finally:
        s.stop()
