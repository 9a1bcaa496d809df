"""FAQ: people ask through the API, an editor answers and publishes, the asker is told."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cms.pages.models import FaqQuestion

pytestmark = pytest.mark.django_db


def test_a_question_goes_from_the_app_to_the_published_faq(make_user, client_for, api, mailbox, jobs):
    talent = make_user("talent")
    talent.preferred_language = "ar"
    talent.save(update_fields=["preferred_language"])
    asked = client_for(talent, "ar").post("/api/v1/faq/", {"question": "هل أحتاج إلى اللغة الهولندية للعمل؟"})
    assert asked.status_code == 201
    assert asked.json()["status"] == "submitted" and asked.json()["locale"] == "ar"
    assert api.get("/api/v1/faq/?locale=ar").json()["count"] == 0  # not before an editor answers
    mine = client_for(talent).get("/api/v1/faq/mine/").json()["results"]
    assert [q["status"] for q in mine] == ["submitted"]

    editor = Client()
    editor.force_login(make_user("admin", mfa=True))
    question = FaqQuestion.objects.get()
    edit_url = reverse("wagtailsnippets_pages_faqquestion:edit", args=[question.pk])
    assert editor.get(edit_url).status_code == 200
    form = {"question": question.question, "locale": "ar", "status": "published", "moderation_note": ""}
    empty = draftail("")
    refused = editor.post(edit_url, {**form, "answer": empty})
    assert refused.status_code == 200  # the form comes back: no answer, no publication
    question.refresh_from_db()
    assert question.status == "submitted"

    answer = draftail("في كثير من الوظائف نعم، لكن بعض الوظائف تقبل الإنجليزية.")
    saved = editor.post(edit_url, {**form, "answer": answer})
    assert saved.status_code == 302
    question.refresh_from_db()
    assert question.status == "published" and question.published_at and question.answered_by

    published = api.get("/api/v1/faq/?locale=ar").json()["results"]
    assert [q["question"] for q in published] == ["هل أحتاج إلى اللغة الهولندية للعمل؟"]
    assert "الإنجليزية" in published[0]["answer"]
    assert api.get("/api/v1/faq/", {"locale": "ar", "search": "الهولندية"}).json()["count"] == 1
    assert api.get("/api/v1/faq/", {"locale": "ar", "search": "الطب"}).json()["count"] == 0

    jobs.wait()
    assert len(mailbox) == 1
    assert mailbox[0].to == [talent.email]
    assert "الإنجليزية" in mailbox[0].body
    assert 'dir="rtl"' in mailbox[0].alternatives[0][0]
    # Saving again does not mail again.
    editor.post(edit_url, {**form, "answer": answer})
    jobs.wait()
    assert len(mailbox) == 1


def test_asking_needs_an_account_and_a_real_question(api, make_user, client_for):
    assert (
        api.post("/api/v1/faq/", {"question": "Can I work while my diploma is being recognised?"}).status_code
        == 401
    )
    client = client_for(make_user("mentor"), "nl")
    answer = client.post("/api/v1/faq/", {"question": "Why?"})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "validation_error" and "question" in error["fields"]
    assert (
        client.post("/api/v1/faq/", {"question": "Is Helix free to use?", "locale": "xx"}).status_code == 400
    )
    assert FaqQuestion.objects.count() == 0


def test_erasing_an_account_keeps_answered_questions_without_the_person(make_user, client_for):
    talent = make_user("talent")
    client = client_for(talent)
    client.post("/api/v1/faq/", {"question": "How long does diploma recognition take?"})
    client.post("/api/v1/faq/", {"question": "My personal situation is complicated, can I call?"})
    first, second = FaqQuestion.objects.order_by("created_at")
    first.status, first.answer = FaqQuestion.Status.PUBLISHED, "<p>Usually a few months.</p>"
    first.save()
    export = client.get("/api/v1/me/export/").json()
    asked = next(v for k, v in _walk(export) if k == "pages.faqquestion")
    assert sorted(q["question"] for q in asked) == [
        "How long does diploma recognition take?",
        "My personal situation is complicated, can I call?",
    ]
    assert client.delete("/api/v1/me/").status_code == 204
    first.refresh_from_db()
    assert first.asked_by is None and first.status == "published"
    assert not FaqQuestion.objects.filter(pk=second.pk).exists()


def draftail(text: str) -> str:
    """The rich-text editor's form value for one paragraph."""
    import json

    block = {
        "key": "a",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def _walk(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key, value
            yield from _walk(value)
