"""Readers: kinds, encodings, gzip, JSONL records, and every kind of bad input."""
from __future__ import annotations

import gzip
import io
import json

from dateline.errors import InputError
from dateline.ingest.readers import RawInput, decode, iter_inputs, sniff


def _all(paths, stdin=None):
    return list(iter_inputs([str(p) for p in paths], stdin=stdin))


def test_text_html_and_gzipped_html(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody text here.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    (tmp_path / "c.htm.gz").write_bytes(gzip.compress(b"<html><body><p>Zip</p></body></html>"))
    items = _all([tmp_path])
    assert [type(i) for i in items] == [RawInput] * 3
    assert [i.kind for i in items] == ["text", "html", "html"]
    assert "Zip" in items[2].content


def test_jsonl_records_get_numbered_sources_and_bad_lines_are_reported(tmp_path):
    lines = [json.dumps({"id": "x1", "text": "First article body.", "published": "2024-01-02"}),
             "{not json",
             json.dumps({"id": "x3", "title": "no body"}),
             json.dumps(["a", "list"]),
             json.dumps({"html": "<p>Second</p>", "url": "http://example.org/2"})]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _all([p])
    assert isinstance(items[0], RawInput) and items[0].source == f"{p}#1"
    assert items[0].fields == {"id": "x1", "published": "2024-01-02"}
    assert isinstance(items[1], InputError) and "line 2 is not valid JSON" in items[1].reason
    assert isinstance(items[2], InputError) and 'no non-empty "text" or "html"' in items[2].reason
    assert isinstance(items[3], InputError) and "not a JSON object" in items[3].reason
    assert isinstance(items[4], RawInput) and items[4].kind == "html" and items[4].source.endswith("#5")


def test_bad_inputs_each_get_a_reason(tmp_path, configure):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256))[:90])
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    configure(max_input_bytes=100)
    (tmp_path / "huge.txt").write_text("word " * 100, encoding="utf-8")
    items = {i.source.rsplit("/", 1)[-1]: i for i in _all([tmp_path, tmp_path / "missing.txt"])}
    assert items["empty.txt"].reason == "empty input"
    assert items["blank.txt"].reason == "empty input"
    assert "binary" in items["binary.txt"].reason
    assert "gzip" in items["broken.html.gz"].reason
    assert "over the 100-byte limit" in items["huge.txt"].reason
    assert items["missing.txt"].reason == "no such file or directory"
    assert all(isinstance(i, InputError) for i in items.values())


def test_unreadable_file(tmp_path):
    import os

    p = tmp_path / "secret.txt"
    p.write_text("text", encoding="utf-8")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):  # root reads anything: nothing to test here
            return
        (item,) = _all([p])
        assert isinstance(item, InputError) and item.reason == "permission denied"
    finally:
        p.chmod(0o644)


def test_charsets_are_detected():
    latin1 = "Le président a rencontré le ministre à Genève. Déclaration commune signée.".encode("latin-1")
    text, enc = decode(latin1 * 3)
    assert "président" in text and enc and enc.lower().replace("_", "-") not in ("utf-8",)
    utf16 = "Hello from UTF-16 with a BOM".encode("utf-16")
    assert decode(utf16)[0] == "Hello from UTF-16 with a BOM"
    assert decode("naïve café".encode("utf-8")) == ("naïve café", "utf-8")


def test_mixed_encoding_keeps_the_text():
    data = "Minister said ".encode("utf-8") + "déjà".encode("latin-1") + " and “quoted” words".encode("utf-8")
    text, enc = decode(data * 5)
    assert text is not None and "Minister said" in text and "quoted" in text


def test_stdin_is_sniffed():
    items = _all(["-"], stdin=io.BytesIO(b'{"text": "From a pipe."}\n'))
    assert isinstance(items[0], RawInput) and items[0].source == "-#1"
    assert sniff("<!DOCTYPE html><html>") == "html"
    assert sniff("Plain words") == "text"
