"""Display of figures: `{% load numbers %}{{ rate|percent }}` -> "52,4%" (Vietnamese) or "52.4%"."""

from django import template

from common.numbers import percent_display

register = template.Library()
register.filter("percent", percent_display)
