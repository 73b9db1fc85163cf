"""Working-day arithmetic for statutory deadlines (领导信箱, 依申请公开).

Deadlines such as "5 working days to accept", "15 to reply" or the 20 (+20)
working days of the 政府信息公开条例 are counted in *working days*: weekends
and statutory holidays are skipped, 调休 working weekends count.

Where the facts come from, in this order, for one date:

1. the admin-maintained :class:`HolidayTable` override for that date;
2. the ``chinese-calendar`` library, for the years it has data for
   (2004–2026 in 1.11.0; any other year raises ``NotImplementedError`` there);
3. the plain weekday rule (Mon–Fri work), but only for years admins have
   marked complete in the table, i.e. entered every holiday and 调休 day;
4. otherwise the year is unknown: :class:`UnknownYearError`. A deadline is
   never silently computed with a guessed calendar; :func:`compute_deadline`
   returns a clearly provisional date instead, for display with a warning.

Pure Python: no I/O, no AWS. The library sits behind the ``library`` seam of
:class:`WorkingCalendar` (a ``date -> bool`` callable) so tests can simulate
years it does not know.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from functools import lru_cache
from types import MappingProxyType
from typing import Callable, Iterator, Mapping

import chinese_calendar

from chalicelib.domain.dates import to_beijing
from chalicelib.errors import DomainError

_ONE_DAY = timedelta(days=1)

# Years the pinned library has data for, derived from its own data the same way
# it validates dates (range(2004, 2027) for chinese-calendar 1.11.0).
LIBRARY_YEARS: range = range(
    min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1
)


@lru_cache(maxsize=4096)
def library_is_workday(day: date) -> bool:
    """The ``chinese-calendar`` answer; raises ``NotImplementedError`` outside its years.

    Cached: the library re-scans its whole table on every call to check the year.
    """
    return chinese_calendar.is_workday(day)


class DayKind(str, Enum):
    """An admin override for one date."""

    WORKDAY = "workday"  # e.g. a 调休 Saturday/Sunday
    HOLIDAY = "holiday"  # a statutory holiday on a weekday

    @property
    def label(self) -> str:
        return "调休上班" if self is DayKind.WORKDAY else "节假日"


@dataclass(frozen=True)
class HolidayTable:
    """What platform admins maintain (persisted elsewhere; here an immutable value).

    ``overrides`` beat the library even for years it knows (e.g. a local
    holiday or a late State Council change). ``complete_years`` are years whose
    full schedule admins have entered: for those, dates without an override
    follow the weekday rule. Overrides in a year not marked complete are used
    for those dates only; the rest of that year stays unknown.
    """

    overrides: Mapping[date, DayKind] = field(default_factory=dict)
    complete_years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        checked: dict[date, DayKind] = {}
        for day, kind in self.overrides.items():
            # datetime is a subclass of date but never equals one: reject it.
            if isinstance(day, datetime) or not isinstance(day, date):
                raise TypeError(f"holiday override keys must be dates, got {day!r}")
            checked[day] = DayKind(kind)  # accepts "holiday"/"workday" as stored
        object.__setattr__(self, "overrides", MappingProxyType(checked))
        years = frozenset(self.complete_years)
        if not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
            raise TypeError(f"complete_years must be integers, got {sorted(years, key=str)!r}")
        object.__setattr__(self, "complete_years", years)


EMPTY_TABLE = HolidayTable()


class UnknownYearError(DomainError, ValueError):
    """A date falls in a year whose holiday schedule nobody knows yet."""

    code = "holiday_schedule_missing"
    status = 409

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year}年的节假日安排尚未录入，无法准确计算期限。请平台管理员先录入该年度节假日。"
        )


def _require_date(value: object, name: str) -> date:
    if isinstance(value, datetime):
        raise TypeError(
            f"{name} must be a Beijing-local date, not a datetime; "
            "use compute_deadline() or to_beijing(moment).date()"
        )
    if not isinstance(value, date):
        raise TypeError(f"{name} must be a date, got {value!r}")
    return value


def _require_count(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"number of working days must be a whole number >= 1, got {n!r}")
    return n


class WorkingCalendar:
    """Answers "is this a working day?" and counts working days.

    ``library_years`` limits which years the library is trusted for (default:
    the years it has data for). ``library`` is the seam to the library; a
    ``NotImplementedError`` from it is treated as "year unknown", never as a
    weekday guess.
    """

    def __init__(
        self,
        table: HolidayTable = EMPTY_TABLE,
        *,
        library_years: range | None = None,
        library: Callable[[date], bool] = library_is_workday,
    ) -> None:
        self.table = table
        self.library_years = LIBRARY_YEARS if library_years is None else library_years
        self._library = library

    def knows(self, year: int) -> bool:
        """True if the library covers ``year`` or admins marked it complete."""
        return year in self.library_years or year in self.table.complete_years

    def _lookup(self, day: date) -> bool | None:
        """Working day or not; ``None`` when the year is unknown."""
        kind = self.table.overrides.get(day)
        if kind is not None:
            return kind is DayKind.WORKDAY
        if day.year in self.library_years:
            try:
                return bool(self._library(day))
            except NotImplementedError:
                pass  # library_years wider than the data: fall through
        if day.year in self.table.complete_years:
            return day.weekday() < 5
        return None

    def is_working_day(self, d: date) -> bool:
        """Override first, then the library, then the weekday rule for complete years.

        Raises :class:`UnknownYearError` for a date in a year nobody knows.
        """
        verdict = self._lookup(_require_date(d, "d"))
        if verdict is None:
            raise UnknownYearError(d.year)
        return verdict

    def add_working_days(self, received: date, n: int) -> date:
        """The n-th working day after ``received`` (n >= 1): the due date.

        The receipt day itself never counts (期限从收到之日的次日起算), so a
        letter received on a working day with n=1 is due the next working day.
        Receipt on a non-working day (weekend, holiday) needs no special rule:
        counting simply starts from the next working day, so a letter received
        on Saturday with n=1 is due on Monday (if Monday is a working day).

        Raises :class:`UnknownYearError` if the count runs into an unknown year;
        use :func:`compute_deadline` to get a provisional date in that case.
        """
        _require_date(received, "received")
        _require_count(n)
        for day in _days_after(received):
            if self.is_working_day(day):
                n -= 1
                if n == 0:
                    return day
        raise AssertionError("unreachable")  # pragma: no cover

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: ``start`` excluded, ``end`` included.

        Inverse of :meth:`add_working_days`: ``working_days_between(r,
        add_working_days(r, n)) == n``. Equal dates give 0; ``end`` before
        ``start`` gives the negated count, so ``working_days_between(today,
        due)`` reads as working days left (negative when overdue). Used for
        average working days to reply and on-time checks.
        """
        _require_date(start, "start")
        _require_date(end, "end")
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            count += self.is_working_day(day)
            day += _ONE_DAY
        return count


def _days_after(day: date) -> Iterator[date]:
    while True:
        day += _ONE_DAY
        yield day


@dataclass(frozen=True)
class Deadline:
    """A due date, exact when every year it touches has a known schedule.

    ``provisional_due`` is always set: where a year is unknown it counts
    Mon–Fri (plus any admin overrides already entered for that year), for
    display together with :attr:`warning`. ``due`` is ``None`` unless exact.
    """

    due: date | None
    provisional_due: date
    unknown_years: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.unknown_years and self.due is not None:
            raise ValueError("a deadline touching unknown years cannot have an exact due date")
        if not self.unknown_years and self.due != self.provisional_due:
            raise ValueError("an exact deadline's due date must equal its provisional date")

    @property
    def exact(self) -> bool:
        return not self.unknown_years

    @property
    def warning(self) -> str | None:
        """Chinese note for staff/admins when the date is only provisional."""
        if self.exact:
            return None
        years = "、".join(f"{y}年" for y in self.unknown_years)
        return f"期限涉及{years}，该年度节假日安排尚未录入，暂按周末推算，仅供参考。请平台管理员录入后重新计算。"


def compute_deadline(
    calendar: WorkingCalendar, received: datetime | date, working_days: int
) -> Deadline:
    """Due date ``working_days`` working days after receipt (receipt day not counted).

    A ``datetime`` is first converted to the Beijing local date (UTC+8; a naive
    datetime is taken as UTC, as elsewhere in the platform): a letter received
    2026-11-24T17:30Z was received on 2026-11-25 in Wuxue. Receipt on a
    non-working day: counting starts from the next working day.

    Never raises for unknown years: it returns a provisional deadline listing
    them in ``unknown_years`` so admins can be alerted.
    """
    if isinstance(received, datetime):
        received_day = to_beijing(received).date()
    elif isinstance(received, date):
        received_day = received
    else:
        raise TypeError(f"received must be a date or datetime, got {received!r}")
    remaining = _require_count(working_days)
    unknown: set[int] = set()
    for day in _days_after(received_day):
        verdict = calendar._lookup(day)
        if verdict is None:
            unknown.add(day.year)
            verdict = day.weekday() < 5
        if verdict:
            remaining -= 1
            if remaining == 0:
                break
    if unknown:
        return Deadline(None, day, tuple(sorted(unknown)))
    return Deadline(day, day)
