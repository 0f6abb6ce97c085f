"""Directives (văn bản chỉ đạo), one dispatch per recipient organisation, difficulty reports and
the reminder log.

A directive is registered by the provincial office and sent to its addressees; where it is to be
deployed downward, a district committee forwards it to its commune committees and a commune to
its hamlet party cells. Each forwarded dispatch links to the one it came from, so the province
sees acknowledgement down to every cell (domain-rules §6.7).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.text import nfc
from territory.scoping import ScopedQuerySet


class DirectiveType(models.TextChoices):
    OFFICIAL_LETTER = "cong_van", _("Official letter (công văn)")
    PLAN = "ke_hoach", _("Plan (kế hoạch)")
    GUIDANCE = "huong_dan", _("Guidance (hướng dẫn)")
    NOTICE = "thong_bao", _("Notice (thông báo)")
    DIRECTIVE = "chi_thi", _("Directive (chỉ thị)")
    RESOLUTION = "nghi_quyet", _("Resolution (nghị quyết)")
    CONCLUSION = "ket_luan", _("Conclusion (kết luận)")
    DECISION = "quyet_dinh", _("Decision (quyết định)")
    REGULATION = "quy_dinh", _("Regulation (quy định)")
    RULES = "quy_che", _("Rules (quy chế)")
    REPORT = "bao_cao", _("Report (báo cáo)")
    SUBMISSION = "to_trinh", _("Submission (tờ trình)")
    SCHEME = "de_an", _("Scheme (đề án)")
    PROGRAMME = "chuong_trinh", _("Programme (chương trình)")
    MINUTES = "bien_ban", _("Minutes (biên bản)")
    OTHER = "khac", pgettext_lazy("directives", "Other")


# The type abbreviation inside an official number and the type it stands for (HD 36-HD/VPTW).
TYPE_BY_ABBREVIATION = {
    "CV": DirectiveType.OFFICIAL_LETTER, "KH": DirectiveType.PLAN, "HD": DirectiveType.GUIDANCE,
    "TB": DirectiveType.NOTICE, "CT": DirectiveType.DIRECTIVE, "NQ": DirectiveType.RESOLUTION,
    "KL": DirectiveType.CONCLUSION, "QĐ": DirectiveType.DECISION, "QĐi": DirectiveType.REGULATION,
    "QC": DirectiveType.RULES, "BC": DirectiveType.REPORT, "TTr": DirectiveType.SUBMISSION,
    "ĐA": DirectiveType.SCHEME, "CTr": DirectiveType.PROGRAMME, "BB": DirectiveType.MINUTES,
    "TT": DirectiveType.OTHER,
}
NUMBER_PATTERN = re.compile(
    r"^(?P<n>\d+)-(?P<type>" + "|".join(sorted(TYPE_BY_ABBREVIATION, key=len, reverse=True))
    + r")/(?P<issuer>[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*)$"
)


class IssuerKind(models.TextChoices):
    """Who issued the document: the Party (numbers per Hướng dẫn 36-HD/VPTW, "3321-CV/TU") or a state
    or Front body, whose guidance carries the procedure (numbers per Nghị định 30/2020/NĐ-CP,
    "15/HD-SNV", "120/KH-UBND"); issue 21 point 4."""

    PARTY = "party", _("Party committee or body")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee (UBND)")
    DEPARTMENT = "department", _("Department or state agency (Sở, ban, ngành)")
    FRONT = "front", _("Fatherland Front (Mặt trận Tổ quốc)")


# The state type abbreviations (Nghị định 30/2020/NĐ-CP, Phụ lục III) and the type each stands for;
# a state letter (công văn) has none: "45/SNV-XDCQ" (number / issuer-drafting unit).
STATE_TYPE_BY_ABBREVIATION = {
    "NQ": DirectiveType.RESOLUTION, "QĐ": DirectiveType.DECISION, "CT": DirectiveType.DIRECTIVE,
    "QC": DirectiveType.RULES, "QyĐ": DirectiveType.REGULATION, "TB": DirectiveType.NOTICE,
    "HD": DirectiveType.GUIDANCE, "CTr": DirectiveType.PROGRAMME, "KH": DirectiveType.PLAN,
    "ĐA": DirectiveType.SCHEME, "BC": DirectiveType.REPORT, "BB": DirectiveType.MINUTES,
    "TTr": DirectiveType.SUBMISSION, **dict.fromkeys(
        ("TC", "PA", "DA", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "NĐ", "TT"),
        DirectiveType.OTHER),
}
STATE_NUMBER_PATTERN = re.compile(
    r"^(?P<n>\d+)/(?:(?P<year>\d{4})/)?(?:(?P<type>"
    + "|".join(sorted(STATE_TYPE_BY_ABBREVIATION, key=len, reverse=True))
    + r")-)?(?P<issuer>[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*)$"
)


def normalise_number(value: str) -> str:
    """NFC, no spaces, without a leading "Số" or "Số:": "Số 3321 - CV/TU" -> "3321-CV/TU"."""
    text = nfc(value)
    text = re.sub(r"^(số|so)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", "", text)


def number_match(value: str, issuer_kind: str = IssuerKind.PARTY):
    """The number's parts (n, type, issuer) in the style of its issuer, or None."""
    pattern = NUMBER_PATTERN if issuer_kind == IssuerKind.PARTY else STATE_NUMBER_PATTERN
    return pattern.match(normalise_number(value))


def type_of_number(match, issuer_kind: str = IssuerKind.PARTY) -> str:
    """The document type the number's abbreviation stands for (a state letter has none: công văn)."""
    if issuer_kind == IssuerKind.PARTY:
        return TYPE_BY_ABBREVIATION[match["type"]]
    return STATE_TYPE_BY_ABBREVIATION[match["type"]] if match["type"] else DirectiveType.OFFICIAL_LETTER


def validate_number(value: str, issuer_kind: str = IssuerKind.PARTY) -> None:
    """Official number and symbol: for the Party, number, dash, type abbreviation, slash, issuer
    (3321-CV/TU, HD 36-HD/VPTW); for a state or Front body, number, slash, type abbreviation, dash,
    issuer (15/HD-SNV, 120/KH-UBND; a letter without a type: 45/SNV-XDCQ; NĐ 30/2020)."""
    if number_match(value, issuer_kind):
        return
    if issuer_kind == IssuerKind.PARTY:
        raise ValidationError(
            _("“%(value)s” is not an official number and symbol: write the number, a dash, the type "
              "abbreviation (CV, KH, HD, TB, CT, NQ, KL, QĐ, QĐi, BC, TTr, ĐA, CTr…), a slash and the "
              "issuer's abbreviation, e.g. 3321-CV/TU."),
            code="invalid_number", params={"value": value},
        )
    raise ValidationError(
        _("“%(value)s” is not a state document number and symbol: write the number, a slash, the type "
          "abbreviation (KH, HD, QĐ, TB, CT, BC…), a dash and the issuer's abbreviation, e.g. 15/HD-SNV or "
          "120/KH-UBND; a letter has no type abbreviation, e.g. 45/SNV-XDCQ."),
        code="invalid_number", params={"value": value},
    )


class Depth(models.TextChoices):
    ADDRESSEES = "addressees", _("Addressees only")
    COMMUNES = "communes", _("Down to commune committees")
    CELLS = "cells", _("Down to hamlet party cells")


DEPTH_RANK = {Depth.ADDRESSEES: 0, Depth.COMMUNES: 1, Depth.CELLS: 2}


class Duties(models.TextChoices):
    """Who owes the plan and the report: 3321-CV/TU asks a plan of its addressees only, while a
    guidance may ask every cell to report."""

    ADDRESSEES = "addressees", _("The addressees only")
    EVERYONE = "everyone", _("Every recipient, down to the cells")


class DirectiveQuerySet(ScopedQuerySet):
    unit_path = "owner__unit"


class Directive(models.Model):
    issuer_kind = models.CharField(_("Party or state document"), max_length=20, choices=IssuerKind.choices,
                                   default=IssuerKind.PARTY)
    number = models.CharField(_("number and symbol"), max_length=40,
                              help_text=_("For example 3321-CV/TU, or for a state guidance 15/HD-SNV."))
    kind = models.CharField(_("type"), max_length=20, choices=DirectiveType.choices)
    issued_on = models.DateField(_("date issued"))
    issuer = models.CharField(_("issuing body"), max_length=200,
                              help_text=_("As printed on the document, e.g. Tỉnh ủy Tiền Giang, Ban Thường vụ."))
    owner = models.ForeignKey("accounts.Organisation", models.PROTECT, related_name="owned_directives",
                              verbose_name=_("registered by organisation"),
                              help_text=_("The provincial office that registered and tracks this directive."))
    summary = models.CharField(_("summary (trích yếu)"), max_length=500)
    body = models.TextField(_("full text"), blank=True)
    file = models.FileField(_("attached file"), upload_to="directives/%Y/%m/", blank=True, max_length=200)
    file_name = models.CharField(_("original file name"), max_length=200, blank=True)
    election = models.ForeignKey("elections.Election", models.SET_NULL, null=True, blank=True,
                                 related_name="directives",
                                 verbose_name=pgettext_lazy("directives", "election campaign"))
    plan_required = models.BooleanField(_("recipients must submit a plan"), default=False)
    plan_due = models.DateField(_("plan due"), null=True, blank=True)
    report_required = models.BooleanField(_("recipients must submit a report"), default=False)
    report_due = models.DateField(_("report due"), null=True, blank=True)
    ack_within_days = models.PositiveSmallIntegerField(_("acknowledge within (days)"), default=3)
    depth = models.CharField(_("deployment"), max_length=16, choices=Depth.choices, default=Depth.ADDRESSEES)
    duties = models.CharField(_("plan and report owed by"), max_length=16, choices=Duties.choices,
                              default=Duties.EVERYONE)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=pgettext_lazy("directives", "registered by"))
    registered_at = models.DateTimeField(pgettext_lazy("directives", "registered at"), default=timezone.now)

    objects = DirectiveQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "number", "issued_on"], name="directive_unique_number",
                violation_error_message=_("A directive with this number and date is already registered."),
            ),
            models.CheckConstraint(
                condition=Q(plan_required=False) | Q(plan_due__isnull=False), name="directive_plan_has_due_date",
                violation_error_message=_("Give the date the plan is due."),
            ),
            models.CheckConstraint(
                condition=Q(report_required=False) | Q(report_due__isnull=False),
                name="directive_report_has_due_date",
                violation_error_message=_("Give the date the report is due."),
            ),
        ]

    def __str__(self):
        return f"{self.number} · {self.summary}"

    def clean(self):
        self.number = normalise_number(self.number or "")
        self.summary = nfc(self.summary or "")
        self.issuer = nfc(self.issuer or "")
        self.body = (self.body or "").strip()
        try:  # the number's style follows its issuer (Party or state)
            validate_number(self.number, self.issuer_kind or IssuerKind.PARTY)
        except ValidationError as exc:
            raise ValidationError({"number": exc.error_list}) from None
        match = number_match(self.number, self.issuer_kind or IssuerKind.PARTY)
        expected = type_of_number(match, self.issuer_kind or IssuerKind.PARTY)
        if self.kind and expected not in (self.kind, DirectiveType.OTHER):
            raise ValidationError({"kind": _("The type does not match the abbreviation %(abbr)s in the number.")
                                   % {"abbr": match["type"]} if match["type"] else
                                   _("A state number without a type abbreviation is that of a letter (công văn).")})
        if not self.body and not self.file:
            raise ValidationError(_("Give the full text or attach the document file."))
        if self.plan_due and self.plan_due < self.issued_on:
            raise ValidationError({"plan_due": _("The plan cannot be due before the directive is issued.")})
        if self.report_due and self.report_due < self.issued_on:
            raise ValidationError({"report_due": _("The report cannot be due before the directive is issued.")})

    def allows_forwarding_to(self, level: str) -> bool:
        """Whether this directive is to be deployed down to `level` ("communes" or "cells")."""
        return DEPTH_RANK[self.depth] >= DEPTH_RANK[level]


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


class DifficultyStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("directives", "Open")
    ANSWERED = "answered", pgettext_lazy("directives", "Answered")
    CLOSED = "closed", pgettext_lazy("directives", "Closed")


class DifficultyReport(models.Model):
    """A difficulty (khó khăn, vướng mắc) a recipient reports to the Standing Committee through the office.

    It goes first to the organisation that forwarded the directive to the one raising it (a cell's to
    its commune committee, a commune's to its district committee), which answers it or passes it up;
    `handler` is who holds it now (empty: the registering office). An answer is due `answer_due`
    (DIFFICULTY_ANSWER_DAYS working days after it was raised); an open one past that date is escalated
    to the Standing Committee once (`escalated_at`), issue 21 point 4."""

    dispatch = models.ForeignKey(Dispatch, models.CASCADE, related_name="difficulties",
                                 verbose_name=_("dispatch"))
    text = models.TextField(_("difficulty"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("raised by"))
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    handler = models.ForeignKey("accounts.Organisation", models.PROTECT, null=True, blank=True,
                                related_name="difficulties_to_answer", verbose_name=_("to be answered by"),
                                help_text=_("Empty: the office that registered the directive."))
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated to the Standing Committee at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DifficultyStatus.choices,
                              default=DifficultyStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("closed by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("difficulty report")
        verbose_name_plural = _("difficulty reports")
        ordering = ["-raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DifficultyStatus.OPEN) | ~Q(answer="") | Q(status=DifficultyStatus.CLOSED),
                name="difficulty_answered_has_answer",
                violation_error_message=_("An answered difficulty must have an answer."),
            ),
        ]

    def __str__(self):
        return f"{self.dispatch} · {self.text[:60]}"


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



# The tasks of a directive and the recipients' reports on them live in their own package.
from .assignments.models import (  # noqa: E402, F401
    DirectiveTask,
    FieldKind,
    TaskField,
    TaskReport,
    TaskReportStatus,
    TaskReportValue,
)
