"""Reading the mentoring-quality self-assessment: who may fill it in for which organisation, a
framework's dimensions in the reader's language, and an organisation's history of assessments.

Organisation staff (approved, of an approved organisation) assess their own organisations;
holders of "Manage every organisation" (the admins) see every organisation. Everyone needs
``journey.self_assess``. Writes are ``plugins.journey.actions.save_assessment``.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.orgadmin.capabilities import MANAGE_ALL
from cms.organisations.models import Organisation
from cms.organisations.staff import staff_organisation_ids
from plugins.journey.models import SCALE, Assessment, AssessmentScore, Framework

SELF_ASSESS = "journey.self_assess"


@dataclass(frozen=True)
class Dimension:
    id: uuid.UUID
    title: str
    explanation: str
    questions: list[str]


def may_assess(user) -> bool:
    """Whether the self-assessment screens have anything for ``user``."""
    return user.has_perm(SELF_ASSESS) and (user.has_perm(MANAGE_ALL) or bool(staff_organisation_ids(user)))


def organisations(user) -> QuerySet[Organisation]:
    """The organisations ``user`` may assess (every one for "Manage every organisation")."""
    if not user.has_perm(SELF_ASSESS):
        return Organisation.objects.none()
    if user.has_perm(MANAGE_ALL):
        return Organisation.objects.order_by("name", "pk")
    return Organisation.objects.filter(pk__in=staff_organisation_ids(user)).order_by("name", "pk")


def organisation(user, pk: int) -> Organisation | None:
    """One organisation ``user`` may assess (None when it is not theirs or does not exist)."""
    return organisations(user).filter(pk=pk).first()


def frameworks() -> QuerySet[Framework]:
    """The frameworks in the default locale: the rows assessments point to."""
    return Framework.objects.filter(locale=Locale.get_default())


def framework(pk: int) -> Framework | None:
    return frameworks().filter(pk=pk).first()


def localized(source: Framework) -> Framework:
    """``source`` in the active language when translated, else ``source`` itself."""
    return source.localized


def dimensions(source: Framework) -> list[Dimension]:
    """The framework's dimensions in the active language (ids are the same in every language).

    A dimension added in the source but not yet translated is shown from the source."""
    shown = {block.id: block for block in localized(source).dimensions}
    found = []
    for block in source.dimensions:
        value = shown.get(block.id, block).value
        found.append(
            Dimension(
                id=uuid.UUID(str(block.id)),
                title=value["title"],
                explanation=value["explanation"],
                questions=list(value["questions"]),
            )
        )
    return found


def history(organisation: Organisation, source: Framework) -> list[Assessment]:
    """The organisation's assessments against ``source``, oldest first, with their scores keyed
    by dimension id in ``assessment.by_dimension`` (two queries, however many there are)."""
    found = list(
        Assessment.objects.filter(organisation=organisation, framework=source)
        .select_related("created_by")
        .prefetch_related(Prefetch("scores", queryset=AssessmentScore.objects.all()))
        .order_by("created_at", "pk")
    )
    for assessment in found:
        assessment.by_dimension = {s.dimension_id: s for s in assessment.scores.all()}
    return found


def history_rows(organisation: Organisation, source: Framework) -> tuple[list[Dimension], list[Assessment]]:
    return dimensions(source), history(organisation, source)


def scale_label(score: int | None) -> str:
    return str(dict(SCALE).get(score, "")) if score else ""


def history_csv(organisation: Organisation, source: Framework) -> str:
    """The history as CSV: one row per dimension and assessment (no one's name or e-mail)."""
    dims, assessments = history_rows(organisation, source)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Organisation"),
            _("Framework"),
            _("Date"),
            _("Dimension"),
            _("Score"),
            _("Notes"),
            _("Actions planned"),
        ]
    )
    title = localized(source).title
    for assessment in assessments:
        for dim in dims:
            answer = assessment.by_dimension.get(dim.id)
            writer.writerow(
                [
                    organisation.name,
                    title,
                    assessment.created_at.date().isoformat(),
                    dim.title,
                    answer.score if answer and answer.score else "",
                    answer.notes if answer else "",
                    answer.actions_planned if answer else "",
                ]
            )
    return out.getvalue()


def export_user(user) -> list[dict]:
    """The assessments ``user`` filled in (GDPR export): which organisation, framework and when."""
    return [
        {
            "id": str(a.public_id),
            "organisation": a.organisation.name,
            "framework": a.framework.title,
            "created_at": a.created_at,
        }
        for a in Assessment.objects.filter(created_by=user).select_related("organisation", "framework")
    ]
