"""Monitoring charts drawn on the server as SVG: no script, nothing from another origin.

Each drawing is titled and described for screen readers (`role="img"`) and comes with the
table of its data, which the page shows beside it. Colours are SVG presentation
attributes, never `style` (the Content-Security-Policy refuses inline styles); a target is
a dashed line, told apart without colour. The shapes (Chart, Series, Bar, line_chart,
bar_chart) are those of the engagement charts: Series, Bar and Chart are kit.charts' own."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kit.charts import Bar, Chart, Series

# Narrow enough that 11–12 px text stays legible on a phone, where the drawing shrinks to fit.
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 420, 200, 44, 12, 14, 30
INK, MUTED, GRID, LINE, TARGET = "#1d2330", "#535c6b", "#dde2ea", "#1f4e99", "#a34f00"
Number = int | float | Decimal


def number(value: Number) -> str:
    """A value as people read it: whole numbers bare, others to two decimals at most."""
    text = f"{Decimal(str(value)).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _at(value: float) -> str:
    """A coordinate, to a tenth of a unit."""
    return f"{value:.1f}"


def _svg(key: str, title: str, description: str, height: int, parts: Sequence[str]) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        WIDTH, height, key, key, key, title, key, description, format_html_join("", "{}", ((p,) for p in parts)),
    )


def line_chart(
    *, key: str, title: str, description: str, labels: Sequence[str], series: Sequence[Series], top: Number,
    unit: str = "", reference: tuple[str, Number] | None = None,
) -> Chart:
    """Values over ordered x `labels` (dates) from 0 to `top`; `reference` draws a named
    level across, dashed (the target)."""
    values = [float(v) for line in series for v in line.values.values()]
    top = max(float(top), float(reference[1]) if reference else 0.0, *values, 1.0)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)
    x_of = {label: LEFT + (i * step if len(labels) > 1 else plot_w / 2) for i, label in enumerate(labels)}

    def y(value: Number) -> str:
        return _at(TOP + plot_h - float(value) / top * plot_h)

    parts = [
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/><text x="{}" y="{}" font-size="11" fill="{}" text-anchor="end">{}</text>',
            LEFT, WIDTH - RIGHT, y(top * i / 4), y(top * i / 4), GRID, LEFT - 6, y(top * i / 4), MUTED, number(round(top * i / 4, 2)),
        )
        for i in range(5)
    ]
    shown = list(dict.fromkeys([*labels[:: max(1, len(labels) // 4)], *labels[-1:]]))
    parts += [
        format_html(
            '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="{}">{}</text>', _at(x_of[label]), HEIGHT - 10, MUTED,
            _anchor(label, labels), label,
        )
        for label in shown
    ]
    if reference:
        name, level = reference
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="8 4"/>'
            '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="end">{}</text>',
            LEFT, WIDTH - RIGHT, y(level), y(level), TARGET, WIDTH - RIGHT, _at(float(y(level)) - 5), TARGET, f"{name}: {number(level)} {unit}".strip(),
        ))
    for line in series:
        points = [(_at(x_of[label]), y(v), label, v) for label, v in line.values.items() if label in x_of]
        parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>', " ".join(f"{x},{yy}" for x, yy, _, _ in points), LINE))
        parts += [
            format_html('<circle cx="{}" cy="{}" r="4.5" fill="{}"><title>{}, {}: {} {}</title></circle>', x, yy, LINE, line.name, label, number(v), unit)
            for x, yy, label, v in points
        ]
    headers = ("", *(line.name for line in series))
    rows = tuple((label, *(f"{number(s.values[label])} {unit}".strip() if label in s.values else "—" for s in series)) for label in labels)
    return Chart(key, title, description, _svg(key, title, description, HEIGHT, parts), headers, rows)


def _anchor(label: str, labels: Sequence[str]) -> str:
    """The first and last x labels lean inwards, so neither is cut at the edge."""
    if len(labels) > 1 and label == labels[0]:
        return "start"
    return "end" if len(labels) > 1 and label == labels[-1] else "middle"


def bar_chart(*, key: str, title: str, description: str, bars: Sequence[Bar], value_header: str) -> Chart:
    """Horizontal bars from empty (0) to full (1), one a row, each labelled above."""
    row_h, width = 34, WIDTH - 8
    parts = []
    for i, bar in enumerate(bars):
        fraction, top = min(max(float(bar.fraction), 0.0), 1.0), 4 + i * row_h
        parts.append(format_html(
            '<text x="0" y="{}" font-size="12" fill="{}">{}</text><text x="{}" y="{}" font-size="12" fill="{}" text-anchor="end">{}</text>'
            '<rect x="0" y="{}" width="{}" height="10" rx="5" fill="{}"/><rect x="0" y="{}" width="{}" height="10" rx="5" fill="{}"/>',
            top + 11, INK, bar.label[:60], width, top + 11, MUTED, bar.shown, top + 16, width, GRID, top + 16, _at(width * fraction), LINE,
        ))
    svg = _svg(key, title, description, max(len(bars), 1) * row_h + 8, parts)
    return Chart(key, title, description, svg, ("", value_header), tuple((bar.label, bar.shown) for bar in bars))
