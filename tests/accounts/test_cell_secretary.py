"""The party cell records its secretary (Đề án 02-ĐA/TU: the secretary also serves as hamlet head):
who may record it, one secretary at a time, and the pages that reach it."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import CellSecretary, OrganisationKind
from accounts.services import cell_secretary_record, cell_secretary_update
from tests.trees import build_tree

pytestmark = pytest.mark.django_db

D = datetime.date
CONGRESS = D(2024, 10, 1)


@pytest.fixture
def tree(db):
    return build_tree()


def record(tree, cell_index=0, name="Trần Văn Bí", *, by=None, start=CONGRESS, **more):
    return cell_secretary_record(organisation=tree.org("cell", cell_index), full_name=name, term_start=start,
                                 by=by or tree.user("cell", cell_index, "officer"), **more)


# --- who records it ---------------------------------------------------------------------------

@pytest.mark.parametrize("key,index,role", [
    ("cell", 0, "officer"), ("cell", 0, "leader"), ("commune", 0, "officer"), ("commune", 0, "leader"),
])
def test_the_cell_or_the_commune_above_it_records_the_secretary(tree, key, index, role):
    by = tree.user(key, index, role)
    secretary = record(tree, by=by, elected_at="Đại hội chi bộ quý IV/2024")
    assert secretary.recorded_by == by and secretary.history.first().history_user == by


@pytest.mark.parametrize("key,index,role", [
    ("cell", 0, "viewer"), ("cell", 1, "officer"),  # another cell
    ("commune", 1, "officer"),  # the commune next door
    ("district", 0, "leader"), ("office", 0, "officer"), ("standing", 0, "viewer"), ("agency", 0, "officer"),
])
def test_nobody_else_records_it(tree, key, index, role):
    with pytest.raises(PermissionDenied):
        record(tree, by=tree.user(key, index, role))
    assert not CellSecretary.objects.exists()


def test_only_a_cell_has_a_cell_secretary(tree):
    from accounts.models import User

    admin = User.objects.create_superuser(username="quantri", password="x")
    with pytest.raises(ValidationError):
        cell_secretary_record(organisation=tree.org("commune", 0), full_name="Trần Văn Bí", term_start=CONGRESS,
                              by=admin)
    assert tree.org("commune", 0).kind == OrganisationKind.COMMUNE_COMMITTEE


# --- what it records --------------------------------------------------------------------------

def test_the_name_is_stored_nfc_with_its_search_key(tree):
    secretary = record(tree, name=unicodedata.normalize("NFD", "  Trần   Văn Bí "))
    assert secretary.full_name == unicodedata.normalize("NFC", "Trần Văn Bí") and secretary.search_name == "tran van bi"


@pytest.mark.parametrize("offset,accepted", [(-1, True), (0, True), (1, False)])
def test_a_term_starts_at_the_latest_today(tree, offset, accepted):
    start = timezone.localdate() + datetime.timedelta(days=offset)
    if accepted:
        assert record(tree, start=start).term_start == start
    else:
        with pytest.raises(ValidationError) as exc:
            record(tree, start=start)
        assert "term_start" in exc.value.message_dict


def test_a_new_secretary_closes_the_open_term_on_the_day_before(tree):
    old = record(tree, name="Lê Văn Cũ", start=D(2022, 7, 1))
    new = record(tree, name="Trần Văn Mới", start=CONGRESS, elected_at="Đại hội chi bộ quý IV/2024")
    old.refresh_from_db()
    assert old.term_end == D(2024, 9, 30) and new.term_end is None
    assert old.history.count() == 2  # the closing is in the history, with its author
    assert old.in_office_on(D(2024, 9, 30)) and not old.in_office_on(CONGRESS) and new.in_office_on(CONGRESS)


@pytest.mark.parametrize("start,refused", [
    (D(2024, 6, 29), True),   # the day before the closed term's last day
    (D(2024, 6, 30), True),   # its last day
    (D(2024, 7, 1), False),   # the day after
])
def test_a_term_overlapping_a_closed_one_is_refused_naming_it(tree, start, refused):
    record(tree, name="Lê Văn Cũ", start=D(2022, 7, 1), term_end=D(2024, 6, 30))
    if refused:
        with pytest.raises(ValidationError) as exc:
            record(tree, name="Trần Văn Mới", start=start)
        assert "Lê Văn Cũ" in exc.value.message_dict["term_start"][0]
    else:
        assert record(tree, name="Trần Văn Mới", start=start).term_start == start


def test_an_earlier_term_cannot_slip_under_an_open_one(tree):
    record(tree, name="Trần Văn Mới", start=CONGRESS)
    with pytest.raises(ValidationError):
        record(tree, name="Lê Văn Cũ", start=D(2022, 7, 1))  # open-ended: it would overlap
    older = record(tree, name="Lê Văn Cũ", start=D(2022, 7, 1), term_end=D(2024, 9, 30))
    assert older.term_end == D(2024, 9, 30)


def test_a_correction_is_checked_and_kept_in_the_history(tree):
    secretary = record(tree, name="Trần Văn Bi")
    cell_secretary_update(secretary=secretary, full_name="Trần Văn Bí", by=tree.user("commune", 0, "officer"))
    secretary.refresh_from_db()
    assert secretary.search_name == "tran van bi" and secretary.history.count() == 2
    with pytest.raises(ValidationError):
        cell_secretary_update(secretary=secretary, term_end=D(2024, 9, 30), by=tree.user("cell", 0, "officer"))
    with pytest.raises(PermissionDenied):
        cell_secretary_update(secretary=secretary, full_name="X", by=tree.user("cell", 1, "officer"))


# --- the pages ------------------------------------------------------------------------------

def test_the_cell_finds_its_secretary_from_its_home_page_and_records_one(client, tree):
    officer = tree.user("cell", 0, "officer")
    client.force_login(officer)
    url = reverse("cell_secretary", args=[tree.org("cell", 0).pk])
    home = client.get(reverse("home")).content.decode()
    assert url in home and 'id="cell-secretary"' in home
    assert client.get(reverse("cell_secretaries"))["Location"] == url  # a cell goes to its own page
    page = client.get(url)
    assert page.status_code == 200 and reverse("home") in page.content.decode()  # breadcrumbs lead back
    response = client.post(url, {"full_name": "Trần Văn Bí", "term_start": "01/10/2024", "term_end": "",
                                 "date_of_birth": "", "elected_at": "Đại hội chi bộ quý IV/2024"})
    assert response.status_code == 302 and response["Location"] == url
    assert CellSecretary.objects.get().term_start == CONGRESS
    assert "Trần Văn Bí" in client.get(reverse("home")).content.decode()


def test_a_refused_term_shows_its_error_on_the_field(client, tree):
    record(tree, name="Trần Văn Bí", start=CONGRESS)
    client.force_login(tree.user("cell", 0, "officer"))
    response = client.post(reverse("cell_secretary", args=[tree.org("cell", 0).pk]),
                           {"full_name": "Lê Văn Cũ", "term_start": "01/07/2022", "term_end": ""})
    assert response.status_code == 200 and "Trần Văn Bí" in " ".join(response.context["form"].errors["term_start"])


def test_the_commune_lists_its_cells_and_records_for_them(client, tree):
    record(tree, 1, "Trần Văn Bí")
    leader = tree.user("commune", 0, "leader")
    client.force_login(leader)
    page = client.get(reverse("cell_secretaries"))
    cells = [cell.pk for cell in page.context["page_obj"]]
    assert cells == [tree.org("cell", 0).pk, tree.org("cell", 1).pk]  # its two hamlets, no other
    assert "Trần Văn Bí" in page.content.decode()
    response = client.post(reverse("cell_secretary", args=[tree.org("cell", 0).pk]),
                           {"full_name": "Lê Thị Hai", "term_start": "01/10/2024"})
    assert response.status_code == 302
    assert client.get(reverse("cell_secretary", args=[tree.org("cell", 2).pk])).status_code == 404


def test_viewers_read_but_do_not_record(client, tree):
    secretary = record(tree)
    client.force_login(tree.user("district", 0, "viewer"))
    url = reverse("cell_secretary", args=[tree.org("cell", 0).pk])
    page = client.get(url)
    assert page.status_code == 200 and not page.context["can_record"] and "Trần Văn Bí" in page.content.decode()
    assert client.post(url, {"full_name": "X", "term_start": "01/10/2024"}).status_code == 403
    assert client.get(reverse("cell_secretary_edit", args=[secretary.pk])).status_code == 403


def test_a_record_is_corrected_on_its_page(client, tree):
    secretary = record(tree, name="Trần Văn Bi")
    client.force_login(tree.user("commune", 0, "officer"))
    url = reverse("cell_secretary_edit", args=[secretary.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"full_name": "Trần Văn Bí", "term_start": "01/10/2024", "term_end": "",
                                 "date_of_birth": "12/05/1970", "elected_at": "Đại hội chi bộ quý IV/2024"})
    assert response.status_code == 302
    secretary.refresh_from_db()
    assert secretary.full_name == "Trần Văn Bí" and secretary.date_of_birth == D(1970, 5, 12)


def test_the_admin_records_through_the_same_rules(client, tree):
    from accounts.models import User

    admin = User.objects.create_superuser(username="quantri", password="x")
    client.force_login(admin)
    record(tree, name="Trần Văn Bí", start=CONGRESS)
    url = reverse("admin:accounts_cellsecretary_add")
    data = {"organisation": tree.org("cell", 0).pk, "full_name": "Lê Văn Cũ", "term_start": "01/07/2022",
            "term_end": "", "date_of_birth": "", "elected_at": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and "Trần Văn Bí" in response.content.decode()  # overlaps: refused
    data.update(term_end="30/09/2024")
    assert client.post(url, data).status_code == 302
    older = CellSecretary.objects.get(full_name="Lê Văn Cũ")
    assert older.recorded_by == admin and older.history.first().history_user == admin
    assert client.get(reverse("admin:accounts_cellsecretary_changelist"), {"q": "tran van"}).status_code == 200
