from django.utils.translation import gettext_lazy as _

from cms.plugins import HelixPluginConfig


class NetworkingConfig(HelixPluginConfig):
    name = "plugins.networking"
    label = "networking"
    plugin_id = "networking"
    verbose_name = _("Networking Guide")
    version = "1.0.0"
    # A talent's matched mentor reads and comments on the plan: the matches are the mentoring plugin's.
    requires = ("mentoring",)
    description = _(
        "The 7-step Networking Guide for talents and organisers, and each talent's networking plan: "
        "mind map, goals, action plan, contacts with follow-up reminders, progress per step."
    )
