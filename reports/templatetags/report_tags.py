from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from common.numbers import percent_display
from directives.assignments.rules import figure as written_figure

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
def figure(value):
    """A reported figure, decimals kept: 1240 -> "1.240", 1234.5 -> "1.234,5"."""
    return written_figure(value)


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key, "")


@register.simple_tag
def serious_incident_list(items, serious, limit=5):
    """The report's list of serious incidents (`ReportData.serious_incidents`, latest first), at most
    `limit` named: "Ấp 2, Xã Trung Hòa: an ninh, trật tự, 01/09/2024, đã giải quyết; …; và 3 vụ khác"."""
    parts = [_("%(place)s: %(kind)s, %(day)s, %(state)s") % {
        "place": i["place"], "kind": i["kind"].lower(), "day": i["occurred"].strftime("%d/%m/%Y"),
        "state": _("resolved") if i["resolved"] else _("not yet resolved")} for i in items[:limit]]
    if parts and serious > len(parts):
        parts.append(_("and %(n)s more") % {"n": serious - len(parts)})
    return "; ".join(parts)
