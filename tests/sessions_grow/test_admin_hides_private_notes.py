"""The Django admin never shows a private note, even to a superuser."""

from datetime import datetime, timezone

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from engagements.models import Engagement
from sessions_grow import services
from sessions_grow.models import CoachingSession, PrivateNote
from tests.factories import UserFactory

FIRST_MEETING = datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc)
SECRET = "Carol mentioned her divorce; handle with care."


@pytest.fixture
def superuser_client(db) -> Client:
    root = UserFactory(username="root", role="admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    return client


@pytest.fixture
def noted_session(active, alice) -> CoachingSession:
    session = services.schedule_session(engagement=active, scheduled_at=FIRST_MEETING, by=alice)
    services.hold_session(
        session=session, duration_minutes=60, held_at=FIRST_MEETING, by=alice, summary="Shared summary."
    )
    services.write_private_note(session=session, body=SECRET, by=alice)
    return session


def test_private_note_is_not_registered_in_the_admin():
    assert not admin.site.is_registered(PrivateNote)


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_no_admin_url_exists_for_private_notes(view):
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:sessions_grow_privatenote_{view}")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/sessions_grow/privatenote/",
        "/admin/sessions_grow/privatenote/add/",
        "/admin/sessions_grow/privatenote/{pk}/change/",
    ],
)
def test_superuser_gets_no_admin_page_for_private_notes(superuser_client, noted_session, path):
    note = PrivateNote.objects.get()

    response = superuser_client.get(path.format(pk=note.pk))

    assert response.status_code == 404
    assert SECRET not in response.content.decode()


def test_admin_index_does_not_list_private_notes(superuser_client, noted_session):
    response = superuser_client.get("/admin/")

    assert response.status_code == 200
    assert "privatenote" not in response.content.decode().lower()


def test_session_admin_pages_do_not_show_the_private_note(superuser_client, noted_session):
    if not admin.site.is_registered(CoachingSession):
        pytest.skip("CoachingSession is not in the admin, so no page can show its notes")
    pages = [
        reverse("admin:sessions_grow_coachingsession_changelist"),
        reverse("admin:sessions_grow_coachingsession_change", args=[noted_session.pk]),
    ]

    for page in pages:
        response = superuser_client.get(page)
        assert response.status_code == 200, page
        assert SECRET not in response.content.decode(), page


def test_engagement_admin_page_does_not_show_the_private_note(superuser_client, noted_session):
    if not admin.site.is_registered(Engagement):
        pytest.skip("Engagement is not in the admin")

    response = superuser_client.get(reverse("admin:engagements_engagement_change", args=[noted_session.engagement_id]))

    assert response.status_code == 200
    assert SECRET not in response.content.decode()
