"""The world map's parts without the web: ISO codes of the countries the agency names, the shades'
thresholds and the drawing (issue 14)."""

from __future__ import annotations

import pytest

from meetings.extraction.lexicon import shared_lexicon
from meetings.geography import iso_code
from meetings.web import world_map

LABELS = {
    "title": "Карта",
    "met_label": "Стран",
    "caption": "Встреч:",
    "home_label": "Казахстан",
    "none_label": "не было",
}


def test_every_state_the_extractor_knows_has_an_iso_code():
    missing = [names[0] for names in shared_lexicon().countries if len(iso_code(names[0])) != 2]
    assert missing == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Мексика", "MX"),
        ("США", "US"),  # by the lexicon's other name «Соединенные Штаты Америки»
        ("соединённые штаты америки", "US"),  # any case, «ё»
        ("Бруней-Даруссалам", "BN"),  # iso-codes writes it with a space
        ("Российская Федерация", "RU"),
        ("Ватикан", "VA"),
        ("Косово", "XK"),
        ("Атлантида", ""),
        ("", ""),
    ],
)
def test_a_country_is_found_by_any_of_its_names(name, code):
    assert iso_code(name) == code


def test_the_map_outlines_the_states_met_most_and_leaves_out_antarctica():
    _, states = world_map.base_map()
    assert {"kz", "ru", "cn", "us", "mx", "es", "tr", "de", "jp", "br"} <= states
    assert "aq" not in states  # Antarctica is cut: nobody there to meet


@pytest.mark.parametrize(
    ("counts", "cuts"),
    [
        ([], []),
        ([7], [7]),
        ([1, 1, 1, 1], [1]),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 3, 5, 7, 9]),
        ([50, 1, 20, 2], [1, 2, 20, 50]),
    ],
)
def test_shades_start_at_the_counts_quantiles(counts, cuts):
    assert world_map.thresholds(counts) == cuts


def test_the_busiest_state_is_darkest_and_the_least_busy_lightest_however_few_the_thresholds():
    cuts = [1, 20]
    assert world_map.shade_of(1, cuts) == 0
    assert world_map.shade_of(19, cuts) == 0
    assert world_map.shade_of(20, cuts) == world_map.SHADES - 1
    assert world_map.shade_of(5, [5]) == world_map.SHADES - 1  # one count: seen, not faint


def test_the_legend_gives_each_shade_its_range():
    assert world_map.legend_labels([1, 3, 10], 250) == ["1–2", "3–9", "10–250"]
    assert world_map.legend_labels([4], 4) == ["4"]


def test_a_map_shades_each_state_met_adds_up_its_names_and_escapes_them():
    rows = [("Россия", "RU", 40), ("Китай", "CN", 9), ("Российская Федерация", "RU", 2),
            ("<b>Мексика</b>", "MX", 1), ("Атлантида", "", 3)]  # fmt: skip
    drawn = world_map.choropleth(rows, **LABELS)

    assert '<g class="ru country shade-4"><title>Россия, Российская Федерация: 42</title>' in drawn
    assert '<g class="mx country shade-0"><title>&lt;b&gt;Мексика&lt;/b&gt;: 1</title>' in drawn
    assert '<g class="cn country shade-2">' in drawn
    assert world_map.unplaced(rows) == [("Атлантида", "", 3)]
    assert '<desc id="world-desc">Стран: 3 (Россия, Российская Федерация: 42; Китай: 9;' in drawn
    assert ">Встреч:</text>" in drawn
    assert drawn.count('<g class="legend">') == 1 and ">Казахстан</text>" in drawn


def test_an_empty_map_draws_every_state_unshaded():
    drawn = world_map.choropleth([], **LABELS)
    assert "country shade-" not in drawn
    assert '<g class="kz country home">' in drawn


def test_the_legend_names_each_shade_used_kazakhstan_and_the_states_not_met():
    rows = [("Россия", "RU", 40), ("Китай", "CN", 9), ("Мексика", "MX", 1)]
    entries = world_map.legend(rows, home_label="Казахстан", none_label="не было")
    assert [(entry.colour, entry.label) for entry in entries] == [
        (world_map.SHADE_COLOURS[0], "1–8"),
        (world_map.SHADE_COLOURS[2], "9–39"),
        (world_map.SHADE_COLOURS[4], "40"),
        (world_map.HOME_COLOUR, "Казахстан"),
        (world_map.NONE_COLOUR, "не было"),
    ]
