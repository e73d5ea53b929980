"""Pure intake: bytes in, parsed bulletins or a refusal naming the file and the reason out."""

from __future__ import annotations

import io
import random
import tracemalloc
import unicodedata
import zipfile
from datetime import date

import pytest

from newsdesk import intake
from newsdesk.intake import Dateline, Limits
from tests.factories import zip_bytes

BULLETIN = (
    " date 2026-02-24 Дипломаты провели ряд встреч\n"
    "Астана. 23 февраля. KAZAKHSTAN TODAY - Посол Казахстана встретился с министром.\n"
    "Стороны обсудили двустороннее сотрудничество.\n"
)
SECOND = (
    " date 2026-02-25 Министр провёл телефонный разговор\n"
    "Алматы. 25 февраля. KAZAKHSTAN TODAY - Министр иностранных дел провёл переговоры.\n"
)
DEFAULT_LIMITS = Limits()
THIRD = " date 2026-02-26 Консультации\nБольшой текст без подводки о консультациях МИД.\n"


def only_bulletin(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> intake.ParsedBulletin:
    [result] = intake.read_upload(name, data, limits)
    assert result.error is None, result.error
    [bulletin] = result.bulletins
    return bulletin


def refusal(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    [result] = intake.read_upload(name, data, limits)
    assert result.is_refused
    assert result.bulletins == ()
    return result.error


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (BULLETIN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + BULLETIN.encode("utf-8"), "utf-8-sig"),
        (BULLETIN.encode("cp1251"), "cp1251"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1251"],
)
def test_each_accepted_encoding_gives_the_same_text_and_records_the_encoding(data, encoding):
    bulletin = only_bulletin("bulletin.txt", data)

    assert bulletin.text == BULLETIN
    assert not bulletin.text.startswith("\ufeff")
    assert bulletin.encoding == encoding
    assert bulletin.title == "Дипломаты провели ряд встреч"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "cp1251"])
def test_crlf_and_cr_line_endings_become_newlines(newline, codec):
    data = BULLETIN.replace("\n", newline).encode(codec)

    bulletin = only_bulletin("bulletin.txt", data)

    assert bulletin.text == BULLETIN
    assert "\r" not in bulletin.text


@pytest.mark.parametrize("header", [" date 2026-02-24 Заголовок", "date 2026-02-24 Заголовок"])
def test_header_gives_date_and_title_with_or_without_leading_space(header):
    data = f"{header}\nАстана. 23 февраля. KAZAKHSTAN TODAY - Текст.\n".encode()

    bulletin = only_bulletin("bulletin.txt", data)

    assert bulletin.date == date(2026, 2, 24)
    assert bulletin.title == "Заголовок"
    assert bulletin.part == 1
    assert bulletin.source_name == "bulletin.txt"


def test_title_loses_trailing_whitespace():
    bulletin = only_bulletin("b.txt", " date 2026-02-24 Заголовок  \t\nТекст бюллетеня.\n".encode())

    assert bulletin.title == "Заголовок"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Астана. 23 февраля. KAZAKHSTAN TODAY - Текст без заголовка.\n", "строка 1: нет заголовка"),
        ("Дата 2026-02-24 Заголовок\nТекст.\n", "строка 1: нет заголовка"),
        (" date 2026-13-40 Заголовок\nТекст.\n", "строка 1: неверная дата «2026-13-40»"),
        (" date 2026-02-30 Заголовок\nТекст.\n", "строка 1: неверная дата «2026-02-30»"),
        (" date 2026-02-24\nТекст.\n", "строка 1: в заголовке нет названия"),
        (" date 2026-02-24   \nТекст.\n", "строка 1: в заголовке нет названия"),
        (" date 2026-02-24 Заголовок\n\n  \n", "строка 1: у бюллетеня нет текста"),
    ],
    ids=["no-header", "russian-header", "bad-date", "30-february", "no-title", "blank-title", "no-body"],
)
def test_bad_header_is_refused_with_file_name_and_reason(text, reason):
    error = refusal("plohoy.txt", text.encode("utf-8"))

    assert error.startswith("plohoy.txt: ")
    assert reason in error


def test_bad_header_of_a_later_bulletin_names_its_line_and_refuses_the_whole_file():
    text = BULLETIN + " date 2026-13-40 Второй\nТекст.\n"

    error = refusal("two.txt", text.encode())

    assert error == "two.txt: строка 4: неверная дата «2026-13-40»"


def test_dateline_gives_place_date_with_header_year_and_agency():
    bulletin = only_bulletin("b.txt", BULLETIN.encode())

    assert bulletin.dateline == Dateline(place="Астана", date=date(2026, 2, 23), agency="KAZAKHSTAN TODAY")
    assert bulletin.dateline.to_json() == {
        "place": "Астана",
        "date": "2026-02-23",
        "agency": "KAZAKHSTAN TODAY",
    }


@pytest.mark.parametrize(
    ("header_date", "dateline", "expected"),
    [
        ("2026-01-02", "Астана. 31 декабря. KAZAKHSTAN TODAY - ", date(2025, 12, 31)),
        ("2026-01-02", "Астана. 2 января. KAZAKHSTAN TODAY - ", date(2026, 1, 2)),
        ("2026-02-24", "Нур-Султан. 23 февраля KAZAKHSTAN TODAY — ", date(2026, 2, 23)),
        ("2026-06-10", "Алматы. 9 Июня. KAZAKHSTAN TODAY – ", date(2026, 6, 9)),
        ("2026-02-24", "Астана. 31 февраля. KAZAKHSTAN TODAY - ", None),
    ],
    ids=["31-december-in-january", "same-day", "em-dash-no-dot", "capital-month", "impossible-day"],
)
def test_dateline_date_takes_the_year_of_the_header_or_the_year_before(header_date, dateline, expected):
    text = f" date {header_date} Заголовок\n{dateline}Текст новости.\n"

    bulletin = only_bulletin("b.txt", text.encode())

    assert bulletin.dateline is not None
    assert bulletin.dateline.date == expected
    assert bulletin.dateline.agency == "KAZAKHSTAN TODAY"


def test_bulletin_without_dateline_is_parsed_with_dateline_none():
    bulletin = only_bulletin("b.txt", THIRD.encode())

    assert bulletin.dateline is None
    assert bulletin.title == "Консультации"
    assert bulletin.text == THIRD


def test_file_with_several_bulletins_is_split_at_each_header():
    text = BULLETIN + SECOND + THIRD

    [result] = intake.read_upload("three.txt", text.replace("\n", "\r\n").encode("cp1251"))

    assert result.error is None
    assert [b.part for b in result.bulletins] == [1, 2, 3]
    assert [b.text for b in result.bulletins] == [BULLETIN, SECOND, THIRD]
    assert all(b.text.lstrip().startswith("date ") for b in result.bulletins)
    assert "".join(b.text for b in result.bulletins) == text
    assert [b.date for b in result.bulletins] == [date(2026, 2, 24), date(2026, 2, 25), date(2026, 2, 26)]
    assert [b.dateline.place if b.dateline else None for b in result.bulletins] == ["Астана", "Алматы", None]
    assert {b.encoding for b in result.bulletins} == {"cp1251"}
    assert {b.source_name for b in result.bulletins} == {"three.txt"}


def random_binary() -> bytes:
    return bytes(b or 1 for b in random.Random(20260224).randbytes(4096))  # noqa: S311


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "файл пуст"),
        (b" \r\n\t\n", "файл пуст"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (BULLETIN.encode("utf-8").replace(b"\n", b"\n\x00"), "нулевые байты"),
        (BULLETIN.encode("utf-16"), "UTF-16"),
        (BULLETIN.encode("utf-16-be").removeprefix(b"\xfe\xff"), "нулевые байты"),
        (BULLETIN.encode("utf-16-le"), "нулевые байты"),
        (random_binary(), ""),
        (
            " date 2026-02-24 Café\nLe président a reçu l'ambassadeur à l'Élysée.\n".encode("latin-1"),
            "кодировка не распознана",
        ),
        (" date 2026-02-24 Заголовок\nТекст\x07 со звонком.\n".encode(), "управляющие символы"),
    ],
    ids=[
        "empty",
        "whitespace-only",
        "pdf",
        "png",
        "jpeg",
        "nul-bytes",
        "utf-16-with-bom",
        "utf-16-be-without-bom",
        "utf-16-le-without-bom",
        "random-binary",
        "latin-1-french",
        "control-character",
    ],
)
def test_file_that_is_not_a_bulletin_text_is_refused_naming_file_and_reason(data, reason):
    error = refusal("vhod.txt", data)

    assert error.startswith("vhod.txt: ")
    assert reason in error


def test_file_over_the_size_limit_is_refused():
    data = BULLETIN.encode()

    error = refusal("big.txt", data, Limits(max_file_bytes=len(data) - 1))

    assert error.startswith("big.txt: файл больше допустимого")
    assert only_bulletin("fits.txt", data, Limits(max_file_bytes=len(data))).text == BULLETIN


def test_zip_gives_one_result_per_entry_named_after_archive_and_entry():
    data = zip_bytes(
        {
            "a.txt": BULLETIN.encode("cp1251"),
            "folder/b.txt": (SECOND + THIRD).encode("utf-8-sig"),
            "folder/": b"",
        }
    )

    results = intake.read_upload("day.zip", data)

    assert [r.name for r in results] == ["day.zip/a.txt", "day.zip/folder/b.txt"]
    assert [r.error for r in results] == [None, None]
    assert [[b.text for b in r.bulletins] for r in results] == [[BULLETIN], [SECOND, THIRD]]
    assert [[b.encoding for b in r.bulletins] for r in results] == [["cp1251"], ["utf-8-sig", "utf-8-sig"]]


def test_zip_is_recognised_by_its_content_whatever_its_name():
    results = intake.read_upload("archive.bin", zip_bytes({"a.txt": BULLETIN.encode()}))

    assert [r.name for r in results] == ["archive.bin/a.txt"]
    assert results[0].bulletins[0].text == BULLETIN


@pytest.mark.parametrize(
    "entry",
    ["../evil.txt", "docs/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", "..\\evil.txt"],
)
def test_zip_entry_with_unsafe_path_is_refused_and_the_others_are_read(entry):
    data = zip_bytes({"good.txt": BULLETIN.encode(), entry: SECOND.encode()})

    good, bad = intake.read_upload("day.zip", data)

    assert good.error is None
    assert good.bulletins[0].text == BULLETIN
    assert bad.name == f"day.zip/{entry}"
    assert bad.error == f"day.zip/{entry}: недопустимый путь в архиве"
    assert bad.bulletins == ()


def test_zip_with_too_many_entries_is_refused_as_a_whole():
    data = zip_bytes({f"{n}.txt": BULLETIN.encode() for n in range(3)})

    [result] = intake.read_upload("many.zip", data, Limits(max_zip_entries=2))

    assert result.name == "many.zip"
    assert result.error == "many.zip: в архиве 3 файлов при пределе 2"
    assert intake.read_upload("many.zip", data, Limits(max_zip_entries=3))[2].error is None


def test_zip_whose_declared_total_is_too_large_is_refused_before_unpacking():
    data = zip_bytes({"a.txt": BULLETIN.encode(), "b.txt": SECOND.encode()})
    total = len(BULLETIN.encode()) + len(SECOND.encode())

    [result] = intake.read_upload("big.zip", data, Limits(max_zip_total_bytes=total - 1))

    assert result.name == "big.zip"
    assert result.error.startswith("big.zip: распакованный архив занял бы")


ZERO_BOMB = 5 * 1024 * 1024


def zip_bomb() -> bytes:
    data = zip_bytes({"bomb.txt": b"\0" * ZERO_BOMB})
    assert len(data) < 20_000
    return data


def lie_about_size(data: bytes, size: int) -> bytes:
    """The same one-entry archive with both its headers claiming ``size`` uncompressed bytes."""
    [info] = zipfile.ZipFile(io.BytesIO(data)).infolist()
    real, claimed = info.file_size.to_bytes(4, "little"), size.to_bytes(4, "little")
    patched = bytearray(data)
    # The uncompressed size sits at byte 22 of the local header and 24 of the central record.
    for field in (info.header_offset + 22, data.index(b"PK\x01\x02") + 24):
        assert patched[field : field + 4] == real
        patched[field : field + 4] = claimed
    return bytes(patched)


def test_zip_bomb_is_refused_from_its_declared_size_without_unpacking():
    data = zip_bomb()

    tracemalloc.start()
    try:
        results = intake.read_upload("bomb.zip", data, Limits(max_file_bytes=64 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    [result] = results
    assert result.name == "bomb.zip/bomb.txt"
    assert result.error.startswith("bomb.zip/bomb.txt: файл больше допустимого")
    assert peak < 1024 * 1024


def test_zip_bomb_lying_about_its_size_is_refused_without_unpacking_it_fully():
    data = lie_about_size(zip_bomb(), 1000)

    tracemalloc.start()
    try:
        results = intake.read_upload("bomb.zip", data, Limits(max_file_bytes=64 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    [result] = results
    assert result.name == "bomb.zip/bomb.txt"
    assert result.error.startswith("bomb.zip/bomb.txt: ")
    assert result.bulletins == ()
    assert peak < 1024 * 1024


def test_entry_unpacking_stops_past_the_limit_whatever_the_header_claims():
    data = zip_bytes({"bomb.txt": b"\0" * ZERO_BOMB})
    archive = zipfile.ZipFile(io.BytesIO(data))

    with pytest.raises(intake.IntakeError, match="распакованный файл больше 1,000 байт"):
        intake.read_entry(archive, archive.infolist()[0], 1000)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 10 + b"not a zip at all",
        zip_bytes({"a.txt": BULLETIN.encode()})[:-30],
        b"just text in a file called .zip",
    ],
    ids=["garbage-after-signature", "truncated", "text-named-zip"],
)
def test_corrupt_zip_is_refused_naming_the_archive(data):
    [result] = intake.read_upload("broken.zip", data)

    assert result.name == "broken.zip"
    assert result.error.startswith("broken.zip: повреждённый или не ZIP-архив")


def test_zip_entry_with_damaged_data_is_refused_naming_the_entry():
    data = bytearray(zip_bytes({"a.txt": BULLETIN.encode() * 20}, compression=zipfile.ZIP_STORED))
    start = data.index("Посол".encode())
    data[start : start + 4] = b"XXXX"  # the stored CRC no longer matches

    [result] = intake.read_upload("damaged.zip", bytes(data))

    assert result.name == "damaged.zip/a.txt"
    assert result.error.startswith("damaged.zip/a.txt: не удалось распаковать")


def test_nested_zip_is_refused_and_its_siblings_are_read():
    inner = zip_bytes({"inner.txt": SECOND.encode()})
    data = zip_bytes({"a.txt": BULLETIN.encode(), "inner.zip": inner})

    good, nested = intake.read_upload("outer.zip", data)

    assert good.bulletins[0].text == BULLETIN
    assert nested.name == "outer.zip/inner.zip"
    assert nested.error == "outer.zip/inner.zip: это архив ZIP внутри архива; вложенные архивы не принимаются"


def test_sha256_is_the_same_for_the_same_text_in_any_encoding_and_line_ending():
    utf8 = only_bulletin("a.txt", BULLETIN.encode("utf-8"))
    cp1251 = only_bulletin("b.txt", BULLETIN.replace("\n", "\r\n").encode("cp1251"))
    bom = only_bulletin("c.txt", BULLETIN.encode("utf-8-sig"))
    other = only_bulletin("d.txt", SECOND.encode())

    assert utf8.sha256 == cp1251.sha256 == bom.sha256 == intake.text_sha256(BULLETIN)
    assert len(utf8.sha256) == 64
    assert other.sha256 != utf8.sha256


@pytest.mark.parametrize(
    "variant",
    [
        BULLETIN + "\n\n",
        BULLETIN.replace("\n", "\r\n") + "\r\n",
        BULLETIN.replace("\n", "  \n") + " \t",
        BULLETIN.replace("\n", "\r"),
        BULLETIN.lstrip(" "),
        unicodedata.normalize("NFD", BULLETIN),
    ],
    ids=["trailing-newlines", "crlf", "trailing-spaces", "old-mac-cr", "no-leading-space", "decomposed"],
)
def test_sha256_ignores_white_space_around_lines_line_endings_and_composition(variant):
    assert only_bulletin("copy.txt", variant.encode()).sha256 == intake.text_sha256(BULLETIN)


def test_sha256_still_tells_apart_texts_that_differ_inside_a_line():
    changed = BULLETIN.replace("Посол Казахстана", "Посол  Казахстана", 1)

    assert intake.text_sha256(changed) != intake.text_sha256(BULLETIN)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (BULLETIN.encode() + "Продолжение — «цитата».\n".encode("cp1251"), 4),
        (BULLETIN.encode().rstrip(b".\n")[:-1], 3),
        (b"\xef\xbb\xbf" + BULLETIN.encode("cp1251"), 1),
    ],
    ids=["utf-8-with-a-cp1251-line", "utf-8-cut-mid-letter", "bom-then-cp1251"],
)
def test_utf8_file_with_broken_bytes_is_refused_not_read_as_cp1251_mojibake(data, line):
    error = refusal("mixed.txt", data)

    assert error.startswith(f"mixed.txt: строка {line}: ")
    assert "UTF-8" in error


@pytest.mark.parametrize("codec", ["cp866", "utf-8"])
def test_zip_entry_name_in_cyrillic_without_the_utf8_flag_is_shown_readable(codec):
    """Windows' own zip writes names in cp866 and Info-ZIP in UTF-8, neither setting the UTF-8 flag."""
    raw = "Бюллетень.txt".encode(codec)
    placeholder = b"x" * len(raw)
    data = zip_bytes({placeholder.decode(): BULLETIN.encode()}).replace(placeholder, raw)
    assert not zipfile.ZipFile(io.BytesIO(data)).infolist()[0].flag_bits & 0x800

    [result] = intake.read_upload("день.zip", data)

    assert result.name == "день.zip/Бюллетень.txt"
    assert result.bulletins[0].source_name == "день.zip/Бюллетень.txt"


def test_zip_entry_name_with_the_utf8_flag_is_kept():
    [result] = intake.read_upload("день.zip", zip_bytes({"Бюллетень.txt": BULLETIN.encode()}))

    assert result.name == "день.zip/Бюллетень.txt"
