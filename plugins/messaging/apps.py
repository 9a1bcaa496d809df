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
    # The record of processing (docs/privacy.md, cms/privacy.py): how long each model keeps
    # personal data.
    retention = {
        "thread": "Kept for the other side; the erased person is removed and the thread closed.",
        "threadparticipant": "While the account exists; deleted when it is erased.",
        "message": (
            "A person's own messages are deleted when the account is erased; the other side's stay, "
            "without the erased person's names and address."
        ),
        "messagingsettings": "While the account exists; deleted when it is erased.",
        "messagereport": "While the reporter's account exists; deleted when it is erased.",
    }
