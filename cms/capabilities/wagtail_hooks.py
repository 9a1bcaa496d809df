from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.capabilities.actions import ASSIGN
from cms.capabilities.views import RolesView


@hooks.register("register_admin_urls")
def roles_urls():
    return [path("roles/", RolesView.as_view(), name="capabilities_roles")]


class RolesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ASSIGN)


@hooks.register("register_settings_menu_item")
def roles_menu_item():
    url = reverse("capabilities_roles")
    return RolesMenuItem(_("Roles and permissions"), url, icon_name="key", order=150)
