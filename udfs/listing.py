"""Listing worksheet functions: title and bullet rules, backend search terms, keyword coverage, main image.

Shaping (LISTING_CHECK): one result per title.  The titles' range decides how many listings there are;
``bullets`` and ``keywords`` are matched to it by :func:`_per_listing`:

* one title: the whole bullets range is that listing's bullets (a column, a row or one cell with line
  breaks); the whole keywords range is its keyword list;
* N titles in a column: bullets N × k (one row per listing) or N × 1 (one cell with line breaks per
  listing); one cell or one 1 × k row is shared by every listing; any other shape is SHAPE_MISMATCH.
  Keywords N × k (N rows, like the titles) are row-wise; any other shape (one cell, a row, a column of
  another length) is one shared list.  To share a keyword column that happens to have N rows, put it
  in one cell (=TEXTJOIN(",", TRUE, K2:K9)) or pass it as a row (TRANSPOSE);
* N titles in a row: the same with columns instead of rows.
"""

from __future__ import annotations

import numpy as np

from udfs._xl import LISTING, udf
from xladdin import errors as E
from xladdin.core import images, listing
from xladdin.settings import DEFAULTS
from xladdin.worksheet.bridge import Flag, Num, Text, Whole, evaluate

_BRAND = "[可选] 品牌名（须出现在标题中）/ brand name (must appear in the title)"
_KEYWORDS = ("[可选] 核心关键词：单元格内用逗号、分号、换行分隔，或区域（与标题同行数则逐行）/ core keywords: "
             "one cell separated by , ; or line breaks, or a range (row-wise when it has as many rows as the titles)")


def _grid(value) -> list[list] | None:
    """A cell argument as a list of rows (None for a single value)."""
    if isinstance(value, np.ndarray):
        value = value.tolist() if value.ndim == 2 else [[v] for v in value.ravel().tolist()]
    if isinstance(value, (list, tuple)):
        if not value:
            return [[]]
        if isinstance(value[0], (list, tuple)):
            return [list(r) for r in value]
        return [[v] for v in value]  # a flat list from a Python caller: a column
    return None


def _per_listing(value, tshape: tuple[int, int], *, strict: bool):
    """One item per listing (row-major over the titles' shape): a single cell's value, or a tuple of cells.

    ``strict`` (bullets): shapes that fit neither row-wise nor shared raise SHAPE_MISMATCH; otherwise
    (keywords) they become one shared list.
    """
    rows, cols = tshape
    n = rows * cols
    g = _grid(value)
    if g is None or (len(g) == 1 and len(g[0]) == 1):
        v = value if g is None else g[0][0]
        return [v] * n
    shape = (len(g), len(g[0]) if g else 0)
    everything = tuple(v for r in g for v in r)
    if n == 1:
        return [everything]
    if shape == tshape:
        return [v for r in g for v in r]
    if cols == 1 and shape[0] == rows:
        return [tuple(r) for r in g]
    if rows == 1 and shape[1] == cols:
        return [tuple(g[i][j] for i in range(shape[0])) for j in range(cols)]
    if cols == 1 and shape[0] == 1:
        return [tuple(g[0])] * n
    if rows == 1 and shape[1] == 1:
        return [tuple(r[0] for r in g)] * n
    if strict:
        raise E.InputError(E.Code.SHAPE_MISMATCH, f"bullets {shape[0]}×{shape[1]} for titles {rows}×{cols}")
    return [everything] * n


def _blank(v) -> bool:
    if isinstance(v, tuple):
        return all(_blank(x) for x in v)
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and v != v)


@udf(LISTING, {"title": "标题（单元格或一列）/ product title (a cell or a column of titles)",
               "bullets": "五点描述：一个单元格用换行分隔，或区域（每个 listing 一行）/ bullet points: one cell with line breaks, "
                          "or a range (one row per listing; for one title, the whole range)",
               "brand": _BRAND, "keywords": _KEYWORDS,
               "max_title": "[可选] 团队标题长度上限（默认 180）/ team title guideline in characters (default Settings 180)",
               "description": "[可选] 商品描述（与标题同形状；省略 = 不检查，空白 = DESCRIPTION_EMPTY）/ product description "
                              "(shaped like the titles; omitted = not checked, blank = DESCRIPTION_EMPTY)"},
     returns="text: OK or CODE: detail; …")
def LISTING_CHECK(title, bullets, brand=None, keywords=None, max_title=None, description=None):
    """检查标题与五点 / check title and bullets against Amazon's rules and the team guide: "OK" or problems such as "TITLE_TOO_LONG: 212 > 200; BULLET_COUNT: 4 < 5".

    Codes: TITLE_EMPTY, TITLE_TOO_LONG (> 200), TITLE_OVER_GUIDE (> 180), TITLE_BANNED_CHAR
    (! $ ? _ { } ^ ¬ ¦; ~ # < > * only with a number), TITLE_EMOJI, TITLE_PROMO_PHRASE,
    TITLE_REPEATED_WORD (a word > 2 times; articles, prepositions, conjunctions exempt), TITLE_ALL_CAPS,
    BRAND_MISSING, BULLET_COUNT (≠ 5), BULLET_EMPTY, BULLET_TOO_LONG (> 250), BULLET_BANNED_CHAR
    (™ ® € … † ‡ ° ¢ £ ¥ © ± ~ â), BULLET_EMOJI, BULLET_CLAIM, BULLET_PLACEHOLDER, BULLET_ASIN,
    BULLET_CONTACT, DESCRIPTION_EMPTY, DESCRIPTION_TOO_LONG (> 2000), DESCRIPTION_HTML (tags other than
    <br>), DESCRIPTION_CONTACT, DESCRIPTION_PROMO_PHRASE, DESCRIPTION_CLAIM, DESCRIPTION_PRICE (price or
    availability), DESCRIPTION_REVIEW, KEYWORD_MISSING (title and bullets; the description is not searched).
    Each result is at most 255 characters (details are shortened).

    Examples: =LISTING_CHECK(B2, C2:G2, "Acme", "yoga mat, non slip"); =LISTING_CHECK(B2:B500, C2:G500)
    spills one result per listing; =LISTING_CHECK(B2:B500, C2:G500, , , , H2:H500) also checks descriptions.
    """
    tshape = _shape_of(title)
    try:
        per_bullets = _per_listing(bullets, tshape, strict=True)
    except E.XladdinError as err:
        return E.cell_text(err.code)
    per_keywords = _per_listing(keywords, tshape, strict=False) if keywords is not None else None
    scalar = _grid(title) is None
    index = 0.0 if scalar else _like(title, [float(i) for i in range(len(per_bullets))])
    given = (None if _blank(per_bullets[0]) else 1.0) if scalar else \
        _like(title, [None if _blank(b) else 1.0 for b in per_bullets])

    def core(title, listing_no, bullets_given, brand, max_title, description=None):
        rows = [int(i) for i in listing_no]
        kw = None if per_keywords is None else [per_keywords[i] for i in rows]
        return listing.listing_check(title, [per_bullets[i] for i in rows], brand, kw, max_title, description)

    core.__name__ = "listing_check"
    # listing_no carries each result's listing through the bridge's broadcasting; bullets_given makes a
    # row whose title and bullets are both blank an empty cell, like every other spilled function.
    # An omitted description is not checked; a given blank one is DESCRIPTION_EMPTY.
    extra = {} if description is None else {"description": Text(description, "")}
    return evaluate(core, title=Text(title), listing_no=Num(index, -1.0), bullets_given=Num(given),
                    brand=Text(brand, ""), max_title=Num(max_title, float(DEFAULTS.title_guide)), **extra)


def _shape_of(value) -> tuple[int, int]:
    g = _grid(value)
    return (1, 1) if g is None else (len(g), len(g[0]) if g else 0)


def _like(template, flat: list) -> list[list]:
    """``flat`` (row-major) in the shape of ``template``'s grid."""
    rows, cols = _shape_of(template)
    return [flat[r * cols:(r + 1) * cols] for r in range(rows)]


@udf(LISTING, {"search_terms": "后台搜索词 / backend search terms (a cell or a column)",
               "title": "[可选] 标题：标题中已有的词不必重复 / title: words already in it are reported",
               "brand": "[可选] 品牌名（不应出现在搜索词中）/ brand name (must not be in the search terms)",
               "max_bytes": "[可选] 字节上限（默认 250；印度 200，日本 500）/ byte limit (default Settings 250; IN 200, JP 500)"},
     returns="text: OK or CODE: detail; …")
def SEARCH_TERMS_CHECK(search_terms, title=None, brand=None, max_bytes=None):
    """检查后台搜索词 / check backend search terms: UTF-8 bytes (spaces and punctuation not counted, both counts shown), words from the title, repeats, commas, ASINs, brand, temporary and subjective words.

    Codes: SEARCH_TERMS_EMPTY, SEARCH_TERMS_TOO_LONG, SEARCH_TERMS_IN_TITLE, SEARCH_TERMS_REPEATED,
    SEARCH_TERMS_COMMA, SEARCH_TERMS_ASIN, SEARCH_TERMS_BRAND, SEARCH_TERMS_TEMPORARY ("new", "on sale" …),
    SEARCH_TERMS_SUBJECTIVE ("best", "amazing" …).  Plurals count as the same word (mats = mat).

    Example: =SEARCH_TERMS_CHECK(H2:H500, B2:B500, "Acme") spills one result per listing.
    """
    return evaluate(listing.search_terms_check, search_terms=Text(search_terms), title=Text(title, ""),
                    brand=Text(brand, ""), max_bytes=Num(max_bytes, float(DEFAULTS.search_terms_bytes)))


@udf(LISTING, {"content": "要检查的文本：标题、五点等（区域会合并）/ text to search: title, bullets … (a range is joined)",
               "keywords": "关键词区域 / keyword range",
               "volumes": "搜索量区域，与关键词一一对应（可为 \"12,345\" 文本）/ search volumes, one per keyword (text such as \"12,345\" is read)"},
     returns="fraction (format as %)")
def KEYWORD_COVERAGE(content, keywords, volumes):
    """关键词覆盖率 / keyword coverage: share of search volume whose keyword appears in the text (whole words, case-insensitive, simple plurals), 0 to 1; total volume 0 gives #DIV/0!.

    Example: =KEYWORD_COVERAGE(B2:G2, K2:K30, L2:L30) → 0.82 when keywords holding 82 % of the volume
    appear in the title and bullets.
    """
    return evaluate(listing.keyword_coverage, content=Whole(content), keywords=Whole(keywords, "raw"),
                    volumes=Whole(volumes, "raw"))


@udf(LISTING, {"path": "图片完整路径（含扩展名）/ full path of the image file, with extension",
               "min_side": "[可选] 最短边像素下限（默认 1500）/ minimum px on each side (default Settings 1500)",
               "main_image": "[可选] TRUE = 主图（默认），FALSE = 副图：只查文件格式、尺寸、大小 / TRUE = main image (default), "
                             "FALSE = additional image: file format, size and bytes only"},
     returns="text: OK or CODE: detail; …")
def IMAGE_CHECK(path, min_side=None, main_image=None):
    """图片检查 / image check: JPEG/PNG/TIFF/GIF, longest side ≥ 1000 px (zoom) and ≤ 10000 px, ≤ 10 MB; main image also ≥ 1500 × 1500, pure-white border, product fills ≥ 85 %.

    Codes: IMAGE_FORMAT, IMAGE_TOO_SMALL_ZOOM, IMAGE_UNDER_1500, IMAGE_TOO_LARGE, IMAGE_FILE_SIZE,
    IMAGE_BORDER_NOT_WHITE, IMAGE_FILL_LOW (the 1500 px, border and fill rules only for the main image).
    No such file: #N/A FILE_NOT_FOUND; not an image: #VALUE! BAD_IMAGE.

    Examples: =IMAGE_CHECK("D:\\images\\B0C1234567.main.jpg") → "OK";
    =IMAGE_CHECK(J2:J20, , FALSE) checks a column of additional images.
    """
    return evaluate(images.image_check, path=Text(path), min_side=Num(min_side, float(DEFAULTS.image_min_px)),
                    main=Flag(main_image, True))
