import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from complaints import services
from complaints.models import Complaint, IdentityAccessLog, Status

from .conftest import SENDER, SENDER_ADDRESS, SENDER_ID, SENDER_PHONE, register

pytestmark = pytest.mark.django_db

ROLES = ("viewer", "officer", "leader")


def login(client, user):
    client.force_login(user)
    return client


def all_users(world):
    users = {}
    for key, indexes in (("office", [0]), ("standing", [0]), ("agency", [0]), ("district", [0, 1]),
                         ("commune", [0, 1, 2]), ("cell", [0])):
        for index in indexes:
            for role in ROLES:
                users[f"{key}{index}.{role}"] = world.user(key, index, role)
    return users


# Who may open which page is the access matrix's (tests/access/expectations.py); here, what they see.

READERS_OF_HAMLET_0 = {"office0", "standing0", "district0", "commune0"}


def test_the_queue_lists_a_letter_exactly_to_the_readers_of_its_hamlet(world, client):
    letter = register(world)
    for name, user in all_users(world).items():
        response = login(client, user).get(reverse("complaints:queue"))
        if response.status_code == 200:
            org = name.split(".")[0]
            assert (letter.reference in response.content.decode()) == (org in READERS_OF_HAMLET_0), name


def test_a_commune_officer_registers_a_letter_through_the_form(world, client):
    officer = world.user("commune", 0, "officer")
    handler = world.user("district", 0, "officer")
    pdf = io.BytesIO(b"%PDF-1.4 scan of the letter")
    pdf.name = "don-cua-le-thi-bi-mat.pdf"
    response = login(client, officer).post(reverse("complaints:register"), {
        "kind": "to_cao", "channel": "in_person", "received_on": datetime.date.today().strftime("%d/%m/%Y"),
        "hamlet": world.tree.hamlets[0].pk, "nominee": world.nominees[0].pk, "signatories": 1,
        "signed_in_person": "on", "summary": "Tố cáo nhận tiền", "content": "Chi tiết",
        "handler": handler.pk, "sender_name": SENDER, "sender_address": SENDER_ADDRESS, "scans": [pdf],
    })
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert complaint.handler == handler and complaint.identity.name == SENDER
    scan = complaint.attachments.get()
    assert "le-thi" not in scan.file.name and scan.content_type == "application/pdf"


def test_the_intake_form_refuses_a_renamed_executable_and_writes_nothing(world, client):
    fake = io.BytesIO(b"MZ\x90\x00 not a scan")
    fake.name = "scan.pdf"
    response = login(client, world.user("commune", 0, "officer")).post(reverse("complaints:register"), {
        "kind": "to_cao", "channel": "post", "received_on": datetime.date.today().strftime("%d/%m/%Y"),
        "hamlet": world.tree.hamlets[0].pk, "signatories": 1, "summary": "x",
        "handler": world.user("district", 0, "officer").pk, "scans": [fake],
    })
    assert response.status_code == 200 and "PDF, JPEG" in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_handler_moves_a_letter_through_the_pages(world, client):
    letter = register(world)
    handler = letter.handler
    c = login(client, handler)
    for action, data in (("phan-loai", {}), ("thu-ly", {}), ("xac-minh", {}),
                         ("ket-luan", {"outcome": "unfounded", "conclusion_number": "3-KL/HU",
                                       "conclusion_date": datetime.date.today().strftime("%d/%m/%Y")}),
                         ("thong-bao", {"message_to_sender": "Đã gửi văn bản trả lời"}), ("dong", {})):
        data = {f"{action}-{k}": v for k, v in data.items()}
        response = c.post(reverse("complaints:act", args=[letter.pk, action]), data)
        assert response.status_code == 302, (action, response.content.decode()[:3000])
    letter.refresh_from_db()
    assert letter.status == Status.CLOSED


def test_a_step_not_open_to_the_user_is_refused(world, client):
    letter = register(world)
    response = login(client, world.user("district", 0, "leader")).post(
        reverse("complaints:act", args=[letter.pk, "phan-loai"]), {})
    assert response.status_code == 403
    response = login(client, letter.handler).post(reverse("complaints:act", args=[letter.pk, "ket-luan"]), {})
    assert response.status_code == 403


def test_a_step_with_bad_input_shows_the_errors(world, client):
    letter = register(world)
    c = login(client, letter.handler)
    c.post(reverse("complaints:act", args=[letter.pk, "phan-loai"]), {})
    c.post(reverse("complaints:act", args=[letter.pk, "thu-ly"]), {})
    c.post(reverse("complaints:act", args=[letter.pk, "xac-minh"]), {})
    response = c.post(reverse("complaints:act", args=[letter.pk, "ket-luan"]), {"ket-luan-outcome": "substantiated"})
    assert response.status_code == 400
    assert 'class="field__error"' in response.content.decode()


def test_a_leader_reassigns_the_handler(world, client):
    letter = register(world)
    new = world.user("commune", 0, "leader")
    response = login(client, world.user("district", 0, "leader")).post(
        reverse("complaints:act", args=[letter.pk, "phan-cong"]), {"phan-cong-handler": new.pk})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.handler == new


# --- confidentiality: one test per path ---------------------------------------------------------

def others(world, letter):
    """Every user except the handler and the approver (including admins without the permission)."""
    return [u for u in all_users(world).values() if u.pk not in (letter.handler_id, letter.approver_id)]


def assert_no_identity(body):
    text = body if isinstance(body, str) else body.decode("utf-8", "replace")
    for secret in (SENDER, SENDER_ADDRESS, SENDER_PHONE, SENDER_ID):
        assert secret not in text


def test_the_identity_page_is_for_the_handler_and_approver_only_and_logs_each_viewing(world, client):
    approver = world.user("district", 0, "leader")
    letter = register(world, approver=approver)
    url = reverse("complaints:identity", args=[letter.pk])
    for user in others(world, letter):
        response = login(client, user).get(url)
        assert response.status_code in (403, 404)
        assert_no_identity(response.content)
    assert not IdentityAccessLog.objects.exists()
    for user in (letter.handler, approver):
        response = login(client, user).get(url)
        assert response.status_code == 200 and SENDER in response.content.decode()
        assert response["Cache-Control"].startswith("max-age=0")
    assert list(IdentityAccessLog.objects.order_by("pk").values_list("user", "via")) == [
        (letter.handler.pk, "page"), (approver.pk, "page")]


def test_the_identity_never_shows_on_the_detail_page_of_other_users(world, client):
    letter = register(world)
    for user in others(world, letter):
        assert_no_identity(login(client, user).get(reverse("complaints:detail", args=[letter.pk])).content)
    # nor on the handler's own detail page (only the separate, logged page shows it)
    assert_no_identity(login(client, letter.handler).get(reverse("complaints:detail", args=[letter.pk])).content)


def test_the_identity_is_not_in_lists_or_search_results(world, client):
    register(world)
    for user in all_users(world).values():
        c = login(client, user)
        assert_no_identity(c.get(reverse("complaints:queue")).content)
        response = c.get(reverse("complaints:queue"), {"q": SENDER})
        if response.status_code == 200:  # the query is echoed in the search box; the results are empty
            results = response.content.decode().split('id="complaint-table"')[1]
            assert_no_identity(results)
            assert "ĐT-" not in results


def test_the_identity_is_not_in_the_export_or_the_overview(world, client):
    letter = register(world)
    for name, user in all_users(world).items():
        c = login(client, user)
        assert_no_identity(c.get(reverse("complaints:overview")).content)
        response = c.get(reverse("complaints:overview_export"))
        if response.status_code != 200:
            continue
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        cells = " ".join(str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v)
        assert_no_identity(cells)
        # The letter is listed (without its sender) exactly where its hamlet is read.
        assert (letter.reference in cells) == (name.split(".")[0] in READERS_OF_HAMLET_0), name


def test_the_identity_is_not_in_the_progress_summary(world):
    from complaints.selectors import complaint_summary

    register(world)
    summary = complaint_summary(world.user("office", 0, "officer"))
    assert summary["received"] == 1 and summary["pending"] == 1
    assert_no_identity(repr(summary))


def test_the_identity_is_not_in_the_timeline_or_the_history(world, client):
    letter = register(world)
    services.complaint_classify(complaint=letter, by=letter.handler)
    history_text = " ".join(repr(h.__dict__) for h in letter.history.all())
    assert_no_identity(history_text)
    admin = world.user("office", 0, "leader")
    admin.is_staff = True
    admin.save()
    from django.contrib.auth.models import Permission

    admin.user_permissions.add(Permission.objects.get(codename="view_complaint"))
    response = login(client, admin).get(reverse("admin:complaints_complaint_history", args=[letter.pk]))
    assert response.status_code == 200
    assert_no_identity(response.content)


def test_the_admin_pages_never_show_the_identity_even_with_the_permission(world, client, django_user_model):
    from django.contrib.auth.models import Permission

    letter = register(world)
    staff = world.user("office", 0, "officer")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_complaint", "view_identity"]))
    staff = django_user_model.objects.get(pk=staff.pk)
    url = reverse("admin:complaints_complaint_change", args=[letter.pk])
    c = login(client, staff)
    response = c.get(url)
    assert response.status_code == 200 and letter.summary in response.content.decode()
    assert_no_identity(response.content)
    assert reverse("admin:complaints_complaint_sender", args=[letter.pk]) in response.content.decode()
    found = c.get(reverse("admin:complaints_complaint_changelist"), {"q": SENDER}).content.decode()
    assert letter.reference not in found  # the identity is no search key (the query itself is echoed)
    assert letter.reference in c.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert not IdentityAccessLog.objects.exists()


def test_a_superuser_without_being_handler_does_not_see_the_identity_in_the_portal(world, client, admin_user):
    letter = register(world)
    c = login(client, admin_user)
    assert c.get(reverse("complaints:detail", args=[letter.pk])).status_code == 200
    assert c.get(reverse("complaints:identity", args=[letter.pk])).status_code == 403


def test_scans_are_served_only_to_the_handler_and_logged(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    letter = register(world, scans=[png])
    scan = letter.attachments.get()
    url = reverse("complaints:scan", args=[letter.pk, scan.pk])
    for user in others(world, letter):
        assert login(client, user).get(url).status_code in (403, 404)
    response = login(client, letter.handler).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert IdentityAccessLog.objects.get().via == "attachment"


def test_the_identity_does_not_reach_the_logs_when_a_page_fails(world, client, caplog):
    """An error while registering must not put the sender's details in the log records."""
    officer = world.user("commune", 0, "officer")
    with caplog.at_level("DEBUG"):
        login(client, officer).post(reverse("complaints:register"), {
            "kind": "to_cao", "channel": "post", "received_on": "99/99/2024", "hamlet": world.tree.hamlets[0].pk,
            "summary": "x", "sender_name": SENDER, "sender_address": SENDER_ADDRESS})
    assert_no_identity(caplog.text)
    assert_no_identity(repr(Complaint.objects.first()))


def test_the_identity_object_does_not_print_itself(world):
    letter = register(world)
    assert_no_identity(str(letter.identity) + repr(letter.identity))


def test_no_step_can_be_posted_by_anyone_but_the_right_person(world, client):
    from complaints.views import ACTIONS

    approver = world.user("district", 0, "leader")
    letter = register(world, approver=approver)
    for user in others(world, letter):
        for action in ACTIONS:
            if action == "phan-cong" and user.role == "leader" and user.organisation.kind in (
                    "provincial_office", "district_committee", "commune_committee") and \
                    user.organisation.unit.path in letter.hamlet.path:
                continue  # leaders over the hamlet may reassign
            response = login(client, user).post(reverse("complaints:act", args=[letter.pk, action]), {})
            assert response.status_code in (403, 404), (user.username, action)
            assert_no_identity(response.content)
    letter.refresh_from_db()
    assert letter.status == Status.RECEIVED and letter.events.count() == 1


def test_the_assign_form_preselects_the_current_handler_and_approver(world, client):
    letter = register(world)
    page = login(client, world.user("district", 0, "leader")).get(
        reverse("complaints:detail", args=[letter.pk])).content.decode()
    form = page.split('name="phan-cong-handler"', 1)[1].split("</select>", 1)[0]
    assert f'value="{letter.handler_id}" selected' in form
