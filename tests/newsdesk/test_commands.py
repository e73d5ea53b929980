"""The management commands: import_bulletins, requeue_bulletins, bootstrap_site, extract_meetings."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsdesk import intake, roles
from newsdesk.models import Bulletin, ExtractionState
from tests.factories import BulletinFactory, bulletin_text, zip_bytes

FIRST = bulletin_text("Посол встретился с министром", "Стороны обсудили сотрудничество.")
SECOND = bulletin_text("Министр провёл переговоры", "Обсуждены вопросы торговли.")
THIRD = bulletin_text("Консультации МИД", "Прошли межмидовские консультации.")
SEED = Path(settings.BASE_DIR) / "samples" / "000_seed.txt"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_failing(*args: str) -> tuple[str, CommandError]:
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue(), raised.value


@pytest.fixture
def good_folder(tmp_path: Path) -> Path:
    (tmp_path / "first.txt").write_bytes(FIRST.replace("\n", "\r\n").encode("cp1251"))
    (tmp_path / "day.zip").write_bytes(
        zip_bytes({"a.txt": SECOND.encode(), "b.txt": THIRD.encode("utf-8-sig")})
    )
    (tmp_path / "notes.md").write_text("не бюллетень", encoding="utf-8")  # not a .txt or .zip: skipped
    return tmp_path


@pytest.mark.django_db
def test_import_of_a_good_folder_reports_what_was_created_and_succeeds(good_folder):
    output = run("import_bulletins", str(good_folder), "--no-progress")

    assert output.splitlines() == ["created 3 bulletin(s), 0 duplicate(s), 0 failed file(s)"]
    assert sorted(Bulletin.objects.values_list("title", flat=True)) == sorted(
        ["Посол встретился с министром", "Министр провёл переговоры", "Консультации МИД"]
    )
    assert Bulletin.objects.get(title="Посол встретился с министром").text == FIRST


@pytest.mark.django_db
def test_import_with_a_bad_file_stores_the_good_ones_lists_the_reason_and_fails(good_folder):
    (good_folder / "scan.txt").write_bytes(b"%PDF-1.5\n")

    output, error = run_failing("import_bulletins", str(good_folder), "--no-progress")

    lines = output.splitlines()
    assert lines[0] == "created 3 bulletin(s), 0 duplicate(s), 1 failed file(s)"
    assert lines[1:] == [f"  failed: {good_folder / 'scan.txt'}: это PDF-документ, а не текст бюллетеня"]
    assert str(error) == "1 file(s) could not be imported"
    assert Bulletin.objects.count() == 3


@pytest.mark.django_db
def test_import_of_a_missing_path_is_a_failure(tmp_path):
    missing = str(tmp_path / "nowhere")

    output, _ = run_failing("import_bulletins", missing, "--no-progress")

    assert "created 0 bulletin(s), 0 duplicate(s), 1 failed file(s)" in output
    assert f"  failed: {missing}: no such file or folder" in output


@pytest.mark.django_db
def test_running_the_import_again_reports_duplicates(good_folder):
    run("import_bulletins", str(good_folder), "--no-progress")

    output = run(
        "import_bulletins", str(good_folder / "first.txt"), str(good_folder / "day.zip"), "--no-progress"
    )

    assert output.splitlines() == ["created 0 bulletin(s), 3 duplicate(s), 0 failed file(s)"]
    assert Bulletin.objects.count() == 3


@pytest.mark.django_db
def test_import_extracts_the_bulletins_after_commit(good_folder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run("import_bulletins", str(good_folder), "--no-progress")

    assert len(callbacks) == 3
    assert set(Bulletin.objects.values_list("state", flat=True)) == {ExtractionState.DONE}


@pytest.mark.django_db
def test_requeue_bulletins_prints_how_many_were_sent(django_capture_on_commit_callbacks):
    stale = BulletinFactory()
    BulletinFactory()
    Bulletin.objects.filter(pk=stale.pk).update(state_changed_at=timezone.now() - timedelta(minutes=45))

    with django_capture_on_commit_callbacks(execute=True):
        output = run("requeue_bulletins", "--older-than", "30")

    assert output.splitlines() == ["requeued 1 bulletin(s)"]
    stale.refresh_from_db()
    assert stale.state == ExtractionState.DONE
    assert run("requeue_bulletins").splitlines() == ["requeued 0 bulletin(s)"]


@pytest.mark.django_db
def test_bootstrap_site_creates_groups_and_an_admin_whose_password_it_prints_once():
    Group.objects.all().delete()

    first = run("bootstrap_site")
    second = run("bootstrap_site")

    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ROLE_PERMISSIONS)
    [password] = re.findall(r"admin account created: admin / (\S+)", first)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(password)
    assert len(password) >= 16
    assert password not in second
    assert "account 'admin' exists" in second
    admin.refresh_from_db()
    assert admin.check_password(password)
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_bootstrap_site_takes_a_username():
    output = run("bootstrap_site", "--username", "redaktor")

    assert "admin account created: redaktor / " in output
    assert User.objects.get(username="redaktor").is_superuser


def extract_lines(*paths: Path) -> list[dict]:
    return [json.loads(line) for line in run("extract_meetings", *map(str, paths)).splitlines()]


def mentions(value) -> list[dict]:
    """Every {start, end, text} span anywhere in an extraction result."""
    if isinstance(value, dict):
        own = [value] if {"start", "end", "text"} <= value.keys() else []
        return own + [m for item in value.values() for m in mentions(item)]
    if isinstance(value, list):
        return [m for item in value for m in mentions(item)]
    return []


def test_extract_meetings_prints_one_json_line_per_bulletin(tmp_path):
    path = tmp_path / "two.txt"
    path.write_bytes((FIRST + SECOND).encode("cp1251"))

    lines = extract_lines(path)

    assert [line["part"] for line in lines] == [1, 2]
    for line in lines:
        assert set(line) == {"file", "part", "date", "title", "dateline", "error", "meetings"}
        assert line["file"] == str(path)
        assert line["error"] is None
        assert isinstance(line["meetings"], list)
    assert [line["title"] for line in lines] == ["Посол встретился с министром", "Министр провёл переговоры"]
    assert lines[0]["date"] == "2026-02-24"
    assert lines[0]["dateline"] == {"place": "Астана", "date": "2026-02-23", "agency": "KAZAKHSTAN TODAY"}


def test_extract_meetings_gives_a_bad_file_its_line_and_fails_at_the_end(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(FIRST, encoding="utf-8")
    bad.write_bytes(b"\x89PNG\r\n")
    out = io.StringIO()

    with pytest.raises(CommandError, match="2 file"):
        call_command("extract_meetings", str(bad), str(good), str(tmp_path / "missing.txt"), stdout=out)

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["file"], line["error"] is None) for line in lines] == [
        (str(bad), False),
        (str(good), True),
        (str(tmp_path / "missing.txt"), False),
    ]
    assert lines[0]["error"] == f"{bad}: это изображение PNG, а не текст бюллетеня"
    assert lines[0]["meetings"] == [] and lines[0]["title"] is None
    assert str(tmp_path / "missing.txt") in lines[2]["error"]


def test_extract_meetings_reads_each_entry_of_a_zip(tmp_path):
    path = tmp_path / "day.zip"
    path.write_bytes(zip_bytes({"a.txt": FIRST.encode(), "b.txt": (SECOND + THIRD).encode()}))

    lines = extract_lines(path)

    assert [(line["file"], line["part"]) for line in lines] == [
        (f"{path}/a.txt", 1),
        (f"{path}/b.txt", 1),
        (f"{path}/b.txt", 2),
    ]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: text.encode("utf-8-sig"),
        lambda text: text.replace("\n", "\r\n").encode("cp1251"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1251-crlf"],
)
def test_every_mention_offset_points_into_the_intake_normalised_text(tmp_path, encode):
    # The seed second: its offsets count from its own header, not from the start of the file.
    text = FIRST + SEED.read_text(encoding="utf-8")
    path = tmp_path / "seed.txt"
    data = encode(text)
    path.write_bytes(data)
    [parsed] = intake.read_upload(str(path), data)

    lines = extract_lines(path)

    assert [line["part"] for line in lines] == [b.part for b in parsed.bulletins] == [1, 2]
    for line, bulletin in zip(lines, parsed.bulletins, strict=True):
        assert line["title"] == bulletin.title
        for meeting in line["meetings"]:
            start, end = meeting["evidence"]["start"], meeting["evidence"]["end"]
            assert 0 <= start < end <= len(bulletin.text)
        for mention in mentions(line["meetings"]):
            assert bulletin.text[mention["start"] : mention["end"]] == mention["text"]


def test_extract_meetings_exits_with_status_1_and_prints_utf8_when_a_file_fails(tmp_path):
    good, bad = tmp_path / "хорошо.txt", tmp_path / "плохо.txt"
    good.write_text(FIRST, encoding="utf-8")
    bad.write_bytes(b"%PDF-1.5")

    result = subprocess.run(
        [sys.executable, "manage.py", "extract_meetings", str(good), str(bad)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "NEWSDESK_DATA_DIR": str(tmp_path)},
        capture_output=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [(line["file"], line["title"]) for line in lines] == [
        (str(good), "Посол встретился с министром"),
        (str(bad), None),
    ]
    assert "1 file(s) could not be read, parsed or extracted" in result.stderr.decode("utf-8")


def test_extract_meetings_names_the_file_and_part_the_engine_refused_and_goes_on(tmp_path, capsys):
    endless = FIRST.rstrip("\n") + " " + "Стороны обсудили сотрудничество. " * 7000 + "\n"
    path = tmp_path / "два.txt"
    path.write_text(endless + FIRST, encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("extract_meetings", str(path))

    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["error"].startswith(f"{path}: часть 1: текст бюллетеня длиннее 200 000 знаков")
    assert (first["meetings"], second["part"], second["error"]) == ([], 2, None)
