from django import template
from django.template.loader import render_to_string

from common.numbers import percent

register = template.Library()


@register.simple_tag
def dispatch_badge(dispatch, today=None):
    """The dispatch's status as the standard badge: colour and word."""
    tone, label = dispatch.status(today)
    return render_to_string("includes/status_badge.html", {"tone": tone, "label": label})


@register.inclusion_tag("directives/includes/rate.html")
def rate(part, whole):
    return {"part": part, "whole": whole, "pct": percent(part, whole)}


DIFFICULTY_TONES = {"open": "soon", "answered": "progress", "closed": "done"}


@register.filter
def difficulty_tone(status):
    return DIFFICULTY_TONES.get(status, "neutral")


@register.filter
def figure(value):
    """A reported figure the Vietnamese way (1.240; 1.234,5)."""
    from ..assignments.rules import figure as written

    return written(value)


TASK_TONES = {"submitted": "progress", "returned": "soon", "accepted": "done"}


@register.filter
def task_tone(status):
    return TASK_TONES.get(status, "neutral")


@register.filter
def index(sequence, position):
    return sequence[position]
