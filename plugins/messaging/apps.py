from django.utils.translation import gettext_lazy as _

from cms.plugins import HelixPluginConfig


class MessagingConfig(HelixPluginConfig):
    name = "plugins.messaging"
    label = "messaging"
    plugin_id = "messaging"
    verbose_name = _("Messages")
    version = "1.0.0"
    # Any two people the core says are connected may write to each other, whichever plugin
    # connected them: it needs no other plugin, and none needs it.
    requires = ()
    description = _(
        "Messages between connected people: one conversation per pair, unread counts, e-mails about "
        "unread messages, blocking and reporting; read-only once the connection closes."
    )
