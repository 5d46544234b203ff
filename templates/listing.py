"""Listing workbook (Listing 优化): listing content per ASIN × version (title, bullets, description, search
terms, image paths) and keyword lists (Helium 10 Cerebro / Magnet, or typed) in; LISTING_CHECK /
SEARCH_TERMS_CHECK, image checks, volume-weighted keyword coverage, a 0–100 score with pass / fail,
keyword placement and before / after version comparison out.  Every threshold is on the Settings sheet."""

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
     Column("main_image_path", "主图文件路径", "Main image path", width=36),
     Column("other_image_paths", "副图路径（; 或换行分隔）", "Other image paths (; or line breaks)", width=40)),
    print_through="title",
    hint_zh="每个 ASIN 每个版本一行（如 current / draft）；从第 4 行粘贴或填写；副图：资源管理器选中文件 › 复制为路径 › "
            "在单元格内 F2 粘贴",
    hint_en="one row per ASIN and version (e.g. current / draft); paste or type from row 4; other images: select "
            "the files in Explorer › Copy as path › F2 in the cell and paste")
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
PASS_HIGHLIGHT = Highlight("score", "lessThan", ("set_listing_pass_score",), numbers_only=True)
CHECKS = TableSpec(
    "ListingChecks", "ListingChecks", "Listing 检查", "Listing checks",
    # Printed (through Note): what an operator reads first.  Right of Note: the full check texts (screen).
    (Column("listing", "Listing", "Listing", width=22),
     Column("score", "得分", "Score", fmt=SCORE_FMT, width=8),
     Column("result", "结果", "Result", width=12),
     Column("coverage", "覆盖率", "Coverage", fmt="0.0%", width=10),
     Column("listing_codes", "Listing 问题数", "Listing codes", fmt=INT, width=14),
     Column("search_terms_codes", "搜索词问题数", "ST codes", fmt=INT, width=19),
     Column("image_count", "图片数", "Images", fmt=INT, width=12),
     Column("missing_top_count", "缺失高搜索量词", "Top keywords missing", fmt=INT, width=19),
     NOTE,
     Column("missing_top_keywords", "缺失的高搜索量关键词（搜索量）", "Missing top keywords (volume)", width=70),
     Column("listing_check", "LISTING_CHECK", "LISTING_CHECK", width=60),
     Column("search_terms_check", "SEARCH_TERMS_CHECK", "SEARCH_TERMS_CHECK", width=60),
     Column("image_check", "图片检查", "Image check", width=60),
     Column("listing_points", "Listing 得分", "Listing points", fmt="0.0", width=14),
     Column("search_terms_points", "搜索词得分", "ST points", fmt="0.0", width=20),
     Column("coverage_points", "覆盖率得分", "Coverage points", fmt="0.0", width=16),
     Column("score_basis", "计分说明", "Score basis", width=70),
     ASIN, VERSION, SKU, Column("title_chars", "标题字符数", "Title chars", fmt=INT, width=11)),
    role="output", row_key=("asin", "version"), operator_columns=("note",), print_through="note",
    highlights=(PASS_HIGHLIGHT, Highlight("result", "equal", ('"fail 未通过"',))),
    hint_zh="刷新生成；得分 = 各项得分之和 ÷ 可得满分 × 100；红色 = 低于 Settings 的通过分；图片检查不计分；备注右侧为屏幕明细",
    hint_en="written by refresh; score = points earned ÷ points available × 100; red = below the Settings pass "
            "score; images are checked, not scored; columns right of Note are screen-only")
IMAGES = TableSpec(
    "ImageChecks", "ImageChecks", "图片检查", "Image checks",
    (ASIN, VERSION, Column("image_no", "序号", "No.", fmt=INT, width=10),
     Column("role", "类型", "Role", width=16), Column("file", "文件", "File", width=30),
     Column("result", "结果", "Result", width=12),
     Column("image_check", "检查结果", "Check", width=70), Column("path", "完整路径", "Full path", width=60)),
    role="output", print_through="image_check",
    highlights=(Highlight("result", "equal", ('"fail 未通过"',)),),
    hint_zh="刷新生成：每张图片一行；1 = 主图（白底、占比 85%、1500 px 只查主图）；红色 = 未通过；找不到文件 = FILE_NOT_FOUND",
    hint_en="written by refresh: one row per image; 1 = main (white background, 85 % fill, 1500 px: main only); "
            "red = not OK; a missing file is FILE_NOT_FOUND")
PLACEMENT = TableSpec(
    "KeywordPlacement", "KeywordPlacement", "关键词位置", "Keyword placement",
    (ASIN, VERSION, Column("rank", "排名", "Rank", fmt=INT, width=7),
     Column("keyword", "关键词", "Keyword", width=32),
     Column("search_volume", "搜索量", "Search volume", fmt=INT, width=15),
     Column("in_title", "标题", "Title", width=9), Column("in_bullets", "五点", "Bullets", width=11),
     Column("in_search_terms", "搜索词", "Search terms", width=16),
     Column("placement", "位置", "Placement", width=32),
     Column("in_description", "描述（不计分）", "Description (info)", width=14)),
    role="output",
    highlights=(Highlight("placement", "equal", ('"missing 缺失"',)),),
    hint_zh="刷新生成：每个 ASIN × 版本 × 关键词，按搜索量排序；红色 = 标题、五点、搜索词中都没有；描述列仅供参考（资料未说明亚马逊是否索引描述）",
    hint_en="written by refresh: per ASIN × version × keyword, by volume; red = in none of title, bullets, search "
            "terms; the description column is information only (not known whether Amazon indexes it)")
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
    hint_zh="刷新生成：修改前 = Settings 中 listing_before_versions 所列版本（默认 current），否则该 ASIN 第一行；修改后 = 最后一个其他版本；"
            "红色 = 得分下降；备注右侧为屏幕明细",
    hint_en="written by refresh: before = a version named in Settings listing_before_versions (default current), "
            "else the ASIN's first row; after = its last other version; red = score went down; columns right of "
            "Note are screen-only")
ISSUES = TableSpec(
    "Issues", "Issues", "数据问题", "Data issues",
    (ASIN, VERSION, Column("source", "来源", "Source", width=14), Column("code", "代码", "Code", width=18),
     Column("detail", "说明", "Detail", width=70)),
    role="output", hint_zh="刷新生成：缺 ASIN、重复行、无关键词、搜索量无效等",
    hint_en="written by refresh: missing ASIN, duplicate rows, no keywords, invalid volumes …")

LISTING = TemplateSpec(
    "listing", "Listing 优化", "Listing optimisation", version=2,
    guide=GuideSpec("说明 Guide", (
        (("在 Listings 表每个 ASIN 每个版本填一行：版本写 current（当前在线）和 draft（修改稿）；五点分别填 "
         "bullet_1…bullet_5，描述填 description，主图填本机文件的完整路径，副图路径放在一个单元格内，用 ; 或换行分隔。"),
         ("In Listings, one row per ASIN and version: 'current' (live) and 'draft' (your rewrite); bullets in "
         "bullet_1…bullet_5, the description, the main image as a full local file path, other images in one cell "
         "separated by ; or line breaks.")),
        (("关键词：Helium 10 › Cerebro（反查 ASIN）或 Magnet 导出 CSV，xladdin import 本文件.xlsx 文件.csv；"
         "品牌分析搜索词等可直接在 Keywords 表手填关键词和搜索量。"),
         ("Keywords: export Helium 10 Cerebro (reverse ASIN) or Magnet as CSV and xladdin import THIS.xlsx FILE.csv; "
         "Brand Analytics search terms can be typed into Keywords (keyword + search volume).")),
        (("可选：在 Settings 改各项满分、每个问题扣分、通过分、高搜索量关键词数 N、推荐图片数，以及标题、五点、描述、"
         "搜索词、图片的限制。"),
         ("Optional: Settings holds the points, the penalty per code, the pass score, N (top keywords), the "
         "recommended image count and the title, bullet, description, search-term and image limits.")),
        ("刷新：插件功能区 › 刷新（或 xladdin refresh）。", "Refresh: ribbon › Refresh (or xladdin refresh)."),
        (("看 ListingChecks：得分 = (Listing 得分 + 搜索词得分 + 覆盖率得分) ÷ 可得满分 × 100；每个 LISTING_CHECK"
         "（标题、五点、描述）/ SEARCH_TERMS_CHECK 问题代码扣分；覆盖率按搜索量加权（标题 + 五点 + 搜索词）。"),
         ("Read ListingChecks: score = (listing + search-term + coverage points) ÷ points available × 100; every "
         "LISTING_CHECK (title, bullets, description) / SEARCH_TERMS_CHECK problem code costs points; coverage is "
         "volume-weighted (title + bullets + search terms).")),
        (("ImageChecks 逐张列出图片问题；KeywordPlacement 列出关键词在标题、五点、搜索词中的位置（红色 = 缺失）；"
         "Versions 对比修改前后得分。"),
         ("ImageChecks lists each image's problems; KeywordPlacement shows where each keyword appears (title, "
         "bullets, search terms; red = missing); Versions compares the before / after scores.")),
    )),
    dashboard=DashboardSpec(
        "Dashboard", "Listing 看板", "Listing dashboard",
        kpis=(Kpi("kpi_asins", "ASIN 数", "ASINs", fmt="#,##0"),
              Kpi("kpi_listings", "Listing 版本数", "Listing versions", fmt="#,##0"),
              Kpi("kpi_keywords", "关键词数", "Keywords", fmt="#,##0"),
              Kpi("kpi_avg_score", "平均得分", "Average score", fmt="0.0"),
              Kpi("kpi_passing", "通过的版本数", "Versions passing", fmt="#,##0"),
              Kpi("kpi_avg_coverage", "平均覆盖率", "Average coverage", fmt="0.0%"),
              Kpi("kpi_listing_issues", "Listing 未通过", "Listing not OK", fmt="#,##0"),
              Kpi("kpi_search_terms_issues", "搜索词未通过", "Search terms not OK", fmt="#,##0"),
              Kpi("kpi_image_issues", "图片有问题", "Image issues", fmt="#,##0"),
              Kpi("kpi_improved", "修改稿得分提高", "Drafts better", fmt="#,##0"),
              Kpi("kpi_avg_score_diff", "平均得分差", "Average score diff.", fmt="+0.0;-0.0;0.0")),
        charts=(ChartSpec("bar", "各 Listing 得分", "Score by listing", "ListingChecks", "listing", ("score",),
                          anchor="D3", rows=20, height_cm=8),
                ChartSpec("col", "修改前后得分", "Score before / after", "Versions", "asin",
                          ("before_score", "after_score"), anchor="D20", rows=20, height_cm=7.5)),
        notes=(("明细 ListingChecks", "Details"), ("图片 ImageChecks", "Images"),
               ("关键词 KeywordPlacement", "Keywords"), ("修改前后 Versions", "Before / after"),
               ("数据问题 Issues", "Data issues")),
    ),
    tables=(CHECKS, IMAGES, PLACEMENT, VERSIONS, ISSUES, LISTINGS, KEYWORDS),
    settings=SettingsSpec(keys=("marketplace", "title_max", "title_guide", "bullet_count", "bullet_max",
                                "description_max", "search_terms_bytes", "image_min_px", "image_min_zoom_px",
                                "image_fill", "image_count_min", "image_count_max", "listing_points",
                                "listing_search_terms_points", "listing_coverage_points", "listing_penalty_per_code",
                                "listing_pass_score", "listing_top_keywords", "listing_before_versions")),
)

TEMPLATE = LISTING
