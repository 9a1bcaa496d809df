from cms.plugins import HelixPluginConfig


class BetaConfig(HelixPluginConfig):
    name = "tests.plugins.beta"
    label = "beta"
    plugin_id = "beta"
    verbose_name = "Beta (test plugin)"
    version = "0.1.0"
    requires = ("alpha",)
    enabled_by_default = False
    description = "Depends on alpha; disabled by default."
