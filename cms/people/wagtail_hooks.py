from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.people import views
from cms.people.capabilities import MANAGE


@hooks.register("register_admin_urls")
def people_urls():
    person = "people/<uuid:public_id>"
    return [
        path("people/", views.PeopleIndexView.as_view(), name="people_index"),
        path(
            "people/results/", views.PeopleIndexView.as_view(results_only=True), name="people_index_results"
        ),
        path(f"{person}/", views.PersonView.as_view(), name="people_person"),
        path(f"{person}/deactivate/", views.DeactivateView.as_view(), name="people_deactivate"),
        path(f"{person}/reactivate/", views.ReactivateView.as_view(), name="people_reactivate"),
        path(f"{person}/export/", views.ExportView.as_view(), name="people_export"),
        path(f"{person}/erase/", views.EraseView.as_view(), name="people_erase"),
    ]


class PeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE)


@hooks.register("register_admin_menu_item")
def people_menu_item():
    return PeopleMenuItem(_("People"), reverse("people_index"), icon_name="group", order=260)
