"""The admin's view of background work: a dashboard panel and a note in the page editor."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component


class BackgroundWorkPanel(Component):
    """On the admin dashboard: Wagtail's background work (search index, usage, translation sync)
    that waits, runs or failed, per kind, and when each kind last finished."""

    name = "helix_background_work"
    order = 120
    template_name = "jobs/admin/background_work_panel.html"

    def get_context_data(self, parent_context=None):
        from cms.jobs.status import background_work

        kinds = background_work()
        return {
            "kinds": kinds,
            "busy": any(kind.pending or kind.running for kind in kinds),
            "failed": sum(kind.failed for kind in kinds),
        }


@hooks.register("construct_homepage_panels")
def add_background_work_panel(request, panels):
    if request.user.has_perm("wagtail_localize.submit_translation"):  # editors
        panels.append(BackgroundWorkPanel())


@hooks.register("before_edit_page")
def note_background_work_on_the_page(request, page):
    """Tell the editor when this page's search entry or translation sync has not finished yet."""
    if request.method != "GET":
        return
    from cms.jobs.status import unfinished_for_page

    if unfinished_for_page(page.pk):
        messages.info(
            request,
            _(
                "Helix is still updating this page in the background (search, usage or "
                "translations). The dashboard's Background work panel shows when it is done."
            ),
        )
