"""Who may open each screen of Helix's back office (the Wagtail admin).

Every admin URL that Helix (the core or a shipped plugin) registers has a row here; a new
screen without one fails ``test_every_back_office_url_has_a_row``. Each row says which actors
may use it; everyone else is refused, on GET and on POST:

- anonymous visitors are sent to the sign-in page;
- talents, mentors and employers get the admin's plain 403;
- an admin without a second factor is sent to set it up (she has no powers until then);
- organisation staff (with their second factor) reach their own organisation's screens, and
  staff of *another* organisation get 404 on the first organisation's objects.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "talent", "mentor", "employer", "organisation", "other_organisation",
          "admin_without_second_factor", "admin")

ADMIN = {"admin"}
STAFF = {"admin", "organisation"}  # the other organisation's staff get 404 on these objects
STAFF_LISTS = {"admin", "organisation", "other_organisation"}  # lists: each sees their own

#: url name -> (kwargs names, who may use it). Objects are the ``programme`` fixture's.
ROWS: dict[str, tuple[tuple[str, ...], set[str]]] = {
    "accounts_approvals": ((), ADMIN),
    "people_index": ((), ADMIN),
    "people_index_results": ((), ADMIN),
    "people_person": (("public_id",), ADMIN),
    "people_deactivate": (("public_id",), ADMIN),
    "people_reactivate": (("public_id",), ADMIN),
    "people_export": (("public_id",), ADMIN),
    "people_erase": (("public_id",), ADMIN),
    "orgadmin_index": ((), STAFF_LISTS),
    "orgadmin_index_results": ((), STAFF_LISTS),
    "orgadmin_organisation": (("pk:organisation",), STAFF),
    "orgadmin_profile": (("pk:organisation",), STAFF),
    "orgadmin_project": (("pk:project",), STAFF),
    "orgadmin_request_approve": (("pk:project", "membership"), STAFF),
    "orgadmin_request_decline": (("pk:project", "membership"), STAFF),
    "orgadmin_plugin_switch": (("pk:project", "plugin_id"), STAFF),
    "audit_log": ((), ADMIN),
    "audit_log_results": ((), ADMIN),
    "helix_dashboard": ((), STAFF_LISTS),
    "capabilities_roles": ((), ADMIN),
    "helix_translation_status": ((), ADMIN),
    "mentoring_board": ((), STAFF_LISTS),
    "mentoring_board_request": (("id:request",), STAFF),
    "mentoring_board_connection": (("id:connection",), STAFF),
    "messaging_reports": ((), ADMIN),
    "posts_newsletter_send": (("pk:newsletter",), ADMIN),
    "posts_moderation": ((), ADMIN),
    "posts_organisation_posts": ((), {"organisation", "other_organisation"}),
    "journey_self_assessment": ((), STAFF_LISTS),
    "journey_self_assessment_history": (("pk:organisation", "framework"), STAFF),
    "journey_self_assessment_new": (("pk:organisation", "framework"), STAFF),
    "journey_self_assessment_export": (("pk:organisation", "framework"), STAFF),
}


def _back_office_url_names() -> set[str]:
    """The names of every admin URL whose view is Helix's own (cms.* or plugins.*)."""
    found = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            callback = pattern.callback
            module = getattr(getattr(callback, "view_class", None), "__module__", None) or callback.__module__
            helix = module.startswith(("cms.", "plugins."))
            if helix and (prefix + str(pattern.pattern)).startswith("admin/"):
                found.add(pattern.name)

    walk(get_resolver().url_patterns)
    return found


def test_every_back_office_url_has_a_row():
    missing = _back_office_url_names() - set(ROWS)
    assert not missing, f"Admin URLs without a row in tests/test_admin_matrix.py: {sorted(missing)}"


@pytest.fixture
def world(programme, make_user):
    from cms.connections.actions import open_connection
    from cms.organisations.models import ProjectMembership
    from plugins.mentoring.actions.matching import create_request
    from plugins.posts.models import Newsletter

    applicant = make_user("talent")
    membership = ProjectMembership.objects.create(
        project=programme["project"], user=applicant, status=ProjectMembership.Status.REQUESTED
    )
    request = create_request(programme["talent"], domains=["cv"], project=programme["project"])
    connection = open_connection(
        "talent_mentor", project=programme["project"], talent=make_user("talent"),
        mentor=programme["mentor"], by=programme["staff"], activate=True,
    )
    values = {
        "public_id": programme["talent"].public_id,
        "pk:organisation": programme["organisation"].pk,
        "pk:project": programme["project"].pk,
        "membership": membership.pk,
        "plugin_id": "posts",
        "id:request": request.public_id,
        "id:connection": connection.public_id,
        "pk:newsletter": Newsletter.objects.create(title="December").pk,
        "framework": _framework().pk,
    }
    return {"programme": programme, "values": values}


def _framework():
    from plugins.journey.seed_framework import seed_framework
    from plugins.journey.self_assessment import frameworks

    seed_framework()
    return frameworks().get()


def _client(actor: str, programme, make_user) -> Client:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    client = Client()
    if actor == "anonymous":
        return client
    if actor == "organisation":
        user = programme["staff"]
        TOTP.activate(user, generate_totp_secret())
    elif actor == "other_organisation":
        user = make_user("organisation", mfa=True)
    elif actor == "admin_without_second_factor":
        user = make_user("admin")
    else:
        user = make_user(actor, mfa=actor == "admin")
    client.force_login(user)
    return client


def _refused(actor: str, answer, path: str) -> bool:
    location = answer.get("Location", "")
    if answer.status_code == 405:  # a screen that takes no POST: nothing happens
        return True
    if actor == "anonymous":
        return answer.status_code == 302 and "login" in location
    if actor == "admin_without_second_factor":
        return answer.status_code == 302 and location.startswith("/accounts/2fa/totp/activate/")
    if actor == "other_organisation":
        return answer.status_code in (403, 404) or (answer.status_code == 302 and location == "/admin/")
    return answer.status_code == 403 or (answer.status_code == 302 and location == "/admin/")


@pytest.mark.parametrize("name", sorted(ROWS))
@pytest.mark.parametrize("actor", ACTORS)
def test_back_office_matrix(name, actor, world, make_user):
    if name not in _back_office_url_names():
        pytest.fail(f"{name} has a row but no URL: remove the row")
    params, allowed = ROWS[name]
    kwargs = {param.partition(":")[0]: world["values"][param] for param in params}
    path = reverse(name, kwargs=kwargs)
    client = _client(actor, world["programme"], make_user)
    get, post = client.get(path), client.post(path, {})
    if actor in allowed:
        # Allowed: the screen answers (POST-only routes answer GET with 405). A POST without
        # its fields is a form error, a redirect back or a 404 for the missing object; never a
        # refusal.
        assert get.status_code in (200, 405), (path, actor, get.status_code)
        assert post.status_code not in (401, 403), (path, actor, post.status_code)
    else:
        assert _refused(actor, get, path), (path, actor, "GET", get.status_code, get.get("Location"))
        assert _refused(actor, post, path), (path, actor, "POST", post.status_code, post.get("Location"))
