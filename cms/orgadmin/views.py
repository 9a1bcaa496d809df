"""The Organisations and projects screens of the Wagtail admin: the listing, an organisation's
page and profile form, and a project's page with its members, join requests and plugin switches.

Views only read and hand every change to ``cms.organisations.actions`` (the actions the API uses;
each writes the audit log). Who sees what is ``cms.orgadmin.selectors``: another organisation's
pages answer 404. Each change is a POST with CSRF.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.forms.models import fields_for_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from cms.accounts.admin_views import APPROVE
from cms.accounts.models import ApprovalStatus
from cms.errors import HelixError
from cms.orgadmin import selectors
from cms.organisations import actions
from cms.organisations.models import Organisation, Project, ProjectMembership
from cms.organisations.switches import plugin_name, plugin_switches
from cms.plugins import get_manager

PAGE_SIZE = 50
#: The API's limit (``api.serializers.directory.DESCRIPTION_MAX_CHARS``; a test keeps them equal).
DESCRIPTION_MAX_CHARS = 5000
PROFILE_FIELDS = ("name", "description", "website", "city", "contact_email", "contact_phone")


def _open(request) -> None:
    if not selectors.may_open(request.user):
        raise PermissionDenied


class OrganisationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Approval"), choices=ApprovalStatus.choices)

    class Meta:
        model = Organisation
        fields = []


class OrganisationIndexView(generic.IndexView):
    """The organisations one manages (every one with "Manage every organisation"): name, approval,
    city, staff and projects; filtered by approval, searched by name or city, 50 to a page."""

    model = Organisation
    page_title = gettext_lazy("Organisations")
    header_icon = "site"
    index_url_name = "orgadmin_index"
    index_results_url_name = "orgadmin_index_results"
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "city"]
    paginate_by = PAGE_SIZE
    default_ordering = "name"
    any_permission_required = None
    verbose_name = gettext_lazy("organisation")
    verbose_name_plural = gettext_lazy("organisations")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False  # no spreadsheet of organisations and their contacts

    def dispatch(self, request, *args, **kwargs):
        _open(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.organisations(self.request.user)

    def order_queryset(self, queryset):
        ordered = super().order_queryset(queryset)
        return ordered.order_by(*ordered.query.order_by, "pk")  # a stable order across pages

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        default = (
            Project.objects.filter(is_default=True).first() if selectors.sees_all(self.request.user) else None
        )
        if default is not None:  # it belongs to no organisation: reached from here
            url = reverse("orgadmin_project", args=[default.pk])
            buttons.append(HeaderButton(_("Instance-wide project"), url=url, icon_name="folder-open-inverse"))
        return buttons

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=gettext_lazy("Name"),
                sort_key="name",
                get_url=lambda o: reverse("orgadmin_organisation", args=[o.pk]),
            ),
            Column(
                "status", accessor="get_status_display", label=gettext_lazy("Approval"), sort_key="status"
            ),
            Column("city", label=gettext_lazy("City"), sort_key="city"),
            Column("staff_count", label=gettext_lazy("Staff")),
            Column("project_count", label=gettext_lazy("Projects")),
        ]


class OrganisationMixin:
    """Finds the organisation of the URL among those the person manages (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        _open(request)
        self.organisation = selectors.organisation(request.user, kwargs["pk"])
        if self.organisation is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def organisation_url(self) -> str:
        return reverse("orgadmin_organisation", args=[self.organisation.pk])

    def organisation_breadcrumbs(self, *last) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("orgadmin_index"), "label": _("Organisations")},
            {"url": self.organisation_url() if last else "", "label": self.organisation.name},
            *last,
        ]


class OrganisationView(OrganisationMixin, WagtailAdminTemplateMixin, TemplateView):
    """An organisation's profile, its staff and its projects; a waiting one links to Approvals."""

    template_name = "orgadmin/organisation.html"
    header_icon = "site"

    def get_page_title(self):
        return self.organisation.name

    def get_breadcrumbs_items(self):
        return self.organisation_breadcrumbs()

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "organisation": self.organisation,
            "staff": self.organisation.staff.order_by("last_name", "first_name", "pk"),
            "projects": selectors.projects_of(self.organisation),
            "pending": self.organisation.status == Organisation.Status.PENDING,
            "can_approve": user.has_perm(APPROVE),
            "can_edit": actions.can_edit_organisation(user, self.organisation),
        }


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # a website typed without a scheme is an https one
    return field.formfield(**kwargs)


class ProfileForm(forms.Form):
    """The organisation's directory entry, as the API's profile accepts it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = fields_for_model(Organisation, fields=PROFILE_FIELDS, formfield_callback=_formfield)
        self.fields.update(fields)
        self.fields["name"].required = True
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_MAX_CHARS
        for name in ("website", "contact_email", "contact_phone"):
            self.fields[name].widget.attrs["dir"] = "ltr"

    def clean_description(self):
        description = self.cleaned_data["description"]
        if len(description) > DESCRIPTION_MAX_CHARS:
            raise forms.ValidationError(
                _("A description is at most %(max)s characters (%(count)s given).")
                % {"max": f"{DESCRIPTION_MAX_CHARS:,}", "count": f"{len(description):,}"}
            )
        return description


class ProfileEditView(OrganisationMixin, WagtailAdminTemplateMixin, FormView):
    """GET: the profile form. POST: save it through ``update_organisation_profile`` (audited)."""

    template_name = "orgadmin/profile_form.html"
    form_class = ProfileForm
    header_icon = "edit"

    def get_page_title(self):
        return _("Edit %(name)s") % {"name": self.organisation.name}

    def get_breadcrumbs_items(self):
        return self.organisation_breadcrumbs({"url": "", "label": _("Edit profile")})

    def get_initial(self):
        return {field: getattr(self.organisation, field) for field in PROFILE_FIELDS}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.organisation}

    def form_valid(self, form):
        try:
            actions.update_organisation_profile(
                self.organisation, by=self.request.user, changes=form.cleaned_data
            )
        except HelixError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The profile of %(name)s is saved.") % {"name": self.organisation.name}
        )
        return redirect(self.organisation_url())


class ProjectMixin:
    """Finds the project of the URL among those the person manages (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        _open(request)
        self.project = selectors.project(request.user, kwargs["pk"])
        if self.project is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def project_url(self) -> str:
        return reverse("orgadmin_project", args=[self.project.pk])


class ProjectView(ProjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """A project: its join requests (oldest first) to approve or decline, its members, and one
    switch per installed plugin with what it requires and what requires it."""

    template_name = "orgadmin/project.html"
    header_icon = "folder-open-inverse"

    def get_page_title(self):
        return self.project.name

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("orgadmin_index"), "label": _("Organisations")}]
        organisation = self.project.organisation
        if organisation is not None:
            items.append(
                {"url": reverse("orgadmin_organisation", args=[organisation.pk]), "label": organisation.name}
            )
        return [*items, {"url": "", "label": self.project.name}]

    def _page(self, status: str, order: str, param: str):
        memberships = (
            self.project.memberships.filter(status=status).select_related("user").order_by(order, "pk")
        )
        return Paginator(memberships, PAGE_SIZE).get_page(self.request.GET.get(param))

    def get_context_data(self, **kwargs):
        names = {pid: str(config.verbose_name) for pid, config in get_manager().configs.items()}
        switches = [
            {
                "switch": switch,
                "requires": [names.get(pid, pid) for pid in switch.requires],
                "required_by": [names.get(pid, pid) for pid in switch.required_by],
            }
            for switch in plugin_switches(self.project)
        ]
        return {
            **super().get_context_data(**kwargs),
            "project": self.project,
            "requests": self._page(ProjectMembership.Status.REQUESTED, "requested_at", "requests"),
            "members": self._page(ProjectMembership.Status.ACTIVE, "decided_at", "members"),
            "switches": switches,
        }


class ProjectActionView(ProjectMixin, View):
    """POST only: one action on the project, then back to its page with what happened."""

    http_method_names = ["post"]

    def act(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            messages.success(request, self.act())
        except HelixError as exc:
            messages.error(request, str(exc.message))
        return redirect(self.project_url())


class DecideMembershipView(ProjectActionView):
    """Approve or decline one join request through ``decide_membership`` (the person is told by
    e-mail, with the note; audited)."""

    approve = True

    def act(self) -> str:
        membership = get_object_or_404(
            ProjectMembership.objects.select_related("user"),
            pk=self.kwargs["membership"],
            project=self.project,
        )
        note = self.request.POST.get("note", "").strip()[:2000]
        actions.decide_membership(membership, by=self.request.user, approve=self.approve, note=note)
        name = membership.user.get_full_name() or membership.user.email
        if self.approve:
            return _("%(name)s is now a member of %(project)s.") % {"name": name, "project": self.project}
        return _("The request of %(name)s is declined.") % {"name": name}


class PluginSwitchView(ProjectActionView):
    """Switch one installed plugin on or off through ``set_plugin_activation`` (audited; it
    refuses what would break a plugin's ``requires``)."""

    def act(self) -> str:
        plugin_id = self.kwargs["plugin_id"]
        if plugin_id not in get_manager().configs:
            raise Http404
        enabled = self.request.POST.get("enabled") == "on"
        actions.set_plugin_activation(self.project, plugin_id, enabled=enabled, by=self.request.user)
        values = {"plugin": plugin_name(plugin_id), "project": self.project}
        if enabled:
            return _("%(plugin)s is switched on in %(project)s.") % values
        return _("%(plugin)s is switched off in %(project)s.") % values
