"""The Ray engine: the same stages as a Ray Data job, on one machine or a cluster.

    units (files) --flat_map--> records --map_batches(actor pool)--> result rows --> driver

- ``flat_map(read_records)`` runs where the file is (shared or object storage): it reads a
  WARC/JSONL/HTML file with the same readers as `dateline ingest` and emits one row per
  record as plain columns (source, kind, content, fields as JSON...). Records that an
  interrupted run already stored are skipped before their payload is read.
- ``map_batches(Analyser)`` runs on a fixed pool of actors; each actor loads the spaCy model
  once, and turns a batch of records into store rows with :func:`work.process` (the same
  function the local engine runs). Rows travel as JSON strings: no spaCy object, no Python
  object is pickled between stages.
- The driver iterates the results in input order (``preserve_order``) and commits them with
  the :class:`work.Committer` the local engine uses: same dedup, same batches (articles
  part last), same done markers, hence the same store.
"""
from __future__ import annotations

import json
import logging
import os
import warnings
from pathlib import Path
from typing import Any, Callable, Iterator

from dateline.runners.work import (Committer, RunSummary, UnitCounts, check_stages, error_result, process,
                                   read_unit)

#: The reader's warnings (charset guess, replaced surrogates) travel inside the fields JSON.
WARNINGS = "__reader_warnings"


def read_records(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One unit -> one row per record, then an end-of-unit row (Ray Data flat_map)."""
    from dateline.errors import InputError

    unit = row["unit"]
    done = set(json.loads(row["skip"])) if row["skip"] else set()
    for item in read_unit(unit, done):
        if isinstance(item, InputError):
            yield _row(unit, item.source, result=json.dumps(error_result(item)))
        else:
            yield _row(unit, item.source, kind=item.kind, content=item.content,
                       fields=json.dumps({**item.fields, WARNINGS: item.warnings}),
                       encoding=item.encoding or "")
    yield _row(unit, unit, end=True)


def _row(unit: str, source: str, *, kind: str = "", content: str = "", fields: str = "",
         encoding: str = "", result: str = "", end: bool = False) -> dict[str, Any]:
    return {"unit": unit, "source": source, "kind": kind, "content": content, "fields": fields,
            "encoding": encoding, "result": result, "end": end}


class Analyser:
    """A Ray Data actor: loads the model once, analyses batches of record rows.

    The stage list and the driver's Config (as a plain dict) are class attributes of a
    subclass made by :func:`_analyser_for` (no constructor arguments to keep in the object store).
    """

    STAGES: list[str] = []
    CONFIG: dict[str, Any] = {}

    def __init__(self):
        from dateline import settings
        from dateline.runners.work import warm_up

        settings.use(settings.Config.from_dict(self.CONFIG))
        self.stages = list(self.STAGES)
        warm_up(self.stages)

    def __call__(self, batch):
        import pyarrow as pa

        from dateline.ingest.readers import RawInput

        rows = batch.to_pylist()
        todo = [r for r in rows if not r["end"] and not r["result"]]
        raws = []
        for r in todo:
            fields = json.loads(r["fields"]) if r["fields"] else {}
            raws.append(RawInput(source=r["source"], kind=r["kind"], content=r["content"],
                                 warnings=fields.pop(WARNINGS, []), fields=fields,
                                 encoding=r["encoding"] or None))
        for r, result in zip(todo, process(raws, self.stages)):
            r["result"] = json.dumps(result, ensure_ascii=False)
        out = [{"unit": r["unit"], "source": r["source"], "end": r["end"], "result": r["result"]}
               for r in rows]
        return pa.Table.from_pylist(out, schema=RESULT_SCHEMA())


def _analyser_for(stages: list[str]) -> type:
    from dateline import settings

    return type("Analyser", (Analyser,), {"STAGES": list(stages), "CONFIG": settings.current().to_dict()})


def RESULT_SCHEMA():
    import pyarrow as pa

    return pa.schema([("unit", pa.string()), ("source", pa.string()), ("end", pa.bool_()),
                      ("result", pa.string())])


def run_ray(units: list[str], store: Path, *, workers: int | None = None, address: str | None = None,
            stages: list[str] | None = None, batch_size: int = 256, chunk_size: int = 32,
            num_cpus: int | None = None, object_store_memory: int | None = None,
            on_progress: Callable[[int], None] | None = None,
            on_unit_done: Callable[[str, UnitCounts], None] | None = None) -> RunSummary:
    """Run the pipeline over ``units`` as a Ray Data job; commit into ``store`` from here.

    Without ``address`` Ray starts on this machine (``num_cpus``, $DATELINE_RAY_NUM_CPUS, or
    all cores) and is shut
    down at the end; with it, the job joins that cluster. ``workers`` model actors
    (default: one per CPU of the cluster).
    """
    import ray
    from ray.data import ActorPoolStrategy, DataContext

    from dateline import settings
    from dateline.runners.local import default_workers

    stages = check_stages(stages)
    progress = on_progress or (lambda n: None)
    started_here = False
    if not ray.is_initialized():
        init: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                "logging_level": logging.ERROR}
        if address:
            init["address"] = address
        else:
            init["num_cpus"] = (num_cpus or settings.current().ray_num_cpus
                                or max(default_workers(), workers or 0))
            if object_store_memory:
                init["object_store_memory"] = object_store_memory
        # Ray's C++ core logs an error-level notice for every Ray Data actor (its own
        # constructor arguments, ray#53727); keep the terminal for dateline's report.
        os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
        ray.init(**init)
        started_here = True
    try:
        if workers is None:      # readers take no CPU slot and the driver little: one actor per CPU
            workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        with Committer(store, batch_size=batch_size, on_unit_done=on_unit_done) as committer:
            todo, resume = committer.pending_units(units)
            if not todo:
                return committer.summary
            for unit in todo:
                committer.counts(unit).resumed_past = len(resume.get(unit, ()))
            logging.getLogger("ray.data").setLevel(logging.ERROR)
            ctx = DataContext.get_current()
            ctx.execution_options.preserve_order = True
            # rows per reader block: small blocks spread one big WARC over all actors
            ctx.target_max_block_size = settings.current().ray_block_bytes
            ctx.enable_progress_bars = False
            ctx.print_on_execution_start = False
            items = [{"unit": u, "skip": json.dumps(sorted(resume.get(u, ())))} for u in todo]
            ds = ray.data.from_items(items, override_num_blocks=len(items))
            # Readers take no CPU slot: with every CPU held by a model actor a reader that
            # waited for one would never run (a deadlock); reading is a small share of the work.
            ds = ds.flat_map(read_records, num_cpus=0, concurrency=max(1, min(len(todo), workers // 4 or 1)))
            ds = ds.map_batches(_analyser_for(stages), batch_size=chunk_size, batch_format="pyarrow",
                                compute=ActorPoolStrategy(size=workers), num_cpus=1)
            with warnings.catch_warnings():
                # "operator only received 1 input": a small file fits in one block.
                warnings.filterwarnings("ignore", message=".*won't fully utilize.*")
                for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
                    n = 0
                    for row in batch.to_pylist():
                        if row["end"]:
                            committer.unit_finished(row["unit"])
                        else:
                            committer.add(row["unit"], json.loads(row["result"]))
                            n += 1
                    progress(n)
            return committer.summary
    finally:
        if started_here:
            ray.shutdown()
