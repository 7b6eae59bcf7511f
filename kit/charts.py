"""Charts drawn on the server as SVG: no script, no library, nothing from another origin.

Each chart carries a title and a description for screen readers (`role="img"` labelled by
both) and the table of its data, which the page shows beside it. Colours are SVG
presentation attributes, never `style` (the Content-Security-Policy refuses inline styles),
and series differ by line and marker shape as well as by colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kit.languages import babel_locale

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 18, 56
LEGEND_ROW = 20
INK, MUTED, GRID = "#1d2330", "#535c6b", "#dde2ea"
# (stroke, dash pattern, marker) per series in turn: told apart without colour too.
LOOKS = [("#1f4e99", "", "circle"), ("#a34f00", "6 4", "square"), ("#17522a", "2 3", "diamond")]
Number = int | float | Decimal


@dataclass(frozen=True)
class Series:
    """One line: its name (in the legend and the table) and a value for some of the x labels."""

    name: str
    values: dict[str, Number]


@dataclass(frozen=True)
class Bar:
    """One bar: a label, how full it is (0 to 1), and the value as a person reads it."""

    label: str
    fraction: Number
    shown: str


@dataclass(frozen=True)
class Chart:
    """A drawn chart and the table of the same data."""

    key: str
    title: str
    description: str
    svg: SafeString
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = field(default=())


def _number(value: Number) -> str:
    """A value as the table shows it: whole numbers bare, others with two decimals at most."""
    value = Decimal(str(value)).quantize(Decimal("0.01"))
    # In the reader's language ("2.5", "2,5"), without thousands separators, as before.
    return format_decimal(value, format="0.##", locale=babel_locale())


def _frame(key: str, title: str, description: str, body: str, *, height: int = HEIGHT, kind: str = "chart") -> SafeString:
    return format_html(
        '<svg class="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        kind, WIDTH, height, key, key, key, title, key, description, mark_safe(body),
    )


def _at(value: float) -> str:
    """A coordinate, to a tenth of a unit."""
    return f"{value:.1f}"


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    tip_tag = format_html("<title>{}</title>", tip)
    if shape == "square":
        return format_html('<rect x="{}" y="{}" width="8" height="8" fill="{}">{}</rect>', _at(x - 4), _at(y - 4), colour, tip_tag)
    if shape == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return format_html('<polygon points="{}" fill="{}">{}</polygon>', points, colour, tip_tag)
    return format_html('<circle cx="{}" cy="{}" r="4.5" fill="{}">{}</circle>', _at(x), _at(y), colour, tip_tag)


def line_chart(
    *,
    key: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    top: Number,
    unit: str = "",
    reference: tuple[str, Number] | None = None,
) -> Chart:
    """Lines over ordered x `labels` (dates, moments) from 0 to `top`; `reference` draws a
    named level across (e.g. the planned hours)."""
    top = max(float(top), float(reference[1]) if reference else 0, *(float(v) for s in series for v in s.values.values()), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)
    x_of = {label: LEFT + (i * step if len(labels) > 1 else plot_w / 2) for i, label in enumerate(labels)}

    def y(value: Number) -> float:
        return TOP + plot_h - float(value) / top * plot_h

    parts = [_axes(top, y), _x_labels(_sparse(labels), x_of)]
    if reference:
        name, level = reference
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="8 4"/>'
            '<text x="{}" y="{}" font-size="13" fill="{}" text-anchor="end">{}</text>',
            LEFT, WIDTH - RIGHT, _at(y(level)), _at(y(level)), INK, WIDTH - RIGHT, _at(y(level) - 5), INK, _labelled(name, _number(level) + unit),
        ))
    for index, line in enumerate(series):
        colour, dash, shape = LOOKS[index % len(LOOKS)]
        points = [(x_of[label], y(line.values[label]), label) for label in labels if label in line.values]
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _label in points)
        parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>', path, colour, dash or "none"))
        parts += [_marker(shape, x, yy, colour, _labelled(f"{line.name}, {label}", _number(line.values[label]) + unit)) for x, yy, label in points]
        parts.append(_legend(index, line.name, colour, dash, shape))
    headers = ("", *(s.name for s in series))
    rows = tuple((label, *(_number(s.values[label]) + unit if label in s.values else "—" for s in series)) for label in labels)
    height = HEIGHT + (len(series) - 1) // 2 * LEGEND_ROW  # two legend entries a row
    return Chart(key, title, description, _frame(key, title, description, "".join(parts), height=height), headers, rows)


def _x_labels(shown: list[str], x_of: dict[str, float]) -> str:
    """The x labels under the plot; the first and last lean inwards so the edges never cut them."""
    def anchor(i: int) -> str:
        if len(shown) > 1 and i in (0, len(shown) - 1):
            return "start" if i == 0 else "end"
        return "middle"

    return "".join(
        format_html(
            '<text x="{}" y="{}" font-size="13" fill="{}" text-anchor="{}">{}</text>',
            _at(x_of[label]), HEIGHT - BOTTOM + 18, MUTED, anchor(i), label,
        )
        for i, label in enumerate(shown)
    )


def _axes(top: float, y) -> str:
    """Four grid lines with their values, from 0 to `top`."""
    ticks = [top * i / 4 for i in range(5)]
    return "".join(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
            '<text x="{}" y="{}" font-size="13" fill="{}" text-anchor="end">{}</text>',
            LEFT, WIDTH - RIGHT, _at(y(tick)), _at(y(tick)), GRID, LEFT - 6, _at(y(tick) + 4), MUTED, _number(round(tick, 1)),
        )
        for tick in ticks
    )


def _sparse(labels: Sequence[str], most: int = 5) -> list[str]:
    """At most `most` x labels spread evenly, the first and last always, so none overlap."""
    if len(labels) <= most:
        return list(labels)
    last = len(labels) - 1
    return list(dict.fromkeys(labels[round(i * last / (most - 1))] for i in range(most)))


def _legend(index: int, name: str, colour: str, dash: str, shape: str) -> str:
    x, y = LEFT + index % 2 * 210, HEIGHT - 12 + index // 2 * LEGEND_ROW
    return format_html(
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>{}'
        '<text x="{}" y="{}" font-size="13" fill="{}">{}</text>',
        x, x + 24, y, y, colour, dash or "none", mark_safe(_marker(shape, x + 12, y, colour, name)), x + 30, y + 4, INK, name,
    )


def bar_chart(*, key: str, title: str, description: str, bars: Sequence[Bar], value_header: str) -> Chart:
    """Horizontal bars from 0 to full (1): one a row, its label above it."""
    row_h = 34
    height = max(len(bars), 1) * row_h + 8
    width = WIDTH - LEFT - RIGHT
    parts = []
    for i, bar in enumerate(bars):
        fraction = min(max(float(bar.fraction), 0.0), 1.0)
        top = 4 + i * row_h
        parts.append(format_html(
            '<text x="0" y="{}" font-size="13" fill="{}">{}</text>'
            '<rect x="0" y="{}" width="{}" height="10" rx="5" fill="{}"/>'
            '<rect x="0" y="{}" width="{}" height="10" rx="5" fill="{}"><title>{}: {}</title></rect>'
            '<text x="{}" y="{}" font-size="13" fill="{}" text-anchor="end">{}</text>',
            top + 11, INK, short(bar.label), top + 16, width, GRID, top + 16, _at(width * fraction), LOOKS[0][0],
            bar.label, bar.shown, width + LEFT + RIGHT - 2, top + 11, MUTED, bar.shown,
        ))
    svg = _frame(key, title, description, "".join(parts), height=height, kind="chart bars")
    return Chart(key, title, description, svg, ("", value_header), tuple((bar.label, bar.shown) for bar in bars))


def short(text: str, most: int = 60) -> str:
    """A label cut to `most` characters for the drawing (the table keeps it whole)."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _labelled(name: str, value: str) -> str:
    """"Planned: 12 h", with the language's own spacing before the colon."""
    # Translators: a chart's label and its value.
    return _("%(name)s: %(value)s") % {"name": name, "value": value}
