"""Host parsing, label rules, routing decisions and footer-mark inheritance."""
from __future__ import annotations

import pytest

from chalicelib.domain.tenancy import (
    AddressMode,
    FooterMarks,
    NotFound,
    Redirect,
    Registry,
    Serve,
    Site,
    SiteKind,
    effective_marks,
    normalize_host,
    police_record_number,
    route,
    validate_alias_domain,
    validate_label,
    validate_site_code,
)
from chalicelib.errors import ValidationError

ROOTS = ("wuxue.gov.cn", "wuxue.localhost")

PORTAL = Site("www", "www", "武穴市人民政府", SiteKind.PORTAL, AddressMode.SUBDOMAIN,
              marks=FooterMarks(site_code="4211820001", icp="鄂ICP备1号", police_record="鄂公网安备 42118202000001号"))
JYJ = Site("jyj", "jyj", "武穴市教育局", SiteKind.DEPARTMENT, AddressMode.PATH, parent_id="www")
GAJ = Site("gaj", "gaj", "武穴市公安局", SiteKind.DEPARTMENT, AddressMode.SUBDOMAIN, parent_id="www",
           aliases=("wxga.gov.cn",), marks=FooterMarks(site_code="4211820099"))
REGISTRY = Registry.of([PORTAL, JYJ, GAJ])


def decide(host, path="/", query=""):
    return route(host, path, REGISTRY, ROOTS, "www", query)


@pytest.mark.parametrize("raw, expected", [
    ("WWW.Wuxue.GOV.cn", "www.wuxue.gov.cn"),
    ("www.wuxue.gov.cn:8000", "www.wuxue.gov.cn"),
    ("www.wuxue.gov.cn.", "www.wuxue.gov.cn"),
    ("Jyj.Wuxue.Gov.Cn.:443", "jyj.wuxue.gov.cn"),
    ("  gaj.wuxue.gov.cn  ", "gaj.wuxue.gov.cn"),
    ("[::1]:8000", "[::1]"),
    ("", ""),
    (None, ""),
])
def test_host_is_normalised_case_port_and_trailing_dot(raw, expected):
    assert normalize_host(raw) == expected


@pytest.mark.parametrize("label", ["jyj", "ab", "a1", "x-y", "wx-jyj-2026", "a" * 30, "JYJ", " jyj "])
def test_valid_labels_are_accepted_and_lowercased(label):
    assert validate_label(label) == label.strip().lower()


@pytest.mark.parametrize("label, code, fragment", [
    ("", "label_empty", "请填写"),
    ("a", "label_length", "2 到 30"),
    ("a" * 31, "label_length", "2 到 30"),
    ("-jyj", "label_hyphen", "连字符开头或结尾"),
    ("jyj-", "label_hyphen", "连字符开头或结尾"),
    ("jy_j", "label_chars", "小写英文字母"),
    ("教育局", "label_chars", "小写英文字母"),
    ("jy.j", "label_chars", "小写英文字母"),
    ("www", "label_reserved", "保留"),
    ("admin", "label_reserved", "保留"),
    ("api", "label_reserved", "保留"),
    ("static", "label_reserved", "保留"),
    ("mail", "label_reserved", "保留"),
    ("column", "label_reserved", "保留"),
])
def test_invalid_labels_get_a_chinese_reason(label, code, fragment):
    with pytest.raises(ValidationError) as err:
        validate_label(label)
    assert err.value.code == code
    assert fragment in err.value.message


def test_alias_domain_rules():
    assert validate_alias_domain("WXJY.gov.cn.", ROOTS) == "wxjy.gov.cn"
    with pytest.raises(ValidationError, match="平台域名"):
        validate_alias_domain("jyj.wuxue.gov.cn", ROOTS)
    with pytest.raises(ValidationError, match="不是有效的域名"):
        validate_alias_domain("not a domain", ROOTS)


def test_portal_host_serves_portal():
    assert decide("www.wuxue.gov.cn", "/column/xwdt") == Serve(PORTAL, "www.wuxue.gov.cn", "", "/column/xwdt")


def test_bare_root_redirects_to_portal():
    assert decide("wuxue.gov.cn", "/x", "a=1") == Redirect("www.wuxue.gov.cn", "/x?a=1")


def test_path_mounted_unit_is_served_under_portal():
    assert decide("www.wuxue.gov.cn", "/jyj/column/xwdt") == Serve(JYJ, "www.wuxue.gov.cn", "/jyj", "/column/xwdt")
    assert decide("www.wuxue.gov.cn", "/jyj") == Serve(JYJ, "www.wuxue.gov.cn", "/jyj", "/")


def test_subdomain_form_of_path_mounted_unit_redirects_to_path():
    assert decide("jyj.wuxue.gov.cn", "/article/x", "p=2") == Redirect("www.wuxue.gov.cn", "/jyj/article/x?p=2")
    assert decide("jyj.wuxue.gov.cn", "/") == Redirect("www.wuxue.gov.cn", "/jyj/")


def test_subdomain_unit_is_served_on_its_host():
    assert decide("GAJ.wuxue.gov.cn:443", "/") == Serve(GAJ, "gaj.wuxue.gov.cn", "", "/")


def test_path_form_of_subdomain_unit_redirects_to_subdomain():
    assert decide("www.wuxue.gov.cn", "/gaj/column/tzgg", "c=1") == Redirect("gaj.wuxue.gov.cn", "/column/tzgg?c=1")


def test_legacy_alias_redirects_to_primary_address():
    assert decide("wxga.gov.cn", "/old/page.htm") == Redirect("gaj.wuxue.gov.cn", "/old/page.htm")


def test_secondary_root_domain_redirects_to_primary_root():
    assert decide("gaj.wuxue.localhost", "/x") == Redirect("gaj.wuxue.gov.cn", "/x")
    assert decide("www.wuxue.localhost", "/jyj/") == Redirect("www.wuxue.gov.cn", "/jyj/")


@pytest.mark.parametrize("host", [
    "nosuch.wuxue.gov.cn", "a.b.wuxue.gov.cn", "evil.example.com", "wuxue.gov.cn.evil.com",
    "xwuxue.gov.cn", "", None, "127.0.0.1",
])
def test_unknown_hosts_are_not_found(host):
    assert decide(host) == NotFound()


def test_unknown_first_segment_on_portal_stays_on_portal():
    # portal's own router answers 404 for it; never another tenant's content
    assert decide("www.wuxue.gov.cn", "/nosuch/page") == Serve(PORTAL, "www.wuxue.gov.cn", "", "/nosuch/page")


def test_portal_label_on_portal_path_is_not_a_mount():
    assert decide("www.wuxue.gov.cn", "/www/x") == Serve(PORTAL, "www.wuxue.gov.cn", "", "/www/x")


def test_path_mounted_site_inherits_portal_marks():
    assert effective_marks(JYJ, PORTAL) == PORTAL.marks


def test_subdomain_site_keeps_own_marks_and_falls_back_to_portal():
    marks = effective_marks(GAJ, PORTAL)
    assert marks.site_code == "4211820099"
    assert marks.icp == PORTAL.marks.icp
    assert marks.police_record == PORTAL.marks.police_record


def test_site_code_and_police_number():
    assert validate_site_code(" 4211820001 ") == "4211820001"
    assert validate_site_code("") is None
    with pytest.raises(ValidationError, match="10 位数字"):
        validate_site_code("42118")
    assert police_record_number("鄂公网安备 42118202000001号") == "42118202000001"
    assert police_record_number("无") is None
