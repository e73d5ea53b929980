"""Geometry of the dashboard's SVG charts, drawn on the server (no script, no CDN): plain
functions from a chart's rows to the shapes its template draws, in a fixed ``viewBox`` that the
browser scales to any width (390 px phones included)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

WIDTH = 720
KIND_ORDER = ("meeting", "talks_multilateral", "visit", "phone_call")
MONTHS_SHOWN = 48  # a longer span is drawn by year: thinner bars would not read
WIDEST_BAR = 60  # a few periods are drawn as bars, not as slabs across the chart


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    css: str = ""


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Picture:
    """What a template draws: its ``viewBox`` size, bars, axis ticks, lines and labels."""

    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    by_year: bool = False


def nice_top(value: int) -> int:
    """The axis' top: the first round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten,
    whole) at or above ``value``: 27 ends at 30, not at 50 with half the chart empty."""
    power = 1
    while power * 10 < value:
        power *= 10
    steps = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(
        int(power * step) for step in steps if power * step >= value and float(power * step).is_integer()
    )


def axis_values(top: int) -> list[int]:
    """Whole numbers from 0 to ``top`` for the axis: quarters, thirds, fifths, halves or the ends,
    the first that divide it."""
    parts = next(parts for parts in (4, 3, 5, 2, 1) if top % parts == 0)
    return [top * step // parts for step in range(parts + 1)]


def every_month(months: list[str]) -> list[str]:
    """Every "YYYY-MM" from the first of ``months`` (sorted) to the last."""
    if not months:
        return []
    (year, month), (last_year, last_month) = (map(int, m.split("-")) for m in (months[0], months[-1]))
    found = []
    while (year, month) <= (last_year, last_month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def stacked_periods(
    rows: list[tuple], labels: dict[str, str], *, series: dict[str, str] | None = None
) -> Picture:
    """Meetings per month (per year past ``MONTHS_SHOWN`` months) stacked by series, from rows of
    (``"YYYY-MM"``, series, count): by kind unless ``series`` (series → CSS class, in stacking
    order) says otherwise."""
    series = series or {kind: f"kind-{kind}" for kind in KIND_ORDER}
    months = every_month(sorted({month for month, _, _ in rows}))
    by_year = len(months) > MONTHS_SHOWN
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for month in months:  # a month without meetings is a gap on the axis, not a missing slot
        totals[month[:4] if by_year else month]
    for month, kind, count in rows:
        totals[month[:4] if by_year else month][kind] += count
    periods = sorted(totals)
    left, bottom, top_margin, height = 48, 28, 22, 270
    picture = Picture(WIDTH, height, by_year=by_year)
    if not periods:
        return picture
    top = nice_top(max(1, *(sum(kinds.values()) for kinds in totals.values())))
    plot_height = height - bottom - top_margin
    slot = (WIDTH - left - 8) / len(periods)
    width = min(slot * 0.8, WIDEST_BAR)
    for index, period in enumerate(periods):
        x = left + index * slot + (slot - width) / 2
        y: float = height - bottom
        for key, css in series.items():
            count = totals[period].get(key, 0)
            if not count:
                continue
            bar_height = plot_height * count / top
            y -= bar_height
            label = f"{period}: {labels.get(key, key)} — {count}"
            picture.bars.append(Bar(x, y, width, bar_height, label, count, css))
    every = max(1, round(len(periods) / 8))
    picture.x_ticks = [
        Tick(left + (i + 0.5) * slot, period) for i, period in enumerate(periods) if i % every == 0
    ]
    picture.y_ticks = [
        Tick(height - bottom - plot_height * value / top, f"{value:,}".replace(",", " "))
        for value in axis_values(top)
    ]
    return picture


def horizontal_bars(rows: list[tuple]) -> Picture:
    """One bar per (label, count) row, longest first as the rows come, value at its end."""
    row_height, label_width = 24, 200
    picture = Picture(WIDTH, max(1, len(rows)) * row_height + 8)
    if not rows:
        return picture
    top = max(count for _, count in rows)
    room = WIDTH - label_width - 60
    for index, (label, count) in enumerate(rows):
        picture.bars.append(
            Bar(
                label_width,
                4 + index * row_height,
                max(1.0, room * count / top),
                row_height - 6,
                label,
                count,
            )
        )
    return picture


def network(rows: list[tuple]) -> Picture:
    """Who met whom, from rows of (official, official id, counterpart, country, count): Kazakh
    officials in the left column, counterparts in the right, a line per pair as thick as their
    meetings are many."""
    officials = list(dict.fromkeys(row[0] for row in rows))
    counterparts = list(dict.fromkeys(f"{row[2]} ({row[3]})" if row[3] else row[2] for row in rows))
    row_height = 22
    picture = Picture(WIDTH, max(len(officials), len(counterparts), 1) * row_height + 10)
    if not rows:
        return picture
    left_x, right_x = 240, WIDTH - 270  # room for a counterpart and their country on the right
    heaviest = max(row[4] for row in rows)

    def y(index: int) -> float:
        return 10 + index * row_height + row_height / 2

    for official, _, counterpart, country, count in rows:
        other = f"{counterpart} ({country})" if country else counterpart
        picture.lines.append(
            {
                "x1": left_x,
                "y1": y(officials.index(official)),
                "x2": right_x,
                "y2": y(counterparts.index(other)),
                "width": round(1 + 7 * count / heaviest, 1),
                "label": f"{official} — {other}: {count}",
            }
        )
    picture.labels = [
        {"x": left_x - 8, "y": y(i), "text": name, "anchor": "end"} for i, name in enumerate(officials)
    ]
    picture.labels += [
        {"x": right_x + 8, "y": y(i), "text": name, "anchor": "start"} for i, name in enumerate(counterparts)
    ]
    return picture


SERIES_COLOURS = 8  # .series-0 … .series-7 in charts.css


def busiest_postings(rows: list[tuple], *, other: str, keep: int = SERIES_COLOURS - 1) -> list[tuple]:
    """(``"YYYY-MM"``, posting, count) rows with only the ``keep`` postings of most meetings as their
    own; the others summed per month under ``other``. A career of many postings (or one posting
    written many ways) stays a chart of distinct colours and a page of bounded size: an official of
    fifty postings drew 1,800 bars and a 570 KB table. The chart's JSON and CSV keep every row."""
    totals: Counter[str] = Counter()
    for _, posting, count in rows:
        totals[posting] += count
    if len(totals) <= keep + 1:
        return rows
    kept = {posting for posting, _ in totals.most_common(keep)}
    merged: Counter[tuple[str, str]] = Counter()
    for month, posting, count in rows:
        merged[(month, posting if posting in kept else other)] += count
    return sorted((month, posting, count) for (month, posting), count in merged.items())


def postings_series(rows: list[tuple]) -> dict[str, str]:
    """Each posting of (``"YYYY-MM"``, posting, count) rows, in the order they first appear, with
    its CSS class (the palette repeats past ``SERIES_COLOURS`` postings)."""
    postings = list(dict.fromkeys(posting for _, posting, _ in sorted(rows)))
    return {posting: f"series-{index % SERIES_COLOURS}" for index, posting in enumerate(postings)}


def postings_legend(rows: list[tuple]) -> list[dict]:
    """Each posting with its class and the first and last month it was written in."""
    series = postings_series(rows)
    months: dict[str, list[str]] = defaultdict(list)
    for month, posting, _ in rows:
        months[posting].append(month)
    return [
        {"posting": posting, "css": css, "first": min(months[posting]), "last": max(months[posting])}
        for posting, css in series.items()
    ]
