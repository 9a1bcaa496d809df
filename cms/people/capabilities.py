"""The capabilities of the People screen, declared by the core (``cms.hooks.capabilities``).

They hang on the account model (``accounts.user``) like the core's other account powers; their
labels live here so that the People screen's catalogue carries their translations.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cms.capabilities import Capability

MANAGE = "accounts.manage_people"
ERASE = "accounts.erase_users"


def people_capabilities() -> list[Capability]:
    """Seeing people, deactivating and reactivating them, downloading their data; erasing them."""
    return [
        Capability(
            MANAGE,
            "accounts.user",
            _("Manage people"),
            _(
                'See everyone with an account in "People", deactivate and reactivate accounts, '
                "and download a person's data (their GDPR export)."
            ),
            default_roles=("admin",),
            admin_only=True,
        ),
        Capability(
            ERASE,
            "accounts.user",
            _("Erase people"),
            _(
                "Erase a person's account and data at their request (GDPR right to erasure). "
                "This cannot be undone."
            ),
            default_roles=("admin",),
            admin_only=True,
        ),
    ]
