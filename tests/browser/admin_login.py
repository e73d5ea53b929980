"""Logging in to the admin in the browser, shared by the browser journeys."""

from __future__ import annotations

import re

from playwright.sync_api import expect

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password


def log_in(page, live_server, username: str) -> None:
    """Log ``username`` in through the admin login form and wait for the admin index."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
