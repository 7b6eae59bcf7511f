"""Stage 5: the resources and the structure (who holds which role)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from engagements.models import (
    Engagement,
    EngagementScopedQuerySet,
    User,
)
from mpc.models.base import choices_check, unique

# ---------------------------------------------------------------------------
# Stage 5 — resources and structure
# ---------------------------------------------------------------------------


class Resource(models.Model):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Technical resource")
        HUMAN = "human", _("Human resource")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_resources")
    kind = models.CharField(max_length=10, choices=Kind)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "kind", "name"]
        constraints = [choices_check("kind", ["technical", "human"])]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """A role in the project and the responsibilities that go with it, held by anyone the
    engagement names: a coachee, a team member, or a coach."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_roles")
    holder = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mpc_roles")
    title = models.CharField(max_length=120)
    responsibilities = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "holder", "title"]
        constraints = [
            unique(
                "engagement", "holder", "title", name="mpc_role_unique",
                message=_("This person holds a role of that title already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.holder}: {self.title}"
