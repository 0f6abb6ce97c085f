"""Letters about nominees and the election process (đơn thư): intake, classification, handling.

The sender's identity is held apart, encrypted, in `ComplainantIdentity`, with no audit history
(a history table would keep a readable copy). Workflow rules live in `complaints.services`.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.crypto import EncryptedTextField
from territory.scoping import ScopedQuerySet


class Kind(models.TextChoices):
    COMPLAINT = "khieu_nai", _("Complaint (khiếu nại)")
    DENUNCIATION = "to_cao", _("Denunciation (tố cáo)")
    PETITION = "kien_nghi", _("Petition (kiến nghị)")
    FEEDBACK = "phan_anh", _("Feedback (phản ánh)")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Handed in person")
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    FORWARDED = "forwarded", _("Forwarded by another body")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    CHECK_REQUESTED = "check_requested", _("Awaiting approval to check")
    ACCEPTED = "accepted", pgettext_lazy("complaints", "Accepted")  # thụ lý, not a list's "chấp nhận"
    VERIFYING = "verifying", _("Being verified")
    EXTENDED = "extended", _("Extended")
    CONCLUDED = "concluded", _("Concluded")
    NOTIFIED = "notified", _("Sender notified")
    CLOSED = "closed", _("Closed")
    NOT_PROCESSED = "not_processed", _("Not processed")


# States in which nothing more happens: the complaint no longer blocks anything.
FINAL_STATES = (Status.CLOSED, Status.NOT_PROCESSED)
OPEN_FILTER = ~Q(status__in=FINAL_STATES)


class RefusalGround(models.TextChoices):
    """Grounds on which a letter is not processed (QĐ 30-QĐ/TW Điều 32 k5 đ5.1.1, kept by
    QĐ 22-QĐ/TW and HD 02-HD/TW; Luật Tố cáo 2018 Điều 25 for anonymous letters). Which apply to
    which kind of letter: `complaints.services.intake.refusal_grounds`."""

    ANONYMOUS = "anonymous", _("Anonymous (no name given)")
    FALSE_NAME = "false_name", _("Under a false name")
    NO_ADDRESS = "no_address", _("No clear address")
    MULTIPLE_SIGNATORIES = "multiple_signatories", _("Signed by two or more people")
    NOT_SIGNED = "not_signed", _("Not signed in person")
    ALREADY_CONCLUDED = "already_concluded", _("Already concluded, no new evidence")
    OUTSIDE_REMIT = "outside_remit", _("Outside our remit (forwarded)")


# Grounds an officer may override to have a letter with clear, verifiable content checked anyway.
OVERRIDABLE_GROUNDS = frozenset({
    RefusalGround.ANONYMOUS, RefusalGround.FALSE_NAME, RefusalGround.NO_ADDRESS,
    RefusalGround.MULTIPLE_SIGNATORIES, RefusalGround.NOT_SIGNED,
})


class Complexity(models.TextChoices):
    """How complex a case is, recorded with its reason (NĐ 31/2019/NĐ-CP says what makes a
    denunciation complex: several places or contents to verify, many denouncers, a foreign element;
    especially complex: two of these at once)."""

    SIMPLE = "simple", _("Simple")
    COMPLEX = "complex", _("Complex")
    ESPECIALLY_COMPLEX = "especially_complex", _("Especially complex")


# Luật Tố cáo 2018 Điều 30: a denunciation's deadline is not extended when the case is simple, once
# when complex, twice when especially complex (each extension at most 30 days).
EXTENSIONS_BY_COMPLEXITY = {Complexity.SIMPLE: 0, Complexity.COMPLEX: 1, Complexity.ESPECIALLY_COMPLEX: 2}


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated")
    PARTLY = "partly", _("Partly substantiated")
    UNFOUNDED = "unfounded", _("Unfounded")


class ComplaintQuerySet(ScopedQuerySet):
    unit_path = "hamlet"


class Complaint(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    forwarded_by = models.CharField(_("forwarded by"), max_length=200, blank=True,
                                    help_text=_("The body that forwarded the letter, if any."))
    hamlet = models.ForeignKey("territory.Unit", models.PROTECT, related_name="complaints",
                               limit_choices_to={"level": 4}, verbose_name=_("hamlet"))
    hamlet_election = models.ForeignKey("elections.HamletElection", models.PROTECT, null=True, blank=True,
                                        related_name="complaints", verbose_name=_("hamlet election"))
    nominee = models.ForeignKey("candidates.Nominee", models.PROTECT, null=True, blank=True,
                                related_name="complaints", verbose_name=_("nominee concerned"))
    signatories = models.PositiveSmallIntegerField(
        _("number of signatories"), default=1, help_text=_("0 when the letter is unsigned."))
    signed_in_person = models.BooleanField(_("signed in person"), default=True)
    summary = models.CharField(_("summary"), max_length=300)
    search_summary = models.CharField(max_length=300, editable=False, db_index=True)
    content = models.TextField(_("content"), blank=True)
    complexity = models.CharField(
        _("complexity"), max_length=20, choices=Complexity.choices, default=Complexity.SIMPLE,
        help_text=_("A complex complaint has a longer resolution deadline; a complex denunciation may be "
                    "extended once, an especially complex one twice."))
    complexity_reason = models.TextField(_("reason for the complexity"), blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    refusal_grounds = models.JSONField(_("refusal grounds"), default=list, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    check_justification = models.TextField(_("justification for checking"), blank=True)
    check_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                           related_name="+", verbose_name=_("checking requested by"))

    handler = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                related_name="complaints_handled", verbose_name=_("handler"))
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                 related_name="complaints_approved", verbose_name=_("approving leader"))

    acceptance_due = models.DateField(_("acceptance due"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    resolution_due = models.DateField(_("resolution due"), null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    election_due = models.DateField(_("election deadline"), null=True, blank=True,
                                    help_text=_("Must be settled before the hamlet's nominee list is finalised."))
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True,
                              help_text=_("The nearest deadline of the current step."))

    outcome = models.CharField(_("conclusion"), max_length=16, choices=Outcome.choices, blank=True)
    conclusion_number = models.CharField(_("conclusion number"), max_length=60, blank=True)
    conclusion_date = models.DateField(_("conclusion date"), null=True, blank=True)
    notified_on = models.DateField(_("sender notified on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    effect_pending = models.BooleanField(
        _("effect on the nominee list pending"), default=False,
        help_text=_("A substantiated conclusion whose withdrawal or list return was refused and awaits "
                    "someone allowed to perform it."))

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("registered by"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComplaintQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_summary", "updated_at"])

    class Meta:
        verbose_name = _("letter (complaint or denunciation)")
        verbose_name_plural = _("letters (complaints and denunciations)")
        ordering = ["-received_on", "-pk"]
        permissions = [("view_identity", _("Can view the sender's identity"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(extensions__lte=2), name="complaint_at_most_two_extensions",
                violation_error_message=_("A deadline can be extended at most twice."),
            ),
            models.CheckConstraint(
                condition=~Q(status="extended") | Q(kind="to_cao"), name="complaint_only_denunciations_extended",
                violation_error_message=_("Only a denunciation's deadline can be extended."),
            ),
            models.CheckConstraint(
                condition=(Q(extensions=0) | Q(complexity="complex", extensions__lte=1)
                           | Q(complexity="especially_complex", extensions__lte=2)),
                name="complaint_extensions_follow_complexity",
                violation_error_message=_("A simple case is not extended, a complex one once, an especially "
                                          "complex one twice (Luật Tố cáo 2018, Điều 30)."),
            ),
            models.CheckConstraint(
                condition=Q(complexity="simple") | ~Q(complexity_reason=""), name="complaint_complexity_has_reason",
                violation_error_message=_("Say why the case is complex."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["concluded", "notified", "closed"]) | ~Q(outcome=""),
                name="complaint_concluded_has_outcome",
                violation_error_message=_("A concluded letter must record its conclusion."),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="complaint_status_due")]

    def __str__(self):
        return str(_("Letter %(ref)s") % {"ref": self.reference})

    @property
    def reference(self) -> str:
        return f"ĐT-{self.received_on:%Y}-{self.pk or 0:04d}" if self.received_on else f"ĐT-{self.pk or 0:04d}"

    @property
    def is_open(self) -> bool:
        return self.status not in FINAL_STATES


class ComplainantIdentity(models.Model):
    """Who sent the letter. Encrypted at rest; shown only to the handler and the approving leader
    (see `complaints.selectors.can_view_identity`); every viewing logged. No history on purpose."""

    complaint = models.OneToOneField(Complaint, models.CASCADE, related_name="identity",
                                     verbose_name=_("letter"))
    name = EncryptedTextField(_("sender's name"), blank=True)
    address = EncryptedTextField(_("sender's address"), blank=True)
    phone = EncryptedTextField(_("sender's phone"), blank=True)
    id_number = EncryptedTextField(_("sender's ID number"), blank=True)

    class Meta:
        verbose_name = _("sender's identity")
        verbose_name_plural = _("senders' identities")
        default_permissions = ()

    def __str__(self):
        # Never the name: this string reaches logs, admin messages and error pages.
        return str(_("Identity of the sender of letter #%(pk)s") % {"pk": self.complaint_id})

    def __repr__(self):
        return f"<ComplainantIdentity complaint={self.complaint_id}>"

    @property
    def is_named(self) -> bool:
        return bool(self.name.strip())

    @property
    def has_address(self) -> bool:
        return bool(self.address.strip())


class IdentityAccessLog(models.Model):
    """One row each time someone saw a sender's identity (page, admin or attachment), with the reason
    an administrator had to give."""

    class Via(models.TextChoices):
        PAGE = "page", _("Portal page")
        ADMIN = "admin", _("Administration")
        ATTACHMENT = "attachment", _("Scanned letter")

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="identity_views",
                                  verbose_name=_("letter"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("user"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    via = models.CharField(_("via"), max_length=16, choices=Via.choices, default=Via.PAGE)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("identity viewing")
        verbose_name_plural = _("identity viewings")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} · {self.complaint_id} · {self.at:%d/%m/%Y %H:%M}"


class ComplaintEvent(models.Model):
    """The timeline: one row per step, who and when; the internal note is kept apart from the
    message sent to the sender."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="events", verbose_name=_("letter"))
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    message_to_sender = models.TextField(_("message to the sender"), blank=True)
    effect = models.TextField(_("effect on the election"), blank=True)

    class Meta:
        verbose_name = _("handling step")
        verbose_name_plural = _("handling steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.complaint_id}: {self.from_status} → {self.to_status}"


def attachment_path(instance, filename: str) -> str:
    # A random name: the sender's name must not leak through the file name.
    return f"complaints/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Attachment(models.Model):
    """A scan of the letter. It shows the sender's handwriting, so it is as confidential as the
    identity and is served only through a permission-checked, logged view."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="attachments", verbose_name=_("letter"))
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scanned letter")
        verbose_name_plural = _("scanned letters")
        ordering = ["pk"]

    def __str__(self):
        return str(_("Scan #%(pk)s") % {"pk": self.pk})


class HandlerReminder(models.Model):
    """One row per handler per day reminded, so the daily job never reminds twice a day."""

    handler = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+",
                                verbose_name=_("handler"))
    sent_on = models.DateField(_("sent on"))
    complaints = models.PositiveIntegerField(_("letters listed"))

    class Meta:
        verbose_name = _("handler reminder")
        verbose_name_plural = _("handler reminders")
        constraints = [
            models.UniqueConstraint(fields=["handler", "sent_on"], name="complaint_reminder_once_a_day",
                                    violation_error_message=_("This handler was already reminded today.")),
        ]

    def __str__(self):
        return f"{self.handler} · {self.sent_on:%d/%m/%Y}"
