"""Cross-outlet merging measured alone: the gold events of the real-news dev pages clustered
as if the event coder had found every one of them.

``crossdoc.py`` on the ingested store measures event finding and merging together: a linked
happening counts only when both pages have a matching event, and a matching event coded from
the wrong sentence may be merged or not by luck. Here each gold event becomes a mention
(:class:`dateline.stories.dedup.Mention`) with its gold type (the first listed), status,
parties (every code the gold accepts; ``---`` dropped) and date (an undated gold event takes
the publication-day fallback, as the coder would give it), and the words of the sentence its
evidence comes from (found in the body the ingest job extracted; those it writes only as
names marked, as :func:`dateline.stories.evidence.event_words` does). No trigger is known, so
types of one quad class never link here. The mentions go through
:func:`dateline.stories.dedup.cluster_all` and the result through ``crossdoc.py`` itself (a
subprocess, so the rules are its own). Gold parties list every defensible code, so sides
overlap more easily than a coder's would: false merges here are an upper bound.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from dateline.model import UNRESOLVED
from dateline.stories.dedup import Mention, cluster_all
from dateline.stories.evidence import NAME, name_words, sentence_words


def _norm(text: str) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text)


def evidence_sentence(body: str, evidence: str) -> str:
    """The sentence of ``body`` holding the gold evidence fragment (the fragment itself when
    it cannot be found)."""
    body, evidence = _norm(body), _norm(evidence).strip()
    head = evidence[:40]
    at = body.find(head) if head else -1
    if at < 0:
        return evidence
    start = max(body.rfind(". ", 0, at), body.rfind("\n", 0, at)) + 1
    end = body.find(". ", at + len(head))
    return body[start:end if end > 0 else len(body)]


def _precision(value: str) -> str:
    return ("day" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else "week" if "W" in value
            else "month" if re.fullmatch(r"\d{4}-\d{2}", value) else "year")


def gold_mentions(gold: dict, articles: list[dict]) -> list[tuple[str, dict, Mention]]:
    """(file, gold event, mention) for every gold event of every page."""
    by_file = {Path(a.get("source") or "").name: a for a in articles}
    out = []
    for doc in gold["documents"]:
        article = by_file.get(doc["file"], {})
        published = (doc.get("expect") or {}).get("published") or (article.get("published") or "")[:10] or None
        for e in doc["events"]:
            date, precision = e.get("date"), None
            if date:
                precision = _precision(date)
            elif published:
                date, precision = published[:7], "publication"
            actors = tuple(sorted({c for c in e["actor"] if c != UNRESOLVED})) or (UNRESOLVED,)
            recipients = tuple(sorted({c for c in e["recipient"] if c != UNRESOLVED}))
            sentence = evidence_sentence(article.get("body") or "", e.get("evidence") or "")
            out.append((doc["file"], e, Mention(
                event_id=f"{doc['file'][:12]}-{e['id']}", article_id=doc["file"], event=e["event"][0],
                status=e["status"][0], actor_codes=actors, recipient_codes=recipients, date=date,
                date_precision=precision, published=published, outlet=doc["file"][:12],
                words=frozenset(sentence_words(sentence) | {NAME + w for w in name_words([sentence])}))))
    return out


def evaluate(crossdoc_py: Path, links: Path, gold_path: Path, articles_path: Path, tmp: Path) -> str:
    """``crossdoc.py``'s report on the gold events clustered by dateline."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    articles = [json.loads(line) for line in Path(articles_path).read_text(encoding="utf-8").splitlines()
                if line.strip()]
    mentions = gold_mentions(gold, articles)
    clusters = cluster_all(m for _, _, m in mentions)
    events = Path(tmp) / "gold-events.jsonl"
    with open(events, "w", encoding="utf-8") as f:
        for file, e, m in mentions:
            f.write(json.dumps({"id": m.event_id, "event": m.event, "date": m.date,
                                "actor": [{"code": c} for c in e["actor"]],
                                "recipient": [{"code": c} for c in e["recipient"]],
                                "article": {"source": file}, "cluster_id": clusters[m.event_id]}) + "\n")
    return subprocess.run([sys.executable, str(crossdoc_py), str(links), str(events), str(gold_path)],
                          capture_output=True, text=True, check=True).stdout.rstrip()
