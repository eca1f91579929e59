"""Inputs that are not news articles (dateline.ingest.notarticle): a folder's README, an
image-search result page, a tweet page and a "Loading..." shell are skipped with a reason,
never stored; an article beside them is stored. Pages written for the tests."""
from __future__ import annotations

import json
import subprocess
import sys

from dateline.ingest.html import extract_html
from dateline.ingest.notarticle import not_article_reason

DATELINE = [sys.executable, "-m", "dateline.cli"]

FILLER = ("<p>The council of the river town met on a quiet evening to discuss the new bridge, "
          "the repair of the old market hall and the timetable of the ferry across the water.</p>")

README = """# Field notes

Scrapes collected for the spring workshop.

## Layout

- [index](index.html)
- [notes](notes/README.md)

```
pip install something
```
"""

IMAGE_RESULT = f"""<html><head><title>Google Image Result for https://pics.example.org/bridge.jpg</title></head>
<body><main>{FILLER}{FILLER}</main></body></html>"""

TWEET = f"""<html><head><title>Ana Ruiz on Twitter: "The bridge vote is tonight"</title>
<link rel="canonical" href="https://twitter.com/anaruiz/status/1198765432101234567">
<meta property="og:site_name" content="Twitter"></head>
<body><main>{FILLER}{FILLER}</main></body></html>"""

LOADING = """<html><head><title>Loading...</title></head><body><main>
<p>Loading...</p><p>Please enable JavaScript in your browser to read the stories on this page today.</p>
</main></body></html>"""

ARTICLE = ("Valley Herald\n\nTown council approves new river bridge\n\nBy Tom Reyes\n\n"
           "The town council of Riverton approved on Tuesday the construction of a new bridge "
           "across the river, the mayor said after a vote of seven to two.\n\n"
           "The council also asked the regional government to pay half of the cost, which "
           "engineers put at twelve million euros, officials said.\n")


def test_project_files_are_not_articles():
    assert "project file" in not_article_reason(source="in/README.md", body="Scrapes collected.")
    assert "project file" in not_article_reason(source="in/LICENSE", body="Permission is hereby granted.")
    # a markdown document with headings, link lists and code fences, whatever its name
    body = "# Notes\n\n- [a](a.html)\n- [b](b.html)\n\n```\nmake demo\n```\n\n## More\n"
    assert "markdown lines" in not_article_reason(source="in/guide.md", body=body)
    # the same name inside a JSONL file is a record, and a plain article file is an article
    assert not_article_reason(source="in/README.jsonl#3", body="The council met.") is None
    assert not_article_reason(source="in/readme-council.txt", body=ARTICLE) is None


def test_image_results_tweets_and_loading_shells():
    assert "image search" in not_article_reason(title="Google Image Result for https://x.example/a.jpg")
    assert "social-media" in not_article_reason(url="https://x.com/someone/status/123456789")
    assert "social-media" in not_article_reason(title='Ana Ruiz on Twitter: "Vote tonight"')
    assert "social-media" in not_article_reason(site="Twitter")
    assert "loading" in not_article_reason(title="Loading...", body="Loading...")
    assert "loading" in not_article_reason(body="Loading...\nPlease enable JavaScript to continue.")


def test_news_about_these_things_is_news():
    # a story that quotes a tweet, mentions loading or JavaScript, or is about image search
    long_body = ("The minister wrote on Twitter that the talks were loading slowly. " * 10).strip()
    assert not_article_reason(title="Minister says on Twitter talks are stalled", body=long_body,
                              url="https://news.example.com/2020/01/02/talks/", site="Example News") is None
    assert not_article_reason(title="Google fined over image search results", body=long_body) is None
    assert not_article_reason(body=long_body + "\nPlease enable JavaScript to watch the video.") is None


def test_html_pages_reach_the_check_with_their_metadata():
    tweet = extract_html(TWEET)
    assert not_article_reason(source="t.html", title=tweet.title, body=tweet.body,
                              url=tweet.metadata.get("url"), site=tweet.metadata.get("site"))


def test_ingest_skips_them_with_the_count_and_stores_the_article(tmp_path, store_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "README.md").write_text(README, encoding="utf-8")
    (folder / "image.html").write_text(IMAGE_RESULT, encoding="utf-8")
    (folder / "tweet.html").write_text(TWEET, encoding="utf-8")
    (folder / "loading.html").write_text(LOADING, encoding="utf-8")
    (folder / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    run = subprocess.run(DATELINE + ["ingest", str(folder), "--store", str(store_dir)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "skipped (not articles) 4" in run.stderr
    assert "ingested 1" in run.stderr
    out = subprocess.run(DATELINE + ["export", "articles", "--format", "jsonl", "--store", str(store_dir)],
                         capture_output=True, text=True, check=True).stdout
    sources = [json.loads(line)["source"] for line in out.splitlines() if line.strip()]
    assert [s.rsplit("/", 1)[-1] for s in sources] == ["bridge.txt"]
