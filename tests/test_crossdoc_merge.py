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
