from django.utils.translation import gettext_lazy as _

from cms.plugins import HelixPluginConfig


class MentoringConfig(HelixPluginConfig):
    name = "plugins.mentoring"
    label = "mentoring"
    plugin_id = "mentoring"
    verbose_name = _("Mentoring")
    version = "1.0.0"
    requires = ()
    description = _(
        "Matches between talents, mentors and organisations (core connections of its kinds), and "
        "meetings with reports and reminders."
    )
