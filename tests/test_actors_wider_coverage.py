"""Wider actor coverage (data only): ministers beyond the foreign ministry, central bank
heads, UN and EU officials, armed groups, agencies, parties, companies and plural role
nouns, resolved by the real actors stage on our own sentences with the real spaCy model."""
from __future__ import annotations

import pytest

from dateline.actors.resolve import resolve_phrase
from helpers import analyse_actors as analyse
from helpers import find_actor as find


def test_defence_minister_by_title_country_and_date(nlp):
    d = analyse(nlp, "The Israeli defence minister toured the northern border on Monday.",
                published="2023-11-06")
    minister = find(d, "Israeli defence minister")
    assert (minister.code, minister.sector, minister.name) == ("ISR", "GOV", "Yoav Gallant")
    # the same title a year later is his successor
    later = resolve_phrase("the Israeli defence minister", "2025-02-01", nlp=nlp)
    assert later.name == "Israel Katz"


@pytest.mark.parametrize("phrase,date,code,name", [
    ("the German interior minister", "2022-05-01", "DEU", "Nancy Faeser"),
    ("the British home secretary", "2021-05-01", "GBR", "Priti Patel"),
    ("the Indian home minister", "2023-01-01", "IND", "Amit Shah"),
    ("the Russian finance minister", "2023-01-01", "RUS", "Anton Siluanov"),
    ("the Turkish defence minister", "2020-01-01", "TUR", "Hulusi Akar"),
    ("the British chancellor", "2023-05-01", "GBR", "Jeremy Hunt"),
    ("the Pakistani army chief", "2023-01-01", "PAK", "Asim Munir"),
])
def test_ministers_beyond_foreign_affairs(nlp, phrase, date, code, name):
    actor = resolve_phrase(phrase, date, nlp=nlp)
    assert (actor.code, actor.name) == (code, name)
    assert actor.sector in ("GOV", "MIL")


def test_central_bank_heads(nlp):
    d = analyse(nlp, "Fed Chair Jerome Powell said rates would stay high, and the ECB president "
                     "agreed.", published="2023-09-20")
    powell = find(d, "Fed Chair Jerome Powell")
    assert (powell.code, powell.sector, powell.name) == ("USA", "GOV", "Jerome Powell")
    ecb = find(d, "ECB president")
    assert (ecb.code, ecb.name) == ("EUR", "Christine Lagarde")
    carney = resolve_phrase("the Bank of England governor", "2016-01-01", nlp=nlp)
    assert (carney.code, carney.sector, carney.name) == ("GBR", "GOV", "Mark Carney")


def test_un_officials(nlp):
    d = analyse(nlp, "The UN human rights chief condemned the executions.", published="2023-03-01")
    chief = find(d, "UN human rights chief")
    assert (chief.code, chief.sector, chief.name) == ("UNO", "GOV", "Volker Türk")
    grandi = resolve_phrase("the UN refugee chief", "2020-03-01", nlp=nlp)
    assert (grandi.code, grandi.sector, grandi.name) == ("UNO", "REF", "Filippo Grandi")


def test_eu_officials(nlp):
    borrell = resolve_phrase("the EU foreign policy chief", "2021-02-01", nlp=nlp)
    assert (borrell.code, borrell.sector, borrell.name) == ("EUR", "GOV", "Josep Borrell")
    d = analyse(nlp, "European Parliament President Roberta Metsola addressed the summit.",
                published="2023-06-29")
    metsola = find(d, "European Parliament President Roberta Metsola")
    assert (metsola.code, metsola.sector, metsola.name) == ("EUR", "LEG", "Roberta Metsola")


@pytest.mark.parametrize("text,code,sector", [
    ("Fighters from Jaish-e-Mohammed attacked the convoy.", "PAK", "REB"),
    ("The Qassam Brigades fired rockets overnight.", "PSE", "REB"),
    ("Islamic State Khorasan Province claimed the bombing.", "AFG", "REB"),
])
def test_armed_groups(nlp, text, code, sector):
    d = analyse(nlp, text)
    assert any((a.code, a.sector) == (code, sector) for a in d.actors), [(a.entity_text, a.code) for a in d.actors]


def test_ministries_and_agencies(nlp):
    d = analyse(nlp, "Customs and Border Protection detained the men, and GCHQ warned of the risk.")
    assert (find(d, "Customs and Border Protection").code, find(d, "Customs and Border Protection").sector) \
        == ("USA", "COP")
    assert (find(d, "GCHQ").code, find(d, "GCHQ").sector) == ("GBR", "SPY")
    cia = resolve_phrase("the CIA director", "2019-01-10", nlp=nlp)
    assert (cia.code, cia.name) == ("USA", "Gina Haspel")


def test_political_parties(nlp):
    d = analyse(nlp, "The Republican People's Party rejected the budget.")
    chp = find(d, "Republican People's Party")
    assert (chp.code, chp.sector) == ("TUR", "PTY")
    assert (resolve_phrase("the Free Democratic Party", "2023-01-01", nlp=nlp).code) == "DEU"


def test_companies_and_exchanges(nlp):
    d = analyse(nlp, "TSMC said it would build a plant, and Lukoil cut its output.")
    assert (find(d, "TSMC").code, find(d, "TSMC").sector) == ("TWN", "BUS")
    assert (find(d, "Lukoil").code, find(d, "Lukoil").sector) == ("RUS", "BUS")
    nyse = resolve_phrase("the New York Stock Exchange", "2024-01-10", nlp=nlp)
    assert (nyse.code, nyse.sector) == ("USA", "BUS")


@pytest.mark.parametrize("text,words,code,sector", [
    ("Indian lawmakers approved the bill.", "Indian lawmakers", "IND", "LEG"),
    ("Nigerian security forces freed the hostages.", "Nigerian security forces", "NGA", "MIL"),
    ("Pakistani militants ambushed a patrol.", "Pakistani militants", "PAK", "REB"),
    ("Kenyan opposition lawmakers walked out.", "Kenyan opposition lawmakers", "KEN", "OPP"),
    ("French police officials met the mayor.", "French police officials", "FRA", "COP"),
])
def test_plural_role_nouns_with_a_demonym(nlp, text, words, code, sector):
    actor = find(analyse(nlp, text), words)
    assert (actor.code, actor.sector) == (code, sector)


def test_the_opposition_in_a_countrys_article(nlp):
    d = analyse(nlp, "NAIROBI - The opposition called for fresh protests on Friday.")
    opposition = find(d, "opposition")
    assert (opposition.code, opposition.sector, opposition.how) == ("KEN", "OPP", "context")


def test_new_ministries_take_the_articles_country(nlp):
    d = analyse(nlp, "ANKARA - The finance ministry announced new taxes on Monday.")
    ministry = find(d, "finance ministry")
    assert (ministry.code, ministry.sector, ministry.how) == ("TUR", "GOV", "context")
