"""Inline SVG charts drawn by our own code: no chart library, nothing fetched, works offline, and
WeasyPrint renders the same markup in the PDF. SVG attributes (not style attributes) carry the
geometry, so a strict Content-Security-Policy has nothing to object to."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from common.numbers import percent_display


def bar_chart(items: list[tuple[str, float | None]], *, title: str = "", width: int = 640, bar_height: int = 18,
              gap: int = 7, label_width: int = 200, font: str = "serif", font_size: int = 12) -> str:
    """Horizontal bars of percentages (0-100), one per (label, value); None draws no bar."""
    value_width = 60
    plot = width - label_width - value_width
    top = 22 if title else 4
    height = top + len(items) * (bar_height + gap) + 18
    parts = [format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{}" height="{}" viewBox="0 0 {} {}" '
        'role="img" aria-label="{}" font-family="{}" font-size="{}">', width, height, width, height, title, font,
        font_size)]
    if title:
        parts.append(format_html('<text x="0" y="14" font-weight="bold">{}</text>', title))
    for tick in (0, 25, 50, 75, 100):
        x = label_width + plot * tick / 100
        parts.append(format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#bbbbbb" stroke-width="0.6"/>',
                                 f"{x:.1f}", top, f"{x:.1f}", height - 16))
        parts.append(format_html('<text x="{}" y="{}" text-anchor="middle" font-size="{}">{}%</text>',
                                 f"{x:.1f}", height - 4, font_size - 2, tick))
    for index, (label, value) in enumerate(items):
        y = top + index * (bar_height + gap)
        parts.append(format_html('<text x="{}" y="{}" text-anchor="end">{}</text>', label_width - 6,
                                 f"{y + bar_height * 0.72:.1f}", label))
        if value is not None:
            bar = max(plot * min(value, 100) / 100, 0.5)
            parts.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="#8b1a1a"/>', label_width, y,
                                     f"{bar:.1f}", bar_height))
        parts.append(format_html('<text x="{}" y="{}">{}</text>', f"{label_width + plot + 6:.1f}",
                                 f"{y + bar_height * 0.72:.1f}", percent_display(value)))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - constant markup
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every piece built with format_html


def rate_bar(value: float | None, *, width: int = 120, height: int = 14, label: str = "") -> str:
    """A small bar for a table cell: the share filled, the figure beside it in the cell's text."""
    filled = 0 if value is None else width * min(max(value, 0), 100) / 100
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="rate-bar" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'role="img" aria-label="{label}"><rect x="0" y="0" width="{w}" height="{h}" fill="#e3e8ee"/>'
        '<rect x="0" y="0" width="{f}" height="{h}" fill="#1f5fa8"/></svg>',
        w=width, h=height, f=f"{filled:.1f}", label=escape(label or percent_display(value)),
    )
