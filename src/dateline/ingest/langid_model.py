"""py3langid's language model, loaded once per process, from a decompressed copy when one
is kept (:mod:`dateline.usercache`).

Why: the package ships its model LZMA-compressed, and decompressing it is most of the
half second the model takes to load, in every process that reads an article. The copy is
the package's own npz, decompressed, read with the package's own array conversion (the
same arrays; a test compares the two identifiers), and keyed by the py3langid version, the
model file and this module.
"""
from __future__ import annotations

import lzma
from pathlib import Path

_IDENTIFIER = None


def identifier():
    """py3langid's LanguageIdentifier with normalised probabilities (once per process)."""
    global _IDENTIFIER
    if _IDENTIFIER is None:
        _IDENTIFIER = load(cache_file())
    return _IDENTIFIER


def load(cache: Path | None):
    """The identifier from ``cache`` (written first when missing), else from the package."""
    from py3langid import langid

    if cache is not None and (cache.is_file() or _write(cache)):
        try:
            return _from_npz(cache)
        except Exception:  # noqa: BLE001 - a broken copy: the package's own loader below
            cache.unlink(missing_ok=True)
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def model_path() -> Path:
    from py3langid import langid

    return langid.MODEL_DIR / langid.MODEL_FILE


def cache_file() -> Path | None:
    from importlib.metadata import version

    from dateline import usercache

    base = usercache.folder()
    if base is None:
        return None
    try:
        key = usercache.key(Path(__file__).read_bytes(), files=[model_path()])
        return base / f"langid-py3langid-{version('py3langid')}-{key}.npz"
    except Exception:  # noqa: BLE001 - no cache rather than no language detection
        return None


def _write(cache: Path) -> bool:
    from dateline import usercache

    try:
        with lzma.open(model_path()) as f:
            data = f.read()
    except (OSError, lzma.LZMAError):
        return False
    return usercache.write(cache, data, stale="langid-*.npz")


def _from_npz(path: Path):
    """What ``LanguageIdentifier.from_model_file`` builds, from the decompressed npz (the
    steps of py3langid.modelio.load_model without the LZMA stream).

    The two big arrays (the DFA's transitions, 39 MB, and the feature weights, 28 MB) are
    mapped from the file, not read: a process keeps in memory only the pages its texts
    reach, and starts sooner. The values, and so the rankings, are the file's."""
    import numpy as np
    from py3langid import langid, modelio

    with np.load(path, allow_pickle=False) as data:
        pc, classes = data["pc"], data["classes"].tolist()
        row = modelio._to_array(data["nextmove_row"])
        output = data["out_feat"].tolist()
    ptc = _mapped(path, "ptc")
    nextmove = _mapped(path, "nextmove")
    if nextmove.dtype != np.uint32 or nextmove.ndim != 1:
        raise ValueError(f"{path}: unexpected DFA table {nextmove.dtype} {nextmove.shape}")
    # read one transition at a time by py3langid's DFA walk: a memoryview gives Python ints
    # as fast as the package's own array('I')
    return langid.LanguageIdentifier(ptc, np.asarray(pc), classes, memoryview(nextmove), output,
                                     norm_probs=True, tk_row=row)


def _mapped(path: Path, name: str):
    """The array ``name`` of the uncompressed npz at ``path``, mapped read-only from the file
    (an npz member is a .npy file stored as it is, so its data sit at a fixed offset)."""
    import zipfile

    import numpy as np
    from numpy.lib import format as npy

    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(f"{name}.npy")
    if info.compress_type != zipfile.ZIP_STORED:
        raise ValueError(f"{path}: {name} is compressed")
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        local = f.read(30)                  # the member's local header: name and extra lengths
        if local[:4] != b"PK\x03\x04":
            raise ValueError(f"{path}: no zip member at {info.header_offset}")
        f.seek(info.header_offset + 30 + int.from_bytes(local[26:28], "little")
               + int.from_bytes(local[28:30], "little"))
        version = npy.read_magic(f)
        read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
        shape, fortran, dtype = read_header(f)
        offset = f.tell()
    if dtype.hasobject:
        raise ValueError(f"{path}: {name} holds objects")
    return np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape,
                     order="F" if fortran else "C")
