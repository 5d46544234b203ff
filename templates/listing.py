"""Listing workbook (Listing 优化): listing content per ASIN × version and keyword lists (Helium 10 Cerebro /
Magnet, or typed) in; LISTING_CHECK / SEARCH_TERMS_CHECK, volume-weighted keyword coverage, a 0–100 score,
keyword placement and before / after version comparison out."""

from templates.common import ASIN, IMPORT_ID, NOTE, SKU
from xladdin.workbooks.formats import INT, PCT
from xladdin.workbooks.spec import (
    ChartSpec,
    Column,
    DashboardSpec,
    GuideSpec,
    Highlight,
    Kpi,
    SettingsSpec,
    TableSpec,
    TemplateSpec,
)

VERSION = Column("version", "版本", "Version", width=10)
SCORE_FMT = "0"

LISTINGS = TableSpec(
    "Listings", "Listings", "Listing 内容", "Listing content",
    (ASIN, SKU, VERSION, Column("brand", "品牌", "Brand", width=14),
     Column("title", "标题", "Title", width=48),
     *(Column(f"bullet_{i}", f"五点 {i}", f"Bullet {i}", width=36) for i in range(1, 6)),
     Column("description", "描述", "Description", width=36),
     Column("search_terms", "后台搜索词", "Search terms", width=40),
     Column("main_image_path", "主图文件路径", "Main image path", width=36)),
    hint_zh="每个 ASIN 每个版本一行（如 current / draft）；从第 4 行粘贴或填写",
    hint_en="one row per ASIN and version (e.g. current / draft); paste or type from row 4")
KEYWORDS = TableSpec(
    "Keywords", "Keywords", "关键词与搜索量", "Keywords and search volume",
    (Column("keyword", "关键词", "Keyword", width=32),
     Column("search_volume", "搜索量", "Search volume", fmt=INT, width=12),
     Column("search_volume_trend", "搜索量趋势", "Volume trend", fmt=PCT, width=12),
     Column("cerebro_iq_score", "Cerebro IQ", "Cerebro IQ", fmt=INT, width=11),
     Column("magnet_iq_score", "Magnet IQ", "Magnet IQ", fmt=INT, width=11),
     Column("competing_products", "竞品数", "Competing products", fmt=INT, width=13),
     Column("title_density", "标题密度", "Title density", fmt=INT, width=11),
     IMPORT_ID),
    families=("helium10_cerebro", "helium10_magnet"),
    hint_zh="xladdin import Helium 10 Cerebro / Magnet，或手填关键词与搜索量（如品牌分析）；重复关键词取最大搜索量",
    hint_en="xladdin import Helium 10 Cerebro / Magnet, or type keyword + volume (e.g. Brand Analytics); "
            "duplicates keep the highest volume")
CRITERIA = TableSpec(
    "Criteria", "Criteria", "评分参数", "Scoring criteria",
    (Column("top_n_keywords", "高搜索量关键词数 (N)", "Top keywords (N)", fmt=INT, width=20),
     Column("listing_points", "LISTING_CHECK 满分", "Listing points", fmt=INT, width=18),
     Column("search_terms_points", "搜索词满分", "Search-term points", fmt=INT, width=18),
     Column("coverage_points", "覆盖率满分", "Coverage points", fmt=INT, width=16),
     Column("penalty_per_code", "每个问题扣分", "Penalty per code", fmt=INT, width=16),
     NOTE),
    hint_zh="只用第一行；空白 = 默认 N=10，40 / 20 / 40 分，每个问题代码扣 8 分",
    hint_en="first row only; blank = defaults N=10, 40 / 20 / 40 points, 8 points off per problem code")

CHECKS = TableSpec(
    "ListingChecks", "ListingChecks", "Listing 检查", "Listing checks",
    # Printed (through Note): what an operator reads first.  Right of Note: the full check texts (screen).
    (Column("listing", "Listing", "Listing", width=20),
     Column("score", "得分", "Score", fmt=SCORE_FMT, width=8),
     Column("coverage", "覆盖率", "Coverage", fmt="0.0%", width=10),
     Column("listing_codes", "Listing 问题", "Listing codes", fmt=INT, width=10),
     Column("search_terms_codes", "搜索词问题", "ST codes", fmt=INT, width=10),
     Column("missing_top_keywords", "缺失的高搜索量关键词", "Missing top keywords", width=50),
     NOTE,
     Column("listing_check", "LISTING_CHECK", "LISTING_CHECK", width=50),
     Column("search_terms_check", "SEARCH_TERMS_CHECK", "SEARCH_TERMS_CHECK", width=50),
     Column("image_check", "主图检查", "Image check", width=50),
     Column("listing_points", "Listing 得分", "Listing points", fmt="0.0", width=10),
     Column("search_terms_points", "搜索词得分", "ST points", fmt="0.0", width=10),
     Column("coverage_points", "覆盖率得分", "Coverage points", fmt="0.0", width=10),
     Column("score_basis", "计分说明", "Score basis", width=60),
     ASIN, VERSION, SKU, Column("title_chars", "标题字符数", "Title chars", fmt=INT, width=10)),
    role="output", row_key=("asin", "version"), operator_columns=("note",), print_through="note",
    highlights=(Highlight("score", "lessThan", ("60",), numbers_only=True),),
    hint_zh="刷新生成；得分 = 各项得分之和 ÷ 可得满分 × 100（见 Criteria）；红色 = 低于 60；备注右侧为屏幕明细",
    hint_en="written by refresh; score = points earned ÷ points available × 100 (see Criteria); red = below 60; "
            "columns right of Note are screen-only")
PLACEMENT = TableSpec(
    "KeywordPlacement", "KeywordPlacement", "关键词位置", "Keyword placement",
    (ASIN, VERSION, Column("rank", "排名", "Rank", fmt=INT, width=7),
     Column("keyword", "关键词", "Keyword", width=32),
     Column("search_volume", "搜索量", "Search volume", fmt=INT, width=12),
     Column("in_title", "标题", "Title", width=8), Column("in_bullets", "五点", "Bullets", width=8),
     Column("in_search_terms", "搜索词", "Search terms", width=10),
     Column("placement", "位置", "Placement", width=30)),
    role="output",
    highlights=(Highlight("placement", "equal", ('"missing 缺失"',)),),
    hint_zh="刷新生成：每个 ASIN × 版本 × 关键词，按搜索量排序；红色 = 标题、五点、搜索词中都没有",
    hint_en="written by refresh: per ASIN × version × keyword, by volume; red = in none of title, bullets, search terms")
VERSIONS = TableSpec(
    "Versions", "Versions", "版本对比", "Versions before / after",
    (ASIN, Column("before_version", "修改前", "Before", width=10),
     Column("after_version", "修改后", "After", width=10),
     Column("before_score", "修改前得分", "Before score", fmt=SCORE_FMT, width=11),
     Column("after_score", "修改后得分", "After score", fmt=SCORE_FMT, width=11),
     Column("score_diff", "得分差", "Score diff.", fmt="+0;-0;0", width=10),
     Column("before_coverage", "修改前覆盖率", "Before coverage", fmt="0.0%", width=12),
     Column("after_coverage", "修改后覆盖率", "After coverage", fmt="0.0%", width=12),
     Column("coverage_diff", "覆盖率差", "Coverage diff.", fmt="+0.0%;-0.0%;0.0%", width=12),
     NOTE,
     Column("keywords_gained", "新覆盖关键词", "Keywords gained", width=40),
     Column("keywords_lost", "丢失关键词", "Keywords lost", width=40)),
    role="output", row_key=("asin",), operator_columns=("note",), print_through="note",
    highlights=(Highlight("score_diff", "lessThan", ("0",), numbers_only=True),),
    hint_zh="刷新生成：修改前 = 版本 current（或该 ASIN 第一行），修改后 = 该 ASIN 最后一个其他版本；红色 = 得分下降；备注右侧为屏幕明细",
    hint_en="written by refresh: before = version 'current' (else the ASIN's first row), after = its last other "
            "version; red = score went down; columns right of Note are screen-only")
ISSUES = TableSpec(
    "Issues", "Issues", "数据问题", "Data issues",
    (ASIN, VERSION, Column("source", "来源", "Source", width=14), Column("code", "代码", "Code", width=18),
     Column("detail", "说明", "Detail", width=70)),
    role="output", hint_zh="刷新生成：缺 ASIN、重复行、无关键词、搜索量无效等",
    hint_en="written by refresh: missing ASIN, duplicate rows, no keywords, invalid volumes …")

LISTING = TemplateSpec(
    "listing", "Listing 优化", "Listing optimisation",
    guide=GuideSpec("说明 Guide", (
        ("在 Listings 表每个 ASIN 每个版本填一行：版本写 current（当前在线）和 draft（修改稿）；"
         "五点分别填 bullet_1…bullet_5，主图填本机文件的完整路径。",
         "In Listings, one row per ASIN and version: 'current' (live) and 'draft' (your rewrite); "
         "bullets in bullet_1…bullet_5, the main image as a full local file path."),
        ("关键词：Helium 10 › Cerebro（反查 ASIN）或 Magnet 导出 CSV，xladdin import 本文件.xlsx 文件.csv；"
         "品牌分析搜索词等可直接在 Keywords 表手填关键词和搜索量。",
         "Keywords: export Helium 10 Cerebro (reverse ASIN) or Magnet as CSV and xladdin import THIS.xlsx FILE.csv; "
         "Brand Analytics search terms can be typed into Keywords (keyword + search volume)."),
        ("可选：在 Criteria 第一行改高搜索量关键词数 N 与各项满分；Settings 中改标题、五点、搜索词、图片的限制。",
         "Optional: first row of Criteria sets N (top keywords) and the points; Settings holds the title, bullet, "
         "search-term and image limits."),
        ("刷新：插件功能区 › 刷新（或 xladdin refresh）。", "Refresh: ribbon › Refresh (or xladdin refresh)."),
        ("看 ListingChecks：得分 = (Listing 得分 + 搜索词得分 + 覆盖率得分) ÷ 可得满分 × 100；"
         "每个 LISTING_CHECK / SEARCH_TERMS_CHECK 问题代码扣分；覆盖率按搜索量加权（标题 + 五点 + 搜索词）。",
         "Read ListingChecks: score = (listing + search-term + coverage points) ÷ points available × 100; every "
         "LISTING_CHECK / SEARCH_TERMS_CHECK problem code costs points; coverage is volume-weighted "
         "(title + bullets + search terms)."),
        ("KeywordPlacement 列出每个关键词出现在标题、五点还是搜索词；红色 = 缺失。Versions 对比修改前后得分。",
         "KeywordPlacement shows where each keyword appears (title, bullets, search terms); red = missing. "
         "Versions compares the before / after scores."),
    )),
    dashboard=DashboardSpec(
        "Dashboard", "Listing 看板", "Listing dashboard",
        kpis=(Kpi("kpi_asins", "ASIN 数", "ASINs", fmt="#,##0"),
              Kpi("kpi_listings", "Listing 版本数", "Listing versions", fmt="#,##0"),
              Kpi("kpi_keywords", "关键词数", "Keywords", fmt="#,##0"),
              Kpi("kpi_avg_score", "平均得分", "Average score", fmt="0.0"),
              Kpi("kpi_avg_coverage", "平均覆盖率", "Average coverage", fmt="0.0%"),
              Kpi("kpi_listing_issues", "Listing 未通过", "Listing not OK", fmt="#,##0"),
              Kpi("kpi_search_terms_issues", "搜索词未通过", "Search terms not OK", fmt="#,##0"),
              Kpi("kpi_image_issues", "主图未通过", "Images not OK", fmt="#,##0"),
              Kpi("kpi_improved", "修改稿得分提高", "Drafts better", fmt="#,##0"),
              Kpi("kpi_avg_score_diff", "平均得分差", "Average score diff.", fmt="+0.0;-0.0;0.0")),
        charts=(ChartSpec("bar", "各 Listing 得分", "Score by listing", "ListingChecks", "listing", ("score",),
                          anchor="D3", rows=20, height_cm=8),
                ChartSpec("col", "修改前后得分", "Score before / after", "Versions", "asin",
                          ("before_score", "after_score"), anchor="D20", rows=20, height_cm=7.5)),
        notes=(("明细：ListingChecks、KeywordPlacement", "Details: ListingChecks, KeywordPlacement"),
               ("版本对比：Versions；问题：Issues", "Before / after: Versions; problems: Issues")),
    ),
    tables=(CHECKS, PLACEMENT, VERSIONS, ISSUES, LISTINGS, KEYWORDS, CRITERIA),
    settings=SettingsSpec(keys=("marketplace", "title_max", "title_guide", "bullet_count", "bullet_max",
                                "search_terms_bytes", "image_min_px", "image_min_zoom_px", "image_fill")),
)

TEMPLATE = LISTING
