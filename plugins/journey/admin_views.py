"""The back office's Self-assessment screens: the organisations one may assess and the
frameworks; an organisation's history against a framework (dimensions × dates, side by side)
with its CSV export; and the form for a new assessment.

Views only read (``plugins.journey.self_assessment``) and hand the one write to
``plugins.journey.actions.save_assessment`` (audited). Another organisation's screens answer 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from plugins.journey import actions, self_assessment
from plugins.journey.models import SCALE

PAGE_SIZE = 50


def _open(request) -> None:
    if not self_assessment.may_assess(request.user):
        raise PermissionDenied


class IndexView(TemplateView):
    """GET: the organisations one may assess (50 to a page) and the frameworks, linked."""

    template_name = "journey/admin/self_assessment_index.html"
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        _open(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        page = Paginator(self_assessment.organisations(self.request.user), PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        frameworks = [(f, f.localized) for f in self_assessment.frameworks()]
        return {
            **super().get_context_data(**kwargs),
            "title": _("Self-assessment"),
            "page": page,
            "frameworks": frameworks,
        }


class FrameworkMixin:
    """Finds the organisation (among those one may assess, else 404) and the framework."""

    def dispatch(self, request, *args, **kwargs):
        _open(request)
        self.organisation = self_assessment.organisation(request.user, kwargs["pk"])
        self.framework = self_assessment.framework(kwargs["framework"])
        if self.organisation is None or self.framework is None:
            raise Http404
        self.shown = self_assessment.localized(self.framework)
        return super().dispatch(request, *args, **kwargs)

    def urls(self) -> dict[str, str]:
        args = [self.organisation.pk, self.framework.pk]
        return {
            "history": reverse("journey_self_assessment_history", args=args),
            "new": reverse("journey_self_assessment_new", args=args),
            "export": reverse("journey_self_assessment_export", args=args),
            "index": reverse("journey_self_assessment"),
        }


class HistoryView(FrameworkMixin, TemplateView):
    """GET: the organisation's assessments side by side: a row per dimension, a column per date."""

    template_name = "journey/admin/self_assessment_history.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        dims, assessments = self_assessment.history_rows(self.organisation, self.framework)
        rows = [
            {"dimension": dim, "cells": [a.by_dimension.get(dim.id) for a in assessments]} for dim in dims
        ]
        return {
            **super().get_context_data(**kwargs),
            "title": _("Self-assessment"),
            "organisation": self.organisation,
            "framework": self.shown,
            "assessments": assessments,
            "rows": rows,
            "scale": SCALE,
            "urls": self.urls(),
        }


class AssessmentForm(forms.Form):
    """A score, notes and actions planned for each of the framework's dimensions."""

    def __init__(self, *args, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        choices = [("", _("Not scored"))] + [(str(value), label) for value, label in SCALE]
        for dim in dimensions:
            self.fields[f"score_{dim.id}"] = forms.TypedChoiceField(
                label=gettext_lazy("Score"), choices=choices, coerce=int, empty_value=None, required=False
            )
            self.fields[f"notes_{dim.id}"] = forms.CharField(
                label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"actions_{dim.id}"] = forms.CharField(
                label=gettext_lazy("Actions planned"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def sections(self):
        return [
            {
                "dimension": dim,
                "fields": [self[f"score_{dim.id}"], self[f"notes_{dim.id}"], self[f"actions_{dim.id}"]],
            }
            for dim in self.dimensions
        ]

    def clean(self):
        cleaned = super().clean()
        if not any(
            cleaned.get(f"score_{d.id}") or cleaned.get(f"notes_{d.id}") or cleaned.get(f"actions_{d.id}")
            for d in self.dimensions
        ):
            raise forms.ValidationError(_("Score or describe at least one dimension."))
        return cleaned

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            str(d.id): {
                "score": data.get(f"score_{d.id}"),
                "notes": data.get(f"notes_{d.id}", ""),
                "actions_planned": data.get(f"actions_{d.id}", ""),
            }
            for d in self.dimensions
        }


class NewAssessmentView(FrameworkMixin, TemplateView):
    """GET: the form, each dimension with its explanation and questions. POST: save it."""

    template_name = "journey/admin/self_assessment_form.html"

    def form(self, data=None) -> AssessmentForm:
        return AssessmentForm(data, dimensions=self_assessment.dimensions(self.framework))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("New self-assessment"),
            "organisation": self.organisation,
            "framework": self.shown,
            "form": kwargs.get("form") or self.form(),
            "urls": self.urls(),
        }

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        actions.save_assessment(self.organisation, self.framework, by=request.user, answers=form.answers())
        messages.success(request, _("The self-assessment is saved."))
        return redirect(self.urls()["history"])


class ExportView(FrameworkMixin, View):
    """GET: the history as a CSV download (dimension, score, notes and actions per date)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        body = self_assessment.history_csv(self.organisation, self.framework)
        name = f"self-assessment-{slugify(self.organisation.name) or self.organisation.pk}-"
        name += f"{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
