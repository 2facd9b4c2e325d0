from ishreja.core.demo import demo_load
from ishreja.reports.demo import reports_demo_load
from ishreja.reports.models import Report, ReportEvent


def test_it_loads_reports_in_every_state_once(db):
    demo_load()
    reports = Report.objects.filter(centre__parent__admin_unit__soato="1706", year=2026)
    statuses = set(reports.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "returned", "accepted", "superseded"}
    assert reports.filter(is_late=True, period="q3").count() >= 1
    assert reports.filter(version=2).count() == 2
    assert (
        not reports.filter(period__in=["q1", "q2"], status__in=["draft", "submitted", "returned"])
        .exclude(version=2)
        .exists()
    )
    assert ReportEvent.objects.filter(action="returned").exclude(note="").exists()
    count = reports.count()
    assert reports_demo_load() == 0
    assert reports.count() == count
