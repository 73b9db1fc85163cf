"""Working-day deadlines: library data, admin holiday table, unknown years."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import chinese_calendar
import pytest

from chalicelib.domain.workdays import (
    LIBRARY_YEARS,
    DayKind,
    Deadline,
    HolidayTable,
    UnknownYearError,
    WorkingCalendar,
    compute_deadline,
)
from chalicelib.errors import DomainError

D = date
CAL = WorkingCalendar()  # real chinese-calendar, empty admin table

# A hypothetical admin-entered 2027 schedule (the library has no 2027 data).
TABLE_2027 = HolidayTable({D(2027, 1, 1): DayKind.HOLIDAY}, frozenset({2027}))


def days(start: date, end: date) -> list[date]:
    """Every date in [start, end]."""
    return [start + timedelta(i) for i in range((end - start).days + 1)]


def library_count(start: date, end: date) -> int:
    """Independent oracle: library working days in (start, end], straight from the library."""
    return sum(chinese_calendar.is_workday(d) for d in days(start + timedelta(1), end))


# --- the library itself (facts the other tests rely on) ---------------------

def test_library_years_match_the_librarys_own_range():
    last, first = LIBRARY_YEARS[-1], LIBRARY_YEARS[0]
    assert (first, last) == (2004, 2026)  # chinese-calendar==1.11.0
    chinese_calendar.is_workday(D(last, 12, 31))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(last + 1, 1, 4))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(first - 1, 12, 31))


def test_knows_years():
    assert CAL.knows(2004) and CAL.knows(2026)
    assert not CAL.knows(2003) and not CAL.knows(2027)
    assert WorkingCalendar(TABLE_2027).knows(2027)
    partial = HolidayTable({D(2027, 1, 1): DayKind.HOLIDAY})
    assert not WorkingCalendar(partial).knows(2027)


# --- 2026 National Day and Mid-Autumn ----------------------------------------

def test_national_day_2026_is_skipped_and_tiaoxiu_saturday_counts():
    skipped = days(D(2026, 10, 1), D(2026, 10, 7))
    for d in skipped:
        assert chinese_calendar.is_holiday(d)
        assert chinese_calendar.get_holiday_detail(d) == (True, chinese_calendar.Holiday.national_day.value)
        assert not CAL.is_working_day(d)
    tiaoxiu = D(2026, 10, 10)
    assert tiaoxiu.weekday() == 5  # Saturday
    assert chinese_calendar.is_workday(tiaoxiu) and CAL.is_working_day(tiaoxiu)
    assert not CAL.is_working_day(D(2026, 10, 11))  # ordinary Sunday

    # Received Tue 09-29: 09-30 (1), holiday week, 10-08 (2), 10-09 (3),
    # Sat 10-10 调休 (4), Sun 10-11 off, Mon 10-12 (5).
    due = CAL.add_working_days(D(2026, 9, 29), 5)
    assert due == D(2026, 10, 12)
    assert library_count(D(2026, 9, 29), due) == 5


def test_mid_autumn_2026_is_skipped_and_sunday_0920_counts():
    assert chinese_calendar.get_holiday_detail(D(2026, 9, 25)) == (True, "Mid-autumn Festival")
    assert D(2026, 9, 25).weekday() == 4  # a Friday off
    sunday = D(2026, 9, 20)
    assert sunday.weekday() == 6 and chinese_calendar.is_workday(sunday)

    assert CAL.add_working_days(D(2026, 9, 18), 1) == sunday  # Fri → the 调休 Sunday
    # 09-20, 21, 22, 23, 24 are 1..5; 09-25 (中秋) and the weekend are skipped.
    assert CAL.add_working_days(D(2026, 9, 18), 5) == D(2026, 9, 24)
    assert CAL.add_working_days(D(2026, 9, 18), 6) == D(2026, 9, 28)
    assert CAL.working_days_between(D(2026, 9, 24), D(2026, 9, 28)) == 1


def test_all_2026_tiaoxiu_weekends_are_working_days():
    for d in (D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)):
        assert d.weekday() >= 5
        assert CAL.is_working_day(d)


def test_add_and_between_agree_with_the_library_autumn_2026():
    window = days(D(2026, 9, 1), D(2026, 12, 31))
    library_workdays = {d for d in window if chinese_calendar.is_workday(d)}  # oracle, computed once
    for received in window[:61]:  # every receipt date in September and October
        for n in (1, 2, 5, 15, 20):
            due = CAL.add_working_days(received, n)
            assert due in library_workdays
            assert sum(received < d <= due for d in library_workdays) == n
            assert CAL.working_days_between(received, due) == n


# --- receipt-day rule ------------------------------------------------------

def test_receipt_day_itself_does_not_count():
    wednesday = D(2026, 11, 25)
    assert CAL.is_working_day(wednesday)
    assert CAL.add_working_days(wednesday, 1) == D(2026, 11, 26)


def test_received_friday_is_due_monday():
    friday, monday = D(2026, 11, 27), D(2026, 11, 30)
    assert friday.weekday() == 4 and monday.weekday() == 0
    assert chinese_calendar.is_workday(monday)
    assert CAL.add_working_days(friday, 1) == monday


def test_received_on_a_non_working_day_counts_from_the_next_working_day():
    assert CAL.add_working_days(D(2026, 11, 28), 1) == D(2026, 11, 30)  # Saturday
    assert CAL.add_working_days(D(2026, 10, 3), 1) == D(2026, 10, 8)  # mid-holiday
    assert CAL.add_working_days(D(2026, 10, 3), 3) == D(2026, 10, 10)


# --- admin table -------------------------------------------------------------

def test_admin_override_beats_the_library_for_a_known_year():
    extra_holiday = D(2026, 9, 30)
    extra_workday = D(2026, 10, 11)  # a Sunday
    assert chinese_calendar.is_workday(extra_holiday)
    assert not chinese_calendar.is_workday(extra_workday)
    cal = WorkingCalendar(HolidayTable({extra_holiday: DayKind.HOLIDAY, extra_workday: DayKind.WORKDAY}))
    assert not cal.is_working_day(extra_holiday)
    assert cal.is_working_day(extra_workday)
    # 10-08, 09, 10 (Sat 调休), 11 (admin Sunday), 12.
    assert cal.add_working_days(D(2026, 9, 29), 5) == D(2026, 10, 12)
    assert cal.add_working_days(D(2026, 9, 29), 1) == D(2026, 10, 8)
    assert CAL.add_working_days(D(2026, 9, 29), 1) == D(2026, 9, 30)


def test_override_is_consulted_before_the_library():
    calls: list[date] = []

    def library(d: date) -> bool:
        calls.append(d)
        return True

    cal = WorkingCalendar(HolidayTable({D(2026, 5, 6): "holiday"}), library=library)
    assert not cal.is_working_day(D(2026, 5, 6))
    assert calls == []
    assert cal.is_working_day(D(2026, 5, 7))
    assert calls == [D(2026, 5, 7)]


def test_holiday_table_is_an_immutable_validated_value():
    raw = {D(2027, 1, 1): "holiday"}
    table = HolidayTable(raw, {2027})
    raw[D(2027, 1, 4)] = "holiday"
    assert dict(table.overrides) == {D(2027, 1, 1): DayKind.HOLIDAY}
    assert table.complete_years == frozenset({2027})
    with pytest.raises(TypeError):
        table.overrides[D(2027, 1, 5)] = DayKind.HOLIDAY  # type: ignore[index]
    with pytest.raises(TypeError, match="dates"):
        HolidayTable({datetime(2027, 1, 1): DayKind.HOLIDAY})
    with pytest.raises(ValueError):
        HolidayTable({D(2027, 1, 1): "day-off"})


# --- year boundary and unknown years -----------------------------------------

def test_year_boundary_with_admin_entered_2027():
    cal = WorkingCalendar(TABLE_2027)
    # Dec 21–25 (5), Dec 28–31 (9), Jan 1 holiday, Jan 4–8 (14), 11–15 (19), 18 (20).
    expected = D(2027, 1, 18)
    assert cal.add_working_days(D(2026, 12, 20), 20) == expected
    deadline = compute_deadline(cal, D(2026, 12, 20), 20)
    assert deadline == Deadline(expected, expected, ())
    assert deadline.exact and deadline.warning is None
    assert cal.working_days_between(D(2026, 12, 31), D(2027, 1, 4)) == 1


def test_year_boundary_without_2027_is_flagged_never_silently_wrong():
    deadline = compute_deadline(CAL, D(2026, 12, 20), 20)
    assert not deadline.exact
    assert deadline.due is None
    assert deadline.unknown_years == (2027,)
    assert deadline.provisional_due == D(2027, 1, 15)  # Jan 1 counted as a plain Friday
    assert "2027年" in deadline.warning

    with pytest.raises(UnknownYearError) as caught:
        CAL.add_working_days(D(2026, 12, 20), 20)
    assert caught.value.year == 2027
    assert str(caught.value) == (
        "2027年的节假日安排尚未录入，无法准确计算期限。请平台管理员先录入该年度节假日。"
    )
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, DomainError) and caught.value.message == str(caught.value)
    with pytest.raises(UnknownYearError):
        CAL.working_days_between(D(2026, 12, 20), D(2027, 1, 15))
    with pytest.raises(UnknownYearError):
        CAL.is_working_day(D(2027, 1, 4))


def test_deadline_inside_a_known_year_is_not_affected_by_unknown_next_year():
    assert CAL.add_working_days(D(2026, 12, 20), 9) == D(2026, 12, 31)
    assert compute_deadline(CAL, D(2026, 12, 20), 9).exact
    assert not compute_deadline(CAL, D(2026, 12, 20), 10).exact


def test_partial_2027_overrides_are_used_for_the_provisional_date_only():
    cal = WorkingCalendar(HolidayTable({D(2027, 1, 1): DayKind.HOLIDAY}))  # 2027 not complete
    assert not cal.is_working_day(D(2027, 1, 1))
    deadline = compute_deadline(cal, D(2026, 12, 20), 20)
    assert deadline.provisional_due == D(2027, 1, 18)
    assert deadline.unknown_years == (2027,) and deadline.due is None


def test_complete_year_uses_weekday_rule_plus_tiaoxiu_overrides():
    hypothetical_tiaoxiu = D(2027, 1, 16)  # a Saturday, fixture only
    table = HolidayTable(
        {D(2027, 1, 1): DayKind.HOLIDAY, hypothetical_tiaoxiu: DayKind.WORKDAY}, frozenset({2027})
    )
    cal = WorkingCalendar(table)
    assert cal.is_working_day(hypothetical_tiaoxiu)
    assert not cal.is_working_day(D(2027, 1, 17))
    assert cal.add_working_days(D(2026, 12, 20), 20) == hypothetical_tiaoxiu


def test_seam_library_without_the_year_raises_unknown_year():
    # Pretend the library stops at 2025: 2026 becomes unknown with the real data.
    cal = WorkingCalendar(library_years=range(2004, 2026))
    assert not cal.knows(2026)
    with pytest.raises(UnknownYearError) as caught:
        cal.add_working_days(D(2025, 12, 30), 3)
    assert caught.value.year == 2026
    deadline = compute_deadline(cal, D(2025, 12, 30), 3)
    # Real 2026: Jan 1–3 off, Sun Jan 4 调休; unknown-year estimate: Jan 1 Thu, Jan 2 Fri.
    assert deadline.unknown_years == (2026,) and deadline.provisional_due == D(2026, 1, 2)
    assert CAL.add_working_days(D(2025, 12, 30), 3) == D(2026, 1, 5)


def test_seam_library_raising_not_implemented_is_unknown_not_guessed():
    def library(d: date) -> bool:
        if d.year >= 2026:
            raise NotImplementedError(d.year)
        return d.weekday() < 5

    cal = WorkingCalendar(library_years=range(2020, 2030), library=library)
    assert cal.is_working_day(D(2025, 12, 31))
    with pytest.raises(UnknownYearError):
        cal.is_working_day(D(2026, 1, 5))
    completed = WorkingCalendar(HolidayTable({}, frozenset({2026})), library_years=range(2020, 2030), library=library)
    assert completed.is_working_day(D(2026, 1, 5))


# --- datetimes ------------------------------------------------------------------

def test_utc_late_evening_is_the_next_beijing_day():
    received = datetime(2026, 11, 24, 17, 30, tzinfo=timezone.utc)  # 2026-11-25 01:30 Beijing
    assert compute_deadline(CAL, received, 1).due == D(2026, 11, 26)
    assert compute_deadline(CAL, D(2026, 11, 24), 1).due == D(2026, 11, 25)
    assert compute_deadline(CAL, datetime(2026, 11, 24, 15, 59, tzinfo=timezone.utc), 1).due == D(2026, 11, 25)
    assert compute_deadline(CAL, datetime(2026, 11, 24, 17, 30), 1).due == D(2026, 11, 26)  # naive = UTC
    # Friday 16:30Z is already Saturday in Wuxue.
    assert compute_deadline(CAL, datetime(2026, 11, 27, 16, 30, tzinfo=timezone.utc), 1).due == D(2026, 11, 30)


def test_calendar_methods_reject_datetimes():
    with pytest.raises(TypeError, match="Beijing-local date"):
        CAL.is_working_day(datetime(2026, 11, 24, 17, 30, tzinfo=timezone.utc))
    with pytest.raises(TypeError):
        CAL.add_working_days(datetime(2026, 11, 24), 1)
    with pytest.raises(TypeError):
        compute_deadline(CAL, "2026-11-24", 1)  # type: ignore[arg-type]


# --- working_days_between -----------------------------------------------------

def test_working_days_between():
    assert CAL.working_days_between(D(2026, 11, 25), D(2026, 11, 25)) == 0
    assert CAL.working_days_between(D(2026, 11, 27), D(2026, 11, 29)) == 0  # Fri → Sun
    assert CAL.working_days_between(D(2026, 11, 27), D(2026, 11, 30)) == 1
    assert CAL.working_days_between(D(2026, 9, 30), D(2026, 10, 8)) == 1  # across National Day
    assert CAL.working_days_between(D(2026, 9, 29), D(2026, 10, 12)) == 5
    assert CAL.working_days_between(D(2026, 10, 12), D(2026, 9, 29)) == -5  # overdue by 5
    assert CAL.working_days_between(D(2026, 1, 1), D(2026, 12, 31)) == library_count(D(2026, 1, 1), D(2026, 12, 31))


def test_on_time_check():
    received, limit = D(2026, 9, 29), 5
    due = CAL.add_working_days(received, limit)
    assert due == D(2026, 10, 12)
    assert CAL.working_days_between(received, due) <= limit  # replied on the due date: on time
    assert CAL.working_days_between(received, D(2026, 10, 11)) <= limit  # replied Sunday before
    assert CAL.working_days_between(received, D(2026, 10, 13)) == limit + 1  # one day late


# --- invalid input --------------------------------------------------------------

@pytest.mark.parametrize("n", [0, -1, True, 1.5, "5", None])
def test_invalid_working_day_count(n):
    with pytest.raises(ValueError, match=r"whole number >= 1"):
        CAL.add_working_days(D(2026, 11, 25), n)
    with pytest.raises(ValueError, match=r"whole number >= 1"):
        compute_deadline(CAL, D(2026, 11, 25), n)


def test_deadline_invariants():
    with pytest.raises(ValueError):
        Deadline(D(2027, 1, 15), D(2027, 1, 15), (2027,))
    with pytest.raises(ValueError):
        Deadline(None, D(2026, 10, 12), ())
    assert Deadline(D(2026, 10, 12), D(2026, 10, 12)).exact
