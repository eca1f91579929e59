"""Every input kind through the real ingest job, and the seed articles' metadata checks."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from dateline.job import ingest
from dateline.store.read import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def test_html_page_gives_text_and_metadata(tmp_path, store_dir):
    gz = tmp_path / "summit.html.gz"
    gz.write_bytes(gzip.compress((SAMPLES / "written" / "04_summit.html").read_bytes()))
    summary = ingest([str(gz)], store_dir)
    assert summary.ingested == 1, summary.failed
    (a,) = Store.open(store_dir).articles(columns="*").to_pylist()
    assert a["title"] == "Japan and Australia sign defence pact in Tokyo"
    assert a["published"].startswith("2026-01-20")
    assert "signed a defence cooperation agreement in Tokyo" in a["body"]
    assert "Copyright 2026" not in a["body"] and "Subscribe" not in a["body"]
    assert a["raw_kind"] == "html"


def test_plain_text_scrape_finds_local_date_and_drops_debris(tmp_path, store_dir):
    ingest([str(SAMPLES / "written" / "01_border_talks.txt")], store_dir)
    (a,) = Store.open(store_dir).articles(columns="*").to_pylist()
    assert a["title"].startswith("India and Pakistan agree to reopen border crossing")
    assert a["published"].startswith("2026-03-12")  # "Published 12.03.26" is day.month.year
    assert a["published_source"] == "text"
    assert "ADVERTISEMENT" not in a["body"] and "Follow us on" not in a["body"]
    assert "0 Comments" not in a["body"]
    assert "India and Pakistan agreed on Wednesday" in a["body"]
    prov = json.loads(a["provenance"])
    assert "Published 12.03.26" in prov["published"]


def test_jsonl_from_stdin_through_the_cli(tmp_path, store_dir):
    data = (SAMPLES / "wikinews" / "wikinews.jsonl").read_bytes()
    r = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", "-", "--store", str(store_dir)],
                       input=data, capture_output=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()
    rows = Store.open(store_dir).articles(columns="source, published, published_source, url").to_pylist()
    assert len(rows) == 5
    assert all(row["source"].startswith("-#") for row in rows)
    assert all(row["published_source"] == "jsonl" for row in rows)
    assert all(row["url"].startswith("http://en.wikinews.org/wiki/") for row in rows)


def test_non_english_is_stored_and_counted_but_not_analysed(tmp_path, store_dir):
    p = tmp_path / "fr.jsonl"
    p.write_text(json.dumps({"published": "2024-04-04", "text": (
        "Le président français a rencontré jeudi à Paris le chancelier allemand pour discuter "
        "de la défense européenne. Les deux dirigeants ont signé une déclaration commune.")}) + "\n",
        encoding="utf-8")
    summary = ingest([str(p)], store_dir)
    assert summary.ingested == 1 and summary.not_analysed == 1 and summary.events == 0
    st = Store.open(store_dir).stats()
    assert st["languages"] == {"fr": 1} and st["events"] == 0 and st["timexes"] == 0


def test_one_sentence_of_names_the_language_model_cannot_place_is_still_analysed():
    # its best guesses (Indonesian, Malay, Bikol) lie within a hundredth of each other
    from dateline.ingest.article import detect_language
    from dateline.pyapi import extract

    assert detect_language("Erdogan met Putin in Ankara.") is None
    assert detect_language("Le président a rencontré son homologue à Paris mardi.") == "fr"
    assert [(e["event"], [a["code"] for a in e["actor"]]) for e in extract(
        "Erdogan met Putin in Ankara.", published="2019-11-20")] == [("CONSULT", ["TUR"])]


def test_a_short_sentence_with_a_relative_date_is_body_text_not_a_timestamp():
    from dateline.pyapi import extract

    evs = extract("A week ago, Turkey expelled two Syrian diplomats.", published="2019-11-20")
    assert evs and evs[0]["event_text"].startswith("A week ago")


def test_no_publication_date_is_null_with_a_warning(tmp_path, store_dir):
    p = tmp_path / "undated.txt"
    p.write_text("Talks end without a deal\n\nThe two delegations left Vienna on Sunday "
                 "without agreeing on a new round of talks, diplomats said.\n", encoding="utf-8")
    summary = ingest([str(p)], store_dir)
    (a,) = Store.open(store_dir).articles(columns="published, warnings").to_pylist()
    assert a["published"] is None
    assert any("no publication date" in w for w in a["warnings"])
    assert any("no publication date" in w for _, w in summary.warnings)


def test_seed_articles_pass_the_article_checks(shared, tmp_path, store_dir):
    seeds = shared / "acceptance" / "seeds"
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))
    for doc in gold["documents"]:
        ingest([str(seeds / doc["file"])], store_dir, published=doc["input_metadata"].get("published"))
    out = tmp_path / "articles.jsonl"
    r = subprocess.run([sys.executable, "-m", "dateline.cli", "export", "articles", "--store", str(store_dir),
                        "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    (tmp_path / "none.jsonl").write_text("")
    score = subprocess.run([sys.executable, str(shared / "acceptance" / "score.py"), str(seeds / "gold.json"),
                            "--events", str(tmp_path / "none.jsonl"), "--articles", str(out), "--json"],
                           capture_output=True, text=True, check=True)
    result = json.loads(score.stdout)
    assert result["article_checks"] > 0
    assert result["article_checks_passed"] == result["article_checks"]
