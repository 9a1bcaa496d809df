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
    # The record of processing (docs/privacy.md, cms/privacy.py): how long each model keeps
    # personal data.
    retention = {
        "employerdetails": "While the employer account exists; deleted when it is erased.",
        "employerrelation": "While both accounts exist; deleted when either is erased.",
        "cvview": (
            "While the talent's account exists (the talent sees who viewed the CV); deleted with it. "
            "An erased employer's views stay for the talent with the company name only."
        ),
    }

    def ready(self):
        super().ready()
        from plugins.employers import pool, signals  # noqa: F401  (connects the receivers)

        pool.connect()
