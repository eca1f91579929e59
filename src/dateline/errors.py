"""Errors that describe bad user input. The CLI prints them as one line, no traceback."""
from __future__ import annotations

import click


class DatelineError(click.ClickException):
    """A problem with what the user gave us (a path, a date, an option value)."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message


class InputError(DatelineError):
    """One input (file, record, line) cannot be read as an article. Batches skip these."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
