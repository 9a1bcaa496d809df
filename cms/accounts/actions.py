"""Business actions on accounts: each write, its grants and its outbox rows in one transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cms.accounts.models import (
    ROLES_NEEDING_APPROVAL,
    ApprovalStatus,
    Consent,
    EmployerProfile,
    MentorProfile,
    Role,
    TalentProfile,
    User,
)
from cms.errors import InvalidTransition, RoleNotAllowed
from cms.outbox.mail import queue_mail

PROFILE_MODELS = {
    Role.TALENT: TalentProfile,
    Role.MENTOR: MentorProfile,
    Role.EMPLOYER: EmployerProfile,
}


def set_role(user: User, role: str) -> None:
    """Give ``user`` exactly one role: the field and the group membership."""
    role = Role(role)
    with transaction.atomic():
        user.role = role
        user.is_staff = role == Role.ADMIN or user.is_superuser
        user.save(update_fields=["role", "is_staff"])
        role_groups = Group.objects.filter(name__in=Role.values)
        user.groups.remove(*role_groups)
        group, _created = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)


def ensure_profile(user: User):
    """Create the profile of the user's role if it does not exist yet."""
    model = PROFILE_MODELS.get(user.role)
    if model is None:
        return None
    profile, _created = model.objects.get_or_create(user=user)
    return profile


def _unique_slug(model, base: str) -> str:
    base = slugify(base)[:60] or "organisation"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def complete_signup(
    user: User,
    *,
    role: str,
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "en",
    organisation_name: str = "",
    company: str = "",
    accept_terms: bool = True,
) -> User:
    """Set up a newly registered account: role, profile, approval state, terms consent.

    Organisation and employer accounts start pending: they can log in and
    complete their profile, but cannot act until an admin approves them.
    """
    from cms.organisations.models import Organisation

    if role not in [r.value for r in Role] or role == Role.ADMIN:
        raise RoleNotAllowed()
    with transaction.atomic():
        user.first_name = first_name
        user.last_name = last_name
        user.preferred_language = preferred_language
        user.approval_status = (
            ApprovalStatus.PENDING if role in ROLES_NEEDING_APPROVAL else ApprovalStatus.APPROVED
        )
        user.save()
        set_role(user, role)
        ensure_profile(user)
        if role == Role.ORGANISATION:
            name = organisation_name or user.email.split("@")[1]
            organisation = Organisation.objects.create(
                name=name, slug=_unique_slug(Organisation, name), contact_email=user.email
            )
            organisation.staff.add(user)
        if role == Role.EMPLOYER and company:
            EmployerProfile.objects.filter(user=user).update(company=company)
        if accept_terms:
            grant_consent(user, Consent.Purpose.TERMS)
    return user


def _decide(user: User, *, by: User | None, status: str, note: str) -> User:
    from cms.organisations.models import Organisation

    if user.role not in ROLES_NEEDING_APPROVAL:
        raise InvalidTransition(code="approval_not_needed")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.approval_status == status:
            raise InvalidTransition()
        locked.approval_status = status
        locked.approval_note = note
        locked.approval_decided_at = timezone.now()
        locked.save(update_fields=["approval_status", "approval_note", "approval_decided_at"])
        if locked.role == Role.ORGANISATION:
            Organisation.objects.filter(staff=locked).update(status=status)
        template = "mail/account_approved" if status == ApprovalStatus.APPROVED else "mail/account_rejected"
        queue_mail(
            template,
            user=locked,
            context={"note": note, "decided_by": by},
            key=f"account-decision:{locked.pk}:{status}:{locked.approval_decided_at.isoformat()}",
        )
        from cms.audit import record

        record(by, f"account.{status}", locked, note=note)
    return locked


def approve_account(user: User, *, by: User | None = None, note: str = "") -> User:
    """Approve a pending organisation or employer account (and its organisation)."""
    return _decide(user, by=by, status=ApprovalStatus.APPROVED, note=note)


def reject_account(user: User, *, by: User | None = None, note: str = "") -> User:
    """Reject an organisation or employer account; they are told why by e-mail."""
    return _decide(user, by=by, status=ApprovalStatus.REJECTED, note=note)


def active_consent(user: User, purpose: str) -> Consent | None:
    """The user's current, not withdrawn consent for ``purpose`` in the current version."""
    version = settings.HELIX_CONSENT_VERSIONS[purpose]
    return (
        Consent.objects.filter(user=user, purpose=purpose, version=version, withdrawn_at=None)
        .order_by("-granted_at")
        .first()
    )


def grant_consent(user: User, purpose: str) -> Consent:
    """Record consent for ``purpose`` in its current version (idempotent); plugins are told."""
    from cms.plugins import hooks

    with transaction.atomic():
        existing = active_consent(user, purpose)
        if existing:
            return existing
        consent = Consent.objects.create(
            user=user, purpose=purpose, version=settings.HELIX_CONSENT_VERSIONS[purpose]
        )
        hooks().on_consent_changed(user=user, purpose=purpose, granted=True)
        return consent


def withdraw_consent(user: User, purpose: str) -> int:
    """Withdraw every active consent for ``purpose``; takes effect at once, for every plugin."""
    from cms.plugins import hooks

    with transaction.atomic():
        count = Consent.objects.filter(user=user, purpose=purpose, withdrawn_at=None).update(
            withdrawn_at=timezone.now()
        )
        if count:
            hooks().on_consent_changed(user=user, purpose=purpose, granted=False)
    return count


def store_cv(user: User, upload, content_type: str) -> TalentProfile:
    """Replace the talent's CV file with a checked upload."""
    if user.role != Role.TALENT:
        raise RoleNotAllowed()
    with transaction.atomic():
        profile = ensure_profile(user)
        old = profile.cv.name if profile.cv else None
        profile.cv.save(upload.name, upload, save=False)
        profile.cv_content_type = content_type
        profile.cv_uploaded_at = timezone.now()
        profile.save()
        if old:
            storage = profile.cv.storage
            transaction.on_commit(lambda: storage.delete(old))
    return profile


def delete_cv(user: User) -> None:
    """Remove the talent's CV file."""
    profile = TalentProfile.objects.filter(user=user).first()
    if profile and profile.cv:
        profile.cv.delete(save=False)
        profile.cv_content_type = ""
        profile.cv_uploaded_at = None
        profile.save()


def erase_account(user: User) -> list[str]:
    """Erase or anonymise everything about ``user`` and close the account.

    Every plugin's ``erase_user_data`` runs in the same transaction; the core's
    own implementation (``cms.hooks``) anonymises the user row last.
    Returns the model labels handled.
    """
    from cms.plugins import hooks

    handled: list[str] = []
    with transaction.atomic():
        for result in hooks().erase_user_data(user=user):
            handled.extend(result or [])
    return handled



def record_activity(user: User, now=None) -> bool:
    """Stamp ``user.last_seen_at`` (an authenticated request), at most once a day per user, so
    that storage limitation counts app sessions that never sign in again. Returns whether it
    wrote; a warned account that is used again is no longer due for erasure."""
    from datetime import timedelta

    now = now or timezone.now()
    seen = user.last_seen_at
    if seen is not None and now - seen < timedelta(days=1):
        return False
    User.objects.filter(pk=user.pk).update(last_seen_at=now, inactivity_warned_at=None)
    user.last_seen_at, user.inactivity_warned_at = now, None
    return True


def cancel_inactivity_erasure(user: User) -> None:
    """Signing in cancels a pending erasure for inactivity (``cms.accounts.retention``)."""
    if user.pk is not None and user.inactivity_warned_at is not None:
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None


def warn_inactive_account(user: User, *, now, erase_on) -> bool:
    """Tell an inactive account, in its own language, that it will be erased on ``erase_on``
    unless its owner signs in; once per period of inactivity (the stamp and the outbox row
    commit together, and the row's key is that of the warning)."""
    from cms.audit import record
    from cms.outbox.mail import notify

    with transaction.atomic():
        marked = User.objects.filter(pk=user.pk, inactivity_warned_at=None).update(
            inactivity_warned_at=now
        )
        if not marked:
            return False
        user.inactivity_warned_at = now
        notify(
            "mail/inactivity_warning",
            [user],
            {"erase_on": erase_on, "months": settings.HELIX_INACTIVE_ACCOUNT_MONTHS},
            key=f"accounts:inactivity-warning:{now.date().isoformat()}",
        )
        record(None, "account.inactivity_warned", user)
    return True


def erase_inactive_account(user: User) -> list[str]:
    """Erase an account whose owner did not come back after the warning (``erase_account``),
    recorded in the audit log as an erasure for inactivity."""
    from cms.audit import record

    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        record(None, "account.erased_for_inactivity", locked)
        return erase_account(locked)


def erase_core_data(user: User) -> list[str]:
    """The core's part of an erasure, after every plugin's: delete what the core stores about
    ``user`` (profiles and their files, consents, memberships, outbox rows, unpublished
    questions), keep shared records without the person, and anonymise the account.

    Called by the core's ``erase_user_data`` hook inside ``erase_account``'s transaction.
    Returns the model labels handled.
    """
    from django.contrib.auth.hashers import make_password

    from cms.accounts.erasure_actions import scrub_core_references, sweep_text
    from cms.audit import record
    from cms.audit.models import AuditEntry
    from cms.organisations.models import Organisation, ProjectMembership
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
    # Before any reference to the person is cut: what others keep (outbox rows, audit details,
    # published questions) is found through it, and the person taken out of it.
    traces = scrub_core_references(user)
    AuditEntry.objects.filter(actor=user).update(actor=None)
    # Questions not published are the person's own words: deleted. Published ones are
    # editorial content by now (an editor answered them): kept, without the person.
    FaqQuestion.objects.filter(asked_by=user).exclude(status=FaqQuestion.Status.PUBLISHED).delete()
    FaqQuestion.objects.filter(asked_by=user).update(asked_by=None)
    FaqQuestion.objects.filter(answered_by=user).update(answered_by=None)
    handled = _erase_library_rows(user)
    sweep_text(user, traces)

    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"erased-{user.public_id}@erased.invalid"
    user.first_name = ""
    user.last_name = ""
    user.approval_note = ""
    user.nationality = ""
    user.first_language = ""
    user.gender = ""
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


def _erase_library_rows(user: User) -> list[str]:
    """Installed libraries' rows about ``user`` (``cms.gdpr.LIBRARY_MODELS``): a nullable
    reference is set to null, a row that cannot lose its user is deleted."""
    from django.apps import apps

    from cms.gdpr import LIBRARY_MODELS, user_relation_fields

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

ACCOUNT_FIELDS = ("first_name", "last_name", "preferred_language", "nationality", "first_language", "gender")


def update_profile(user: User, *, account: dict, profile: dict) -> User:
    """Change the user's own account fields and their role's profile, atomically."""
    with transaction.atomic():
        changed = [f for f in ACCOUNT_FIELDS if f in account]
        for field in changed:
            setattr(user, field, account[field])
        if changed:
            user.save(update_fields=changed)
        if profile:
            instance = ensure_profile(user)
            sectors = profile.pop("sectors", None)
            for field, value in profile.items():
                setattr(instance, field, value)
            instance.save()
            if sectors is not None:
                instance.sectors.set(sectors)
    return user


def store_picture(user: User, upload) -> None:
    """Replace the picture of the user's profile: a photo, or a logo for employers
    and organisations (the organisation's own logo)."""
    from cms.organisations.models import Organisation

    with transaction.atomic():
        if user.role == Role.ORGANISATION:
            target = Organisation.objects.filter(staff=user).first()
            field = "logo"
        else:
            target = ensure_profile(user)
            field = "logo" if user.role == Role.EMPLOYER else "photo"
        if target is None or not hasattr(target, field):
            raise RoleNotAllowed()
        file_field = getattr(target, field)
        old = file_field.name if file_field else None
        file_field.save(upload.name, upload, save=True)
        if old:
            storage = file_field.storage
            transaction.on_commit(lambda: storage.delete(old))


def picture_of(user: User):
    """The picture file of the user's profile, or None."""
    from cms.organisations.models import Organisation

    if user.role == Role.ORGANISATION:
        org = Organisation.objects.filter(staff=user).first()
        return org.logo if org and org.logo else None
    profile = ensure_profile(user)
    if profile is None:
        return None
    field = getattr(profile, "logo" if user.role == Role.EMPLOYER else "photo", None)
    return field if field else None
