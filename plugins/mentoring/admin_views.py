"""The matching board of the Wagtail admin: open mentor requests with the explained suggestions
(a match proposed from one in one click), the connections per project and state, each mentor's
capacity, and a connection's timeline.

Admins see everything; organisation staff see what the API shows them: the requests, mentors
and connections of their own organisations' projects. Every change goes through the actions.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cms.connections.models import Connection, ConnectionEvent
from cms.errors import HelixError
from cms.organisations.models import Project, ProjectMembership
from cms.organisations.staff import staff_organisation_ids
from cms.sectors.models import Sector
from plugins.mentoring import selectors, suggestions
from plugins.mentoring.actions import matching
from plugins.mentoring.api.serializers import TIMELINE_KINDS, timeline_context
from plugins.mentoring.models import Domain, MatchKind, MentorshipRequest

PROPOSE = "mentoring.propose_match"
PAGE_SIZE = 50
TABS = ("requests", "connections", "mentors")


def board_projects(user):
    """The projects whose matching ``user`` sees: all for admins, their organisations' for staff."""
    projects = Project.objects.filter(is_active=True).select_related("organisation").order_by("name", "pk")
    if user.is_helix_admin:
        return projects
    return projects.filter(organisation_id__in=staff_organisation_ids(user))


def open_requests(user, project: Project | None = None):
    """Open requests ``user`` may answer (the API's scoping), oldest first; with ``project``, those
    made in it and those made outside any project by its active members."""
    requests = (
        selectors.visible_requests(user)
        .filter(status=MentorshipRequest.Status.OPEN)
        .select_related("talent", "project")
        .order_by("created_at", "pk")
    )
    if project is not None:
        members = ProjectMembership.objects.filter(
            user=OuterRef("talent"), project=project, status=ProjectMembership.Status.ACTIVE
        )
        outside = Q(project__isnull=True) | Q(project__is_default=True)
        requests = requests.filter(Q(project=project) | (outside & Exists(members)))
    return requests


def board_connections(user, project: Project | None = None, state: str = ""):
    """Mentoring's connections ``user`` may see, newest first, with their sides and project."""
    connections = (
        selectors.visible_matches(user)
        .filter(kind__in=selectors.MATCH_KINDS)
        .select_related("project", "talent", "mentor", "organisation")
        .order_by("-created_at", "-pk")
    )
    if project is not None:
        connections = connections.filter(project=project)
    if state in Connection.State.values:
        connections = connections.filter(state=state)
    return connections


def mentor_capacity(user, project: Project | None = None):
    """The mentors ``user`` may match (the suggestions' candidates), each with their capacity and
    how much of it active and paused talent–mentor connections take (one query per page)."""
    taken = (
        Connection.objects.filter(
            kind=MatchKind.TALENT_MENTOR, mentor=OuterRef("pk"), state__in=Connection.CONNECTING_STATES
        )
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mentors = (
        suggestions.candidate_mentors(user)
        .select_related("mentor_profile", "mentoring_profile")
        .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0))
        .order_by("first_name", "last_name", "pk")
    )
    if project is not None:
        members = ProjectMembership.objects.filter(
            user=OuterRef("pk"), project=project, status=ProjectMembership.Status.ACTIVE
        )
        mentors = mentors.filter(Exists(members))
    return mentors


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


class MatchingView(TemplateView):
    """The board's common ground: only people holding "Match talents and mentors" (checked with
    ``has_perm``), and the project filter limited to the projects they may see."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.has_perm(PROPOSE) and user.is_approved):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class BoardView(MatchingView):
    """GET ``?tab=requests|connections|mentors&project=<slug>&state=<state>&p=<page>``."""

    template_name = "mentoring/admin/board.html"

    def get_context_data(self, **kwargs):
        user, params = self.request.user, self.request.GET
        projects = list(board_projects(user))
        project = None
        if params.get("project"):
            project = next((p for p in projects if p.slug == params["project"]), None)
            if project is None:
                raise Http404
        tab = params.get("tab") if params.get("tab") in TABS else "requests"
        state = params.get("state", "")
        if tab == "requests":
            rows = open_requests(user, project)
        elif tab == "connections":
            rows = board_connections(user, project, state)
        else:
            rows = mentor_capacity(user, project)
        page = Paginator(rows, PAGE_SIZE).get_page(params.get("p"))
        if tab == "mentors":
            for mentor in page.object_list:
                profile = getattr(mentor, "mentor_profile", None)
                mentor.capacity = profile.max_mentees if profile else 0
                mentor.room = max(0, mentor.capacity - mentor.taken)
                mentoring = getattr(mentor, "mentoring_profile", None)
                mentor.accepting = mentoring.accepting_mentees if mentoring else True
        domains = dict(Domain.choices)
        if tab == "requests":
            for item in page.object_list:
                item.domain_labels = [domains.get(d, d) for d in item.domains]
        keep = {"tab": tab, "project": project.slug if project else "", "state": state}
        return {
            **super().get_context_data(**kwargs),
            "title": _("Matching board"),
            "tab": tab,
            "tabs": [
                ("requests", _("Open requests")),
                ("connections", _("Connections")),
                ("mentors", _("Mentors' capacity")),
            ],
            "projects": projects,
            "project": project,
            "state": state,
            "states": Connection.State.choices,
            "page": page,
            "filters": urlencode({k: v for k, v in keep.items() if v}),
            "project_query": urlencode({"project": project.slug}) if project else "",
        }


def _sector_names(slugs) -> dict[str, str]:
    """Sector names in the admin's language where translated (one query)."""
    names: dict[str, str] = {}
    language = (get_language() or "en").split("-")[0]
    for sector in Sector.objects.filter(slug__in=set(slugs)).select_related("locale"):
        if sector.slug not in names or sector.locale.language_code == language:
            names[sector.slug] = sector.name
    return names


class RequestView(MatchingView):
    """GET: one open request and the mentors suggested for it, best first, each score explained.
    POST ``mentor=<id>`` (and ``note``): answer the request with a match to that mentor, through
    the same action as ``POST /api/v1/match-requests/{id}/answer/`` (its e-mails too)."""

    template_name = "mentoring/admin/request.html"

    def get_request(self) -> MentorshipRequest:
        return get_object_or_404(
            selectors.visible_requests(self.request.user).select_related("talent", "project"),
            public_id=_uuid(self.kwargs["id"]),
        )

    def get_context_data(self, **kwargs):
        mentorship_request = self.get_request()
        rows = []
        if mentorship_request.status == MentorshipRequest.Status.OPEN:
            rows = suggestions.suggest_mentors(mentorship_request.talent, by=self.request.user)
        sectors = _sector_names(slug for row in rows for slug in row["explanation"]["shared_sectors"])
        domains = dict(Domain.choices)
        for row in rows:
            explained = row["explanation"]
            row["sectors"] = [sectors.get(slug, slug) for slug in explained["shared_sectors"]]
            row["domains"] = [domains.get(d, d) for d in explained["matching_domains"]]
        return {
            **super().get_context_data(**kwargs),
            "title": _("Request of %(name)s") % {"name": mentorship_request.talent.get_full_name()},
            "item": mentorship_request,
            "domains": [domains.get(d, d) for d in mentorship_request.domains],
            "suggestions": rows,
        }

    def post(self, request, *args, **kwargs):
        mentorship_request = self.get_request()
        mentor = get_object_or_404(
            suggestions.candidate_mentors(request.user), public_id=_uuid(request.POST.get("mentor"))
        )
        try:
            match = matching.answer_request(
                mentorship_request, by=request.user, mentor=mentor, note=request.POST.get("note", "").strip()
            )
        except HelixError as exc:
            messages.error(request, str(exc.message))
            return redirect("mentoring_board_request", id=mentorship_request.public_id)
        messages.success(
            request,
            _("%(talent)s and %(mentor)s are matched; both receive an e-mail.")
            % {"talent": mentorship_request.talent.get_full_name(), "mentor": mentor.get_full_name()},
        )
        return redirect("mentoring_board_connection", id=match.public_id)


class ConnectionView(MatchingView):
    """GET: one connection and its timeline, oldest first: state changes, meetings, reports."""

    template_name = "mentoring/admin/connection.html"

    def get_context_data(self, **kwargs):
        connection = get_object_or_404(
            board_connections(self.request.user), public_id=_uuid(self.kwargs["id"])
        )
        events = list(ConnectionEvent.objects.filter(connection=connection).select_related("actor"))
        meetings = timeline_context(events)["meetings"]
        labels = dict(TIMELINE_KINDS)
        entries = []
        for event in events:
            data = event.data if isinstance(event.data, dict) else {}
            entries.append(
                {
                    "event": event,
                    "label": labels.get(event.kind, event.kind),
                    "meeting": meetings.get(data.get("meeting")),
                    "reason": data.get("reason") or data.get("note") or "",
                }
            )
        return {
            **super().get_context_data(**kwargs),
            "title": _("Connection timeline"),
            "connection": connection,
            "kind": dict(MatchKind.choices).get(connection.kind, connection.kind),
            "entries": entries,
        }
