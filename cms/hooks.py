"""The core's own hook implementations, registered as the plugin "core".

The core answers the same hooks as any plugin for what it stores itself:
accounts, profiles, consents, organisations and projects, the outbox, the
audit log, and the user data of the libraries it installs (allauth, guardian,
Wagtail's editorial models).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.forms.models import model_to_dict

from cms.gdpr import LIBRARY_MODELS, rows_of
from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl

HELIX_APPS = ("accounts", "sectors", "organisations", "outbox", "audit", "pages")


# --- roles ----------------------------------------------------------------------------
def _all_perms(*app_labels: str) -> list[str]:
    perms = []
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            for action in model._meta.default_permissions:
                perms.append(f"{label}.{action}_{model._meta.model_name}")
    return perms


@hookimpl
def role_permissions() -> dict[str, list[str]]:
    reference = ["sectors.view_sector", "organisations.view_organisation", "organisations.view_project"]
    return {
        "talent": reference,
        "mentor": reference,
        "employer": reference,
        "organisation": [
            *reference,
            "organisations.change_organisation",
            "organisations.add_project",
            "organisations.view_projectmembership",
            "organisations.change_projectmembership",
            # The back office of their own organisation (with a second factor, see
            # cms.accounts.middleware; each screen checks its capability and the organisation).
            "wagtailadmin.access_admin",
        ],
        "admin": [
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            *_all_perms(*HELIX_APPS),
            *_all_perms("wagtailimages", "wagtaildocs"),
        ],
    }


@hookimpl
def capabilities() -> list:
    from django.utils.translation import gettext_lazy as _

    from cms.capabilities import Capability
    from cms.orgadmin.capabilities import orgadmin_capabilities
    from cms.people.capabilities import people_capabilities

    return [
        Capability(
            "accounts.approve_accounts",
            "accounts.user",
            _("Approve accounts"),
            _("Approve or reject the accounts of organisations and employers that wait for approval."),
            default_roles=("admin",),
            admin_only=True,
        ),
        Capability(
            "accounts.assign_capabilities",
            "accounts.user",
            _("Assign capabilities"),
            _("Decide in \"Roles and permissions\" what each role may do."),
            default_roles=("admin",),
            admin_only=True,
            locked_for=("admin",),
        ),
        *people_capabilities(),
        *orgadmin_capabilities(),
        Capability(
            "organisations.join_project",
            "organisations.project",
            _("Join projects"),
            _(
                "Ask to join a project as a member; open projects accept at once, the others wait "
                "for the organisation that runs them."
            ),
            default_roles=("talent", "mentor", "organisation"),
        ),
        Capability(
            "audit.view_audit_log",
            "audit.auditentry",
            _("See the audit log"),
            _("Read who did what to which object and when, in the back office's audit log."),
            default_roles=("admin",),
            admin_only=True,
        ),
        Capability(
            "dashboard.view_dashboard",
            "dashboard.dashboard",
            _("See the dashboard"),
            _("See the dashboard's charts and download them; organisation staff see their projects."),
            default_roles=("organisation", "admin"),
        ),
    ]


@hookimpl
def periodic_jobs() -> list[PeriodicJob]:
    return [
        PeriodicJob("outbox.sweep", "* * * * *", "Re-send outbox rows never acknowledged"),
        PeriodicJob("outbox.purge", "17 3 * * *", "Delete old finished outbox rows"),
        PeriodicJob("pages.publish_scheduled", "* * * * *", "Publish and expire pages on their dates"),
        PeriodicJob("accounts.retention", "23 2 * * *", "Warn, then erase, accounts inactive too long"),
    ]


@hookimpl
def dashboard_stats(since) -> dict[str, Any]:
    from django.db.models import Count

    from cms.accounts.models import ApprovalStatus, User
    from cms.organisations.models import Organisation, ProjectMembership

    people = User.objects.filter(erased_at=None, is_active=True)
    per_role = dict(people.values_list("role").annotate(n=Count("id")).values_list("role", "n"))
    return {
        "core_users_by_role": [{"label": k, "value": v} for k, v in sorted(per_role.items())],
        "core_new_users": people.filter(date_joined__gte=since).count(),
        "core_pending_approvals": people.filter(approval_status=ApprovalStatus.PENDING).count(),
        "core_member_organisations": Organisation.objects.filter(
            status=ApprovalStatus.APPROVED
        ).count(),
        "core_project_members": ProjectMembership.objects.filter(
            status=ProjectMembership.Status.ACTIVE
        ).count(),
    }


@hookimpl
def dashboard_figures(projects, since, until) -> list[dict]:
    """Signups per role and week, approvals waiting, connections by kind and state, time to match."""
    from cms.dashboard.figures import core_figures

    return core_figures(projects, since, until)


@hookimpl
def impact_figures(projects, since, until) -> list[dict]:
    """Nationalities, first languages and gender of the talents who consented to be counted."""
    from cms.accounts.demographics import figures
    from cms.dashboard.figures import impact_min_cell

    return figures(projects, impact_min_cell())


# --- GDPR -----------------------------------------------------------------------------
def _profile_dict(profile) -> dict[str, Any] | None:
    if profile is None:
        return None
    data = model_to_dict(profile, exclude=["id", "user", "sectors", "photo", "cv", "logo"])
    data["sectors"] = [s.slug for s in profile.sectors.all()]
    for name in ("photo", "cv", "logo"):
        if hasattr(profile, name):
            data[name] = getattr(profile, name).name or None
    return data


def _one(model_label: str, user):
    model = apps.get_model(model_label)
    return model.objects.filter(user=user).first()


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from cms.audit.models import AuditEntry
    from cms.connections.selectors import export_user as export_connections
    from cms.organisations.models import Organisation, ProjectMembership
    from cms.outbox.models import OutboxMessage
    from cms.pages.models import FaqQuestion

    data: dict[str, Any] = {
        "accounts.user": {
            "id": str(user.public_id),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "nationality": str(user.nationality or ""),
            "first_language": user.first_language,
            "gender": user.gender,
            "role": user.role,
            "approval_status": user.approval_status,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "last_seen_at": user.last_seen_at.isoformat() if user.last_seen_at else None,
            "inactivity_warned_at": (
                user.inactivity_warned_at.isoformat() if user.inactivity_warned_at else None
            ),
        },
        "accounts.user_groups": list(user.groups.values_list("name", flat=True)),
        "accounts.user_user_permissions": [
            f"{p.content_type.app_label}.{p.codename}"
            for p in user.user_permissions.select_related("content_type")
        ],
        "accounts.talentprofile": _profile_dict(_one("accounts.TalentProfile", user)),
        "accounts.mentorprofile": _profile_dict(_one("accounts.MentorProfile", user)),
        "accounts.employerprofile": _profile_dict(_one("accounts.EmployerProfile", user)),
        "accounts.consent": list(
            user.consents.values("purpose", "version", "granted_at", "withdrawn_at")
        ),
        **export_connections(user),
        "organisations.organisation": list(
            Organisation.objects.filter(staff=user).values("slug", "name", "status")
        ),
        "organisations.organisation_staff": list(
            Organisation.objects.filter(staff=user).values_list("slug", flat=True)
        ),
        "organisations.projectmembership": list(
            ProjectMembership.objects.filter(user=user).values(
                "project__slug", "status", "motivation", "requested_at", "decided_at"
            )
        ),
        "outbox.outboxmessage": [
            {
                "job": row.actor_name,
                "created_at": row.created_at,
                "state": row.state,
                "subject": row.payload.get("subject"),
            }
            for row in OutboxMessage.objects.filter(user=user)
        ],
        "audit.auditentry": list(
            AuditEntry.objects.filter(actor=user).values(
                "action", "target_type", "target_id", "created_at"
            )
        ),
        "pages.faqquestion": list(
            FaqQuestion.objects.filter(asked_by=user).values(
                "question", "locale", "status", "answer", "created_at", "published_at"
            )
        ),
        "pages.faqquestion_answered": list(
            FaqQuestion.objects.filter(answered_by=user).values_list("public_id", flat=True)
        ),
    }
    for label, fields in LIBRARY_MODELS.items():
        model = apps.get_model(label)
        data[label] = list(rows_of(model, user).values(*fields))
    return data


@hookimpl(trylast=True)
def erase_user_data(user) -> list[str]:
    """Runs after every plugin's: deletes the core's rows and anonymises the account."""
    from cms.accounts.actions import erase_core_data
    from cms.connections.actions import erase_user as erase_connections

    return [*erase_connections(user), *erase_core_data(user)]
