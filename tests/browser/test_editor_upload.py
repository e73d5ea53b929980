"""An editor's journey in a real browser: log in, upload several files, read the report, see extraction."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from newsdesk.models import Bulletin, ExtractionState
from tests.browser.admin_login import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Посол Казахстана провёл встречу в Брюсселе"
GOOD_BULLETIN = (
    f" date 2026-02-24 {TITLE}\n"
    "Астана. 23 февраля. KAZAKHSTAN TODAY - Посол Казахстана в Бельгии встретился с заместителем "
    "министра иностранных дел Бельгии, сообщает Министерство иностранных дел страны.\n"
    "Стороны обсудили ход реформ в Казахстане.\n"
)


def test_editor_uploads_two_files_sees_each_result_and_the_extracted_bulletin(
    page, live_server, artifacts_dir
):
    editor = UserFactory(groups=["Editors"])
    log_in(page, live_server, editor.username)

    page.goto(f"{live_server.url}/admin/newsdesk/bulletin/add/")
    page.set_input_files(
        "input[name=files]",
        [
            {"name": "brussels.txt", "mimeType": "text/plain", "buffer": GOOD_BULLETIN.encode("utf-8")},
            {
                "name": "scan.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
            },
        ],
    )
    page.click("input[type=submit][value='Загрузить']")

    report = page.locator("#upload-report")
    expect(report).to_be_visible()
    created = report.locator("tr.upload-created")
    expect(created).to_have_count(1)
    expect(created).to_contain_text("brussels.txt")
    expect(created).to_contain_text("создано")
    expect(created).to_contain_text("1 бюллетень")
    failed = report.locator("tr.upload-failed")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text("ошибка")
    expect(failed).to_contain_text("scan.pdf: это PDF-документ, а не текст бюллетеня")
    page.screenshot(path=str(artifacts_dir / "upload_result.png"), full_page=True)

    report.get_by_role("link", name="К списку бюллетеней").click()
    expect(page).to_have_url(re.compile(r"/admin/newsdesk/bulletin/$"))
    row = page.locator("#result_list tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("готово")
    page.screenshot(path=str(artifacts_dir / "bulletin_list.png"), full_page=True)

    bulletin = Bulletin.objects.get()
    assert (bulletin.state, bulletin.uploaded_by) == (ExtractionState.DONE, editor)
    assert bulletin.extraction is not None
