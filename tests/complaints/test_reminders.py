"""The daily reminder to handlers: letters due within COMPLAINT_DUE_SOON_DAYS (the day before, the
day itself and the day after the threshold), and never twice a day to the same handler."""

import datetime

import pytest
from django.core import mail

from complaints import deadlines, services
from complaints.models import Complaint, HandlerReminder

from .conftest import SENDER, register

pytestmark = pytest.mark.django_db


def _due_in(letter, days: int) -> None:
    Complaint.objects.filter(pk=letter.pk).update(due_on=deadlines.today() + datetime.timedelta(days=days))


@pytest.mark.parametrize(("days", "reminded"), [(-1, 1), (2, 1), (3, 1), (4, 0)])
def test_a_handler_is_reminded_of_letters_due_within_the_due_soon_days(world, settings, days, reminded):
    settings.COMPLAINT_DUE_SOON_DAYS = 3
    letter = register(world)
    _due_in(letter, days)
    assert services.handlers_remind() == reminded
    assert HandlerReminder.objects.filter(handler=letter.handler).count() == reminded


def test_a_handler_is_reminded_once_a_day_without_the_sender(world, settings, django_capture_on_commit_callbacks):
    settings.COMPLAINT_DUE_SOON_DAYS = 3
    letter = register(world)
    letter.handler.email = "canbo@example.vn"
    letter.handler.save(update_fields=["email"])
    _due_in(letter, 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.handlers_remind() == 1
        assert services.handlers_remind() == 0
    assert [m.to for m in mail.outbox] == [["canbo@example.vn"]]
    assert letter.reference in mail.outbox[0].body
    assert "Ấp 99-0, xã Thử 99-0" in mail.outbox[0].body  # the hamlet with its commune: names repeat
    assert SENDER not in mail.outbox[0].body
