"""The command group: every registered command loads, and one that cannot load fails loudly
instead of vanishing from `dateline --help`."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from dateline import cli


def test_every_registered_command_loads_and_is_listed():
    result = CliRunner().invoke(cli.cli, ["--help"])
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == set(cli.COMMANDS)


@pytest.mark.parametrize("target", ["dateline.no_such_module:cmd", "dateline.cli:no_such_command"])
def test_a_command_that_cannot_import_fails_loudly(monkeypatch, target):
    monkeypatch.setitem(cli.COMMANDS, "broken", target)
    for args in (["--help"], ["broken", "--help"]):
        result = CliRunner().invoke(cli.cli, args)
        assert result.exit_code != 0
        assert isinstance(result.exception, cli.CommandLoadError), result.output
        assert "'broken'" in str(result.exception) and target in str(result.exception)


def test_a_broken_command_stops_the_cli_with_one_clear_line():
    """Through the real entry point: non-zero exit, the command and the missing module named
    on stderr, and `--help` fails too rather than listing the other commands without it."""
    import subprocess
    import sys

    probe = ("import sys; from dateline import cli; "
             "cli.COMMANDS['broken'] = 'dateline.cli.no_such_module:broken'; cli.main(sys.argv[1:])")
    for args in (["--help"], ["broken"], ["stats", "--help"]):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60)
        if args == ["stats", "--help"]:      # the other commands still work
            assert done.returncode == 0 and "Usage: dateline stats" in done.stdout, done.stderr
            continue
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert done.stderr.startswith("dateline: error: command 'broken' cannot be loaded from "
                                      "dateline.cli.no_such_module:broken: No module named"), done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
        assert "Commands:" not in done.stdout


def test_every_command_is_a_module_of_the_cli_package():
    """One module per command under dateline/cli/; no command module is left in a domain package."""
    from pathlib import Path

    for name, target in cli.COMMANDS.items():
        assert target == f"dateline.cli.{name}:{name}"
    src = Path(cli.__file__).resolve().parents[1]
    assert not sorted(p.relative_to(src) for p in src.rglob("*commands*.py")), "command modules outside cli/"
