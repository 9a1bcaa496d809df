"""Users, their role, their role's profile and their consents."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Role(models.TextChoices):
    """The five roles of the model; each is also a Django group of the same name."""

    TALENT = "talent", _("Talent")
    MENTOR = "mentor", _("Mentor")
    ORGANISATION = "organisation", _("Organisation")
    EMPLOYER = "employer", _("Employer")
    ADMIN = "admin", _("Admin")


SELF_SERVICE_ROLES = (Role.TALENT, Role.MENTOR, Role.ORGANISATION, Role.EMPLOYER)
ROLES_NEEDING_APPROVAL = (Role.ORGANISATION, Role.EMPLOYER)


class ApprovalStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PENDING = "pending", _("Pending approval")
    REJECTED = "rejected", _("Rejected")


class CEFRLevel(models.TextChoices):
    """Common European Framework of Reference levels for languages."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("Native speaker")


class EducationLevel(models.TextChoices):
    SECONDARY = "secondary", _("Secondary education")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")
    OTHER = "other", _("Other higher education")


class Gender(models.TextChoices):
    """Self-declared and optional; counted in programme figures only with the "demographics"
    consent."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Non-binary or another gender")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        """An admin who can log in at once (verified e-mail, admin group); the
        second factor is set up at the first visit of the admin."""
        from allauth.account.models import EmailAddress

        from cms.accounts.actions import set_role

        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        user = self.create_user(email, password, **extra)
        set_role(user, Role.ADMIN)
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person using Helix: a talent, mentor, organisation staff, employer or admin.

    The role is kept here (for cheap filtering) and as group membership (for
    permissions); ``cms.accounts.actions.set_role`` keeps both in step.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.TALENT)
    approval_status = models.CharField(
        _("approval"), max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.APPROVED
    )
    approval_note = models.TextField(_("approval note"), blank=True)
    # Self-declared, optional, seen by the person only; counted (as aggregates) in programme
    # figures only while the "demographics" consent is given (plugins/journey/impact.py).
    nationality = CountryField(_("nationality"), blank=True)
    first_language = models.CharField(
        _("first language"), max_length=12, blank=True, help_text=_("An ISO 639 code, e.g. 'ar', 'ti', 'uk'.")
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    approval_decided_at = models.DateTimeField(null=True, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Storage limitation (cms/accounts/retention.py): the last authenticated request (stamped at
    # most once a day) and when the account was told it will be erased for inactivity.
    last_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    inactivity_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(fields=["role", "approval_status"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def is_approved(self) -> bool:
        """Whether the account may act (post, match, see talents)."""
        return self.approval_status == ApprovalStatus.APPROVED and self.is_active

    @property
    def holds_admin_role(self) -> bool:
        """An admin or superuser by role, whether or not the second factor is set up yet.

        Only for telling such a person *why* they are refused (set up TOTP first); every power
        goes through ``is_helix_admin``.
        """
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def has_second_factor(self) -> bool:
        """Whether a TOTP authenticator is set up; asked once per user object (per request)."""
        cached = self.__dict__.get("_helix_has_totp")
        if cached is None:
            from allauth.mfa.models import Authenticator

            cached = self.pk is not None and Authenticator.objects.filter(
                user_id=self.pk, type=Authenticator.Type.TOTP
            ).exists()
            self.__dict__["_helix_has_totp"] = cached
        return cached

    def forget_second_factor(self) -> None:
        """Drop the cached answer of ``has_second_factor`` (after adding or removing TOTP)."""
        self.__dict__.pop("_helix_has_totp", None)

    @property
    def is_helix_admin(self) -> bool:
        """The one rule for admin powers: an admin (or superuser) *with* a second factor.

        A password-only admin has no more power than any signed-in account: every check of
        admin powers in the API, the actions and the selectors asks this, never the role.
        """
        return self.is_active and self.holds_admin_role and self.has_second_factor

    def _lacks_second_factor(self) -> bool:
        return self.holds_admin_role and not self.has_second_factor

    def has_perm(self, perm, obj=None) -> bool:
        """Model and object permissions (Django, Wagtail, guardian) of an admin or superuser
        count only once the second factor is set up, like ``is_helix_admin``."""
        if self._lacks_second_factor():
            return False
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        if self._lacks_second_factor():
            return False
        return super().has_module_perms(app_label)


def _random_name(kind: str, filename: str) -> str:
    from cms.accounts.uploads import random_name

    return random_name(f"private/{kind}", filename)


def photo_path(instance, filename: str) -> str:
    """Uploaded pictures get random names in a folder that is never served publicly."""
    return _random_name("photos", filename)


def cv_path(instance, filename: str) -> str:
    return _random_name("cv", filename)


def logo_path(instance, filename: str) -> str:
    return _random_name("logos", filename)


class LanguageSkillsMixin(models.Model):
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_('A list of {"language": "ar", "level": "C2"} items.'),
    )

    class Meta:
        abstract = True


class TalentProfile(LanguageSkillsMixin):
    """What a talent (HER/HOA) tells about themselves, including the Career Passport."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="talent_profile")
    photo = models.ImageField(upload_to=photo_path, blank=True)
    dutch_level = models.CharField(max_length=8, choices=CEFRLevel.choices, blank=True)
    education_level = models.CharField(max_length=20, choices=EducationLevel.choices, blank=True)
    education_field = models.CharField(max_length=200, blank=True)
    study_experience = models.TextField(blank=True)
    work_experience = models.TextField(blank=True)
    motivations = models.TextField(blank=True)
    soft_skills = models.JSONField(default=list, blank=True)
    digital_skills = models.JSONField(default=list, blank=True)
    sectors = models.ManyToManyField("sectors.Sector", blank=True, related_name="+")
    cv = models.FileField(upload_to=cv_path, blank=True)
    cv_content_type = models.CharField(max_length=120, blank=True)
    cv_uploaded_at = models.DateTimeField(null=True, blank=True)
    # The Career Passport (handbook, chapter 5).
    key_areas_of_expertise = models.TextField(blank=True)
    core_strengths = models.TextField(blank=True)
    growth_opportunities = models.TextField(blank=True)
    core_values = models.TextField(blank=True)
    key_context_elements = models.TextField(blank=True)
    key_career_drivers = models.TextField(blank=True)
    career_objective = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Talent profile of {self.user}"


class MentorProfile(LanguageSkillsMixin):
    """A volunteer mentor or a professional career coach."""

    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer mentor")
        COACH = "coach", _("Professional career coach")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="mentor_profile")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.VOLUNTEER)
    photo = models.ImageField(upload_to=photo_path, blank=True)
    expertise = models.TextField(blank=True)
    sectors = models.ManyToManyField("sectors.Sector", blank=True, related_name="+")
    max_mentees = models.PositiveSmallIntegerField(default=2)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Mentor profile of {self.user}"


class EmployerProfile(models.Model):
    """The company behind an employer account."""

    class Size(models.TextChoices):
        MICRO = "1-9", _("1 to 9 employees")
        SMALL = "10-49", _("10 to 49 employees")
        MEDIUM = "50-249", _("50 to 249 employees")
        LARGE = "250+", _("250 employees or more")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="employer_profile")
    company = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    size = models.CharField(max_length=10, choices=Size.choices, blank=True)
    sectors = models.ManyToManyField("sectors.Sector", blank=True, related_name="+")
    logo = models.ImageField(upload_to=logo_path, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.company or f"Employer profile of {self.user}"


class Consent(models.Model):
    """One grant of consent for one purpose, in one version of its text.

    A withdrawal stamps ``withdrawn_at``; a new grant is a new row, so the
    history stays as evidence for as long as the account exists.
    """

    class Purpose(models.TextChoices):
        TERMS = "terms", _("Terms of use and privacy statement")
        CV_PUBLICATION = "cv_publication", _("Publishing my CV to employers")
        NEWSLETTER = "newsletter", _("Newsletters and digests by e-mail")
        # Read by the journey plugin (a talent's outcomes): recording them for the talent, and
        # asking the talent once a quarter whether anything changed.
        OUTCOME_RECORDING = "outcome_recording", _(
            "Letting my organisation's staff and my mentor record my outcomes"
        )
        OUTCOME_REMINDERS = "outcome_reminders", _("Reminders asking whether my situation changed")
        # The self-declared nationality, first language and gender, counted anonymously.
        DEMOGRAPHICS = "demographics", _(
            "Counting my nationality, first language and gender in anonymous programme figures"
        )

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=40, choices=Purpose.choices)
    version = models.CharField(max_length=20)
    granted_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "purpose", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.purpose} v{self.version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
