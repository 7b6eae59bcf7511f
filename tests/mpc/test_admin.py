"""Support reads MPC rows in Django admin; changes go through the services only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from mpc.models import Stage
from tests.factories import UserFactory
from tests.mpc.conftest import complete_through

MPC_MODELS = [model for model in admin.site._registry if model._meta.app_label == "mpc"]


@pytest.fixture
def support(db):
    return UserFactory(username="support", is_staff=True, is_superuser=True, role="admin")


@pytest.mark.parametrize("model", MPC_MODELS, ids=lambda m: m.__name__)
def test_support_reads_every_mpc_list_but_cannot_add(client, support, individual, alice, model):
    complete_through(individual, alice, 4)
    client.force_login(support)
    opts = model._meta

    listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    adding = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))

    assert listing.status_code == 200
    assert adding.status_code == 403


def test_a_stage_page_is_read_only(client, support, individual):
    client.force_login(support)
    stage = Stage.objects.filter(engagement=individual).first()

    page = client.get(reverse("admin:mpc_stage_change", args=[stage.pk]))

    assert page.status_code == 200
    assert b'name="_save"' not in page.content
