"""Who a programme reaches, for its impact report: the self-declared nationality, first language
and gender of the talents who are active members of the projects.

The three fields are optional and only the people with the ``demographics`` consent are counted;
everybody else is in "Not shared" (so is a consenting person who left the field empty). Figures
are aggregates in a fixed number of queries (one count, one grouped query per field); the report
(``plugins/journey/impact.py``) suppresses small cells. A nationality or language that fewer than
*k* consenting talents share is never named: it is counted in "Other nationalities" / "Other
languages", so that a rare label cannot point at one person even before suppression.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cms.accounts.models import Consent, Gender, Role, User


def _talents(projects):
    from cms.organisations.models import ProjectMembership

    members = ProjectMembership.objects.filter(
        status=ProjectMembership.Status.ACTIVE,
        user__role=Role.TALENT,
        user__erased_at=None,
        user__is_active=True,
    )
    if projects is not None:
        members = members.filter(project__in=list(projects))
    return User.objects.filter(pk__in=members.values("user"))


def _consenting(users):
    given = Consent.objects.filter(
        user=OuterRef("pk"), purpose=Consent.Purpose.DEMOGRAPHICS, withdrawn_at=None
    )
    return users.filter(Exists(given))


def _language_name(code: str) -> str:
    try:
        return str(_(get_language_info(code)["name"]))
    except KeyError:
        return code


def _grouped(users, field: str, k: int) -> list[tuple[str, int]]:
    """``(value, people)`` for every non-empty value of ``field``, most frequent first."""
    rows = users.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).order_by("-n", field)
    return [(row[field], row["n"]) for row in rows]


def _open_list(rows, k: int, name, other_label) -> tuple[list[str], list[int]]:
    """Values shared by at least *k* people named, the rest summed in one "Other" cell."""
    labels, data, other = [], [], 0
    for value, count in rows:
        if count >= k:
            labels.append(name(value))
            data.append(count)
        else:
            other += count
    labels.append(other_label)
    data.append(other)
    return labels, data


def figures(projects, k: int) -> list[dict]:
    """Nationalities, first languages and gender of the projects' talents (four queries)."""
    talents = _talents(projects)
    total = talents.count()
    shared = _consenting(talents)
    not_shared_label = _("Not shared")
    found = []

    rows = _grouped(shared, "nationality", k)
    labels, data = _open_list(
        rows, k, lambda code: str(countries.name(code) or code), _("Other nationalities")
    )
    nationalities = len(rows)
    found.append(
        {
            "key": "core.nationalities",
            "title": _("Nationalities"),
            "description": _(
                "Talents who are members today, by the nationality they declared, counted only "
                "with their consent; %(n)s nationalities in all. A nationality fewer than %(k)s "
                "people share is counted in “Other nationalities”."
            )
            % {"n": nationalities, "k": k},
            "kind": "bar",
            "labels": [*labels, not_shared_label],
            "series": [{"label": _("Talents"), "data": [*data, total - sum(count for _v, count in rows)]}],
        }
    )

    rows = _grouped(shared, "first_language", k)
    labels, data = _open_list(rows, k, _language_name, _("Other languages"))
    found.append(
        {
            "key": "core.first_languages",
            "title": _("First languages"),
            "description": _(
                "Talents who are members today, by the first language they declared, counted only "
                "with their consent. A language fewer than %(k)s people share is counted in "
                "“Other languages”."
            )
            % {"k": k},
            "kind": "bar",
            "labels": [*labels, not_shared_label],
            "series": [{"label": _("Talents"), "data": [*data, total - sum(count for _v, count in rows)]}],
        }
    )

    counts = dict(_grouped(shared, "gender", k))
    found.append(
        {
            "key": "core.gender",
            "title": _("Gender"),
            "description": _(
                "Talents who are members today, by the gender they declared (optional, with "
                "“prefer not to say”), counted only with their consent."
            ),
            "kind": "bar",
            "labels": [*(label for _v, label in Gender.choices), not_shared_label],
            "series": [
                {
                    "label": _("Talents"),
                    "data": [
                        *(counts.get(value, 0) for value, _l in Gender.choices),
                        total - sum(counts.values()),
                    ],
                }
            ],
        }
    )
    return found
