from cms.plugins import HelixPluginConfig


class AlphaConfig(HelixPluginConfig):
    name = "tests.plugins.alpha"
    label = "alpha"
    plugin_id = "alpha"
    verbose_name = "Alpha (test plugin)"
    version = "1.2.3"
    description = "Implements every hook for the plugin-system tests."
