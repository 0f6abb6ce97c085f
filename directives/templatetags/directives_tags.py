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
