"""WARC input: one RawInput per HTML response record of a ``.warc`` / ``.warc.gz`` file.

Why it looks like this:

- *FastWARC first, warcio as the fallback.* FastWARC parses a 1 GB Common Crawl News file in
  seconds; warcio is pure Python and installs everywhere. Both go through
  :func:`_records`, which yields the same plain :class:`WarcResponse` tuples, so the rest of
  the code (and the tests) do not care which one read the file.
- *Record numbers are positions in the file.* Record N is the N-th WARC record (1-based,
  every record type counted, warcinfo and request records included), so ``PATH#N`` names
  the same record whichever reader or engine read it, and a resumed run can skip exactly
  the records that already landed.
- *The WARC date is the crawl date, not the publication date.* It goes into
  ``fields["crawled"]`` (and the article's ``metadata["crawled"]``); it becomes the
  publication date only when the page itself shows none, with provenance ``warc:date``
  and a warning, see :func:`apply_record_metadata`. A crawl date is an upper bound: the
  page existed then.
- *A record cut short* (the file ends inside it: an interrupted download) is reported as
  a failure ("truncated record"), never stored half.
- *Non-articles are skipped with a counted reason* (:class:`SkippedRecord`, an
  InputError): non-200 statuses, non-HTML content types, oversized payloads, empty or
  undecodable bodies. Protocol records (warcinfo, request, metadata) are not inputs at all
  and are not reported.
- *Charset*: the HTTP ``Content-Type`` charset, then a ``<meta charset>`` /
  ``http-equiv`` declaration in the first 4 KB, then :func:`raw.decode` (UTF-8, then
  charset-normalizer). A declared charset that does not decode the bytes is ignored.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from dateline import settings
from dateline.errors import InputError
from dateline.ingest.raw import RawInput, SkippedInput, decode

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml+html")
#: Encodings a page declares and what browsers really use (WHATWG encoding standard).
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
                    "gb2312": "gb18030", "gbk": "gb18030", "x-sjis": "shift_jis",
                    "utf8": "utf-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_CONTENT_ENCODINGS = {"gzip", "x-gzip", "deflate", "br"}


class SkippedRecord(SkippedInput):
    """A WARC response that is not an article (redirect, image, oversized...): counted and
    reported with its reason, never analysed."""


@dataclass
class WarcResponse:
    """What dateline needs from one WARC response record, independent of the parser."""

    number: int                   # 1-based position of the record in the file
    target_uri: str | None
    warc_date: str | None         # WARC-Date as written (ISO 8601, UTC)
    record_id: str | None
    status: int | None            # HTTP status code
    content_type: str | None      # HTTP Content-Type (full header value)
    content_encoding: str | None  # HTTP Content-Encoding, if the payload is still encoded
    length: int                   # WARC content length (HTTP headers + payload)
    read: Callable[[], bytes]     # the HTTP payload; call before the next record is read
    complete: Callable[[bytes], bool] = lambda data: True   # False: the stream ended early


def backend() -> str:
    """'fastwarc' when it is installed, else 'warcio' ($DATELINE_WARC_READER overrides)."""
    wanted = settings.current().warc_reader
    if wanted in ("fastwarc", "warcio"):
        return wanted
    try:
        import fastwarc.warc  # noqa: F401
        return "fastwarc"
    except ImportError:
        return "warcio"


def iter_warc(path: Path | str, skip: Callable[[str], bool] | None = None,
              reader: str | None = None) -> Iterator[RawInput | InputError]:
    """Every HTML response of the WARC file at ``path`` as a RawInput ``PATH#N``.

    ``skip(source)`` returning True drops a record before its payload is read (resumed
    runs skip what already landed). Errors are yielded, not raised.
    """
    path = Path(path)
    source = str(path)
    state: dict[str, int] = {"offset": 0, "number": 0}
    try:
        last = None
        for rec in _records(path, reader or backend(), state):
            where = f"{source}#{rec.number}"
            if skip is not None and skip(where):
                continue
            if last is not None:
                yield last
            last = _raw_input(where, rec)
        cut = _gzip_cut(path, state["offset"])
        if cut is not None:
            # the last record is the one the cut went through: report it as cut, not as what
            # its missing bytes made it look like
            if (isinstance(last, SkippedRecord) or (isinstance(last, InputError) and "truncated" in last.reason)) \
                    and last.source.endswith(f"#{state['number']}"):
                last = None
            yield from ([last] if last is not None else [])
            yield InputError(source, f"truncated at {cut:,} bytes: the gzip stream ends inside a "
                                     f"record (after record {state['number']}); the records before it are kept")
        elif last is not None:
            yield last
    except ImportError:
        yield InputError(source, "WARC input needs fastwarc or warcio (pip install fastwarc)")
    except FileNotFoundError:
        yield InputError(source, "no such file or directory")
    except PermissionError:
        yield InputError(source, "permission denied")
    except Exception as e:  # noqa: BLE001 - a corrupt archive stops this file only
        yield InputError(source, f"not a readable WARC file ({type(e).__name__}: {e})")


def _raw_input(where: str, rec: WarcResponse) -> RawInput | InputError:
    if rec.status is None:
        return SkippedRecord(where, "response record without an HTTP response")
    if rec.status != 200:
        return SkippedRecord(where, f"HTTP status {rec.status}")
    mime = (rec.content_type or "").split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return SkippedRecord(where, f"not HTML (content type {mime})")
    if rec.length > settings.MAX_INPUT_BYTES:
        return SkippedRecord(where, f"record is {rec.length:,} bytes, over the "
                                    f"{settings.MAX_INPUT_BYTES:,}-byte limit (DATELINE_MAX_INPUT_BYTES)")
    data = rec.read()
    if not rec.complete(data):
        return InputError(where, f"truncated record: the WARC stream ends after {len(data):,} bytes of "
                                 "its payload (a cut download?); not stored")
    if rec.content_encoding and rec.content_encoding.lower() in _CONTENT_ENCODINGS:
        try:
            data = _decompress(data, rec.content_encoding.lower())
        except Exception:  # noqa: BLE001
            return SkippedRecord(where, f"payload says Content-Encoding {rec.content_encoding} "
                                        "but does not decompress")
    if not data.strip():
        return SkippedRecord(where, "empty HTTP payload")
    text, encoding = decode_html(data, rec.content_type)
    if text is None:
        return SkippedRecord(where, "binary payload, not text (no charset decodes it)")
    if not mime and "<" not in text[:2000]:
        return SkippedRecord(where, "not HTML (no content type, no markup)")
    fields = {"origin": "warc"}
    if rec.target_uri:
        fields["url"] = rec.target_uri
    if rec.warc_date:
        fields["crawled"] = rec.warc_date
    if rec.record_id:
        fields["warc_record_id"] = rec.record_id
    return RawInput(source=where, kind="html", content=text, fields=fields, encoding=encoding)


def decode_html(data: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """Decode an HTML payload: HTTP charset, then <meta> charset, then detection."""
    declared = []
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", content_type, re.I)
        if m:
            declared.append(m.group(1))
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared.append(m.group(1).decode("ascii", "ignore"))
    for name in declared:
        codec = _codec(name)
        if codec is None:
            continue
        try:
            body = data[3:] if codec == "utf-8" and data.startswith(b"\xef\xbb\xbf") else data
            return body.decode(codec), name.lower()
        except UnicodeDecodeError:
            continue
    return decode(data)


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decompress(data: bytes, encoding: str) -> bytes:
    import gzip
    import zlib

    if encoding in ("gzip", "x-gzip"):
        return gzip.decompress(data)
    if encoding == "deflate":
        try:
            return zlib.decompress(data)
        except zlib.error:
            return zlib.decompress(data, -zlib.MAX_WBITS)
    import brotli  # installed with fastwarc

    return brotli.decompress(data)


# --------------------------------------------------------------------------------------
# The two parsers
# --------------------------------------------------------------------------------------
def _gzip_cut(path: Path, offset: int) -> int | None:
    """For a gzip file: None when its gzip members from ``offset`` (the last record's) to the
    end are whole, else how many bytes it has. A cut ``.warc.gz`` otherwise ends quietly."""
    import zlib

    with open(path, "rb") as f:
        if f.read(2) != b"\x1f\x8b":
            return None
        f.seek(offset)
        d, fed = zlib.decompressobj(31), False     # fed: the current member has begun
        while chunk := f.read(1 << 20):
            while chunk:
                fed = True
                d.decompress(chunk, 1 << 20)
                chunk = d.unconsumed_tail
                if d.eof:
                    chunk = d.unused_data + chunk
                    d, fed = zlib.decompressobj(31), False
        return f.tell() if fed else None


def _records(path: Path, reader: str, state: dict[str, int]) -> Iterator[WarcResponse]:
    if not path.exists():
        raise FileNotFoundError(path)
    if reader == "fastwarc":
        yield from _fastwarc_records(path, state)
    else:
        yield from _warcio_records(path, state)


def _fastwarc_records(path: Path, state: dict[str, int]) -> Iterator[WarcResponse]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with open(path, "rb") as stream:
        # parse_http only for responses: request records are counted, not parsed.
        for number, rec in enumerate(ArchiveIterator(stream, parse_http=False, fsspec_args=False), 1):
            state["offset"], state["number"] = rec.stream_pos, number
            if rec.record_type != WarcRecordType.response:
                continue
            headers = rec.headers
            status = ctype = cenc = None
            if _is_http(headers.get("Content-Type")):
                rec.parse_http()
                http = rec.http_headers
                status = http.status_code
                ctype = http.get("Content-Type")
                cenc = http.get("Content-Encoding")
            yield WarcResponse(
                number=number, target_uri=headers.get("WARC-Target-URI"),
                warc_date=headers.get("WARC-Date"), record_id=headers.get("WARC-Record-ID"),
                status=status, content_type=ctype, content_encoding=cenc,
                length=rec.content_length, read=rec.reader.read,
                # after parse_http, content_length is what is left: the payload's length
                complete=lambda data, n=rec.content_length: len(data) >= n)


def _warcio_records(path: Path, state: dict[str, int]) -> Iterator[WarcResponse]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream, no_record_parse=False)
        for number, rec in enumerate(records, 1):
            state["offset"], state["number"] = records.offset, number   # where this record starts
            if rec.rec_type != "response":
                continue
            headers = rec.rec_headers
            http = rec.http_headers
            status = None
            if http is not None:
                try:
                    status = int(http.get_statuscode())
                except (TypeError, ValueError):
                    status = None
            yield WarcResponse(
                number=number, target_uri=headers.get_header("WARC-Target-URI"),
                warc_date=headers.get_header("WARC-Date"),
                record_id=headers.get_header("WARC-Record-ID"),
                status=status,
                content_type=http.get_header("Content-Type") if http is not None else None,
                content_encoding=http.get_header("Content-Encoding") if http is not None else None,
                length=int(headers.get_header("Content-Length") or 0),
                # content_stream() would undo Content-Encoding itself; raw_stream is the
                # payload as stored, like FastWARC's reader, and _decompress handles both.
                read=rec.raw_stream.read,
                # the record's LimitReader counts down what the WARC header promised
                complete=lambda data, s=rec.raw_stream: getattr(s, "limit", 0) <= 0)


def _is_http(warc_content_type: str | None) -> bool:
    return bool(warc_content_type) and "application/http" in warc_content_type.lower()


# --------------------------------------------------------------------------------------
# Article metadata from the record
# --------------------------------------------------------------------------------------
def apply_record_metadata(article, raw: RawInput):
    """Put the WARC record's metadata on an Article built from it (idempotent).

    ``metadata["crawled"]`` and ``metadata["warc_record_id"]`` always; the crawl date
    becomes the publication date only when the page shows none (provenance ``warc:date``,
    day precision, with a warning saying so).
    """
    if raw.fields.get("origin") != "warc":
        return article
    crawled = raw.fields.get("crawled")
    if crawled:
        article.metadata["crawled"] = crawled
    if raw.fields.get("warc_record_id"):
        article.metadata["warc_record_id"] = raw.fields["warc_record_id"]
    if article.published is None and crawled and len(crawled) >= 10:
        article.published = crawled[:10]
        article.published_source = "warc"
        article.published_ambiguous = False
        article.provenance["published"] = "warc:date"
        article.warnings = [w for w in article.warnings if not w.startswith("no publication date")]
        article.warnings.append("publication date is the WARC crawl date (the page shows none)")
    return article


# --------------------------------------------------------------------------------------
# Writing (test fixtures, benchmarks, converting a folder of pages)
# --------------------------------------------------------------------------------------
@dataclass
class Page:
    """One HTTP response to write into a WARC file."""

    url: str
    body: bytes
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    date: str = "2024-03-05T10:00:00Z"          # WARC-Date (the crawl time)
    headers: tuple[tuple[str, str], ...] = ()    # extra HTTP headers


def write_warc(path: Path | str, pages, gzip: bool | None = None) -> Path:
    """Write ``pages`` as a WARC/1.0 file (warcinfo, then a request + response per page).

    Uses warcio's writer; ``.gz`` in the name (or ``gzip=True``) writes per-record gzip
    members, as Common Crawl does.
    """
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = Path(path)
    gz = path.suffix == ".gz" if gzip is None else gzip
    reasons = {200: "OK", 301: "Moved Permanently", 404: "Not Found", 500: "Server Error"}
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "dateline tests"}))
        for page in pages:
            http = [("Content-Length", str(len(page.body)))]
            if page.content_type:
                http.insert(0, ("Content-Type", page.content_type))
            http += list(page.headers)
            status = StatusAndHeaders(f"{page.status} {reasons.get(page.status, 'Status')}", http,
                                      protocol="HTTP/1.1")
            warc_headers = {"WARC-Date": page.date}
            request = writer.create_warc_record(
                page.url, "request", payload=BytesIO(f"GET / HTTP/1.1\r\nHost: x\r\n\r\n".encode()),
                warc_headers_dict=warc_headers)
            response = writer.create_warc_record(page.url, "response", payload=BytesIO(page.body),
                                                 http_headers=status, warc_headers_dict=warc_headers)
            writer.write_request_response_pair(request, response)
    return path


__all__ = ["iter_warc", "write_warc", "Page", "SkippedRecord", "WarcResponse", "decode_html", "apply_record_metadata",
           "backend"]
