"""What a person may see in the Organisations and projects screens: the one scoping rule.

Holders of "Manage every organisation" see all; organisation staff (approved, of an approved
organisation) see the organisations they work for and, of their projects, those guardian lets them
manage (``organisations.change_project``, the API's rule). Everyone else sees nothing.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from cms.orgadmin.capabilities import MANAGE, MANAGE_ALL
from cms.organisations.actions import can_manage_project
from cms.organisations.models import Organisation, Project, ProjectMembership
from cms.organisations.staff import staff_organisation_ids


def sees_all(user) -> bool:
    """Whether ``user`` manages every organisation."""
    return user.has_perm(MANAGE) and user.has_perm(MANAGE_ALL)


def may_open(user) -> bool:
    """Whether the screens have anything for ``user``."""
    return user.has_perm(MANAGE) and (user.has_perm(MANAGE_ALL) or bool(staff_organisation_ids(user)))


def organisations(user) -> QuerySet[Organisation]:
    """The organisations ``user`` manages, with how many staff and projects each has."""
    found = Organisation.objects.annotate(
        staff_count=Count("staff", distinct=True), project_count=Count("projects", distinct=True)
    )
    if sees_all(user):
        return found
    if not user.has_perm(MANAGE):
        return found.none()
    return found.filter(pk__in=staff_organisation_ids(user))


def organisation(user, pk: int) -> Organisation | None:
    """One organisation ``user`` manages (None when it is not theirs or does not exist)."""
    return organisations(user).filter(pk=pk).first()


def projects_of(organisation: Organisation) -> QuerySet[Project]:
    """An organisation's projects with their members and open join requests counted."""
    status = ProjectMembership.Status
    return organisation.projects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=status.ACTIVE)),
        request_count=Count("memberships", filter=Q(memberships__status=status.REQUESTED)),
    ).order_by("name", "pk")


def project(user, pk: int) -> Project | None:
    """One project ``user`` manages: any for "Manage every organisation" (the instance-wide
    project too), else a project of their organisation that guardian lets them manage."""
    found = Project.objects.select_related("organisation").filter(pk=pk).first()
    if found is None or not user.has_perm(MANAGE):
        return None
    if sees_all(user):
        return found
    if found.organisation_id in staff_organisation_ids(user) and can_manage_project(user, found):
        return found
    return None
