"""The directive as received: one dispatch per recipient organisation, linked to the one it was
forwarded from, with its acknowledgement, plan and report; and one personal dispatch per member of the
Provincial Party Executive Committee addressed by name."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from territory.scoping import ScopedQuerySet

from .directive import Directive


class DispatchQuerySet(ScopedQuerySet):
    unit_path = "organisation__unit"


class Dispatch(models.Model):
    """The directive as received by one organisation. Overdue is derived, never stored."""

    directive = models.ForeignKey(Directive, models.CASCADE, related_name="dispatches",
                                  verbose_name=_("directive"))
    organisation = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="dispatches",
                                     verbose_name=_("recipient"))
    parent = models.ForeignKey("self", models.CASCADE, null=True, blank=True, related_name="children",
                               verbose_name=_("forwarded from"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("sent by"))
    delivered_at = models.DateTimeField(_("delivered at"), default=timezone.now)
    ack_due = models.DateField(_("acknowledgement due"))
    for_information = models.BooleanField(
        _("for information (để biết)"), default=False,
        help_text=_("Receipt only: the recipient acknowledges it and owes no plan, report or task."))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("acknowledged by"))
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=pgettext_lazy("directives", "forwarded by"))
    plan_due = models.DateField(_("plan due"), null=True, blank=True)
    plan_text = models.TextField(_("plan"), blank=True)
    plan_file = models.FileField(_("plan file"), upload_to="dispatches/%Y/%m/", blank=True, max_length=200)
    plan_file_name = models.CharField(_("plan file name"), max_length=200, blank=True)
    plan_submitted_at = models.DateTimeField(_("plan submitted at"), null=True, blank=True)
    plan_submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                          related_name="+", verbose_name=_("plan submitted by"))
    # Returned for completion ("yêu cầu bổ sung"): the submission is cleared, so the plan counts as
    # not submitted until it comes back; the last reason stays, and the history keeps every return.
    plan_returned_at = models.DateTimeField(_("plan returned at"), null=True, blank=True)
    plan_returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("plan returned by"))
    plan_return_reason = models.TextField(_("what to complete in the plan"), blank=True)
    report_due = models.DateField(_("report due"), null=True, blank=True)
    report_text = models.TextField(_("report"), blank=True)
    report_file = models.FileField(_("report file"), upload_to="dispatches/%Y/%m/", blank=True, max_length=200)
    report_file_name = models.CharField(_("report file name"), max_length=200, blank=True)
    report_submitted_at = models.DateTimeField(_("report submitted at"), null=True, blank=True)
    report_submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                            related_name="+", verbose_name=_("report submitted by"))
    report_returned_at = models.DateTimeField(_("report returned at"), null=True, blank=True)
    report_returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("report returned by"))
    report_return_reason = models.TextField(_("what to complete in the report"), blank=True)

    objects = DispatchQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["directive_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "organisation"], name="dispatch_one_per_recipient",
                violation_error_message=_("This organisation has already received this directive."),
            ),
            # "Để biết" (issue 21 point 4): receipt only, so nothing is ever due from the recipient and
            # every count of what is owed (rates, overdue, reminders, pending work) leaves it out.
            models.CheckConstraint(
                condition=Q(for_information=False) | Q(plan_due__isnull=True, report_due__isnull=True),
                name="dispatch_for_information_owes_nothing",
                violation_error_message=_("A dispatch sent for information owes no plan or report."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "directive"], name="dispatch_org_directive"),
            models.Index(fields=["directive", "acknowledged_at"], name="dispatch_directive_ack"),
        ]

    def __str__(self):
        return f"{self.directive.number} → {self.organisation}"

    # Display helpers: the same rules as the `with_overdue` selector annotation, on one row.
    def ack_overdue(self, today=None) -> bool:
        return self.acknowledged_at is None and self.ack_due < (today or timezone.localdate())

    def plan_overdue(self, today=None) -> bool:
        return bool(self.plan_due and self.plan_submitted_at is None
                    and self.plan_due < (today or timezone.localdate()))

    def report_overdue(self, today=None) -> bool:
        return bool(self.report_due and self.report_submitted_at is None
                    and self.report_due < (today or timezone.localdate()))

    def status(self, today=None) -> tuple[str, str]:
        """(tone, label) for the status badge: the standard colours, always with a word."""
        today = today or timezone.localdate()
        if self.ack_overdue(today) or self.plan_overdue(today) or self.report_overdue(today):
            return "late", _("Overdue")
        if self.acknowledged_at is None:
            return "neutral", pgettext_lazy("directives", "New")
        if self.plan_due and self.plan_submitted_at is None and self.plan_returned_at:
            return "soon", _("Plan returned for completion")
        if self.report_due and self.report_submitted_at is None and self.report_returned_at:
            return "soon", _("Report returned for completion")
        if self.plan_due and self.plan_submitted_at is None:
            return "soon", _("Plan due")
        if self.report_due and self.report_submitted_at is None:
            return "soon", _("Report due")
        if self.report_submitted_at or self.plan_submitted_at:
            return "done", pgettext_lazy("directives", "Done")
        return "done", _("Acknowledged")


class PersonalDispatch(models.Model):
    """The directive as received by one person addressed by name: a member of the Provincial Party
    Executive Committee ("Các đồng chí Tỉnh ủy viên", 3321-CV/TU's first addressees). For
    information: the person acknowledges receipt and owes no plan, report or task (issue 21 point 4)."""

    directive = models.ForeignKey(Directive, models.CASCADE, related_name="personal_dispatches",
                                  verbose_name=_("directive"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="personal_dispatches",
                               verbose_name=_("addressee"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("sent by"))
    delivered_at = models.DateTimeField(_("delivered at"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("personal dispatch")
        verbose_name_plural = _("personal dispatches")
        ordering = ["directive_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "person"], name="personal_dispatch_once",
                                    violation_error_message=_("This person has already received this directive.")),
        ]

    def __str__(self):
        return f"{self.directive.number} → {self.person}"
