"""The dashboard page of the back office: charts with a table each, a CSV download each, and a
filter by project and period. Organisation staff see only their organisations' projects."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cms.dashboard.figures import collect
from cms.dashboard.forms import DashboardFilterForm
from cms.organisations.models import Project
from cms.organisations.staff import staff_organisation_ids

VIEW = "dashboard.view_dashboard"


def visible_projects(user) -> QuerySet:
    """Every project for an admin; for anyone else, the projects of the organisations they work
    for (none when they work for none)."""
    if user.is_helix_admin:
        return Project.objects.all()
    return Project.objects.filter(organisation_id__in=staff_organisation_ids(user))


def scope(user, project: Project | None) -> list[Project] | None:
    """The projects to count in: the one chosen; else ``None`` (everything) for an admin, and
    all of their projects for organisation staff."""
    if project is not None:
        return [project]
    if user.is_helix_admin:
        return None
    return list(visible_projects(user))


def _cell(value) -> str:
    """A CSV cell a spreadsheet never runs as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(figure: dict, since, until) -> HttpResponse:
    """One figure as CSV: a row per label, a column per series."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{figure['key'].replace('.', '-')}-{since:%Y-%m-%d}-{until:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow([_cell(figure["title"]), *(_cell(item["label"]) for item in figure["series"])])
    for index, label in enumerate(figure["labels"]):
        writer.writerow([_cell(label), *(item["data"][index] for item in figure["series"])])
    return response


class DashboardView(TemplateView):
    """GET ``project``, ``since``, ``until``: the charts; with ``format=csv&figure=<key>``, that
    chart's figures as a CSV file. A bad filter is a form error on the page (400 for a CSV)."""

    template_name = "dashboard/admin/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = DashboardFilterForm(request.GET, projects=visible_projects(request.user))
        wants_csv = request.GET.get("format") == "csv"
        if not form.is_valid():
            if wants_csv:
                return HttpResponseBadRequest(_("Choose a valid project and period."))
            return self.render_to_response(self.get_context_data(form=form, figures=[]))
        since, until = form.period()
        figures = collect(scope(request.user, form.cleaned_data["project"]), since, until)
        if wants_csv:
            figure = next((f for f in figures if f["key"] == request.GET.get("figure")), None)
            if figure is None:
                raise Http404
            return as_csv(figure, form.cleaned_data["since"], form.cleaned_data["until"])
        query = request.GET.copy()
        query["format"] = "csv"
        for figure in figures:
            query["figure"] = figure["key"]
            figure["csv_url"] = f"?{query.urlencode()}"
            figure["rows"] = [
                (label, [item["data"][index] for item in figure["series"]])
                for index, label in enumerate(figure["labels"])
            ]
        return self.render_to_response(self.get_context_data(form=form, figures=figures))

    def get_context_data(self, **kwargs):
        figures = kwargs.get("figures", [])
        charts = [
            {key: figure[key] for key in ("key", "title", "kind", "labels", "series", "unit")}
            for figure in figures
        ]
        return {**super().get_context_data(**kwargs), "title": _("Dashboard"), "charts": charts}
