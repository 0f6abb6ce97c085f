"""Issue 14 points 2 and 11: a letter about a hamlet's election itself (no nominee named) is linked to
that election and blocks its decision until settled; a letter's election deadline is its own hamlet's
election date less the margin, and a letter received after that is due by its statutory deadline."""

import datetime

import pytest
from django.urls import reverse

from complaints import deadlines, services
from complaints.forms import ComplaintForm
from elections import registry
from elections.models import Election, HamletElection
from territory.models import Kind as UnitKind
from territory.models import Level, Unit

from .conftest import make_world, register

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


# --- point 2: letters about the election itself -------------------------------------------------

def test_a_letter_about_the_election_without_a_nominee_blocks_the_decision_until_settled(world):
    he = world.hamlet_elections[0]
    letter = register(world, nominee=None, about_election=True, kind="khieu_nai",
                      summary="Khiếu nại việc lập danh sách cử tri đại diện hộ gia đình")
    assert letter.hamlet_election == he and letter.nominee is None
    blocking = registry.run_decision_checks(he)
    assert len(blocking) == 1 and letter.reference in blocking[0]
    assert "xã Thử 99-0" in blocking[0]  # the hamlet is named with its commune
    assert not registry.run_decision_checks(world.hamlet_elections[1])  # only that hamlet's election
    services.complaint_classify(complaint=letter, by=letter.handler, already_concluded=True)  # settled
    assert registry.run_decision_checks(he) == []


def test_a_letter_naming_only_the_hamlet_does_not_block_its_election(world):
    letter = register(world, nominee=None, kind="phan_anh", summary="Phản ánh đường vào nhà văn hóa ấp")
    assert letter.hamlet_election is None
    assert registry.run_decision_checks(world.hamlet_elections[0]) == []


def test_a_letter_about_the_election_of_a_hamlet_without_an_active_campaign_is_refused(world):
    from django.core.exceptions import ValidationError

    Election.objects.update(is_active=False)
    with pytest.raises(ValidationError) as exc:
        register(world, nominee=None, about_election=True)
    assert "about_election" in exc.value.message_dict


def test_the_intake_form_links_a_letter_to_the_hamlets_election(world, client):
    officer = world.user("commune", 0, "officer")
    client.force_login(officer)
    response = client.post(reverse("complaints:register"), {
        "kind": "khieu_nai", "channel": "post", "received_on": TODAY.strftime("%d/%m/%Y"),
        "hamlet": world.tree.hamlets[0].pk, "about_election": "on", "signatories": 1, "signed_in_person": "on",
        "summary": "Khiếu nại kết quả kiểm phiếu", "handler": world.user("district", 0, "officer").pk,
        "sender_name": "Nguyễn Văn Gửi", "sender_address": "Ấp 99-0"})
    assert response.status_code == 302
    letter = world.hamlet_elections[0].complaints.get()
    assert letter.nominee is None
    page = client.get(reverse("complaints:detail", args=[letter.pk])).content.decode()
    assert "Không có: đơn về chính cuộc bầu cử của ấp" in page


def test_hamlet_choices_name_the_commune_and_tell_namesakes_apart(world, django_assert_max_num_queries):
    namesake = Unit.objects.create(level=Level.HAMLET, kind=UnitKind.NEIGHBOURHOOD, parent=world.tree.communes[1],
                                   name=world.tree.hamlets[0].name)
    form = ComplaintForm(user=world.user("district", 0, "officer"))
    with django_assert_max_num_queries(1):
        labels = dict(form.fields["hamlet"].choices)
    assert labels[world.tree.hamlets[0].pk] == "Ấp 99-0, xã Thử 99-0"
    assert labels[namesake.pk] == "Ấp 99-0, phường Thử 99-1"
    with django_assert_max_num_queries(1):
        nominee_labels = [str(label) for _value, label in form.fields["nominee"].choices]
    assert "Nguyễn Văn Ứng 0 — Ấp 99-0, xã Thử 99-0" in nominee_labels


# --- point 11: the hamlet's own election deadline ------------------------------------------------

def letter_received(world, received_on, **extra):
    return register(world, received_on=received_on, kind="kien_nghi", **extra)


@pytest.mark.parametrize(("received_on", "election_due"), [
    (TODAY - 2 * DAY, TODAY - DAY),   # the day before the cut-off: due by the cut-off
    (TODAY - DAY, TODAY - DAY),       # on the cut-off: due that day, not overdue on arrival
    (TODAY, None),                    # the day after: statutory deadline only
])
def test_the_election_deadline_is_the_day_before_the_hamlet_votes(received_on, election_due):
    world = make_world(election_date=TODAY)  # margin 1: settled by yesterday
    letter = letter_received(world, received_on)
    assert letter.election_due == election_due
    assert letter.due_on == (election_due or letter.acceptance_due)
    assert deadlines.urgency(letter.due_on, on=received_on) != "late"  # never overdue on arrival


def test_the_margin_is_a_setting(settings):
    settings.COMPLAINT_ELECTION_MARGIN_DAYS = 0  # settled by election day itself
    world = make_world(election_date=TODAY)
    assert letter_received(world, TODAY).election_due == TODAY
    settings.COMPLAINT_ELECTION_MARGIN_DAYS = 15  # by the day the candidate list goes to the commune
    world.hamlet_elections[0].__class__.objects.update(election_date=TODAY + 16 * DAY)
    assert letter_received(world, TODAY).election_due == TODAY + DAY


def test_each_hamlet_has_its_own_deadline_not_the_provinces_nomination_deadline():
    world = make_world(nomination_deadline=TODAY + 5 * DAY)
    HamletElection.objects.filter(pk=world.hamlet_elections[1].pk).update(election_date=TODAY + 40 * DAY)
    undated = letter_received(world, TODAY, hamlet_index=0)
    dated = letter_received(world, TODAY, hamlet_index=1)
    assert undated.election_due is None  # no date yet: no election deadline
    assert dated.election_due == TODAY + 39 * DAY


def test_a_letter_naming_only_the_hamlet_takes_the_active_campaigns_election():
    world = make_world(election_date=TODAY + 10 * DAY)
    old = Election.objects.create(
        name="Bầu cử cũ", province=world.tree.province, term_start_year=2019, term_end_year=2024,
        nomination_deadline=TODAY - 400 * DAY, election_start=TODAY - 390 * DAY, election_end=TODAY - 380 * DAY,
        is_active=False)
    HamletElection.objects.create(election=old, hamlet=world.tree.hamlets[0], election_date=TODAY + 3 * DAY)
    letter = letter_received(world, TODAY, nominee=None)
    assert letter.hamlet_election is None and letter.election_due == TODAY + 9 * DAY


def test_the_election_deadline_follows_a_date_set_after_the_letter_arrived(world):
    letter = register(world)
    assert letter.election_due is None
    HamletElection.objects.filter(pk=world.hamlet_elections[0].pk).update(election_date=TODAY + 5 * DAY)
    services.complaint_classify(complaint=letter, by=letter.handler)
    letter.refresh_from_db()
    assert letter.election_due == TODAY + 4 * DAY and letter.due_on == TODAY + 4 * DAY
