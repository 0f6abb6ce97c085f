"""Home pages that say what to do next (issue 20, point 8): a cell, an agency, a commune, a district and
the provincial office each see their pending work as "Việc cần làm", every figure a link to the list
of exactly those rows, "quá hạn" in red only for what is overdue, nothing of another district's work."""

import datetime
import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from django.utils import timezone

from directives.models import DifficultyReport, Dispatch
from elections.models import Election, HamletElection
from tests.accounts.desk import build_desk

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
ITEM = re.compile(
    r'<li class="pending-item pending-item--(?P<tone>\w+)">\s*<a class="pending-item__link" href="(?P<url>[^"]+)">'
    r'<span class="pending-item__count">(?P<count>\d+)</span> <span class="pending-item__label">(?P<label>[^<]+)'
    r'</span></a>\s*<span class="pending-item__meta">\s*'
    r'<span class="badge badge--(?P<badge>\w+)">(?P<word>[^<]+)</span>')

ACK_LATE, ACK_DUE = "Văn bản chưa xác nhận đã nhận, quá hạn", "Văn bản cần xác nhận đã nhận"
PLAN_LATE, PLAN_DUE = "Kế hoạch triển khai quá hạn", "Kế hoạch triển khai cần nộp"
REPORT_LATE, REPORT_DUE = "Báo cáo kết quả thực hiện quá hạn", "Báo cáo kết quả thực hiện cần nộp"
ANSWERED = "Khó khăn, vướng mắc đơn vị đã phản ánh được trả lời trong 30 ngày qua"
TO_ANSWER = "Khó khăn, vướng mắc cần trả lời"
MINUTES, RERUNS = "Biên bản cuộc họp cần ghi", "Ấp, khu phố cần định ngày bầu lại"
RECOGNITION, RECOGNITION_LATE = "Người trúng cử chờ công nhận", "Quá hạn công nhận"
LETTERS_LATE, LETTERS_SOON = "Đơn thư quá hạn giải quyết", "Đơn thư đến hạn trong 3 ngày tới"
OWN_LIST = "Danh sách người được giới thiệu cần hoàn thiện và gửi"
EXCEPTIONS = "Trường hợp không kiêm nhiệm chờ đồng chí quyết định"
TO_REVIEW = "Danh sách người được giới thiệu chờ đồng chí xem xét"
NOTHING = "Không có việc nào đang chờ đồng chí."


@pytest.fixture
def desk(db):
    return build_desk()


@dataclass
class Item:
    count: int
    url: str
    badge: str  # the badge's tone: late (red), soon (amber), progress (blue), neutral
    word: str  # the word beside the colour
    note: str


def card(client, user, path="/") -> dict[str, Item]:
    """The "Việc cần làm" card of the user's home page: label -> item."""
    client.force_login(user)
    page = client.get(path).content.decode()
    section = page[page.index('id="pending-work"'):]
    section = section[:section.index("</section>")]
    assert "Việc cần làm" in section
    items = {}
    for match in ITEM.finditer(section):
        rest = section[match.end():section.index("</li>", match.end())]
        note = re.search(r'<span class="pending-item__note">([^<]+)</span>', rest)
        items[html.unescape(match["label"])] = Item(int(match["count"]), html.unescape(match["url"]), match["badge"],
                                                   match["word"], html.unescape(note[1]) if note else "")
    assert len(items) == section.count('<li class="pending-item'), "an item the pattern did not read"
    return items


def figures(items: dict[str, Item]) -> dict[str, tuple[int, str]]:
    return {label: (item.count, item.badge) for label, item in items.items()}


def rows_behind(client, url: str):
    """Open the list an item links to: (the number of rows it shows, those rows)."""
    response = client.get(url)
    assert response.status_code == 200, url
    context, view = response.context, resolve(urlsplit(url).path).view_name
    if view == "candidates:province":
        return len(context["overview"].waiting), [d.nominee_list for d in context["overview"].waiting]
    if view == "elections:results_unit":
        return context["count"], [line.hamlet_election.hamlet for line in context["page_obj"]]
    if view == "candidates:list" and "loc=" not in url:
        return 1, [context["nominee_list"]]  # the committee's own list
    return context["page_obj"].paginator.count, list(context["page_obj"])


def follow_every_link(client, items: dict[str, Item]) -> None:
    for label, item in items.items():
        shown, _rows = rows_behind(client, item.url)
        assert shown == item.count, (label, item.url, shown, item.count)


def numbers(rows) -> list[str]:
    return sorted(dispatch.directive.number for dispatch in rows)


# --- A hamlet cell ------------------------------------------------------------------------------

def test_a_cell_sees_its_directives_with_what_is_overdue_in_red(client, desk):
    items = card(client, desk.tree.user("cell", 0, "officer"))
    assert figures(items) == {
        ACK_LATE: (1, "late"), PLAN_LATE: (1, "late"), REPORT_LATE: (1, "late"),
        ACK_DUE: (1, "soon"), PLAN_DUE: (1, "soon"), REPORT_DUE: (1, "soon"),
        ANSWERED: (1, "neutral"),
    }
    assert list(items)[:3] == [ACK_LATE, PLAN_LATE, REPORT_LATE]  # the overdue first
    assert {label for label, item in items.items() if item.word == "Quá hạn"} == {ACK_LATE, PLAN_LATE, REPORT_LATE}
    assert items[ACK_LATE].note == f"hạn sớm nhất {desk.today - DAY:%d/%m/%Y}"
    follow_every_link(client, items)


def test_due_today_is_not_overdue_due_yesterday_is(client, desk):
    """12-KH/TU's acknowledgement was due yesterday, 15-KH/TU's is due today; their plans the other
    way round. Each list holds the right one; once 15-KH/TU's was due yesterday too, both are overdue."""
    user = desk.tree.user("cell", 0, "officer")
    items = card(client, user)
    assert numbers(rows_behind(client, items[ACK_LATE].url)[1]) == ["12-KH/TU"]
    assert numbers(rows_behind(client, items[ACK_DUE].url)[1]) == ["15-KH/TU"]
    assert numbers(rows_behind(client, items[PLAN_LATE].url)[1]) == ["15-KH/TU"]
    assert numbers(rows_behind(client, items[PLAN_DUE].url)[1]) == ["12-KH/TU"]
    assert numbers(rows_behind(client, items[REPORT_LATE].url)[1]) == ["15-KH/TU"]
    assert numbers(rows_behind(client, items[REPORT_DUE].url)[1]) == ["12-KH/TU"]

    Dispatch.objects.filter(pk=desk.dispatch("15-KH/TU", "cell").pk).update(ack_due=desk.today - DAY)
    items = card(client, user)
    assert ACK_DUE not in items and figures(items)[ACK_LATE] == (2, "late")
    follow_every_link(client, items)


def test_an_answer_is_news_for_thirty_days_for_the_cell_that_asked(client, desk):
    """Cell 0's answer of five days ago shows, its answer of 31 days ago does not; cell 1's answer of
    yesterday is cell 1's news, not cell 0's."""
    items = card(client, desk.tree.user("cell", 0, "officer"))
    _shown, rows = rows_behind(client, items[ANSWERED].url)
    assert [r.dispatch.organisation for r in rows] == [desk.tree.org("cell", 0)]
    assert rows[0].answered_at > timezone.now() - 30 * DAY
    assert figures(card(client, desk.tree.user("cell", 1, "officer"))) == {ANSWERED: (1, "neutral")}

    DifficultyReport.objects.filter(dispatch__organisation=desk.tree.org("cell", 1)).update(
        answered_at=timezone.now() - 31 * DAY)
    client.force_login(desk.tree.user("cell", 1, "officer"))
    page = client.get("/").content.decode()
    assert NOTHING in page and "pending-item" not in page


def test_a_viewer_who_cannot_act_has_nothing_waiting(client, desk):
    client.force_login(desk.tree.user("cell", 0, "viewer"))
    page = client.get("/").content.decode()
    assert "Việc cần làm" in page and NOTHING in page


# --- A provincial agency ------------------------------------------------------------------------

def test_an_agency_sees_what_was_addressed_to_it(client, desk):
    items = card(client, desk.tree.user("agency", 0, "officer"))
    assert figures(items) == {ACK_LATE: (1, "late"), PLAN_DUE: (1, "soon"), REPORT_DUE: (1, "soon")}
    follow_every_link(client, items)


# --- A commune committee ------------------------------------------------------------------------

def test_a_commune_sees_minutes_re_runs_recognitions_and_its_letters_on_its_dashboard(client, desk):
    tree = desk.tree
    user = tree.user("commune", 0, "officer")
    client.force_login(user)
    assert "Tiến độ bầu cử" in client.get("/").content.decode()  # the dashboard is its home page
    items = card(client, user)
    assert figures(items) == {
        RECOGNITION_LATE: (1, "late"), LETTERS_LATE: (1, "late"),
        MINUTES: (1, "soon"), RERUNS: (1, "soon"), RECOGNITION: (1, "soon"), LETTERS_SOON: (1, "soon"),
        ACK_DUE: (2, "soon"), PLAN_DUE: (2, "soon"), REPORT_DUE: (2, "soon"),
    }
    follow_every_link(client, items)
    late, on_time, rerun = desk.extra_hamlets
    assert rows_behind(client, items[MINUTES].url)[1] == [tree.hamlets[0]]  # met yesterday; hamlet 1 meets today
    assert rows_behind(client, items[RECOGNITION_LATE].url)[1] == [late]
    assert rows_behind(client, items[RECOGNITION].url)[1] == [on_time]
    assert rows_behind(client, items[RERUNS].url)[1] == [rerun]
    letters_late, letters_soon = (rows_behind(client, items[x].url)[1] for x in (LETTERS_LATE, LETTERS_SOON))
    assert [c.due_on for c in letters_late] == [desk.today - DAY]
    assert [c.due_on for c in letters_soon] == [desk.today]  # due today: soon, not overdue


def test_minutes_are_due_once_the_meeting_day_has_passed(client, desk):
    user = desk.tree.user("commune", 0, "officer")
    assert figures(card(client, user))[MINUTES] == (1, "soon")
    HamletElection.objects.filter(election=desk.election, hamlet=desk.tree.hamlets[1]).update(
        election_date=desk.today - DAY)  # hamlet 1 met yesterday too
    items = card(client, user)
    assert figures(items)[MINUTES] == (2, "soon")
    assert rows_behind(client, items[MINUTES].url)[0] == 2


def test_a_letter_handled_by_a_colleague_is_not_on_the_officers_desk(client, desk):
    tree = desk.tree
    colleague = tree.user("commune", 0, "leader")
    assert figures(card(client, colleague))[LETTERS_LATE] == (1, "late")  # a leader sees the commune's letters
    other = tree.user("commune", 1, "officer")
    assert LETTERS_LATE not in card(client, other) and LETTERS_SOON not in card(client, other)


# --- A district committee -----------------------------------------------------------------------

def test_a_district_leader_decides_exceptions_and_sees_only_its_own_districts_letters(client, desk):
    tree = desk.tree
    items = card(client, tree.user("district", 0, "leader"))
    assert figures(items) == {
        LETTERS_LATE: (1, "late"),
        OWN_LIST: (1, "soon"), LETTERS_SOON: (1, "soon"),
        ACK_DUE: (2, "soon"), PLAN_DUE: (2, "soon"), REPORT_DUE: (2, "soon"),
        EXCEPTIONS: (1, "progress"),
    }
    assert items[OWN_LIST].note == f"hạn giới thiệu nhân sự {desk.today + 10 * DAY:%d/%m/%Y}"
    follow_every_link(client, items)
    hamlets = [row.hamlet_election.hamlet for row in rows_behind(client, items[EXCEPTIONS].url)[1]]
    assert hamlets == [tree.hamlets[0]]
    assert [c.hamlet for c in rows_behind(client, items[LETTERS_LATE].url)[1]] == [tree.hamlets[0]]

    # District 1 submitted its list: nothing of nomination waits there, and its own late letter only.
    items = card(client, tree.user("district", 1, "leader"))
    assert OWN_LIST not in items and EXCEPTIONS not in items
    assert [c.hamlet for c in rows_behind(client, items[LETTERS_LATE].url)[1]] == [tree.hamlets[4]]


def test_an_officer_of_the_district_prepares_the_list_but_does_not_decide(client, desk):
    items = card(client, desk.tree.user("district", 0, "officer"))
    assert OWN_LIST in items and EXCEPTIONS not in items


def test_the_list_is_late_once_the_nomination_deadline_has_passed(client, desk):
    user = desk.tree.user("district", 0, "leader")
    Election.objects.filter(pk=desk.election.pk).update(nomination_deadline=desk.today)
    assert figures(card(client, user))[OWN_LIST] == (1, "soon")
    Election.objects.filter(pk=desk.election.pk).update(nomination_deadline=desk.today - DAY)
    item = card(client, user)[OWN_LIST]
    assert (item.badge, item.word) == ("late", "Quá hạn")


# --- The provincial office ----------------------------------------------------------------------

def test_the_office_reviews_submitted_lists_and_answers_difficulties(client, desk):
    tree = desk.tree
    items = card(client, tree.user("office", 0, "officer"))
    assert figures(items) == {TO_REVIEW: (1, "progress"), TO_ANSWER: (1, "progress")}
    follow_every_link(client, items)
    assert [nominee_list.unit for nominee_list in rows_behind(client, items[TO_REVIEW].url)[1]] == [tree.districts[1]]
    leader = card(client, tree.user("office", 0, "leader"))
    assert figures(leader)[LETTERS_LATE] == (2, "late")  # the province's leader: every district's
    follow_every_link(client, leader)


def test_an_administrator_sees_the_card_on_the_plain_home_page(client, desk, admin_user):
    client.force_login(admin_user)
    page = client.get("/").content.decode()
    assert "Việc cần làm" in page
    items = card(client, admin_user)
    assert figures(items) == {TO_REVIEW: (1, "progress"), TO_ANSWER: (1, "progress")}
    follow_every_link(client, items)
