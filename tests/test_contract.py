"""The committed frontend contract is the code's contract (Zulip's test_openapi)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml
from django.conf import settings
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.settings import patched_settings

CONTRACT = Path(__file__).resolve().parent.parent / "frontend-contract"


def shipped_plugins() -> set[str]:
    """The plugins Helix ships: those its own pyproject.toml declares."""
    with (CONTRACT.parent / "pyproject.toml").open("rb") as file:
        return set(tomllib.load(file)["project"]["entry-points"]["helix.plugins"])


def without_foreign_plugins(endpoints, **kwargs):
    """Preprocessing hook: leave out the routes of installed plugins Helix does not ship (the test
    plugins and a partner's, tests/plugins/language_buddy, which `make install` installs). The
    committed contract is Helix's own; `make contract` leaves them out by installing only the
    shipped plugins (HELIX_PLUGINS)."""
    shipped = shipped_plugins()
    return [
        (path, regex, method, callback)
        for path, regex, method, callback in endpoints
        if getattr(getattr(callback, "cls", None), "helix_plugin_id", None) in (None, *shipped)
    ]


def current_schema() -> dict:
    """The schema of the code, without the routes (and components) of plugins Helix does not ship."""
    hooks = [*settings.SPECTACULAR_SETTINGS.get("PREPROCESSING_HOOKS", [])]
    hooks.append(f"{__name__}.without_foreign_plugins")
    with patched_settings({"PREPROCESSING_HOOKS": hooks}):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    return yaml.safe_load(OpenApiYamlRenderer().render(schema, renderer_context={}))


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


def test_a_meeting_in_person_has_an_empty_online_url_the_contract_allows():
    """``online_url`` is "" for a meeting in person: the contract must not say format uri."""
    schema = yaml.safe_load((CONTRACT / "openapi.yaml").read_text())
    online_url = schema["components"]["schemas"]["Meeting"]["properties"]["online_url"]
    assert online_url["type"] == "string" and "format" not in online_url


def test_a_tool_without_link_or_document_is_allowed_by_the_contract():
    """The tool block answers ``url: null, document: null`` when it has neither (the networking
    guide's "Opvolglijst"): both must be nullable in every page schema that has the block."""
    text = (CONTRACT / "openapi.yaml").read_text()
    schema = yaml.safe_load(text)
    tools = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("title") == "tool" and "value" in node.get("properties", {}):
                tools.append(node["properties"]["value"]["properties"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(schema)
    assert tools
    for value in tools:
        assert value["url"].get("nullable") and value["document"].get("nullable")
