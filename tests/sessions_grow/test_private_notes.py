"""A private note is its author's alone: no admin, supervisor, supervisee, co-coach or client reads it."""

from datetime import datetime, timezone

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from sessions_grow import services
from sessions_grow.models import PrivateNote

FIRST_MEETING = datetime(2026, 1, 12, 9, 0, tzinfo=timezone.utc)
ALICES_NOTE = "Carol seemed exhausted; explore burnout next time."


@pytest.fixture
def session(co_coached, alice):
    """A session of alice's engagement with carol, which bob co-coaches."""
    return services.schedule_session(engagement=co_coached, scheduled_at=FIRST_MEETING, by=alice)


@pytest.fixture
def alices_note(session, alice) -> PrivateNote:
    return services.write_private_note(session=session, body=ALICES_NOTE, by=alice)


def test_author_reads_their_private_note(alices_note, alice):
    bodies = list(PrivateNote.objects.visible_to(alice).values_list("body", flat=True))

    assert bodies == [ALICES_NOTE]


@pytest.mark.parametrize(
    "reader",
    [
        "ada",  # the practice admin
        "bob",  # alice's supervisee, and co-coach of this very engagement
        "carol",  # the client
        "dave",
        "eve",
    ],
)
def test_nobody_but_the_author_reads_a_private_note(alices_note, request, reader):
    user = request.getfixturevalue(reader)

    assert not PrivateNote.objects.visible_to(user).exists()


def test_anonymous_reads_no_private_note(alices_note):
    assert not PrivateNote.objects.visible_to(AnonymousUser()).exists()


def test_superuser_reads_no_private_note(alices_note, ada):
    ada.is_superuser = True
    ada.save()

    assert not PrivateNote.objects.visible_to(ada).exists()


def test_supervisor_does_not_read_a_supervisees_note(bobs, bob, alice):
    session = services.schedule_session(engagement=bobs, scheduled_at=FIRST_MEETING, by=bob)
    services.write_private_note(session=session, body="Dave is hiding something.", by=bob)

    assert not PrivateNote.objects.visible_to(alice).exists()


def test_co_coaches_keep_separate_notes(alices_note, session, alice, bob):
    services.write_private_note(session=session, body="Bob's own view.", by=bob)

    assert list(PrivateNote.objects.visible_to(bob).values_list("body", flat=True)) == ["Bob's own view."]
    assert list(PrivateNote.objects.visible_to(alice).values_list("body", flat=True)) == [ALICES_NOTE]


def test_rewriting_a_note_keeps_one_note_per_author(alices_note, session, alice):
    services.write_private_note(session=session, body="Revised.", by=alice)

    assert list(PrivateNote.objects.filter(session=session).values_list("body", flat=True)) == ["Revised."]


@pytest.mark.parametrize("writer", ["ada", "carol", "eve"])
def test_only_a_coach_of_the_engagement_writes_notes(session, request, writer):
    with pytest.raises(PermissionDenied):
        services.write_private_note(session=session, body="Peek", by=request.getfixturevalue(writer))

    assert not PrivateNote.objects.exists()
