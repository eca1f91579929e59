"""One happening told by several outlets ends in one event cluster; different happenings of
the same parties stay apart. Real ingest job (spaCy, event coder, the clustering hook) on
articles written for this test, into a real store read through DuckDB."""
from __future__ import annotations

from dateline.store.read import Store

ARTICLES = {
    # one meeting: a day and the name in one, "earlier this month" and "the Kenyan
    # president" in the other; "met" and "held talks" (two verbs of CONSULT)
    "a.txt": "Kenya's Ruto meets Tanzania's Hassan in Arusha\n\nPublished 10 March 2023\n\n"
             "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on "
             "March 8, 2023, to discuss cross-border trade and fishing rights on Lake Victoria.\n",
    "b.txt": "East African leaders talk trade\n\nPublished 13 March 2023\n\n"
             "Earlier this month, the Kenyan president held talks with Tanzania's leader in Arusha "
             "about cross-border trade and fishing rights on Lake Victoria.\n",
    # the same two parties meet again, another day: another happening
    "f.txt": "Ruto and Hassan meet again\n\nPublished 21 April 2023\n\n"
             "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Dodoma on "
             "April 20, 2023, to discuss a customs protocol.\n",
    # one arrest told by two outlets (other verbs, a weekday for a date) ...
    "c.txt": "Brazilian police arrest opposition leader\n\nPublished 15 March 2023\n\n"
             "Brazilian police arrested opposition leader Carlos Mendes at his home in Recife on "
             "March 14, 2023, his lawyers said.\n",
    "e.txt": "Opposition figure detained in Recife\n\nPublished 16 March 2023\n\n"
             "Police in Brazil detained opposition figure Carlos Mendes at his home in Recife on "
             "Tuesday, according to his lawyers.\n",
    # ... and another arrest in the same country on the same day: same codes (BRA -> BRA),
    # same type and day, but nothing else in common
    "d.txt": "Students held after protest\n\nPublished 15 March 2023\n\n"
             "Police in Brazil detained three Brazilian students after a protest over bus fares on "
             "March 14, 2023, a student union said.\n",
}


def _clusters_by_file(store) -> dict[str, list[tuple[str, str, str]]]:
    rows = Store.open(store).sql(
        "SELECT e.event, e.date, e.cluster_id, a.source FROM events e "
        "JOIN articles a ON a.id = e.article_id").to_pylist()
    out: dict[str, list[tuple[str, str, str]]] = {}
    for r in rows:
        out.setdefault(r["source"].rsplit("/", 1)[-1], []).append((r["event"], r["date"], r["cluster_id"]))
    return out


def test_one_happening_from_two_outlets_is_one_cluster_and_others_stay_apart(tmp_path, nlp):
    from dateline.job import ingest

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    ingest([str(tmp_path / n) for n in sorted(ARTICLES)], store)
    got = _clusters_by_file(store)

    def one(name, etype):
        found = [c for t, _, c in got.get(name, []) if t == etype]
        assert len(found) == 1, (name, got.get(name))
        return found[0]

    meeting_a, meeting_b, meeting_f = one("a.txt", "CONSULT"), one("b.txt", "CONSULT"), one("f.txt", "CONSULT")
    assert meeting_a == meeting_b                     # a day inside the month the other gives
    assert meeting_f != meeting_a                     # same parties, another day
    arrest_c, arrest_e, students = one("c.txt", "COERCE"), one("e.txt", "COERCE"), one("d.txt", "COERCE")
    assert arrest_c == arrest_e                       # domestic, but the sentences agree
    assert students not in (arrest_c, arrest_e)       # domestic, same day, nothing shared


def test_a_headline_coded_apart_is_joined_to_the_lead_event_it_restates(tmp_path, nlp):
    """"X threatens Y" over "X accused Y ...": one verbal conflict of one dyad, two types;
    the headline becomes a mention of the lead's event (its words count when outlets are
    compared). A headline about other parties joins nothing."""
    from dateline.job import ingest

    (tmp_path / "g.txt").write_text(
        "Russia threatens Ukraine over grain corridor\n\nPublished 21 November 2022\n\n"
        "Moscow accused Kyiv on Monday of using the Black Sea grain corridor for attacks on its fleet.\n",
        encoding="utf-8")
    (tmp_path / "h.txt").write_text(
        "Japan warns North Korea over missile tests\n\nPublished 22 November 2022\n\n"
        "Moscow accused Kyiv on Tuesday of using the grain corridor for drone attacks on its navy.\n",
        encoding="utf-8")
    store = tmp_path / "store"
    ingest([str(tmp_path / "g.txt"), str(tmp_path / "h.txt")], store)
    rows = Store.open(store).sql(
        "SELECT e.event, e.mentions, a.source FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.event = 'ACCUSE'").to_pylist()
    titles = {r["source"].rsplit("/", 1)[-1]: [m for m in _mentions(r["mentions"]) if m["where"] == "title"]
              for r in rows}
    assert [m["trigger"] for m in titles["g.txt"]] == ["threatens"]
    assert titles["h.txt"] == []


def _mentions(value):
    import json

    return json.loads(value) if isinstance(value, str) else list(value or [])
