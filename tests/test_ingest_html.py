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
# Titles: the visible headline, no site or section suffix
# --------------------------------------------------------------------------------------
def _page(title: str, h1: str | None, site: str = "The Valley Post", extra_head: str = "",
          body: str = "") -> str:
    head = f"<title>{title}</title><meta property=\"og:site_name\" content=\"{site}\">{extra_head}"
    heading = f"<h1>{h1}</h1>" if h1 else ""
    paragraphs = body or "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<html><head>{head}</head><body><main><article>{heading}{paragraphs}</article></main></body></html>"


@pytest.mark.parametrize("title, expected", [
    ("Ministers agree to reopen border crossings | The Valley Post", "Ministers agree to reopen border crossings"),
    ("Ministers agree to reopen border crossings - Valley Post", "Ministers agree to reopen border crossings"),
    ("Ministers agree to reopen border crossings – VALLEYPOST", "Ministers agree to reopen border crossings"),
    ("Ministers agree to reopen border crossings | Editorial | Opinion | The Valley Post",
     "Ministers agree to reopen border crossings"),
    # a dash inside the headline is the headline's own
    ("Floods - and then the drought: a year in the valley", "Floods - and then the drought: a year in the valley"),
    ("Ministers agree deal - farmers say it is too late", "Ministers agree deal - farmers say it is too late"),
    # never strip a title down to a stub
    ("Border deal | Opinion", "Border deal | Opinion"),
])
def test_title_without_site_or_section_suffix(title, expected):
    from dateline.ingest.html import strip_site_suffix

    assert strip_site_suffix(title, "The Valley Post", "www.valleypost.example.com") == expected


def test_visible_h1_is_the_title_when_it_tells_the_same_story():
    # the <title> is a shorter SEO variant; the page shows the <h1>
    page = _page("Ministers reopen crossings | The Valley Post",
                 "Ministers of two neighbours agree to reopen three border crossings")
    c = extract_html(page)
    assert c.title == "Ministers of two neighbours agree to reopen three border crossings"
    assert c.provenance["title"].startswith("html:<h1>")


def test_logo_h1_is_not_the_title():
    page = _page("Ministers agree to reopen border crossings - The Valley Post", "The Valley Post")
    c = extract_html(page)
    assert c.title == "Ministers agree to reopen border crossings"
    assert "without the site suffix" in c.provenance["title"]


# --------------------------------------------------------------------------------------
# Body: hover cards, credits, promotions, related-story lists
# --------------------------------------------------------------------------------------
def test_hover_card_inside_a_paragraph_is_removed_but_the_name_stays():
    card = ('<span class="person-rollover"><a class="person-rollover-link" href="/p/ana">Ana Ruiz</a>'
            '<span class="person-rollover-block"><a href="/p/ana">Ana Maria Ruiz</a>'
            '<a href="/x">Mayor opens the new ferry pier</a><a href="/y">Council passes the budget</a></span></span>')
    first = f"<p>Valley Mayor {card} said on Saturday that the two ministers had agreed to reopen three " \
            "border crossings closed since the floods.</p>"
    c = extract_html(_page("Mayor welcomes deal", "Mayor welcomes border deal", body=first + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS)))
    assert "Valley Mayor Ana Ruiz said on Saturday" in c.body
    assert "ferry pier" not in c.body and "Ana Maria Ruiz" not in c.body


@pytest.mark.parametrize("line", [
    "Jane Roe and Tom Reyes contributed reporting from the capital.",
    "Associated Press writers Ann Lee and Bo Park contributed to this report.",
    "(Reporting by Ana Silva; Editing by Tom Reyes)",
    "Reach the reporters on Twitter at https://twitter.com/annlee and https://twitter.com/bopark",
    "If you enjoyed this article, we have a proposition for you: become a member today.",
    "Get the best of the news in your inbox every morning",
])
def test_credit_and_promo_lines_are_dropped(line):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + f"<p>{line}</p>"
    c = extract_html(_page("Ministers agree to reopen border crossings", None, body=body))
    assert line[:30] not in c.body
    assert PARAGRAPHS[-1] in c.body


def test_related_heading_and_its_headline_list_are_dropped_but_the_story_goes_on():
    related = ("<p>DON'T MISS</p><p>Storm closes the coast road [PICTURES]</p>"
               "<p>Cup final moved to Sunday [LATEST]</p>")
    body = f"<p>{PARAGRAPHS[0]}</p>{related}" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    c = extract_html(_page("Ministers agree to reopen border crossings", None, body=body))
    for junk in ("DON'T MISS", "Storm closes", "Cup final"):
        assert junk not in c.body
    for p in PARAGRAPHS:
        assert p in c.body


def test_a_sentence_reporting_contributions_is_kept():
    line = ("Farmers said the fund to which both governments contributed last year had paid for "
            "the new grain stores on each side of the river.")
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + f"<p>{line}</p>"
    c = extract_html(_page("Ministers agree to reopen border crossings", None, body=body))
    assert line in c.body


# --------------------------------------------------------------------------------------
# Publication date: the article's own date line, in its local day
# --------------------------------------------------------------------------------------
def _dated(head: str, header: str = "", caption: str = "") -> str:
    figure = f"<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure>" if caption else ""
    return (f"<html><head><title>Ministers agree to reopen border crossings</title>{head}</head><body>"
            f"<main><article><h1>Ministers agree to reopen border crossings</h1>{header}{figure}"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></main></body></html>")


def test_url_date_path_beats_a_caption_date():
    page = _dated('<link rel="canonical" href="https://valleypost.example.com/story/news/2021/06/14/border-deal/">',
                  caption="This March 28, 2017, file photo shows the border crossing.")
    c = extract_html(page)
    assert c.published == "2021-06-14"
    assert c.provenance["published"].startswith("html:URL date path")


def test_utc_markup_one_day_off_yields_to_the_local_date_line():
    page = _dated('<meta property="article:published_time" content="2021-06-15T03:40:00Z">',
                  header="<p class='byline'>By Maria Lopez</p><p class='date'>Published 11:40 PM EDT June 14, 2021</p>")
    c = extract_html(page)
    assert c.published == "2021-06-14"
    assert "local day" in c.provenance["published"]


def test_markup_with_a_local_offset_is_kept():
    page = _dated('<meta property="article:published_time" content="2021-06-15T09:10:00+05:30">',
                  header="<p class='date'>June 14, 2021</p>")
    c = extract_html(page)
    assert c.published == "2021-06-15"


def test_placeholder_and_embedded_json_ld_dates_are_not_the_article_date():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z",'
          '"video": {"@type": "VideoObject", "datePublished": "2017-03-28T10:00:00Z"}}</script>'
          '<script type="application/ld+json">{"@type": "WebPage", "datePublished": "2021-06-14T10:00:00-04:00"}</script>')
    c = extract_html(_dated(ld))
    assert c.published == "2021-06-14"
    assert c.provenance["published"] == "html:markup JSON-LD datePublished"


def test_time_element_beats_a_page_render_stamp():
    head = '<meta name="render" content="dt: 2021-06-16T04:07:50Z">'
    header = "<div class='info'><time datetime='2021-06-14T10:36:00.000Z'>2 days ago</time></div>"
    c = extract_html(_dated(head, header=header))
    assert c.published == "2021-06-14"


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
