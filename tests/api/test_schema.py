"""The OpenAPI schema is valid and the Swagger UI loads nothing from the internet."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_schema_endpoint_serves_a_valid_openapi_3_document(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json() if "json" in response["Content-Type"] else yaml.safe_load(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert {"/api/meetings/", "/api/meetings/{id}/", "/api/people/", "/api/bulletins/{id}/"} <= set(
        schema["paths"]
    )
    parameters = {p["name"] for p in schema["paths"]["/api/meetings/"]["get"]["parameters"]}
    assert {"cursor", "page_size", "date_from", "date_to", "country", "person", "kind", "q"} <= parameters


def test_schema_generation_has_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_docs_page_loads_swagger_ui_from_our_own_static_files(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "asset from a CDN"
    assert not re.findall(r"https?://[^\s\"'<>]+\.(?:js|css|png|ico)", html)


def test_the_csv_export_is_in_the_schema_and_answers_a_token(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    token = Token.objects.create(user=UserFactory(groups=["Analysts"]))

    response = client.get("/api/meetings/export.csv", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert "text/csv" in schema["paths"]["/api/meetings/export.csv"]["get"]["responses"]["200"]["content"]
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_options_on_the_docs_page_is_refused_not_a_server_error(client):
    assert client.options("/api/docs/").status_code == 405
