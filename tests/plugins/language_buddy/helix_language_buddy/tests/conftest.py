"""The plugin's fixtures; Helix's own (``make_user``, ``client_for``…) come from ``cms.plugins.testing``."""

import pytest


@pytest.fixture
def enabled(db):
    """The plugin is off by default: switch it on in the default project."""
    from cms.organisations.actions import set_plugin_activation
    from cms.organisations.models import Project

    project = Project.default()
    set_plugin_activation(project, "language_buddy", enabled=True)
    return project


@pytest.fixture
def people(make_user):
    return {"talent": make_user("talent", first_name="Amal"), "mentor": make_user("mentor", first_name="Els")}


@pytest.fixture
def ask(people, client_for, enabled):
    """``ask()``: the talent asks the mentor through the API; returns the answer's JSON."""

    def post(language="nl", mentor=None):
        mentor = mentor or people["mentor"]
        answer = client_for(people["talent"]).post(
            "/api/v1/language-buddies/",
            {"mentor": str(mentor.public_id), "language": language},
            format="json",
        )
        assert answer.status_code == 201, answer.content
        return answer.json()

    return post
