"""Files derived from packaged data, kept between runs under the user's cache folder.

Why: a `dateline` process starts by building the same lookup tables from the same package
data every time (the gazetteer's name indexes, the language identifier's decompressed
model); keeping the result in a file makes the next start cheaper. A cache file is only
ever a copy of what the code would build: its name carries a key of everything it is built
from (package versions, the building code, the data files' sizes and times), a file that
cannot be read or written only means building again, and nothing here is needed offline
that the packages do not ship.

The folder is ``$XDG_CACHE_HOME/dateline`` (default ``~/.cache/dateline``); delete it at any
time.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Iterable


def folder() -> Path | None:
    """The cache folder (not created here); None when there is no home folder to hold it."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:      # no home folder to be found
        return None
    return Path(base) / "dateline"


def key(*parts: str | bytes, files: Iterable[Path] = ()) -> str:
    """A short hash of ``parts`` and of each file's name, size and modification time."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    for path in files:
        st = Path(path).stat()
        digest.update(f"{Path(path).name} {st.st_size} {st.st_mtime_ns}\0".encode("utf-8"))
    return digest.hexdigest()[:16]


def write(path: Path, data: bytes, stale: str | None = None) -> bool:
    """Write ``data`` to ``path`` atomically (a rename, so a reader never sees half a file);
    with ``stale`` (a glob) remove the other files of the folder it matches (the copies of
    older versions). False, and nothing left behind, when the folder is not writable."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
        for old in path.parent.glob(stale) if stale else ():
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False
    return True
