"""The practice's address book: sponsors and clients, corrected in place."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagements import forms, services
from engagements.models import Coachee, Organisation, Sponsor, User
from kit.forms import run_once_form
from kit.views import Row, delete_row, edit_row


def _staff(request: HttpRequest) -> None:
    if not (request.user.is_practice_admin or request.user.role == User.Role.COACH):
        raise PermissionDenied(_("Sponsors and clients are kept by coaches and admins."))


# --- sponsors -----------------------------------------------------------------------

SPONSOR_ROW = Row("engagements/sponsors.html#sponsor", "organisation")


@login_required
def sponsors(request: HttpRequest, *, form=None, contact_form=None) -> HttpResponse:
    """The sponsoring organisations, and the contacts of theirs who sign in to follow
    the engagements they are named on."""
    _staff(request)
    # Each list a page at a time (four hundred sponsors made the page half a megabyte);
    # the links of one keep the other's page.
    organisations = Paginator(Organisation.objects.visible_to(request.user).order_by("name"), SPONSORS_PAGE)
    contacts = Paginator(
        Sponsor.objects.visible_to(request.user).select_related("user", "organisation").order_by("organisation__name", "user__last_name", "pk"),
        SPONSORS_PAGE,
    )
    organisations, contacts = organisations.get_page(request.GET.get("page")), contacts.get_page(request.GET.get("contacts"))
    context = {
        "organisations": organisations, "contacts": contacts,
        "keep_organisations": f"contacts={contacts.number}&" if contacts.number > 1 else "",
        "keep_contacts": f"page={organisations.number}&" if organisations.number > 1 else "",
        "form": form or forms.OrganisationForm(), "contact_form": contact_form or forms.SponsorContactForm(),
    }
    return render(request, "engagements/sponsors.html", context, status=422 if form or contact_form else 200)


@login_required
@require_POST
def add_sponsor(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = forms.OrganisationForm(request.POST)
    if run_once_form(request, form, lambda **data: services.add_organisation(by=request.user, **data))[0]:
        messages.success(request, _("%(name)s is on the list of sponsors.") % {"name": form.cleaned_data["name"]})
        return redirect("engagements:sponsors")
    return sponsors(request, form=form)


def _sponsor(request: HttpRequest, public_id) -> Organisation:
    _staff(request)
    return get_object_or_404(Organisation.objects.visible_to(request.user), public_id=public_id)


@login_required
def edit_sponsor(request: HttpRequest, public_id) -> HttpResponse:
    """Correct a sponsor's name or contact."""
    organisation = _sponsor(request, public_id)
    return edit_row(
        request, organisation, form=forms.OrganisationEditForm, row=SPONSOR_ROW, title=str(organisation),
        act=lambda data: services.revise_organisation(organisation=organisation, by=request.user, **data),
        back=reverse("engagements:sponsors"),
    )


@login_required
@require_POST
def delete_sponsor(request: HttpRequest, public_id) -> HttpResponse:
    """Delete a sponsor no engagement or client refers to."""
    organisation = _sponsor(request, public_id)
    return delete_row(
        request, organisation, row=SPONSOR_ROW, what=_("sponsor"),
        act=lambda: services.withdraw_organisation(organisation=organisation, by=request.user),
        back=reverse("engagements:sponsors"),
    )


# --- sponsor contacts: people of a sponsor who sign in -------------------------------

CONTACT_ROW = Row("engagements/sponsors.html#contact", "contact")


@login_required
@require_POST
def add_sponsor_contact(request: HttpRequest) -> HttpResponse:
    """Register a person of a sponsoring organisation, who is emailed an invitation."""
    _staff(request)
    form = forms.SponsorContactForm(request.POST)
    done, contact = run_once_form(request, form, lambda **data: services.add_sponsor(by=request.user, **data))
    if done:
        if contact is not None:
            messages.success(request, _("%(person)s is registered; their invitation is on its way.") % {"person": contact})
        return redirect("engagements:sponsors")
    return sponsors(request, contact_form=form)


def _contact(request: HttpRequest, public_id) -> Sponsor:
    _staff(request)
    return get_object_or_404(Sponsor.objects.visible_to(request.user).select_related("user", "organisation"), public_id=public_id)


@login_required
def edit_sponsor_contact(request: HttpRequest, public_id) -> HttpResponse:
    """Correct a sponsor contact's name, email or job title."""
    contact = _contact(request, public_id)
    return edit_row(
        request, contact, form=forms.SponsorContactEditForm, row=CONTACT_ROW, title=str(contact),
        act=lambda data: services.revise_sponsor(sponsor=contact, by=request.user, **data),
        back=reverse("engagements:sponsors"),
    )


@login_required
@require_POST
def delete_sponsor_contact(request: HttpRequest, public_id) -> HttpResponse:
    """Delete a sponsor contact (and their login) no engagement names any more."""
    contact = _contact(request, public_id)
    return delete_row(
        request, contact, row=CONTACT_ROW, what=_("sponsor contact"),
        act=lambda: services.withdraw_sponsor(sponsor=contact, by=request.user),
        back=reverse("engagements:sponsors"),
    )


# --- clients -----------------------------------------------------------------------

CLIENTS_PAGE = 100
SPONSORS_PAGE = 50
CLIENT_ROW = Row("engagements/clients.html#client", "coachee")


@login_required
def clients(request: HttpRequest, *, form=None) -> HttpResponse:
    """The clients an admin (all) or a coach (theirs) may see, with their details."""
    _staff(request)
    coachees = Coachee.objects.visible_to(request.user).select_related("user", "organisation").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    # A practice of ten thousand clients: a hundred at a time.
    page = Paginator(coachees, CLIENTS_PAGE).get_page(request.GET.get("page"))
    context = {"coachees": page, "page": page, "form": form or forms.CoacheeForm()}
    return render(request, "engagements/clients.html", context, status=422 if form else 200)


@login_required
@require_POST
def add_client(request: HttpRequest) -> HttpResponse:
    """Register a client, who is emailed an invitation (an engagement can follow later)."""
    _staff(request)
    form = forms.CoacheeForm(request.POST)
    done, coachee = run_once_form(request, form, lambda **data: services.add_coachee(by=request.user, **data))
    if done:
        if coachee is not None:
            messages.success(request, _("%(person)s is registered; their invitation is on its way.") % {"person": coachee})
        return redirect("engagements:clients")
    return clients(request, form=form)


@login_required
def edit_client(request: HttpRequest, public_id) -> HttpResponse:
    """Correct a client's name, email, job title or organisation."""
    _staff(request)
    coachee = get_object_or_404(Coachee.objects.visible_to(request.user).select_related("user", "organisation"), public_id=public_id)
    return edit_row(
        request, coachee, form=forms.CoacheeEditForm, row=CLIENT_ROW, title=str(coachee),
        act=lambda data: services.revise_coachee(coachee=coachee, by=request.user, **data),
        back=reverse("engagements:clients"),
    )
