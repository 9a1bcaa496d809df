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
    # The record of processing (docs/privacy.md, cms/privacy.py): how long each model keeps
    # personal data.
    retention = {
        "mentoringprofile": "While the account exists; deleted when it is erased.",
        "mentorshiprequest": "While the talent's account exists; deleted when it is erased.",
        "matchfeedback": (
            "While the author's account exists; deleted when it is erased. The other side's "
            "feedback stays without the erased person's names."
        ),
        "meeting": (
            "Kept for the other participants; on erasure the person leaves it and their names are "
            "taken out of title, agenda and place."
        ),
        "meetingparticipant": "While the account exists; deleted when it is erased.",
        "meetingreport": (
            "While the author's account exists; deleted when it is erased. Reports by others stay "
            "without the erased person's names."
        ),
    }
