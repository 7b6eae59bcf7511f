"""The authorization matrix: every URL pattern of the site and every operation of the
API, asked by each role of the cast, answers what the table below says.

The target is bob's MPC engagement with dave. bob is its coach; alice supervises bob
(supervision gives no access to his clients); chris is another coach; carol is alice's
coachee, so another coachee here; ada is the admin; sam, a contact of dave's employer,
is named on it as a sponsor, without dave's consent. A second engagement of bob's with dave
is closed, with a report dave approved and consented to share.

Reads are asked as GET. Writes are sent with an empty JSON body / empty form: a caller
who may see the object gets past the lookup and is refused by validation (400, or the
page re-rendered with errors), one who may not gets 404 and anonymous 401 (API) or a
redirect to the login page (302). The role rules behind valid writes (who may hold a
session, update an item…) are asserted with real bodies in tests/api/test_authorization_table.py
and tests/pages/.

A URL pattern or API operation without a row here fails the test: add the row.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from coaching import health
from coaching.tokens import issue_token
from engagements import services
from mpc import services as mpc_services
from engagements.models import Engagement
from mpc.models import ControlIndicator, Goal, Milestone, Stage
from sessions_grow import services as grow
from coaching import reports
from tests.api.contract import body_of, problems
from tests.conftest import activate, client_for, engagement_in, open_for, prepare_closing
from tests.factories import CoachFactory, OrganisationFactory, SponsorFactory
from tests.mpc.conftest import complete_through, open_goals_rated

ROLES = ["admin", "coach", "other_coach", "supervisor", "coachee", "other_coachee", "sponsor", "anonymous"]
CAST = {"admin": "ada", "coach": "bob", "supervisor": "alice", "coachee": "dave", "other_coachee": "carol"}
SCHEMA = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yml").read_text())
SKIPPED_PREFIXES = ("admin/", "api/v1/")  # Django admin has its own tests; the API is walked by operation.

# Expected status per role, in ROLES order. Written as a table so a change of access
# shows up as a diff someone has to read.
PAGES: dict[tuple[str, str], list[int]] = {
    ("", "GET"): [200, 200, 200, 200, 302, 302, 302, 302],
    ("", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("accounts/2fa/", "GET"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("accounts/2fa/", "POST"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("accounts/2fa/off/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("accounts/2fa/off/", "POST"): [400, 400, 400, 400, 400, 400, 400, 302],
    ("accounts/2fa/recovery-codes/", "GET"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("accounts/2fa/recovery-codes/", "POST"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("accounts/2fa/recovery-codes/new/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("accounts/2fa/recovery-codes/new/", "POST"): [400, 400, 400, 400, 400, 400, 400, 302],
    ("accounts/2fa/setup/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("accounts/2fa/setup/", "POST"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("accounts/2fa/setup/confirm/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("accounts/2fa/setup/confirm/", "POST"): [400, 400, 400, 400, 400, 400, 400, 302],
    ("accounts/2fa/verify/", "GET"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("accounts/2fa/verify/", "POST"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("accounts/invitation/<uidb64>/<token>/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/invitation/<uidb64>/<token>/", "POST"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/login/", "GET"): [302, 302, 302, 302, 302, 302, 302, 200],
    ("accounts/login/", "POST"): [302, 302, 302, 302, 302, 302, 302, 200],
    ("accounts/logout/", "GET"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("accounts/logout/", "POST"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("accounts/password_change/", "GET"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("accounts/password_change/", "POST"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("accounts/password_change/done/", "GET"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("accounts/password_change/done/", "POST"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("accounts/password_reset/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/password_reset/", "POST"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/password_reset/done/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/password_reset/done/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("accounts/reset/<uidb64>/<token>/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/reset/<uidb64>/<token>/", "POST"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/reset/done/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/reset/done/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("accounts/sign-in/", "GET"): [302, 302, 302, 302, 302, 302, 302, 200],
    ("accounts/sign-in/", "POST"): [302, 302, 302, 302, 302, 302, 302, 422],
    ("accounts/sign-in/<str:token>/", "GET"): [302, 302, 302, 302, 302, 302, 302, 200],
    ("accounts/sign-in/<str:token>/", "POST"): [302, 302, 302, 302, 302, 302, 302, 400],
    ("accounts/sign-in/sent/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("accounts/sign-in/sent/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("accounts/tokens/", "GET"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("accounts/tokens/", "POST"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("accounts/tokens/<uuid:public_id>/revoke/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("accounts/tokens/<uuid:public_id>/revoke/", "POST"): [404, 302, 404, 404, 404, 404, 404, 302],
    ("accounts/tokens/revoke-all/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("accounts/tokens/revoke-all/", "POST"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("actions/<uuid:public_id>/delete/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("actions/<uuid:public_id>/delete/", "POST"): [403, 302, 404, 404, 403, 404, 404, 302],
    ("actions/<uuid:public_id>/edit/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("actions/<uuid:public_id>/edit/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("actions/<uuid:public_id>/progress/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("actions/<uuid:public_id>/progress/", "POST"): [302, 302, 404, 404, 422, 404, 404, 302],
    ("api/docs/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("api/docs/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("api/schema/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("api/schema/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    # bob's feed, at its current URL: the secret alone opens it, to anyone (a calendar application signs in as nobody).
    ("calendar/<uuid:public_id>/<str:secret>.ics", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("calendar/<uuid:public_id>/<str:secret>.ics", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("certifications/<uuid:public_id>/delete/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("certifications/<uuid:public_id>/delete/", "POST"): [302, 403, 404, 403, 403, 404, 404, 302],
    ("certifications/<uuid:public_id>/edit/", "GET"): [200, 403, 404, 403, 403, 404, 404, 302],
    ("certifications/<uuid:public_id>/edit/", "POST"): [422, 403, 404, 403, 403, 404, 404, 302],
    ("certifications/<uuid:public_id>/revoke/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("certifications/<uuid:public_id>/revoke/", "POST"): [302, 403, 404, 403, 403, 404, 404, 302],
    ("clients/", "GET"): [200, 200, 200, 200, 403, 403, 403, 302],
    ("clients/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("clients/<uuid:public_id>/edit/", "GET"): [200, 200, 404, 404, 403, 403, 403, 302],
    ("clients/<uuid:public_id>/edit/", "POST"): [422, 422, 404, 404, 403, 403, 403, 302],
    ("clients/new/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("clients/new/", "POST"): [422, 422, 422, 422, 403, 403, 403, 302],
    ("engagements/<uuid:public_id>/", "GET"): [200, 200, 404, 404, 200, 404, 404, 302],
    ("engagements/<uuid:public_id>/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/assessment/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/assessment/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/assessment/evaluation/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/assessment/evaluation/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/co-coaches/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/co-coaches/", "POST"): [422, 403, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/co-coaches/<uuid:coach_id>/remove/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/co-coaches/<uuid:coach_id>/remove/", "POST"): [302, 403, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/coach/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/coach/", "POST"): [422, 403, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/edit/", "GET"): [200, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/edit/", "POST"): [422, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/exploratory/edit/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/edit/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/objectives/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/exploratory/objectives/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/session/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/exploratory/session/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/exploratory/terms/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/exploratory/terms/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/mpc/<int:number>/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/delete/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/delete/", "POST"): [403, 302, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/edit/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/edit/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/move/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/mpc/<int:number>/move/", "POST"): [403, 404, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/start/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/mpc/start/", "POST"): [403, 302, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/report/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/report/", "POST"): [403, 302, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/sessions/new/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/sessions/new/", "POST"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/sponsors/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/sponsors/", "POST"): [422, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/sponsors/<uuid:sponsor_id>/remove/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/sponsors/<uuid:sponsor_id>/remove/", "POST"): [302, 302, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/transition/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/transition/", "POST"): [302, 302, 404, 404, 403, 404, 404, 302],
    ("engagements/new/", "GET"): [200, 200, 200, 200, 403, 403, 403, 302],
    ("engagements/new/", "POST"): [422, 422, 422, 422, 403, 403, 403, 302],
    ("health/", "GET"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("health/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("language/", "GET"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("language/", "POST"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("my/", "GET"): [302, 302, 302, 302, 200, 200, 302, 302],
    ("my/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("my/engagements/<uuid:public_id>/consent/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("my/engagements/<uuid:public_id>/consent/", "POST"): [403, 403, 404, 404, 302, 404, 404, 302],
    ("my/engagements/<uuid:public_id>/consent/withdraw/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("my/engagements/<uuid:public_id>/consent/withdraw/", "POST"): [403, 403, 404, 404, 302, 404, 404, 302],
    ("my/export/", "GET"): [404, 404, 404, 404, 200, 200, 404, 302],
    ("my/export/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("my/milestones/<uuid:public_id>/progress/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("my/milestones/<uuid:public_id>/progress/", "POST"): [403, 403, 404, 404, 422, 404, 404, 302],
    ("my/objectives/<uuid:public_id>/rating/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("my/objectives/<uuid:public_id>/rating/", "POST"): [403, 403, 404, 404, 422, 404, 404, 302],
    ("objectives/<uuid:public_id>/delete/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("objectives/<uuid:public_id>/delete/", "POST"): [403, 302, 404, 404, 403, 404, 404, 302],
    ("objectives/<uuid:public_id>/edit/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("objectives/<uuid:public_id>/edit/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("objectives/<uuid:public_id>/evaluate/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("objectives/<uuid:public_id>/evaluate/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("objectives/<uuid:public_id>/progress-rating/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("objectives/<uuid:public_id>/progress-rating/", "POST"): [302, 302, 404, 404, 302, 404, 404, 302],
    ("overview/", "GET"): [200, 403, 403, 403, 403, 403, 403, 302],
    ("overview/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("reports/<uuid:public_id>/", "GET"): [200, 200, 404, 404, 200, 404, 200, 302],
    ("reports/<uuid:public_id>/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("reports/<uuid:public_id>/approve/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("reports/<uuid:public_id>/approve/", "POST"): [403, 403, 404, 404, 302, 404, 403, 302],
    ("reports/<uuid:public_id>/changes/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("reports/<uuid:public_id>/changes/", "POST"): [422, 422, 404, 404, 422, 404, 422, 302],
    ("reports/<uuid:public_id>/pdf/", "GET"): [200, 200, 404, 404, 200, 404, 200, 302],
    ("reports/<uuid:public_id>/pdf/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("roster/", "GET"): [200, 200, 200, 200, 403, 403, 403, 302],
    ("roster/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("roster/<uuid:public_id>/", "GET"): [200, 200, 404, 200, 403, 404, 404, 302],
    ("roster/<uuid:public_id>/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("roster/<uuid:public_id>/active/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("roster/<uuid:public_id>/active/", "POST"): [302, 403, 404, 403, 403, 404, 404, 302],
    ("roster/<uuid:public_id>/certifications/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("roster/<uuid:public_id>/certifications/", "POST"): [422, 403, 404, 403, 403, 404, 404, 302],
    ("roster/<uuid:public_id>/edit/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("roster/<uuid:public_id>/edit/", "POST"): [422, 403, 404, 403, 403, 404, 404, 302],
    ("roster/<uuid:public_id>/profile/", "GET"): [200, 200, 404, 403, 403, 404, 404, 302],
    ("roster/<uuid:public_id>/profile/", "POST"): [302, 302, 404, 403, 403, 404, 404, 302],
    ("roster/<uuid:public_id>/supervision/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("roster/<uuid:public_id>/supervision/", "POST"): [422, 422, 404, 422, 403, 404, 404, 302],
    ("roster/hours/", "GET"): [200, 403, 403, 403, 403, 403, 403, 302],
    ("roster/hours/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("roster/invite/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("roster/invite/", "POST"): [422, 403, 403, 403, 403, 403, 403, 302],
    ("sessions/<uuid:public_id>/", "GET"): [200, 200, 404, 404, 200, 404, 404, 302],
    ("sessions/<uuid:public_id>/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("sessions/<uuid:public_id>/actions/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/actions/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("sessions/<uuid:public_id>/call-off/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/call-off/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("sessions/<uuid:public_id>/hold/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/hold/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("sessions/<uuid:public_id>/note/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/note/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("sessions/<uuid:public_id>/record/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/record/", "POST"): [403, 302, 404, 404, 403, 404, 404, 302],
    ("sessions/<uuid:public_id>/reschedule/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sessions/<uuid:public_id>/reschedule/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("settings/language/", "GET"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("settings/language/", "POST"): [200, 200, 200, 200, 200, 200, 200, 302],
    # Everyone's own feed: the page, a choice left empty (refused), renewing it.
    ("settings/calendar/", "GET"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("settings/calendar/", "POST"): [422, 422, 422, 422, 422, 422, 422, 302],
    ("settings/calendar/renew/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("settings/calendar/renew/", "POST"): [302, 302, 302, 302, 302, 302, 302, 302],
    ("settings/reminders/", "GET"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("settings/reminders/", "POST"): [200, 200, 200, 200, 200, 200, 200, 302],
    ("sponsor/", "GET"): [302, 302, 302, 302, 302, 302, 200, 302],
    ("sponsor/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("sponsor/engagements/<uuid:public_id>/", "GET"): [404, 404, 404, 404, 404, 404, 200, 302],
    ("sponsor/engagements/<uuid:public_id>/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("sponsor/notice/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sponsor/notice/", "POST"): [404, 404, 404, 404, 404, 404, 302, 302],
    ("sponsors/", "GET"): [200, 200, 200, 200, 403, 403, 403, 302],
    ("sponsors/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("sponsors/<uuid:public_id>/delete/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sponsors/<uuid:public_id>/delete/", "POST"): [302, 302, 302, 302, 403, 403, 403, 302],
    ("sponsors/<uuid:public_id>/edit/", "GET"): [200, 200, 200, 200, 403, 403, 403, 302],
    ("sponsors/<uuid:public_id>/edit/", "POST"): [422, 422, 422, 422, 403, 403, 403, 302],
    ("sponsors/contacts/<uuid:public_id>/delete/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sponsors/contacts/<uuid:public_id>/delete/", "POST"): [302, 302, 302, 302, 403, 403, 403, 302],
    ("sponsors/contacts/<uuid:public_id>/edit/", "GET"): [200, 200, 200, 200, 403, 403, 403, 302],
    ("sponsors/contacts/<uuid:public_id>/edit/", "POST"): [422, 422, 422, 422, 403, 403, 403, 302],
    ("sponsors/contacts/new/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sponsors/contacts/new/", "POST"): [422, 422, 422, 422, 403, 403, 403, 302],
    ("sponsors/new/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("sponsors/new/", "POST"): [422, 422, 422, 422, 403, 403, 403, 302],
    ("supervision/<uuid:public_id>/confirm/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("supervision/<uuid:public_id>/confirm/", "POST"): [403, 403, 404, 302, 404, 404, 404, 302],
    ("supervision/<uuid:public_id>/delete/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("supervision/<uuid:public_id>/delete/", "POST"): [403, 302, 404, 302, 404, 404, 404, 302],
    ("supervision/<uuid:public_id>/edit/", "GET"): [403, 200, 404, 200, 404, 404, 404, 302],
    ("supervision/<uuid:public_id>/edit/", "POST"): [403, 422, 404, 422, 404, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/monitoring/<slug:key>/<uuid:record>/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("engagements/<uuid:public_id>/mpc/monitoring/<slug:key>/<uuid:record>/", "POST"): [403, 422, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/plan.pdf", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/plan.pdf", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("engagements/<uuid:public_id>/mpc/plan/", "GET"): [403, 200, 404, 404, 403, 404, 404, 302],
    ("engagements/<uuid:public_id>/mpc/plan/", "POST"): [405, 405, 405, 405, 405, 405, 405, 405],
    ("my/indicators/<uuid:public_id>/reading/", "GET"): [405, 405, 405, 405, 405, 405, 405, 302],
    ("my/indicators/<uuid:public_id>/reading/", "POST"): [403, 403, 404, 404, 302, 404, 404, 302],
}

API: dict[tuple[str, str], list[int]] = {
    ("DELETE", "/api/v1/action-items/{id}/"): [403, 204, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/auth/tokens/{id}/"): [404, 204, 404, 404, 404, 404, 404, 401],
    ("DELETE", "/api/v1/certifications/{id}/"): [204, 403, 404, 403, 403, 404, 404, 401],
    ("DELETE", "/api/v1/engagements/{id}/co-coaches/{coach_id}/"): [204, 403, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/engagements/{id}/sponsor-consent/"): [403, 403, 404, 404, 409, 404, 404, 401],
    ("DELETE", "/api/v1/engagements/{id}/sponsors/{sponsor_id}/"): [204, 204, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/activity-flows/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/audit-ratings/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/check-ins/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/customers/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/factors/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/goals/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/milestones/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/missions/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/partners/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/plan-items/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/resources/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/roles/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/team-observations/{id}/"): [404, 404, 404, 404, 404, 404, 404, 401],
    ("DELETE", "/api/v1/objectives/{id}/"): [403, 204, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/organisations/{id}/"): [204, 204, 204, 204, 404, 404, 404, 401],
    ("DELETE", "/api/v1/sponsors/{id}/"): [204, 204, 204, 204, 404, 404, 404, 401],
    ("DELETE", "/api/v1/supervision-entries/{id}/"): [403, 204, 404, 204, 404, 404, 404, 401],
    ("GET", "/api/schema/"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("GET", "/api/v1/action-items/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/action-items/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/action-plans/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/action-plans/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/audit-events/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/auth/tokens/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/certifications/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/certifications/{id}/"): [200, 200, 404, 200, 200, 404, 404, 401],
    ("GET", "/api/v1/coachees/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/coachees/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/coaches/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/coaches/{id}/"): [200, 200, 404, 200, 200, 404, 404, 401],
    ("GET", "/api/v1/engagement-reports/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/engagement-reports/{id}/"): [200, 200, 404, 404, 200, 404, 200, 401],
    ("GET", "/api/v1/engagements/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/engagements/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/language/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/activity-flows/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/activity-flows/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/audit-ratings/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/audit-ratings/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/check-ins/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/check-ins/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/customers/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/customers/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/factors/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/factors/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/goals/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/goals/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/milestones/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/milestones/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/missions/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/missions/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/partners/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/partners/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/resources/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/resources/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/roles/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/roles/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/stages/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/stages/progress/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("GET", "/api/v1/mpc/stages/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/team-observations/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/team-observations/{id}/"): [404, 404, 404, 404, 404, 404, 404, 401],
    ("GET", "/api/v1/objectives/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/objectives/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/organisations/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/organisations/{id}/"): [200, 200, 200, 200, 200, 404, 200, 401],
    ("GET", "/api/v1/privacy/coachees/{id}/export/"): [200, 403, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/reminder-settings/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/reports/coach-hours/"): [400, 403, 403, 403, 403, 403, 403, 401],
    ("GET", "/api/v1/reports/practice-overview/"): [200, 403, 403, 403, 403, 403, 403, 401],
    ("GET", "/api/v1/sessions/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/sessions/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/sponsor-settings/"): [404, 404, 404, 404, 404, 404, 200, 401],
    ("GET", "/api/v1/sponsor/engagements/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/sponsor/engagements/{id}/"): [404, 404, 404, 404, 404, 404, 200, 401],
    ("GET", "/api/v1/sponsors/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/sponsors/{id}/"): [200, 200, 200, 200, 200, 404, 200, 401],
    ("GET", "/api/v1/supervision-entries/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/supervision-entries/{id}/"): [200, 200, 404, 200, 404, 404, 404, 401],
    ("PATCH", "/api/v1/action-items/{id}/"): [403, 200, 404, 404, 200, 404, 404, 401],
    ("PATCH", "/api/v1/certifications/{id}/"): [200, 403, 404, 403, 403, 404, 404, 401],
    ("PATCH", "/api/v1/coachees/{id}/"): [200, 200, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/coaches/{id}/"): [200, 200, 404, 403, 403, 404, 404, 401],
    ("PATCH", "/api/v1/engagements/{id}/"): [200, 200, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/engagements/{id}/exploratory/"): [403, 200, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/activity-flows/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/audit-ratings/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/check-ins/{id}/"): [403, 200, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/customers/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/factors/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/goals/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/milestones/{id}/"): [403, 200, 404, 404, 200, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/missions/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/partners/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/plan-items/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/resources/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/roles/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/team-observations/{id}/"): [404, 404, 404, 404, 404, 404, 404, 401],
    ("PATCH", "/api/v1/objectives/{id}/"): [403, 200, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/organisations/{id}/"): [200, 200, 200, 200, 403, 404, 403, 401],
    ("PATCH", "/api/v1/sessions/{id}/"): [403, 200, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/sponsors/{id}/"): [200, 200, 200, 200, 403, 404, 403, 401],
    ("PATCH", "/api/v1/supervision-entries/{id}/"): [403, 200, 404, 200, 404, 404, 404, 401],
    ("POST", "/api/v1/action-items/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/auth/token/"): [400, 400, 400, 400, 400, 400, 400, 400],
    ("POST", "/api/v1/certifications/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/certifications/{id}/revoke/"): [400, 400, 404, 400, 400, 404, 404, 401],
    ("POST", "/api/v1/coachees/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/coaches/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/engagement-reports/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/engagement-reports/{id}/approval/"): [403, 403, 404, 404, 409, 404, 403, 401],
    ("POST", "/api/v1/engagement-reports/{id}/change-request/"): [400, 400, 404, 404, 400, 404, 400, 401],
    ("POST", "/api/v1/engagements/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/engagements/{id}/assessment/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/engagements/{id}/co-coaches/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/engagements/{id}/exploratory/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/engagements/{id}/lead-coach/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/engagements/{id}/sponsor-consent/"): [403, 403, 404, 404, 201, 404, 404, 401],
    ("POST", "/api/v1/engagements/{id}/sponsors/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/engagements/{id}/transitions/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/mpc/activity-flows/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/audit-ratings/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/check-ins/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/customers/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/factors/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/goals/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/milestones/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/milestones/{id}/next-goal/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/mpc/missions/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/partners/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/plan-items/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/resources/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/roles/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/stages/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/stages/{id}/complete/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("POST", "/api/v1/mpc/stages/{id}/confirm-review/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("POST", "/api/v1/mpc/stages/{id}/reopen/"): [403, 200, 404, 404, 403, 404, 404, 401],
    ("POST", "/api/v1/mpc/team-observations/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/objectives/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/objectives/{id}/evaluation/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/objectives/{id}/progress-rating/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/objectives/{id}/self-rating/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/organisations/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/privacy/coachees/{id}/erase/"): [409, 403, 404, 404, 403, 404, 404, 401],
    ("POST", "/api/v1/sessions/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/sign-in-links/"): [400, 400, 400, 400, 400, 400, 400, 400],
    ("POST", "/api/v1/sessions/{id}/actions/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/sessions/{id}/call-off/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/sessions/{id}/hold/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/sessions/{id}/reschedule/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("POST", "/api/v1/sponsors/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/supervision-entries/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/supervision-entries/{id}/confirm/"): [403, 403, 404, 200, 404, 404, 404, 401],
    ("PUT", "/api/v1/language/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("PUT", "/api/v1/reminder-settings/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("PUT", "/api/v1/sessions/{id}/private-note/"): [400, 400, 404, 404, 400, 404, 404, 401],
    ("PUT", "/api/v1/sponsor-settings/"): [404, 404, 404, 404, 404, 404, 400, 401],
    ("DELETE", "/api/v1/mpc/indicator-readings/{id}/"): [403, 204, 404, 404, 403, 404, 404, 401],
    ("DELETE", "/api/v1/mpc/indicators/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("GET", "/api/v1/mpc/indicator-readings/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/calendar-feed/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("PATCH", "/api/v1/calendar-feed/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("POST", "/api/v1/calendar-feed/renewal/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/indicator-readings/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("GET", "/api/v1/mpc/indicators/"): [200, 200, 200, 200, 200, 200, 200, 401],
    ("GET", "/api/v1/mpc/indicators/{id}/"): [200, 200, 404, 404, 200, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/indicator-readings/{id}/"): [403, 200, 404, 404, 403, 404, 404, 401],
    ("PATCH", "/api/v1/mpc/indicators/{id}/"): [403, 409, 404, 404, 403, 404, 404, 401],
    ("POST", "/api/v1/mpc/indicator-readings/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/indicators/"): [400, 400, 400, 400, 400, 400, 400, 401],
    ("POST", "/api/v1/mpc/missions/{id}/complete/"): [400, 400, 404, 404, 400, 404, 404, 401],
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
    employer = OrganisationFactory(name="Dave's employer")
    dave.coachee.organisation = employer
    dave.coachee.save()
    engagement = activate(open_for(bob, dave, title="Dave's project", uses_mpc=True, organisation=employer), bob)
    sam = SponsorFactory(user__username="sam", organisation=employer)
    services.name_sponsor(engagement=engagement, sponsor=sam, by=bob)
    report = reported(bob, dave, sam, employer)
    mpc_services.start_mpc(engagement=engagement, by=bob)
    complete_through(engagement, bob, 6)
    goal = Goal.objects.filter(engagement=engagement).first()
    milestone = Milestone.objects.filter(goal__engagement=engagement).first()
    # It moves a milestone, so bob's DELETE in the table is refused (409) and the rows after it still find it.
    indicator = ControlIndicator.objects.get(item__plan__engagement=engagement)
    check_in = mpc_services.record_check_in(
        engagement=engagement, ratings=open_goals_rated(engagement), held_on=date.today(), notes="On track",
        indicator_readings=[mpc_services.IndicatorValue(indicator=indicator, value=Decimal("10"), unit="complaints")],
        milestone_progress={milestone: 50}, by=bob,
    )
    days_back = iter(range(1, 300))
    session = grow.schedule_session(engagement=engagement, scheduled_at=timezone.now() - timedelta(days=1), by=bob)
    session = grow.hold_session(session=session, duration_minutes=60, summary="Shared", share_summary=True, by=bob)
    item = grow.agree_action(session=session, title="Call the supplier", owner=dave, due_on=date.today() + timedelta(days=3), by=bob)
    grow.write_private_note(session=session, body="bob's note", by=bob)
    activate(open_for(alice, carol), alice)
    # The beat and a worker are alive, so /health/ answers 200 (to everyone: it is public).
    health.record_heartbeat("beat", event="scan enqueued")
    health.record_heartbeat("worker", event="scan run")
    entry = services.log_supervision(coach=bob.coach, held_on=date.today(), hours=Decimal("1.5"), topics="contracting", by=bob)

    def fresh(name: str):
        """A new object of the kind a delete route removes: each role's request deletes its own."""
        return {
            "actions": lambda: grow.agree_action(session=session, title="Spare action", owner=dave, by=bob),
            "objectives": lambda: services.add_objective(engagement=engagement, statement="Spare", success_measure="Spare", baseline_rating=3, by=bob),
            "certifications": lambda: services.record_certification(coach=bob.coach, body="EMCC", level=f"EIA {uuid.uuid4().hex[:6]}", by=ada),
            "sponsors": lambda: services.add_organisation(name=f"Spare {uuid.uuid4().hex[:6]}", by=ada),
            "organisations": lambda: services.add_organisation(name=f"Spare {uuid.uuid4().hex[:6]}", by=ada),
            "supervision": lambda: services.log_supervision(coach=bob.coach, held_on=date.today(), hours=Decimal("1"), by=bob),
            "supervision-entries": lambda: services.log_supervision(coach=bob.coach, held_on=date.today(), hours=Decimal("1"), by=bob),
            "co-coach": new_co_coach,
            "seat": new_seat,
            "contacts": lambda: SponsorFactory(organisation=employer),
            "mpc/indicator-readings": lambda: mpc_services.record_reading(
                indicator=indicator, value=Decimal("9"), unit="complaints", read_on=date.today() - timedelta(days=next(days_back)), by=bob
            ),
        }[name]()

    def new_seat():
        contact = SponsorFactory(organisation=employer)
        services.name_sponsor(engagement=engagement, sponsor=contact, by=bob)
        return contact

    def new_co_coach():
        coach = CoachFactory()
        services.add_co_coach(engagement=engagement, coach=coach, by=ada)
        return coach

    token, _ = issue_token(user=bob, name="bob's script")
    return {
        "chris": chris,
        "token": token,
        "sam": sam.user,
        "report": report,
        "engagement": engagement,
        "session": session,
        "item": item,
        "goal": goal,
        "milestone": milestone,
        "check_in": check_in,
        "indicator": indicator,
        "stage": Stage.objects.get(engagement=engagement, number=1),
        "entry": entry,
        "fresh": fresh,
    }


def reported(bob, dave, sam, employer):
    """bob's closed engagement with dave, whose report dave approved and consented to share with sam."""
    closing = engagement_in(Engagement.State.ASSESSMENT, bob, dave, title="Dave's closing")
    services.revise_engagement(engagement=closing, organisation=employer, by=bob)
    prepare_closing(closing, bob)
    closing = services.transition_engagement(engagement=closing, to=Engagement.State.CLOSED, by=bob)
    report = reports.produce_report(engagement=closing, by=bob)
    services.approve_report(report=report, by=dave)
    services.give_consent(engagement=closing, by=dave)
    services.name_sponsor(engagement=closing, sponsor=sam, by=bob)
    return report


def person(role: str, world, request):
    if role == "anonymous":
        return None
    if role == "other_coach":
        return world["chris"]
    if role == "sponsor":
        return world["sam"]
    return request.getfixturevalue(CAST[role])


def page_url(route: str, world, request):
    """The URL a route is asked at: the world's object for its kind, or, for a route that
    deletes, a callable making a new one for each role's request."""
    engagement = world["engagement"]
    parts = route.split("/")
    kind = parts[parts.index("<uuid:public_id>") - 1] if "<uuid:public_id>" in parts else ""
    ids = {
        "engagements": lambda: engagement.public_id,
        "sessions": lambda: world["session"].public_id,
        "objectives": lambda: engagement.objectives.first().public_id,
        "roster": lambda: request.getfixturevalue("bob").coach.public_id,
        "actions": lambda: world["item"].public_id,
        "certifications": lambda: request.getfixturevalue("bob").coach.certifications.first().public_id,
        "clients": lambda: request.getfixturevalue("dave").coachee.public_id,
        "sponsors": lambda: request.getfixturevalue("dave").coachee.organisation.public_id,
        "supervision": lambda: world["entry"].public_id,
        "milestones": lambda: world["milestone"].public_id,
        "tokens": lambda: world["token"].public_id,
        "reports": lambda: world["report"].public_id,
        "contacts": lambda: world["sam"].sponsor.public_id,
        "indicators": lambda: world["indicator"].public_id,
    }

    def url(public_id=None, coach_id=None) -> str:
        return "/" + (
            route.replace("<uuid:public_id>", str(public_id or (ids[kind]() if kind else "")))
            .replace("<uuid:coach_id>", str(coach_id or world["chris"].coach.public_id))
            .replace("<int:number>", "1")
            .replace("/monitoring/<slug:key>/<uuid:record>/", f"/monitoring/milestone/{world['milestone'].public_id}/")
            .replace("<slug:key>", "rating")
            .replace("<uuid:record>", str(engagement.audit_ratings.first().public_id))
            .replace("<uidb64>", "MQ")
            .replace("<token>", "set-password")
            .replace("<str:token>", "not-a-link")
        )

    if route.startswith("calendar/"):
        # Read when asked: a role's renewal earlier in the table must not leave a stale URL here.
        from coaching import calendar

        return lambda: urlsplit(calendar.feed_url(calendar.feed_of(request.getfixturevalue("bob")))).path
    if route.endswith("/co-coaches/<uuid:coach_id>/remove/"):
        return lambda: url(coach_id=world["fresh"]("co-coach").public_id)
    if route.endswith("/sponsors/<uuid:sponsor_id>/remove/"):
        return lambda: url().replace("<uuid:sponsor_id>", str(world["fresh"]("seat").public_id))
    if route.endswith("/delete/") and kind in ("actions", "objectives", "certifications", "sponsors", "supervision", "contacts"):
        return lambda: url(public_id=world["fresh"](kind).public_id)
    return url()


def api_object(collection: str, world, request):
    from engagements import models as e
    from mpc import models as m

    engagement = world["engagement"]
    bob = request.getfixturevalue("bob")
    dave = request.getfixturevalue("dave")
    by_collection = {
        "auth/tokens": lambda: world["token"],
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
        "mpc/indicators": lambda: world["indicator"],
        "mpc/indicator-readings": lambda: world["indicator"].readings.first(),
        "supervision-entries": lambda: world["entry"],
        "mpc/plan-items": lambda: e.ActionItem.objects.filter(plan__engagement=engagement, plan__kind="project").first(),
        "sponsors": lambda: world["sam"].sponsor,
        "engagement-reports": lambda: world["report"],
        "sponsor/engagements": lambda: engagement,
    }
    models = {
        "mpc/audit-ratings": m.AuditRating, "mpc/team-observations": m.TeamObservation, "mpc/customers": m.Customer,
        "mpc/partners": m.Partner, "mpc/factors": m.Factor, "mpc/missions": m.Mission, "mpc/activity-flows": m.ActivityFlow,
        "mpc/resources": m.Resource, "mpc/roles": m.Role,
    }
    if collection in models:
        return models[collection].objects.filter(engagement=engagement).first()
    return by_collection[collection]()


def api_url(method: str, path: str, world, request):
    if "{id}" not in path:
        return path
    collection = path.removeprefix("/api/v1/").split("/{id}")[0]
    if path.endswith("/co-coaches/{coach_id}/"):
        engagement = world["engagement"].public_id
        return lambda: path.replace("{id}", str(engagement)).replace("{coach_id}", str(world["fresh"]("co-coach").public_id))
    if path.endswith("/sponsors/{sponsor_id}/"):
        engagement = world["engagement"].public_id
        return lambda: path.replace("{id}", str(engagement)).replace("{sponsor_id}", str(world["fresh"]("seat").public_id))
    if method == "DELETE" and collection in (
        "action-items", "objectives", "certifications", "organisations", "supervision-entries", "sponsors", "mpc/indicator-readings",
    ):
        kind = {"action-items": "actions", "sponsors": "contacts"}.get(collection, collection)
        return lambda: path.replace("{id}", str(world["fresh"](kind).public_id))
    obj = api_object(collection, world, request)
    # An object the individual engagement cannot have (a team observation) stays unknown.
    return path.replace("{id}", str(obj.public_id) if obj is not None else "00000000-0000-4000-8000-000000000000")


def ask(client, method: str, url, *, api: bool):
    url = url() if callable(url) else url
    if method == "GET":
        return client.get(url)
    if api:
        return getattr(client, method.lower())(url, {}, format="json")
    return client.generic(method, url, "", content_type="application/x-www-form-urlencoded")


def statuses(make_client, requests) -> dict:
    return {key: [ask(make_client(role), *how).status_code for role in ROLES] for key, how in requests.items()}


@pytest.fixture
def setup_certification(world, ada, bob):
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
    requests = {key: (key[0], api_url(key[0], key[1], world, request)) for key in API}
    answers = {
        key: [ask(client_for(person(role, world, request)), *how, api=True) for role in ROLES]
        for key, how in requests.items()
    }
    got = {key: [response.status_code for response in responses] for key, responses in answers.items()}

    wrong = {key: (API[key], got[key]) for key in API if got[key] != API[key]}
    assert not wrong, "expected → got:\n" + "\n".join(f"{k}: {v[0]} → {v[1]}" for k, v in sorted(wrong.items()))
    # Every answer, refusals included, is one the committed contract documents, shaped as it says.
    off_contract = [
        problem
        for (method, path), responses in answers.items()
        if path != "/api/schema/"
        for response in responses
        for problem in problems(method, path, response.status_code, body_of(response))
    ]
    assert off_contract == []
