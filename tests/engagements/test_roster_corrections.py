"""The roster corrected: certifications edited, revoked (kept on record, no longer valid)
or deleted when recorded by mistake; sponsors and clients corrected; a coach edits their
own profile but not their capacity."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagements import services
from engagements.models import Certification, EngagementEvent, Organisation
from tests.conftest import client_for, open_for
from tests.pages.conftest import client_for as page_client


@pytest.fixture
def pcc(alice, ada) -> Certification:
    return services.record_certification(coach=alice.coach, body="ICF", level="PCC", issued_on=date(2024, 1, 1), expires_on=date(2027, 1, 1), by=ada)


def test_a_renewal_moves_the_expiry(pcc, ada):
    services.revise_certification(certification=pcc, expires_on=date(2030, 1, 1), by=ada)

    pcc.refresh_from_db()
    assert pcc.expires_on == date(2030, 1, 1)
    assert EngagementEvent.objects.filter(action="certification.revised", engagement_ref=pcc.public_id).exists()


def test_an_expiry_before_the_issue_is_refused_in_words(pcc, ada):
    with pytest.raises(ValidationError) as refused:
        services.revise_certification(certification=pcc, expires_on=date(2023, 1, 1), by=ada)

    assert refused.value.message_dict == {"expires_on": ["A certification expires after the day it was issued."]}


def test_a_revoked_certification_stays_on_record_but_is_no_longer_valid(pcc, ada):
    services.revoke_certification(certification=pcc, reason="Ethics ruling", revoked_on=date(2026, 6, 1), by=ada)

    pcc.refresh_from_db()
    assert pcc.revoked_on == date(2026, 6, 1)
    assert not pcc.is_valid_on(date(2026, 6, 2)) and pcc.is_valid_on(date(2026, 5, 31))
    assert EngagementEvent.objects.get(action="certification.revoked").reason == "Ethics ruling"


def test_only_an_admin_keeps_certifications(pcc, alice):
    with pytest.raises(PermissionDenied):
        services.withdraw_certification(certification=pcc, by=alice)


def test_the_coach_page_revokes_in_place_and_asks_a_reason(pcc, ada):
    as_ada = page_client(ada)

    refused = as_ada.post(f"/certifications/{pcc.public_id}/revoke/", {"reason": ""}, HTTP_HX_REQUEST="true")
    done = as_ada.post(f"/certifications/{pcc.public_id}/revoke/", {"reason": "Lapsed membership"}, HTTP_HX_REQUEST="true")

    assert "This field is required." in refused.content.decode()
    assert "revoked" in done.content.decode()
    pcc.refresh_from_db()
    assert pcc.revoked_on is not None


def test_a_coach_edits_their_own_profile_but_not_their_capacity(alice):
    services.update_coach(coach=alice.coach, bio="Former CFO.", specialties="finance leaders", by=alice)

    with pytest.raises(PermissionDenied):
        services.update_coach(coach=alice.coach, capacity=40, by=alice)
    alice.coach.refresh_from_db()
    assert (alice.coach.bio, alice.coach.capacity) == ("Former CFO.", 8)


def test_a_sponsor_still_named_somewhere_is_kept_with_the_reason(alice, carol, ada):
    acme = services.add_organisation(name="Acme", by=ada)
    services.revise_coachee(coachee=carol.coachee, organisation=acme, by=ada)
    open_for(alice, carol, organisation=acme)

    with pytest.raises(services.RuleBroken) as refused:
        services.withdraw_organisation(organisation=acme, by=ada)

    assert refused.value.detail == "Acme is still named on 1 engagement and 1 client"
    assert Organisation.objects.filter(pk=acme.pk).exists()


def test_an_unused_sponsor_is_deleted_from_its_page(ada):
    typo = services.add_organisation(name="Acmee", by=ada)

    page_client(ada).post(f"/sponsors/{typo.public_id}/delete/")

    assert not Organisation.objects.filter(pk=typo.pk).exists()


def test_a_clients_email_cannot_take_someone_elses(active, alice, eve):
    carol = active.coachees.get()

    with pytest.raises(ValidationError) as refused:
        services.revise_coachee(coachee=carol, email=eve.email.upper(), by=alice)

    assert refused.value.message_dict == {"email": ["A person with this email is already registered."]}


def test_a_coach_corrects_their_clients_name_through_the_api(active, alice):
    carol = active.coachees.get()

    response = client_for(alice).patch(f"/api/v1/coachees/{carol.public_id}/", {"last_name": "Clientson"}, format="json")

    assert response.status_code == 200 and response.json()["person"]["name"] == "Carol Clientson"


def test_a_coach_cannot_correct_another_coachs_client(bobs, alice, dave):
    response = client_for(alice).patch(f"/api/v1/coachees/{dave.coachee.public_id}/", {"last_name": "X"}, format="json")

    assert response.status_code == 404
