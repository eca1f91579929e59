"""Shared fixtures: the real spaCy pipeline (loaded once), paths to ../shared data."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("DATELINE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def nlp():
    from dateline import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the checkout; tests that need it skip with a reason when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not found at {SHARED} (set DATELINE_SHARED)")
    return SHARED


@pytest.fixture()
def store_dir(tmp_path) -> Path:
    return tmp_path / "store"


@pytest.fixture()
def configure():
    """Run a test under a Config variant: ``configure(one_sided="all")`` (each call starts from
    the Config the test began with; ``configure()`` restores it). Restored after the test."""
    from dateline import settings

    before = settings.current()
    yield lambda **changes: settings.use(before.replace(**changes))
    settings.use(before)


@pytest.fixture(autouse=True)
def _config_per_test():
    """Each test starts with the Config the session started with: a CLI call inside a test
    makes its flags and DATELINE_* variables the process's Config (settings.use), and that must
    not leak into the next test."""
    from dateline import settings

    before = settings.current()
    yield
    settings.use(before)
