from django import template
from django.utils.html import conditional_escape, format_html

from common.numbers import percent_display

from ..charts import rate_bar as _rate_bar

register = template.Library()


@register.simple_tag
def rate_bar(value, label="", width=120):
    return _rate_bar(value, label=label, width=width)


@register.simple_tag
def linked(text, url=""):
    """`text` as a link to the list behind it (`reports.links`), or plain text where there is none."""
    return format_html('<a href="{}">{}</a>', url, text) if url else conditional_escape(text)


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
