"""Badges for letters: the status colour and the deadline word (never colour alone); a hamlet with its
commune."""

from django import template
from django.utils.translation import gettext as _

from complaints.forms import hamlet_label

register = template.Library()

TONES = {
    "received": "neutral", "classified": "progress", "check_requested": "soon", "accepted": "progress",
    "verifying": "progress", "extended": "soon", "concluded": "progress", "notified": "progress",
    "closed": "done", "not_processed": "neutral",
}


@register.filter
def with_commune(hamlet) -> str:
    """"Ấp 1, xã Trung Hòa": hamlet names repeat across communes (select_related the parent)."""
    return hamlet_label(hamlet)


@register.inclusion_tag("includes/status_badge.html")
def status_badge(complaint):
    return {"tone": TONES.get(complaint.status, "neutral"), "label": complaint.get_status_display()}


@register.inclusion_tag("includes/status_badge.html")
def due_badge(urgency):
    if urgency == "late":
        return {"tone": "late", "label": _("Overdue")}
    if urgency == "soon":
        return {"tone": "soon", "label": _("Due soon")}
    return {"tone": "", "label": ""}
