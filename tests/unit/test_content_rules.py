"""Sanitising, Chinese dates, cursors, column trees, ETags, settings."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.content import Column, ColumnType, column_tree, new_article_id, validate_slug
from chalicelib.domain.cursor import decode_cursor, encode_cursor
from chalicelib.domain.dates import date_cn, datetime_cn, today_cn
from chalicelib.domain.html import sanitize_html
from chalicelib.errors import ValidationError
from chalicelib.settings import SettingsError, load_settings
from chalicelib.web.http import etag_matches, strong_etag


def test_sanitiser_keeps_structure_and_drops_scripts():
    dirty = (
        '<h2 style="color:red">标题</h2><p onclick="x()">正文<strong>加粗</strong></p>'
        '<table><tr><td colspan="2">表格</td></tr></table><ul><li>一</li></ul>'
        '<script>alert(1)</script><img src="javascript:alert(1)"><a href="javascript:alert(2)">x</a>'
        '<iframe src="https://evil"></iframe><o:p></o:p><!-- mso -->'
    )
    clean = sanitize_html(dirty)
    assert "<h2>标题</h2>" in clean
    assert "<strong>加粗</strong>" in clean
    assert '<td colspan="2">表格</td>' in clean
    assert "<li>一</li>" in clean
    for bad in ("<script", "onclick", "javascript:", "<iframe", "style=", "mso", "o:p"):
        assert bad not in clean


def test_sanitiser_makes_links_noopener():
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="https://www.gov.cn/">国务院</a>')


def test_chinese_dates_are_in_beijing_time():
    late_utc = datetime(2026, 11, 24, 17, 30, tzinfo=timezone.utc)  # 01:30 next day in Beijing
    assert date_cn(late_utc) == "2026年11月25日"
    assert datetime_cn(late_utc) == "2026年11月25日 01:30"
    assert today_cn(late_utc) == "2026年11月25日 星期三"


def test_cursor_roundtrip_and_tampering():
    key = "2026-11-25T01:30:00Z#20261125abcdef"
    assert decode_cursor(encode_cursor(key)) == key
    assert decode_cursor(None) is None
    for bad in ("!!!", "bm90LWEta2V5", encode_cursor("LIST#other#x")):
        with pytest.raises(ValidationError) as err:
            decode_cursor(bad)
        assert err.value.code == "invalid_cursor"


def test_column_tree_orders_roots_and_children_and_hides_hidden():
    cols = [
        Column("s", "b", "B", ColumnType.NEWS, order=2),
        Column("s", "a", "A", ColumnType.NEWS, order=1),
        Column("s", "a2", "A2", ColumnType.NEWS, parent_slug="a", order=2),
        Column("s", "a1", "A1", ColumnType.NEWS, parent_slug="a", order=1),
        Column("s", "h", "H", ColumnType.NEWS, order=0, hidden=True),
        Column("s", "orphan", "O", ColumnType.NEWS, parent_slug="missing", order=3),
    ]
    tree = column_tree(cols)
    assert [(r.slug, [k.slug for k in kids]) for r, kids in tree] == [("a", ["a1", "a2"]), ("b", []), ("orphan", [])]


def test_slug_and_article_id_rules():
    assert validate_slug(" XWDT ") == "xwdt"
    with pytest.raises(ValidationError):
        validate_slug("新闻")
    moment = datetime(2026, 11, 25, tzinfo=timezone.utc)
    assert new_article_id(moment, "abc123") == "20261125abc123"
    assert new_article_id(moment) != new_article_id(moment)


def test_column_type_cadence_follows_national_rules():
    assert ColumnType.NEWS.default_cadence_days == 14
    assert ColumnType.NOTICE.default_cadence_days == 180
    assert ColumnType.POLICY.default_cadence_days == 180
    assert ColumnType.PAGE.default_cadence_days is None


def test_etag_matching():
    tag = strong_etag(b"hello")
    assert etag_matches(tag, tag)
    assert etag_matches(f'"other", {tag}', tag)
    assert etag_matches(f"W/{tag}", tag)
    assert etag_matches("*", tag)
    assert not etag_matches('"other"', tag)
    assert not etag_matches(None, tag)
    assert strong_etag(b"hello") != strong_etag(b"hello!")


def test_settings_parse_and_reject_bad_values():
    s = load_settings({"ROOT_DOMAINS": "Wuxue.gov.cn., wuxue.localhost", "PUBLIC_PORT": "8000", "PUBLIC_SCHEME": "http"})
    assert s.root_domains == ("wuxue.gov.cn", "wuxue.localhost")
    assert s.origin("www.wuxue.gov.cn") == "http://www.wuxue.gov.cn:8000"
    assert load_settings({"PUBLIC_PORT": "443"}).origin("a.b") == "https://a.b"
    with pytest.raises(SettingsError):
        load_settings({"PUBLIC_SCHEME": "ftp"})
    with pytest.raises(SettingsError):
        load_settings({"PUBLIC_PORT": "eighty"})
