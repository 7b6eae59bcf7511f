"""Password reset without oracles: the page answers the same, in the same time, for a
known or an unknown address — the email goes out from the worker — and requests are
rate-limited per client address and per account."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from coaching import limits
from kit.languages import speaking_to
from kit.network import client_ip

# A person forgets a password a few times a year; a script tries thousands of addresses.
RESET_PER_ADDRESS = 10  # requests an hour from one client address
RESET_PER_ACCOUNT = 3  # requests an hour for one email address
RESET_WINDOW = timedelta(hours=1)
TOO_MANY = _("Too many password reset requests: try again in an hour.")


def send_password_reset(*, email: str) -> None:
    """Email the reset link to each active account with this address (the worker's part).
    Links point at TANDEM_SITE_URL, never at the Host a request named."""
    form = SpokenPasswordResetForm({"email": email})
    if form.is_valid():
        site = urlsplit(settings.SITE_URL)
        form.save(domain_override=site.netloc, use_https=site.scheme == "https")


class SpokenPasswordResetForm(PasswordResetForm):
    """Django's reset form, writing each email in its recipient's language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs) -> None:
        with speaking_to(context["user"]):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending nothing itself: it queues the worker's task once the
    request commits, whether or not the address is known."""

    def save(self, **kwargs) -> None:
        from coaching.tasks import (
            send_password_reset as task,  # coaching.tasks imports this module
        )

        email = self.cleaned_data["email"]
        transaction.on_commit(lambda: task.delay(email=email))


class PasswordResetView(auth_views.PasswordResetView):
    """The reset page, with its two rate limits (429 past either)."""

    form_class = QueuedPasswordResetForm

    def form_valid(self, form: QueuedPasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"]
        allowed = limits.allow(
            scope="reset-address", key=client_ip(self.request) or "", limit=RESET_PER_ADDRESS, window=RESET_WINDOW
        ) and limits.allow(scope="reset-account", key=email, limit=RESET_PER_ACCOUNT, window=RESET_WINDOW)
        if not allowed:
            form.add_error(None, TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, except that someone who started without a password (a client who
    signs in by link) chooses one without being asked for an old one they never had."""

    def get_form_class(self) -> type[SetPasswordForm]:
        return PasswordChangeForm if self.request.user.has_usable_password() else SetPasswordForm
