"""Security events in the audit log, from Django's, allauth's and Wagtail's signals.

Failed logins (with a keyed hash of the address typed, never the address, the password or a
code), failed second factors, admins' successful logins, and changes to an account's groups,
direct permissions or superuser status made by a person in the admin. Approvals, capability
changes, plugin switches and erasures are recorded by their own actions.

A keyed hash (HMAC with ``SECRET_KEY``) lets an admin see that the same address or the same
source failed many times, without the log holding either.
"""

from __future__ import annotations

from allauth.mfa.signals import authentication_failed
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver
from django.utils.crypto import salted_hmac
from wagtail.log_actions import get_active_log_context

from cms.audit import record

User = get_user_model()


def keyed_hash(kind: str, value: str) -> str:
    """An HMAC of ``value`` under ``SECRET_KEY`` (per ``kind``): equal values, equal hashes."""
    return salted_hmac(f"helix.audit.{kind}", value.strip().lower(), algorithm="sha256").hexdigest()


def _source(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    return keyed_hash("source", address) if address else ""


@receiver(user_login_failed, dispatch_uid="helix-audit-login-failed")
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    """A wrong password (or an unknown address): only hashes of the address and the source."""
    typed = credentials.get("email") or credentials.get("username") or credentials.get("login") or ""
    record(
        None,
        "security.login_failed",
        address=keyed_hash("email", str(typed)) if typed else "",
        source=_source(request),
    )


@receiver(authentication_failed, dispatch_uid="helix-audit-second-factor-failed")
def second_factor_failed(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
    """A wrong TOTP or recovery code: who, and which kind of factor; never the code."""
    record(
        user,
        "security.second_factor_failed",
        user,
        factor=getattr(authenticator, "type", ""),
        reauthentication=bool(kwargs.get("reauthentication")),
        source=_source(request),
    )


@receiver(user_logged_in, dispatch_uid="helix-audit-admin-login")
def admin_logged_in(sender, request=None, user=None, **kwargs) -> None:
    """An admin (or superuser) signed in: every session with an admin's powers is accounted for."""
    if user is None or not user.holds_admin_role:
        return
    record(user, "security.admin_login", user, source=_source(request),
           second_factor=user.has_second_factor)


def _admin_actor():
    """The person acting in the Wagtail admin, or None (migrations, signup, jobs)."""
    actor = get_active_log_context().user
    return actor if getattr(actor, "pk", None) else None


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="helix-audit-groups")
def groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """A person in the admin gave or took groups (roles) from accounts."""
    _membership_changed(instance, action, reverse, model, pk_set, "security.groups_changed", "name")


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="helix-audit-user-perms")
def user_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """A person in the admin gave or took direct permissions from accounts."""
    _membership_changed(
        instance, action, reverse, model, pk_set, "security.user_permissions_changed", "codename"
    )


def _membership_changed(instance, action, reverse, model, pk_set, event, label) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or not pk_set and action != "post_clear":
        return
    actor = _admin_actor()
    if actor is None:
        return
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    if reverse:  # group.user_set.add(...) / permission.user_set.add(...): the users changed
        names = [str(getattr(instance, label, instance))]
        for user in User.objects.filter(pk__in=pk_set or ()):
            record(actor, event, user, **{verb: names})
        return
    names = sorted(str(getattr(o, label)) for o in model.objects.filter(pk__in=pk_set or ()))
    if model is Permission:
        names = sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.filter(pk__in=pk_set or ()).select_related("content_type")
        )
    record(actor, event, instance, **{verb: names})


@receiver(pre_save, sender=User, dispatch_uid="helix-audit-superuser")
def superuser_status_changed(sender, instance, raw=False, **kwargs) -> None:
    """A person in the admin made an account a superuser, or took it away."""
    if raw or instance.pk is None:
        return
    actor = _admin_actor()
    if actor is None:
        return
    before = User.objects.filter(pk=instance.pk).values("is_superuser", "is_staff").first()
    if before is None:
        return
    changed = {
        field: instance_value
        for field in ("is_superuser", "is_staff")
        if (instance_value := getattr(instance, field)) != before[field]
    }
    if changed:
        record(actor, "security.status_changed", instance, **changed)
