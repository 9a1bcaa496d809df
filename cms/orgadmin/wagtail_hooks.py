from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.orgadmin import selectors, views


@hooks.register("register_admin_urls")
def orgadmin_urls():
    project = "organisations/projects/<int:pk>"
    return [
        path("organisations/", views.OrganisationIndexView.as_view(), name="orgadmin_index"),
        path(
            "organisations/results/",
            views.OrganisationIndexView.as_view(results_only=True),
            name="orgadmin_index_results",
        ),
        path("organisations/<int:pk>/", views.OrganisationView.as_view(), name="orgadmin_organisation"),
        path("organisations/<int:pk>/edit/", views.ProfileEditView.as_view(), name="orgadmin_profile"),
        path(f"{project}/", views.ProjectView.as_view(), name="orgadmin_project"),
        path(
            f"{project}/requests/<int:membership>/approve/",
            views.DecideMembershipView.as_view(approve=True),
            name="orgadmin_request_approve",
        ),
        path(
            f"{project}/requests/<int:membership>/decline/",
            views.DecideMembershipView.as_view(approve=False),
            name="orgadmin_request_decline",
        ),
        path(
            f"{project}/plugins/<slug:plugin_id>/",
            views.PluginSwitchView.as_view(),
            name="orgadmin_plugin_switch",
        ),
    ]


class OrganisationsMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_open(request.user)


@hooks.register("register_admin_menu_item")
def organisations_menu_item():
    return OrganisationsMenuItem(_("Organisations"), reverse("orgadmin_index"), icon_name="site", order=255)
