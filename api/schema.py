"""drf-spectacular extensions: how allauth's session token appears in the schema, and the error
answers every operation documents (the one error shape of ``api.errors``)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions, serializers


class XSessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.SessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "The session token the app receives from /_allauth/app/v1/auth/login.",
        }


def only_api_v1(endpoints, **kwargs):
    """Preprocessing hook: the contract covers ``/api/v1/`` only (not Wagtail's admin API)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class ErrorDetailSerializer(serializers.Serializer):
    """The inside of an error answer (``api.errors.error_body``)."""

    code = serializers.CharField(help_text="A stable machine code, e.g. validation_error, not_found.")
    message = serializers.CharField(help_text="A sentence for people, in the request's language.")
    fields = serializers.DictField(
        help_text="For validation errors: each field's messages (nested for nested objects)."
    )
    retry_after = serializers.IntegerField(required=False, help_text="With 429: seconds to wait.")
    available_locales = serializers.ListField(
        child=serializers.CharField(), required=False,
        help_text="With translation_missing: the languages the page exists in.",
    )


class ErrorSerializer(serializers.Serializer):
    """Every 4xx answer of the API: ``{"error": {"code", "message", "fields"}}``."""

    error = ErrorDetailSerializer()


#: What each error status means for a frontend, in the contract.
ERROR_DESCRIPTIONS = {
    "400": "Bad input: validation_error (with fields), parse_error, invalid_parameter or a business rule.",
    "401": "Not signed in, or the session token is not valid.",
    "403": "Signed in, but not allowed (permission_denied, account_not_approved, role_not_allowed…).",
    "404": "Not found, not visible to this account, or the plugin is not enabled.",
    "409": "Not possible in the current state (invalid_state, already_member…).",
    "413": "The body is too large (request_too_large).",
    "415": "The body is neither JSON nor a form (unsupported_media_type).",
    "429": "Too many requests (throttled); retry_after says when to try again.",
}


class HelixAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, documenting the error answers an operation can give.

    Every operation may answer 400 (bad parameters or a body that does not parse), 401 (a session
    token that is not valid), 404 (the path or a parameter names nothing this account may see, or
    the plugin is not enabled) and 429 (throttling); 403 where a permission is checked or the
    method is unsafe (CSRF), 409 on unsafe methods, 413 and 415 where a body is read. Each in the one error
    shape, so that the contract is true for every answer, not only the happy ones.
    """

    def _error_statuses(self) -> list[str]:
        codes = ["400", "401", "429"]
        unsafe = self.method not in ("GET", "HEAD", "OPTIONS")
        guarded = any(
            not isinstance(permission, permissions.AllowAny) for permission in self.view.get_permissions()
        )
        if guarded or unsafe:
            codes.append("403")
        codes.append("404")
        if unsafe:
            codes.append("409")
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["413", "415"]
        return sorted(codes)

    def _map_basic_serializer(self, serializer, direction):
        """In answers, a field whose model field may be empty says so: a nullable foreign key or
        date is ``nullable``, a choice the model lets be blank has ``""`` among its values. (The
        serializer's own flags speak for requests; these are set only while the answer is mapped.)"""
        if direction != "response" or not isinstance(serializer, serializers.ModelSerializer):
            return super()._map_basic_serializer(serializer, direction)
        changed = []
        for field in serializer.fields.values():
            model_field = _model_field(serializer.Meta.model, field.source)
            if model_field is None or model_field.auto_created or model_field.many_to_many:
                continue
            if model_field.null and not field.allow_null:
                changed.append((field, "allow_null", False))
                field.allow_null = True
            if (
                isinstance(field, serializers.ChoiceField)
                and model_field.blank
                and not getattr(field, "allow_blank", True)
            ):
                changed.append((field, "allow_blank", False))
                field.allow_blank = True
        try:
            return super()._map_basic_serializer(serializer, direction)
        finally:
            for field, name, value in changed:
                setattr(field, name, value)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        # A route that answers pages to a browser (?format=html) answers its errors as pages too.
        pages = any("text/html" in (answer.get("content") or {}) for answer in responses.values())
        for code in self._error_statuses():
            error = self._get_response_for_code(ErrorSerializer, code, ("application/json",), direction)
            if pages:
                error["content"]["text/html"] = {"schema": {"type": "string"}}
            documented = responses.get(code)
            if documented is None:
                error["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = error
            elif "content" not in documented:
                documented["content"] = error["content"]
        return dict(sorted(responses.items()))


def _model_field(model, source: str):
    """The model field a serializer field's ``source`` reads (through foreign keys); a nullable
    relation on the way makes the end nullable too (returned as that relation)."""
    if not source or source == "*":
        return None
    field = None
    for name in source.split("."):
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a property or a method, not a model field
            return None
        if field.null and name != source.split(".")[-1]:
            return field
        model = getattr(field, "related_model", None)
        if model is None and name != source.split(".")[-1]:
            return None
    return field


def nullable_references(result, generator, request, public):
    """Postprocessing hook: a nullable reference says so in a way every validator reads alike.

    drf-spectacular writes ``{allOf: [$ref], nullable: true}``; OpenAPI 3.0.3 says ``nullable``
    does not reach into ``allOf``, so strict validators refuse the ``null`` the API does send (a
    match without a mentor, a post whose author was erased). ``anyOf`` the reference or ``null``
    means what the API does.
    """

    def walk(node):
        if isinstance(node, dict):
            all_of = node.get("allOf")
            if node.get("nullable") and isinstance(all_of, list) and len(all_of) == 1 and "$ref" in all_of[0]:
                node.pop("allOf")
                node.pop("nullable")
                node["anyOf"] = [all_of[0], {"type": "object", "nullable": True, "enum": [None]}]
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(result)
    return result
