from django.utils.translation import gettext_lazy as _

from cms.plugins import HelixPluginConfig


class PostsConfig(HelixPluginConfig):
    name = "plugins.posts"
    label = "posts"
    plugin_id = "posts"
    verbose_name = _("Posts")
    version = "1.0.0"
    requires = ()
    description = _(
        "Study, vacancy, event, project and tool posts: search, saving, suggesting, "
        "live information pages, digests and newsletters."
    )
    # The record of processing (docs/privacy.md, cms/privacy.py): how long each model keeps
    # personal data.
    retention = {
        "post": "Published content of the organisation behind it; the author is removed on erasure.",
        "savedpost": "While the account exists; deleted when it is erased.",
        "suggestion": (
            "While the talent's account exists; deleted when it is erased (the suggesting mentor is "
            "removed when theirs is)."
        ),
        "digestsubscription": "While the account exists; deleted when it is erased.",
        "newsletter": "Kept as sent content; its author and sender are removed on erasure.",
        "newsletterrecipient": "While the account exists; deleted when it is erased.",
    }

    def ready(self):
        super().ready()
        from plugins.posts import authors

        authors.connect()
