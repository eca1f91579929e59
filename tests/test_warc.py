"""WARC input: records, charsets, skips with reasons, metadata, both parsers agree.

The WARC files are generated here (warcio's writer) from pages written for these tests.
"""
from __future__ import annotations

import gzip

import pytest

from dateline.errors import InputError
from dateline.ingest.readers import RawInput, iter_inputs
from dateline.ingest.warc import Page, SkippedRecord, apply_record_metadata, iter_warc, write_warc
from helpers import mixed_pages, news_html

@pytest.fixture(params=["fastwarc", "warcio"])
def reader(request):
    return request.param


@pytest.fixture(params=[".warc", ".warc.gz"])
def mixed_warc(request, tmp_path):
    return write_warc(tmp_path / f"crawl{request.param}", mixed_pages())


def test_records_are_numbered_and_non_articles_skipped_with_a_reason(mixed_warc, reader):
    items = list(iter_warc(mixed_warc, reader=reader))
    # warcinfo is record 1; each page is a response + request pair (response first).
    assert [i.source for i in items] == [f"{mixed_warc}#{n}" for n in range(2, 22, 2)]
    kinds = {i.fields["url"].rsplit("/", 1)[-1] if isinstance(i, RawInput) else i.source: i for i in items}
    raws = [i for i in items if isinstance(i, RawInput)]
    assert {r.fields["url"].rsplit("/", 1)[-1] for r in raws} == {"a", "latin", "http-charset", "gz", "undated", "copy"}
    skipped = [i for i in items if isinstance(i, SkippedRecord)]
    reasons = sorted(s.reason for s in skipped)
    assert reasons == ["HTTP status 301", "HTTP status 404", "empty HTTP payload",
                       "not HTML (content type image/png)"]
    assert all(isinstance(s, InputError) for s in skipped)   # readers report them like any bad input
    assert kinds


def test_fields_carry_url_crawl_date_and_origin(mixed_warc, reader):
    raw = next(i for i in iter_warc(mixed_warc, reader=reader) if isinstance(i, RawInput))
    assert raw.kind == "html"
    assert raw.fields["origin"] == "warc"
    assert raw.fields["url"] == "https://news.example.org/a"
    assert raw.fields["crawled"] == "2024-03-05T10:00:00Z"
    assert raw.fields["warc_record_id"].startswith("<urn:uuid:")
    assert "published" not in raw.fields        # the crawl date is not a publication date


def test_charset_from_http_header_meta_and_content_encoding(mixed_warc, reader):
    by_url = {i.fields["url"].rsplit("/", 1)[-1]: i for i in iter_warc(mixed_warc, reader=reader)
              if isinstance(i, RawInput)}
    assert "Genève" in by_url["latin"].content and "Brasília" in by_url["latin"].content
    assert by_url["latin"].encoding == "iso-8859-1"
    assert "officials’" in by_url["http-charset"].content
    assert by_url["http-charset"].encoding == "windows-1252"
    assert by_url["gz"].content.startswith("<!doctype html>")


def test_both_parsers_yield_the_same_inputs(mixed_warc):
    def plain(items):
        return [(i.source, type(i).__name__, getattr(i, "reason", None), getattr(i, "content", None),
                 getattr(i, "fields", None), getattr(i, "encoding", None)) for i in items]

    assert plain(iter_warc(mixed_warc, reader="fastwarc")) == plain(iter_warc(mixed_warc, reader="warcio"))


def test_oversized_records_are_skipped_before_reading(tmp_path, configure, reader):
    configure(max_input_bytes=20_000)
    big = news_html(7).replace("</article>", "<p>" + "word " * 10_000 + "</p></article>")
    path = write_warc(tmp_path / "big.warc.gz", [Page("https://x.example/big", big.encode()),
                                                  Page("https://x.example/ok", news_html(8).encode())])
    items = list(iter_warc(path, reader=reader))
    assert isinstance(items[0], SkippedRecord) and "limit" in items[0].reason
    assert isinstance(items[1], RawInput)


def test_skip_callback_drops_records_that_already_landed(mixed_warc):
    first = f"{mixed_warc}#2"
    items = list(iter_warc(mixed_warc, skip={first}.__contains__))
    assert first not in [i.source for i in items] and len(items) == 9


def test_corrupt_and_missing_files_are_one_error_each(tmp_path, reader):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(gzip.compress(b"this is not a warc file at all\r\n\r\n"))
    items = list(iter_warc(bad, reader=reader))
    assert all(isinstance(i, InputError) for i in items) and items
    missing = list(iter_warc(tmp_path / "missing.warc", reader=reader))
    assert len(missing) == 1 and "no such file" in missing[0].reason


def test_readers_dispatch_warc_files(mixed_warc):
    items = list(iter_inputs([str(mixed_warc)]))
    assert sum(isinstance(i, RawInput) for i in items) == 6


def test_crawl_date_is_only_a_fallback_publication_date(mixed_warc):
    from dateline.ingest.article import build_article

    articles = {}
    for raw in iter_warc(mixed_warc):
        if isinstance(raw, RawInput):
            articles[raw.fields["url"].rsplit("/", 1)[-1]] = apply_record_metadata(build_article(raw), raw)
    dated, undated = articles["a"], articles["undated"]
    assert dated.published.startswith("2024-03-04") and dated.provenance["published"] != "warc:date"
    assert dated.metadata["crawled"] == "2024-03-05T10:00:00Z"
    assert undated.published == "2024-03-06"
    assert undated.published_source == "warc" and undated.provenance["published"] == "warc:date"
    assert any("crawl date" in w for w in undated.warnings)
    assert undated.url == "https://news.example.org/undated"
    assert undated.source.endswith("#10")
    # idempotent: applying twice changes nothing
    again = apply_record_metadata(undated, next(r for r in iter_warc(mixed_warc)
                                                 if isinstance(r, RawInput) and r.fields["url"].endswith("undated")))
    assert again.warnings.count("publication date is the WARC crawl date (the page shows none)") == 1


def test_ingest_command_reads_a_warc(mixed_warc, store_dir):
    """`dateline ingest FILE.warc.gz` stores the articles; non-articles are reported."""
    import duckdb

    from dateline.job import ingest

    summary = ingest([str(mixed_warc)], store_dir, stages=[])
    assert summary.ingested == 5 and summary.duplicates == 1
    urls = {r[0] for r in duckdb.sql(f"select url from '{store_dir}/articles/*.parquet'").fetchall()}
    assert "https://news.example.org/latin" in urls
    # non-articles are counted as skipped with their reason, not as failures
    assert "HTTP status 301" in {reason for _, reason in summary.skipped}
    assert summary.failed == []
