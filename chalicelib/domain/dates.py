"""Chinese date formatting in Beijing time."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
_WEEKDAYS = "一二三四五六日"


def to_beijing(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(BEIJING)


def date_cn(moment: datetime) -> str:
    """2026年11月25日"""
    local = to_beijing(moment)
    return f"{local.year}年{local.month}月{local.day}日"


def datetime_cn(moment: datetime) -> str:
    """2026年11月25日 09:30"""
    local = to_beijing(moment)
    return f"{date_cn(local)} {local:%H:%M}"


def today_cn(moment: datetime) -> str:
    """2026年11月25日 星期三"""
    local = to_beijing(moment)
    return f"{date_cn(local)} 星期{_WEEKDAYS[local.weekday()]}"


def iso_date(moment: datetime) -> str:
    return to_beijing(moment).date().isoformat()


def parse_iso(raw: str) -> datetime:
    moment = datetime.fromisoformat(raw)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def utc_iso(moment: datetime) -> str:
    """Sortable UTC timestamp used in keys: 2026-11-25T01:30:00Z"""
    return to_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
