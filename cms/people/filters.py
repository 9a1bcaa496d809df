"""The filters of the People listing (a django-filter FilterSet in Wagtail's style)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets.boolean_radio_select import BooleanRadioSelect

from cms.accounts.models import ApprovalStatus, Role, User


class PeopleFilterSet(WagtailFilterSet):
    """Role, approval state, second factor (annotated by ``people()``) and active or not."""

    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)
    approval_status = django_filters.ChoiceFilter(label=_("Approval"), choices=ApprovalStatus.choices)
    second_factor = django_filters.BooleanFilter(label=_("Second factor"), widget=BooleanRadioSelect)
    is_active = django_filters.BooleanFilter(label=_("Active"), widget=BooleanRadioSelect)

    class Meta:
        model = User
        fields = []
