from django.utils.translation import gettext_lazy as _

from cms.plugins import HelixPluginConfig


class LanguageBuddyConfig(HelixPluginConfig):
    default = True  # HelixPluginConfig is imported here too: this is the app's config
    name = "helix_language_buddy"
    label = "language_buddy"
    plugin_id = "language_buddy"
    verbose_name = _("Language buddies")
    version = "1.0.0"
    requires = ()
    description = _("A talent practises a language with a mentor who agreed to be their language buddy.")
    enabled_by_default = False  # a project manager switches it on
    default_auto_field = "django.db.models.BigAutoField"
