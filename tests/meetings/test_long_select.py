"""LongSelect: the public filter's selects of many options, written in one pass, as Django's Select
would write them (the options, the one chosen, escaping, the attributes the label points to)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django import forms

from meetings.web.filters import LongSelect

CHOICES = [
    ("", "все"),
    ("7", "Алмурат Турганбеков"),
    ("12", 'Кайрат «Кай» <Умаров> & "сын"'),
    ("Кот-д’Ивуар", "Кот-д’Ивуар"),
]


class Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.select: dict[str, str | None] = {}
        self.options: list[tuple[str | None, bool, str]] = []
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "select":
            self.select = found
        elif tag == "option":
            self._option = [found.get("value"), "selected" in found, ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self.options.append(tuple(self._option))
            self._option = None


def parsed(html: str) -> Parsed:
    result = Parsed()
    result.feed(html)
    return result


@pytest.mark.parametrize("value", [None, "", "12", ["7"], "Кот-д’Ивуар", "нет такого"])
def test_long_select_writes_what_djangos_select_writes(value):
    attrs = {"id": "id_person"}
    ours = parsed(LongSelect(choices=CHOICES).render("person", value, attrs=attrs))
    django = parsed(forms.Select(choices=CHOICES).render("person", value, attrs=attrs))

    assert ours.options == django.options
    assert ours.select == django.select == {"name": "person", "id": "id_person"}
    assert len(ours.options) == len(CHOICES)


def test_long_select_escapes_labels_and_values():
    html = LongSelect(choices=CHOICES).render("person", "12")

    assert "<Умаров>" not in html and "&lt;Умаров&gt;" in html
    assert '<option value="12" selected>' in html
