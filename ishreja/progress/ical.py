"""A centre's due dates as an iCalendar (RFC 5545) feed: one all-day VEVENT per item and due date, with
a UID that stays the same across fetches so calendar programs update events instead of copying them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from ishreja.centres.models import Centre
from ishreja.plans.models import PlanItem


def event_uid(item: PlanItem, day: dt.date) -> str:
    return f"item-{item.pk}-{day:%Y%m%d}@ishreja"


def centre_calendar(
    *, centre: Centre, due: Iterable[tuple[dt.date, PlanItem]], url_of: dict[int, str] | None = None
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Ishreja//progress//UZ")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{centre}: reja muddatlari")
    stamp = timezone.now()
    for day, item in due:
        event = Event()
        event.add("uid", event_uid(item, day))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        title = f"{item.number}. {item.name}" if item.number else item.name
        event.add("summary", title[:200] or "—")
        details = [part for part in (item.deadline_text, item.responsible_text) if part]
        if details:
            event.add("description", "\n".join(details))
        if url_of and item.plan_id in url_of:
            event.add("url", url_of[item.plan_id])
        cal.add_component(event)
    return cal.to_ical()
