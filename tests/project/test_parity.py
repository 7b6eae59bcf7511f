"""Parity: every act a person can do on a page has an API operation for scripts, and every
API operation that changes something has a page — or a reason written here why not.

The acts are read from the authorization matrix (tests/security/test_authorization_matrix.py),
which itself fails on a route or operation without a row: a new page form or API write
therefore fails here until it is paired."""

from __future__ import annotations

from tests.security.test_authorization_matrix import API, PAGES

# Not a reason to leave something out: only what cannot or should not be the other side.
AUTHENTICATION = "signing in and managing one's own login: scripts authenticate with a token (POST /api/v1/auth/token/)"

PAGE_TO_API: dict[str, str] = {
    "accounts/2fa/": AUTHENTICATION,
    "accounts/2fa/off/": AUTHENTICATION,
    "accounts/2fa/recovery-codes/": AUTHENTICATION,
    "accounts/2fa/recovery-codes/new/": AUTHENTICATION,
    "accounts/2fa/setup/": AUTHENTICATION,
    "accounts/2fa/setup/confirm/": AUTHENTICATION,
    "accounts/2fa/verify/": AUTHENTICATION,
    "accounts/invitation/<uidb64>/<token>/": AUTHENTICATION,
    "accounts/login/": AUTHENTICATION,
    "accounts/logout/": AUTHENTICATION,
    "accounts/password_change/": AUTHENTICATION,
    "accounts/password_change/done/": AUTHENTICATION,
    "accounts/password_reset/": AUTHENTICATION,
    "accounts/reset/<uidb64>/<token>/": AUTHENTICATION,
    "accounts/sign-in/": "POST /api/v1/sign-in-links/",
    "accounts/sign-in/<str:token>/": (
        "using a sign-in link opens a browser session; an old link's new one is asked by email "
        "through POST /api/v1/sign-in-links/"
    ),
    "accounts/tokens/": "POST /api/v1/auth/token/",
    "accounts/tokens/<uuid:public_id>/revoke/": "DELETE /api/v1/auth/tokens/{id}/",
    "accounts/tokens/revoke-all/": "a person signs every script out at once from the page; through the API they revoke each token (DELETE /api/v1/auth/tokens/{id}/)",
    "actions/<uuid:public_id>/delete/": "DELETE /api/v1/action-items/{id}/",
    "actions/<uuid:public_id>/edit/": "PATCH /api/v1/action-items/{id}/",
    "actions/<uuid:public_id>/progress/": "PATCH /api/v1/action-items/{id}/",
    "certifications/<uuid:public_id>/delete/": "DELETE /api/v1/certifications/{id}/",
    "certifications/<uuid:public_id>/edit/": "PATCH /api/v1/certifications/{id}/",
    "certifications/<uuid:public_id>/revoke/": "POST /api/v1/certifications/{id}/revoke/",
    "clients/<uuid:public_id>/edit/": "PATCH /api/v1/coachees/{id}/",
    "clients/new/": "POST /api/v1/coachees/",
    "engagements/<uuid:public_id>/assessment/evaluation/": "POST /api/v1/engagements/{id}/assessment/",
    "engagements/<uuid:public_id>/co-coaches/": "POST /api/v1/engagements/{id}/co-coaches/",
    "engagements/<uuid:public_id>/co-coaches/<uuid:coach_id>/remove/": "DELETE /api/v1/engagements/{id}/co-coaches/{coach_id}/",
    "engagements/<uuid:public_id>/coach/": "POST /api/v1/engagements/{id}/lead-coach/",
    "engagements/<uuid:public_id>/edit/": "PATCH /api/v1/engagements/{id}/",
    "engagements/<uuid:public_id>/exploratory/edit/": "PATCH /api/v1/engagements/{id}/exploratory/",
    "engagements/<uuid:public_id>/exploratory/objectives/": "POST /api/v1/objectives/",
    "engagements/<uuid:public_id>/exploratory/session/": "POST /api/v1/engagements/{id}/exploratory/",
    "engagements/<uuid:public_id>/exploratory/terms/": "PATCH /api/v1/engagements/{id}/",
    "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/": "POST /api/v1/mpc/customers/",
    "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/delete/": "DELETE /api/v1/mpc/customers/{id}/",
    "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/edit/": "PATCH /api/v1/mpc/customers/{id}/",
    "engagements/<uuid:public_id>/mpc/<int:number>/move/": "POST /api/v1/mpc/stages/{id}/complete/",
    "engagements/<uuid:public_id>/mpc/start/": "POST /api/v1/mpc/stages/",
    "engagements/<uuid:public_id>/sessions/new/": "POST /api/v1/sessions/",
    "engagements/<uuid:public_id>/transition/": "POST /api/v1/engagements/{id}/transitions/",
    "engagements/new/": "POST /api/v1/engagements/",
    "engagements/<uuid:public_id>/mpc/monitoring/<slug:key>/<uuid:record>/": "PATCH /api/v1/mpc/milestones/{id}/",
    "my/indicators/<uuid:public_id>/reading/": "POST /api/v1/mpc/indicator-readings/",
    "my/milestones/<uuid:public_id>/progress/": "PATCH /api/v1/mpc/milestones/{id}/",
    "my/objectives/<uuid:public_id>/rating/": "POST /api/v1/objectives/{id}/self-rating/",
    "objectives/<uuid:public_id>/delete/": "DELETE /api/v1/objectives/{id}/",
    "objectives/<uuid:public_id>/edit/": "PATCH /api/v1/objectives/{id}/",
    "objectives/<uuid:public_id>/evaluate/": "POST /api/v1/objectives/{id}/evaluation/",
    "roster/<uuid:public_id>/active/": "PATCH /api/v1/coaches/{id}/",
    "roster/<uuid:public_id>/certifications/": "POST /api/v1/certifications/",
    "roster/<uuid:public_id>/edit/": "PATCH /api/v1/coaches/{id}/",
    "roster/<uuid:public_id>/profile/": "PATCH /api/v1/coaches/{id}/",
    "roster/<uuid:public_id>/supervision/": "POST /api/v1/supervision-entries/",
    "roster/invite/": "POST /api/v1/coaches/",
    "sessions/<uuid:public_id>/actions/": "POST /api/v1/sessions/{id}/actions/",
    "sessions/<uuid:public_id>/call-off/": "POST /api/v1/sessions/{id}/call-off/",
    "sessions/<uuid:public_id>/hold/": "POST /api/v1/sessions/{id}/hold/",
    "sessions/<uuid:public_id>/note/": "PUT /api/v1/sessions/{id}/private-note/",
    "sessions/<uuid:public_id>/record/": "PATCH /api/v1/sessions/{id}/",
    "sessions/<uuid:public_id>/reschedule/": "POST /api/v1/sessions/{id}/reschedule/",
    "settings/calendar/": "PATCH /api/v1/calendar-feed/",
    "settings/calendar/renew/": "POST /api/v1/calendar-feed/renewal/",
    "settings/reminders/": "PUT /api/v1/reminder-settings/",
    "settings/language/": "PUT /api/v1/language/",
    "language/": "PUT /api/v1/language/",  # the footer's switcher: for anyone, so also a cookie
    "sponsors/<uuid:public_id>/delete/": "DELETE /api/v1/organisations/{id}/",
    "sponsors/<uuid:public_id>/edit/": "PATCH /api/v1/organisations/{id}/",
    "sponsors/new/": "POST /api/v1/organisations/",
    "supervision/<uuid:public_id>/confirm/": "POST /api/v1/supervision-entries/{id}/confirm/",
    "supervision/<uuid:public_id>/delete/": "DELETE /api/v1/supervision-entries/{id}/",
    "supervision/<uuid:public_id>/edit/": "PATCH /api/v1/supervision-entries/{id}/",
    # Progress you can show (issue 17).
    "engagements/<uuid:public_id>/report/": "POST /api/v1/engagement-reports/",
    "engagements/<uuid:public_id>/sponsors/": "POST /api/v1/engagements/{id}/sponsors/",
    "engagements/<uuid:public_id>/sponsors/<uuid:sponsor_id>/remove/": "DELETE /api/v1/engagements/{id}/sponsors/{sponsor_id}/",
    "my/engagements/<uuid:public_id>/consent/": "POST /api/v1/engagements/{id}/sponsor-consent/",
    "my/engagements/<uuid:public_id>/consent/withdraw/": "DELETE /api/v1/engagements/{id}/sponsor-consent/",
    "objectives/<uuid:public_id>/progress-rating/": "POST /api/v1/objectives/{id}/progress-rating/",
    "reports/<uuid:public_id>/approve/": "POST /api/v1/engagement-reports/{id}/approval/",
    "reports/<uuid:public_id>/changes/": "POST /api/v1/engagement-reports/{id}/change-request/",
    "sponsor/notice/": "PUT /api/v1/sponsor-settings/",
    "sponsors/contacts/<uuid:public_id>/delete/": "DELETE /api/v1/sponsors/{id}/",
    "sponsors/contacts/<uuid:public_id>/edit/": "PATCH /api/v1/sponsors/{id}/",
    "sponsors/contacts/new/": "POST /api/v1/sponsors/",
}

MPC_EDIT = "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/edit/"
MPC_DELETE = "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/<uuid:record>/delete/"
MPC_ADD = "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/"
MPC_MONITORING = "engagements/<uuid:public_id>/mpc/monitoring/<slug:key>/<uuid:record>/"

API_TO_PAGE: dict[str, str] = {
    "DELETE /api/v1/mpc/activity-flows/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/activity-flows/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/audit-ratings/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/audit-ratings/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/check-ins/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/check-ins/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/customers/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/customers/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/factors/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/factors/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/goals/{id}/": MPC_DELETE,
    "DELETE /api/v1/mpc/indicator-readings/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/indicator-readings/{id}/": MPC_EDIT,
    "POST /api/v1/mpc/indicator-readings/": MPC_MONITORING,
    "DELETE /api/v1/mpc/indicators/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/indicators/{id}/": MPC_EDIT,
    "POST /api/v1/mpc/indicators/": MPC_ADD,
    "POST /api/v1/mpc/missions/{id}/complete/": MPC_ADD,
    "PATCH /api/v1/mpc/goals/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/milestones/{id}/": MPC_DELETE,
    "DELETE /api/v1/mpc/missions/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/missions/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/partners/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/partners/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/plan-items/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/plan-items/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/resources/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/resources/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/roles/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/roles/{id}/": MPC_EDIT,
    "DELETE /api/v1/mpc/team-observations/{id}/": MPC_DELETE,
    "PATCH /api/v1/mpc/team-observations/{id}/": MPC_EDIT,
    "DELETE /api/v1/action-items/{id}/": "actions/<uuid:public_id>/delete/",
    "DELETE /api/v1/auth/tokens/{id}/": "accounts/tokens/<uuid:public_id>/revoke/",
    "DELETE /api/v1/certifications/{id}/": "certifications/<uuid:public_id>/delete/",
    "DELETE /api/v1/engagements/{id}/co-coaches/{coach_id}/": "engagements/<uuid:public_id>/co-coaches/<uuid:coach_id>/remove/",
    "DELETE /api/v1/objectives/{id}/": "objectives/<uuid:public_id>/delete/",
    "DELETE /api/v1/organisations/{id}/": "sponsors/<uuid:public_id>/delete/",
    "DELETE /api/v1/supervision-entries/{id}/": "supervision/<uuid:public_id>/delete/",
    "PATCH /api/v1/action-items/{id}/": "actions/<uuid:public_id>/edit/",
    "PATCH /api/v1/certifications/{id}/": "certifications/<uuid:public_id>/edit/",
    "PATCH /api/v1/coachees/{id}/": "clients/<uuid:public_id>/edit/",
    "PATCH /api/v1/coaches/{id}/": "roster/<uuid:public_id>/edit/",
    "PATCH /api/v1/engagements/{id}/": "engagements/<uuid:public_id>/edit/",
    "PATCH /api/v1/engagements/{id}/exploratory/": "engagements/<uuid:public_id>/exploratory/edit/",
    "PATCH /api/v1/mpc/milestones/{id}/": "my/milestones/<uuid:public_id>/progress/",
    "PATCH /api/v1/objectives/{id}/": "objectives/<uuid:public_id>/edit/",
    "PATCH /api/v1/organisations/{id}/": "sponsors/<uuid:public_id>/edit/",
    "PATCH /api/v1/sessions/{id}/": "sessions/<uuid:public_id>/record/",
    "PATCH /api/v1/supervision-entries/{id}/": "supervision/<uuid:public_id>/edit/",
    "POST /api/v1/action-items/": "sessions/<uuid:public_id>/actions/",
    "POST /api/v1/auth/token/": "accounts/login/",
    "POST /api/v1/sign-in-links/": "accounts/sign-in/",
    "POST /api/v1/certifications/": "roster/<uuid:public_id>/certifications/",
    "POST /api/v1/certifications/{id}/revoke/": "certifications/<uuid:public_id>/revoke/",
    "POST /api/v1/coachees/": "clients/new/",
    "POST /api/v1/coaches/": "roster/invite/",
    "POST /api/v1/engagements/": "engagements/new/",
    "POST /api/v1/engagements/{id}/assessment/": "engagements/<uuid:public_id>/assessment/evaluation/",
    "POST /api/v1/engagements/{id}/co-coaches/": "engagements/<uuid:public_id>/co-coaches/",
    "POST /api/v1/engagements/{id}/exploratory/": "engagements/<uuid:public_id>/exploratory/session/",
    "POST /api/v1/engagements/{id}/lead-coach/": "engagements/<uuid:public_id>/coach/",
    "POST /api/v1/engagements/{id}/transitions/": "engagements/<uuid:public_id>/transition/",
    "POST /api/v1/mpc/activity-flows/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/audit-ratings/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/check-ins/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/customers/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/factors/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/goals/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/milestones/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/milestones/{id}/next-goal/": MPC_MONITORING,
    "POST /api/v1/mpc/missions/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/partners/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/plan-items/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/resources/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/roles/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/mpc/stages/": "engagements/<uuid:public_id>/mpc/start/",
    "POST /api/v1/mpc/stages/{id}/complete/": "engagements/<uuid:public_id>/mpc/<int:number>/move/",
    "POST /api/v1/mpc/stages/{id}/confirm-review/": "engagements/<uuid:public_id>/mpc/<int:number>/move/",
    "POST /api/v1/mpc/stages/{id}/reopen/": "engagements/<uuid:public_id>/mpc/<int:number>/move/",
    "POST /api/v1/mpc/team-observations/": "engagements/<uuid:public_id>/mpc/<int:number>/<slug:key>/",
    "POST /api/v1/objectives/": "engagements/<uuid:public_id>/exploratory/objectives/",
    "POST /api/v1/objectives/{id}/evaluation/": "objectives/<uuid:public_id>/evaluate/",
    "POST /api/v1/objectives/{id}/self-rating/": "my/objectives/<uuid:public_id>/rating/",
    "POST /api/v1/organisations/": "sponsors/new/",
    "POST /api/v1/privacy/coachees/{id}/erase/": (
        "an admin erases a client from the Support admin's client list (coaching/admin.py "
        "PrivacyCoacheeAdmin.erase), the practice's page for irreversible roster acts"
    ),
    "POST /api/v1/sessions/": "engagements/<uuid:public_id>/sessions/new/",
    "POST /api/v1/sessions/{id}/actions/": "sessions/<uuid:public_id>/actions/",
    "POST /api/v1/sessions/{id}/call-off/": "sessions/<uuid:public_id>/call-off/",
    "POST /api/v1/sessions/{id}/hold/": "sessions/<uuid:public_id>/hold/",
    "POST /api/v1/sessions/{id}/reschedule/": "sessions/<uuid:public_id>/reschedule/",
    "POST /api/v1/supervision-entries/": "roster/<uuid:public_id>/supervision/",
    "POST /api/v1/supervision-entries/{id}/confirm/": "supervision/<uuid:public_id>/confirm/",
    "PUT /api/v1/reminder-settings/": "settings/reminders/",
    "PUT /api/v1/language/": "settings/language/",
    "PATCH /api/v1/calendar-feed/": "settings/calendar/",
    "POST /api/v1/calendar-feed/renewal/": "settings/calendar/renew/",
    "PUT /api/v1/sessions/{id}/private-note/": "sessions/<uuid:public_id>/note/",
    # Progress you can show (issue 17).
    "POST /api/v1/engagement-reports/": "engagements/<uuid:public_id>/report/",
    "POST /api/v1/engagements/{id}/sponsors/": "engagements/<uuid:public_id>/sponsors/",
    "DELETE /api/v1/engagements/{id}/sponsors/{sponsor_id}/": "engagements/<uuid:public_id>/sponsors/<uuid:sponsor_id>/remove/",
    "POST /api/v1/engagements/{id}/sponsor-consent/": "my/engagements/<uuid:public_id>/consent/",
    "DELETE /api/v1/engagements/{id}/sponsor-consent/": "my/engagements/<uuid:public_id>/consent/withdraw/",
    "POST /api/v1/objectives/{id}/progress-rating/": "objectives/<uuid:public_id>/progress-rating/",
    "POST /api/v1/engagement-reports/{id}/approval/": "reports/<uuid:public_id>/approve/",
    "POST /api/v1/engagement-reports/{id}/change-request/": "reports/<uuid:public_id>/changes/",
    "PUT /api/v1/sponsor-settings/": "sponsor/notice/",
    "DELETE /api/v1/sponsors/{id}/": "sponsors/contacts/<uuid:public_id>/delete/",
    "PATCH /api/v1/sponsors/{id}/": "sponsors/contacts/<uuid:public_id>/edit/",
    "POST /api/v1/sponsors/": "sponsors/contacts/new/",
}


def page_acts() -> set[str]:
    """Page routes that take a POST from somebody (a form)."""
    return {route for (route, method), row in PAGES.items() if method == "POST" and set(row) != {405}}


def api_acts() -> set[str]:
    return {f"{method} {path}" for (method, path) in API if method != "GET"}


def is_reason(target: str) -> bool:
    return " " in target and not target.split(" ", 1)[0].isupper()


def test_every_page_act_has_an_api_operation_or_a_reason():
    unpaired = sorted(page_acts() - set(PAGE_TO_API))

    assert unpaired == [], f"pair these page acts with an API operation in PAGE_TO_API: {unpaired}"


def test_every_api_write_has_a_page_or_a_reason():
    unpaired = sorted(api_acts() - set(API_TO_PAGE))

    assert unpaired == [], f"pair these API operations with a page in API_TO_PAGE: {unpaired}"


def test_each_pairing_names_something_that_exists():
    stale_api = {page: op for page, op in PAGE_TO_API.items() if not is_reason(op) and op not in api_acts()}
    stale_pages = {op: page for op, page in API_TO_PAGE.items() if not is_reason(page) and page not in page_acts()}
    gone = sorted((set(PAGE_TO_API) - page_acts()) | (set(API_TO_PAGE) - api_acts()))

    assert (stale_api, stale_pages, gone) == ({}, {}, [])


def test_the_reasons_are_few_and_written_out():
    reasons = [target for target in [*PAGE_TO_API.values(), *API_TO_PAGE.values()] if is_reason(target)]

    assert all(len(reason) > 40 for reason in reasons)
    assert len({r for r in reasons if r != AUTHENTICATION}) <= 3
