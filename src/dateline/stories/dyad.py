"""Dyad trends: what A did to B and B to A, per period, counted in event clusters.

The unit is the *event cluster* (one happening, however many outlets told it; see
:mod:`dateline.stories.dedup`), so a story that fifty outlets carry counts once, and the
``sources`` column says how many distinct outlets stand behind a period's events.

Direction: a cluster counts for A->B when one of its mentions has A among its actors and
B among its recipients (and for B->A likewise); a meeting coded both ways counts in both.
Period: the cluster's event date (see :func:`dateline.stories.timeline.representative`).
A cluster dated more coarsely than the period (a year, by month) cannot be placed and is
left out, and counted in ``notes``; an undated cluster is placed by the earliest
publication day of its mentions (news reports what just happened) and counted in the
``undated`` column.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.errors import DatelineError
from dateline.stories.dedup import date_interval
from dateline.stories.timeline import _codes, dyad_condition, member_rows, summarise

PERIODS = ("week", "month", "year")
QUAD_COLUMNS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
COLUMNS = ["period", "direction", "events", *QUAD_COLUMNS.values(), "intensity_sum",
           "intensity_mean", "sources", "mentions", "undated"]


def period_of(date: str | None, by: str) -> str | None:
    """The period label of a date value when the date is at least as fine as the period."""
    interval = date_interval(date)
    if interval is None:
        return None
    first, last = interval
    if by == "year":
        return f"{first.year:04d}" if first.year == last.year else None
    if by == "month":
        return f"{first:%Y-%m}" if (first.year, first.month) == (last.year, last.month) else None
    if by == "week":
        a, b = first.isocalendar(), last.isocalendar()
        return f"{a[0]:04d}-W{a[1]:02d}" if (a[0], a[1]) == (b[0], b[1]) else None
    raise DatelineError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")


def dyad(store, a: str, b: str, by: str = "month", date_from: str | None = None,
         date_to: str | None = None) -> dict[str, Any]:
    """{"rows": [...], "notes": [...], "a": A, "b": B, "by": by}; rows sorted by period then
    direction (A->B first)."""
    if by not in PERIODS:
        raise DatelineError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    a, b = _codes(a, "actor"), _codes(b, "recipient")
    if not a or not b:
        raise DatelineError("a dyad needs two actor codes, e.g. `dateline dyad USA CHN`")
    if a == b:
        raise DatelineError(f"a dyad needs two different actors, not {a} and {b}")
    lo = period_of(date_from, by) if date_from else None
    hi = period_of(date_to, by) if date_to else None
    where, params = dyad_condition(a, b, either_way=True)
    rows = member_rows(store, where, params)
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["cluster_id"], []).append(r)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    coarse = 0
    for members in groups.values():
        entry = summarise(members)
        directions = set()
        for m in members:
            acts, recs = set(m.get("actor_codes") or ()), set(m.get("recipient_codes") or ())
            if a in acts and b in recs:
                directions.add(f"{a}->{b}")
            if b in acts and a in recs:
                directions.add(f"{b}->{a}")
        if not directions:
            continue
        undated = entry["date"] is None
        period = period_of(entry["date"], by) if not undated else \
            (period_of(entry["first_published"], by) if entry["first_published"] else None)
        if period is None:
            coarse += 1
            continue
        if (lo and period < lo) or (hi and period > hi):
            continue
        for direction in directions:
            cell = cells.setdefault((period, direction), {
                "period": period, "direction": direction, "events": 0,
                **{c: 0 for c in QUAD_COLUMNS.values()}, "intensity_sum": 0.0,
                "_outlets": set(), "mentions": 0, "undated": 0})
            cell["events"] += 1
            if entry["quad_code"] in QUAD_COLUMNS:
                cell[QUAD_COLUMNS[entry["quad_code"]]] += 1
            cell["intensity_sum"] += float(entry["intensity"] or 0.0)
            cell["_outlets"].update(entry["outlet_names"])
            cell["mentions"] += entry["mentions"]
            cell["undated"] += int(undated)
    out = []
    order = {f"{a}->{b}": 0, f"{b}->{a}": 1}
    for key in sorted(cells, key=lambda k: (k[0], order[k[1]])):
        cell = cells[key]
        cell["sources"] = len(cell.pop("_outlets"))
        cell["intensity_sum"] = round(cell["intensity_sum"], 2)
        cell["intensity_mean"] = round(cell["intensity_sum"] / cell["events"], 2) if cell["events"] else None
        out.append({c: cell[c] for c in COLUMNS})
    notes = []
    if coarse:
        notes.append(f"{coarse} event cluster{'s' if coarse != 1 else ''} dated more coarsely than "
                     f"a {by} (or undated and unpublished) left out; try --by year")
    return {"a": a, "b": b, "by": by, "rows": out, "notes": notes}


def all_periods(first: str, last: str, by: str) -> list[str]:
    """Every period label from ``first`` to ``last`` (for a chart axis without gaps)."""
    out = []
    if by == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    if by == "month":
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    y, w = int(first[:4]), int(first[6:8])
    day = dt.date.fromisocalendar(y, w, 1)
    while True:
        iso = day.isocalendar()
        label = f"{iso[0]:04d}-W{iso[1]:02d}"
        if label > last:
            return out
        out.append(label)
        day += dt.timedelta(days=7)


def plot(result: dict[str, Any], path) -> None:
    """Stacked bars of events per quad class, one panel per direction, with the mean
    intensity as a line (PNG or SVG by the file's extension)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    path = str(path)
    if not path.lower().endswith((".png", ".svg")):
        raise DatelineError(f"--plot file must end in .png or .svg, not {path!r}")
    a, b, by, rows = result["a"], result["b"], result["by"], result["rows"]
    periods = all_periods(min(r["period"] for r in rows), max(r["period"] for r in rows), by) \
        if rows else []
    colours = {"verbal_coop": "#8fbf6a", "material_coop": "#2f7d32", "verbal_conflict": "#f0a04b",
               "material_conflict": "#c62828"}
    fig, axes = plt.subplots(2, 1, figsize=(max(6.0, min(18.0, 0.35 * len(periods) + 3)), 7),
                             sharex=True)
    for ax, direction in zip(axes, (f"{a}->{b}", f"{b}->{a}")):
        by_period = {r["period"]: r for r in rows if r["direction"] == direction}
        x = list(range(len(periods)))
        bottom = [0] * len(periods)
        for column, colour in colours.items():
            heights = [by_period.get(p, {}).get(column, 0) for p in periods]
            ax.bar(x, heights, bottom=bottom, color=colour, label=column.replace("_", " "))
            bottom = [s + h for s, h in zip(bottom, heights)]
        ax.set_ylabel("events")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(f"{direction}: events per {by} by quad class")
        twin = ax.twinx()
        means = [(i, by_period[p]["intensity_mean"]) for i, p in enumerate(periods)
                 if p in by_period and by_period[p]["intensity_mean"] is not None]
        if means:
            # points, joined only between consecutive periods (a gap is not a trend)
            twin.plot([i for i, _ in means], [m for _, m in means], "ko", markersize=3,
                      label="mean intensity")
            for (i, a_mean), (j, b_mean) in zip(means, means[1:]):
                if j == i + 1:
                    twin.plot([i, j], [a_mean, b_mean], "k-", linewidth=0.8)
        twin.set_ylim(-10, 10)
        twin.axhline(0, color="grey", linewidth=0.5)
        twin.set_ylabel("mean intensity")
    handles = axes[0].get_legend_handles_labels()
    fig.legend(*handles, loc="upper center", ncol=4, fontsize="small", frameon=False)
    fig.suptitle(" ")  # room for the legend above the panels
    step = max(1, len(periods) // 24)
    axes[-1].set_xticks(list(range(0, len(periods), step)))
    axes[-1].set_xticklabels(periods[::step], rotation=60, ha="right", fontsize="small")
    fig.tight_layout()
    try:
        fig.savefig(path)
    except OSError as e:
        raise DatelineError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        plt.close(fig)
