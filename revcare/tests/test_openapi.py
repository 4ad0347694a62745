"""The OpenAPI schema is valid and complete; /docs and /redoc work offline."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from revcare.management.commands.api_table import BEGIN, END, api_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_valid_openapi(schema):
    validate_schema(schema)
    assert schema["info"]["title"] == "RevCare API"


def test_schema_generation_has_no_warnings():
    # --fail-on-warn turns any guess drf-spectacular had to make into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_bearer_scheme_and_error_shape_are_documented(schema):
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT"
    }
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"status", "message", "detail"}
    logout = schema["paths"]["/auth/logout"]["post"]
    assert {"bearerAuth": []} in logout["security"]
    assert "401" in logout["responses"]


def test_every_operation_has_request_and_response_schemas(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["responses"], f"{method} {path} documents no response"
            for status, response in operation["responses"].items():
                assert status == "204" or "content" in response, f"{method} {path} {status} has no body schema"
            if method in ("post", "put", "patch") and operation.get("requestBody"):
                assert operation["requestBody"]["content"], f"{method} {path} has no request schema"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_render_from_local_assets(page):
    response = APIClient().get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/schema/" in html
    external = [url for url in re.findall(r'(?:src|href)="([^"]+)"', html) if url.startswith(("http:", "https:", "//"))]
    assert external == []


def test_docs_api_endpoint_table_is_current():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    documented = doc[doc.index(BEGIN): doc.index(END) + len(END)]
    assert documented == api_table(), "docs/api.md is stale: paste the output of `manage.py api_table`"


def test_every_operation_that_takes_a_body_documents_the_413_for_one_over_the_upload_limits(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            takes_body = bool(operation.get("requestBody"))
            assert ("413" in operation["responses"]) == takes_body, f"{method} {path}"
    assert schema["paths"]["/bookings/"]["post"]["responses"]["413"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"}
