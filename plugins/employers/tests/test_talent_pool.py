"""The talent pool: search, blind listings, contact, the CV-view log, declining and blocking."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.accounts.actions import grant_consent
from cms.connections.models import Connection as Match
from plugins.employers.models import CvView
from tests.files import pdf_bytes, upload


def _with_cv(client_for, talent):
    client_for(talent).put("/api/v1/me/cv/", {"file": upload("cv.pdf", pdf_bytes())}, format="multipart")


def test_employers_search_their_connected_talents(make_user, in_sectors, reconcile_jobs, market, client_for):
    second = make_user("talent", first_name="Lina")
    profile = in_sectors(second, "ict")
    profile.dutch_level, profile.education_level, profile.digital_skills = "A2", "bachelor", ["Java"]
    profile.languages = [{"language": "ar", "level": "native"}]
    profile.save()
    grant_consent(second, "cv_publication")
    reconcile_jobs()
    pool = client_for(market["ict"])

    def ids(query=""):
        answer = pool.get(f"/api/v1/talent-pool/{query}")
        assert answer.status_code == 200, answer.content
        return {row["id"] for row in answer.json()["results"]}

    farid, lina = str(market["talent"].public_id), str(second.public_id)
    assert ids() == {farid, lina}
    assert ids("?dutch_level=B1") == {farid}
    assert ids("?education_level=bachelor") == {lina}
    assert ids("?q=python") == {farid}
    assert ids("?language=ar") == {lina}
    assert ids("?sector=ict") == {farid, lina}
    bad = pool.get("/api/v1/talent-pool/?sector=astrology")
    assert bad.status_code == 400 and "sector" in bad.json()["error"]["fields"]
    row = pool.get(f"/api/v1/talent-pool/{farid}/").json()
    assert row["name"] == str(market["talent"]) and row["competences"]["digital_skills"] == ["Python", "SQL"]
    assert client_for(market["care"]).get("/api/v1/talent-pool/").json()["results"] == []


def test_the_talent_sees_who_looked_at_their_profile_and_cv(market, client_for):
    talent = market["talent"]
    _with_cv(client_for, talent)
    pool = client_for(market["ict"])
    pool.get(f"/api/v1/talent-pool/{talent.public_id}/")
    download = pool.get(f"/api/v1/talent-pool/{talent.public_id}/cv/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # Saved, never shown in the browser: the CV cannot run as a page of Helix.
    assert download["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    views = client_for(talent).get("/api/v1/me/cv-views/").json()["results"]
    assert [(v["company"], v["kind"]) for v in views] == [
        ("DataBridge BV", "download"),
        ("DataBridge BV", "profile"),
    ]
    assert client_for(market["ict"]).get("/api/v1/me/cv-views/").status_code == 403
    # The mentoring plugin's talent profiles are not a side door: employers see talents here only.
    assert pool.get(f"/api/v1/talents/{talent.public_id}/").status_code == 404


def test_blind_listings_hide_the_talent_until_they_accept_contact(market, client_for, mailbox):
    from cms.outbox.mail import deliver
    from cms.outbox.models import OutboxMessage

    talent = market["talent"]
    _with_cv(client_for, talent)
    pool = client_for(market["ict"])
    assert (
        pool.put(
            "/api/v1/talent-pool/profile/",
            {"places": ["Ghent"], "offers": ["jobs", "internships"], "blind_listings": True},
            format="json",
        ).status_code
        == 200
    )
    (row,) = pool.get("/api/v1/talent-pool/").json()["results"]
    assert row["name"] is None and row["blind"]
    refused = pool.get(f"/api/v1/talent-pool/{talent.public_id}/cv/")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "contact_first"
    writing = pool.post("/api/v1/threads/", {"to": str(talent.public_id), "body": "Hello"}, format="json")
    assert writing.status_code == 403 and writing.json()["error"]["code"] == "not_connected"

    asked = pool.post(
        f"/api/v1/talent-pool/{talent.public_id}/contact/",
        {"message": "We have a junior data analyst job in Ghent."},
        format="json",
    )
    assert asked.status_code == 201 and asked.json()["contact"] == "requested"
    for message in OutboxMessage.objects.filter(user=talent, actor_name="mail.send"):
        deliver(message.payload)
    assert any("DataBridge BV" in m.subject and "junior data analyst" in m.body for m in mailbox)
    mine = client_for(talent)
    (connection_row,) = mine.get("/api/v1/employer-connections/").json()["results"]
    assert connection_row["company"] == "DataBridge BV" and connection_row["contact"] == "requested"
    accepted = mine.post(f"/api/v1/employer-connections/{market['ict'].public_id}/accept-contact/")
    assert accepted.status_code == 200 and accepted.json()["contact"] == "accepted"
    (row,) = pool.get("/api/v1/talent-pool/").json()["results"]
    assert row["name"] == str(talent) and not row["blind"]
    assert pool.get(f"/api/v1/talent-pool/{talent.public_id}/cv/").status_code == 200
    assert (
        pool.post(
            "/api/v1/threads/", {"to": str(talent.public_id), "body": "Hello"}, format="json"
        ).status_code
        == 201
    )


def test_declining_and_blocking_an_employer(market, in_sectors, reconcile_jobs, client_for):
    from plugins.employers import matching

    talent, ict = market["talent"], market["ict"]
    invitation = {"to": str(talent.public_id), "body": "Would you like to visit us?"}
    wrote = client_for(ict).post("/api/v1/threads/", invitation, format="json")
    assert wrote.status_code == 201
    mine = client_for(talent)
    declined = mine.post(f"/api/v1/employer-connections/{ict.public_id}/decline/")
    assert declined.status_code == 200 and declined.json()["decision"] == "declined"
    assert not declined.json()["connected"]
    assert client_for(ict).get(f"/api/v1/talent-pool/{talent.public_id}/").status_code == 404
    assert matching.reconcile_talent(talent).created == 0  # not connected again
    assert mine.delete(f"/api/v1/employer-connections/{ict.public_id}/decline/").status_code == 204
    reconcile_jobs()
    assert client_for(ict).get(f"/api/v1/talent-pool/{talent.public_id}/").status_code == 200

    blocked = mine.post(f"/api/v1/employer-connections/{ict.public_id}/block/")
    assert blocked.json()["decision"] == "blocked"
    assert client_for(ict).get(f"/api/v1/talent-pool/{talent.public_id}/").status_code == 404
    in_sectors(ict, "ict", "healthcare")
    reconcile_jobs()
    assert matching.reconcile_employer(ict).created == 0  # a blocked employer never reconnects
    refused = client_for(ict).post(
        "/api/v1/threads/", {"to": str(talent.public_id), "body": "Hi"}, format="json"
    )
    assert refused.status_code in (403, 409)
    again = mine.delete(f"/api/v1/employer-connections/{ict.public_id}/decline/")
    assert again.status_code == 409
    assert mine.get("/api/v1/employer-connections/").json()["results"][0]["decision"] == "blocked"


def test_pending_employers_and_other_roles_have_no_talent_pool(make_user, client_for):
    pending = client_for(make_user("employer", approved=False))
    answer = pending.get("/api/v1/talent-pool/")
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "account_not_approved"
    for role in ("talent", "mentor", "organisation"):
        assert client_for(make_user(role)).get("/api/v1/talent-pool/").status_code == 403
    assert client_for(make_user("mentor")).get("/api/v1/employer-connections/").status_code == 403


def test_the_pool_costs_the_same_queries_for_any_number_of_talents(
    make_user, in_sectors, reconcile_jobs, market, client_for
):
    pool = client_for(market["ict"])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert pool.get("/api/v1/talent-pool/?page_size=100&sector=ict&q=sql").status_code == 200
        return len(captured)

    pool.get("/api/v1/talent-pool/?page_size=20")  # per-process caches
    # Built, then kept (the kept page checked in one statement), with one talent found…
    few = (count(), count())
    for _ in range(6):
        other = make_user("talent")
        profile = in_sectors(other, "ict")
        profile.digital_skills = ["Java", "SQL"]
        profile.save()
        grant_consent(other, "cv_publication")
    reconcile_jobs()
    assert len(pool.get("/api/v1/talent-pool/?page_size=100").json()["results"]) == 7
    # …and with seven: the new talents made the kept page out of date, so it is built again.
    assert (count(), count()) == few
    assert few[1] < few[0]


def test_export_and_erasure_cover_the_view_log(market, client_for):
    from plugins.employers.models import EmployerRelation

    talent = market["talent"]
    client_for(market["ict"]).get(f"/api/v1/talent-pool/{talent.public_id}/")
    client_for(market["ict"]).post(
        f"/api/v1/talent-pool/{talent.public_id}/contact/", {"message": "Hi"}, format="json"
    )
    exported = client_for(talent).get("/api/v1/me/export/").json()
    flat = {k: v for section in exported.values() if isinstance(section, dict) for k, v in section.items()}
    assert flat["employers.cvview"][0]["company"] == "DataBridge BV"
    assert flat["employers.employerrelation"][0]["contact_message"] == "Hi"
    assert client_for(talent).delete("/api/v1/me/").status_code == 204
    assert not CvView.objects.exists() and not EmployerRelation.objects.exists()
    assert client_for(market["ict"]).get("/api/v1/talent-pool/").json()["results"] == []


def test_a_blind_listing_does_not_leak_through_matches_or_meetings(market, client_for):
    from datetime import timedelta

    from django.utils import timezone

    from plugins.employers import actions

    ict, talent = market["ict"], market["talent"]
    actions.update_details(ict, blind_listings=True)
    employer = client_for(ict)
    assert employer.get("/api/v1/matches/").json()["results"] == []
    match = Match.objects.get(kind="talent_employer", employer=ict, talent=talent)
    start = timezone.now() + timedelta(days=2)
    planned = employer.post(
        "/api/v1/meetings/",
        {
            "matches": [str(match.public_id)],
            "title": "Interview",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
        },
        format="json",
    )
    assert planned.status_code == 400  # the match is not visible to this employer yet
    actions.request_contact(ict, talent, "Interested in an interview?")
    actions.accept_contact(talent, ict)
    assert [m["id"] for m in employer.get("/api/v1/matches/").json()["results"]] == [str(match.public_id)]


def test_closing_a_connection_by_hand_lasts_and_an_accepted_contact_survives_a_reconnection(
    market, reconcile_jobs, client_for
):
    from cms.accounts.actions import withdraw_consent
    from plugins.employers import actions, matching

    ict, talent = market["ict"], market["talent"]
    actions.update_details(ict, blind_listings=True)
    actions.request_contact(ict, talent, "Hello")
    actions.accept_contact(talent, ict)
    withdraw_consent(talent, "cv_publication")
    grant_consent(talent, "cv_publication")
    reconcile_jobs()
    match = Match.objects.get(kind="talent_employer", employer=ict, talent=talent, state="active")
    assert match.can_contact  # the accepted contact still counts
    closed = client_for(ict).post(
        f"/api/v1/matches/{match.public_id}/close/", {"reason": "Position filled"}, format="json"
    )
    assert closed.status_code == 200
    assert matching.reconcile_talent(talent).created == 0  # closing by hand is a decline that lasts


def test_an_old_version_of_the_consent_does_not_publish_the_cv(market, settings):
    from plugins.employers import matching

    settings.HELIX_CONSENT_VERSIONS = {**settings.HELIX_CONSENT_VERSIONS, "cv_publication": "2099-01"}
    assert not matching.publishes_cv(market["talent"])
    assert matching.reconcile_talent(market["talent"]).closed == 1


def test_the_catch_up_command_connects_existing_data(make_user, in_sectors, market):
    from django.core.management import call_command

    from plugins.employers.models import EmployerRelation

    Match.objects.filter(kind="talent_employer").delete()
    EmployerRelation.objects.all().delete()
    call_command("employers_reconcile")
    assert Match.objects.filter(
        kind="talent_employer", employer=market["ict"], talent=market["talent"]
    ).exists()


def test_a_broad_and_a_narrow_pool_list_the_same_talents_in_the_same_order(
    make_user, in_sectors, reconcile_jobs, market, client_for, settings
):
    """Past the count's cap the page walks my connections newest first; below it, the page's keys
    come from the counting query. Both give the same talents, in the same order, page by page."""
    for n in range(5):
        other = make_user("talent", first_name=f"Talent{n}")
        profile = in_sectors(other, "ict")
        profile.digital_skills = ["SQL"]
        profile.save()
        grant_consent(other, "cv_publication")
    reconcile_jobs()
    pool = client_for(market["ict"])

    def walk(url: str) -> list[str]:
        seen, answer = [], pool.get(url).json()
        while True:
            seen += [row["id"] for row in answer["results"]]
            if not answer["next"]:
                return seen
            answer = pool.get(answer["next"]).json()

    narrow = walk("/api/v1/talent-pool/?page_size=2&q=sql")
    settings.HELIX_API_COUNT_CAP = 2
    broad = walk("/api/v1/talent-pool/?page_size=2&q=sql")
    assert pool.get("/api/v1/talent-pool/?page_size=2&q=sql").json()["count_exact"] is False
    assert len(narrow) == 6 and broad == narrow


def _pool_talents(make_user, in_sectors, reconcile_jobs, **profiles):
    """ICT talents publishing their CV, one per keyword argument (their profile's fields)."""
    talents = {}
    for name, fields in profiles.items():
        talent = make_user("talent", first_name=name)
        profile = in_sectors(talent, "ict")
        for field, value in fields.items():
            setattr(profile, field, value)
        profile.save()
        grant_consent(talent, "cv_publication")
        talents[name] = str(talent.public_id)
    reconcile_jobs()
    return talents


def test_the_pool_text_filters_match_words_in_any_field_and_whole_language_codes(
    make_user, in_sectors, reconcile_jobs, market, client_for
):
    """``q`` (each word in one of the competence fields, in any case) and ``language`` (a whole
    code) find the same talents as one ``icontains`` per field, on SQLite and on PostgreSQL (where
    they are one indexed ``LIKE`` per word)."""
    from django.db.models import Q

    from cms.accounts.models import TalentProfile
    from plugins.employers.api import COMPETENCE_FIELDS

    talents = _pool_talents(
        make_user,
        in_sectors,
        reconcile_jobs,
        Amal={
            "digital_skills": ["Django", "PostgreSQL"],
            "key_areas_of_expertise": "Data engineering",
            "career_objective": "وظيفة في البرمجة",
            "languages": [{"language": "ar", "level": "native"}, {"language": "en", "level": "C1"}],
        },
        Bahar={
            "education_field": "Génie civil",
            "core_strengths": "Teamwork, planning",
            "work_experience": "Site engineer at Bouwbedrijf",
            "languages": [{"language": "arz", "level": "native"}],
        },
        Dawit={
            "soft_skills": ["communication", "Teamwork"],
            "languages": [{"language": "ti", "level": "native"}, {"language": "pt-BR", "level": "B1"}],
        },
    )
    amal, bahar, dawit, farid = (
        talents["Amal"],
        talents["Bahar"],
        talents["Dawit"],
        str(market["talent"].public_id),
    )
    pool = client_for(market["ict"])

    def ids(query: str) -> set[str]:
        answer = pool.get(f"/api/v1/talent-pool/?{query}")
        assert answer.status_code == 200, answer.content
        return {row["id"] for row in answer.json()["results"]}

    def icontains_per_field(query: str) -> set[str]:
        """What the filter matched before its index: one ``icontains`` per field and word."""
        rows = TalentProfile.objects.filter(user__public_id__in=[amal, bahar, dawit, farid])
        for word in query.split():
            condition = Q()
            for field in COMPETENCE_FIELDS:
                condition |= Q(**{f"{field}__icontains": word})
            rows = rows.filter(condition)
        return {str(pk) for pk in rows.values_list("user__public_id", flat=True)}

    expected = {
        "postgres": {amal},  # inside a field (a JSON list)
        "ENGINEER": {amal, bahar},  # in any case, in different fields
        "django engineering": {amal},  # each word in a different field of the same talent
        "python teamwork": set(),  # each word found, but in different talents
        "teamwork": {bahar, dawit},
        "génie": {bahar},  # accented
        "البرمجة": {amal},  # Arabic
        "100%": set(),  # LIKE's wildcards are plain characters
        "a_b": set(),
    }
    for query, talents_found in expected.items():
        assert ids(f"q={query}") == talents_found == icontains_per_field(query), query
    assert ids("language=ar") == {amal}  # not "arz"
    assert ids("language=AR") == {amal}
    assert ids("language=arz") == {bahar}
    assert ids("language=pt-br") == {dawit}
    assert ids("language=ti&q=teamwork") == {dawit}
    assert ids("language=ar&q=génie") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram indexes are PostgreSQL's")
def test_the_pool_text_filters_can_use_their_trigram_indexes(market):
    """The expressions the filters build are those of the indexes of ``employers.0003`` (an index
    serves only its own expression): left no other way to read the profiles than a bitmap of an
    index on the filter, PostgreSQL reads the trigram index."""
    from cms.accounts.models import TalentProfile
    from plugins.employers.api import text_filtered

    settings_off = ("enable_seqscan", "enable_indexscan")
    for filters, index in (
        ({"q": "python"}, "employers_pool_competences_trgm"),
        ({"q": "python sql"}, "employers_pool_competences_trgm"),
        ({"language": "ar"}, "employers_pool_languages_trgm"),
    ):
        rows = text_filtered(TalentProfile.objects.all(), filters).values("pk")
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            for setting in settings_off:
                cursor.execute(f"SET {setting} = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            for setting in settings_off:
                cursor.execute(f"RESET {setting}")
        assert f"Bitmap Index Scan on {index}" in plan, plan


def test_the_pool_row_is_the_serializers(make_user, in_sectors, reconcile_jobs, market, client_for):
    """The pool's written-out representation answers exactly what DRF's field-by-field walk over
    ``PoolTalentSerializer.row`` answers, for talents of every kind (blind or not, contact requested
    or accepted or neither, with and without a CV, one or two sectors, languages or none), in every
    language of the reader, and reads nothing from the database per row: the list reads its rows
    as ``TalentPoolViewSet.list`` does (only the listed columns, the sectors' slugs at once). A
    field added to the serializer and not to the fast path fails here."""
    from django.test import RequestFactory
    from django.utils import timezone, translation
    from rest_framework import serializers as drf

    from plugins.employers import actions
    from plugins.employers.api import PoolTalentSerializer, TalentPoolViewSet, _profile_of, with_sector_slugs

    ict = market["ict"]
    first = _pool_talents(
        make_user,
        in_sectors,
        reconcile_jobs,
        Amal={
            "languages": [{"language": "ar", "level": "native"}, {"language": "nl", "level": "B1"}],
            "soft_skills": ["Teamwork", "communication"],
            "key_areas_of_expertise": "Data engineering",
            "core_strengths": "Planning",
            "career_objective": "وظيفة في البرمجة",
            "work_experience": "Analyst at Bouwbedrijf",
            "education_field": "Génie civil",
            "cv": "private/cv/amal.pdf",
        },
        Bahar={"languages": [], "soft_skills": [], "digital_skills": [], "dutch_level": "C1"},
    )
    by_id = {str(u.public_id): u for u in type(ict).objects.filter(public_id__in=list(first.values()))}
    amal, bahar = by_id[first["Amal"]], by_id[first["Bahar"]]
    in_sectors(amal, "ict", "healthcare")  # two sectors, still connected through ict
    actions.request_contact(ict, amal, "Hello")
    actions.accept_contact(amal, ict)  # accepted before the listings turn blind: never blind
    actions.update_details(ict, blind_listings=True)  # Farid and Bahar now blind
    actions.request_contact(ict, bahar, "Hello")  # blind, contact requested: still hidden
    later = _pool_talents(
        make_user,
        in_sectors,
        reconcile_jobs,
        Chen={"education_level": "bachelor", "cv": "private/cv/chen.pdf"},  # blind from the start
    )
    chen = type(ict).objects.get(public_id=later["Chen"])
    actions.request_contact(ict, chen, "Hello")
    actions.accept_contact(chen, ict)  # blind, then accepted: visible
    actions.update_details(ict, blind_listings=False)
    last = _pool_talents(make_user, in_sectors, reconcile_jobs, Dawit={}, Eva={"cv": "private/cv/eva.pdf"})
    actions.request_contact(ict, type(ict).objects.get(public_id=last["Eva"]), "Hello")  # requested, open

    request = RequestFactory().get("/api/v1/talent-pool/")
    request.user = ict
    view = TalentPoolViewSet(request=request, format_kwarg=None)
    rows, _counted = view._pool_connections()
    profiles = with_sector_slugs([_profile_of(connection) for connection in rows])
    retrieved = list(view.get_queryset())  # the one-talent answers read the profile this way
    assert len(profiles) == len(retrieved) == 6
    serializer = PoolTalentSerializer()
    for language in ("en", "nl", "ar"):
        for zone in ("UTC", "Europe/Brussels"):
            with translation.override(language), timezone.override(zone):
                for profile in [*profiles, *retrieved]:
                    with CaptureQueriesContext(connection) as reads:
                        fast = serializer.to_representation(profile)
                    assert not reads.captured_queries  # nothing deferred is read again
                    walked = drf.Serializer.to_representation(serializer, PoolTalentSerializer.row(profile))
                    assert fast == walked, (language, zone, walked["id"])
                    assert list(fast) == list(walked) and list(fast["competences"]) == list(
                        walked["competences"]
                    )
    # The cases above are not all alike: the comparison saw every branch, and blind rows withhold.
    answer = {row["id"]: row for row in client_for(ict).get("/api/v1/talent-pool/").json()["results"]}
    hidden = {str(market["talent"].public_id), first["Bahar"]}
    assert {i for i, row in answer.items() if row["blind"]} == hidden
    assert all(answer[i]["name"] is None for i in hidden)
    assert answer[first["Bahar"]]["contact"] == "requested" and answer[later["Chen"]]["contact"] == "accepted"
    assert answer[later["Chen"]]["name"] and not answer[later["Chen"]]["blind"]
    assert (
        answer[first["Amal"]]["sectors"] == ["ict", "healthcare"]
        or len(answer[first["Amal"]]["sectors"]) == 2
    )
    assert answer[first["Amal"]]["languages"][1] == {"language": "nl", "level": "B1"}
    assert {i for i, row in answer.items() if row["has_cv"]} == {first["Amal"], later["Chen"], last["Eva"]}
    assert answer[last["Dawit"]]["contact"] == "" and answer[last["Eva"]]["contact"] == "requested"
    assert all(row["connected_at"] for row in answer.values())


def test_a_kept_pool_page_is_the_employers_own_and_the_page_a_build_gives(
    make_user, in_sectors, reconcile_jobs, market, client_for, settings
):
    """Each employer's page is kept for them alone; what a kept page answers is what a page built
    for the same request answers, byte for byte, and a change to a talent's profile shows at once."""
    second = make_user("employer", first_name="Jan")
    in_sectors(second, "ict")
    reconcile_jobs()
    ict, other = client_for(market["ict"]), client_for(second)
    url = "/api/v1/talent-pool/?page_size=20"
    ict.get(url)
    kept = ict.get(url)
    assert [row["name"] for row in kept.json()["results"]] == [str(market["talent"])]
    assert other.get(url).json()["results"][0]["contact"] == ""  # its own page, built for it
    settings.HELIX_PAGE_CACHE_SECONDS = 0
    assert ict.get(url).content == kept.content
    settings.HELIX_PAGE_CACHE_SECONDS = 3600

    profile = market["talent"].talent_profile
    profile.core_strengths = "Data pipelines in Python"
    profile.save()
    (row,) = ict.get(url).json()["results"]
    assert row["competences"]["core_strengths"] == "Data pipelines in Python"


def test_a_kept_pool_page_never_shows_a_talent_who_left_the_pool(
    make_user, in_sectors, reconcile_jobs, market, client_for
):
    """However a talent leaves the pool (here by statements that send no signal, so the pool's
    generation does not move), the kept page is checked before it is answered and built again."""
    from cms.accounts.models import User

    lina = make_user("talent", first_name="Lina")
    in_sectors(lina, "ict")
    grant_consent(lina, "cv_publication")
    reconcile_jobs()
    ict = client_for(market["ict"])
    url = "/api/v1/talent-pool/"

    def names():
        return sorted(row["name"] for row in ict.get(url).json()["results"])

    assert names() == names() == sorted([str(market["talent"]), str(lina)])  # built, then kept
    Match.objects.filter(talent=market["talent"]).update(state=Match.State.CLOSED)  # disconnected
    assert names() == [str(lina)]
    assert names() == [str(lina)]  # kept again
    User.objects.filter(pk=lina.pk).update(is_active=False)  # deactivated by an admin
    answer = ict.get(url).json()
    assert answer["results"] == [] and answer["count"] == 0


def test_in_pool_is_the_pools_own_rule(make_user, in_sectors, reconcile_jobs, market):
    """The written-out check of kept pages (``in_pool``) finds exactly the talents the pool's own
    query finds, as each of its conditions is taken away in turn."""
    from types import SimpleNamespace

    from django.utils import timezone

    from cms.accounts.models import User
    from cms.connections.models import TalentProfileUserObjectPermission
    from plugins.employers.api import TalentPoolViewSet, in_pool

    employer = market["ict"]
    talents = [market["talent"]]
    for name in ("Lina", "Noor", "Sami", "Omar", "Rana"):
        talent = make_user("talent", first_name=name)
        in_sectors(talent, "ict")
        grant_consent(talent, "cv_publication")
        talents.append(talent)
    outsider = make_user("talent", first_name="Hadi")  # in another sector: never in this pool
    in_sectors(outsider, "healthcare")
    grant_consent(outsider, "cv_publication")
    reconcile_jobs()
    ids = [talent.pk for talent in [*talents, outsider]]
    view = TalentPoolViewSet()
    view.request = SimpleNamespace(user=employer)

    def both():
        pools = set(view._pool_connections()[1].values_list("talent_id", flat=True))
        return set(in_pool(employer.pk, ids)), pools

    found, expected = both()
    assert found == expected == {talent.pk for talent in talents}
    Match.objects.filter(talent=talents[1], employer=employer).update(state=Match.State.PAUSED)
    User.objects.filter(pk=talents[2].pk).update(is_active=False)
    User.objects.filter(pk=talents[3].pk).update(erased_at=timezone.now())
    TalentProfileUserObjectPermission.objects.filter(user=employer, content_object__user=talents[4]).delete()
    found, expected = both()
    assert found == expected == {talents[0].pk, talents[5].pk}
    assert in_pool(market["care"].pk, ids) == [outsider.pk]  # the other employer: its own pool


def test_a_log_in_keeps_the_pool_pages_and_a_name_change_does_not(market, client_for):
    from django.contrib.auth.models import update_last_login

    ict = client_for(market["ict"])
    url = "/api/v1/talent-pool/"
    ict.get(url)

    def statements():
        with CaptureQueriesContext(connection) as captured:
            names = [row["name"] for row in ict.get(url).json()["results"]]
        return names, len(captured)

    kept = statements()
    update_last_login(None, market["talent"])  # the talent logs in
    assert statements() == kept
    talent = market["talent"]
    talent.first_name = "Faried"
    talent.save()
    names, count = statements()
    assert names == [str(talent)] and count > kept[1]  # built again, with the new name
