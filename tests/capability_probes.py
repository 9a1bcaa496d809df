"""For every capability, a request its route answers differently with and without it.

``tests/test_capabilities.py`` flips each declared capability off and on for a role that holds
it by default and asks the probe: without it the route refuses (403, the one error shape), with
it the route does the thing. A capability declared without a probe here fails the suite.

A probe gets the fixtures it names and returns ``(user, ask)``: ``ask()`` makes the request as
``user`` and returns the response. Each ``ask()`` must be repeatable (the test calls it twice).
"""

from __future__ import annotations

import itertools

PROBES = {}
_n = itertools.count()


def probe(perm: str):
    def register(function):
        PROBES[perm] = function
        return function

    return register


@probe("accounts.approve_accounts")
def _approve(make_user, client_for):
    admin = make_user("admin", mfa=True)
    client = client_for(admin)

    def ask():
        pending = make_user("employer", approved=False)
        url = f"/api/v1/admin/approvals/{pending.public_id}/approve/"
        return client.post(url, {"note": "Welcome."}, format="json")

    return admin, ask


@probe("accounts.assign_capabilities")
def _assign(make_user, client_for):
    from django.test import Client

    admin = make_user("admin", mfa=True)
    client = Client()
    client.force_login(admin)
    return admin, lambda: client.get("/admin/roles/")


@probe("posts.publish_post")
def _publish(make_user, client_for):
    mentor = make_user("mentor")
    body = {"type": "tool", "title": "A CV template", "summary": "A template in Dutch.",
            "body": "<p>Use it.</p>", "language": "en", "link": "https://example.org/cv"}
    return mentor, lambda: client_for(mentor).post("/api/v1/posts/", body, format="json")


@probe("posts.suggest_post")
def _suggest(make_user, client_for, programme):
    from plugins.posts.actions import create_post

    staff, talent = programme["staff"], programme["talent"]
    data = {"type": "study", "locale": "en", "title": "Dutch for engineers",
            "summary": "An intensive Dutch course for engineers in Ghent.",
            "link": "https://www.vdab.be", "city": "Ghent"}
    post = create_post(make_user("mentor"), data)

    def ask():
        from plugins.posts.models import Suggestion

        Suggestion.objects.filter(post=post).delete()
        return client_for(staff).post(f"/api/v1/posts/{post.public_id}/suggest/",
                                      {"talent": str(talent.public_id)}, format="json")

    return staff, ask


@probe("mentoring.request_mentor")
def _request(make_user, client_for):
    talent = make_user("talent")

    def ask():
        from plugins.mentoring.models import MentorshipRequest

        MentorshipRequest.objects.filter(talent=talent).delete()
        return client_for(talent).post("/api/v1/match-requests/", {"domains": ["talents"]}, format="json")

    return talent, ask


@probe("mentoring.propose_match")
def _propose(make_user, client_for, programme):
    staff, talent = programme["staff"], programme["talent"]
    return staff, lambda: client_for(staff).get(f"/api/v1/matches/suggestions/?talent={talent.public_id}")


def _connected(programme):
    from cms.connections.actions import open_connection

    return open_connection(
        "talent_mentor", project=programme["project"], talent=programme["talent"],
        mentor=programme["mentor"], by=programme["staff"], activate=True,
    )


@probe("messaging.write_message")
def _write(client_for, programme):
    _connected(programme)
    mentor, talent = programme["mentor"], programme["talent"]
    body = {"to": str(talent.public_id), "body": "Shall we meet on Tuesday?"}
    return mentor, lambda: client_for(mentor).post("/api/v1/threads/", body, format="json")


@probe("mentoring.plan_meeting")
def _plan(client_for, programme):
    from datetime import timedelta

    from django.utils import timezone

    match = _connected(programme)
    mentor = programme["mentor"]
    starts = timezone.now() + timedelta(days=3)
    body = {"matches": [str(match.public_id)], "kind": "session", "title": "First session",
            "agenda": "Getting to know each other.", "domain": "talents", "place": "Ghent",
            "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat()}
    return mentor, lambda: client_for(mentor).post("/api/v1/meetings/", body, format="json")


@probe("posts.send_newsletter")
def _newsletter(make_user):
    from django.test import Client

    from plugins.posts.models import Newsletter

    admin = make_user("admin", mfa=True)
    newsletter = Newsletter.objects.create(title="December news")
    client = Client()
    client.force_login(admin)
    return admin, lambda: client.get(f"/admin/newsletters/{newsletter.pk}/send/")


@probe("employers.see_talent_pool")
def _pool(make_user, client_for):
    employer = make_user("employer")
    return employer, lambda: client_for(employer).get("/api/v1/talent-pool/")


@probe("employers.download_cv")
def _cv(make_user, client_for):
    from cms.accounts.actions import grant_consent
    from cms.connections.actions import open_connection
    from tests.files import pdf_bytes, upload

    employer, talent = make_user("employer"), make_user("talent")
    client_for(talent).put("/api/v1/me/cv/", {"file": upload("cv.pdf", pdf_bytes())}, format="multipart")
    grant_consent(talent, "cv_publication")
    from cms.organisations.models import Project

    open_connection(
        "talent_employer", project=Project.default(), talent=talent, employer=employer, activate=True
    )
    return employer, lambda: client_for(employer).get(f"/api/v1/talent-pool/{talent.public_id}/cv/")


@probe("accounts.manage_people")
def _people(make_user):
    admin, client = _signed_in_admin(make_user)
    return admin, lambda: client.get("/admin/people/")


@probe("accounts.erase_users")
def _erase(make_user):
    admin, client = _signed_in_admin(make_user)
    person = make_user("talent")
    return admin, lambda: client.get(f"/admin/people/{person.public_id}/erase/")


def _signed_in_admin(make_user):
    from django.test import Client

    admin = make_user("admin", mfa=True)
    client = Client()
    client.force_login(admin)
    return admin, client


@probe("posts.moderate_posts")
def _moderate_posts(make_user):
    admin, client = _signed_in_admin(make_user)
    return admin, lambda: client.get("/admin/moderation/posts/")


@probe("messaging.moderate_messages")
def _moderate_messages(make_user):
    admin, client = _signed_in_admin(make_user)
    return admin, lambda: client.get("/admin/moderation/messages/")


def _admin_page(make_user, url: str):
    from django.test import Client

    admin = make_user("admin", mfa=True)
    client = Client()
    client.force_login(admin)
    return admin, lambda: client.get(url)


@probe("audit.view_audit_log")
def _audit_log(make_user):
    return _admin_page(make_user, "/admin/audit/")


@probe("dashboard.view_dashboard")
def _dashboard(make_user):
    return _admin_page(make_user, "/admin/dashboard/")


@probe("organisations.manage_organisations")
def _manage_organisations(make_user):
    return _admin_page(make_user, "/admin/organisations/")


@probe("organisations.manage_all_organisations")
def _manage_all_organisations(make_user):
    # An admin works for no organisation: without this capability the screen has nothing for them.
    return _admin_page(make_user, "/admin/organisations/")


@probe("organisations.join_project")
def _join_project(make_user, client_for):
    from cms.organisations.actions import create_project
    from cms.organisations.models import Organisation, ProjectMembership

    runner = make_user("organisation")
    project = create_project(Organisation.objects.get(staff=runner), by=runner, name="Open track",
                             join_policy="open")
    staff = make_user("organisation")  # staff of another organisation

    def ask():
        ProjectMembership.objects.filter(project=project, user=staff).delete()
        return client_for(staff).post(f"/api/v1/projects/{project.slug}/join/", {}, format="json")

    return staff, ask


@probe("journey.track_progress")
def _track_progress(make_user, client_for):
    talent = make_user("talent")  # the tiny page tree has roadmap step 1
    body = {"status": "working_on_it"}
    return talent, lambda: client_for(talent).put("/api/v1/journey/roadmap/steps/1/", body, format="json")


@probe("journey.self_assess")
def _self_assess(make_user):
    from django.test import Client

    staff = make_user("organisation", mfa=True)
    client = Client()
    client.force_login(staff)
    return staff, lambda: client.get("/admin/self-assessment/")


@probe("journey.record_outcome_for_others")
def _record_outcome(client_for, programme):
    from cms.accounts.actions import grant_consent

    _connected(programme)
    mentor, talent = programme["mentor"], programme["talent"]
    grant_consent(talent, "outcome_recording")
    return mentor, lambda: client_for(mentor).get(f"/api/v1/journey/talents/{talent.public_id}/outcomes/")


@probe("journey.view_impact")
def _view_impact(client_for, programme):
    staff, project = programme["staff"], programme["project"]
    return staff, lambda: client_for(staff).get("/api/v1/impact/", {"project": project.slug})
