"""The capabilities of the Organisations and projects screens, declared by the core
(``cms.hooks.capabilities``).

They hang on the organisation model like the core's other organisation powers; their labels live
here so that the screens' catalogue carries their translations.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cms.capabilities import Capability

MANAGE = "organisations.manage_organisations"
MANAGE_ALL = "organisations.manage_all_organisations"


def orgadmin_capabilities() -> list[Capability]:
    """Managing one's own organisations in the back office; managing every organisation."""
    return [
        Capability(
            MANAGE,
            "organisations.organisation",
            _("Manage organisations and projects"),
            _(
                'Open "Organisations" in the back office: edit an organisation\'s profile, decide on '
                "requests to join its projects and switch its projects' plugins. Organisation staff "
                "manage their own organisation only."
            ),
            default_roles=("organisation", "admin"),
        ),
        Capability(
            MANAGE_ALL,
            "organisations.organisation",
            _("Manage every organisation"),
            _('See and manage every organisation and project in "Organisations", not only one\'s own.'),
            default_roles=("admin",),
            admin_only=True,
        ),
    ]
