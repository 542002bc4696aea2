"""Bar charts as standalone SVG (no plotting library): grouped or stacked, with axes,
gridlines, a legend and a title, in the Okabe-Ito colour-blind-safe palette."""

from __future__ import annotations

import math
from html import escape

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
W, H = 760, 400
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 64, 84


def _nice_step(top: float) -> float:
    """A round gridline step (1, 2 or 5 times a power of ten) giving about four lines."""
    if top <= 0:
        return 1.0
    rough = top / 4
    exp = 10 ** math.floor(math.log10(rough))
    for step in (1, 2, 5, 10):
        if rough <= step * exp:
            return float(max(step * exp, 1))
    return float(10 * exp)


def _fmt(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.0f}%"
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def bar_chart(
    title: str,
    categories: list[str],
    series: dict[str, list[float]],
    *,
    stacked: bool = False,
    percent: bool = False,
    subtitle: str = "",
) -> str:
    """An SVG document: one group (or stack) of bars per category."""
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    names = list(series)
    if stacked:
        top = max((sum(series[n][i] for n in names) for i in range(len(categories))), default=0)
    else:
        top = max((v for n in names for v in series[n]), default=0)
    step = 0.25 if percent else _nice_step(top)
    ymax = 1.0 if percent else step * max(math.ceil(top / step), 1)

    def y(value: float) -> float:
        return TOP + plot_h - (value / ymax) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" font-family="Helvetica, Arial, DejaVu Sans, sans-serif">',
        f'<rect width="{W}" height="{H}" fill="white"/>',
        f'<text x="{LEFT}" y="28" font-size="18" font-weight="bold">{escape(title)}</text>',
        f'<text x="{LEFT}" y="48" font-size="12" fill="#555">{escape(subtitle)}</text>',
    ]
    for i in range(round(ymax / step) + 1):
        value = step * i
        yy = y(value)
        out.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{yy + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#333">{_fmt(value, percent)}</text>'
        )
    if not categories:
        out.append(
            f'<text x="{W / 2}" y="{H / 2}" font-size="14" text-anchor="middle" '
            'fill="#777">no data yet</text>'
        )
    slot = plot_w / max(len(categories), 1)
    group = slot * 0.75
    bar = group if stacked else group / max(len(names), 1)
    for i, category in enumerate(categories):
        x0 = LEFT + i * slot + (slot - group) / 2
        base = 0.0
        for j, name in enumerate(names):
            value = series[name][i]
            if stacked:
                y_top, y_bottom, x = y(base + value), y(base), x0
                base += value
            else:
                y_top, y_bottom, x = y(value), y(0), x0 + j * bar
            if y_bottom - y_top < 0.05:
                continue
            out.append(
                f'<rect x="{x:.1f}" y="{y_top:.1f}" width="{max(bar - 1, 1):.1f}" '
                f'height="{max(y_bottom - y_top, 0):.1f}" fill="{PALETTE[j % len(PALETTE)]}">'
                f"<title>{escape(name)} {escape(category)}: {_fmt(value, percent)}</title></rect>"
            )
        cx = LEFT + i * slot + slot / 2
        rotate = len(categories) > 8
        anchor = "end" if rotate else "middle"
        transform = f' transform="rotate(-45 {cx:.1f} {TOP + plot_h + 16})"' if rotate else ""
        out.append(
            f'<text x="{cx:.1f}" y="{TOP + plot_h + 16}" font-size="11" '
            f'text-anchor="{anchor}"{transform}>{escape(category)}</text>'
        )
    out.append(
        f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#333"/>'
    )
    lx = LEFT
    for j, name in enumerate(names if len(names) > 1 else []):
        out.append(
            f'<rect x="{lx}" y="{H - 22}" width="12" height="12" '
            f'fill="{PALETTE[j % len(PALETTE)]}"/>'
        )
        out.append(f'<text x="{lx + 16}" y="{H - 12}" font-size="12">{escape(name)}</text>')
        lx += 24 + 7 * len(name)
    out.append("</svg>")
    return "\n".join(out)
