"""HTML main text and metadata (dateline.ingest.html), on pages written for the tests."""
from __future__ import annotations

import gzip

import pytest

from dateline.ingest.html import extract_html

PARAGRAPHS = [
    "The foreign ministers of the two neighbouring countries agreed on Saturday to reopen three "
    "border crossings that have been closed since the floods in January, officials said.",
    "The agreement, reached after four hours of talks in the border town, allows trucks carrying "
    "grain to pass before the harvest season begins, the ministers told reporters afterwards.",
    "Farmers' groups on both sides had warned that the closure would ruin thousands of small growers "
    "who depend on markets across the river for most of their income.",
    "The ministers said they would meet again in June to review the arrangement and to discuss a "
    "longer-term agreement on the management of the river and its flood defences.",
]

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers agree to reopen border crossings | The Valley Post</title>
<meta property="og:title" content="Ministers agree to reopen border crossings">
<meta property="og:site_name" content="The Valley Post">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2023-03-05T08:30:00+00:00">
<meta name="description" content="Trucks carrying grain can cross before the harvest.">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Ministers agree to reopen border crossings</h1>
<p class="byline">By Maria Lopez</p>
{paragraphs}
<div class="share">Share on Facebook</div>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm hits coast</a></li><li><a href="/b">Cup final tonight</a></li></ul></aside>
<footer>Copyright 2023 The Valley Post. All rights reserved.</footer>
</body></html>
""".replace("{paragraphs}", "\n".join(f"<p>{p}</p>" + ("<p>ADVERTISEMENT</p>" if i == 1 else "")
                                      for i, p in enumerate(PARAGRAPHS)))

EMPTY_PAGE = """<html><head><title>Search</title></head><body>
<nav><a href="/">Home</a><a href="/news">News</a></nav><form><input name="q"></form>
</body></html>"""


def test_article_body_and_metadata():
    c = extract_html(ARTICLE_PAGE, url="https://valleypost.example.com/world/border-crossings")
    assert c.title == "Ministers agree to reopen border crossings"
    assert c.published == "2023-03-05"
    assert c.metadata["authors"] == ["Maria Lopez"]
    assert c.metadata["site"] == "The Valley Post"
    assert c.provenance["published"] == "html:markup meta article:published_time"
    assert c.provenance["title"] == "html:<h1> (matches the page title)"
    for p in PARAGRAPHS:
        assert p in c.body
    assert c.body.count("\n\n") >= len(PARAGRAPHS) - 1
    for junk in ("ADVERTISEMENT", "Storm hits coast", "All rights reserved", "Share on Facebook"):
        assert junk not in c.body


def test_bytes_input():
    c = extract_html(ARTICLE_PAGE.encode("utf-8"))
    assert PARAGRAPHS[0] in c.body


def test_date_from_visible_text_when_no_markup():
    page = ARTICLE_PAGE.replace('<meta property="article:published_time" content="2023-03-05T08:30:00+00:00">', "")
    page = page.replace('<p class="byline">By Maria Lopez</p>',
                        '<p class="byline">By Maria Lopez</p><p class="date">Published March 4, 2023</p>')
    c = extract_html(page)
    assert c.published == "2023-03-04"


def test_no_date_gives_none_and_a_warning():
    page = ARTICLE_PAGE.replace('<meta property="article:published_time" content="2023-03-05T08:30:00+00:00">', "")
    c = extract_html(page)
    assert c.published is None
    assert any(w.startswith("no publication date found in the page") for w in c.warnings)


def test_url_is_never_fetched(monkeypatch):
    import urllib3

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(urllib3.PoolManager, "request", refuse)
    monkeypatch.setattr(urllib3.PoolManager, "urlopen", refuse)
    c = extract_html(ARTICLE_PAGE, url="https://valleypost.example.com/2023/03/05/border")
    assert c.published == "2023-03-05"


def test_page_without_article_raises_clear_value_error():
    with pytest.raises(ValueError, match="^no article text found$"):
        extract_html(EMPTY_PAGE)
    with pytest.raises(ValueError, match="no article text found"):
        extract_html("")


def test_gzipped_bytes_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="gzip"):
        extract_html(gzip.compress(ARTICLE_PAGE.encode()))


def test_author_string_split_into_people_agency_and_roles():
    page = ARTICLE_PAGE.replace('<meta name="author" content="Maria Lopez">',
                                '<meta name="author" content="Maria Lopez; Reuters; Staff Writer">')
    c = extract_html(page)
    assert c.metadata["authors"] == ["Maria Lopez"]
    assert c.metadata["agency"] == "Reuters"


def test_date_from_page_text_when_markup_has_none_and_htmldate_only_guesses():
    # No date markup; the only full date is a day-first numeric one next to "Published";
    # the copyright year must not become 2023-01-01.
    page = ARTICLE_PAGE.replace('<meta property="article:published_time" content="2023-03-05T08:30:00+00:00">', "")
    page = page.replace('<p class="byline">By Maria Lopez</p>',
                        '<p class="byline">By Maria Lopez</p><div class="meta">Published 03.04.2023, 10:15</div>')
    c = extract_html(page, url="https://valleypost.example.co.uk/world/border-crossings")
    assert c.published in ("2023-04-03", "2023-04-03T10:15")
    if c.published_ambiguous:
        assert c.metadata["published_order"]["order"] == "dmy"


# --------------------------------------------------------------------------------------
# The extraction evaluation's scoring rules (dateline.evaluation.extraction)
# --------------------------------------------------------------------------------------
def test_benchmark_scoring_rules():
    from dateline.evaluation.extraction import body_scores, shingle_tp_fp_fn

    gold = "one two three four five six"
    assert shingle_tp_fp_fn(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_tp_fp_fn(gold, "one two three four five six seven")
    assert fp > 0 and fn == 0 and abs(tp + fp + fn - 1) < 1e-9
    scores = body_scores([(gold, gold), (gold, "")])
    assert scores["recall"] == 0.5 and scores["precision"] == 1.0 and scores["accuracy"] == 0.5


def test_evaluation_report_without_shared_data(tmp_path):
    from dateline.evaluation.extraction import evaluate, report

    text = report(evaluate(tmp_path))
    assert "benchmark: skipped" in text and "seeds: skipped" in text


def test_evaluation_on_shared_seeds(shared):
    from dateline.evaluation.extraction import _seeds

    if not (shared / "acceptance" / "seeds" / "gold.json").exists():
        pytest.skip("acceptance seeds not found")
    figures = _seeds(shared)
    assert figures["passed"] == figures["total"], figures["failed"]
