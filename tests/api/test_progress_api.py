"""The API does what the pages do: reports produced and answered, sponsor contacts kept
and seated, consent given and withdrawn, ratings along the way."""

from __future__ import annotations

from engagements.models import Engagement, ProgressRating, Sponsor
from tests.conftest import engagement_in, prepare_closing


def test_the_report_is_produced_approved_once_and_read_through_the_api(alice, carol, api):
    engagement = prepare_closing(engagement_in(Engagement.State.ASSESSMENT, alice, carol), alice)

    produced = api(alice).post("/api/v1/engagement-reports/", {"engagement": str(engagement.public_id)}, format="json")
    report = produced.json()
    approved = api(carol).post(f"/api/v1/engagement-reports/{report['id']}/approval/", format="json")
    again = api(carol).post(f"/api/v1/engagement-reports/{report['id']}/approval/", format="json")

    assert produced.status_code == 201 and report["version"] == 1 and report["status"] == "produced"
    assert approved.status_code == 200 and approved.json()["approved_by"] == [str(carol.public_id)]
    assert again.status_code == 409 and again.json()["code"] == "report_answered"


def test_changes_are_asked_with_words(alice, carol, api):
    engagement = prepare_closing(engagement_in(Engagement.State.ASSESSMENT, alice, carol), alice)
    report = api(alice).post("/api/v1/engagement-reports/", {"engagement": str(engagement.public_id)}, format="json").json()

    blank = api(carol).post(f"/api/v1/engagement-reports/{report['id']}/change-request/", {"changes": " "}, format="json")
    asked = api(carol).post(f"/api/v1/engagement-reports/{report['id']}/change-request/", {"changes": "Add the budget talks."}, format="json")

    assert blank.status_code == 400
    assert asked.json()["status"] == "changes_asked" and asked.json()["changes_asked"] == "Add the budget talks."


def test_sponsor_contacts_are_added_seated_and_taken_off(sponsored, alice, acme, api):
    added = api(alice).post(
        "/api/v1/sponsors/", {"organisation": str(acme.public_id), "email": "kim@acme.example", "first_name": "Kim", "last_name": "Lee"}, format="json",
    )
    kim = added.json()["id"]
    seated = api(alice).post(f"/api/v1/engagements/{sponsored.public_id}/sponsors/", {"sponsor": kim}, format="json")
    twice = api(alice).post(f"/api/v1/engagements/{sponsored.public_id}/sponsors/", {"sponsor": kim}, format="json")

    listed = api(alice).get(f"/api/v1/engagements/{sponsored.public_id}/").json()["sponsors"]
    off = api(alice).delete(f"/api/v1/engagements/{sponsored.public_id}/sponsors/{kim}/")

    assert (added.status_code, seated.status_code, twice.status_code, off.status_code) == (201, 201, 409, 204)
    assert kim in listed
    assert twice.json()["code"] == "already_named"
    assert not Sponsor.objects.get(public_id=kim).seats.exists()


def test_consent_given_and_withdrawn_through_the_api_holds_at_the_sponsors_next_request(sponsored, carol, sam, api):
    detail = f"/api/v1/sponsor/engagements/{sponsored.public_id}/"

    given = api(carol).post(f"/api/v1/engagements/{sponsored.public_id}/sponsor-consent/", format="json")
    with_consent = api(sam).get(detail).json()
    withdrawn = api(carol).delete(f"/api/v1/engagements/{sponsored.public_id}/sponsor-consent/")
    without = api(sam).get(detail).json()

    assert given.status_code == 201 and with_consent["consented"] is True and with_consent["ratings"] is not None
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"] is not None
    assert without["consented"] is False and without["ratings"] is None


def test_a_sponsor_contact_sets_their_own_email_notice(sam, api):
    answer = api(sam).put("/api/v1/sponsor-settings/", {"notify_on_report": True}, format="json")

    assert answer.json() == {"notify_on_report": True}
    assert Sponsor.objects.get(user=sam).notify_on_report is True


def test_progress_is_rated_through_the_api_and_shown_on_the_objective(active, alice, carol, api):
    objective = active.objectives.get()

    answer = api(carol).post(f"/api/v1/objectives/{objective.public_id}/progress-rating/", {"rating": 6}, format="json")

    assert answer.status_code == 200
    assert [(r["rating"], r["by_coachee"]) for r in answer.json()["progress_ratings"]] == [(6, True)]
    assert ProgressRating.objects.get().person == carol
