import datetime as dt

from ishreja.progress.diary_csv import MAX_CSV_BYTES, parse_diary_csv

SERVICES = {"lending": 1, "abonement xizmati": 1, "bibliography": 2}
RANGE = {"earliest": dt.date(2025, 1, 1), "latest": dt.date(2026, 11, 21)}
HEADER = "date;service;visits;loans;users_new;users_reregistered;events;event_participants\n"


def test_it_reads_both_delimiters_both_date_forms_and_a_bom():
    semicolon = (HEADER + "2026-03-02;lending;10;4;1;0;0;0\n02.03.2026;bibliography;5;;;;1;20\n").encode()
    comma = ("\ufeff" + HEADER.replace(";", ",") + "2026-03-03,Abonement xizmati,7,0,0,0,0,0\n").encode()

    first = parse_diary_csv(semicolon, SERVICES, **RANGE)
    second = parse_diary_csv(comma, SERVICES, **RANGE)

    assert first.errors == [] and second.errors == []
    assert [(r.date, r.service_id, r.counts["visits"], r.counts["events"]) for r in first.rows] == [
        (dt.date(2026, 3, 2), 1, 10, 0),
        (dt.date(2026, 3, 2), 2, 5, 1),
    ]
    assert second.rows[0].service_id == 1


def test_it_names_the_line_and_column_of_every_fault():
    data = (
        (
            HEADER + "2026-13-01;lending;1;0;0;0;0;0\n"  # line 2: no such month
            "2026-03-02;kadrlar;1;0;0;0;0;0\n"  # line 3: unknown service
            "2026-03-02;lending;-4;x;0;0;0;0\n"  # line 4: two bad counts
            "2027-01-01;lending;1;0;0;0;0;0\n"  # line 5: in the future
            "2026-03-05;lending;1;0;0;0;0;0\n"  # line 6: fine
            "05.03.2026;lending;2;0;0;0;0;0\n"  # line 7: the same day again
        ).encode()
    )

    parsed = parse_diary_csv(data, SERVICES, **RANGE)

    assert [(e.line, e.column) for e in parsed.errors] == [
        (2, "date"),
        (3, "service"),
        (4, "visits"),
        (4, "loans"),
        (5, "date"),
        (7, "date"),
    ]
    assert "6-qatorda" in parsed.errors[-1].message
    assert [r.line for r in parsed.rows] == [6]
    assert len(parsed.lines) == 6


def test_it_refuses_a_file_without_header_columns_or_in_another_encoding_or_too_big():
    assert parse_diary_csv(b"date;visits\n2026-01-01;3\n", SERVICES, **RANGE).errors[0].line == 1
    assert "UTF-8" in parse_diary_csv("сана;хизмат\n".encode("cp1251"), SERVICES, **RANGE).errors[0].message
    assert parse_diary_csv(b"", SERVICES, **RANGE).errors
    assert "2 MB" in parse_diary_csv(b"x" * (MAX_CSV_BYTES + 1), SERVICES, **RANGE).errors[0].message
