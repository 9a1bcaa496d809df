"""Demo accounts and organisation, for development and demonstrations only."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from cms.accounts import actions
from cms.accounts.models import ApprovalStatus, Role, User
from cms.organisations.models import Organisation, OrganisationType, Project, ProjectMembership
from cms.sectors.models import Sector

DEMO_PASSWORD = "helix-demo-2026"
# A fixed TOTP secret so that `manage.py totp_code` and any authenticator app
# agree from the first start. Demo installations only.
DEMO_ADMIN_TOTP_SECRET = "HELIXDEMOTOTPSECRETFORADMINSONLY"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    first_name: str
    last_name: str
    language: str
    approval: str = ApprovalStatus.APPROVED


DEMO_ACCOUNTS = [
    DemoAccount("talent@helix.example", Role.TALENT, "Amal", "Haddad", "ar"),
    DemoAccount("mentor@helix.example", Role.MENTOR, "Pieter", "Claes", "nl"),
    DemoAccount("organisation@helix.example", Role.ORGANISATION, "Sara", "Janssens", "nl"),
    DemoAccount("employer@helix.example", Role.EMPLOYER, "Tom", "Peeters", "en"),
    DemoAccount("admin@helix.example", Role.ADMIN, "Lena", "Maes", "en"),
    DemoAccount(
        "pending-organisation@helix.example", Role.ORGANISATION, "Yusuf", "Demir", "en",
        approval=ApprovalStatus.PENDING,
    ),
]

DEMO_ORGANISATION = {
    "slug": "bridge-to-work",
    "name": "Bridge to Work",
    "type": OrganisationType.MENTORING,
    "description": (
        "A mentoring organisation in Ghent that matches highly educated newcomers "
        "with volunteer mentors from their own field."
    ),
    "city": "Ghent",
    "website": "https://bridge-to-work.example",
}


def _account(spec: DemoAccount) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(spec.email, DEMO_PASSWORD)
        if spec.role == Role.ADMIN:
            user.first_name, user.last_name = spec.first_name, spec.last_name
            user.preferred_language = spec.language
            user.is_superuser = True
            user.save()
            actions.set_role(user, Role.ADMIN)
        else:
            actions.complete_signup(
                user,
                role=spec.role,
                first_name=spec.first_name,
                last_name=spec.last_name,
                preferred_language=spec.language,
                organisation_name=DEMO_ORGANISATION["name"]
                if spec.email == "organisation@helix.example"
                else f"{spec.first_name}'s Network",
                company="Flanders Logistics NV" if spec.role == Role.EMPLOYER else "",
            )
            user.refresh_from_db()
            if spec.approval != user.approval_status:
                User.objects.filter(pk=user.pk).update(approval_status=spec.approval)
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_core_demo() -> dict[str, User]:
    """Create the demo accounts, organisation and project (idempotent)."""
    with transaction.atomic():
        users = {spec.email: _account(spec) for spec in DEMO_ACCOUNTS}
        admin = users["admin@helix.example"]
        if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(admin, DEMO_ADMIN_TOTP_SECRET)
            RecoveryCodes.activate(admin)

        org_user = users["organisation@helix.example"]
        organisation = Organisation.objects.filter(staff=org_user).first()
        fields = {k: v for k, v in DEMO_ORGANISATION.items() if k != "slug"}
        Organisation.objects.filter(pk=organisation.pk).update(
            **fields, status=Organisation.Status.APPROVED
        )
        organisation.refresh_from_db()
        if organisation.slug != DEMO_ORGANISATION["slug"] and not Organisation.objects.filter(
            slug=DEMO_ORGANISATION["slug"]
        ).exists():
            organisation.slug = DEMO_ORGANISATION["slug"]
            organisation.save(update_fields=["slug"])
        sectors = list(Sector.source_rows().filter(slug__in=["ict", "healthcare", "logistics"]))
        organisation.sectors.set(sectors)

        Project.default()
        project = Project.objects.filter(slug="mentoring-to-work").first()
        if project is None:
            project = actions_create_project(organisation, org_user)
        for email in ("talent@helix.example", "mentor@helix.example"):
            ProjectMembership.objects.update_or_create(
                project=project, user=users[email],
                defaults={"status": ProjectMembership.Status.ACTIVE},
            )

        talent = users["talent@helix.example"]
        profile = actions.ensure_profile(talent)
        if not profile.education_field:
            profile.education_field = "Civil engineering"
            profile.education_level = "master"
            profile.dutch_level = "B1"
            profile.languages = [
                {"language": "ar", "level": "native"},
                {"language": "en", "level": "C1"},
                {"language": "nl", "level": "B1"},
            ]
            profile.career_objective = "A job as a site engineer in a Flemish construction company."
            profile.save()
            profile.sectors.set(Sector.source_rows().filter(slug="construction-industry"))
        mentor = actions.ensure_profile(users["mentor@helix.example"])
        if not mentor.expertise:
            mentor.expertise = "Twenty years as a project engineer; job applications in Flanders."
            mentor.languages = [{"language": "nl", "level": "native"}, {"language": "en", "level": "C1"}]
            mentor.save()
            mentor.sectors.set(Sector.source_rows().filter(slug__in=["construction-industry", "ict"]))
    return users


def actions_create_project(organisation, by) -> Project:
    from cms.organisations.actions import create_project

    return create_project(
        organisation, by=by, name="Mentoring to work", slug="mentoring-to-work",
        description="A six-month programme pairing talents with mentors from their field.",
        join_policy=Project.JoinPolicy.APPROVAL,
    )
