"""Render every public template with realistic fake context, for looking at them.

    .venv/bin/python -m tools.render_preview [--out /tmp/preview] [--strict] [--shots]

Writes OUT/<name>.html plus a copy of static/ beside them (static_url() returns a
relative path here, so the files open straight from disk: file:///tmp/preview/home.html).
--shots also writes OUT/<name>-pc.png (1280 wide) and OUT/<name>-phone.png (390 wide)
with a headless Chromium (Debian: apt-get install chromium fonts-wqy-microhei), e.g.:

    chromium --headless --no-sandbox --disable-gpu --window-size=1280,2000 \
        --screenshot=/tmp/preview/home-pc.png file:///tmp/preview/home.html

Dev tool only: the data below is fake. Contexts mix plain objects and dicts on purpose,
as the real view models do (chalicelib/web/views.py), so templates must work with both.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace as NS

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
STATIC = REPO / "static"


def environment(strict: bool = False) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        **({"undefined": StrictUndefined} if strict else {}),
    )
    env.globals["static_url"] = lambda name: f"static/{name}?v=preview"
    return env


# --- fake data ------------------------------------------------------------

TODAY = "2026年11月25日 星期三"
PORTAL_HOME = "https://www.wuxue.gov.cn/"


def marks(unit: str | None = None, *, conac: bool = True) -> NS:
    return NS(
        sponsor="武穴市人民政府办公室",
        organizer=unit,
        address="湖北省武穴市刊江大道1号",
        phone="0713-6211111",
        email="wxszfb@wuxue.gov.cn" if unit is None else None,
        site_code="4211820001",
        icp="鄂ICP备05003326号",
        icp_url="https://beian.miit.gov.cn/",
        police_record="鄂公网安备 42118202000101号",
        police_url="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=42118202000101",
        conac_url="https://bszs.conac.cn/sitename?method=show&id=0000" if conac else None,
        jiucuo_url="https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?idCode=4211820001",
    )


PORTAL_SITE = NS(name="武穴市人民政府", kind="portal", kind_label="门户网站", is_portal=True, home_url="/")
UNIT_SITE = NS(name="武穴市教育局", kind="department", kind_label="市直部门", is_portal=False, home_url="/jyj/")
PORTAL = NS(name="武穴市人民政府", home_url=PORTAL_HOME)

PORTAL_NAV = [
    ("要闻动态", "/column/xwdt"), ("政府信息公开", "/column/zfxxgk"), ("通知公告", "/column/tzgg"),
    ("政策文件", "/column/zcwj"), ("政务服务", "https://zwfw.hubei.gov.cn/"), ("互动交流", "/column/hdjl"),
    ("走进武穴", "/column/zjwx"),
]
UNIT_NAV = [
    ("教育动态", "/jyj/column/xwdt"), ("通知公告", "/jyj/column/tzgg"), ("政策文件", "/jyj/column/zcwj"),
    ("机构职能", "/jyj/column/jgzn"), ("办事服务", "https://zwfw.hubei.gov.cn/"),
]


def nav(pairs, active: str | None = None) -> list[NS]:
    return [NS(name=n, url=u, external=u.startswith("http"), active=n == active) for n, u in pairs]


NEWS = [
    "全市秋冬季安全生产工作会议召开",
    "市政府常务会议研究部署冬春农田水利基本建设工作",
    "武穴市举办2026年重点项目集中签约活动，总投资逾百亿元",
    "我市开展“温暖过冬”困难群众走访慰问活动",
    "长江武穴段生态环境保护专项督查反馈问题整改推进会召开",
    "市领导调研城区老旧小区改造工作",
    "武穴港区集装箱吞吐量同比增长两成",
    "全市营商环境优化提升大会召开",
]
NOTICES = [
    "关于做好2027年元旦春节期间有关工作的通知",
    "武穴市2026年第四季度公开招聘事业单位工作人员公告",
    "关于开展2026年度政府网站与政务新媒体检查的通知",
    "关于冬季城区道路临时交通管制的通告",
    "武穴市人民政府关于征收土地的预公告",
    "关于公布第二批市级非物质文化遗产代表性项目名录的通知",
]
POLICIES = [
    ("武政发〔2026〕12号", "武穴市人民政府关于进一步优化营商环境的若干意见"),
    ("武政办发〔2026〕35号", "武穴市人民政府办公室关于印发武穴市城市更新实施方案的通知"),
    ("武政办发〔2026〕31号", "关于加快推进数字政府建设的实施意见"),
    ("武政发〔2026〕9号", "武穴市促进就业创业若干政策措施"),
    ("武政办发〔2026〕22号", "武穴市农村人居环境整治提升五年行动方案"),
]


def day(i: int) -> tuple[str, str]:
    d = 25 - i
    return f"2026年11月{d}日", f"2026-11-{d:02d}"


def items(titles, base: str, *, docs=None, summaries: bool = False) -> list[NS]:
    out = []
    for i, title in enumerate(titles):
        date, iso = day(i * 2)
        doc = None
        if isinstance(title, tuple):
            doc, title = title
        out.append(NS(
            title=title, url=f"{base}article/2026112{i}abcdef", date=date, iso=iso, doc_number=doc,
            summary=("为深入贯彻落实上级有关部署要求，切实做好相关工作，现将有关事项通知如下，"
                     "请各地各部门结合实际认真抓好贯彻落实。") if summaries and i % 2 == 0 else None,
        ))
    return out


def base_context(site: NS, title: str, *, unit: str | None = None, nav_pairs=PORTAL_NAV, active=None,
                 meta_extra=(), demo: bool = True) -> dict:
    prefix = site.home_url.rstrip("/")
    return {
        "title": title,
        "canonical_url": "https://www.wuxue.gov.cn" + site.home_url,
        "meta": [("SiteName", site.name), ("SiteDomain", "www.wuxue.gov.cn"), ("SiteIDCode", "4211820001"),
                 *meta_extra],
        "site": site,
        "portal": PORTAL,
        "nav": nav(nav_pairs, active),
        "marks": marks(unit),
        "sitemap_url": f"{prefix}/sitemap",
        "demo": demo,
        "today": TODAY,
        "feeds": [{"title": "RSS", "type": "application/rss+xml", "url": "rss.xml"}],
    }


def portal_home() -> dict:
    ctx = base_context(PORTAL_SITE, "武穴市人民政府", meta_extra=[("ColumnName", "首页"), ("ColumnType", "首页")])
    news = items(NEWS, "/")
    sections = [
        {"name": "要闻动态", "url": "/column/xwdt", "type": "news", "type_label": "动态", "external_url": None,
         "items": news[:7]},
        {"name": "通知公告", "url": "/column/tzgg", "type": "notice", "type_label": "通知公告", "external_url": None,
         "items": items(NOTICES, "/")},
        {"name": "政策文件", "url": "/column/zcwj", "type": "policy", "type_label": "政策文件", "external_url": None,
         "items": items(POLICIES, "/")},
        {"name": "部门动态", "url": "/column/bmdt", "type": "news", "type_label": "动态", "external_url": None,
         "items": []},
        {"name": "政务服务", "url": "https://zwfw.hubei.gov.cn/", "type": "link", "type_label": "外部链接",
         "external_url": "https://zwfw.hubei.gov.cn/", "items": []},
        {"name": "走进武穴", "url": "/column/zjwx", "type": "page", "type_label": "单页", "external_url": None,
         "items": []},
        {"name": "政府工作报告", "url": "/column/gzbg", "type": "page", "type_label": "单页", "external_url": None,
         "items": []},
        {"name": "12345热线", "url": "https://12345.hubei.gov.cn/", "type": "link", "type_label": "外部链接",
         "external_url": "https://12345.hubei.gov.cn/", "items": []},
    ]
    departments = ["发展和改革局", "教育局", "科学技术和经济信息化局", "公安局", "民政局", "司法局", "财政局",
                   "人力资源和社会保障局", "自然资源和规划局", "生态环境分局", "住房和城乡建设局", "交通运输局",
                   "水利和湖泊局", "农业农村局", "商务局", "文化和旅游局", "卫生健康局", "应急管理局"]
    towns = ["梅川镇", "余川镇", "石佛寺镇", "大法寺镇", "四望镇", "花桥镇", "大金镇", "龙坪镇"]
    streets = ["刊江街道办事处", "武穴街道办事处", "田镇街道办事处", "万丈湖街道办事处"]
    ctx.update(
        headline=NS(title="门户要闻：" + NEWS[0], url=news[0].url, date=news[0].date, iso=news[0].iso),
        sections=sections,
        unit_groups=[
            {"label": "市直部门", "sites": [{"name": "武穴市" + n, "url": f"https://www.wuxue.gov.cn/d{i}/"}
                                         for i, n in enumerate(departments)]},
            {"label": "镇", "sites": [{"name": n, "url": f"https://www.wuxue.gov.cn/t{i}/"} for i, n in enumerate(towns)]},
            {"label": "街道办事处", "sites": [{"name": n, "url": f"https://www.wuxue.gov.cn/s{i}/"}
                                         for i, n in enumerate(streets)]},
        ],
    )
    return ctx


def unit_home() -> dict:
    ctx = base_context(UNIT_SITE, "武穴市教育局", unit="武穴市教育局", nav_pairs=UNIT_NAV,
                       meta_extra=[("ColumnName", "首页"), ("ColumnType", "首页")])
    edu = ["教育局：全市中小学开展消防安全演练", "全市2026年秋季学期教学质量分析会召开", "我市3所学校获评省级文明校园",
           "武穴市第二届中小学生科技创新大赛举行", "教育局开展校园食品安全专项检查"]
    sections = [
        {"name": "教育动态", "url": "/jyj/column/xwdt", "type": "news", "type_label": "动态", "external_url": None,
         "items": items(edu, "/jyj/")},
        {"name": "通知公告", "url": "/jyj/column/tzgg", "type": "notice", "type_label": "通知公告",
         "external_url": None, "items": items(["关于2027年春季学期开学工作安排的通知", "武穴市2026年教师资格认定公告"], "/jyj/")},
        {"name": "机构职能", "url": "/jyj/column/jgzn", "type": "page", "type_label": "单页", "external_url": None,
         "items": []},
        {"name": "办事服务", "url": "https://zwfw.hubei.gov.cn/", "type": "link", "type_label": "外部链接",
         "external_url": "https://zwfw.hubei.gov.cn/", "items": []},
    ]
    first = sections[0]["items"][0]
    ctx.update(headline=NS(title=first.title, url=first.url, date=first.date, iso=first.iso), sections=sections,
               unit_groups=[])
    return ctx


def column_list() -> dict:
    ctx = base_context(PORTAL_SITE, "通知公告 - 武穴市人民政府", active="政府信息公开",
                       meta_extra=[("ColumnName", "通知公告"), ("ColumnType", "通知公告")])
    ctx.update(
        column={"name": "通知公告", "type_label": "通知公告", "description": "发布市政府及市直部门的各类通知、公告、通告。",
                "url": "/column/tzgg"},
        breadcrumbs=[NS(name="首页", url="/"), NS(name="政府信息公开", url="/column/zfxxgk"),
                     NS(name="通知公告", url="/column/tzgg")],
        items=items(NOTICES + [t for _, t in POLICIES], "/", summaries=True),
        subcolumns=[NS(name=n, url=f"/column/{s}", external=False, active=n == "通知公告")
                    for n, s in [("政府信息公开指南", "gkzn"), ("通知公告", "tzgg"), ("政策文件", "zcwj"),
                                 ("人事信息", "rsxx"), ("财政预决算", "czyjs")]],
        next_url="/column/tzgg?cursor=eyJwIjoiMjAyNjExMTAifQ",
        first_url="/column/tzgg",
        page=None,
    )
    return ctx


def column_empty() -> dict:
    ctx = base_context(UNIT_SITE, "通知公告 - 武穴市教育局", unit="武穴市教育局", nav_pairs=UNIT_NAV, active="通知公告")
    ctx.update(column={"name": "通知公告", "type_label": "通知公告", "description": None, "url": "/jyj/column/tzgg"},
               breadcrumbs=[NS(name="首页", url="/jyj/"), NS(name="通知公告", url="/jyj/column/tzgg")],
               items=[], subcolumns=[], next_url=None, first_url=None, page=None)
    return ctx


BODY = Markup(
    "<p>各镇人民政府、街道办事处，市政府各部门：</p>"
    "<p>2027年元旦、春节即将到来。为切实做好节日期间各项工作，确保全市人民度过欢乐祥和的节日，经市人民政府同意，现将有关事项通知如下：</p>"
    "<h3>一、切实做好困难群众生活保障</h3>"
    "<p>各地各部门要深入开展走访慰问活动，及时将党和政府的关怀送到困难群众手中。要加强重要民生商品市场监测，"
    "保障节日期间市场供应充足、价格基本稳定。详见<a href=\"https://www.hubei.gov.cn/\">湖北省人民政府网站</a>相关通知。</p>"
    "<h3>二、全力抓好安全生产工作</h3>"
    "<p>要牢固树立安全发展理念，严格落实安全生产责任制，深入开展安全隐患排查整治，坚决防范和遏制重特大事故发生。</p>"
    "<table><tr><th>时段</th><th>值班单位</th><th>联系电话</th></tr>"
    "<tr><td>1月1日—1月3日</td><td>市政府办公室</td><td>0713-6211111</td></tr>"
    "<tr><td>2月16日—2月22日</td><td>市应急管理局</td><td>0713-6233333</td></tr></table>"
    "<p>特此通知。</p>"
    "<p style=\"text-align:right\">武穴市人民政府办公室<br>2026年11月20日</p>"
)


def article_doc() -> dict:
    title = "关于做好2027年元旦春节期间有关工作的通知"
    ctx = base_context(PORTAL_SITE, f"{title} - 武穴市人民政府", active="政府信息公开",
                       meta_extra=[("ColumnName", "通知公告"), ("ArticleTitle", title), ("PubDate", "2026-11-20 10:00")])
    ctx.update(
        article={
            "title": title, "subtitle": None, "source": "武穴市人民政府办公室", "author": None,
            "date": "2026年11月20日 10:00", "datetime_iso": "2026-11-20T10:00:00+08:00", "body_html": BODY,
            "cover_url": None,
            "attachments": [{"name": "2027年元旦春节值班安排表.xlsx", "url": "/files/zb.xlsx", "size_label": "18 KB"},
                            {"name": "节日期间安全生产检查清单.pdf", "url": "/files/aq.pdf", "size_label": "1.2 MB"}],
            "doc_number": "武政办发〔2026〕35号", "index_number": "WWW/2026-00035", "keywords": ["元旦", "春节", "安全生产"],
            "summary": None, "demo": True,
        },
        column={"name": "通知公告", "url": "/column/tzgg"},
        breadcrumbs=[NS(name="首页", url="/"), NS(name="政府信息公开", url="/column/zfxxgk"),
                     NS(name="通知公告", url="/column/tzgg"), NS(name="正文", url="/article/20261120bbbbbb")],
    )
    return ctx


def article_news() -> dict:
    title = "教育局：全市中小学开展消防安全演练"
    ctx = base_context(UNIT_SITE, f"{title} - 武穴市教育局", unit="武穴市教育局", nav_pairs=UNIT_NAV, active="教育动态")
    body = Markup(
        "<p>11月9日是全国消防日。为进一步增强师生消防安全意识和自救互救能力，全市各中小学校在本周集中开展消防安全疏散演练。</p>"
        "<p>演练中，随着警报声响起，各班学生在老师指挥下，用湿毛巾捂住口鼻、弯腰低姿，沿指定路线有序撤离至操场安全地带。"
        "随后，消防救援人员现场讲解了灭火器的使用方法，并邀请师生代表进行实操体验。</p>"
        "<p>市教育局相关负责人表示，将持续把安全教育融入日常教学，切实筑牢校园安全防线。</p>"
    )
    ctx.update(
        article=NS(title=title, subtitle="筑牢校园安全防线 提升师生应急能力", source="武穴市教育局", author="王晓明",
                   date="2026年11月23日 16:30", datetime_iso="2026-11-23T16:30:00+08:00", body_html=body,
                   cover_url=None, attachments=[], doc_number=None, index_number=None,
                   keywords=["消防安全", "校园安全"], summary="全市中小学集中开展消防安全疏散演练，提升师生应急避险能力。",
                   demo=True),
        column=NS(name="教育动态", url="/jyj/column/xwdt"),
        breadcrumbs=[NS(name="首页", url="/jyj/"), NS(name="教育动态", url="/jyj/column/xwdt"),
                     NS(name="正文", url="/jyj/article/20261123eeeeee")],
    )
    return ctx


def column_page() -> dict:
    ctx = base_context(UNIT_SITE, "机构职能 - 武穴市教育局", unit="武穴市教育局", nav_pairs=UNIT_NAV, active="机构职能")
    body = Markup(
        "<p>武穴市教育局是市人民政府工作部门，主管全市教育工作。</p>"
        "<p><strong>主要职责：</strong></p>"
        "<p>（一）贯彻执行国家和省、黄冈市有关教育工作的方针、政策和法律法规，拟订全市教育发展规划并组织实施。</p>"
        "<p>（二）统筹管理全市各级各类教育，负责推进义务教育均衡发展和促进教育公平。</p>"
        "<p>（三）负责全市教师队伍建设和管理工作，指导学校教育教学改革。</p>"
        "<p>武穴市教育局机构职能正文。</p>"
    )
    ctx.update(
        column={"name": "机构职能", "type_label": "单页", "description": None, "url": "/jyj/column/jgzn"},
        breadcrumbs=[NS(name="首页", url="/jyj/"), NS(name="机构职能", url="/jyj/column/jgzn")],
        items=[], subcolumns=[NS(name="机构职能", url="/jyj/column/jgzn", external=False, active=True),
                              NS(name="领导信息", url="/jyj/column/ldxx", external=False, active=False),
                              NS(name="内设机构", url="/jyj/column/nsjg", external=False, active=False)],
        next_url=None, first_url=None,
        page={"title": "机构职能", "subtitle": None, "source": "武穴市教育局", "author": None,
              "date": "2026年10月8日 09:00", "datetime_iso": "2026-10-08T09:00:00+08:00", "body_html": body,
              "cover_url": None, "attachments": [], "doc_number": None, "index_number": None, "keywords": [],
              "summary": None, "demo": True},
    )
    return ctx


def sitemap() -> dict:
    ctx = base_context(PORTAL_SITE, "网站地图 - 武穴市人民政府", meta_extra=[("ColumnName", "网站地图")])
    def node(name, url, children=()):
        return NS(name=name, url=url, external=url.startswith("http"), children=tuple(children))
    ctx["tree"] = [
        node("要闻动态", "/column/xwdt", [node("武穴要闻", "/column/wxyw"), node("部门动态", "/column/bmdt"),
                                      node("镇处动态", "/column/zcdt")]),
        node("政府信息公开", "/column/zfxxgk", [node(n, f"/column/x{i}") for i, n in enumerate(
            ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "通知公告", "政策文件",
             "人事信息", "财政预决算"])]),
        node("通知公告", "/column/tzgg"),
        node("政务服务", "https://zwfw.hubei.gov.cn/"),
        node("互动交流", "/column/hdjl", [node("市长信箱", "/column/szxx"), node("在线访谈", "/column/zxft"),
                                      node("意见征集", "/column/yjzj")]),
        node("走进武穴", "/column/zjwx", [node("武穴概况", "/column/wxgk"), node("历史文化", "/column/lswh")]),
    ]
    return ctx


def not_found_site() -> dict:
    ctx = base_context(UNIT_SITE, "页面不存在 - 武穴市教育局", unit="武穴市教育局", nav_pairs=UNIT_NAV)
    ctx["message"] = "您访问的栏目或文章不存在，可能已被删除或移动。"
    return ctx


def siteless(extra: dict) -> dict:
    ctx = {"title": "页面不存在 - 武穴市政府网站集约化平台", "canonical_url": None, "meta": [], "site": None,
           "portal": None, "nav": [], "marks": None, "sitemap_url": None, "demo": False, "today": "", "feeds": []}
    ctx.update(extra)
    return ctx


def error_site() -> dict:
    ctx = base_context(PORTAL_SITE, "出错了 - 武穴市人民政府")
    ctx.update(message="分页参数无效。", status=400)
    return ctx


PAGES = {
    "home": ("home.html", portal_home),
    "home-unit": ("home.html", unit_home),
    "column": ("column.html", column_list),
    "column-empty": ("column.html", column_empty),
    "column-page": ("column.html", column_page),
    "article": ("article.html", article_doc),
    "article-news": ("article.html", article_news),
    "sitemap": ("sitemap.html", sitemap),
    "not_found": ("not_found.html", not_found_site),
    "not_found-nosite": ("not_found.html", lambda: siteless({"message": "该网站不存在或尚未开通。"})),
    "error": ("error.html", error_site),
    "error-nosite": ("error.html", lambda: siteless({"title": "出错了 - 武穴市政府网站集约化平台",
                                                       "message": "系统繁忙，请稍后再试。我们已记录此问题。", "status": 503})),
}


def render_all(out: Path, *, strict: bool = False) -> list[Path]:
    env = environment(strict)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STATIC, out / "static", dirs_exist_ok=True)
    written = []
    for name, (template, build) in PAGES.items():
        path = out / f"{name}.html"
        path.write_text(env.get_template(template).render(**build()), encoding="utf-8")
        written.append(path)
    index = "".join(f'<li><a href="{p.name}">{p.name}</a></li>' for p in written)
    (out / "index.html").write_text(f'<!DOCTYPE html><meta charset="utf-8"><title>预览</title><ul>{index}</ul>',
                                    encoding="utf-8")
    return written


WIDTHS = {"pc": (1280, 2000), "phone": (390, 2000)}


def screenshot(page: Path, browser: str) -> list[Path]:
    shots = []
    for tag, (width, height) in WIDTHS.items():
        png = page.with_name(f"{page.stem}-{tag}.png")
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--hide-scrollbars", f"--window-size={width},{height}",
             f"--screenshot={png}", page.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )
        shots.append(png)
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/preview"))
    parser.add_argument("--strict", action="store_true", help="fail on any undefined variable")
    parser.add_argument("--shots", action="store_true", help="also take PC and phone screenshots with Chromium")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if args.shots and not browser:
        parser.error("--shots needs chromium on PATH (apt-get install chromium fonts-wqy-microhei)")
    for path in render_all(args.out, strict=args.strict):
        print(path)
        if args.shots:
            for png in screenshot(path, browser):
                print(png)


if __name__ == "__main__":
    main()
