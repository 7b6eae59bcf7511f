"""A sponsor contact reads engagements only through `sponsored_for`: every other gate gives
them nothing, and what they read beyond the default waits on every coachee's consent."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from engagements import services
from engagements.models import (
    ActionItem,
    Certification,
    Coach,
    Coachee,
    Engagement,
    EngagementEvent,
    EngagementReport,
    Objective,
    Organisation,
    ProgressRating,
    SelfRating,
    Sponsor,
    SupervisionEntry,
)
from kit.errors import RuleBroken
from mpc.models import CheckIn, Goal, Milestone, Mission, Stage
from sessions_grow import services as grow
from sessions_grow.models import CoachingSession, PrivateNote
from tests.conftest import activate, open_for
from tests.factories import CoacheeFactory, OrganisationFactory, SponsorFactory

GATED = [
    Engagement, Objective, SelfRating, ProgressRating, ActionItem, CoachingSession, PrivateNote, Coach,
    Certification, Coachee, SupervisionEntry, EngagementEvent, Goal, Milestone, Mission, CheckIn, Stage,
]


@pytest.fixture
def full(sponsored, alice, carol):
    """The sponsored engagement with something in every gate: a held session, a private note,
    an action, ratings."""
    session = grow.schedule_session(engagement=sponsored, scheduled_at=timezone.now(), by=alice)
    session = grow.hold_session(session=session, duration_minutes=60, summary="Shared", share_summary=True, by=alice)
    grow.agree_action(session=session, title="Call", owner=carol, by=alice)
    grow.write_private_note(session=session, body="note", by=alice)
    objective = sponsored.objectives.get()
    services.rate_myself(objective=objective, rating=4, by=carol)
    services.rate_progress(objective=objective, rating=5, by=alice)
    services.give_consent(engagement=sponsored, by=carol)  # even with consent, the content gates stay shut
    return sponsored


@pytest.mark.parametrize("model", GATED, ids=lambda m: m.__name__)
def test_every_content_gate_gives_a_sponsor_nothing(full, sam, model):
    assert not model.objects.visible_to(sam).exists()


def test_a_sponsor_sees_their_own_organisation_and_themself(full, sam, acme):
    OrganisationFactory(name="Other Ltd")

    assert list(Organisation.objects.visible_to(sam)) == [acme]
    assert list(Sponsor.objects.visible_to(sam)) == [sam.sponsor]


def test_a_coachee_sees_the_sponsor_contacts_named_on_their_engagement(sponsored, carol, dave, sam):
    SponsorFactory()

    assert list(Sponsor.objects.visible_to(carol)) == [sam.sponsor]
    assert not Sponsor.objects.visible_to(dave).exists()


def test_a_sponsor_follows_only_the_engagements_they_are_named_on(sponsored, alice, carol, acme, sam):
    activate(open_for(alice, carol, title="Unnamed", organisation=acme), alice)

    assert list(Engagement.objects.sponsored_for(sam)) == [sponsored]


def test_nobody_else_follows_anything_through_the_sponsors_gate(sponsored, ada, alice, carol):
    for user in (ada, alice, carol):
        assert not Engagement.objects.sponsored_for(user).exists()


def test_a_seat_left_behind_by_a_change_of_sponsor_gives_nothing(sponsored, alice, sam):
    services.revise_engagement(engagement=sponsored, organisation=OrganisationFactory(name="New payer"), by=alice)

    assert not Engagement.objects.sponsored_for(sam).exists()


def test_taking_a_sponsor_off_takes_effect_at_once(sponsored, alice, sam):
    services.unname_sponsor(engagement=sponsored, sponsor=sam.sponsor, by=alice)

    assert not Engagement.objects.sponsored_for(sam).exists()


def test_consent_is_off_until_the_coachee_gives_it_and_off_again_once_withdrawn(sponsored, carol, sam):
    assert Engagement.objects.sponsored_for(sam).get().consented is False

    services.give_consent(engagement=sponsored, by=carol)
    assert Engagement.objects.sponsored_for(sam).get().consented is True

    services.withdraw_consent(engagement=sponsored, by=carol)
    assert Engagement.objects.sponsored_for(sam).get().consented is False


def test_in_a_team_every_member_must_consent(alice, carol, acme, sam):
    member = CoacheeFactory(organisation=acme).user
    team = activate(open_for(alice, carol, member, title="Team", organisation=acme), alice)
    services.name_sponsor(engagement=team, sponsor=sam.sponsor, by=alice)

    services.give_consent(engagement=team, by=carol)
    assert Engagement.objects.sponsored_for(sam).get().consented is False

    services.give_consent(engagement=team, by=member)
    assert Engagement.objects.sponsored_for(sam).get().consented is True


def test_the_consent_record_keeps_its_dates(sponsored, carol):
    given = services.give_consent(engagement=sponsored, by=carol)
    withdrawn = services.withdraw_consent(engagement=sponsored, by=carol)
    again = services.give_consent(engagement=sponsored, by=carol)

    assert withdrawn.pk == given.pk and withdrawn.withdrawn_at >= withdrawn.given_at
    assert again.pk != given.pk and again.withdrawn_at is None
    assert [e.action for e in EngagementEvent.objects.filter(action__startswith="sponsor_consent")] == [
        "sponsor_consent.given", "sponsor_consent.withdrawn", "sponsor_consent.given",
    ]


def test_consent_is_the_coachees_own(sponsored, alice, sam, dave):
    for outsider in (alice, sam, dave):
        with pytest.raises(PermissionDenied):
            services.give_consent(engagement=sponsored, by=outsider)


def test_consent_cannot_be_given_twice_nor_withdrawn_when_not_given(sponsored, carol):
    with pytest.raises(RuleBroken) as nothing:
        services.withdraw_consent(engagement=sponsored, by=carol)
    services.give_consent(engagement=sponsored, by=carol)
    with pytest.raises(RuleBroken) as twice:
        services.give_consent(engagement=sponsored, by=carol)

    assert (nothing.value.code, twice.value.code) == ("no_consent", "consent_given")


def test_a_sponsor_is_named_only_on_their_own_organisations_engagements(sponsored, alice):
    stranger = SponsorFactory(organisation=OrganisationFactory(name="Elsewhere"))

    with pytest.raises(RuleBroken) as refused:
        services.name_sponsor(engagement=sponsored, sponsor=stranger, by=alice)

    assert refused.value.code == "not_their_organisation"


def test_the_coach_or_an_admin_names_sponsors_nobody_else(sponsored, ada, bob, carol, acme):
    contact = SponsorFactory(organisation=acme)

    for refused in (bob, carol):
        with pytest.raises(PermissionDenied):
            services.name_sponsor(engagement=sponsored, sponsor=contact, by=refused)
    services.name_sponsor(engagement=sponsored, sponsor=contact, by=ada)

    assert sponsored.sponsor_seats.count() == 2


def test_a_sponsor_contact_named_on_an_engagement_is_not_deleted(sponsored, alice, sam):
    with pytest.raises(RuleBroken) as refused:
        services.withdraw_sponsor(sponsor=sam.sponsor, by=alice)

    assert refused.value.code == "sponsor_seated"
    services.unname_sponsor(engagement=sponsored, sponsor=sam.sponsor, by=alice)
    services.withdraw_sponsor(sponsor=sam.sponsor, by=alice)
    assert not Sponsor.objects.exists()


def test_reports_are_read_by_a_sponsor_only_approved_and_with_consent(sponsored, alice, carol, sam):
    report = EngagementReport.objects.create(engagement=sponsored, version=1, content={}, produced_at=timezone.now())
    assert not EngagementReport.objects.visible_to(sam).exists()

    EngagementReport.objects.filter(pk=report.pk).update(status="approved", decided_at=timezone.now())
    assert not EngagementReport.objects.visible_to(sam).exists()

    services.give_consent(engagement=sponsored, by=carol)
    assert list(EngagementReport.objects.visible_to(sam)) == [report]
