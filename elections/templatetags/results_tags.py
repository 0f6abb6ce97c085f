"""Display helpers for the result pages: the status colour and the label of what is missing."""

from django import template
from django.utils.translation import gettext_lazy as _

from elections.models import ResultStatus

register = template.Library()

TONES = {
    ResultStatus.PLANNED: "neutral",
    ResultStatus.ELECTED: "progress",
    ResultStatus.RERUN_REQUIRED: "late",
    ResultStatus.RERUN_SCHEDULED: "soon",
    ResultStatus.RECOGNISED: "done",
    ResultStatus.ACTING_HEAD: "soon",
}
MISSING = {
    "milestones": _("preparation milestones"),
    "minutes": _("minutes"),
    "recognition": _("recognition decision"),
}


@register.filter
def status_tone(status: str) -> str:
    return TONES.get(status, "neutral")


@register.filter
def missing_label(key: str) -> str:
    return MISSING.get(key, key)
