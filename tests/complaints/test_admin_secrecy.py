"""Issue 14 point 20: the denouncer's identity is seen by the handler and the approving leader only. A
superuser does not see it on the admin's pages; an administrator who must see it asks through the
logged reveal and says why."""

import pytest
from django.urls import reverse

from complaints.contributions import identity_access_rows
from complaints.models import IdentityAccessLog

from .conftest import SENDER, SENDER_ADDRESS, SENDER_ID, SENDER_PHONE, register

pytestmark = pytest.mark.django_db

SECRETS = (SENDER, SENDER_ADDRESS, SENDER_PHONE, SENDER_ID)


def shows_none(response) -> bool:
    text = response.content.decode()
    return not any(secret in text for secret in SECRETS)


def test_a_superuser_sees_no_identity_on_the_change_list_and_history_pages(world, client, admin_user):
    letter = register(world)
    client.force_login(admin_user)
    for url in (reverse("admin:complaints_complaint_change", args=[letter.pk]),
                reverse("admin:complaints_complaint_changelist"),
                reverse("admin:complaints_complaint_history", args=[letter.pk]),
                reverse("admin:complaints_identityaccesslog_changelist")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert shows_none(response), url
    change = client.get(reverse("admin:complaints_complaint_change", args=[letter.pk])).content.decode()
    assert letter.summary in change  # the page is the letter's, only the sender is missing
    assert reverse("admin:complaints_complaint_sender", args=[letter.pk]) in change
    assert not IdentityAccessLog.objects.exists()  # nothing was shown, nothing logged


def test_a_superuser_sees_the_sender_only_by_giving_a_reason_and_the_viewing_is_logged(world, client, admin_user):
    letter = register(world)
    url = reverse("admin:complaints_complaint_sender", args=[letter.pk])
    client.force_login(admin_user)

    asked = client.get(url)
    assert asked.status_code == 200 and shows_none(asked) and 'name="reason"' in asked.content.decode()
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 400 and shows_none(refused)
    assert not IdentityAccessLog.objects.exists()

    shown = client.post(url, {"reason": "Yêu cầu của Ủy ban kiểm tra Tỉnh ủy số 12/UBKT"})
    assert shown.status_code == 200
    assert all(secret in shown.content.decode() for secret in SECRETS)
    assert "no-cache" in shown["Cache-Control"] or "max-age=0" in shown["Cache-Control"]
    log = IdentityAccessLog.objects.get()
    assert (log.user, log.complaint_id, log.via) == (admin_user, letter.pk, "admin")
    assert log.reason == "Yêu cầu của Ủy ban kiểm tra Tỉnh ủy số 12/UBKT"
    # The personal-data audit export carries the reason beside the viewing.
    assert any(row[4] == letter.pk and "Ủy ban kiểm tra" in row[7] for row in identity_access_rows())


def test_staff_without_the_identity_permission_cannot_reveal_it_even_with_a_reason(world, client):
    from django.contrib.auth.models import Permission

    letter = register(world)
    client.force_login(letter.handler)  # not staff: the admin's page sends even the handler to its login
    response = client.get(reverse("admin:complaints_complaint_sender", args=[letter.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    staff = world.user("office", 0, "officer")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="view_complaint"))
    client.force_login(staff)
    response = client.post(reverse("admin:complaints_complaint_sender", args=[letter.pk]), {"reason": "Xem thử"})
    assert response.status_code == 403 and shows_none(response)
    assert not IdentityAccessLog.objects.exists()


def test_the_reveal_service_refuses_an_administrator_without_a_reason(world, admin_user):
    from django.core.exceptions import PermissionDenied, ValidationError

    from complaints import services

    letter = register(world)
    with pytest.raises(ValidationError):
        services.identity_reveal(complaint=letter, by=admin_user, via="admin", reason="")
    with pytest.raises(PermissionDenied):  # the portal page is not the administrator's way in
        services.identity_reveal(complaint=letter, by=admin_user, reason="Có lý do")
    assert not IdentityAccessLog.objects.exists()
    identity = services.identity_reveal(complaint=letter, by=letter.handler)  # the handler needs no reason
    assert identity.name == SENDER and IdentityAccessLog.objects.get().reason == ""
