"""The actor knowledge files: well-formed, consistent codes and dates (data is code here)."""
from __future__ import annotations

import re

import pytest

from dateline.actors.knowledge import DATA_DIR, _rows, knowledge
from dateline.model import NON_STATE_CODES as NON_STATE

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "CVL", "BUS", "MED", "EDU", "REL",
           "LAB", "AGR", "REF", "JRN", "CRM", "SPY", "UAF", "PTY", "NGO", "ELI"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def country_codes():
    return {row[0] for row in _rows("countries.tsv")}


@pytest.mark.parametrize("name", sorted(p.name for p in DATA_DIR.glob("*.tsv")))
def test_every_file_starts_with_a_comment_header_saying_the_format(name):
    first = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ")


def test_country_codes_are_iso_alpha3(country_codes):
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in country_codes)
    assert len(country_codes) >= 195


def test_codes_and_sectors_are_known(country_codes):
    org_names = {row[0] for row in _rows("organisations.tsv")}
    for name, _, code, sector in (r[:4] for r in _rows("organisations.tsv")):
        assert code in country_codes | NON_STATE, name
        assert not sector or sector in SECTORS, name
    for place, code in (r[:2] for r in _rows("places.tsv")):
        assert code in country_codes | {"-"}, place
    for phrase, code, sector, _ in (r[:4] for r in _rows("seats.tsv")):
        assert code in country_codes | NON_STATE and sector in SECTORS, phrase
    for row in _rows("roles.tsv"):
        assert row[1] in SECTORS and row[2] in ("person", "group", "orgword"), row[0]
        assert row[4] in ("yes", "no"), row[0]
    for row in _rows("officeholders.tsv"):
        assert row[2] in country_codes | org_names | NON_STATE, row[0]
        assert row[4] in SECTORS, row[0]


def test_officeholder_dates_are_ordered():
    for row in _rows("officeholders.tsv"):
        name, start, end, gender = row[0], row[5], row[6], row[7]
        assert DATE.match(start), name
        assert not end or (DATE.match(end) and start < end), name
        assert gender in ("m", "f", ""), name


def test_no_two_people_hold_the_same_single_office_at_once():
    """Overlapping terms in one office of one country are a data error (except 'leader',
    which a president and a prime minister can share in the data on purpose, and offices
    several hold at once, such as China's vice premiers)."""
    kb = knowledge()
    for (holder, office), terms in kb.terms_by_office.items():
        if office in ("leader", "spokesperson", "commander", "opposition_leader", "crown_prince", "vice_premier"):
            continue
        terms = sorted(terms, key=lambda t: t.start)
        for a, b in zip(terms, terms[1:]):
            if a.name == b.name:
                continue
            assert a.end and a.end <= b.start, f"{holder} {office}: {a.name} {a.end} / {b.name} {b.start}"
