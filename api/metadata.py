"""OPTIONS answers that never need an object.

DRF's ``SimpleMetadata`` calls ``get_object()`` for PUT to check object permissions; on the
signed-in singleton routes (``/me/``-like: mentor profile, networking plan, digest, thread
settings) there is no lookup kwarg and that raised a 500. The field description of a form does
not depend on which object it would change, so we describe it without one.
"""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import clone_request


class Metadata(SimpleMetadata):
    """``SimpleMetadata`` without the object lookup; any failure describes no actions."""

    def determine_actions(self, request, view):
        actions = {}
        for method in {"PUT", "POST"} & set(view.allowed_methods):
            view.request = clone_request(request, method)
            try:
                view.check_permissions(view.request)
                serializer = view.get_serializer()
                actions[method] = self.get_serializer_info(serializer)
            except (exceptions.APIException, AssertionError, TypeError, KeyError, AttributeError):
                pass
            finally:
                view.request = request
        return actions
