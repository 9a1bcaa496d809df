"""A talent's own roadmap: statuses, ticks that hold in every language, and the counts."""

from __future__ import annotations

from plugins.journey.models import ChecklistTick, StepStatus

ROADMAP = "/api/v1/journey/roadmap/"
VDAB = "11111111-1111-4111-8111-111111111111"


def test_the_talent_reads_the_roadmap_in_arabic(people, client_for):
    answer = client_for(people["talent"], "ar").get(ROADMAP)
    assert answer.status_code == 200
    data = answer.json()
    assert [s["step"] for s in data["steps"]] == [1, 6]
    first = data["steps"][0]
    assert first["locale"] == "ar" and first["status"] == "not_started"
    assert [i["text"] for i in first["items"]] == ["سجّل لدى VDAB", "ابدأ دروس اللغة الهولندية"]
    assert data["progress"] == {
        "step_count": 2,
        "not_started": 2,
        "working_on_it": 0,
        "done": 0,
        "not_relevant": 0,
        "items_total": 3,
        "items_ticked": 0,
    }
    assert not StepStatus.objects.exists()  # reading writes nothing


def test_status_and_ticks_show_in_every_language(people, client_for):
    client = client_for(people["talent"], "ar")
    answer = client.put(f"{ROADMAP}steps/1/", {"status": "working_on_it"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "working_on_it"
    assert client.put(f"{ROADMAP}items/{VDAB}/").json()["ticked"] is True
    assert client.put(f"{ROADMAP}items/{VDAB}/").status_code == 200  # twice is fine
    data = client_for(people["talent"], "nl").get(ROADMAP).json()
    first = data["steps"][0]
    assert first["locale"] == "nl" and first["status"] == "working_on_it"
    assert [(i["text"], i["ticked"]) for i in first["items"]] == [
        ("Schrijf je in bij VDAB", True),
        ("Begin met lessen Nederlands", False),
    ]
    assert data["progress"]["items_ticked"] == 1 and data["progress"]["working_on_it"] == 1
    assert client.delete(f"{ROADMAP}items/{VDAB}/").json()["ticked"] is False
    assert not ChecklistTick.objects.exists()


def test_ticks_survive_reordering_the_checklist(people, client_for):
    from cms.pages.models import RoadmapStepPage

    client = client_for(people["talent"])
    client.put(f"{ROADMAP}items/{VDAB}/")
    for page in RoadmapStepPage.objects.filter(step_number=1):
        page.checklist = list(reversed(page.checklist.raw_data))
        page.save()
    items = client.get(ROADMAP).json()["steps"][0]["items"]
    assert [(i["id"], i["ticked"]) for i in items] == [
        ("11111111-1111-4111-8111-222222222222", False),
        (VDAB, True),
    ]


def test_unknown_steps_items_and_statuses_are_refused(people, client_for):
    client = client_for(people["talent"])
    assert client.put(f"{ROADMAP}steps/4/", {"status": "done"}, format="json").status_code == 404
    assert client.put(f"{ROADMAP}steps/x/", {"status": "done"}, format="json").status_code == 404
    assert client.put(f"{ROADMAP}steps/1/", {"status": "finished"}, format="json").status_code == 400
    answer = client.put(f"{ROADMAP}items/{'0' * 8}-0000-4000-8000-{'0' * 12}/")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


def test_only_talents_keep_a_roadmap(people, client_for):
    answer = client_for(people["mentor"]).get(ROADMAP)
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "not_a_talent"


def test_the_roadmap_answers_in_a_fixed_number_of_queries(people, client_for, django_assert_max_num_queries):
    from plugins.journey import actions, selectors

    talent = people["talent"]
    actions.set_step_status(talent, 1, "done")
    actions.tick_item(talent, VDAB)
    with django_assert_max_num_queries(8):
        selectors.roadmap_of(talent, "ar")
