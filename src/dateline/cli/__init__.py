"""The `dateline` command group: a table of contents of the commands.

Each command is a module of this package (``cli/<command>.py``, options they share in
``cli/options.py``) that parses its options, calls plain functions of the package that owns
the work and prints the result. :data:`COMMANDS` lists them; a command's module is imported
only when that command runs or ``--help`` lists it, so ``dateline extract`` does not import
the server and ``dateline stats`` does not import spaCy.
"""
from __future__ import annotations

import importlib
import sys

import click

from dateline import __version__

#: command name -> "module:attribute" of its click.Command (one module per command)
COMMANDS = {name: f"dateline.cli.{name}:{name}" for name in (
    "ingest", "run", "extract", "articles", "show", "stats", "events", "explain", "export",
    "timex", "timeline", "dyad", "stories", "cluster", "serve")}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (fast `--help`, no spaCy
    import for `dateline stats`).

    A command whose module fails to import is a bug, not a missing feature: it raises
    :class:`CommandLoadError` (naming the command and the module) instead of vanishing
    from ``--help``."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        return self._load(name)

    @staticmethod
    def _load(name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as e:
            raise CommandLoadError(f"command {name!r} cannot be loaded from {target}: {e}") from e


class CommandLoadError(RuntimeError):
    """A registered command's module does not import (a broken install or a bug)."""


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
@click.option("--model", metavar="NAME", default=None,
              help="spaCy pipeline [$DATELINE_SPACY_MODEL; default en_core_web_sm].")
@click.option("--stages", metavar="A,B", default=None,
              help="Stages to run, in order [$DATELINE_STAGES; default timex,actors,events,merge].")
@click.option("--one-sided", metavar="POLICY", default=None,
              help="One-party events: lead, all or off [$DATELINE_ONE_SIDED; default lead].")
def cli(model, stages, one_sided):
    """dateline: who did what to whom, when and where, from raw news.

    \b
    Typical session:
      dateline ingest articles/ --store data     # read, clean, analyse, store
      dateline stats --store data                # what is in the store
      dateline events --actor USA --store data   # query events
      dateline export events --format jsonl --store data > events.jsonl

    The store defaults to $DATELINE_STORE or ./dateline-data. Every command has --help.
    Settings come from DATELINE_* variables and the options above (which win); every
    batch records them in the store (`dateline stats`).
    """
    from dateline import settings

    settings.use(settings.Config.from_env(names={"spacy_model": "--model"}, spacy_model=model,
                                          stages=stages, one_sided=one_sided))


#: the cyclic garbage collector's thresholds for a `dateline` process (Python's: 700, 10, 10)
GC_THRESHOLDS = (50_000, 20, 10)


def batch_gc() -> None:
    """Run the cyclic garbage collector less often in this process.

    Why: loading the model, the gazetteer and the actor data makes several hundred thousand
    objects that live for the whole run, and at Python's default (a collection every 700
    new objects) the collector walks them again and again: measured 0.77 s of 30.6 CPU-s
    for `dateline extract` of 181 articles, 0.10 s with these thresholds, the same output.
    Memory stays flat (nearly all garbage is freed by reference counting; the collector
    still runs, every 50,000 new objects)."""
    import gc

    gc.set_threshold(*GC_THRESHOLDS)


def main(argv=None):
    """Entry point: user errors exit non-zero with one line, never a traceback."""
    from dateline.errors import DatelineError
    from dateline.terminal import guard_terminal

    batch_gc()
    guard_terminal()   # article text never reaches a terminal with its escape sequences
    try:
        cli.main(args=argv, prog_name="dateline", standalone_mode=True)
    except DatelineError as e:  # raised outside click's own handling
        click.echo(f"dateline: error: {e}", err=True)
        sys.exit(2)
    except CommandLoadError as e:  # a bug or a broken install: said, never a missing command
        click.echo(f"dateline: error: {e} (a broken install or a bug in dateline)", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("dateline: interrupted", err=True)
        sys.exit(130)

