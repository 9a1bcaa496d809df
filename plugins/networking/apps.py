from django.utils.translation import gettext_lazy as _

from cms.plugins import HelixPluginConfig


class NetworkingConfig(HelixPluginConfig):
    name = "plugins.networking"
    label = "networking"
    plugin_id = "networking"
    verbose_name = _("Networking Guide")
    version = "1.0.0"
    # Who reads a talent's plan is asked of the core's connections, so no other plugin is needed:
    # any connection kind that declares "networking_plan" for a side lets that side read the plan
    # and comment on it while the connection is active or paused (the mentoring plugin's
    # talent–mentor kind does so for the mentor). Without such a kind, only the talent and admins
    # read it.
    requires = ()
    description = _(
        "The 7-step Networking Guide for talents and organisers, and each talent's networking plan: "
        "mind map, goals, action plan, contacts with follow-up reminders, progress per step."
    )
    # The record of processing (docs/privacy.md, cms/privacy.py): how long each model keeps
    # personal data.
    retention = {
        "networkingplan": (
            "While the talent's account exists; deleted with everything in it when it is erased."
        ),
        "plangoal": "With its plan.",
        "planmilestone": "With its plan.",
        "plancontact": "With its plan.",
        "stepprogress": "With its plan.",
        "plancomment": "With its plan; a mentor's comments are deleted when the mentor's account is erased.",
    }
