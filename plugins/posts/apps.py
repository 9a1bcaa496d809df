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
