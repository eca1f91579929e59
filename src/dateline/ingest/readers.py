"""Readers: turn paths (files, directories, gz, JSONL, stdin) into raw inputs.

A reader does not clean or analyse anything; it finds out *what* an input is (text, HTML,
JSONL record, WARC record), decodes it to text with the right charset, enforces the size
limit, and yields either a :class:`RawInput` or an :class:`~dateline.errors.InputError`
naming the input and what is wrong. Errors are yielded, not raised, so one bad file in a
batch of thousands is reported and the rest go on.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from dateline import settings
from dateline.errors import InputError

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc"}


@dataclass
class RawInput:
    """One article-sized input, decoded to text, before cleaning."""

    source: str                    # path, "PATH#N" for record N of a JSONL/WARC input, "-" for stdin
    kind: str                      # text | html | jsonl
    content: str                   # decoded text / HTML / the "text" or "html" field of a record
    fields: dict[str, Any] = field(default_factory=dict)   # JSONL/WARC metadata: id, url, title, published
    encoding: str | None = None


def iter_inputs(paths: Iterable[str], stdin=None) -> Iterator[RawInput | InputError]:
    """Every input under ``paths`` in a stable order (directories sorted, recursive)."""
    for p in paths:
        if p == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_bytes("-", stream.read(settings.MAX_INPUT_BYTES * 20 + 1), kind=None)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
            if not files:
                yield InputError(p, "directory contains no files")
            for f in files:
                yield from _read_file(f)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield InputError(p, "no such file or directory")


def kind_of(path: Path) -> str | None:
    """text | html | jsonl | warc from the name (``.gz`` looked through), None if unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in TEXT_SUFFIXES:
        return "text"
    if last in HTML_SUFFIXES:
        return "html"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in WARC_SUFFIXES:
        return "warc"
    return None


def _read_file(path: Path) -> Iterator[RawInput | InputError]:
    source = str(path)
    kind = kind_of(path)
    if kind == "warc":
        try:
            from dateline.ingest.warc import iter_warc
        except ImportError:
            yield InputError(source, "WARC input is not available in this installation")
            return
        yield from iter_warc(path)
        return
    try:
        size = path.stat().st_size
        limit = settings.MAX_INPUT_BYTES * (50 if kind == "jsonl" else 1)
        if size > limit:
            yield InputError(source, f"file is {size:,} bytes, over the {limit:,}-byte limit "
                                     "(DATELINE_MAX_INPUT_BYTES)")
            return
        data = path.read_bytes()
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    except OSError as e:
        yield InputError(source, f"cannot read: {e.strerror or e}")
        return
    yield from _read_bytes(source, data, kind)


def _read_bytes(source: str, data: bytes, kind: str | None) -> Iterator[RawInput | InputError]:
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.GzipFile(fileobj=io.BytesIO(data)).read(settings.MAX_INPUT_BYTES * 50 + 1)
        except (OSError, EOFError) as e:
            yield InputError(source, f"corrupt gzip data: {e}")
            return
    if not data.strip():
        yield InputError(source, "empty input")
        return
    text, encoding = decode(data)
    if text is None:
        yield InputError(source, "binary data, not text (no charset decodes it)")
        return
    if kind is None:
        kind = sniff(text)
    if kind == "jsonl":
        yield from _jsonl_records(source, text, encoding)
        return
    if len(data) > settings.MAX_INPUT_BYTES:
        yield InputError(source, f"input is {len(data):,} bytes, over the "
                                 f"{settings.MAX_INPUT_BYTES:,}-byte limit")
        return
    yield RawInput(source=source, kind=kind, content=text, encoding=encoding)


def sniff(text: str) -> str:
    """Guess the kind of a nameless input (stdin, unknown suffix) from its first characters."""
    head = text.lstrip()[:1000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<!doctype html") or head.startswith("<html") or (
            head.startswith("<") and ("<body" in head or "<head" in head or "<p" in head)):
        return "html"
    return "text"


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and charset name, or (None, None) for binary data.

    UTF-8 is tried first (most news is UTF-8 and detection on short texts is unreliable);
    otherwise charset-normalizer decides. NUL bytes mean binary (or UTF-16 with a BOM).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        return None, None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        # Mixed encodings (UTF-8 with stray Latin-1 bytes): keep what decodes, mark the rest.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") > max(8, len(text) // 50):
            return None, None
        return text, "utf-8 (with replaced bytes)"
    text = str(best)
    if _control_ratio(text) > 0.05:
        return None, None
    return text, best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    return bad / len(sample)


def _jsonl_records(source: str, text: str, encoding: str | None) -> Iterator[RawInput | InputError]:
    """One RawInput per JSON line ({"id"?, "url"?, "title"?, "published"?, "text"|"html"})."""
    seen = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen += 1
        where = f"{source}#{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(where, f"line {n} is not valid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(rec, dict):
            yield InputError(where, f"line {n} is not a JSON object")
            continue
        body = rec.get("text")
        kind = "text"
        if not (isinstance(body, str) and body.strip()):
            body, kind = rec.get("html"), "html"
        if not (isinstance(body, str) and body.strip()):
            yield InputError(where, f"line {n} has no non-empty \"text\" or \"html\" field")
            continue
        if len(body.encode("utf-8", "ignore")) > settings.MAX_INPUT_BYTES:
            yield InputError(where, f"line {n}: article is over the {settings.MAX_INPUT_BYTES:,}-byte limit")
            continue
        fields = {k: rec[k] for k in ("id", "url", "title", "published") if rec.get(k) not in (None, "")}
        for k in ("id", "url", "title", "published"):
            if k in fields and not isinstance(fields[k], str):
                fields[k] = str(fields[k])
        yield RawInput(source=where, kind=kind, content=body, fields=fields, encoding=encoding)
    if seen == 0:
        yield InputError(source, "JSONL input has no records")


def json_objects(stream, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank JSON line of ``stream``; a line that is not a
    JSON object raises one clear DatelineError naming ``name:line``. For the stateless
    commands (`extract`, `cluster`), where a bad record stops the run."""
    from dateline.errors import DatelineError

    for n, line in enumerate(stream, 1):
        line = line.strip()
        if not line:
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise DatelineError(f"{name}:{n}: not a JSON object ({e.msg})") from None
        if not isinstance(rec, dict):
            raise DatelineError(f"{name}:{n}: not a JSON object")
        yield n, rec


def display_path(source: str) -> str:
    """Shorter path for messages: relative to the working directory when inside it."""
    try:
        return os.path.relpath(source) if not source.startswith("-") and os.path.isabs(source) else source
    except ValueError:
        return source
