"""Stage 5: the resources and the structure (who holds which role)."""

from __future__ import annotations

import uuid

from django.db import models

from engagements.models import (
    Engagement,
    EngagementScopedQuerySet,
    User,
)
from mpc.models.base import choices_check

# ---------------------------------------------------------------------------
# Stage 5 — resources and structure
# ---------------------------------------------------------------------------


class Resource(models.Model):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", "Technical resource"
        HUMAN = "human", "Human resource"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_resources")
    kind = models.CharField(max_length=10, choices=Kind)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "kind", "name"]
        constraints = [choices_check("kind", ["technical", "human"])]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """A coachee's role in the project and the responsibilities that go with it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="mpc_roles")
    holder = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mpc_roles")
    title = models.CharField(max_length=120)
    responsibilities = models.TextField()

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "holder", "title"]
        constraints = [models.UniqueConstraint(fields=["engagement", "holder", "title"], name="mpc_role_unique")]

    def __str__(self) -> str:
        return f"{self.holder}: {self.title}"
