"""Small inline SVG charts for the HTML report: no JavaScript, no CDN, opens offline.

Each function returns a complete ``<svg>`` element as a string. Every label passes
through :func:`html.escape`, because labels (spellings, group names) come from the
audited articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
_FONT = 'font-family="sans-serif" font-size="11"'


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _frame(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        + "".join(body)
        + "</svg>"
    )


def _legend(names: Sequence[str], x: int, y: int) -> list[str]:
    out = []
    for i, name in enumerate(names):
        yy = y + i * 16
        out.append(
            f'<rect x="{x}" y="{yy}" width="10" height="10" fill="{color(i)}"/>'
            f'<text x="{x + 14}" y="{yy + 9}" {_FONT}>{escape(name)}</text>'
        )
    return out


def _y_axis(left: int, top: int, plot_h: int, plot_w: int, ymax: float, fmt: str) -> list[str]:
    out = []
    for step in range(5):
        value = ymax * step / 4
        y = top + plot_h - plot_h * step / 4
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" {_FONT}>{fmt.format(value)}</text>'
        )
    return out


def stacked_bars(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    title: str,
    width: int = 640,
    height: int = 260,
) -> str:
    """Vertical bars per label, stacked by series (e.g. findings per week by category)."""
    left, top, legend_w, bottom = 44, 12, 130, 36
    plot_w, plot_h = width - left - legend_w, height - top - bottom
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    ymax = max(totals, default=0) or 1
    body = _y_axis(left, top, plot_h, plot_w, ymax, "{:.0f}")
    slot = plot_w / max(1, len(labels))
    bar = min(48.0, slot * 0.7)
    for i, label in enumerate(labels):
        x = left + slot * i + (slot - bar) / 2
        y: float = top + plot_h
        for k, values in enumerate(series.values()):
            h = plot_h * values[i] / ymax
            if h > 0:
                y -= h
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{color(k)}">'
                    f"<title>{escape(label)}: {escape(list(series)[k])} {values[i]:g}</title></rect>"
                )
        body.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" {_FONT}>'
            f"{escape(label)}</text>"
        )
    body += _legend(list(series), width - legend_w + 10, top)
    return _frame(width, height, body, title)


def line_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    title: str,
    percent: bool = True,
    width: int = 720,
    height: int = 220,
) -> str:
    """One line per series across labels (e.g. each spelling's share per week)."""
    left, top, legend_w, bottom = 44, 12, 230, 36
    plot_w, plot_h = width - left - legend_w, height - top - bottom
    ymax = (
        1.0
        if percent
        else (max((v for vs in series.values() for v in vs if v is not None), default=0) or 1)
    )
    body = _y_axis(left, top, plot_h, plot_w, ymax, "{:.0%}" if percent else "{:.1f}")
    step = plot_w / max(1, len(labels) - 1) if len(labels) > 1 else 0
    xs = [left + (step * i if len(labels) > 1 else plot_w / 2) for i in range(len(labels))]
    for i, label in enumerate(labels):
        body.append(
            f'<text x="{xs[i]:.1f}" y="{top + plot_h + 14}" text-anchor="middle" {_FONT}>'
            f"{escape(label)}</text>"
        )
    for k, (name, values) in enumerate(series.items()):
        points = [
            (xs[i], top + plot_h - plot_h * v / ymax) for i, v in enumerate(values) if v is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{color(k)}" stroke-width="2"/>'
            )
        for (x, y), v in zip(points, [v for v in values if v is not None]):
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color(k)}">'
                f"<title>{escape(name)}: {v:.0%}</title></circle>"
                if percent
                else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color(k)}"/>'
            )
    body += _legend(list(series), width - legend_w + 10, top)
    return _frame(width, height, body, title)


def histogram(
    values: Sequence[float],
    title: str,
    low: float = 0.0,
    high: float = 100.0,
    bins: int = 10,
    width: int = 640,
    height: int = 220,
) -> str:
    """Counts of ``values`` in equal bins between ``low`` and ``high``."""
    counts = [0] * bins
    span = (high - low) or 1.0
    for v in values:
        counts[min(bins - 1, max(0, int((v - low) / span * bins)))] += 1
    labels = [f"{low + span * i / bins:.0f}" for i in range(bins)]
    return stacked_bars(labels, {"documents": counts}, title, width=width, height=height)
