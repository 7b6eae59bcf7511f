from engagements.models import Engagement


def test_active_fixture_reaches_active(active):
    assert active.state == Engagement.State.ACTIVE
    assert list(active.events.values_list("to_state", flat=True)) == ["exploratory", "", "", "", "active"]
