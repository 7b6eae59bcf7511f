"""An admin names co-coaches and takes them off again; a co-coach sees and writes the
engagement's content only while named."""

from __future__ import annotations

import pytest

from engagements import services
from engagements.forms import CoCoachForm
from tests.conftest import client_for
from tests.pages.conftest import client_for as page_client


def test_the_admin_names_a_co_coach_on_the_engagement_page(active, bob, ada):
    response = page_client(ada).post(f"/engagements/{active.public_id}/co-coaches/", {"coach": str(bob.coach.public_id)})

    assert response.status_code == 302
    assert list(active.co_coaches.all()) == [bob.coach]
    assert page_client(bob).get(f"/engagements/{active.public_id}/").status_code == 200


def test_a_removed_co_coach_no_longer_finds_the_engagement(co_coached, bob, ada):
    page_client(ada).post(f"/engagements/{co_coached.public_id}/co-coaches/{bob.coach.public_id}/remove/")

    assert not co_coached.co_coaches.exists()
    assert page_client(bob).get(f"/engagements/{co_coached.public_id}/").status_code == 404
    assert client_for(bob).get(f"/api/v1/engagements/{co_coached.public_id}/").status_code == 404


def test_neither_the_lead_nor_a_co_coach_is_offered_again(co_coached, alice, bob, ada):
    offered = CoCoachForm(engagement=co_coached).fields["coach"].queryset

    assert alice.coach not in offered and bob.coach not in offered


def test_removing_someone_who_is_not_a_co_coach_is_refused(active, bob, ada):
    with pytest.raises(services.RuleBroken) as refused:
        services.remove_co_coach(engagement=active, coach=bob.coach, by=ada)

    assert refused.value.detail == "Bob Coach is not a co-coach of this engagement"


def test_the_api_names_and_removes_co_coaches(active, bob, ada):
    api = client_for(ada)

    named = api.post(f"/api/v1/engagements/{active.public_id}/co-coaches/", {"coach": str(bob.coach.public_id)}, format="json")
    removed = api.delete(f"/api/v1/engagements/{active.public_id}/co-coaches/{bob.coach.public_id}/")

    assert named.status_code == 201 and named.json()["co_coaches"] == [str(bob.coach.public_id)]
    assert removed.status_code == 204 and not active.co_coaches.exists()


def test_the_api_hands_the_lead_to_another_coach(active, bob, ada):
    response = client_for(ada).post(f"/api/v1/engagements/{active.public_id}/lead-coach/", {"coach": str(bob.coach.public_id)}, format="json")

    assert response.status_code == 200 and response.json()["coach"] == str(bob.coach.public_id)
