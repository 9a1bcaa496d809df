"""drf-spectacular extensions: how allauth's session token appears in the schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
