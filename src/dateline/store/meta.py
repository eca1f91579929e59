"""How a store was made: the settings, the spaCy pipeline and the stage contracts of its batches.

Why: figures computed from a store mean little without knowing which model, stages and
policies produced its events. Every batch is committed under a :class:`~dateline.settings.Config`;
when that Config (or the model version or dateline's version) differs from the last one
recorded, :func:`record_batch` writes a small JSON part ``config/part-<batch>.json`` before
the batch's commit record. A part counts only when its batch committed (like every table),
so `dateline stats` lists the recorded settings in batch order.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
from pathlib import Path
from typing import Any

FOLDER = "config"


def model_info(name: str) -> dict[str, str | None]:
    """The spaCy pipeline's package and version, from the installed distributions (no spaCy
    import): the official name first, then the republished package the loader falls back to."""
    from dateline.nlp import _ALIASES

    for package in [name, *_ALIASES.get(name, [])]:
        try:
            return {"name": name, "package": package, "version": importlib.metadata.version(package)}
        except importlib.metadata.PackageNotFoundError:
            continue
    return {"name": name, "package": None, "version": None}


def _dateline_version() -> str | None:
    """The installed dateline's version (read from its metadata: importing the package here
    would make the store depend on everything the package imports)."""
    try:
        return importlib.metadata.version("dateline")
    except importlib.metadata.PackageNotFoundError:
        return None


def describe(config) -> dict[str, Any]:
    """What a batch was made with: dateline's version, the model, the stages' contracts, the Config."""
    from dateline import pipeline

    stages = []
    for name in config.stages:
        spec = pipeline._REGISTRY.get(name)
        stages.append({"stage": name, "requires": list(spec.requires) if spec else None,
                       "assigns": list(spec.assigns) if spec else None})
    settings = {k: v for k, v in config.to_dict().items() if k != "store"}   # where, not how
    return {"dateline": _dateline_version(), "model": model_info(config.spacy_model), "stages": stages,
            "config": settings}


def _committed(store: Path, batch: str) -> bool:
    return (store / "articles" / f"part-{batch}.parquet").exists()


def made_with(store: Path | str) -> list[dict[str, Any]]:
    """The recorded settings of committed batches, oldest first; each with ``since_batch``."""
    folder = Path(store) / FOLDER
    out = []
    for part in sorted(folder.glob("part-*.json")) if folder.is_dir() else []:
        batch = part.name[len("part-"):-len(".json")]
        if _committed(Path(store), batch):
            out.append({"since_batch": batch, **json.loads(part.read_text(encoding="utf-8"))})
    return out


def record_batch(store: Path | str, batch: str, config=None) -> Path | None:
    """Write ``config/part-<batch>.json`` when this batch's settings differ from the last
    recorded ones (call before the batch's articles part lands). None when nothing changed."""
    from dateline import settings

    store = Path(store)
    record = describe(config or settings.current())
    previous = made_with(store)
    if previous and {k: v for k, v in previous[-1].items() if k != "since_batch"} == record:
        return None
    folder = store / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    final, tmp = folder / f"part-{batch}.json", folder / f".tmp-{batch}.json"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, final)
    return final


def summary_lines(records: list[dict[str, Any]]) -> list[str]:
    """`dateline stats` lines: the latest settings, and how many changes came before them."""
    if not records:
        return ["made with:         (not recorded: a store written before dateline recorded its settings)"]
    last = records[-1]
    model, config = last["model"], last["config"]
    lines = [f"made with:         dateline {last['dateline']}, spaCy {model['package'] or model['name']} "
             f"{model['version'] or '(version unknown)'}",
             f"  stages:          {', '.join(s['stage'] for s in last['stages']) or '(none)'}",
             "  settings:        " + ", ".join(f"{k}={v}" for k, v in sorted(config.items())
                                                 if k not in ("stages", "spacy_model"))]
    if len(records) > 1:
        lines.append(f"  earlier:         {len(records) - 1} other setting(s) since batch "
                     f"{records[0]['since_batch']} (`dateline stats --json` lists them)")
    return lines
