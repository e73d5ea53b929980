"""The dashboard's world map: each counterpart country shaded by its meetings (a choropleth).

The map is the world SVG that ``pygal_maps_world`` ships (LGPL; one ``<g class="<iso> country">``
of paths per state, lower-case ISO 3166 alpha-2, viewBox 2475 × 1388), read once and given, per
drawing, a shade and a ``<title>`` (country: meetings) on each state met, a legend, a title and a
text alternative. Shades are the counts' quantiles, so a map of a few meetings and one of the whole
archive both use the scale. Drawn on the server, no script; the numbers are in the dashboard's
table and in the ``world`` chart's JSON and CSV. The page repeats the legend in HTML, where a phone
can read it (the image's own is a few pixels high at 390 px).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from html import escape
from importlib import resources

SHADE_COLOURS = ("#c6dbef", "#8fbde0", "#4f93c9", "#1f65a8", "#0b3a6e")  # lightest: fewest meetings
HOME_COLOUR = "#f2b233"  # Kazakhstan: the side every meeting is from, drawn apart
NONE_COLOUR = "#e4e8ee"  # states not met
SHADES = len(SHADE_COLOURS)
# The shipped map is 2475 × 1388; without Antarctica (no embassy to meet) it ends at y = 1165.
WIDTH, MAP_HEIGHT = 2475, 1170
LEGEND_HEIGHT = 100
HOME = "kz"
STATE = re.compile(r'<g class="([a-z]{2}) country map-element">')
ANTARCTICA = re.compile(r'<g class="aq country map-element">.*?</g>', re.DOTALL)
STYLE = (
    f".country {{ fill: {NONE_COLOUR}; stroke: #fff; stroke-width: .8; }}"
    + "".join(f" .shade-{shade} {{ fill: {colour}; }}" for shade, colour in enumerate(SHADE_COLOURS))
    + f" .home {{ fill: {HOME_COLOUR}; }}"
    " .legend text { font: 34px system-ui, sans-serif; fill: #333; }"
    " .legend rect { stroke: #8a94a3; stroke-width: 1; }"
)


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


@dataclass(frozen=True)
class Shading:
    """What a map shows of its rows: meetings per state drawn (a state's several names add up),
    those names, and the thresholds of the shades."""

    counts: dict[str, int]
    names: dict[str, list[str]]
    cuts: list[int]


@functools.cache
def base_map() -> tuple[str, frozenset[str]]:
    """The states' groups of the shipped world map (the markup inside its ``<svg>``) and their codes."""
    text = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_text(encoding="utf-8")
    inner = ANTARCTICA.sub("", text[text.index(">", text.index("<svg")) + 1 : text.rindex("</svg>")])
    return inner, frozenset(STATE.findall(inner))


def unplaced(rows: list[tuple]) -> list[tuple]:
    """The rows (country, ISO code, meetings) of the countries the map has no outline for (no ISO
    code, or a state too small for it), which the page names beside the map."""
    states = base_map()[1]
    return [row for row in rows if row[1].lower() not in states]


def shading(rows: list[tuple]) -> Shading:
    """The shading of ``rows`` (country, ISO code, meetings), as the ``world`` chart gives them."""
    states = base_map()[1]
    counts: dict[str, int] = {}
    names: dict[str, list[str]] = {}
    for country, code, meetings in rows:
        state = code.lower()
        if state in states:
            counts[state] = counts.get(state, 0) + meetings
            names.setdefault(state, []).append(country)
    return Shading(counts, names, thresholds(list(counts.values())))


def thresholds(counts: list[int]) -> list[int]:
    """The lowest count of each shade, lightest first: the counts' quantiles, each once."""
    ordered = sorted(counts)
    return sorted({ordered[len(ordered) * step // SHADES] for step in range(SHADES)}) if ordered else []


def shade_of(count: int, cuts: list[int]) -> int:
    """The shade (0 lightest … ``SHADES`` - 1 darkest) of ``count`` among thresholds ``cuts``: fewer
    distinct thresholds than shades are spread over the scale, so the busiest state is darkest."""
    if len(cuts) < 2:  # every state met as often: all drawn darkest, to be seen
        return SHADES - 1
    level = bisect.bisect_right(cuts, count) - 1
    return round(level * (SHADES - 1) / (len(cuts) - 1))


def legend_labels(cuts: list[int], highest: int) -> list[str]:
    """Each shade's range of counts ("1", "2–4", … "120–800") from its threshold to the next's."""
    uppers = [cut - 1 for cut in cuts[1:]] + [highest] if cuts else []
    return [str(low) if low == high else f"{low}–{high}" for low, high in zip(cuts, uppers, strict=True)]


def legend(rows: list[tuple], *, home_label: str, none_label: str) -> list[LegendEntry]:
    """The map's legend for ``rows``: each shade used with its range, then Kazakhstan and the
    states not met."""
    shaded = shading(rows)
    labels = legend_labels(shaded.cuts, max(shaded.counts.values(), default=0))
    return [
        *(
            LegendEntry(SHADE_COLOURS[shade_of(cut, shaded.cuts)], label)
            for cut, label in zip(shaded.cuts, labels, strict=True)
        ),
        LegendEntry(HOME_COLOUR, home_label),
        LegendEntry(NONE_COLOUR, none_label),
    ]


def choropleth(
    rows: list[tuple], *, title: str, met_label: str, caption: str, home_label: str, none_label: str
) -> str:
    """The SVG map of ``rows`` (country, ISO code, meetings). The labels: the map's ``title``, the
    words before the count of states met (``met_label``), the legend's ``caption`` (what the shades
    count), and its entries for Kazakhstan
    and for the states not met."""
    inner, _ = base_map()
    shaded = shading(rows)

    def shade(match: re.Match) -> str:
        state = match.group(1)
        if state not in shaded.counts:
            return f'<g class="{state} country{" home" if state == HOME else ""}">'
        count = shaded.counts[state]
        label = escape(f"{', '.join(shaded.names[state])}: {count}")
        return f'<g class="{state} country shade-{shade_of(count, shaded.cuts)}"><title>{label}</title>'

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {MAP_HEIGHT + LEGEND_HEIGHT}" '
        f'role="img" aria-labelledby="world-title world-desc">'
        f'<title id="world-title">{escape(title)}</title>'
        f'<desc id="world-desc">{escape(description(met_label, shaded))}</desc>'
        f"<style>{STYLE}</style>{STATE.sub(shade, inner)}"
        f"{legend_svg(caption, legend(rows, home_label=home_label, none_label=none_label))}</svg>"
    )


def legend_svg(caption: str, entries: list[LegendEntry]) -> str:
    """The legend's caption and swatches in a row under the map."""
    parts, x, y = (
        [f'<text x="40" y="{MAP_HEIGHT + 52}">{escape(caption)}</text>'],
        80 + 21 * len(caption),
        MAP_HEIGHT + 50,
    )
    for entry in entries:
        parts.append(
            f'<rect fill="{entry.colour}" x="{x}" y="{y - 30}" width="40" height="40"/>'
            f'<text x="{x + 52}" y="{y + 2}">{escape(entry.label)}</text>'
        )
        x += 80 + 21 * len(entry.label)
    return f'<g class="legend">{"".join(parts)}</g>'


def description(met_label: str, shaded: Shading) -> str:
    """The map in words: how many states were met and the busiest five, then «…» when there are more
    (the table has them all)."""
    busiest = sorted(shaded.counts, key=lambda state: -shaded.counts[state])[:5]
    listed = "; ".join(f"{', '.join(shaded.names[state])}: {shaded.counts[state]}" for state in busiest)
    more = "; …" if len(shaded.counts) > len(busiest) else ""
    return f"{met_label}: {len(shaded.counts)}" + (f" ({listed}{more})" if listed else "")
