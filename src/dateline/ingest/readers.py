"""Readers: turn paths (files, directories, gz, JSONL, stdin) into raw inputs.

A reader does not clean or analyse anything; it finds out *what* an input is (text, HTML,
JSONL record, WARC record), decodes it to text with the right charset, enforces the size
limit, and yields either a :class:`RawInput` or an :class:`~dateline.errors.InputError`
naming the input and what is wrong. Errors are yielded, not raised, so one bad file in a
batch of thousands is reported and the rest go on.

What a reader promises (docs/store.md lists the tests):

- *Only regular files and stdin are read*, and never more than the limit plus one byte:
  a FIFO, a device (``/dev/zero``) or a socket is refused with its kind, never opened.
- *A folder walk says what it leaves out*: hidden files and folders and linked folders
  are reported as skipped; special files, dangling links and links that lead out of the
  folder are reported as failures (``--follow-links`` follows links anywhere).
- *A cap that cuts says so*: stdin or a gzip stream over its cap, or a gzip stream that
  ends early, is reported as ``truncated at N bytes`` (the complete JSONL lines before the
  cut are kept).
- *Text is normalised here*: a lone surrogate (``"\ud800"`` in JSON, valid JSON but not
  text) is replaced with U+FFFD and reported as a warning; a guessed legacy charset
  prefers the Western one (cp1252) when it fits as well, and the guess is reported.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

from dateline import settings
from dateline.errors import InputError
# decoding and the input record live in ingest.raw (shared with ingest.warc); re-exported here
from dateline.ingest.raw import (WESTERN, RawInput, SkippedInput, decode,  # noqa: F401
                                 decode_noted)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc"}


#: The byte caps of the readers (what DATELINE_MAX_INPUT_BYTES scales).
def stdin_cap() -> int:
    return settings.MAX_INPUT_BYTES * 20


def gzip_cap() -> int:
    return settings.MAX_INPUT_BYTES * 50


def iter_inputs(paths: Iterable[str], stdin=None,
                follow_links: bool = False) -> Iterator[RawInput | InputError]:
    """Every input under ``paths`` in a stable order (directories sorted, recursive)."""
    for p in paths:
        if p == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            cap = stdin_cap()
            data = stream.read(cap + 1)
            cut = None
            if len(data) > cap:
                data, cut = data[:cap], InputError("-", f"truncated at {cap:,} bytes (standard input "
                                                        "is read up to 20 x DATELINE_MAX_INPUT_BYTES)")
            yield from _read_bytes("-", data, kind=None, cut=cut)
            continue
        path = Path(p)
        try:
            st = path.stat()
        except FileNotFoundError:
            yield InputError(p, "dangling symbolic link" if path.is_symlink() else "no such file or directory")
            continue
        except OSError as e:
            yield InputError(p, f"cannot read: {e.strerror or e}")
            continue
        if stat.S_ISDIR(st.st_mode):
            found = False
            for item in walk(path, follow_links=follow_links):
                if isinstance(item, InputError):
                    yield item
                else:
                    found = True
                    yield from _read_file(item)
            if not found:
                yield InputError(p, "directory contains no files")
        else:
            yield from _read_file(path)


def walk(root: Path, follow_links: bool = False) -> Iterator[Path | InputError]:
    """The regular files below ``root``, sorted, and a reason for everything left out.

    Links are followed only when they stay inside ``root`` (a link to ``/etc/passwd`` in a
    folder of news is refused) unless ``follow_links``; linked folders are entered only with
    ``follow_links`` (each real folder once, so a link loop ends).
    """
    top = os.path.realpath(root)
    found: list[tuple[Path, Path | InputError]] = []
    seen_dirs = {top}

    def inside(target: str) -> bool:
        return target == top or target.startswith(top.rstrip(os.sep) + os.sep)

    def walk_error(e: OSError) -> None:
        where = Path(e.filename) if e.filename else root
        found.append((where, InputError(str(where), f"cannot read folder: {e.strerror or e}")))

    for folder, dirs, files in os.walk(root, followlinks=follow_links, onerror=walk_error):
        keep = []
        for d in sorted(dirs):
            full = Path(folder) / d
            if d.startswith("."):
                found.append((full, SkippedInput(str(full), "hidden folder, not read")))
            elif full.is_symlink() and not follow_links:
                found.append((full, SkippedInput(str(full), "link to a folder, not followed "
                                                            "(--follow-links follows it)")))
            elif os.path.realpath(full) in seen_dirs:
                found.append((full, SkippedInput(str(full), "folder already read (a link loop)")))
            else:
                seen_dirs.add(os.path.realpath(full))
                keep.append(d)
        dirs[:] = keep
        for name in files:
            full = Path(folder) / name
            found.append((full, _file_problem(full, name, inside, follow_links) or full))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def _file_problem(path: Path, name: str, inside, follow_links: bool) -> InputError | None:
    """Why a file of a folder walk is not read, or None."""
    source = str(path)
    if name.startswith("."):
        return SkippedInput(source, "hidden file, not read")
    if path.is_symlink():
        target = os.path.realpath(path)
        if not os.path.exists(target):
            return InputError(source, "dangling symbolic link")
        if not follow_links and not inside(target):
            return InputError(source, f"symbolic link to {target}, outside the folder "
                                      "(--follow-links reads it)")
    try:
        mode = path.stat().st_mode
    except OSError as e:
        return InputError(source, f"cannot read: {e.strerror or e}")
    return special_file(source, mode)


def special_file(source: str, mode: int) -> InputError | None:
    """A refusal for anything but a regular file (a FIFO would block, /dev/zero never ends)."""
    if stat.S_ISREG(mode):
        return None
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a character device" if stat.S_ISCHR(mode)
            else "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a folder" if stat.S_ISDIR(mode) else "not a regular file")
    return InputError(source, f"is {kind}, not a regular file; give a file, or - with a pipe")


def count_inputs(paths: Iterable[str]) -> int | None:
    """Number of files under paths (for the progress bar), None when unknown (stdin)."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        if path.is_dir():
            total += sum(1 for f in walk(path) if not isinstance(f, InputError))
        else:
            total += 1
    return total


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
        st = path.stat()
        refused = special_file(source, st.st_mode)
        if refused is not None:
            yield refused
            return
        limit = settings.MAX_INPUT_BYTES * (50 if kind == "jsonl" else 1)
        if st.st_size > limit:
            yield InputError(source, f"file is {st.st_size:,} bytes, over the {limit:,}-byte limit "
                                     "(DATELINE_MAX_INPUT_BYTES)")
            return
        with open(path, "rb") as f:
            data = f.read(limit + 1)        # bounded even if the file grows while read
        if len(data) > limit:
            yield InputError(source, f"file grew over the {limit:,}-byte limit while read")
            return
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    except OSError as e:
        yield InputError(source, f"cannot read: {e.strerror or e}")
        return
    yield from _read_bytes(source, data, kind)


def _read_bytes(source: str, data: bytes, kind: str | None,
                cut: InputError | None = None) -> Iterator[RawInput | InputError]:
    """Decode ``data`` into inputs; ``cut`` (a truncation) is reported after the records
    that were whole before it, and a cut text or HTML page is not stored at all."""
    if data[:2] == b"\x1f\x8b":
        try:
            data, gz_cut = gunzip(data, gzip_cap())
        except (OSError, EOFError, ValueError) as e:
            yield InputError(source, f"corrupt gzip data: {e}")
            return
        if gz_cut:
            cut = InputError(source, gz_cut)
    if cut is not None:
        data = data[: data.rfind(b"\n") + 1]          # no half record
    if not data.strip():
        yield cut or InputError(source, "empty input")
        return
    text, encoding, note = decode_noted(data)
    if text is None:
        yield InputError(source, "binary data, not text (no charset decodes it)")
        return
    if kind is None:
        kind = sniff(text)
    if kind == "jsonl":
        yield from _jsonl_records(source, text, encoding, [note] if note else [])
    elif cut is None and len(data) > settings.MAX_INPUT_BYTES:
        yield InputError(source, f"input is {len(data):,} bytes, over the "
                                 f"{settings.MAX_INPUT_BYTES:,}-byte limit")
    elif cut is None:
        yield RawInput(source=source, kind=kind, content=text, encoding=encoding,
                       warnings=[note] if note else [])
    if cut is not None:
        yield cut


def gunzip(data: bytes, cap: int) -> tuple[bytes, str | None]:
    """Decompress gzip ``data`` (all members) up to ``cap`` bytes: (bytes, why it was cut).
    A stream that ends early keeps everything decompressed before the end."""
    import zlib

    out, rest = bytearray(), data
    while rest:
        d = zlib.decompressobj(31)
        chunk = rest
        while chunk and not d.eof:
            out += d.decompress(chunk, cap + 1 - len(out))
            chunk = d.unconsumed_tail
            if len(out) > cap:
                return bytes(out[:cap]), (f"truncated at {cap:,} bytes (decompressed size over the cap, "
                                          "50 x DATELINE_MAX_INPUT_BYTES)")
        if not d.eof:
            out += d.flush()
            return bytes(out[:cap]), (f"truncated at {len(out):,} bytes (the gzip stream ends early; "
                                      "the records before the cut are kept)")
        rest = d.unused_data.lstrip(b"\x00")          # the next member (padding skipped)
    return bytes(out), None


def sniff(text: str) -> str:
    """Guess the kind of a nameless input (stdin, unknown suffix) from its first characters."""
    head = text.lstrip()[:1000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<!doctype html") or head.startswith("<html") or (
            head.startswith("<") and ("<body" in head or "<head" in head or "<p" in head)):
        return "html"
    return "text"


_SURROGATE = re.compile("[\ud800-\udfff]")


def fix_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogates (valid in JSON escapes, not text: they cannot be hashed or written)
    replaced with U+FFFD; returns the text and how many were replaced."""
    return _SURROGATE.subn("\ufffd", text)


def _jsonl_records(source: str, text: str, encoding: str | None,
                   notes: list[str] | None = None) -> Iterator[RawInput | InputError]:
    """One RawInput per JSON line ({"id"?, "url"?, "title"?, "published"?, "text"|"html"})."""
    seen = 0
    # "\n" only: str.splitlines() would also split inside records at U+2028, U+0085...
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        seen += 1
        yield jsonl_record(f"{source}#{n}", n, line, encoding, notes)
    if seen == 0:
        yield InputError(source, "JSONL input has no records")


def jsonl_record(where: str, n: int, line: str, encoding: str | None = None,
                 notes: list[str] | None = None, body_keys=("text", "html")) -> RawInput | InputError:
    """Line ``n`` of a JSONL input as a RawInput named ``where``, or why it is not one.
    (``body_keys``: `extract` also takes "body" for the text.)"""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        return InputError(where, f"line {n} is not valid JSON ({e.msg} at column {e.colno})")
    except RecursionError:
        return InputError(where, f"line {n} is nested too deeply to be an article")
    if not isinstance(rec, dict):
        return InputError(where, f"line {n} is not a JSON object")
    body, kind = None, "text"
    for key in body_keys:
        value = rec.get(key)
        if isinstance(value, str) and value.strip():
            body, kind = value, ("html" if key == "html" else "text")
            break
    if body is None:
        names = " or ".join(f'"{k}"' for k in body_keys)
        return InputError(where, f"line {n} has no non-empty {names} field")
    if len(body.encode("utf-8", "ignore")) > settings.MAX_INPUT_BYTES:
        return InputError(where, f"line {n}: article is over the {settings.MAX_INPUT_BYTES:,}-byte limit")
    fields = {k: rec[k] for k in ("id", "url", "title", "published") if rec.get(k) not in (None, "")}
    for k in ("id", "url", "title", "published"):
        if k in fields and not isinstance(fields[k], str):
            fields[k] = str(fields[k])
    if isinstance(rec.get("language"), str):
        fields["language"] = rec["language"]
    body, fields, fixed = normalise_record(body, fields)
    return RawInput(source=where, kind=kind, content=body, fields=fields, encoding=encoding,
                    warnings=list(notes or []) + fixed)


def normalise_record(body: str, fields: dict[str, str]) -> tuple[str, dict[str, str], list[str]]:
    """A record's text and string fields without lone surrogates, and a warning per field
    that had some (the JSONL reader, POST /api/articles and `extract` share this)."""
    body, n = fix_surrogates(body)
    warnings = [f"text: {n} lone surrogate(s) replaced with U+FFFD"] if n else []
    out = {}
    for k, v in fields.items():
        if isinstance(v, str):
            v, n = fix_surrogates(v)
            if n:
                warnings.append(f"{k}: {n} lone surrogate(s) replaced with U+FFFD")
        out[k] = v
    return body, out, warnings


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
