"""Every answer of ``/api/v1/`` checked against the committed contract (``frontend-contract/openapi.yaml``).

The test suite (``cms.plugins.testing``) hands each answer its clients receive to
:func:`contract_violations`: the operation is found by path template and method, then the status,
the content type and the body must be ones the contract documents for it, error answers included.
When the server accepted a request (2xx), its body and query parameters must be ones the contract
allows too: a frontend sending what the contract says must not be the only one refused.

Routes the contract does not describe (a partner's plugin, Wagtail's admin API, a method the route
does not have) are not checked here; ``tests/test_contract.py`` keeps the routes themselves in step.
The spec and its validators are built once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

CONTRACT = Path(__file__).resolve().parent.parent / "frontend-contract" / "openapi.yaml"
PREFIX = "/api/v1/"

@dataclass
class Exchange:
    """One request and its answer, as the test client saw them."""

    method: str
    path: str
    query: str
    content_type: str
    body: bytes
    headers: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)
    status: int = 200
    response_content_type: str = ""
    response_body: bytes | None = b""
    response_headers: dict = field(default_factory=dict)


class _Request:
    """openapi-core's request protocol over an :class:`Exchange`."""

    host_url = "http://testserver"

    def __init__(self, exchange: Exchange):
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        self.path = exchange.path
        self.method = exchange.method.lower()
        self.body = exchange.body or None
        self.content_type = exchange.content_type
        self.parameters = RequestParameters(
            path={},
            query=ImmutableMultiDict(parse_qsl(exchange.query, keep_blank_values=True)),
            header=Headers(exchange.headers),
            cookie=ImmutableMultiDict(exchange.cookies),
        )


class _Response:
    """openapi-core's response protocol over an :class:`Exchange`."""

    def __init__(self, exchange: Exchange):
        from werkzeug.datastructures import Headers

        self.status_code = exchange.status
        self.content_type = exchange.response_content_type
        self.data = exchange.response_body
        self.headers = Headers(exchange.response_headers)


@functools.cache
def _validators():
    """The contract and its validators, built once (the spec is large; building it costs a second)."""
    import yaml
    from openapi_core import Config, OpenAPI
    from openapi_core.validation.request.validators import (
        V30RequestBodyValidator,
        V30RequestParametersValidator,
    )

    formats = {"uri": _is_uri}
    config = Config(extra_format_validators=formats)
    openapi = OpenAPI.from_dict(yaml.safe_load(CONTRACT.read_text()), config=config)
    return (
        openapi,
        V30RequestBodyValidator(openapi.spec, extra_format_validators=formats),
        V30RequestParametersValidator(openapi.spec, extra_format_validators=formats),
    )


def _short(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _describe(error: Exception) -> str:
    """An openapi-core error, with the schema errors under it (each says where and what is wrong)."""
    lines = [type(error).__name__]
    cause, details = error, []
    while cause is not None:
        details += list(getattr(cause, "schema_errors", ()) or ())
        cause = cause.__cause__
    if not details:
        lines[0] += f": {_short(str(error))}"
    for detail in details[:12]:
        where = "/".join(str(part) for part in detail.absolute_path) or "(the whole body)"
        lines.append(f"  at {where}: {_short(detail.message)}")
    return "\n".join(lines)


def _is_uri(value: str) -> bool:
    """The ``uri`` format: an absolute URI (a scheme and something after it) or a path on this
    server (``/api/v1/me/photo/``); "" is neither, which is how the contract tells an empty optional
    URL (``maxLength: 0``) from a real one."""
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path)) or (value.startswith("/") and " " not in value)


def contract_violations(exchange: Exchange) -> list[str]:
    """What in this exchange the contract does not allow (empty when all is well, or unchecked)."""
    if not exchange.path.startswith(PREFIX):
        return []
    from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound, ServerNotFound

    openapi, body_validator, parameters_validator = _validators()
    request, response = _Request(exchange), _Response(exchange)
    problems = []
    for error in openapi.response_validator.iter_errors(request, response):
        if isinstance(error, PathNotFound | OperationNotFound | ServerNotFound):
            return []  # not a route of the contract: the drift test speaks for routes
        problems.append(_describe(error))
    if 200 <= exchange.status < 300:
        # Bodies are checked where it is cheap and exact: JSON (multipart parts arrive as bytes).
        json_body = exchange.content_type.startswith("application/json") or not exchange.body
        for validator in (body_validator, parameters_validator) if json_body else (parameters_validator,):
            for error in validator.iter_errors(request):
                problems.append("The server accepted a request the contract does not allow: "
                                + _describe(error))
    return problems


def report(exchange: Exchange, problems: list[str]) -> str:
    """The message a failing test shows."""
    body = exchange.response_body or b""
    shown = body[:600].decode("utf-8", "replace") + ("…" if len(body) > 600 else "")
    query = f"?{exchange.query}" if exchange.query else ""
    return (
        f"{exchange.method} {exchange.path}{query} answered {exchange.status} "
        f"({exchange.response_content_type or 'no content type'}), which frontend-contract/openapi.yaml "
        f"does not allow:\n" + "\n".join(problems) + f"\nThe answer: {shown}\n"
        "Fix the serializer or the view's extend_schema, then `make contract`."
    )
