from django.utils.translation import gettext_lazy as _

from cms.plugins import HelixPluginConfig


class EmployersConfig(HelixPluginConfig):
    name = "plugins.employers"
    label = "employers"
    plugin_id = "employers"
    verbose_name = _("Employers")
    version = "1.0.0"
    # Employers connect with talents through core connections of this plugin's own kind; with
    # the messaging plugin on, connected people can write to each other. It needs no other plugin.
    requires = ()
    description = _(
        "Consent-based matching of employers with talents by sector, the talent pool, CV access "
        "with a view log, and information pages for employers."
    )

    def ready(self):
        super().ready()
        from plugins.employers import signals  # noqa: F401  (connects the receivers)
