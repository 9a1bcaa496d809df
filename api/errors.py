"""The one error shape of the API, with stable codes and translated messages.

``{"error": {"code": "validation_error", "message": "...", "fields": {...}}}``
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cms.errors import HelixError

CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ParseError: "parse_error",
}


def error_body(code: str, message: str, fields: dict | None = None, **extra) -> dict:
    """The JSON body of an error answer."""
    body = {"code": code, "message": str(message), "fields": fields or {}}
    body.update(extra)
    return {"error": body}


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return {
            key: [str(item) for item in value] if isinstance(value, list) else _field_errors(value)
            if isinstance(value, dict)
            else [str(value)]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {"non_field_errors": [str(detail)]}


def exception_handler(exc, context):
    """DRF's ``EXCEPTION_HANDLER``: map every known error to the one shape."""
    if isinstance(exc, HelixError):
        return Response(
            error_body(exc.code, exc.message, exc.fields, **getattr(exc, "extra", {})), status=exc.status
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(
            "validation_error", _("Some fields are not valid."), _field_errors(exc.detail)
        )
        return response
    code = CODES.get(type(exc))
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    if code is None:
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    elif isinstance(exc, exceptions.PermissionDenied) and getattr(detail, "code", None) not in (
        None,
        "permission_denied",
    ):
        code = detail.code
    extra = {}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        extra["retry_after"] = int(exc.wait)
    response.data = error_body(code, detail, **extra)
    return response


@csrf_exempt  # it changes nothing; without this a POST to an unknown path got the CSRF page
def not_found(request, *args, **kwargs):
    """404 for unknown paths under ``/api/``, in the same shape."""
    return JsonResponse(
        error_body("not_found", _("There is nothing at this address.")),
        status=status.HTTP_404_NOT_FOUND,
    )
