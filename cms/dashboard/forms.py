"""The dashboard's filter: a project and a period."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The period shown when none is chosen.
DEFAULT_WEEKS = 12
#: The longest period, so that a chart keeps a readable number of weeks.
LONGEST = timedelta(days=731)
#: Up to this many projects the filter is a list; beyond it (thousands of projects make a page
#: of megabytes, bench/admin.py) a text box that takes the project's short name (slug).
CHOICES_LIMIT = 200


class DashboardFilterForm(forms.Form):
    """``project`` (one of those the viewer may see; empty: all of them), ``since`` and ``until``
    (dates, both included)."""

    project = forms.ModelChoiceField(queryset=None, required=False, label=_("Project"))
    since = forms.DateField(
        required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        field.queryset = projects
        field.empty_label = _("All projects")
        if projects.count() > CHOICES_LIMIT:
            field.to_field_name = "slug"
            field.widget = forms.TextInput(attrs={"placeholder": _("All projects")})
            field.help_text = _("Type the project's short name, as in its address (empty: all projects).")

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        until = data.get("until") or today
        since = data.get("since") or until - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
        if "since" in self.errors or "until" in self.errors:
            return data
        if since > until:
            raise forms.ValidationError(_("The start of the period must come before its end."))
        if until - since > LONGEST:
            raise forms.ValidationError(_("Choose a period of at most two years."))
        data["since"], data["until"] = since, until
        return data

    def period(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes: from the first day's midnight to the midnight after the
        last day (excluded)."""
        zone = timezone.get_current_timezone()
        since = datetime.combine(self.cleaned_data["since"], time.min, tzinfo=zone)
        until = datetime.combine(self.cleaned_data["until"] + timedelta(days=1), time.min, tzinfo=zone)
        return since, until
