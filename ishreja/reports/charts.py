"""Charts drawn on the server with matplotlib (Agg backend) as inline SVG: nothing is fetched by the browser
and the same SVG goes into the PDF. Drawing costs tens of milliseconds, so equal inputs are served from a
small cache."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

_BLUE, _GREY, _RED = "#0b5cad", "#b8c2cc", "#b3261e"
# Text stays text in the SVG (selectable, small) and the font falls back to what the reader's system has.
matplotlib.rcParams.update({"svg.fonttype": "none", "font.family": ["DejaVu Sans"], "font.size": 9})


def _svg(fig: Figure) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg")
    text = out.getvalue()
    # Only the <svg> element: the XML prolog and DOCTYPE are not allowed inside an HTML page.
    start = text.find("<svg")
    return re.sub(r"<metadata>.*?</metadata>", "", text[start:], flags=re.S)


@lru_cache(maxsize=64)
def _bars(
    title: str,
    labels: tuple[str, ...],
    current: tuple[float, ...],
    previous: tuple[float, ...],
    current_label: str,
    previous_label: str,
    flagged: tuple[bool, ...],
) -> str:
    width = max(5.5, 0.5 * len(labels) + 2)
    # A bare Figure (no pyplot): nothing global to manage or close, safe in threads.
    fig = Figure(figsize=(width, 3.4), layout="constrained")
    ax = fig.add_subplot()
    positions = range(len(labels))
    if previous:
        ax.bar([p - 0.2 for p in positions], previous, width=0.4, color=_GREY, label=previous_label)
    colours = [_RED if f else _BLUE for f in flagged] if flagged else _BLUE
    ax.bar(
        [p + (0.2 if previous else 0) for p in positions],
        current,
        width=0.4 if previous else 0.6,
        color=colours,
        label=current_label,
    )
    ax.set_xticks(list(positions), labels, rotation=45 if len(labels) > 6 else 0, ha="right")
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    if previous or current_label:
        ax.legend(frameon=False)
    return _svg(fig)


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    current: Sequence[Decimal | None],
    previous: Sequence[Decimal | None] = (),
    current_label: str = "",
    previous_label: str = "",
    flagged: Sequence[bool] = (),
) -> str:
    """Bars per centre (this period, and last year beside it when given); flagged bars in red."""

    def floats(values: Sequence[Decimal | None]) -> tuple[float, ...]:
        return tuple(float(v or 0) for v in values)

    return _bars(
        title,
        tuple(labels),
        floats(current),
        floats(previous),
        current_label,
        previous_label,
        tuple(flagged),
    )


@lru_cache(maxsize=64)
def _completion(labels: tuple[str, ...], values: tuple[float, ...], threshold: float, title: str) -> str:
    fig = Figure(figsize=(7.5, max(2.0, 0.28 * len(labels) + 0.8)), layout="constrained")
    ax = fig.add_subplot()
    colours = [_BLUE if v >= 100 else ("#a86400" if v >= threshold else _RED) for v in values]
    ax.barh(range(len(labels)), [min(v, 200) for v in values], color=colours)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.axvline(100, color="#1d2733", linewidth=0.8)
    ax.axvline(threshold, color=_RED, linewidth=0.8, linestyle="--")
    ax.set_xlabel("%")
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def completion_chart(
    *, labels: Sequence[str], percents: Sequence[Decimal], threshold: Decimal, title: str
) -> str:
    """Completion per item in % (capped at 200 so one runaway figure does not flatten the rest)."""
    return _completion(tuple(labels), tuple(float(p) for p in percents), float(threshold), title)
