"""Authentication classes of the API."""

from allauth.headless.contrib.rest_framework.authentication import XSessionTokenAuthentication


class SessionTokenAuthentication(XSessionTokenAuthentication):
    """allauth's app session token (``X-Session-Token``).

    Declares an authentication header so that DRF answers 401, not 403, to a
    request without credentials.
    """

    def authenticate_header(self, request) -> str:
        return 'Session realm="api"'
