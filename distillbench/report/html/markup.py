"""Escaping, number formatting and table primitives shared by every section of the HTML report.

Why a module of its own: every section renderer builds its cells the same way (escape every string, show a
number with fixed digits or ``n/a``, put its exact JSON value in ``data-value`` and its identity in ``data-*``
keys for the tests), so those rules live in one place and the section modules cannot drift apart on them.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["badge", "ci", "esc", "fmt", "num", "pvalue", "rate", "section", "signed", "table"]


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def fmt(value: object, digits: int = 3) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.{digits}f}"


def num(value: object, metric: str, digits: int = 3, text: str | None = None, /, **keys: object) -> str:
    """A numeric cell whose exact JSON value is in ``data-value`` and its identity in ``data-*`` keys."""
    attrs = "".join(f' data-{k.replace("_", "-")}="{esc(v)}"' for k, v in keys.items())
    exact = "" if not isinstance(value, int | float) or isinstance(value, bool) else f' data-value="{value!r}"'
    shown = fmt(value, digits) if text is None else text
    return f'<td class="num" data-metric="{esc(metric)}"{attrs}{exact}>{shown}</td>'


def rate(p: Mapping[str, Any], metric: str, model: str) -> str:
    """Score and CI cells of a proportion.

    With n == 0 there is no estimate: the JSON's 0.0 is a placeholder, so the page says n/a rather than a
    reassuring 0.000 (data-value still holds the JSON number).
    """
    if p.get("n"):
        return num(p.get("score"), metric, 3, None, model=model, n=p.get("n")) + ci(p.get("ci_low"), p.get("ci_high"))
    return num(p.get("score"), metric, 3, "n/a", model=model, n=p.get("n")) + '<td class="ci">no scored case</td>'


def ci(low: object, high: object) -> str:
    return f'<td class="ci">[{fmt(low)}, {fmt(high)}]</td>'


def badge(passed: object, yes: str = "pass", no: str = "fail") -> str:
    kind = "ok" if passed else "bad"
    return f'<span class="badge {kind}" data-passed="{str(bool(passed)).lower()}">{yes if passed else no}</span>'


def table(headers: Sequence[str], rows: Iterable[str], cls: str = "") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "\n".join(f"<tr>{row}</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


def section(anchor: str, title: str, content: str) -> str:
    return f'<section id="{anchor}"><h2>{esc(title)}</h2>\n{content}\n</section>'


def pvalue(value: object) -> str:
    return f"{value:.2g}" if isinstance(value, int | float) and not isinstance(value, bool) else "n/a"


def signed(value: object) -> str:
    return f"{value:+.3f}" if isinstance(value, int | float) and not isinstance(value, bool) else "n/a"
