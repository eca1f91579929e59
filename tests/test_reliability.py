"""Reliability: no input takes down a batch, no cap cuts silently, no terminal trusts the text.

Each test is one hole of issue 18, reproduced the way a careless or hostile user would hit
it, through the real CLI, the real ingest job, a real store and a real HTTP server. The
batch rule holds in every one: the good records are stored, the bad ones are reported
with their input and a one-line reason, the exit code is 1, and there is no traceback.
(The kill -9 tests are in test_runners.py and test_ingest_store.py.)
"""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.store.read import Store

ROOT = Path(__file__).resolve().parents[1]

GOOD = ("Ministers of India and Pakistan met in Geneva on Monday to discuss the border.\n\n"
        "The talks lasted three hours, officials said.")


def good_text(n: int) -> str:
    return f"Report number {n}. " + GOOD


def record(n: int, **extra) -> str:
    return json.dumps({"id": f"r{n}", "title": f"Border talks {n}", "published": "2024-03-04",
                       "text": good_text(n), **extra})


def run_cli(*args, stdin: str | bytes | None = None):
    result = CliRunner().invoke(cli, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"traceback: {result.exception!r}\n{result.output}"
    assert "Traceback" not in result.output
    return result


def stored(store: Path) -> list[dict]:
    return Store.open(store).articles(columns="*", limit=None).to_pylist()


def failed_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip().startswith("failed:")]


# --------------------------------------------------------------------------------------
# 1. one bad record never stops the run
# --------------------------------------------------------------------------------------
def test_lone_surrogate_in_jsonl_is_replaced_and_reported_and_the_batch_goes_on(tmp_path, store_dir, nlp):
    """'\\ud800' is valid JSON but not text: replaced at the reader, with a warning."""
    src = tmp_path / "feed.jsonl"
    bad = '{"id": "r2", "title": "Bad \\ud800 title", "text": "Police in Lima \\udc00 arrested 20 protesters on Friday, officials said."}'
    src.write_text("\n".join([record(1), bad, record(3)]) + "\n", encoding="utf-8")
    res = run_cli("ingest", str(src), "--store", str(store_dir))
    assert res.exit_code == 0, res.output
    rows = {r["source"]: r for r in stored(store_dir)}
    assert set(rows) == {f"{src}#1", f"{src}#2", f"{src}#3"}
    assert "\ufffd" in rows[f"{src}#2"]["title"] and "\ufffd" in rows[f"{src}#2"]["body"]
    assert "lone surrogate" in res.output


def test_an_article_that_cannot_be_written_or_analysed_is_skipped_alone(store_dir, nlp, monkeypatch):
    """Articles handed in directly (the API's path): a surrogate that reaches the rows, and
    a MemoryError in a stage, fail their own article only."""
    from dateline import pipeline
    from dateline.ingest.article import build_article
    from dateline.ingest.readers import RawInput
    from dateline.job import add_articles

    articles = [build_article(RawInput(source=f"api#{n}", kind="text", content=good_text(n)))
                for n in range(4)]
    articles[1].title = "half a pair \ud83d"           # bypasses the reader: found at the rows
    articles[2].body += " BOOM"
    real = pipeline.analyse

    def analyse(batch, *a, **k):
        batch = list(batch)
        if any("BOOM" in x.body for x in batch):
            raise MemoryError()
        return real(batch, *a, **k)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    summary = add_articles(store_dir, articles)
    assert summary.ingested == 2 and {s for s, _ in summary.failed} == {"api#1", "api#2"}
    reasons = dict(summary.failed)
    assert reasons["api#1"].startswith("cannot store: UnicodeEncodeError")
    assert reasons["api#2"] == "analysis failed: MemoryError"
    assert {r["source"] for r in stored(store_dir)} == {"api#0", "api#3"}
    assert Store.open(store_dir).stats()["failures"] == 2


def test_a_crash_while_cleaning_one_record_is_that_record_only(tmp_path, store_dir, monkeypatch):
    from dateline.ingest import article as article_module
    from dateline.job import ingest

    real = article_module.build_article

    def build(raw, *a, **k):
        if "#2" in raw.source:
            raise MemoryError()
        return real(raw, *a, **k)

    monkeypatch.setattr(article_module, "build_article", build)
    src = tmp_path / "feed.jsonl"
    src.write_text("\n".join(record(n) for n in range(1, 4)) + "\n", encoding="utf-8")
    summary = ingest([str(src)], store_dir, stages=[])
    assert summary.ingested == 2 and summary.failed == [(f"{src}#2", "cannot clean: MemoryError")]


def test_a_second_writer_gets_one_clear_error(tmp_path, store_dir):
    from dateline.store.write import StoreWriter

    src = tmp_path / "a.txt"
    src.write_text("Talks\n\n" + good_text(1), "utf-8")
    with StoreWriter(store_dir):
        res = run_cli("ingest", str(src), "--store", str(store_dir))
    assert res.exit_code == 2 and "another dateline process is writing to" in res.output
    assert len(res.output.strip().splitlines()) == 1


# --------------------------------------------------------------------------------------
# 2. special files, folders and links (one real process: peak memory is measured)
# --------------------------------------------------------------------------------------
def test_dev_zero_fifo_and_links_out_of_a_folder_are_refused_in_one_bounded_run(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Border talks\n\n" + good_text(1), "utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret file\n\n" + good_text(2), "utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks\n\n" + good_text(3), "utf-8")
    (folder / "link-out.txt").symlink_to(outside)
    (folder / "link-in.txt").symlink_to(folder / "a.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nothing-here")
    os.mkfifo(folder / "inner-pipe")
    (folder / ".hidden.txt").write_text("x", "utf-8")
    store = tmp_path / "store"
    probe = ("import resource, subprocess, sys; "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=600); "
             "sys.stdout.write(p.stderr); "
             "print('maxrss_kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 'rc', p.returncode)")
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "dateline.cli", "ingest", str(good),
           "/dev/zero", str(fifo), str(folder), "--store", str(store), "-q"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=700, cwd=ROOT,
                         env={**os.environ, "DATELINE_STAGES": "timex"}).stdout
    assert "Traceback" not in out
    rss_kb, rc = re.search(r"maxrss_kb (\d+) rc (-?\d+)", out).groups()
    assert rc == "1" and int(rss_kb) < 1024 * 1024, out
    failed = "\n".join(failed_lines(out))
    assert "/dev/zero: is a character device, not a regular file" in failed
    assert f"{fifo}: is a FIFO (named pipe)" in failed
    assert f"{folder / 'inner-pipe'}: is a FIFO" in failed
    assert f"{folder / 'dangling.txt'}: dangling symbolic link" in failed
    assert f"{folder / 'link-out.txt'}: symbolic link to {outside}, outside the folder" in failed
    assert f"skipped: {folder / '.hidden.txt'}: hidden file" in out
    sources = {r["source"] for r in stored(store)}
    assert sources == {str(good), str(folder / "a.txt")}      # link-in.txt: a duplicate of a.txt

    # asked for, the link out of the folder is followed
    res = run_cli("ingest", str(folder), "--follow-links", "--store", str(tmp_path / "s2"), "-q")
    assert str(folder / "link-out.txt") in {r["source"] for r in stored(tmp_path / "s2")}
    assert res.exit_code == 1       # the FIFO and the dangling link are still reported


# --------------------------------------------------------------------------------------
# 3. caps and truncation are reported
# --------------------------------------------------------------------------------------
def test_truncated_jsonl_gz_keeps_the_whole_records_and_says_where_it_was_cut(tmp_path, store_dir):
    data = gzip.compress(("\n".join(record(n) for n in range(40)) + "\n").encode())
    src = tmp_path / "feed.jsonl.gz"
    src.write_bytes(data[: len(data) * 2 // 3])
    summary = _ingest_no_stages(src, store_dir)
    assert 0 < summary.ingested < 40
    assert len(summary.failed) == 1
    source, reason = summary.failed[0]
    assert source == str(src) and re.match(r"truncated at [\d,]+ bytes \(the gzip stream ends early", reason)


def _ingest_no_stages(src, store):
    from dateline.job import ingest

    return ingest([str(src)], store, stages=[])


def test_caps_on_gzip_and_stdin_report_the_cut_with_exit_1(tmp_path, store_dir, monkeypatch, nlp):
    monkeypatch.setenv("DATELINE_MAX_INPUT_BYTES", "2000")       # gzip cap 100 KB, stdin 40 KB
    lines = "\n".join(record(n) for n in range(600)) + "\n"      # ~150 KB
    src = tmp_path / "big.jsonl.gz"
    src.write_bytes(gzip.compress(lines.encode()))
    # --stages "": parse only, this is about reading
    res = run_cli("--stages", "", "ingest", str(src), "--store", str(store_dir / "a"), "-q")
    assert res.exit_code == 1
    assert f"failed: {src}: truncated at 100,000 bytes (decompressed size over the cap" in res.output
    n = len(stored(store_dir / "a"))
    assert 300 < n < 600

    res = run_cli("--stages", "", "ingest", "-", "--store", str(store_dir / "b"), "-q", stdin=lines)
    assert res.exit_code == 1 and "failed: -: truncated at 40,000 bytes" in res.output
    assert 100 < len(stored(store_dir / "b")) < 600


def test_truncated_warc_records_are_reported_not_stored_half(tmp_path, store_dir):
    from dateline.ingest.warc import Page, write_warc

    body = ("<html><head><title>Talks</title></head><body>"
            + "".join(f"<p>{good_text(n)}</p>" for n in range(30)) + "</body></html>")
    pages = [Page(f"https://news.example.org/{n}", body.replace("Report", f"Page {n} report").encode())
             for n in range(3)]
    gz = write_warc(tmp_path / "crawl.warc.gz", pages)
    cut_gz = tmp_path / "cut.warc.gz"
    cut_gz.write_bytes(gz.read_bytes()[: gz.stat().st_size - 400])
    plain = write_warc(tmp_path / "crawl.warc", pages)
    cut_plain = tmp_path / "cut.warc"
    cut_plain.write_bytes(plain.read_bytes()[: plain.stat().st_size - 1500])
    for reader in ("fastwarc", "warcio"):
        os.environ["DATELINE_WARC_READER"] = reader
        try:
            summary = _ingest_no_stages(cut_gz, store_dir / reader)
            assert summary.ingested == 2, summary.failed
            assert len(summary.failed) == 1 and summary.failed[0][0] == str(cut_gz)
            assert "truncated at" in summary.failed[0][1] and "the gzip stream ends inside a record" in summary.failed[0][1]
            summary = _ingest_no_stages(cut_plain, store_dir / (reader + "-plain"))
            assert summary.ingested == 2
            assert [s for s, _ in summary.failed] == [f"{cut_plain}#6"]
            assert "truncated record" in summary.failed[0][1]
        finally:
            del os.environ["DATELINE_WARC_READER"]


# --------------------------------------------------------------------------------------
# 4. a Latin-1 page is not read as Central European
# --------------------------------------------------------------------------------------
def test_latin1_text_is_read_as_western_and_the_guess_is_recorded(tmp_path, store_dir):
    text = ("Sommet à São Paulo\n\n"
            "La ministre française, naïve selon ses critiques, est arrivée à São Paulo lundi. "
            "Der Außenminister überbrachte Grüße aus München. "
            "O presidente da República disse que a reunião foi um êxito, e a ação continua.")
    src = tmp_path / "latin1.txt"
    src.write_bytes(text.encode("latin-1"))
    summary = _ingest_no_stages(src, store_dir)
    assert summary.ingested == 1
    (a,) = stored(store_dir)
    for word in ("naïve", "São Paulo", "Außenminister", "Grüße", "República", "ação", "française"):
        assert word in a["title"] + a["body"], word
    assert json.loads(a["metadata"])["encoding"] in ("cp1252", "latin_1", "iso8859_15")
    assert any(w.startswith("charset not declared: guessed cp1252") for w in a["warnings"]), a["warnings"]


def test_central_european_text_keeps_its_charset(tmp_path, store_dir):
    text = "Rozmowy w Genewie\n\nMinister spraw zagranicznych Polski powiedział, że rozmowy będą kontynuowane. Zażółć gęślą jaźń."
    src = tmp_path / "pl.txt"
    src.write_bytes(text.encode("cp1250"))
    _ingest_no_stages(src, store_dir)
    (a,) = stored(store_dir)
    assert "powiedział" in a["body"] and "będą" in a["body"]


# --------------------------------------------------------------------------------------
# 5. the terminal never gets the article's escape sequences
# --------------------------------------------------------------------------------------
HOSTILE_TITLE = "\x1b[2J\x1b]52;c;SGVsbG8=\x07Ministers \x9b31mmeet"
HOSTILE_BODY = ("India and Pakistan agreed on Monday to reopen the border, \x1b]8;;https://evil.example/\x1b\\"
                "officials\x1b]8;;\x1b\\ said. \x1b[31mThe talks\x1b[0m were held in Geneva.")


def test_article_text_reaches_the_terminal_without_control_characters(tmp_path, store_dir, nlp):
    src = tmp_path / "hostile.jsonl"
    src.write_text(json.dumps({"title": HOSTILE_TITLE, "published": "2024-03-04", "text": HOSTILE_BODY}) + "\n",
                   encoding="utf-8")
    run_cli("ingest", str(src), "--store", str(store_dir), "-q")
    (a,) = stored(store_dir)
    assert "\x1b" in a["title"] + a["body"]           # stored as given: the data is not edited
    outputs = [run_cli("articles", "--store", str(store_dir)).output,
               run_cli("show", a["id"], "--store", str(store_dir)).output,
               run_cli("show", a["id"], "--raw", "--store", str(store_dir)).output,
               run_cli("events", "--store", str(store_dir)).output]
    for out in outputs:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), repr(out)
    assert "Ministers" in outputs[1] and "officials said" in outputs[1]


def test_terminal_guard_strips_json_lines_on_a_tty(tmp_path, store_dir, nlp):
    """JSON escapes C0 controls but not C1 (0x9b is a CSI on many terminals): on a tty the
    CLI's stdout strips them too."""
    import pty

    src = tmp_path / "hostile.jsonl"
    src.write_text(json.dumps({"title": HOSTILE_TITLE, "text": HOSTILE_BODY}) + "\n", encoding="utf-8")
    run_cli("ingest", str(src), "--store", str(store_dir), "-q")
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "articles", "--format", "jsonl",
                             "--store", str(store_dir)], stdout=slave, stderr=subprocess.PIPE, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(60)
    os.close(master)
    out = b"".join(chunks).decode("utf-8")
    assert "Ministers" in out and "\x9b" not in out and "\x1b" not in out


# --------------------------------------------------------------------------------------
# 6. the server: token, Host, LIKE, 413, headers on every response
# --------------------------------------------------------------------------------------
class Served:
    """A real `dateline serve` on 127.0.0.1 (port 0), its address read from its log line."""

    def __init__(self, store: Path, *extra: str):
        self.proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--store", str(store),
                                      "--port", "0", *extra], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, cwd=ROOT)
        self.url, self.log, found = None, [], threading.Event()

        def read():
            for line in self.proc.stderr:
                self.log.append(line)
                m = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
                if m:
                    self.url = m.group(1)
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(60):
            self.stop()
            raise RuntimeError("serve did not start: " + "".join(self.log))

    def request(self, path, body=None, headers=None, method=None):
        req = urllib.request.Request(self.url + path, method=method or ("POST" if body is not None else "GET"),
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.headers, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, json.loads(e.read() or b"null")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


ARTICLE = {"text": "Ministers of India and Pakistan met in Geneva on Monday to discuss the border.",
           "published": "2024-03-04"}


def test_serve_needs_a_token_to_write_and_checks_the_host(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    s = Served(store, "--token", "s3cret")
    try:
        status, headers, body = s.request("/api/articles", ARTICLE)
        assert status == 401 and "token" in body["error"] and headers.get("Content-Security-Policy")
        assert s.request("/api/articles", ARTICLE, {"Authorization": "Bearer wrong"})[0] == 401
        status, _, body = s.request("/api/articles", ARTICLE, {"Authorization": "Bearer s3cret"})
        assert status == 201, body
        # DNS rebinding: a page on another name that resolves to 127.0.0.1
        status, headers, body = s.request("/api/stats", headers={"Host": "evil.example:8000"})
        assert status == 400 and "Host" in body["error"] and headers.get("X-Content-Type-Options") == "nosniff"
        assert s.request("/api/stats", headers={"Host": "localhost"})[0] == 200
        assert s.request("/api/stats")[0] == 200
    finally:
        s.stop()
    s = Served(store)                       # no token, no --allow-ingest: read-only
    try:
        status, _, body = s.request("/api/articles", ARTICLE)
        assert status == 403 and "read-only" in body["error"]
        assert "--allow-ingest" in "".join(s.log)
    finally:
        s.stop()


def test_api_escapes_like_wildcards_refuses_chunked_bodies_and_heads_every_response(tmp_path, nlp):
    from fastapi.testclient import TestClient

    from dateline.server.api import MAX_BODY_BYTES, create_app

    store = tmp_path / "store"
    src = tmp_path / "feed.jsonl"
    src.write_text("\n".join([record(1, title="Rates rise 5% in March"), record(2, title="Rates fall")]) + "\n",
                   encoding="utf-8")
    _ingest_no_stages(src, store)
    app = create_app(store, allowed_hosts=["testserver"])

    @app.get("/boom")
    def boom():
        raise RuntimeError("a bug")

    client = TestClient(app, raise_server_exceptions=False)
    titles = [a["title"] for a in client.get("/api/articles", params={"q": "%"}).json()["articles"]]
    assert titles == ["Rates rise 5% in March"]
    assert client.get("/api/articles", params={"source": "%"}).json()["articles"] == []

    def chunks():
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    r = client.post("/api/articles", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.headers["Content-Security-Policy"]
    r = client.get("/boom")
    assert r.status_code == 500 and r.json()["error"].startswith("internal error (RuntimeError)")
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert r.headers.get(name), name


def test_post_with_a_lone_surrogate_is_a_clear_4xx_not_a_500(tmp_path, nlp):
    from fastapi.testclient import TestClient

    from dateline.server.api import create_app

    client = TestClient(create_app(tmp_path / "store"))
    body = ('{"text": "Ministers of India and Pakistan met in Geneva \\ud800 on Monday.", '
            '"title": "Talks \\udfff", "published": "2024-03-04"}')
    r = client.post("/api/articles", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and "valid string" in r.json()["error"], r.text
    assert client.get("/api/stats").status_code == 200


# --------------------------------------------------------------------------------------
# 7. extract streams, has the record limit, analyses a repeated record once
# --------------------------------------------------------------------------------------
def test_extract_writes_good_records_before_a_bad_line_stops_it(nlp):
    lines = "\n".join([record(1), record(2), '{"id": "r3", "text": "Ministers \\ud800 met."}',
                       "{not json", record(5)]) + "\n"
    res = run_cli("extract", "-", stdin=lines)
    assert res.exit_code == 1
    sources = {json.loads(line)["article"]["source"] for line in res.output.splitlines() if line.startswith("{")}
    assert {"r1", "r2"} <= sources and "r5" not in sources
    assert "error: stdin#4: line 4 is not valid JSON" in res.output


def test_extract_has_the_record_size_limit_and_analyses_repeats_once(nlp, monkeypatch):
    from dateline import pipeline

    monkeypatch.setenv("DATELINE_MAX_INPUT_BYTES", "4000")
    seen = []
    real = pipeline.analyse
    monkeypatch.setattr(pipeline, "analyse", lambda arts, *a, **k: real(seen.extend(arts) or arts, *a, **k))
    res = run_cli("extract", "-", stdin="\n".join([record(1)] * 50) + "\n")
    assert res.exit_code == 0 and len(seen) == 1
    assert "49 repeated record(s) not analysed again" in res.output
    huge = json.dumps({"id": "big", "text": "word " * 20000})
    res = run_cli("extract", "-", stdin=record(1) + "\n" + huge + "\n")
    assert res.exit_code == 1 and "error: stdin#2: line 2: record is over the" in res.output
    assert any(line.startswith("{") for line in res.output.splitlines())
