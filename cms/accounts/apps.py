from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_signed_in, dispatch_uid="helix-accounts-signed-in")
        from cms.accounts import backends

        backends.connect()


def _signed_in(sender, request, user, **kwargs) -> None:
    """Signing in cancels a pending erasure for inactivity."""
    from cms.accounts.actions import cancel_inactivity_erasure

    cancel_inactivity_erasure(user)
