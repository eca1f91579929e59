"""Runners: the ingest job at scale (`dateline run`).

``local`` (worker processes on this machine) and ``ray`` (a Ray Data job) run the same
worker function and the same committer (``work``), so they write the same store; see
docs/scaling.md.
"""
