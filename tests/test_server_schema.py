"""Schema-driven: schemathesis generates requests from the app's OpenAPI; none may get a 5xx.

Bounded (a few dozen examples per operation, no deadline) so the suite stays quick. POST
/api/articles is fuzzed against a read-only app (every body must still get a 4xx, never a
5xx) and, with few examples, against a writable one that runs the real ingest job.
"""
from __future__ import annotations

import warnings

import pytest

import schemathesis  # a test dependency (pyproject [test]): missing is an install error, not a skip
from hypothesis import HealthCheck, given, settings

from dateline.server.api import create_app
from dateline.server.synthetic import write_synthetic_store

warnings.filterwarnings("ignore", category=DeprecationWarning)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "store"
    write_synthetic_store(path, 500)
    return path


def operations(app, method: str | None = None):
    """(label, operation) for every operation of the app's OpenAPI (optionally one method)."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    out = []
    for result in schema.get_all_operations():
        op = result.ok()
        if method is None or op.method.upper() == method:
            out.append((f"{op.method.upper()} {op.path}", op))
    return out


SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


def _fuzz(op, examples: int, allowed=lambda status: status < 500):
    """Valid and invalid requests (schemathesis' positive and negative modes) for one operation."""
    failures = []

    @given(op.as_strategy(schemathesis.GenerationMode.POSITIVE)
           | op.as_strategy(schemathesis.GenerationMode.NEGATIVE))
    @settings(max_examples=examples, **SETTINGS)
    def run(case):
        response = case.call()
        if not allowed(response.status_code):
            failures.append(f"{case.method} {case.formatted_path} query={case.query} body={str(case.body)[:100]}"
                            f" -> {response.status_code} {response.text[:200]}")
        elif response.status_code >= 400:
            assert response.json().get("error"), f"a 4xx says why: {response.text[:200]}"

    run()
    return failures


def test_no_request_gets_a_server_error(store_path):
    """Every operation of the read-only app (POST included: it must answer 403 or 4xx)."""
    failures = []
    for label, op in operations(create_app(store_path, read_only=True)):
        failures += _fuzz(op, 40)
    assert not failures, "\n".join(failures[:10])


def test_ingest_never_gets_a_server_error(store_path):
    """A few generated bodies through the real ingest job."""
    failures = []
    for label, op in operations(create_app(store_path), method="POST"):
        failures += _fuzz(op, 8)
    assert not failures, "\n".join(failures[:10])
