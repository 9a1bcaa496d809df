"""The committed frontend contract is the code's contract (Zulip's test_openapi)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

CONTRACT = Path(__file__).resolve().parent.parent / "frontend-contract"


def current_schema() -> dict:
    """The schema of the code, without the routes of the test-only plugins."""
    from django.conf import settings

    schema = SchemaGenerator().get_schema(request=None, public=True)
    schema = yaml.safe_load(OpenApiYamlRenderer().render(schema, renderer_context={}))
    test_prefixes = tuple(f"/api/v1/{app.rsplit('.', 1)[-1]}/" for app in settings.TEST_PLUGIN_APPS)
    schema["paths"] = {p: v for p, v in schema["paths"].items() if not p.startswith(test_prefixes)}
    return schema


def test_committed_openapi_matches_the_code(db):
    committed = yaml.safe_load((CONTRACT / "openapi.yaml").read_text())
    current = current_schema()
    drift = sorted(set(current["paths"]) ^ set(committed["paths"]))
    assert not drift, f"Paths differ from frontend-contract/openapi.yaml: {drift}. Run `make contract`."
    assert current == committed, "frontend-contract/openapi.yaml is stale: run `make contract`."


def test_committed_allauth_spec_matches_what_is_served(db):
    served = yaml.safe_load(Client().get("/_allauth/openapi.yaml").content)
    committed = yaml.safe_load((CONTRACT / "allauth-openapi.yaml").read_text())
    assert served == committed, "frontend-contract/allauth-openapi.yaml is stale: run `make contract`."


def test_docs_pages_are_served(db):
    client = Client()
    assert client.get("/api/docs/").status_code == 200
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/_allauth/openapi.html").status_code == 200
