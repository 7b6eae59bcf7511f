"""A realistic practice at a chosen scale, for load and scaling measurements.

Rows are written with `bulk_create`, not through the services: a hundred thousand
milestones through the services would take an hour, and this measures reads, not rules.
The rows still satisfy every database constraint, and the same seed and `today` give
the same practice (ids included)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from engagements.models import (
    ActionItem,
    ActionPlan,
    Certification,
    Coach,
    Coachee,
    Engagement,
    ExploratorySession,
    Objective,
    Organisation,
    User,
)
from mpc.models import Goal, Milestone, Stage
from sessions_grow.models import CoachingSession

PASSWORD = "tandem-bench"
BATCH = 2000
DUE_WINDOW_DAYS = 7  # "due" as the dashboard and reminders read it: pending, due by today + 7

# The states of a practice some years old: most work under way or done.
STATE_WEIGHTS = [
    (Engagement.State.EXPLORATORY, 8),
    (Engagement.State.ACTIVE, 55),
    (Engagement.State.PAUSED, 4),
    (Engagement.State.ASSESSMENT, 5),
    (Engagement.State.CLOSED, 23),
    (Engagement.State.CANCELLED, 3),
    (Engagement.State.DECLINED, 2),
]
GOALS_PER_MPC_ENGAGEMENT = 3


@dataclass(frozen=True)
class Scale:
    coaches: int
    coachees: int
    milestones: int
    due: int | None = None  # pending milestones due by today + 7; default 1 % of them
    seed: int = 1

    @property
    def due_milestones(self) -> int:
        return min(self.milestones, self.milestones // 100 if self.due is None else self.due)


class Generator:
    def __init__(self, scale: Scale, today: date) -> None:
        self.scale, self.today = scale, today
        self.rng = random.Random(scale.seed)
        self.password = make_password(PASSWORD)

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def at(self, day: date, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour)))

    def user(self, username: str, role: str, **extra) -> User:
        return User(
            public_id=self.uid(), username=username, email=f"{username}@bench.tandem", password=self.password,
            first_name=username.capitalize(), last_name=f"Bench{self.rng.randrange(1000):03d}", role=role, **extra,
        )

    # --- people -------------------------------------------------------------

    def people(self) -> tuple[list[Coach], list[Coachee]]:
        s = self.scale
        admin = self.user("admin", User.Role.ADMIN, is_staff=True, is_superuser=True)
        coach_users = [self.user(f"coach{i:04d}", User.Role.COACH) for i in range(s.coaches)]
        coachee_users = [self.user(f"coachee{i:06d}", User.Role.COACHEE) for i in range(s.coachees)]
        User.objects.bulk_create([admin, *coach_users, *coachee_users], batch_size=BATCH)
        per_coach = -(-s.coachees // max(s.coaches, 1))
        coaches = [
            Coach(public_id=self.uid(), user=user, capacity=max(8, per_coach), specialties="leadership",
                  joined_on=self.today - timedelta(days=self.rng.randrange(3000)))
            for user in coach_users
        ]
        Coach.objects.bulk_create(coaches, batch_size=BATCH)
        for i, coach in enumerate(coaches):
            if i % 10:  # every tenth coach supervises the nine after them
                coach.supervisor = coaches[i - i % 10]
        Coach.objects.bulk_update([c for c in coaches if c.supervisor_id], ["supervisor"], batch_size=BATCH)
        Certification.objects.bulk_create(
            [
                Certification(public_id=self.uid(), coach=coach, body="ICF", level=level, number=f"ICF-{i:05d}-{level}",
                              issued_on=self.today - timedelta(days=700), expires_on=self.today + timedelta(days=30 + i % 700))
                for i, coach in enumerate(coaches)
                for level in ("ACC", "PCC")[: 1 + i % 2]
            ],
            batch_size=BATCH,
        )
        organisations = [
            Organisation(public_id=self.uid(), name=f"Sponsor {i:05d}", contact_email=f"hr{i}@sponsor.example")
            for i in range(max(1, s.coachees // 25))
        ]
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        coachees = [
            Coachee(public_id=self.uid(), user=user, organisation=organisations[i % len(organisations)], job_title="Team lead")
            for i, user in enumerate(coachee_users)
        ]
        Coachee.objects.bulk_create(coachees, batch_size=BATCH)
        return coaches, coachees

    # --- engagements and their content -----------------------------------------

    def engagements(self, coaches: list[Coach], coachees: list[Coachee]) -> list[Engagement]:
        states = [state for state, _ in STATE_WEIGHTS]
        weights = [weight for _, weight in STATE_WEIGHTS]
        rows = []
        for i, coachee in enumerate(coachees):
            state = self.rng.choices(states, weights)[0]
            rows.append(
                Engagement(
                    public_id=self.uid(), title=f"Engagement {i:06d}", state=state, coach=coaches[i % len(coaches)],
                    organisation_id=coachee.organisation_id, uses_mpc=i // len(coaches) % 2 == 0,  # half of each coach's engagements; the first always
                    opened_on=self.today - timedelta(days=30 + self.rng.randrange(700)),
                    coaching_type="executive", planned_hours=Decimal(12), session_frequency=Engagement.Frequency.FORTNIGHTLY,
                    format=Engagement.Format.REMOTE, budget_amount=Decimal(3000), budget_currency="EUR",
                    evaluation="Delegates with confidence." if state == Engagement.State.CLOSED else "",
                )
            )
        Engagement.objects.bulk_create(rows, batch_size=BATCH)
        Engagement.coachees.through.objects.bulk_create(
            [Engagement.coachees.through(engagement=e, coachee=c) for e, c in zip(rows, coachees)], batch_size=BATCH
        )
        return rows

    def content(self, engagements: list[Engagement]) -> None:
        closed = Engagement.State.CLOSED
        objectives, exploratory, sessions, plans, items = [], [], [], [], []
        for e in engagements:
            for n in range(2):
                evaluated = e.state == closed
                objectives.append(Objective(
                    public_id=self.uid(), engagement=e, statement=f"Objective {n + 1} of {e.title}", success_measure="Observed",
                    baseline_rating=3, final_rating=7 if evaluated else None, outcome="achieved" if evaluated else "", position=n,
                ))
            if e.state in (Engagement.State.EXPLORATORY, Engagement.State.DECLINED):
                continue
            exploratory.append(ExploratorySession(engagement=e, held_on=e.opened_on, summary="Terms agreed."))
            held = self.rng.randrange(1, 6)
            for number in range(1, held + 1):
                day = self.today - timedelta(days=14 * (held - number + 1))
                sessions.append(CoachingSession(
                    public_id=self.uid(), engagement=e, number=number, scheduled_at=self.at(day), status="held",
                    duration_minutes=60, held_at=self.at(day, 11), held_by_id=e.coach.user_id, summary="Progress.",
                    summary_shared=True,
                ))
            if e.is_open:
                sessions.append(CoachingSession(
                    public_id=self.uid(), engagement=e, number=held + 1,
                    scheduled_at=self.at(self.today + timedelta(days=self.rng.randrange(14))),
                ))
            plan = ActionPlan(public_id=self.uid(), engagement=e, kind=ActionPlan.Kind.SESSIONS)
            plans.append(plan)
            for n in range(3):
                due_on = self.today + timedelta(days=self.rng.randrange(-60, 60))
                done = due_on < self.today and self.rng.random() < 0.8
                items.append(ActionItem(
                    public_id=self.uid(), plan=plan, title=f"Action {n + 1}", owner_id=e.coachees_ids[0], due_on=due_on,
                    status="done" if done else "todo", progress=100 if done else 0,
                ))
        Objective.objects.bulk_create(objectives, batch_size=BATCH)
        ExploratorySession.objects.bulk_create(exploratory, batch_size=BATCH)
        CoachingSession.objects.bulk_create(sessions, batch_size=BATCH)
        ActionPlan.objects.bulk_create(plans, batch_size=BATCH)
        ActionItem.objects.bulk_create(items, batch_size=BATCH)

    def mpc(self, engagements: list[Engagement]) -> None:
        mpc_engagements = [e for e in engagements if e.uses_mpc]
        total = self.scale.milestones
        if total and not mpc_engagements:
            raise ValueError("Milestones need at least one coachee (an MPC engagement).")
        stages, goals = [], []
        for e in mpc_engagements:
            for number in range(1, 8):
                done = number <= 4
                stages.append(Stage(
                    public_id=self.uid(), engagement=e, number=number, status="done" if done else "not_started",
                    completed_at=self.at(e.opened_on + timedelta(days=7 * number)) if done else None,
                ))
            for n in range(GOALS_PER_MPC_ENGAGEMENT):
                quantitative = n == 0
                goals.append(Goal(
                    public_id=self.uid(), engagement=e, title=f"Goal {n + 1}", kind="quantitative" if quantitative else "qualitative",
                    metric="turnover" if quantitative else "", unit="EUR" if quantitative else "",
                    baseline=Decimal(100) if quantitative else None, target=Decimal(150) if quantitative else None,
                    deadline=self.today + timedelta(days=400),
                ))
        Stage.objects.bulk_create(stages, batch_size=BATCH)
        Goal.objects.bulk_create(goals, batch_size=BATCH)
        Milestone.objects.bulk_create(self.milestones(goals), batch_size=BATCH)

    def milestones(self, goals: list[Goal]) -> list[Milestone]:
        """`total` milestones spread over the goals; exactly `due` of them pending and due
        by today + 7 (a quarter of those overdue), the rest reached or dropped in the past
        or pending later on."""
        total, due = self.scale.milestones, self.scale.due_milestones
        due_slots = set(self.rng.sample(range(total), due)) if total else set()
        rows = []
        for i in range(total):
            goal = goals[i % len(goals)]
            owner_id = goal.engagement.coachees_ids[0]
            row = Milestone(public_id=self.uid(), goal=goal, title=f"Milestone {i:06d}", owner_id=owner_id)
            if i in due_slots:
                overdue = self.rng.random() < 0.25
                offset = -self.rng.randrange(1, 31) if overdue else self.rng.randrange(0, DUE_WINDOW_DAYS + 1)
                row.due_on, row.status, row.progress = self.today + timedelta(days=offset), "pending", self.rng.randrange(0, 80)
            elif self.rng.random() < 0.6:  # the past: reached or dropped
                row.due_on = self.today - timedelta(days=self.rng.randrange(1, 700))
                if self.rng.random() < 0.9:
                    row.status, row.progress, row.reached_at = "reached", 100, self.at(row.due_on)
                else:
                    row.status = "dropped"
            else:  # later on: still open
                row.due_on = self.today + timedelta(days=self.rng.randrange(DUE_WINDOW_DAYS + 1, 400))
                row.status = self.rng.choice(["pending", "in_progress"])
                row.progress = 0 if row.status == "pending" else self.rng.randrange(1, 100)
            rows.append(row)
        return rows


@transaction.atomic
def generate_practice(*, scale: Scale, today: date | None = None) -> dict[str, int]:
    """Write a practice of `scale` (deterministic for a seed and a day); return row counts."""
    generator = Generator(scale, today or timezone.localdate())
    coaches, coachees = generator.people()
    engagements = generator.engagements(coaches, coachees)
    for engagement, coachee in zip(engagements, coachees):
        engagement.coachees_ids = [coachee.user_id]
    generator.content(engagements)
    generator.mpc(engagements)
    return {
        "coaches": Coach.objects.count(),
        "coachees": Coachee.objects.count(),
        "engagements": Engagement.objects.count(),
        "milestones": Milestone.objects.count(),
        "due_milestones": Milestone.objects.pending().filter(
            due_on__lte=generator.today + timedelta(days=DUE_WINDOW_DAYS)
        ).count(),
    }
