"""The authorization matrix: every URL pattern of the site and every operation of the
API, asked by each role of the cast, answers what the table below says.

The target is bob's MPC engagement with dave. bob is its coach; alice supervises bob
(supervision gives no access to his clients); chris is another coach; carol is alice's
coachee, so another coachee here; ada is the admin.

Reads are asked as GET. Writes are sent with an empty JSON body / empty form: a caller
who may see the object gets past the lookup and is refused by validation (400, or the
page re-rendered with errors), one who may not gets 404 and anonymous 401 (API) or a
redirect to the login page (302). The role rules behind valid writes (who may hold a
session, update an item…) are asserted with real bodies in tests/api/test_authorization_table.py
and tests/pages/.

A URL pattern or API operation without a row here fails the test: add the row.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from mpc import services as mpc_services
from mpc.models import Goal, Milestone, Stage
from sessions_grow import services as grow
from tests.conftest import activate, client_for, open_for
from tests.factories import CoachFactory, OrganisationFactory
from tests.mpc.conftest import complete_through

ROLES = ["admin", "coach", "other_coach", "supervisor", "coachee", "other_coachee", "anonymous"]
CAST = {"admin": "ada", "coach": "bob", "supervisor": "alice", "coachee": "dave", "other_coachee": "carol"}
SCHEMA = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yml").read_text())
SKIPPED_PREFIXES = ("admin/", "api/v1/")  # Django admin has its own tests; the API is walked by operation.

# Expected status per role, in ROLES order. Written as a table so a change of access
# shows up as a diff someone has to read.
PAGES: dict[tuple[str, str], list[int]] = {
    ("", "GET"): [200, 200, 200, 200, 302, 302, 302],
    ("", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("accounts/2fa/", "GET"): [200, 200, 200, 200, 200, 200, 302],
    ("accounts/2fa/", "POST"): [200, 200, 200, 200, 200, 200, 302],
    ("accounts/2fa/off/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("accounts/2fa/off/", "POST"): [400, 400, 400, 400, 400, 400, 302],
    ("accounts/2fa/recovery-codes/", "GET"): [302, 302, 302, 302, 302, 302, 302],
    ("accounts/2fa/recovery-codes/", "POST"): [302, 302, 302, 302, 302, 302, 302],
    ("accounts/2fa/recovery-codes/new/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("accounts/2fa/recovery-codes/new/", "POST"): [400, 400, 400, 400, 400, 400, 302],
    ("accounts/2fa/setup/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("accounts/2fa/setup/", "POST"): [302, 302, 302, 302, 302, 302, 302],
    ("accounts/2fa/setup/confirm/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("accounts/2fa/setup/confirm/", "POST"): [400, 400, 400, 400, 400, 400, 302],
    ("accounts/2fa/verify/", "GET"): [302, 302, 302, 302, 302, 302, 302],
    ("accounts/2fa/verify/", "POST"): [302, 302, 302, 302, 302, 302, 302],
    ("accounts/invitation/<uidb64>/<token>/", "GET"): [200, 200, 200, 200, 200, 200, 200],
    ("accounts/invitation/<uidb64>/<token>/", "POST"): [200, 200, 200, 200, 200, 200, 200],
    ("accounts/login/", "GET"): [302, 302, 302, 302, 302, 302, 200],
    ("accounts/login/", "POST"): [302, 302, 302, 302, 302, 302, 200],
    ("accounts/logout/", "GET"): [405, 405, 405, 405, 405, 405, 405],
    ("accounts/logout/", "POST"): [302, 302, 302, 302, 302, 302, 302],
    ("accounts/password_change/", "GET"): [200, 200, 200, 200, 200, 200, 302],
    ("accounts/password_change/", "POST"): [200, 200, 200, 200, 200, 200, 302],
    ("accounts/password_change/done/", "GET"): [200, 200, 200, 200, 200, 200, 302],
    ("accounts/password_change/done/", "POST"): [405, 405, 405, 405, 405, 405, 302],
    ("accounts/password_reset/", "GET"): [200, 200, 200, 200, 200, 200, 200],
    ("accounts/password_reset/", "POST"): [200, 200, 200, 200, 200, 200, 200],
    ("accounts/password_reset/done/", "GET"): [200, 200, 200, 200, 200, 200, 200],
    ("accounts/password_reset/done/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("accounts/reset/<uidb64>/<token>/", "GET"): [200, 200, 200, 200, 200, 200, 200],
    ("accounts/reset/<uidb64>/<token>/", "POST"): [200, 200, 200, 200, 200, 200, 200],
    ("accounts/reset/done/", "GET"): [200, 200, 200, 200, 200, 200, 200],
    ("accounts/reset/done/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("actions/<uuid:public_id>/progress/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("actions/<uuid:public_id>/progress/", "POST"): [302, 302, 404, 404, 200, 404, 302],
    ("api/docs/", "GET"): [200, 200, 200, 200, 200, 200, 200],
    ("api/docs/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("api/schema/", "GET"): [200, 200, 200, 200, 200, 200, 200],
    ("api/schema/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/", "GET"): [200, 200, 404, 404, 200, 404, 302],
    ("engagements/<uuid:public_id>/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/assessment/", "GET"): [403, 200, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/assessment/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/assessment/evaluation/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/assessment/evaluation/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/coach/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/coach/", "POST"): [200, 403, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/", "GET"): [403, 200, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/exploratory/objectives/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/exploratory/objectives/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/session/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/exploratory/session/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/terms/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/exploratory/terms/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/mpc/", "GET"): [403, 200, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/mpc/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/mpc/<int:number>/", "GET"): [403, 200, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/move/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/move/", "POST"): [403, 404, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/mpc/start/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/mpc/start/", "POST"): [403, 302, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/sessions/new/", "GET"): [403, 200, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/sessions/new/", "POST"): [403, 200, 404, 404, 403, 404, 302],
    ("engagements/<uuid:public_id>/transition/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/transition/", "POST"): [302, 302, 404, 404, 403, 404, 302],
    ("engagements/new/", "GET"): [403, 200, 200, 200, 403, 403, 302],
    ("engagements/new/", "POST"): [403, 200, 200, 200, 403, 403, 302],
    ("health/", "GET"): [200, 200, 200, 200, 200, 200, 200],
    ("health/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("my/", "GET"): [302, 302, 302, 302, 200, 200, 302],
    ("my/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("my/export/", "GET"): [404, 404, 404, 404, 200, 200, 302],
    ("my/export/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("objectives/<uuid:public_id>/evaluate/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("objectives/<uuid:public_id>/evaluate/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("roster/", "GET"): [200, 200, 200, 200, 403, 403, 302],
    ("roster/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("roster/<uuid:public_id>/", "GET"): [200, 200, 404, 200, 403, 404, 302],
    ("roster/<uuid:public_id>/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("roster/<uuid:public_id>/active/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("roster/<uuid:public_id>/active/", "POST"): [302, 403, 404, 403, 403, 404, 302],
    ("roster/<uuid:public_id>/certifications/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("roster/<uuid:public_id>/certifications/", "POST"): [422, 403, 404, 403, 403, 404, 302],
    ("roster/<uuid:public_id>/edit/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("roster/<uuid:public_id>/edit/", "POST"): [422, 403, 404, 403, 403, 404, 302],
    ("roster/invite/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("roster/invite/", "POST"): [422, 403, 403, 403, 403, 403, 302],
    ("sessions/<uuid:public_id>/", "GET"): [200, 200, 404, 404, 200, 404, 302],
    ("sessions/<uuid:public_id>/", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("sessions/<uuid:public_id>/actions/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/actions/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("sessions/<uuid:public_id>/call-off/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/call-off/", "POST"): [403, 302, 404, 404, 403, 404, 302],
    ("sessions/<uuid:public_id>/hold/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/hold/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("sessions/<uuid:public_id>/note/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/note/", "POST"): [403, 422, 404, 404, 403, 404, 302],
    ("sessions/<uuid:public_id>/record/", "GET"): [405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/record/", "POST"): [403, 302, 404, 404, 403, 404, 302],
    ("settings/reminders/", "GET"): [200, 200, 200, 200, 200, 200, 302],
    ("settings/reminders/", "POST"): [200, 200, 200, 200, 200, 200, 302],
}

API: dict[tuple[str, str], list[int]] = {
    ("GET", "/api/schema/"): [200, 200, 200, 200, 200, 200, 200],
    ("GET", "/api/v1/action-items/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/action-items/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/action-plans/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/action-plans/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/audit-events/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/certifications/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/certifications/{id}/"): [200, 200, 404, 200, 200, 404, 401],
    ("GET", "/api/v1/coachees/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/coachees/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/coaches/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/coaches/{id}/"): [200, 200, 404, 200, 200, 404, 401],
    ("GET", "/api/v1/engagements/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/engagements/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/activity-flows/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/activity-flows/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/audit-ratings/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/audit-ratings/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/check-ins/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/check-ins/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/customers/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/customers/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/factors/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/factors/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/goals/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/goals/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/milestones/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/milestones/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/missions/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/missions/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/partners/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/partners/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/resources/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/resources/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/roles/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/roles/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/stages/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/stages/progress/"): [400, 400, 400, 400, 400, 400, 401],
    ("GET", "/api/v1/mpc/stages/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/mpc/team-observations/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/team-observations/{id}/"): [404, 404, 404, 404, 404, 404, 401],
    ("GET", "/api/v1/objectives/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/objectives/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/organisations/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/organisations/{id}/"): [200, 200, 200, 200, 200, 404, 401],
    ("GET", "/api/v1/privacy/coachees/{id}/export/"): [200, 403, 404, 404, 200, 404, 401],
    ("GET", "/api/v1/sessions/"): [200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/sessions/{id}/"): [200, 200, 404, 404, 200, 404, 401],
    ("PATCH", "/api/v1/action-items/{id}/"): [403, 200, 404, 404, 200, 404, 401],
    ("PATCH", "/api/v1/coaches/{id}/"): [200, 403, 404, 403, 403, 404, 401],
    ("PATCH", "/api/v1/engagements/{id}/"): [403, 200, 404, 404, 403, 404, 401],
    ("PATCH", "/api/v1/mpc/milestones/{id}/"): [403, 200, 404, 404, 200, 404, 401],
    ("PATCH", "/api/v1/sessions/{id}/"): [403, 200, 404, 404, 403, 404, 401],
    ("POST", "/api/v1/action-items/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/auth/token/"): [400, 400, 400, 400, 400, 400, 400],
    ("POST", "/api/v1/certifications/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/coachees/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/coaches/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/engagements/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/engagements/{id}/assessment/"): [400, 400, 404, 404, 400, 404, 401],
    ("POST", "/api/v1/engagements/{id}/exploratory/"): [400, 400, 404, 404, 400, 404, 401],
    ("POST", "/api/v1/engagements/{id}/transitions/"): [400, 400, 404, 404, 400, 404, 401],
    ("POST", "/api/v1/mpc/activity-flows/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/audit-ratings/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/check-ins/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/customers/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/factors/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/goals/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/milestones/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/milestones/{id}/next-goal/"): [400, 400, 404, 404, 400, 404, 401],
    ("POST", "/api/v1/mpc/missions/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/partners/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/plan-items/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/resources/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/roles/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/stages/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/stages/{id}/complete/"): [403, 409, 404, 404, 403, 404, 401],
    ("POST", "/api/v1/mpc/stages/{id}/confirm-review/"): [403, 409, 404, 404, 403, 404, 401],
    ("POST", "/api/v1/mpc/stages/{id}/reopen/"): [403, 200, 404, 404, 403, 404, 401],
    ("POST", "/api/v1/mpc/team-observations/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/objectives/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/objectives/{id}/evaluation/"): [400, 400, 404, 404, 400, 404, 401],
    ("POST", "/api/v1/organisations/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/privacy/coachees/{id}/erase/"): [409, 403, 404, 404, 403, 404, 401],
    ("POST", "/api/v1/sessions/"): [400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/sessions/{id}/actions/"): [400, 400, 404, 404, 400, 404, 401],
    ("POST", "/api/v1/sessions/{id}/call-off/"): [403, 409, 404, 404, 403, 404, 401],
    ("POST", "/api/v1/sessions/{id}/hold/"): [400, 400, 404, 404, 400, 404, 401],
    ("PUT", "/api/v1/sessions/{id}/private-note/"): [400, 400, 404, 404, 400, 404, 401],
}


def walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def page_routes() -> list[str]:
    return sorted({route for route in walk(get_resolver().url_patterns) if not route.startswith(SKIPPED_PREFIXES)})


def api_operations() -> list[tuple[str, str]]:
    return sorted((method.upper(), path) for path, item in SCHEMA["paths"].items() for method in item)


@pytest.fixture
def world(ada, alice, bob, carol, dave, db):
    """bob's MPC engagement with dave, through stage 6 with a check-in, a held session
    with an action for dave and bob's private note; alice's engagement with carol."""
    chris = CoachFactory(user__username="chris", user__first_name="Chris", user__last_name="Other").user
    dave.coachee.organisation = OrganisationFactory(name="Dave's employer")
    dave.coachee.save()
    engagement = activate(open_for(bob, dave, title="Dave's project", uses_mpc=True), bob)
    mpc_services.start_mpc(engagement=engagement, by=bob)
    complete_through(engagement, bob, 6)
    goal = Goal.objects.filter(engagement=engagement).first()
    milestone = Milestone.objects.filter(goal__engagement=engagement).first()
    check_in = mpc_services.record_check_in(engagement=engagement, held_on=date.today(), notes="On track", by=bob)
    session = grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() - timedelta(days=1), by=bob)
    session = grow.hold_session(session=session, duration_minutes=60, summary="Shared", share_summary=True, by=bob)
    item = grow.agree_action(session=session, title="Call the supplier", owner=dave, due_on=date.today() + timedelta(days=3), by=bob)
    grow.write_private_note(session=session, body="bob's note", by=bob)
    activate(open_for(alice, carol), alice)
    return {
        "chris": chris,
        "engagement": engagement,
        "session": session,
        "item": item,
        "goal": goal,
        "milestone": milestone,
        "check_in": check_in,
        "stage": Stage.objects.get(engagement=engagement, number=1),
    }


def person(role: str, world, request):
    if role == "anonymous":
        return None
    if role == "other_coach":
        return world["chris"]
    return request.getfixturevalue(CAST[role])


def page_url(route: str, world, request) -> str:
    engagement = world["engagement"]
    first = route.split("/", 1)[0]
    ids = {
        "engagements": engagement.public_id,
        "sessions": world["session"].public_id,
        "objectives": engagement.objectives.first().public_id,
        "roster": request.getfixturevalue("bob").coach.public_id,
        "actions": world["item"].public_id,
    }
    return "/" + (
        route.replace("<uuid:public_id>", str(ids.get(first, "")))
        .replace("<int:number>", "1")
        .replace("<slug:key>", "rating")
        .replace("<uidb64>", "MQ")
        .replace("<token>", "set-password")
    )


def api_object(collection: str, world, request):
    from engagements import models as e
    from mpc import models as m

    engagement = world["engagement"]
    bob = request.getfixturevalue("bob")
    dave = request.getfixturevalue("dave")
    by_collection = {
        "coaches": lambda: bob.coach,
        "certifications": lambda: bob.coach.certifications.first(),
        "organisations": lambda: e.Organisation.objects.first(),
        "coachees": lambda: dave.coachee,
        "privacy/coachees": lambda: dave.coachee,
        "engagements": lambda: engagement,
        "objectives": lambda: engagement.objectives.first(),
        "action-plans": lambda: world["item"].plan,
        "action-items": lambda: world["item"],
        "sessions": lambda: world["session"],
        "mpc/stages": lambda: world["stage"],
        "mpc/goals": lambda: world["goal"],
        "mpc/milestones": lambda: world["milestone"],
        "mpc/check-ins": lambda: world["check_in"],
    }
    models = {
        "mpc/audit-ratings": m.AuditRating, "mpc/team-observations": m.TeamObservation, "mpc/customers": m.Customer,
        "mpc/partners": m.Partner, "mpc/factors": m.Factor, "mpc/missions": m.Mission, "mpc/activity-flows": m.ActivityFlow,
        "mpc/resources": m.Resource, "mpc/roles": m.Role,
    }
    if collection in models:
        return models[collection].objects.filter(engagement=engagement).first()
    return by_collection[collection]()


def api_url(path: str, world, request) -> str:
    if "{id}" not in path:
        return path
    collection = path.removeprefix("/api/v1/").split("/{id}")[0]
    obj = api_object(collection, world, request)
    # An object the individual engagement cannot have (a team observation) stays unknown.
    return path.replace("{id}", str(obj.public_id) if obj is not None else "00000000-0000-4000-8000-000000000000")


def ask(client, method: str, url: str, *, api: bool):
    if method == "GET":
        return client.get(url)
    if api:
        return getattr(client, method.lower())(url, {}, format="json")
    return client.generic(method, url, "", content_type="application/x-www-form-urlencoded")


def statuses(make_client, requests) -> dict:
    return {key: [ask(make_client(role), *how).status_code for role in ROLES] for key, how in requests.items()}


@pytest.fixture
def setup_certification(world, ada, bob):
    from engagements import services

    services.record_certification(coach=bob.coach, body="ICF", level="PCC", expires_on=date(2030, 1, 1), by=ada)


def test_every_page_and_api_operation_has_a_row():
    missing_pages = [route for route in page_routes() if not any(r == route for r, _ in PAGES)]
    missing_api = [op for op in api_operations() if op not in API]

    assert not missing_pages, f"add rows to PAGES for: {missing_pages}"
    assert not missing_api, f"add rows to API for: {missing_api}"


def test_pages_answer_each_role_as_the_table_says(world, setup_certification, request, client):
    from django.test import Client

    def make(role):
        browser = Client()
        if (user := person(role, world, request)) is not None:
            browser.force_login(user)
        return browser

    requests = {(route, method): (method, page_url(route, world, request)) for route, method in PAGES}
    got = {key: [ask(make(role), *how, api=False).status_code for role in ROLES] for key, how in requests.items()}

    wrong = {key: (PAGES[key], got[key]) for key in PAGES if got[key] != PAGES[key]}
    assert not wrong, "expected → got:\n" + "\n".join(f"{k}: {v[0]} → {v[1]}" for k, v in sorted(wrong.items()))


def test_api_answers_each_role_as_the_table_says(world, setup_certification, request):
    requests = {key: (key[0], api_url(key[1], world, request)) for key in API}
    got = {
        key: [ask(client_for(person(role, world, request)), *how, api=True).status_code for role in ROLES]
        for key, how in requests.items()
    }

    wrong = {key: (API[key], got[key]) for key in API if got[key] != API[key]}
    assert not wrong, "expected → got:\n" + "\n".join(f"{k}: {v[0]} → {v[1]}" for k, v in sorted(wrong.items()))
