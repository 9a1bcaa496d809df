"""The People screen of the Wagtail admin: the listing, a person's page, and the actions on it.

Views only read and hand every change to ``cms.people.actions``; each action is a POST with
CSRF. Who may do what is asked with ``has_perm`` (an admin without a second factor has nothing).
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from rest_framework.utils.encoders import JSONEncoder
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.accounts.models import User
from cms.errors import HelixError
from cms.people import actions
from cms.people.capabilities import ERASE, MANAGE
from cms.people.filters import PeopleFilterSet
from cms.people.selectors import people, person

PAGE_SIZE = 50


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def project_names(user: User) -> str:
    return ", ".join(m.project.name for m in getattr(user, "active_memberships", []))


class PeopleIndexView(generic.IndexView):
    """Everyone with an account: name, e-mail, role, approval, second factor, last activity,
    projects; filtered, searched by name or e-mail, ordered, 50 to a page."""

    model = User
    page_title = gettext_lazy("People")
    header_icon = "group"
    index_url_name = "people_index"
    index_results_url_name = "people_index_results"
    filterset_class = PeopleFilterSet
    search_fields = ["first_name", "last_name", "email"]
    paginate_by = PAGE_SIZE
    default_ordering = "name"
    any_permission_required = None
    verbose_name = gettext_lazy("person")
    verbose_name_plural = gettext_lazy("people")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # No spreadsheet of everyone (Wagtail's ``?export=csv``): personal data leaves Helix one
        # person at a time, through the audited download.
        self.is_export = False

    def dispatch(self, request, *args, **kwargs):
        _require(request, MANAGE)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return people()

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            sign = "-" if self.ordering.startswith("-") else ""
            return queryset.order_by(f"{sign}last_name", f"{sign}first_name", f"{sign}email")
        ordered = super().order_queryset(queryset)
        return ordered.order_by(*ordered.query.order_by, "pk")  # a stable order across pages

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                accessor=lambda u: u.get_full_name() or u.email,
                label=gettext_lazy("Name"),
                sort_key="name",
                get_url=lambda u: reverse("people_person", args=[u.public_id]),
            ),
            Column("email", label=gettext_lazy("E-mail address"), sort_key="email"),
            Column("role", accessor="get_role_display", label=gettext_lazy("Role"), sort_key="role"),
            Column("approval_status", accessor="get_approval_status_display", label=gettext_lazy("Approval")),
            Column(
                "second_factor",
                accessor=lambda u: _yes_no(u.second_factor),
                label=gettext_lazy("Second factor"),
            ),
            Column(
                "is_active",
                accessor=lambda u: _("Active") if u.is_active else _("Deactivated"),
                label=gettext_lazy("Status"),
            ),
            DateColumn("last_activity", label=gettext_lazy("Last activity"), sort_key="last_activity"),
            Column("projects", accessor=project_names, label=gettext_lazy("Projects")),
        ]


class PersonMixin:
    """Finds the person of the URL (an erased or unknown account is not found) and checks the
    capability the view needs."""

    required = MANAGE

    def dispatch(self, request, *args, **kwargs):
        _require(request, self.required)
        self.person = person(kwargs["public_id"])
        if self.person is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def person_url(self) -> str:
        return reverse("people_person", args=[self.person.public_id])


class PersonView(PersonMixin, WagtailAdminTemplateMixin, TemplateView):
    """A person's account at a glance, with the buttons to deactivate or reactivate it, to
    download their data and (with "Erase people") to erase them."""

    template_name = "people/person.html"
    header_icon = "user"

    def get_page_title(self):
        return self.person.get_full_name() or self.person.email

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("people_index"), "label": _("People")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        organisations = self.person.organisations.all()
        return {
            **super().get_context_data(**kwargs),
            "person": self.person,
            "second_factor": _yes_no(self.person.second_factor),
            "projects": project_names(self.person),
            "organisations": ", ".join(o.name for o in organisations),
            "is_self": self.person.pk == user.pk,
            "can_erase": user.has_perm(ERASE),
        }


class PersonActionView(PersonMixin, View):
    """POST only: one action on the person, then back to their page with what happened."""

    http_method_names = ["post"]

    def act(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            messages.success(request, self.act())
        except HelixError as exc:
            messages.error(request, str(exc.message))
        return redirect(self.person_url())


class DeactivateView(PersonActionView):
    def act(self) -> str:
        actions.deactivate_person(self.person, by=self.request.user)
        return _("%(name)s can no longer sign in.") % {"name": self.person}


class ReactivateView(PersonActionView):
    def act(self) -> str:
        actions.reactivate_person(self.person, by=self.request.user)
        return _("%(name)s can sign in again.") % {"name": self.person}


class ExportView(PersonMixin, View):
    """POST: the person's GDPR export as a JSON file (the document of ``/api/v1/me/export/``)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            data = actions.export_person(self.person, by=request.user)
        except HelixError as exc:
            messages.error(request, str(exc.message))
            return redirect(self.person_url())
        body = json.dumps(data, cls=JSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        name = f"helix-export-{self.person.public_id}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response


class EraseForm(forms.Form):
    confirmation = forms.CharField(
        label=gettext_lazy("Type the person's e-mail address to confirm"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr", "spellcheck": "false"}),
    )


class EraseView(PersonMixin, WagtailAdminTemplateMixin, FormView):
    """GET: what an erasure does, and a field for the person's e-mail address. POST: erase them
    if the address matches (``cms.people.actions.erase_person``), then back to the listing."""

    required = ERASE
    form_class = EraseForm
    template_name = "people/erase.html"
    header_icon = "bin"

    def get_page_title(self):
        return _("Erase %(name)s") % {"name": self.person.get_full_name() or self.person.email}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("people_index"), "label": _("People")},
            {"url": self.person_url(), "label": self.person.get_full_name() or self.person.email},
            {"url": "", "label": _("Erase")},
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "person": self.person,
            "is_self": self.person.pk == self.request.user.pk,
        }

    def form_valid(self, form):
        try:
            actions.erase_person(
                self.person, by=self.request.user, confirmation=form.cleaned_data["confirmation"]
            )
        except HelixError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
            messages.error(self.request, str(exc.message))
            return self.form_invalid(form)
        messages.success(self.request, _("The account has been erased."))
        return redirect("people_index")
