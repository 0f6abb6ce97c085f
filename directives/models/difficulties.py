"""A difficulty a recipient reports about a dispatch, who holds it now, its answer and its state."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .dispatch import Dispatch


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
