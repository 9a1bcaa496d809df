from django.utils.translation import gettext_lazy as _

from cms.plugins import HelixPluginConfig


class JourneyConfig(HelixPluginConfig):
    name = "plugins.journey"
    label = "journey"
    plugin_id = "journey"
    verbose_name = _("Journey")
    version = "1.0.0"
    # Who reads a talent's roadmap is the core's answer: any connection kind that declares
    # "progress" for a side (the mentoring plugin's talent–mentor and talent–organisation kinds).
    requires = ()
    description = _(
        "Each talent's progress on the 9-step roadmap to a job (a status per step, the step's "
        "checklist ticked off, notes from their mentor or coach) and the outcomes they reach: a job, "
        "an internship, a study, volunteer work or a start-up."
    )
    retention = {
        "stepstatus": "While the talent's account exists; deleted when it is erased.",
        "checklisttick": "While the talent's account exists; deleted when it is erased.",
        "stepnote": (
            "While the talent's account exists; deleted when the talent's or the author's account is erased."
        ),
        "outcome": (
            "While the talent's account exists; deleted when it is erased (who recorded it is "
            "forgotten when that account is erased)."
        ),
        "outcomereminder": "While the talent's account exists; deleted when it is erased.",
        "framework": "Content, kept until editors delete it.",
        "assessment": (
            "Kept with the organisation (deleted with it); who filled it in is forgotten when that "
            "account is erased."
        ),
        "assessmentscore": "Kept with its assessment.",
    }
