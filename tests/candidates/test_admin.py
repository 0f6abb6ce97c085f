import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from candidates import services
from candidates.models import Nominee

from .conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world):
    client.force_login(User.objects.create_superuser("quantri", password="x"))
    return client


def test_admin_pages_load_with_history_and_filters(admin_client, world):
    nominee_list, nominees = world.fill_district(0)
    for model in ("nominee", "nomineelist", "concurrencyexception"):
        response = admin_client.get(reverse(f"admin:candidates_{model}_changelist"),
                                    {"district": world.tree.districts[0].pk})
        assert response.status_code == 200
    assert admin_client.get(reverse("admin:candidates_nominee_history", args=[nominees[0].pk])).status_code == 200
    assert admin_client.get(reverse("admin:candidates_nomineelist_change", args=[nominee_list.pk])).status_code == 200
    for model in ("election", "hamletelection"):
        assert admin_client.get(reverse(f"admin:elections_{model}_changelist")).status_code == 200


def test_admin_cannot_move_lists_or_decide_exceptions(admin_client, world):
    nominee_list, _ = world.fill_district(0)
    assert admin_client.get(reverse("admin:candidates_nomineelist_add")).status_code == 403
    assert admin_client.get(reverse("admin:candidates_concurrencyexception_add")).status_code == 403
    response = admin_client.post(reverse("admin:candidates_nomineelist_change", args=[nominee_list.pk]),
                                 {"status": "accepted"})
    nominee_list.refresh_from_db()
    assert response.status_code == 403 and nominee_list.status == "draft"


def _form_data(nominee, **overrides):
    data = {"hamlet_election": nominee.hamlet_election_id, "full_name": nominee.full_name, "gender": nominee.gender,
            "date_of_birth": "01/05/1979", "ethnicity": "Kinh", "citizen_id": nominee.citizen_id,
            "is_permanent_resident": "on", "political_theory": "trung_cap", "is_party_member": "on",
            "party_join_date": "01/01/2005", "is_cell_secretary": "on", "nominated_by": "front_committee"}
    data.update(overrides)
    return data


def test_admin_edits_go_through_the_service_rules(admin_client, world):
    nominee = services.nominee_create(by=world.tree.user("district", 0, "officer"), hamlet_election=world.he(0),
                                      **person())
    url = reverse("admin:candidates_nominee_change", args=[nominee.pk])
    response = admin_client.post(url, _form_data(nominee, date_of_birth="01/01/2010"))
    assert response.status_code == 200 and "21" in response.content.decode()
    nominee.refresh_from_db()
    assert nominee.date_of_birth == datetime.date(1979, 5, 1)
    response = admin_client.post(url, _form_data(nominee, education="Đại học"))
    assert response.status_code == 302
    nominee.refresh_from_db()
    assert nominee.education == "Đại học"
    services.nominee_list_submit(nominee_list=nominee.nominee_list, by=world.tree.user("district", 0, "officer"))
    response = admin_client.post(url, _form_data(nominee, education="Cao đẳng"))
    assert response.status_code == 200
    assert Nominee.objects.get().education == "Đại học"
