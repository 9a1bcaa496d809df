from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The back office's dashboard: charts of the core's and the plugins' figures."""

    name = "cms.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")
