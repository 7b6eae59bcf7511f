"""Rows the shared building blocks keep: one-time form tokens."""

from django.conf import settings
from django.db import models


class SubmissionToken(models.Model):
    """A form's one-time token: the unique row makes a double submit create one object."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.token)
