from django import template

from common.numbers import percent_display

from ..charts import rate_bar as _rate_bar

register = template.Library()


@register.simple_tag
def rate_bar(value, label=""):
    return _rate_bar(value, label=label)


register.filter("percent", percent_display)  # the one percentage display, also `{% load numbers %}`


@register.filter
def number(value):
    """1234567 -> "1.234.567" (Vietnamese grouping)."""
    if value is None or value == "":
        return "–"
    return f"{int(value):,}".replace(",", ".")


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key, "")
