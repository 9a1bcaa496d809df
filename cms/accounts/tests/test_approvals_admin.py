"""The approvals queue in the Wagtail admin: what applicants submitted, decisions one by one or
in bulk, the e-mail in the applicant's language, and the count on the dashboard."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.accounts.models import ApprovalStatus, EmployerProfile, User
from cms.audit.models import AuditEntry
from cms.organisations.models import Organisation

URL = "/admin/approvals/"


@pytest.fixture
def admin_client(make_user):
    client = Client()
    client.force_login(make_user("admin", mfa=True))
    return client


@pytest.fixture
def applicants(make_user):
    staff = make_user("organisation", approved=False, preferred_language="nl")
    User.objects.filter(pk=staff.pk).update(preferred_language="nl")
    Organisation.objects.filter(staff=staff).update(
        name="Vluchtelingenwerk Gent", city="Gent", description="Begeleiding naar werk voor nieuwkomers."
    )
    employer = make_user("employer", approved=False)
    User.objects.filter(pk=employer.pk).update(preferred_language="ar")
    EmployerProfile.objects.filter(user=employer).update(company="Bouwbedrijf Peeters")
    return staff, employer


def test_the_queue_shows_what_each_applicant_submitted(admin_client, applicants):
    page = admin_client.get(URL).content.decode()
    assert "Vluchtelingenwerk Gent" in page and "Begeleiding naar werk voor nieuwkomers." in page
    assert "Bouwbedrijf Peeters" in page
    for user in applicants:
        assert f'data-account="{user.public_id}"' in page


def test_the_dashboard_says_how_many_wait(admin_client, applicants):
    page = admin_client.get("/admin/").content.decode()
    assert 'data-helix-waiting="2"' in page


def test_approving_in_bulk_mails_each_applicant_in_their_language(admin_client, applicants, sent):
    staff, employer = applicants
    answer = admin_client.post(
        URL, {"decision": "approve", "accounts": [str(staff.public_id), str(employer.public_id)], "note": ""}
    )
    assert answer.status_code == 302
    decided = User.objects.filter(pk__in=[staff.pk, employer.pk]).values_list("approval_status", flat=True)
    assert set(decided) == {ApprovalStatus.APPROVED}
    assert Organisation.objects.get(staff=staff).status == ApprovalStatus.APPROVED
    mails = {mail.to[0]: mail for mail in sent()}
    assert "goedgekeurd" in mails[staff.email].subject
    assert any("\u0600" <= char <= "\u06ff" for char in mails[employer.email].subject)  # Arabic
    assert AuditEntry.objects.filter(action="account.approved").count() == 2
    assert 'data-helix-approvals-empty' in admin_client.get(URL).content.decode()


def test_a_rejection_needs_a_reason_which_the_applicant_receives(admin_client, applicants, sent):
    staff, _employer = applicants
    admin_client.post(URL, {"decision": "reject", "accounts": [str(staff.public_id)], "note": ""})
    assert User.objects.get(pk=staff.pk).approval_status == ApprovalStatus.PENDING
    admin_client.post(
        URL, {"decision": "reject", "accounts": [str(staff.public_id)], "note": "Geen organisatie gevonden."}
    )
    assert User.objects.get(pk=staff.pk).approval_status == ApprovalStatus.REJECTED
    (mail,) = sent()
    assert "Geen organisatie gevonden." in mail.body


def test_the_queue_costs_the_same_queries_for_many_applicants(admin_client, make_user, applicants):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(URL).status_code == 200
        return [q["sql"][:150] for q in captured]

    queries()  # the first answer warms the admin's caches
    few = queries()
    for _n in range(6):
        make_user("organisation", approved=False)
        make_user("employer", approved=False)
    many = queries()
    assert len(many) == len(few), set(many) ^ set(few)


@pytest.mark.parametrize("role", ["talent", "mentor", "organisation", "employer"])
def test_only_approvers_open_the_queue(make_user, applicants, role):
    client = Client()
    client.force_login(make_user(role))
    staff, _employer = applicants
    assert client.get(URL).status_code in (302, 403)
    client.post(URL, {"decision": "approve", "accounts": [str(staff.public_id)]})
    assert User.objects.get(pk=staff.pk).approval_status == ApprovalStatus.PENDING


def test_an_admin_without_second_factor_is_sent_to_set_it_up(make_user, applicants):
    client = Client()
    client.force_login(make_user("admin"))
    assert "/2fa/" in client.get(URL)["Location"]
