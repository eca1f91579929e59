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
    steps of py3langid.modelio.load_model without the LZMA stream)."""
    import numpy as np
    from py3langid import langid, modelio

    with np.load(path, allow_pickle=False) as data:
        ptc, pc, classes = data["ptc"], data["pc"], data["classes"].tolist()
        nextmove, row = modelio._to_array(data["nextmove"]), modelio._to_array(data["nextmove_row"])
        output = data["out_feat"].tolist()
    return langid.LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output,
                                     norm_probs=True, tk_row=row)
