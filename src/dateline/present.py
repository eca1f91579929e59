"""How parties read in tables, CSV cells and on the page: ``KEN/COP -> KEN/CVL``.

One function for the CLI tables, the CSV downloads and the API's ``parties`` field, so an
event reads the same everywhere. A joint event (the same parties on both sides, as
``JPN and AUS agreed``) is shown once: ``JPN & AUS``.
"""
from __future__ import annotations

from typing import Any

UNRESOLVED = "---"


def _get(ref: Any, key: str):
    return ref.get(key) if isinstance(ref, dict) else getattr(ref, key, None)


def party_label(ref: Any) -> str:
    """``KEN/COP``; ``---(the words)`` for an actor the data cannot place; ``---`` for none."""
    code = _get(ref, "code") or "?"
    if code == UNRESOLVED:
        words = " ".join(str(_get(ref, "entity_text") or "").split())
        return f"{UNRESOLVED}({words})" if words else UNRESOLVED
    sector = _get(ref, "sector")
    return f"{code}/{sector}" if sector else code


def side_label(refs) -> str:
    labels = list(dict.fromkeys(party_label(r) for r in refs or []))
    return " + ".join(labels) if labels else UNRESOLVED


def is_joint(actor, recipient) -> bool:
    """The same two or more parties on both sides: a joint (symmetric) event."""
    a = {party_label(r) for r in actor or []}
    b = {party_label(r) for r in recipient or []}
    return len(a) >= 2 and a == b


def parties_label(actor, recipient) -> str:
    """``KEN/COP -> KEN/CVL``, or ``JPN & AUS`` for a joint event."""
    if is_joint(actor, recipient):
        return " & ".join(dict.fromkeys(party_label(r) for r in actor))
    return f"{side_label(actor)} -> {side_label(recipient)}"


def party_names(refs) -> str:
    """The names behind the codes, for a tooltip: ``Kenya police; protesters``."""
    out = []
    for r in refs or []:
        name = _get(r, "name") or _get(r, "entity_text") or ""
        if name:
            out.append(str(name))
    return "; ".join(dict.fromkeys(out))
