"""Every model registered in the admin opens for a superuser: list, add and change pages."""

import pytest
from django.contrib import admin
from django.urls import reverse

from ishreja.core.demo import demo_load


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.uz", "pw-12345-xyz")
    client.force_login(user)
    return client


def test_it_opens_every_admin_page(db, superuser_client):
    demo_load()
    for model, _ in admin.site._registry.items():
        opts = model._meta
        changelist = superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert changelist.status_code == 200, opts.label
        add = superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert add.status_code in (200, 403), opts.label
        first = model.objects.first()
        if first is not None:
            change = superuser_client.get(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            )
            assert change.status_code == 200, opts.label


def test_it_lets_the_national_administrator_edit_reference_data_but_not_plans(db, client):
    from ishreja.accounts.models import User

    demo_load()
    client.force_login(User.objects.get(username="milliy-admin"))
    assert client.get(reverse("admin:plans_legalact_changelist")).status_code == 200
    assert client.get(reverse("admin:indicators_indicator_add")).status_code == 200
    assert client.get(reverse("admin:plans_plan_changelist")).status_code == 403
