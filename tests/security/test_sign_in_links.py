"""Sign-in links (django-sesame): a client asks for one by email instead of a password. The
answer tells nothing about the address; requests are rate-limited per client address and
per email; a link works once, within 15 minutes, only for an active client or sponsor
contact; it never skips the second factor, nor the lockout that guards it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from coaching import privacy, sign_in_links
from coaching.sign_in_links import LINKS_PER_ACCOUNT, LINKS_PER_ADDRESS
from coaching.tasks import send_sign_in_link
from engagements.models import User
from tests.security.conftest import code_for, log_in_with_password, turn_on_two_factor

ASK = "/accounts/sign-in/"
REFUSED = "This sign-in link no longer works"
WHY = "It has expired, was already used, or was changed on the way"


def emailed_link(user: User) -> str:
    """The path of the link the worker emails `user`."""
    mail.outbox.clear()
    send_sign_in_link.run(email=user.email)
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.fixture
def tasks_run_at_once():
    """The queued email is sent in the request's thread, so its outcome can be read here."""
    from coaching.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def ask_link(client: Client, email: str, capture) -> tuple[int, int]:
    """(status, tasks queued) of one request on the page."""
    with capture() as queued:
        response = client.post(ASK, {"email": email})
    return response.status_code, len(queued)


# --- asking ---------------------------------------------------------------------------


def test_a_known_and_an_unknown_address_get_the_same_answer(dave, django_capture_on_commit_callbacks):
    known = ask_link(Client(REMOTE_ADDR="198.51.100.1"), dave.email, django_capture_on_commit_callbacks)
    unknown = ask_link(Client(REMOTE_ADDR="198.51.100.2"), "nobody@example.com", django_capture_on_commit_callbacks)
    page = Client().get("/accounts/sign-in/sent/").content.decode()

    assert known == unknown == (302, 1)
    assert mail.outbox == []  # the worker sends it, after the page answered
    assert "If that address belongs to a client or a sponsor contact of the practice, a sign-in link is on its way" in page


def test_the_login_page_offers_a_link(db, client):
    page = client.get("/accounts/login/").content.decode()

    assert 'href="/accounts/sign-in/"' in page and "Email me a sign-in link" in page


def test_a_client_is_emailed_a_link_that_says_how_long_it_works(dave, settings):
    settings.SITE_URL = "https://tandem.example"
    dave.time_zone = "Europe/Paris"
    dave.save()

    send_sign_in_link.run(email=dave.email.upper())

    (message,) = mail.outbox
    print(f"\nSubject: {message.subject}\nTo: {', '.join(message.to)}\n\n{message.body}")
    assert message.to == [dave.email] and message.subject == "Your link to sign in to Tandem"
    assert message.body.startswith("Hello Dave,\n\nHere is the link you asked for to sign in to Tandem:\n")
    assert "https://tandem.example/accounts/sign-in/" in message.body
    assert re.search(r"It works once, within 15 minutes \(until \d\d:\d\d CES?T\)", message.body)


def test_a_coach_is_told_to_use_their_password_and_gets_no_link(alice):
    send_sign_in_link.run(email=alice.email)

    (message,) = mail.outbox
    print(f"\nSubject: {message.subject}\n\n{message.body}")
    assert "/accounts/sign-in/" not in message.body
    assert "as a coach or an admin you can read clients' files, so you log in with your password" in message.body
    assert "/accounts/login/" in message.body and "/accounts/password_reset/" in message.body


def test_nobody_unknown_or_deactivated_is_emailed(dave, ada):
    dave.is_active = False
    dave.save()

    send_sign_in_link.run(email=dave.email)
    send_sign_in_link.run(email="nobody@example.com")

    assert mail.outbox == []


def test_requests_from_one_address_are_limited(db, django_capture_on_commit_callbacks):
    client = Client(REMOTE_ADDR="203.0.113.50")

    answers = [ask_link(client, f"person{n}@example.com", django_capture_on_commit_callbacks) for n in range(LINKS_PER_ADDRESS + 1)]
    refused = client.post(ASK, {"email": "someone@example.com"})

    assert answers == [(302, 1)] * LINKS_PER_ADDRESS + [(429, 0)]
    assert refused.status_code == 429 and "Too many sign-in link requests: try again in an hour." in refused.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.51").post(ASK, {"email": "someone@example.com"}).status_code == 302


def test_requests_for_one_address_are_limited_from_anywhere(dave, django_capture_on_commit_callbacks):
    answers = [
        ask_link(Client(REMOTE_ADDR=f"203.0.113.{n}"), dave.email, django_capture_on_commit_callbacks)
        for n in range(LINKS_PER_ACCOUNT + 1)
    ]

    assert answers == [(302, 1)] * LINKS_PER_ACCOUNT + [(429, 0)]


def test_the_limits_start_again_after_an_hour(dave, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    for _ in range(LINKS_PER_ACCOUNT):
        ask_link(Client(), dave.email, django_capture_on_commit_callbacks)

    time_machine.shift(timedelta(minutes=61))

    assert ask_link(Client(), dave.email, django_capture_on_commit_callbacks) == (302, 1)


def test_scripts_ask_through_the_api_with_the_same_answer_and_limits(dave, django_capture_on_commit_callbacks):
    api = APIClient(REMOTE_ADDR="198.51.100.7")

    with django_capture_on_commit_callbacks() as queued:
        known = api.post("/api/v1/sign-in-links/", {"email": dave.email}, format="json")
        unknown = api.post("/api/v1/sign-in-links/", {"email": "nobody@example.com"}, format="json")
    for _ in range(LINKS_PER_ACCOUNT - 1):
        api.post("/api/v1/sign-in-links/", {"email": dave.email}, format="json")
    limited = api.post("/api/v1/sign-in-links/", {"email": dave.email}, format="json")

    assert known.status_code == unknown.status_code == 202 and known.json() == unknown.json()
    assert len(queued) == 2
    assert limited.status_code == 429 and limited.json() == {"detail": "Too many sign-in link requests: try again in an hour."}
    assert api.post("/api/v1/sign-in-links/", {}, format="json").status_code == 400


# --- using a link ---------------------------------------------------------------------


def test_a_link_signs_the_client_in_once(dave, client):
    link = emailed_link(dave)

    opened = client.get(link)
    opened_again = client.get(link)  # a mail scanner fetching it does not use it up
    signed_in = client.post(link)
    portal = client.get("/", follow=True)
    client.post("/accounts/logout/")
    second_time = client.post(link)
    second_look = client.get(link).content.decode()

    assert "Sign in as Dave" in opened.content.decode() and opened_again.status_code == 200
    assert signed_in.status_code == 302 and portal.redirect_chain[-1][0] == "/my/"
    assert second_time.status_code == 400 and REFUSED in second_time.content.decode()
    assert WHY in second_look and "Email me a new link" in second_look


def test_a_link_works_for_15_minutes(dave, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    link = emailed_link(dave)
    late = emailed_link(dave)  # both stand until one is used

    time_machine.shift(timedelta(minutes=14, seconds=59))
    in_time = Client().post(link)
    time_machine.shift(timedelta(seconds=2))
    expired = Client().post(late)

    assert in_time.status_code == 302
    assert expired.status_code == 400 and WHY in expired.content.decode()


def test_using_one_link_voids_the_others(dave):
    first, second = emailed_link(dave), emailed_link(dave)

    Client().post(second)

    assert REFUSED in Client().post(first).content.decode()


def test_a_tampered_link_is_refused_the_same_way(dave):
    link = emailed_link(dave)
    token = link.rstrip("/").rsplit("/", 1)[1]
    tampered = link.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))

    for made_up in (tampered, "/accounts/sign-in/not-a-token/", "/accounts/sign-in/" + "A" * 40 + "/"):
        response = Client().post(made_up)
        assert response.status_code == 400 and WHY in response.content.decode()


@pytest.mark.parametrize("change", ["deactivated", "erased", "email", "password"])
def test_a_link_stops_working_when_its_person_changes(change, dave, ada):
    link = emailed_link(dave)
    if change == "deactivated":
        dave.is_active = False
        dave.save()
    elif change == "erased":
        privacy.erase_coachee(coachee=dave.coachee, by=ada, reason="their request")
    elif change == "email":
        dave.email = "dave.new@example.com"
        dave.save()
    else:
        dave.set_password("a brand new pass phrase")
        dave.save()

    response = Client().post(link)

    assert response.status_code == 400 and WHY in response.content.decode()
    assert Client().get(link).status_code == 200 and REFUSED in Client().get(link).content.decode()


def test_a_coachs_token_is_refused(alice, bob):
    from sesame.tokens import create_token

    response = Client().post(f"/accounts/sign-in/{create_token(alice)}/")

    assert response.status_code == 400 and REFUSED in response.content.decode()


def test_a_used_link_offers_a_new_one_without_typing(dave, tasks_run_at_once, django_capture_on_commit_callbacks):
    link = emailed_link(dave)
    Client().post(link)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = Client().post(link, {"again": "1"})
    (message,) = mail.outbox
    new_link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)

    assert again.status_code == 302 and again.url == "/accounts/sign-in/sent/"
    assert message.to == [dave.email] and new_link != link
    assert Client().post(new_link).status_code == 302


def test_asking_again_with_a_made_up_link_answers_the_same_and_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        again = Client().post("/accounts/sign-in/" + "A" * 40 + "/", {"again": "1"})

    assert again.status_code == 302 and again.url == "/accounts/sign-in/sent/" and queued == []


# --- the second factor ----------------------------------------------------------------


def test_a_link_never_skips_the_second_factor(dave, client):
    device = turn_on_two_factor(dave).device
    link = emailed_link(dave)

    signed_in = client.post(link)
    held = client.get("/my/")
    api_held = client.get("/api/v1/engagements/")
    verified = client.post("/accounts/2fa/verify/", {"code": code_for(device, steps_ahead=1), "next": "/my/"})

    assert signed_in.status_code == 302
    assert held.status_code == 302 and held.url.startswith("/accounts/2fa/verify/")
    assert api_held.status_code == 403
    assert verified.status_code == 302 and verified.url == "/my/" and client.get("/my/").status_code == 200


def test_a_lockout_at_the_code_step_holds_after_a_link(dave, client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # axes alone here
    turn_on_two_factor(dave)
    log_in_with_password(client, "dave")
    for _ in range(5):
        client.post("/accounts/2fa/verify/", {"code": "000000"})
    link = emailed_link(dave)

    client.post(link)
    guess = client.post("/accounts/2fa/verify/", {"code": "123456"})

    assert guess.status_code == 429 and "Too many failed attempts" in guess.content.decode()
    assert client.get("/my/").status_code == 302 and "/accounts/login/" in client.get("/my/").url


def test_someone_signed_in_is_sent_to_their_page(dave, client):
    client.force_login(dave)  # a sign-in voids the links sent before it: this one comes after
    link = emailed_link(dave)

    assert client.get(link).url == "/" and client.get(ASK).url == "/"
    assert Client().post(link).status_code == 302  # the link was not used up


# --- invitations ------------------------------------------------------------------------


def invited(user: User) -> str:
    """The path of `user`'s invitation, as if just registered (no password, never signed in)."""
    from engagements.services import invitation_link

    User.objects.filter(pk=user.pk).update(password="!", last_login=None)
    user.refresh_from_db()
    return invitation_link(user).replace("http://127.0.0.1:8000", "")


def invitation_form(client: Client, invitation: str) -> tuple[str, str]:
    opened = client.get(invitation, follow=True)
    return (opened.redirect_chain or [(invitation,)])[-1][0], opened.content.decode()


def test_an_invited_client_may_start_without_a_password(client, carol):
    invitation = invited(carol)
    url, page = invitation_form(client, invitation)

    started = client.post(url, {"without_password": "1"}, follow=True)
    client.post("/accounts/logout/")
    _, again = invitation_form(Client(), invitation)

    carol.refresh_from_db()
    assert "Continue without a password" in page and "Set my password" in page
    assert started.redirect_chain[-1][0] == "/my/" and "Email me a sign-in link" in started.content.decode()
    assert not carol.has_usable_password()
    assert "This invitation is not valid" in again  # signing in used it up
    assert Client().post(emailed_link(carol)).status_code == 302  # and links bring her back


def test_an_invited_coach_must_choose_a_password(client, alice):
    url, page = invitation_form(client, invited(alice))

    refused = client.post(url, {"without_password": "1"})

    assert "Continue without a password" not in page
    assert refused.status_code == 200 and client.get("/").status_code == 302  # the form again; not signed in


def test_the_email_speaks_the_language_of_the_page_that_asked(dave, tasks_run_at_once, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = Client(HTTP_ACCEPT_LANGUAGE="fr").post(ASK, {"email": dave.email}, follow=True)

    (message,) = mail.outbox
    print(f"\nSubject: {message.subject}\n\n{message.body}")
    assert "Consultez vos e-mails" in page.content.decode()
    assert message.subject == "Votre lien de connexion à Tandem"
    assert "Il sert une seule fois, dans les 15 minutes (jusqu'à" in message.body


def test_the_email_speaks_the_language_its_recipient_chose_over_the_page(dave, tasks_run_at_once, django_capture_on_commit_callbacks):
    dave.language = "fr"
    dave.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        Client(HTTP_ACCEPT_LANGUAGE="en").post(ASK, {"email": dave.email}, follow=True)

    (message,) = mail.outbox
    assert message.subject == "Votre lien de connexion à Tandem"


def test_a_client_who_started_without_a_password_may_choose_one_later(carol, client):
    User.objects.filter(pk=carol.pk).update(password="!")
    client.force_login(User.objects.get(pk=carol.pk))

    page = client.get("/accounts/password_change/").content.decode()
    chosen = client.post("/accounts/password_change/", {"new_password1": "a long pass phrase", "new_password2": "a long pass phrase"})

    carol.refresh_from_db()
    assert 'name="old_password"' not in page
    assert chosen.status_code == 302 and carol.check_password("a long pass phrase")


def test_a_sponsor_contact_signs_in_by_link_to_their_page(db):
    from tests.factories import SponsorFactory

    sam = SponsorFactory(user__username="sam", user__email="sam@acme.example").user
    client = Client()

    client.post(emailed_link(sam))

    assert client.get("/", follow=True).redirect_chain[-1][0] == "/sponsor/"


@pytest.mark.django_db(transaction=True)
def test_two_presses_of_one_link_at_once_sign_in_once(needs_postgres, dave):
    import threading

    from django.db import connection

    token = emailed_link(dave).rstrip("/").rsplit("/", 1)[1]
    start, signed_in, errors = threading.Barrier(2), [], []

    def press() -> None:
        try:
            start.wait(timeout=10)
            signed_in.append(sign_in_links.use_sign_in_link(token=token))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(user is None for user in signed_in) == [False, True]


# --- landing where the person was going ----------------------------------------------------


def test_a_link_asked_for_from_a_page_lands_on_that_page(dave, client, tasks_run_at_once, django_capture_on_commit_callbacks):
    """Sent to the login page from a reminder's link, the client asks for a sign-in link there:
    the emailed link opens that page, not only their own."""
    settings_page = reverse("engagements:reminder_settings")
    login = client.get("/accounts/login/", {"next": settings_page}).content.decode()
    asked = client.get(ASK, {"next": settings_page}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, {"email": dave.email, "next": settings_page})
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
    signed_in = client.post(link)

    assert f'href="{ASK}?next={settings_page}"' in login
    assert f'name="next" value="{settings_page}"' in asked
    assert signed_in.status_code == 302 and signed_in["Location"] == settings_page


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/my/", "/\\evil.example/", "javascript:alert(1)"])
def test_a_next_page_off_the_site_is_dropped(dave, client, tasks_run_at_once, django_capture_on_commit_callbacks, elsewhere):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, {"email": dave.email, "next": elsewhere})
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)

    assert "next" not in link and "evil" not in message.body
    assert client.post(f"{link}?next={elsewhere}")["Location"] == "/"
