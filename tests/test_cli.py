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
    assert listed == set(cli._COMMANDS)


@pytest.mark.parametrize("target", ["dateline.no_such_module:cmd", "dateline.cli:no_such_command"])
def test_a_command_that_cannot_import_fails_loudly(monkeypatch, target):
    monkeypatch.setitem(cli._COMMANDS, "broken", target)
    for args in (["--help"], ["broken", "--help"]):
        result = CliRunner().invoke(cli.cli, args)
        assert result.exit_code != 0
        assert isinstance(result.exception, cli.CommandLoadError), result.output
        assert "'broken'" in str(result.exception) and target in str(result.exception)
