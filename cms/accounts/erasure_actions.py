"""Erasure actions of the core (GDPR art. 17): taking an erased person out of what others keep.

``cms.accounts.actions.erase_core_data`` calls them inside the erasure's transaction, after every
plugin's ``erase_user_data``: first :func:`scrub_core_references` (rows known to be about the
person: their outbox rows, audit details, the questions they asked), then, as a safety net,
:func:`sweep_text` over every free-text column of every installed model.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from cms.accounts.models import User
from cms.accounts.traces import PersonTraces


def scrub_core_references(user: User) -> PersonTraces:
    """Take ``user`` out of the core's rows about them that others keep: the outbox
    (``cms.outbox.actions.scrub_for_erasure``), the details of audit entries they made or that
    concern them, and the questions they asked or answered (published ones stay, as editorial
    content). Returns the person's traces, read before the account is anonymised."""
    from cms.audit.models import AuditEntry
    from cms.outbox.actions import scrub_for_erasure
    from cms.pages.models import FaqQuestion

    traces = PersonTraces.of(user)
    scrub_for_erasure(user, traces)
    entries = AuditEntry.objects.filter(
        Q(actor=user) | Q(target_type=User._meta.label_lower, target_id=str(user.pk))
    )
    for entry in entries.exclude(data={}).only("pk", "data"):
        data = traces.scrub_value(entry.data)
        if data != entry.data:
            AuditEntry.objects.filter(pk=entry.pk).update(data=data)
    text = ("question", "answer", "moderation_note")
    for question in FaqQuestion.objects.filter(Q(asked_by=user) | Q(answered_by=user)):
        FaqQuestion.objects.filter(pk=question.pk).update(
            **{name: traces.scrub(getattr(question, name), language=question.locale) for name in text}
        )
    return traces


# Rows the sweep leaves alone: the outbox has its own scrub (its attachments are base64).
SWEEP_SKIPPED = {"outbox.outboxmessage"}


def _sweepable_fields(model) -> list[models.Field]:
    """The model's own free-text columns: text, strings and JSON, not choices nor StreamFields
    (page content is editorial; its revisions, plain JSON, are swept)."""
    from wagtail.fields import StreamField

    return [
        f
        for f in model._meta.local_concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not isinstance(f, StreamField)
        and not f.choices
        and not f.primary_key
    ]


def sweep_text(user: User, traces: PersonTraces) -> dict[str, list]:
    """The safety net of an erasure: every free-text column of every installed model is searched
    for the person's e-mail address and full name, and each hit is rewritten ("deleted user",
    ``deleted-user@erased.invalid``) with a ``QuerySet.update``.

    A first or last name on its own is not looked for here: only the rows known to be about the
    person are (each ``erase_user_data``); and when another account bears the same full name,
    only the address is, so a namesake's records stay whole. Whoever derives data from text
    (a search vector) is told through ``on_text_scrubbed``; Wagtail's search index is updated.
    Returns the primary keys rewritten, per model label.
    """
    from django.apps import apps
    from wagtail.search.index import class_is_indexed, insert_or_update_object

    from cms.plugins import hooks

    first, last = user.first_name.strip(), user.last_name.strip()
    namesake = (
        User.objects.exclude(pk=user.pk)
        .filter(erased_at=None, first_name__iexact=first, last_name__iexact=last)
        .exists()
    )
    if namesake or not (first and last):
        traces = traces.address_only()
    forms = traces.search_forms(parts=False)
    if not forms:
        return {}
    scrubbed: dict[str, list] = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in SWEEP_SKIPPED or model._meta.proxy or not model._meta.managed:
            continue
        fields = _sweepable_fields(model)
        if not fields:
            continue
        found = Q()
        for field in fields:
            for form in forms:
                found |= Q(**{f"{field.attname}__icontains": form})
        rows = model._base_manager.filter(found)
        if model is User:
            rows = rows.exclude(pk=user.pk)
        pks = []
        names = [f.attname for f in fields]
        for pk, *values in rows.values_list("pk", *names).iterator(chunk_size=500):
            changes = {}
            for field, value in zip(fields, values, strict=True):
                new = (
                    traces.scrub_value(value, parts=False)
                    if isinstance(field, models.JSONField)
                    else traces.scrub(value, parts=False)
                )
                if isinstance(new, str) and field.max_length:
                    new = new[: field.max_length]
                if new != value:
                    changes[field.attname] = new
            if changes:
                model._base_manager.filter(pk=pk).update(**changes)
                pks.append(pk)
        if pks:
            scrubbed[label] = pks
            hooks().on_text_scrubbed(model_label=label, pks=pks)
            if class_is_indexed(model):
                for instance in model._base_manager.filter(pk__in=pks):
                    insert_or_update_object(instance)
    return scrubbed
