"""Business actions on organisations and projects."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from guardian.shortcuts import assign_perm

from cms.accounts.models import User
from cms.audit import record
from cms.errors import (
    AlreadyMember,
    InvalidTransition,
    NotApproved,
    PluginRequired,
    PluginRequirementOff,
    RoleNotAllowed,
)
from cms.organisations import switches
from cms.organisations.models import Organisation, PluginActivation, Project, ProjectMembership
from cms.outbox.mail import queue_mail

#: The capability to ask to join a project as a member (talents, mentors and organisation staff
#: by default; declared in ``cms.hooks.capabilities``).
JOIN_PROJECT = "organisations.join_project"


def can_manage_project(user: User, project: Project) -> bool:
    """Admins manage every project; approved staff manage their organisation's."""
    if not user.is_authenticated:
        return False
    if user.is_helix_admin:
        return True
    return user.is_approved and user.has_perm("organisations.change_project", project)


def create_project(organisation: Organisation, *, by: User, name: str, description: str = "",
                   join_policy: str = Project.JoinPolicy.APPROVAL, slug: str = "") -> Project:
    """Create a project of ``organisation``; its staff get the right to manage it."""
    with transaction.atomic():
        base = slugify(slug or name)[:70] or "project"
        candidate, n = base, 2
        while Project.objects.filter(slug=candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        project = Project.objects.create(
            organisation=organisation, name=name, slug=candidate,
            description=description, join_policy=join_policy,
        )
        for staff in organisation.staff.all():
            assign_perm("organisations.change_project", staff, project)
        record(by, "project.created", project)
    return project


PROJECT_FIELDS = ("name", "description", "join_policy", "is_active")


def update_project(project: Project, *, by: User, changes: dict) -> Project:
    """The running organisation (or an admin) changes a project's name, description, join
    policy or whether it is active."""
    _check_fields(changes, PROJECT_FIELDS)
    if not can_manage_project(by, project):
        raise RoleNotAllowed()
    with transaction.atomic():
        for field, value in changes.items():
            setattr(project, field, value)
        project.save()
        record(by, "project.updated", project, fields=sorted(changes))
    return project


ORGANISATION_PROFILE_FIELDS = (
    "name", "type", "description", "website", "contact_email", "contact_phone", "city",
)


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    """Admins edit every organisation's profile; approved staff edit their own."""
    if not user.is_authenticated:
        return False
    if user.is_helix_admin:
        return True
    return user.is_approved and organisation.staff.filter(pk=user.pk).exists()


def update_organisation_profile(organisation: Organisation, *, by: User, changes: dict,
                                sectors=None) -> Organisation:
    """Staff (or an admin) change their organisation's directory entry: description, contact
    details and, when ``sectors`` is given, its sectors. Its status is decided elsewhere."""
    _check_fields(changes, ORGANISATION_PROFILE_FIELDS)
    if not can_edit_organisation(by, organisation):
        raise RoleNotAllowed()
    with transaction.atomic():
        for field, value in changes.items():
            setattr(organisation, field, value)
        organisation.save()
        if sectors is not None:
            organisation.sectors.set(sectors)
        changed = sorted([*changes, *(["sectors"] if sectors is not None else [])])
        record(by, "organisation.updated", organisation, fields=changed)
    return organisation


def _check_fields(changes: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Not changed by this action: {', '.join(sorted(unknown))}")


def grant_staff_permissions(organisation: Organisation, user: User) -> None:
    """Give a new staff member the right to manage the organisation's projects."""
    for project in organisation.projects.all():
        assign_perm("organisations.change_project", user, project)


def request_to_join(project: Project, user: User, *, motivation: str = "") -> ProjectMembership:
    """Somebody whose role holds the capability to join projects (talents, mentors and
    organisation staff by default) asks to join a project; open projects accept at once."""
    if not user.has_perm(JOIN_PROJECT):
        raise RoleNotAllowed()
    if not user.is_approved:
        raise NotApproved()
    with transaction.atomic():
        membership = ProjectMembership.objects.select_for_update().filter(
            project=project, user=user
        ).first()
        if membership and membership.status in (
            ProjectMembership.Status.ACTIVE, ProjectMembership.Status.REQUESTED
        ):
            raise AlreadyMember()
        if membership is None:
            membership = ProjectMembership(project=project, user=user)
        membership.motivation = motivation
        membership.decided_at = None
        membership.decided_by = None
        membership.decision_note = ""
        if project.join_policy == Project.JoinPolicy.OPEN:
            membership.status = ProjectMembership.Status.ACTIVE
            membership.decided_at = timezone.now()
        else:
            membership.status = ProjectMembership.Status.REQUESTED
        membership.save()
    return membership


def decide_membership(membership: ProjectMembership, *, by: User, approve: bool,
                      note: str = "") -> ProjectMembership:
    """The owning organisation (or an admin) accepts or refuses a join request."""
    with transaction.atomic():
        locked = ProjectMembership.objects.select_for_update().select_related(
            "project", "user"
        ).get(pk=membership.pk)
        if locked.status != ProjectMembership.Status.REQUESTED:
            raise InvalidTransition()
        locked.status = (
            ProjectMembership.Status.ACTIVE if approve else ProjectMembership.Status.REJECTED
        )
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.decision_note = note
        locked.save()
        queue_mail(
            "mail/membership_decided",
            user=locked.user,
            context={"project": locked.project, "approved": approve, "note": note},
            key=f"membership-decision:{locked.pk}:{locked.decided_at.isoformat()}",
        )
        record(by, "membership.approved" if approve else "membership.rejected", locked)
    return locked


def set_plugin_activation(project: Project, plugin_id: str, *, enabled: bool,
                          config: dict | None = None, by: User | None = None) -> PluginActivation:
    """Switch a plugin on or off in a project, audited.

    ``requires`` holds inside the project: a plugin that switched-on plugins require cannot be
    switched off (``PluginRequired`` names them), nor a plugin switched on while one it requires
    is off (``PluginRequirementOff``).
    """
    name = switches.plugin_name
    if not enabled:
        needed_by = switches.switched_on_dependants(project, plugin_id)
        if needed_by:
            raise PluginRequired(name(plugin_id), [name(p) for p in needed_by])
    else:
        needs = switches.switched_off_requirements(project, plugin_id)
        if needs:
            raise PluginRequirementOff(name(plugin_id), [name(p) for p in needs])
    with transaction.atomic():
        activation, _created = PluginActivation.objects.update_or_create(
            project=project, plugin_id=plugin_id,
            defaults={"enabled": enabled, **({"config": config} if config is not None else {})},
        )
        record(by, "plugin.enabled" if enabled else "plugin.disabled", project, plugin=plugin_id)
    project.__dict__.pop("_helix_activations", None)  # the manager's per-instance cache
    return activation
