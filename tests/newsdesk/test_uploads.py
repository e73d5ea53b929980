"""Upload limits on the admin upload page, applied while the request body is read."""

from __future__ import annotations

import io
import sys
import tracemalloc
from collections.abc import Iterator

import pytest
from django.test import Client
from django.test.client import ClientHandler

from newsdesk.models import Bulletin
from tests.factories import UserFactory, bulletin_text, zip_bytes
from tests.newsdesk.test_admin_upload import ADD_URL, GOOD, PAIR, ZIP_A, report_rows, upload

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024
THIRD = bulletin_text("Третий", "Коротко.")


@pytest.fixture
def editor(client):
    user = UserFactory(groups=["Editors"])
    client.force_login(user)
    return user


def statuses(rows: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    return [(status, name) for status, name, _ in rows]


def test_file_past_its_size_limit_is_refused_by_name_and_the_others_are_stored(client, editor, settings):
    settings.INTAKE_MAX_FILE_BYTES = 4096
    settings.INTAKE_MAX_ZIP_BYTES = 8192
    small_zip = zip_bytes({"a.txt": ZIP_A.encode()})
    assert len(small_zip) <= 8192
    files = [
        upload("good.txt", GOOD.encode()),
        upload("big.txt", GOOD.encode() + b"x" * 4096),
        upload("day.zip", small_zip, "application/zip"),
        upload("big.zip", small_zip + b"\0" * 8192, "application/zip"),
        upload("pair.txt", PAIR.encode()),
    ]

    rows = report_rows(client.post(ADD_URL, {"files": files}))

    # Files dropped while reading head the report; the others follow in the order sent.
    assert statuses(rows) == [
        ("failed", "big.txt"),
        ("failed", "big.zip"),
        ("created", "good.txt"),
        ("created", "day.zip/a.txt"),
        ("created", "pair.txt"),
    ]
    assert rows[0][2] == "big.txt: файл больше 4,096 байт"
    assert rows[1][2] == "big.zip: архив больше 8,192 байт"
    assert Bulletin.objects.count() == 4


def test_file_that_would_take_the_upload_past_its_total_is_refused_and_later_files_may_fit(
    client, editor, settings
):
    first, second, third = GOOD.encode(), PAIR.encode(), THIRD.encode()
    assert len(second) > len(third)
    settings.INTAKE_MAX_UPLOAD_BYTES = len(first) + len(third)

    rows = report_rows(
        client.post(
            ADD_URL,
            {"files": [upload("first.txt", first), upload("second.txt", second), upload("third.txt", third)]},
        )
    )

    assert statuses(rows) == [("failed", "second.txt"), ("created", "first.txt"), ("created", "third.txt")]
    assert rows[0][2].startswith("second.txt: не принят: файлы одной загрузки вместе больше ")
    assert sorted(Bulletin.objects.values_list("title", flat=True)) == [
        "Посол встретился с министром",
        "Третий",
    ]


def test_upload_of_only_refused_files_shows_the_report_not_the_empty_form_error(client, editor, settings):
    settings.INTAKE_MAX_FILE_BYTES = 10

    response = client.post(ADD_URL, {"files": [upload("big.txt", GOOD.encode())]})

    assert report_rows(response) == [("failed", "big.txt", "big.txt: файл больше 10 байт")]
    assert "Выберите файлы или вставьте текст бюллетеня." not in response.content.decode("utf-8")


def test_more_than_a_hundred_files_in_one_upload_are_refused_and_nothing_is_stored(client, editor):
    files = [upload(f"{n}.txt", bulletin_text(f"Бюллетень {n}", "Текст.").encode()) for n in range(101)]

    response = client.post(ADD_URL, {"files": files})

    assert response.status_code == 400
    assert not Bulletin.objects.exists()


def test_upload_page_still_checks_the_csrf_token():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(groups=["Editors"]))
    browser.get(ADD_URL)
    token = browser.cookies["csrftoken"].value

    forged = browser.post(ADD_URL, {"files": [upload("good.txt", GOOD.encode())]})
    genuine = browser.post(
        ADD_URL, {"files": [upload("good.txt", GOOD.encode())], "csrfmiddlewaretoken": token}
    )

    assert forged.status_code == 403
    assert genuine.status_code == 200
    assert report_rows(genuine) == [("created", "good.txt", "1 бюллетень")]
    assert Bulletin.objects.count() == 1


class StreamedBody(io.RawIOBase):
    """A request body made as the server reads it, like a socket: never whole in memory."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            chunk = next(self.chunks, None)
            if chunk is None:
                return 0
            self.pending = memoryview(chunk)
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def multipart(fields: dict[str, str], files: list[tuple[str, int | bytes]], boundary: str):
    """A multipart/form-data body as a chunk iterator, and its length; a file is bytes or a size."""
    block = ("Посол встретился с министром. " * 2400).encode()[: 64 * 1024]
    parts: list[tuple[bytes, int | bytes]] = [
        (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode(), value.encode())
        for name, value in fields.items()
    ]
    for name, content in files:
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        parts.append((head, content))
    tail = f"--{boundary}--\r\n".encode()

    def chunks() -> Iterator[bytes]:
        for head, content in parts:
            yield head
            if isinstance(content, bytes):
                yield content
            else:
                for start in range(0, content, len(block)):
                    yield block[: min(len(block), content - start)]
            yield b"\r\n"
        yield tail

    length = len(tail) + sum(
        len(head) + (len(content) if isinstance(content, bytes) else content) + 2 for head, content in parts
    )
    return chunks(), length


def test_ten_files_of_20_mib_are_refused_while_read_and_the_server_holds_under_64_mib():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(groups=["Editors"]))
    browser.get(ADD_URL)
    token = browser.cookies["csrftoken"].value
    big = [(f"big-{n}.{'zip' if n % 2 else 'txt'}", 20 * MIB) for n in range(10)]
    boundary = "newsdesk-streamed-upload"
    chunks, length = multipart({"csrfmiddlewaretoken": token}, [*big, ("good.txt", GOOD.encode())], boundary)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": ADD_URL,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(length),
        "HTTP_COOKIE": "; ".join(f"{c.key}={c.coded_value}" for c in browser.cookies.values()),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BufferedReader(StreamedBody(chunks), 64 * 1024),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    assert length > 200 * MIB

    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        response = ClientHandler(enforce_csrf_checks=True)(environ)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 200
    rows = report_rows(response)
    assert rows[-1] == ("created", "good.txt", "1 бюллетень")
    limits = {"txt": "файл больше 2 МБ", "zip": "архив больше 16 МБ"}
    assert rows[:-1] == [("failed", name, f"{name}: {limits[name[-3:]]}") for name, _ in big]
    assert peak - before < 64 * MIB, f"the server held {(peak - before) / MIB:.1f} MiB"
