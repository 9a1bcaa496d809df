"""Wagtail's background work (search index, reference index) and wagtail-localize's jobs run on
the dramatiq workers, through the outbox, never inside the editor's request."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.models import ReferenceIndex
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.jobs.backend import TASK_ACTOR
from cms.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

SEARCH_TASK = "modelsearch.tasks.insert_or_update_object_task"
REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"


@pytest.fixture
def editor_user(make_user):
    """An admin-role editor with a second factor (an admin's powers need it)."""
    return make_user("admin", mfa=True, first_name="Eda")


@pytest.fixture
def editor(editor_user, client):
    client.force_login(editor_user)
    return client


def found(api, words: str, locale: str = "en") -> list[int]:
    return [p["id"] for p in api.get("/api/v1/pages/", {"search": words, "locale": locale}).json()["results"]]


def queued_for(page) -> set[str]:
    rows = OutboxMessage.objects.filter(actor_name=TASK_ACTOR, done_at=None, payload__args__2=str(page.pk))
    return {row.payload["task"] for row in rows}


def publish_new_article(editor, home, title: str, intro: str):
    """Publish a new article through the admin's form, as an editor does."""
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "intro": intro,
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=("pages", "articlepage", home.pk))
    return editor.post(url, data)


def test_publishing_in_a_request_leaves_the_search_and_reference_index_to_the_workers(
    editor, page_tree, api, background_tasks, django_capture_on_commit_callbacks
):
    from cms.pages.models import ArticlePage

    home = page_tree["home"]["en"]
    step = page_tree["roadmap/orientation"]["en"]
    with django_capture_on_commit_callbacks(execute=True):  # the request's transaction commits
        answer = publish_new_article(editor, home, "Quokka office hours", "Quokkas answer questions.")
    assert answer.status_code == 302, answer.content[:2000]
    article = ArticlePage.objects.get(slug="quokka-office-hours")
    assert article.live

    # The request has committed and answered: the page is not in the search index yet, its
    # index work waits in the outbox, sent to the workers.
    assert found(api, "Quokkas") == []
    assert {SEARCH_TASK, REFERENCE_TASK} <= queued_for(article)
    assert not OutboxMessage.objects.filter(actor_name=TASK_ACTOR, done_at=None, dispatched_at=None).exists()

    background_tasks()  # what the workers do
    assert found(api, "Quokkas") == [article.pk]
    assert queued_for(article) == set()

    # References: an edit that links to the orientation step is indexed by the workers too.
    link = f'<p><a linktype="page" id="{step.pk}">Next</a></p>'
    article.body = [("practical_information", {"heading": "Next", "text": link})]
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert not ReferenceIndex.get_references_to(step).filter(object_id=str(article.pk)).exists()
    background_tasks()
    assert ReferenceIndex.get_references_to(step).filter(object_id=str(article.pk)).exists()


def test_a_rolled_back_transaction_enqueues_nothing(page_tree, api, background_tasks):
    step = page_tree["roadmap/orientation"]["en"]
    before = OutboxMessage.objects.filter(actor_name=TASK_ACTOR).count()
    with pytest.raises(RuntimeError), transaction.atomic():
        step.intro = "Platypus advice for newcomers."
        step.save_revision().publish()
        assert OutboxMessage.objects.filter(actor_name=TASK_ACTOR).count() > before
        raise RuntimeError("the editor's request failed")
    assert OutboxMessage.objects.filter(actor_name=TASK_ACTOR).count() == before
    assert background_tasks() == 0
    assert found(api, "Platypus") == []


def test_a_real_worker_indexes_a_published_page(jobs, page_tree, api):
    step = page_tree["roadmap/orientation"]["en"]
    step.intro = "Wombats register with the employment service."
    step.save_revision().publish()  # autocommit: sent to the broker at once
    jobs.wait()
    assert found(api, "Wombats") == [step.pk]
    rows = OutboxMessage.objects.filter(actor_name=TASK_ACTOR, payload__args__2=str(step.pk))
    assert rows.exists() and not rows.filter(done_at=None).exists()


def test_editors_see_background_work_waiting_running_failed_and_done(
    editor, editor_user, page_tree, background_tasks, django_capture_on_commit_callbacks
):
    import re

    from cms.jobs.tasks import run_task

    def counts(html: str, task: str) -> dict:
        row = re.search(rf'<tr data-helix-task="{re.escape(task)}">(.*?)</tr>', html, re.S).group(1)
        return {name: int(n) for name, n in re.findall(r'data-helix-count="(\w+)">(\d+)<', row)}

    background_tasks()
    html = editor.get("/admin/").content.decode()
    assert "data-helix-background-work" in html and "data-helix-background-idle" in html
    assert counts(html, SEARCH_TASK) == {"pending": 0, "running": 0, "failed": 0}

    step = page_tree["roadmap/orientation"]["en"]
    step.intro = "Changed while the workers are busy."
    with django_capture_on_commit_callbacks(execute=True):
        step.save_revision().publish()
    waiting = OutboxMessage.objects.filter(
        actor_name=TASK_ACTOR, done_at=None, payload__task=SEARCH_TASK
    ).count()
    assert waiting >= 1
    html = editor.get("/admin/").content.decode()
    assert counts(html, SEARCH_TASK) == {"pending": waiting, "running": 0, "failed": 0}
    assert "data-helix-background-busy" in html
    # The page editor says the page's background work has not finished.
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[step.pk])).content.decode()
    assert "still updating this page in the background" in edit

    # One task about an object of an unknown model fails (and will be tried again).
    broken = OutboxMessage.objects.create(
        key="broken-task", actor_name=TASK_ACTOR,
        payload={"task": SEARCH_TASK, "args": ["pages", "nosuchpage", "1"], "kwargs": {}},
    )
    with pytest.raises(LookupError):
        run_task.fn(str(broken.pk))
    OutboxMessage.objects.filter(pk=broken.pk).update(failed_at=broken.created_at)  # given up

    background_tasks()
    html = editor.get("/admin/").content.decode()
    assert counts(html, SEARCH_TASK) == {"pending": 0, "running": 0, "failed": 1}
    assert "data-helix-background-idle" in html
    search_row = re.search(rf'<tr data-helix-task="{SEARCH_TASK}">(.*?)</tr>', html, re.S).group(1)
    assert "never" not in search_row
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[step.pk])).content.decode()
    assert "still updating this page in the background" not in edit



def test_a_password_only_admin_does_not_see_the_panel(make_user, client, page_tree):
    client.force_login(make_user("admin", mfa=False))
    answer = client.get("/admin/")
    assert "data-helix-background-work" not in answer.content.decode()


def test_translating_a_page_with_its_subpages_leaves_the_subpages_to_the_workers(
    editor, page_tree, background_tasks, django_capture_on_commit_callbacks
):
    """"Translate this page" with its subpages: the page is translated in the request, the
    subtree by wagtail-localize's job on the workers (``WAGTAILLOCALIZE_JOBS``)."""
    from wagtail.models import Locale

    from cms.pages.models import ArticlePage

    home = page_tree["home"]["en"]
    parent = home.add_child(instance=ArticlePage(title="Quokka guide", slug="quokka-guide", intro="P"))
    child = parent.add_child(instance=ArticlePage(title="Quokka habitats", slug="quokka-habitats", intro="C"))
    dutch = Locale.objects.get(language_code="nl")
    url = reverse("wagtail_localize:submit_page_translation", args=[parent.pk])
    with django_capture_on_commit_callbacks(execute=True):
        answer = editor.post(url, {"locales": [dutch.pk], "include_subtree": "on"})
    assert answer.status_code == 302
    assert parent.get_translations().filter(locale=dutch).exists()
    # The request has answered; the subpage waits for the workers.
    assert not child.get_translations().filter(locale=dutch).exists()
    assert OutboxMessage.objects.filter(
        actor_name=TASK_ACTOR, done_at=None, payload__task="cms.jobs.localize.run_localize_job"
    ).exists()

    background_tasks()
    translated = child.get_translations().get(locale=dutch)
    assert translated.get_parent().translation_key == parent.translation_key
    assert translated.get_parent().locale == dutch
