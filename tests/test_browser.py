"""The web page in a real browser: Debian chromium driven by Playwright, against a real
`dateline serve` subprocess on 127.0.0.1 (a free port). Screenshots of each view go to
docs/screenshots/.

Skips with a reason when /usr/bin/chromium or the playwright package is missing
(`make system-deps` installs chromium; `playwright install` is never used).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
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
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
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


PHONE = {"width": 390, "height": 844}


def shot(page, name: str) -> None:
    """A screenshot at the page's viewport (1400x900 by default; phone ones at 390x844)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def ready(page) -> None:
    page.wait_for_function("document.body.dataset.ready === '1' && !document.querySelector('#app .loading')")


def result_count(page, ending: str = "", starting: str = "") -> str:
    """The list's row count once it reads as expected: after a click the previous render can
    still be on the page for a moment ("Loading..." or the old count), so wait for it (up to
    15 s) and return what it says; the caller's assertion fails if it never comes."""
    try:
        page.wait_for_function(
            "([end, start]) => { const e = document.querySelector('#result-count');"
            " return !!e && e.textContent.endsWith(end) && e.textContent.startsWith(start); }",
            arg=[ending, starting], timeout=15000)
    except Exception:  # noqa: BLE001 - the assertion below reports what the page says
        pass
    return page.text_content("#result-count")


def test_events_page_loads_and_filters(server, page):
    page.goto(server.url)
    page.wait_for_selector("#events-table tbody tr")
    total = int(page.text_content("#result-count").split(" of ")[1].split()[0].replace(",", ""))
    assert total == server.get_json("/api/stats")["events"]
    page.fill("#f-actor", "USA")
    page.select_option("#f-quad", "4")
    page.click("#apply")
    page.wait_for_function("document.querySelector('#result-count') && "
                           "!document.querySelector('#result-count').textContent.startsWith('Loading')"
                           " && location.hash.includes('actor=USA')")
    page.wait_for_selector("#events-table tbody tr")
    expected = server.get_json("/api/events?actor=USA&quad=4&limit=1")["total"]
    assert result_count(page, f"of {expected:,} events").endswith(f"of {expected:,} events")
    parties = page.locator("#events-table td.parties-cell").all_text_contents()
    assert parties and all("USA" in a for a in parties)
    assert all(re.search(r"[A-Z]{3}/[A-Z]{3} -> [A-Z]{3}/[A-Z]{3}", a) for a in parties), parties[:3]
    quads = page.locator("#events-table .quad").all_text_contents()
    assert set(quads) == {"Q4"}
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


# ---------------------------------------------------------------------- issue 17
def test_events_with_facets_sorting_and_paging(server, page):
    """Facet links add a filter (the list and the URL change to exactly that many), the
    columns sort, the page size and the page jump work."""
    page.goto(server.url + "#/events")
    page.wait_for_selector("#facet-type a")
    ready(page)
    shot(page, "events")
    link = page.locator("#facet-type a").first
    value, n = link.get_attribute("data-value"), int(
        page.locator("#facet-type li .n").first.text_content().replace(",", ""))
    link.click()
    page.wait_for_function(f"location.hash.includes('type={value}')")
    ready(page)
    assert result_count(page, f"of {n:,} events").endswith(f"of {n:,} events")
    assert set(page.locator("#events-table a.event-link").all_text_contents()) == {value}
    # a second type is added to the first (multi-type filter), not put in its place
    other_link = page.locator("#facet-type li:not(.on) a").first
    other = other_link.get_attribute("data-value")
    m = int(page.locator("#facet-type li:not(.on) .n").first.text_content().replace(",", ""))
    other_link.click()
    page.wait_for_function(f"location.hash.includes('type={value}%2C{other}')")
    ready(page)
    # the count is read first: it waits for the list to re-render after the click
    assert result_count(page, f"of {n + m:,} events").endswith(f"of {n + m:,} events")
    assert set(page.locator("#events-table a.event-link").all_text_contents()) == {value, other}
    assert page.locator("#f-type option:checked").count() == 2
    assert page.locator("#facet-type li.on").count() == 2
    # facets of another dimension narrow again; the quad facet's count is the list's
    page.click("#facet-quad a >> nth=0")
    page.wait_for_function("location.hash.includes('quad=')")
    ready(page)
    # sort by type ascending
    page.goto(server.url + "#/events?sort=type&size=25")
    ready(page)
    types = page.locator("#events-table a.event-link").all_text_contents()
    assert len(types) == 25 and types == sorted(types)
    assert page.get_attribute("#events-table th[aria-sort=ascending] a", "data-sort") == "type"
    page.fill("#page-number", "3")
    page.click("#page-jump button")
    page.wait_for_function("location.hash.includes('offset=50')")
    ready(page)
    assert result_count(page, starting="51–75 of").startswith("51–75 of")
    hrefs = [page.get_attribute("#download-csv", "href"), page.get_attribute("#download-jsonl", "href")]
    assert all("sort=type" in h and "limit=all" in h for h in hrefs)


def test_map_click_a_country_lists_its_events(server, page):
    page.goto(server.url + "#/map")
    page.wait_for_selector("#map path.has-events")
    ready(page)
    assert page.locator("#map path.country").count() > 150          # the shipped base map
    assert page.locator("#map circle.point").count() >= 1             # geocoded places
    shot(page, "map")
    expected = {c["country"]: c["n"] for c in server.get_json("/api/map")["countries"]}
    country = page.locator("#map path.has-events").first
    iso3 = country.get_attribute("data-iso3")
    country.click()
    page.wait_for_selector("#picked-title")
    assert page.text_content("#picked-title").endswith(f": {expected[iso3]:,} events")
    assert page.locator("#map-events #events-table tbody tr").count() == min(20, expected[iso3])
    assert f"country={iso3}" in page.url
    # the events list with the same filter has the same count
    page.click("#picked-all")
    ready(page)
    assert result_count(page, f"of {expected[iso3]:,} events").endswith(f"of {expected[iso3]:,} events")
    # keyboard: Tab reaches a country, Enter lists it
    page.goto(server.url + "#/map")
    page.wait_for_selector("#map path.has-events")
    ready(page)
    page.focus("#map circle.point >> nth=0")
    page.keyboard.press("Enter")
    page.wait_for_selector("#picked-title")
    assert "place=" in page.url and page.locator("#map-events #events-table tbody tr").count() >= 1


def test_filters_apply_to_the_map(server, page):
    page.goto(server.url + "#/map?actor=KEN")
    page.wait_for_selector("#map path.has-events")
    ready(page)
    summary = page.text_content("#map-summary")
    placed = sum(c["n"] for c in server.get_json("/api/map?actor=KEN")["countries"])
    assert summary.startswith(f"{placed:,} events")


def _contrast_failures(page) -> list:
    return page.evaluate("""() => {
      const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
        .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const bg = n => { for (; n; n = n.parentElement) { const c = getComputedStyle(n).backgroundColor;
        const a = c.match(/[\\d.]+/g); if (a && (a.length < 4 || Number(a[3]) > 0.5)) return c; } return 'rgb(255,255,255)'; };
      const out = [];
      for (const n of document.querySelectorAll('.quad, .badge, .muted, .status, th, .facet .n, a, nav a, .legend, .parties-label')) {
        if (!n.textContent.trim() || !n.getClientRects().length) continue;
        const a = lum(getComputedStyle(n).color), b = lum(bg(n));
        const r = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (r < 4.5) out.push([n.className || n.tagName, n.textContent.trim().slice(0, 20), r.toFixed(2)]);
      }
      return out; }""")


def test_text_contrast_is_at_least_4_5(server, page):
    for view in ("events", "map", "timeline?actor=USA", "dyad?a=USA&b=CHN"):
        page.goto(server.url + "#/" + view)
        ready(page)
        assert _contrast_failures(page) == [], view


def test_phone_layout_has_no_horizontal_scroll(server, browser):
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    pg = context.new_page()
    ev = server.get_json("/api/events?limit=1")["events"][0]
    try:
        for view, name in (("events", "phone-events"), ("map", "phone-map"), (f"event/{ev['id']}", "phone-event"),
                           ("timeline", None), ("dyad?a=USA&b=CHN", None), ("articles", None)):
            pg.goto(server.url + "#/" + view)
            ready(pg)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (view, width)
            if view == "events":
                # cards, not a wide table; the filters behind a button, closed
                assert pg.locator("#events-table thead").is_hidden()
                assert not pg.evaluate("document.getElementById('filter-box').open")
                pg.click("#filter-box summary")
                assert pg.locator("#f-actor").is_visible()
                height = pg.evaluate("document.documentElement.scrollHeight")
                assert height < 11000, height
                pg.click("#filter-box summary")
            if name:
                shot(pg, name)
    finally:
        context.close()


def test_timeline_pager_goes_forward_in_time(server, page):
    """issue 17: on the oldest-first timeline "Older" showed newer events."""
    page.goto(server.url + "#/timeline?unit=event&interval=month")
    page.wait_for_selector("#timeline li.tl-event")
    ready(page)
    assert page.text_content("#next").startswith("Later")
    last = page.locator("#timeline span.tl-date").all_text_contents()[-1]
    page.click("#next")
    page.wait_for_function("location.hash.includes('offset=200')")
    ready(page)
    assert page.locator("#timeline span.tl-date").first.text_content() >= last
    assert page.text_content("#prev").startswith("← Earlier")


def test_unfiltered_timeline_axis_has_one_unit(server, page):
    page.goto(server.url + "#/timeline")
    page.wait_for_selector("#timeline-chart rect")
    ready(page)
    labels = page.locator("#timeline-chart text.axis").all_text_contents()[1:]
    assert labels and all(re.fullmatch(r"\d{4}-\d{2}", x) for x in labels), labels
    headings = page.locator("#timeline li.period > h3").all_text_contents()
    assert len(headings) == len(set(headings))                 # one heading per period


def test_one_period_dyad_is_not_one_full_width_bar(server, page):
    page.goto(server.url + "#/dyad?a=USA&b=CHN&interval=month&unit=event&from=2024-03&to=2024-03")
    page.wait_for_selector("#dyad-chart rect.bar")
    ready(page)
    widths = page.locator("#dyad-chart rect.bar").evaluate_all("rs => rs.map(r => Number(r.getAttribute('width')))")
    assert max(widths) <= 48
    assert "--by" not in page.text_content("#app")


def test_an_error_replaces_loading(server, page):
    page.goto(server.url + "#/events?from=2020-02-30")
    page.wait_for_selector("#app .error")
    assert "February 2020 has 29 days" in page.text_content("#app .error")
    assert "Loading" not in page.text_content("#app")


def test_empty_add_article_form_says_what_is_missing(server, page):
    page.goto(server.url + "#/ingest")
    page.wait_for_selector("#ingest-submit")
    page.click("#ingest-submit")
    page.wait_for_selector("#ingest-result .error")
    message = page.text_content("#ingest-result .error")
    assert "text" in message.lower() and "html" not in message.lower()


def test_article_page_marks_the_event_you_came_from(server, page):
    ev = server.get_json("/api/events?limit=1&sort=date")["events"][0]
    page.goto(server.url + f"#/event/{ev['id']}")
    page.wait_for_selector("#to-article")
    page.click("#to-article")
    page.wait_for_selector("#article-body mark.current")
    assert "".join(page.locator("#article-body mark.current").all_text_contents()) == ev["event_text"]
    assert page.get_attribute("#article-events li.current", "aria-current") == "true"


def test_story_page_shows_its_label_not_its_id(server, page):
    page.goto(server.url + "#/stories")
    page.wait_for_selector("#stories li, #stories-status.error", timeout=120_000)
    label = page.locator("#stories a.story-link").first.text_content()
    page.click("#stories a.story-link >> nth=0")
    page.wait_for_selector("#story-label")
    ready(page)
    assert page.text_content("#story-label") == label
    story_id = page.url.split("story=")[1].split("&")[0]
    assert story_id not in page.text_content("#app")


def test_non_english_article_says_it_was_not_analysed(server, page):
    status, body = server.post_json("/api/articles", {
        "title": "Les ministres se réunissent à Paris",
        "text": "Les ministres se réunissent à Paris\n\nLes ministres des affaires étrangères de la France "
                "et du Chili se sont réunis lundi à Paris et ont convenu d'élargir leur coopération, "
                "ont déclaré des responsables. La réunion a duré trois heures selon le communiqué.",
        "published": "2024-09-02"})
    assert status in (200, 201), body
    page.goto(server.url + f"#/article/{body['article_id']}")
    page.wait_for_selector("#article-note")
    assert "not analysed: language fr" in page.text_content("#article-note")


@pytest.fixture(scope="module")
def samples_server(tmp_path_factory):
    """`dateline ingest samples/` (the real pipeline: parse, actors, events, places), served."""
    _need_browser()
    store = tmp_path_factory.mktemp("samples") / "store"
    done = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", str(ROOT / "samples"), "--store", str(store)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    s = Server(store)
    yield s
    s.stop()


def test_samples_on_the_map(samples_server, page):
    """The README's samples, ingested for real: the map shades the countries where their
    events happened; clicking one lists exactly its events, each linking to its page."""
    countries = samples_server.get_json("/api/map")["countries"]
    assert countries, "the samples' events have places"
    page.goto(samples_server.url + "#/map")
    page.wait_for_selector("#map path.has-events")
    ready(page)
    assert page.locator("#map path.has-events").count() == len(countries)
    top = countries[0]
    # a real click on the country where no place's point covers it
    x, y = page.evaluate("""iso3 => {
      const path = document.querySelector(`#map path[data-iso3='${iso3}']`), r = path.getBoundingClientRect();
      for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
        const x = r.left + r.width * i / 12, y = r.top + r.height * j / 12;
        if (document.elementFromPoint(x, y) === path) return [x, y];
      }
      return [null, null]; }""", top["country"])
    assert x is not None, "the country can be clicked somewhere"
    page.mouse.click(x, y)
    page.wait_for_selector("#picked-title")
    assert page.text_content("#picked-title").endswith(f": {top['n']:,} events")
    rows = page.locator("#map-events #events-table tbody tr")
    assert rows.count() == min(20, top["n"])
    page.click("#map-events a.event-link >> nth=0")
    page.wait_for_selector("#article-body mark.evidence")


def test_chart_numbers_open_by_keyboard(server, page):
    """The charts' numbers are reachable without a mouse: a folded table under each."""
    page.goto(server.url + "#/dyad?a=USA&b=CHN&interval=year&unit=event")
    page.wait_for_selector("#dyad-chart rect.bar")
    ready(page)
    page.focus("#dyad-data summary")
    page.keyboard.press("Enter")
    rows = page.locator("#dyad-data tbody tr")
    assert rows.first.is_visible() and rows.count() >= 1
    data = server.get_json("/api/dyad?a=USA&b=CHN&interval=year&unit=event")
    shown = sum(int(x) for r in rows.all() for x in r.locator("td").all_text_contents()[2:])
    assert shown == sum(sum(v) for s in data["series"].values() for v in s.values())
    page.goto(server.url + "#/timeline?interval=year")
    page.wait_for_selector("#timeline-chart rect")
    ready(page)
    page.focus("#timeline-data summary")
    page.keyboard.press("Enter")
    assert page.locator("#timeline-data tbody tr").first.is_visible()
