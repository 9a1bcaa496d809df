"""The core's own hook implementations, registered as the plugin "core".

The core answers the same hooks as any plugin for what it stores itself:
accounts, profiles, consents, organisations and projects, the outbox, the
audit log, and the user data of the libraries it installs (allauth, guardian,
Wagtail's editorial models).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from cms.gdpr import rows_of, user_relation_fields
from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl

HELIX_APPS = ("accounts", "sectors", "organisations", "outbox", "audit", "pages")

# Libraries' models that refer to users. Nullable references (authorship of
# pages, images, revisions, log entries) are set to null on erasure; the rest
# are deleted. A new library model with user data must be added here:
# tests/test_gdpr.py fails until it is.
LIBRARY_MODELS = {
    "account.emailaddress": ("email", "verified", "primary"),
    "mfa.authenticator": ("type", "created_at", "last_used_at"),
    "guardian.userobjectpermission": ("permission_id", "content_type_id", "object_pk"),
    "wagtail_localize.segmentoverride": ("id", "created_at"),
    "wagtail_localize.stringtranslation": ("id", "created_at", "updated_at"),
    "wagtailadmin.editingsession": ("id", "object_id", "last_seen_at"),
    "wagtailadmin.formstate": ("id", "object_id", "last_updated_at"),
    "wagtailcore.comment": ("id", "text", "created_at"),
    "wagtailcore.commentreply": ("id", "text", "created_at"),
    "wagtailcore.modellogentry": ("id", "action", "timestamp", "label"),
    "wagtailcore.page": ("id", "title", "url_path"),
    "wagtailcore.pagelogentry": ("id", "action", "timestamp", "label"),
    "wagtailcore.pagesubscription": ("id", "page_id", "comment_notifications"),
    "wagtailcore.revision": ("id", "created_at", "object_str"),
    "wagtailcore.taskstate": ("id", "status", "started_at"),
    "wagtailcore.uploadedfile": ("id", "file"),
    "wagtailcore.workflowstate": ("id", "status", "created_at"),
    "wagtaildocs.document": ("id", "title", "created_at"),
    "wagtailimages.image": ("id", "title", "created_at"),
    "wagtailusers.userprofile": ("id", "preferred_language", "current_time_zone"),
}


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
        ],
        "admin": [
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            *_all_perms(*HELIX_APPS),
            *_all_perms("wagtailimages", "wagtaildocs"),
        ],
    }


@hookimpl
def periodic_jobs() -> list[PeriodicJob]:
    return [
        PeriodicJob("outbox.sweep", "* * * * *", "Re-send outbox rows never acknowledged"),
        PeriodicJob("outbox.purge", "17 3 * * *", "Delete old finished outbox rows"),
        PeriodicJob("pages.publish_scheduled", "* * * * *", "Publish and expire pages on their dates"),
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
            "role": user.role,
            "approval_status": user.approval_status,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
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


def _anonymise_library_rows(user) -> list[str]:
    handled = []
    for label in LIBRARY_MODELS:
        model = apps.get_model(label)
        for field in user_relation_fields(model):
            rows = model._default_manager.filter(**{field.name: user})
            if field.null:
                rows.update(**{field.name: None})
            else:
                rows.delete()
        handled.append(label)
    return handled


@hookimpl(trylast=True)
def erase_user_data(user) -> list[str]:
    """Runs after every plugin's: deletes the core's rows and anonymises the account."""
    from cms.accounts.models import Consent, EmployerProfile, MentorProfile, TalentProfile
    from cms.audit import record
    from cms.audit.models import AuditEntry
    from cms.organisations.models import Organisation, ProjectMembership
    from cms.outbox.models import OutboxMessage
    from cms.pages.models import FaqQuestion

    for model in (TalentProfile, MentorProfile, EmployerProfile):
        for profile in model.objects.filter(user=user):
            for name in ("photo", "cv", "logo"):
                file_field = getattr(profile, name, None)
                if file_field:
                    # Only once the erasure has committed: a rollback keeps the files.
                    storage, path = file_field.storage, file_field.name
                    transaction.on_commit(lambda s=storage, p=path: s.delete(p))
            profile.delete()
    Consent.objects.filter(user=user).delete()
    ProjectMembership.objects.filter(user=user).delete()
    ProjectMembership.objects.filter(decided_by=user).update(decided_by=None)
    for organisation in Organisation.objects.filter(staff=user):
        organisation.staff.remove(user)
    OutboxMessage.objects.filter(user=user).delete()
    AuditEntry.objects.filter(actor=user).update(actor=None)
    # Questions not published are the person's own words: deleted. Published ones are
    # editorial content by now (an editor answered them): kept, without the person.
    FaqQuestion.objects.filter(asked_by=user).exclude(status=FaqQuestion.Status.PUBLISHED).delete()
    FaqQuestion.objects.filter(asked_by=user).update(asked_by=None)
    FaqQuestion.objects.filter(answered_by=user).update(answered_by=None)
    handled = _anonymise_library_rows(user)

    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"erased-{user.public_id}@erased.invalid"
    user.first_name = ""
    user.last_name = ""
    user.approval_note = ""
    user.password = make_password(None)
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.save()
    record(None, "account.erased", user)
    return [
        "accounts.user", "accounts.user_groups", "accounts.user_user_permissions",
        "accounts.talentprofile", "accounts.mentorprofile", "accounts.employerprofile",
        "accounts.consent", "organisations.organisation", "organisations.organisation_staff",
        "organisations.projectmembership", "outbox.outboxmessage", "audit.auditentry",
        "pages.faqquestion", *handled,
    ]
