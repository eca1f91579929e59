"""The raw input record and byte decoding, shared by the readers and the WARC reader.

Kept apart from :mod:`dateline.ingest.readers` so that :mod:`dateline.ingest.warc` can use
them without importing the readers, which dispatch ``.warc`` files to it (no import cycle).
The readers module re-exports every name here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dateline.errors import InputError


@dataclass
class RawInput:
    """One article-sized input, decoded to text, before cleaning."""

    source: str                    # path, "PATH#N" for record N of a JSONL/WARC input, "-" for stdin
    kind: str                      # text | html | jsonl
    content: str                   # decoded text / HTML / the "text" or "html" field of a record
    fields: dict[str, Any] = field(default_factory=dict)   # JSONL/WARC metadata: id, url, title, published
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)      # what the reader changed or guessed


class SkippedInput(InputError):
    """Not an article by design (a hidden file, a WARC redirect): reported and counted as
    skipped, not as a failure."""


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and charset name, or (None, None) for binary data (see :func:`decode_noted`)."""
    text, encoding, _ = decode_noted(data)
    return text, encoding


#: Western single-byte charsets: preferred when a guess of a Central European or Baltic
#: one decodes the bytes no better (short Latin-1 texts fit cp1250 and cp1257 as well:
#: "naïve" would become "naďve", "São" "Săo").
WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode_noted(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Text, charset name and a note on a guessed charset; (None, None, None) for binary.

    UTF-8 is tried first (most news is UTF-8 and detection on short texts is unreliable);
    otherwise charset-normalizer guesses, and among its equally good guesses a Western
    charset wins. NUL bytes mean binary (or UTF-16 with a BOM).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError:
            return None, None, None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        return None, None, None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        # Mixed encodings (UTF-8 with stray Latin-1 bytes): keep what decodes, mark the rest.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") > max(8, len(text) // 50):
            return None, None, None
        return text, "utf-8 (with replaced bytes)", "not valid UTF-8: undecodable bytes replaced with U+FFFD"
    chosen = best
    if best.encoding not in WESTERN:
        western = [m for m in matches if m.encoding in WESTERN and m.chaos <= best.chaos + 0.05
                   and _plain_western(str(m))]
        if western:
            chosen = western[0]
    text = str(chosen)
    if _control_ratio(text) > 0.05:
        return None, None, None
    others = [m.encoding for m in matches if m.encoding != chosen.encoding][:3]
    note = (f"charset not declared: guessed {chosen.encoding} (confidence {1 - chosen.chaos:.2f}"
            + (f"; detector's first guess {best.encoding}" if chosen is not best else "")
            + (f"; also possible: {', '.join(others)}" if others else "") + ")")
    return text, chosen.encoding, note


#: What the non-ASCII characters of Western text are: letters, and this punctuation. Read
#: as cp1252, Polish "ą" or "ł" become "¹" or "³", Czech "ť" does not decode at all.
_WESTERN_PUNCT = set("\u00a0«»°£€©®§·–—‘’‚“”„…•´¨ªº½¼¾×")


def _plain_western(text: str) -> bool:
    return all(c.isalpha() or c in _WESTERN_PUNCT for c in text if ord(c) > 127)


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    return bad / len(sample)
