"""The reminder log: each reminder sent about a dispatch, and the day's claim on a recipient that keeps
it to one reminder a day per organisation."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .dispatch import Dispatch


class ReminderKind(models.TextChoices):
    ACKNOWLEDGE = "ack", _("Not acknowledged")
    PLAN = "plan", _("Plan overdue")
    REPORT = "report", _("Report overdue")


class ReminderChannel(models.TextChoices):
    PORTAL = "portal", _("In the portal")
    EMAIL = "email", _("In the portal and by e-mail")


class Reminder(models.Model):
    dispatch = models.ForeignKey(Dispatch, models.CASCADE, related_name="reminders", verbose_name=_("dispatch"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField(pgettext_lazy("directives", "sent on"))
    channel = models.CharField(pgettext_lazy("directives", "channel"), max_length=10, choices=ReminderChannel.choices,
                               default=ReminderChannel.PORTAL)
    created_at = models.DateTimeField(pgettext_lazy("directives", "created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_on", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "kind", "sent_on"], name="reminder_once_a_day",
                violation_error_message=_("This reminder was already sent today."),
            ),
        ]

    def __str__(self):
        return f"{self.dispatch} · {self.get_kind_display()} · {self.sent_on}"


class ReminderDelivery(models.Model):
    """The day's claim on a recipient: at most one reminder a day per organisation, even when two
    reminder runs start at the same moment (the unique row is taken by exactly one of them; the run
    that took it writes the reminders and sends the e-mail)."""

    organisation = models.ForeignKey("accounts.Organisation", models.CASCADE, related_name="reminder_deliveries",
                                     verbose_name=_("organisation"))
    sent_on = models.DateField(pgettext_lazy("directives", "sent on"))
    run = models.UUIDField(_("reminder run"), editable=False)
    created_at = models.DateTimeField(pgettext_lazy("directives", "created at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "sent_on"], name="reminder_delivery_once_a_day",
                                    violation_error_message=_("This organisation was already reminded today.")),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.sent_on}"
