"""Bulletin intake, pure: bytes in, parsed bulletins or a refusal with its reason out.

No database and no HTTP: the admin upload, ``import_bulletins`` and ``extract_meetings`` all go
through :func:`read_upload`, so a bulletin's text (and every offset into it) is the same
everywhere. The text is defined in spec/extraction.md: the file decoded (UTF-8, UTF-8 with BOM
or Windows-1251), the BOM removed, line endings turned into ``\\n``, from the bulletin's header
line up to the line before the next header or the end of the file.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePosixPath

from newsdesk.errors import IntakeError

HEADER = re.compile(r"^ ?date (?P<date>\S+)[ \t]+(?P<title>\S.*?)\s*$")
HEADER_START = re.compile(r"^ ?date \d{4}-\d{2}-\d{2}\b", re.MULTILINE)
DATELINE = re.compile(
    r"^(?P<place>[^\W\d][^.\n]{0,60}?)\.\s+(?P<day>\d{1,2})\s+(?P<month>[а-яё]+)\.?\s+"
    r"(?P<agency>[A-Z][A-Z ]{1,60}?)\s+[-–—]\s",
    re.IGNORECASE,
)
MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
SIGNATURES = (
    (b"%PDF", "это PDF-документ, а не текст бюллетеня"),
    (b"\x89PNG", "это изображение PNG, а не текст бюллетеня"),
    (b"\xff\xd8\xff", "это изображение JPEG, а не текст бюллетеня"),
    (b"GIF8", "это изображение GIF, а не текст бюллетеня"),
    (b"PK\x03\x04", "это архив ZIP внутри архива; вложенные архивы не принимаются"),
    (b"\xff\xfe", "файл в кодировке UTF-16; сохраните его в UTF-8 или Windows-1251"),
    (b"\xfe\xff", "файл в кодировке UTF-16; сохраните его в UTF-8 или Windows-1251"),
    (b"{\\rtf", "это документ RTF, а не текст бюллетеня"),
    (b"\xd0\xcf\x11\xe0", "это документ Microsoft Office, а не текст бюллетеня"),
)
UTF8_BOM = "\ufeff"
# Windows-1251 decodes nearly any byte; real Russian text is mostly Cyrillic letters.
MIN_CYRILLIC_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 2 * 1024 * 1024
    max_zip_entries: int = 500
    max_zip_total_bytes: int = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    date: date | None
    agency: str

    def to_json(self) -> dict:
        return {
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "agency": self.agency,
        }


@dataclass(frozen=True, slots=True)
class ParsedBulletin:
    source_name: str
    part: int
    date: date
    title: str
    text: str
    encoding: str
    dateline: Dateline | None

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one uploaded file (or one zip entry) gave: bulletins, or the reason it was refused."""

    name: str
    bulletins: tuple[ParsedBulletin, ...] = ()
    error: str | None = None

    @property
    def is_refused(self) -> bool:
        return self.error is not None


def text_sha256(text: str) -> str:
    """The duplicate check's fingerprint: the text less what re-saving a file changes.

    A bulletin saved again by another editor's tool (CRLF, spaces before or after lines, blank
    lines at the end, letters composed or decomposed: Unicode NFC) is the same bulletin, so it
    must be reported as a duplicate, not stored a second time.
    """
    return hashlib.sha256(dedupe_form(text).encode("utf-8")).hexdigest()


def dedupe_form(text: str) -> str:
    lines = unicodedata.normalize("NFC", normalise_newlines(text)).split("\n")
    return "\n".join(line.strip() for line in lines).strip()


def read_upload(name: str, data: bytes, limits: Limits = Limits()) -> list[FileResult]:
    """Parse one upload: a ``.zip`` gives one result per entry, anything else one result.

    Never raises for bad input: a refused file is a :class:`FileResult` whose ``error`` names
    the file and the problem.
    """
    return list(iter_upload(name, data, limits))


def iter_upload(name: str, data: bytes, limits: Limits = Limits()) -> Iterator[FileResult]:
    """:func:`read_upload` one result at a time: a zip's entries are unpacked and parsed only as
    they are consumed, so one entry's text at a time is in memory, not the whole archive's."""
    if name.lower().endswith(".zip") or data[:4] == b"PK\x03\x04":
        yield from read_zip(name, data, limits)
    else:
        yield read_file(name, data, limits)


def read_file(name: str, data: bytes, limits: Limits = Limits()) -> FileResult:
    """Parse one text file into its bulletins, or refuse it with the reason."""
    try:
        if len(data) > limits.max_file_bytes:
            raise IntakeError(
                name, f"файл больше допустимого: {len(data):,} байт при пределе {limits.max_file_bytes:,}"
            )
        text, encoding = decode(name, data)
        return FileResult(name=name, bulletins=tuple(parse_bulletins(name, text, encoding)))
    except IntakeError as error:
        return FileResult(name=name, error=str(error))


def read_zip(name: str, data: bytes, limits: Limits = Limits()) -> Iterator[FileResult]:
    """Each text entry of a zip archive, checked against the limits before anything is unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        yield FileResult(name=name, error=f"{name}: повреждённый или не ZIP-архив ({error})")
        return
    if len(entries) > limits.max_zip_entries:
        yield FileResult(
            name=name,
            error=f"{name}: в архиве {len(entries)} файлов при пределе {limits.max_zip_entries}",
        )
        return
    declared = sum(info.file_size for info in entries)
    if declared > limits.max_zip_total_bytes:
        yield FileResult(
            name=name,
            error=(
                f"{name}: распакованный архив занял бы {declared:,} байт "
                f"при пределе {limits.max_zip_total_bytes:,}"
            ),
        )
        return
    for info in entries:
        entry_name = f"{name}/{readable_entry_name(info)}"
        if is_unsafe_path(info.filename):
            yield FileResult(name=entry_name, error=f"{entry_name}: недопустимый путь в архиве")
            continue
        if info.file_size > limits.max_file_bytes:
            yield FileResult(
                name=entry_name,
                error=(
                    f"{entry_name}: файл больше допустимого: {info.file_size:,} байт "
                    f"при пределе {limits.max_file_bytes:,}"
                ),
            )
            continue
        try:
            content = read_entry(archive, info, limits.max_file_bytes)
        except IntakeError as error:
            yield FileResult(name=entry_name, error=f"{entry_name}: {error.reason}")
            continue
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as error:
            yield FileResult(name=entry_name, error=f"{entry_name}: не удалось распаковать ({error})")
            continue
        yield read_file(entry_name, content, limits)


def readable_entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name; without the UTF-8 flag zipfile reads it as cp437, but Windows wrote cp866."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp866")


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes:
    """Unpack one entry, stopping past ``max_bytes`` whatever its header claims (a zip bomb)."""
    with archive.open(info) as stream:
        content = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise IntakeError(info.filename, f"распакованный файл больше {max_bytes:,} байт")
    return content


def is_unsafe_path(path: str) -> bool:
    pure = PurePosixPath(path.replace("\\", "/"))
    return pure.is_absolute() or ".." in pure.parts or bool(re.match(r"^[A-Za-z]:", path))


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes to text with ``\\n`` line endings; returns (text, encoding name).

    Accepts UTF-8, UTF-8 with BOM and Windows-1251; refuses anything else with the reason.
    """
    if not data.strip():
        raise IntakeError(name, "файл пуст")
    for signature, reason in SIGNATURES:
        if data.startswith(signature):
            raise IntakeError(name, reason)
    if b"\x00" in data:
        raise IntakeError(name, "файл содержит нулевые байты: это двоичный файл или UTF-16 без BOM")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as error:
        # Windows-1251 Russian fails at its first letter; failing after valid non-ASCII UTF-8 means
        # broken UTF-8 (mixed encodings, a cut file), which Windows-1251 would turn into mojibake.
        if not data[: error.start].isascii():
            line = data.count(b"\n", 0, error.start) + 1
            raise IntakeError(
                name, f"строка {line}: испорченный UTF-8 (смешаны кодировки или файл обрезан)"
            ) from None
        text, encoding = decode_cp1251(name, data), "cp1251"
    if text.startswith(UTF8_BOM):
        text, encoding = text[1:], "utf-8-sig"
    if has_control_characters(text):
        raise IntakeError(name, "файл содержит управляющие символы: это не текст бюллетеня")
    return normalise_newlines(text), encoding


def decode_cp1251(name: str, data: bytes) -> str:
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise IntakeError(name, "кодировка не распознана: ожидается UTF-8 или Windows-1251") from None
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    if not letters or cyrillic / len(letters) < MIN_CYRILLIC_SHARE:
        raise IntakeError(name, "кодировка не распознана: ожидается UTF-8 или Windows-1251")
    return text


def has_control_characters(text: str) -> bool:
    return any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_bulletins(name: str, text: str, encoding: str) -> Iterator[ParsedBulletin]:
    """Split a decoded file at its header lines and parse each bulletin."""
    first_line = text.split("\n", 1)[0]
    if not HEADER_START.match(first_line):
        raise IntakeError(
            name,
            f"строка 1: нет заголовка бюллетеня « date ГГГГ-ММ-ДД Заголовок», а есть «{first_line[:60]}»",
        )
    starts = [match.start() for match in HEADER_START.finditer(text)]
    bounds = zip(starts, [*starts[1:], len(text)], strict=True)
    for part, (start, end) in enumerate(bounds, start=1):
        line_number = text.count("\n", 0, start) + 1
        yield parse_bulletin(name, part, line_number, text[start:end], encoding)


def parse_bulletin(name: str, part: int, line_number: int, text: str, encoding: str) -> ParsedBulletin:
    header, _, body = text.partition("\n")
    match = HEADER.match(header)
    if not match:
        raise IntakeError(name, f"строка {line_number}: в заголовке нет названия бюллетеня")
    try:
        header_date = date.fromisoformat(match["date"])
    except ValueError:
        raise IntakeError(name, f"строка {line_number}: неверная дата «{match['date']}»") from None
    if not body.strip():
        raise IntakeError(name, f"строка {line_number}: у бюллетеня нет текста")
    return ParsedBulletin(
        source_name=name,
        part=part,
        date=header_date,
        title=match["title"],
        text=text,
        encoding=encoding,
        dateline=parse_dateline(body.lstrip(), header_date),
    )


def parse_dateline(body: str, header_date: date) -> Dateline | None:
    """``Астана. 23 февраля. KAZAKHSTAN TODAY - `` → place, date and agency, when present.

    The dateline gives no year: it is the header's, or the year before when the day would
    otherwise fall after the header date (a bulletin of 2 January about 31 December).
    """
    match = DATELINE.match(body)
    if not match:
        return None
    month = MONTHS.get(match["month"].lower().replace("ё", "е"))
    return Dateline(
        place=match["place"].strip(),
        date=dateline_date(int(match["day"]), month, header_date) if month else None,
        agency=match["agency"].strip(),
    )


def dateline_date(day: int, month: int, header_date: date) -> date | None:
    for year in (header_date.year, header_date.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= header_date + timedelta(days=7):
            return candidate
    return None
