"""The double action plan to print and as a PDF: both halves, each item with what it is
about, its owner and its deadline; the coach's alone."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.mpc.conftest import complete_through
from tests.pages.conftest import client_for


@pytest.fixture
def planned(individual, alice):
    complete_through(individual, alice, 6)
    return individual


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_holds_both_plans_with_owners_and_deadlines(planned, alice):
    response = client_for(alice).get(f"/engagements/{planned.public_id}/mpc/plan.pdf")

    text = pdf_text(response.content)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Double action plan — Reporting" in text
    assert "Personal plan" in text and "Project plan" in text
    assert "Weak point to develop: Knowledge (gap of 2)" in text
    assert "Goals: Grow turnover" in text and "Project: Goals" in text
    assert "Customer complaints a month — from 12 to 4 complaints, lower is better" in text
    assert "Carol Client" in text and "1 Oct 2026" in text
    assert "Mission: Make reporting a shared, reliable habit." in text


def test_the_print_view_shows_the_same_document(planned, alice):
    html = client_for(alice).get(f"/engagements/{planned.public_id}/mpc/plan/").content.decode()

    assert "Double action plan — Reporting" in html and "Download the PDF" in html
    assert "Customer complaints a month" in html


@pytest.mark.parametrize("who", ["bob", "eve"])
def test_an_outsider_gets_404_for_the_plan(planned, who, request):
    client = client_for(request.getfixturevalue(who))

    assert client.get(f"/engagements/{planned.public_id}/mpc/plan.pdf").status_code == 404
    assert client.get(f"/engagements/{planned.public_id}/mpc/plan/").status_code == 404
