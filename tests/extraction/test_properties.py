"""Whatever bulletin-sized text, extract returns the contract's shape, never raises, and offsets hold."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.extraction import EXTRACTOR_VERSION, MAX_TEXT_CHARS, TextTooLong, extract

KINDS = {"meeting", "talks_multilateral", "visit", "phone_call"}
ROLES = {
    "ambassador",
    "ambassador_at_large",
    "permanent_representative",
    "consul_general",
    "charge_d_affaires",
    "minister",
    "deputy_minister",
    "other",
}

FRAGMENTS = [
    " date 2026-01-15 Заголовок",
    "Астана. 14 января. KAZAKHSTAN TODAY - ",
    "Посол Казахстана в Турции",
    "Ержан Касенов",
    "встретился с министром иностранных дел Турции",
    "Мехметом Йылмазом",
    "провел телефонный разговор с",
    "генеральным консулом Казахстана в Стамбуле",
    "принял участие в заседании",
    "Напомним,",
    "посетил",
    "Казахстанская делегация",
    "шейхом Юсуфом бин Рашидом аль-Хамади",
    "Лю Цзяньмином",
    "Жан-Пьером Мартен-Дюбуа",
    "Б. Отиено",
    ", а также",
    ". ",
    "\n",
    " и ",
    "«",
    "»",
    "(ООН)",
    "\ufeff",
    "\r\n",
]

WORDS = st.text(
    alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ-", min_size=1, max_size=12
)


def check_contract(text: str) -> None:
    result = extract(text)
    assert set(result) == {"extractor_version", "meetings"}
    assert result["extractor_version"] == EXTRACTOR_VERSION
    for m in result["meetings"]:
        assert set(m) == {"kind", "kz_side", "counterparts", "location", "topics", "evidence", "confidence"}
        assert m["kind"] in KINDS
        assert 0.0 <= m["confidence"] <= 1.0
        assert 1 <= len(m["topics"]) <= 3 and all(isinstance(t, str) and t for t in m["topics"])
        ev = m["evidence"]
        assert 0 <= ev["start"] <= ev["end"] <= len(text)
        assert m["kz_side"] and m["counterparts"]
        for p in m["kz_side"]:
            assert set(p) == {"name", "position", "role", "posting", "mention"}
            assert p["role"] in ROLES
        for p in m["counterparts"]:
            assert set(p) == {"name", "position", "organization", "country", "mention"}
        for p in m["kz_side"] + m["counterparts"]:
            mention = p["mention"]
            if p["name"] is None:
                assert mention is None
                continue
            assert 0 <= mention["start"] < mention["end"] <= len(text)
            assert text[mention["start"] : mention["end"]] == mention["text"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_a_valid_result(text):
    check_contract(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), WORDS), max_size=40).map(" ".join))
def test_bulletin_like_text_gives_a_valid_result(text):
    check_contract(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=3, max_size=60).map("".join))
def test_fragment_soup_gives_a_valid_result(text):
    check_contract(text)


def test_degenerate_inputs_give_no_meetings():
    for text in ["", " ", "\n\n", " date 2026-01-01 ", "x" * 100_000, None, 42]:
        assert extract(text)["meetings"] == []  # type: ignore[arg-type]


def test_a_text_longer_than_any_bulletin_is_refused_with_a_typed_error():
    with pytest.raises(TextTooLong, match="длиннее 200 000 знаков"):
        extract("x" * (MAX_TEXT_CHARS + 1))


def test_a_huge_run_on_sentence_is_read_in_reasonable_time():
    import time

    text = "Посол Казахстана в Турции Ерлан Оспанов встретился с " * 3000
    started = time.perf_counter()
    result = extract(text)
    assert time.perf_counter() - started < 30
    check_contract(text)
    assert len(result["meetings"]) <= 1


def test_words_with_characters_unicode_leaves_unnamed_are_read_without_failing():
    header = " date 2026-01-01 Встреча\nАстана. 1 января. KAZAKHSTAN TODAY - "
    text = header + "Посол 𗀀 встретился с \U000e0100.\n"

    check_contract(text)
