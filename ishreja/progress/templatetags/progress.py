"""Template pieces of the progress app for other pages: ``{% overdue_panel %}`` shows the person's
overdue items (the home page includes it)."""

from __future__ import annotations

from typing import Any

from django import template

from ishreja.progress.selectors import overdue_for_user

register = template.Library()


@register.inclusion_tag("progress/_overdue.html", takes_context=True)
def overdue_panel(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"overdue": overdue_for_user(user) if user is not None and user.is_authenticated else []}


@register.filter
def at(values: list[Any], index: int) -> Any:
    """``values|at:i``: the i-th element or "" (figures aligned with plan parts)."""
    try:
        return values[index]
    except (IndexError, TypeError):
        return ""
