"""A 1 MB organisation or project description was accepted and served publicly (finding 7)."""

from __future__ import annotations

from api.serializers.directory import DESCRIPTION_MAX_CHARS


def test_a_project_description_over_the_limit_is_a_clear_400(make_user, client_for):
    client = client_for(make_user("organisation"))
    huge = "x" * (DESCRIPTION_MAX_CHARS + 1)
    answer = client.post("/api/v1/projects/", {"name": "Track", "description": huge}, format="json")
    assert answer.status_code == 400, answer.content
    assert "description" in answer.json()["error"]["fields"]
    fine = client.post(
        "/api/v1/projects/", {"name": "Track", "description": "x" * DESCRIPTION_MAX_CHARS}, format="json"
    )
    assert fine.status_code == 201, fine.content
    slug = fine.json()["slug"]
    answer = client.patch(f"/api/v1/projects/{slug}/", {"description": huge}, format="json")
    assert answer.status_code in (400, 405), answer.content


def test_an_organisation_description_over_the_limit_is_a_clear_400(make_user, client_for):
    from cms.organisations.models import Organisation

    staff = make_user("organisation")
    organisation = Organisation.objects.filter(staff=staff).first()
    assert organisation is not None
    client = client_for(staff)
    url = f"/api/v1/organisations/{organisation.slug}/"
    answer = client.patch(url, {"description": "x" * (DESCRIPTION_MAX_CHARS + 1)}, format="json")
    assert answer.status_code == 400, answer.content
    assert "description" in answer.json()["error"]["fields"]
    organisation.refresh_from_db()
    assert len(organisation.description) <= DESCRIPTION_MAX_CHARS
    assert client.patch(url, {"description": "Helps engineers."}, format="json").status_code == 200
