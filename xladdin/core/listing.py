"""Listing content checks over whole columns: titles, bullets, backend search terms, keyword coverage.

Sources: amazon-rules.md §4 (title rules of 2025-01-21, bullet rules of 2024-08-15, search terms G23501)
and the team playbook (title ≤ 180 characters).  Limits come from :mod:`xladdin.settings`.

Every check returns ``"OK"`` or its problems joined by ``"; "``, each ``CODE: detail`` in a fixed order,
e.g. ``"TITLE_TOO_LONG: 212 > 200; TITLE_OVER_GUIDE: 212 > 180; BULLET_COUNT: 4 < 5"``.  A result is
at most 255 characters (:func:`join_problems`): a VBA UDF that returns an array holding a longer string
shows ``#VALUE!`` for the whole array (xlwings issue #456), so details are shortened first, then codes
are dropped with ``+N more``.

LISTING_CHECK codes, in output order, and the rule decided for each:

* ``TITLE_EMPTY`` – blank title.
* ``TITLE_TOO_LONG`` – over ``title_max`` (200) characters incl. spaces, outer spaces trimmed [Amazon].
* ``TITLE_OVER_GUIDE`` – over ``max_title`` / ``title_guide`` (180) [playbook].  Reported *with*
  TITLE_TOO_LONG, not instead of it, so counting ``*TITLE_OVER_GUIDE*`` finds every title over the guide.
* ``TITLE_BANNED_CHAR`` – ``! $ ? _ { } ^ ¬ ¦`` anywhere [Amazon]; ``~ # < > *`` unless used with a
  number: ``#``/``~`` followed by a number ("Style #4301", "~5 lb", "10~12 in"), ``<``/``>`` followed
  by a number, optionally with ``=`` ("<10 lb", ">= 5 mm"), ``*`` between two numbers ("12*8 in"); one
  space is allowed between symbol and number.  Characters inside the given brand name are exempt
  (Amazon's page allows them when part of the brand name, e.g. "Yahoo!"; this exception is not in
  amazon-rules.md: verify).  The detail lists the offending characters.
* ``TITLE_EMOJI`` – emoji and pictographic symbols (U+1F000–1FAFF, U+2600–27BF, U+2B00–2BFF, a few
  U+23xx, U+FE0F): decorative characters, not allowed in titles or bullets.
* ``TITLE_PROMO_PHRASE`` – promotional phrases ("free shipping", "best seller", "hot sale", "limited
  time", "guaranteed", "#1 rated" …, a few German ones), whole words, case-insensitive [Amazon].
* ``TITLE_REPEATED_WORD`` – a word more than twice, case-insensitive, as written (no plural folding:
  "mat" and "mats" are different words).  Exempt: English and German articles, prepositions and
  conjunctions, ``x`` as in "12 x 8", and numbers ("12 x 12 x 12 in" is not a repetition).  Words keep
  inner hyphens and apostrophes ("non-slip", "men's").
* ``TITLE_ALL_CAPS`` – no lower-case letter and at least two words of two or more letters [Amazon
  style guides].  Words in capitals inside a normal title ("USB", "LED", "SUPER SOFT") are not flagged.
* ``BRAND_MISSING`` – a brand is given and does not appear in the title (whole words,
  case-insensitive).  The brand does **not** have to start the title: Amazon's rule only asks for
  product-identifying information and the playbook's formula puts core keywords first; brand-first
  is a category style-guide preference.
* ``BULLET_COUNT`` – fewer than ``bullet_count`` (5) non-blank bullets, or more (sellers get 5).
* ``BULLET_EMPTY`` – a blank bullet cell followed by a filled one (range form only; in one cell blank
  lines just separate bullets).
* ``BULLET_TOO_LONG`` – a bullet over ``bullet_max`` (250) characters, trimmed [S2].
* ``BULLET_BANNED_CHAR`` – ``™ ® € … † ‡ ° ¢ £ ¥ © ± ~ â`` [S2, 2024-08-15 rules].
* ``BULLET_EMOJI`` – emoji, as for titles [S2].
* ``BULLET_CLAIM`` – guarantee claims (guarantee, money back, full refund, risk free, if not
  satisfied, no questions asked) and restricted claims (eco-friendly, environmentally friendly,
  anti-microbial, anti-bacterial, made from / contains bamboo) [S2].
* ``BULLET_PLACEHOLDER`` – "N/A", "not applicable", "TBD", "TBA", "COPY PENDING", "lorem ipsum", or a
  bullet that is only "NA", "none", "null", "-" or "." [S2].
* ``BULLET_ASIN`` – an ASIN (``B0`` + 8 upper-case letters or digits) [S2].
* ``BULLET_CONTACT`` – a URL, ``www.``, a ``.com/.net/.org`` domain or an e-mail address [Amazon].
* ``DESCRIPTION_EMPTY`` … ``DESCRIPTION_REVIEW`` – only when a description is given (``description``
  not None; a blank one is DESCRIPTION_EMPTY).  Amazon's general detail-page rules cover titles,
  bullets, descriptions and images (amazon-rules.md §4.2 / §4.3, listing policy 200390640):

  * ``DESCRIPTION_EMPTY`` – blank description.
  * ``DESCRIPTION_TOO_LONG`` – over ``description_max`` (2,000) characters, trimmed [S2; no Amazon page
    captured].
  * ``DESCRIPTION_HTML`` – HTML other than line breaks [Amazon]: tags other than ``<br>`` / ``<br/>``,
    entities (``&nbsp;`` ``&#174;``) and ``javascript:``.  The detail lists them ("<b>, <li>, &nbsp;").
  * ``DESCRIPTION_CONTACT`` – URL, ``www.``, a ``.com/.net/.org`` domain or an e-mail address [Amazon].
  * ``DESCRIPTION_PROMO_PHRASE`` – the title's promotional phrases ("free shipping", "limited time",
    "guaranteed" …): no promotional or time-sensitive information [Amazon].
  * ``DESCRIPTION_CLAIM`` – the bullet rules' guarantee and restricted claims ("full refund", "if not
    satisfied", "eco-friendly", "anti-bacterial", "made from bamboo" …) not already a promotional phrase,
    so one word is never counted twice.  The 2024 rules name bullets [S2]; applying them to the
    description is our inference (the same page-wide claims rules): verify.
  * ``DESCRIPTION_PRICE`` – a price or availability detail [Amazon]: a currency amount ("$19.99",
    "19,99 €", "USD 20") or "in stock", "out of stock", "sold out", "ships within / today", "ready to
    ship", "auf Lager", "sofort lieferbar".
  * ``DESCRIPTION_REVIEW`` – reviews, testimonials or review requests [Amazon]: "leave (us) a review",
    "write a review", "positive review", "5 star review / rating", "customer reviews", "testimonial(s)".

  Emoji, ASINs and placeholders are bullet rules only and are not checked in the description.
* ``KEYWORD_MISSING`` – a core keyword found in neither title nor bullets.  Keywords match as whole
  words / phrases, case-insensitive, words in order with spaces or hyphens (or nothing) between them
  ("non slip" finds "Non-Slip" and "nonslip"), each word in its singular or simple English plural
  ("yoga mat" finds "Yoga Mats", "battery" finds "batteries").  The description is not searched:
  neither amazon-rules.md nor the playbook says whether Amazon indexes it for search, so it counts
  neither here nor in keyword coverage (the Listing workbook shows where a keyword appears in the
  description, for information only).

Bullets per listing are either one text with line breaks or a sequence of cells; keywords per listing
either one text separated by , ; newline tab ， ； 、 or a sequence of such texts (duplicates dropped,
case-insensitive).

SEARCH_TERMS_CHECK codes, in output order:

* ``SEARCH_TERMS_EMPTY`` – nothing entered (0 of 250 bytes used).
* ``SEARCH_TERMS_TOO_LONG`` – over ``max_bytes`` (``search_terms_bytes``, 250) UTF-8 bytes, **not
  counting spaces and punctuation** [Amazon G23501]: whitespace and Unicode punctuation (category P:
  , . ; : - ' " ! ? ( ) / …, also full-width ，。) are free; symbols ($ + € ™, emoji) count.  The
  detail shows both counts: ``263 > 250 bytes (301 with spaces and punctuation)``.  Exactly
  ``max_bytes`` passes; Amazon's page says "less than 250 bytes", so a team reading that strictly
  sets 249.
* ``SEARCH_TERMS_IN_TITLE`` – words already in the title.  ``SEARCH_TERMS_REPEATED`` – words used more
  than once.  Both compare lower-case words with simple plural folding (mats = mat, boxes = box,
  batteries = battery), since Amazon's search matches plurals.
* ``SEARCH_TERMS_COMMA`` – commas (ASCII or full-width): separate with spaces.
* ``SEARCH_TERMS_ASIN`` – ASIN-like words (B0 + 8 letters/digits, any case).
* ``SEARCH_TERMS_BRAND`` – the given brand (whole words, case-insensitive).
* ``SEARCH_TERMS_TEMPORARY`` – new, newest, latest, now, today, sale, on sale, hot sale, clearance
  sale, deal(s), discount(ed), promo(tion), limited time, black friday, cyber monday, prime day.
* ``SEARCH_TERMS_SUBJECTIVE`` – best, amazing, awesome, perfect, incredible, excellent, fantastic,
  wonderful, cheapest, ultimate, finest, greatest, coolest, superb, top rated, high quality,
  best seller, bestseller.

Speed: the columns are screened with pyarrow's vectorised RE2 kernels (a few threads for long
columns; the same rule is written once for Python ``re`` and once for RE2, and tests check that both
agree), words are counted with numpy over the whole column, and only rows a screen flags run Python
code for their detail text.
"""

from __future__ import annotations

import gc
import math
import os
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from xladdin.core.computed import Computed
from xladdin.core.numbers import parse_numbers
from xladdin.errors import Code
from xladdin.settings import DEFAULTS

CELL_TEXT_MAX = 255  # xlwings #456: a longer string in a returned array turns it into #VALUE!

# ---------------------------------------------------------------------------------------------
# Rule data
# ---------------------------------------------------------------------------------------------

TITLE_BANNED = "!$?_{}^¬¦"  # [Amazon 201100890]
TITLE_CONTEXT = "~#<>*"  # allowed only with a number (identifiers, measurements)
BULLET_BANNED = "™®€…†‡°¢£¥©±~â"  # [S2] bullet rules of 2024-08-15

# Articles, prepositions and conjunctions (English, German) and "x" as in 12 x 8: exempt from the
# "same word more than twice" title rule.
EXEMPT_WORDS = frozenset("""
a an the and or but nor so yet for both either neither if than as because while although though whether
about above across after against along amid among around at before behind below beneath beside besides
between beyond by despite down during except from in inside into like near of off on onto out outside
over past per plus since through throughout till to toward towards under underneath until up upon via
with within without vs versus x
der die das den dem des ein eine einer eines einem einen und oder aber sowie für mit von vom zu zum zur
im an am auf aus bei beim nach über unter vor ohne durch gegen um bis ab als inkl inklusive
""".split())

PROMO_PHRASES = (
    "free shipping", "free delivery", "free returns", "best seller", "bestseller", "best selling",
    "hot sale", "hot item", "on sale", "big sale", "limited time", "limited offer", "special offer",
    "clearance sale", "discount", "discounted", "cheapest", "lowest price", "best price", "great deal",
    "buy now", "new arrival", "top rated", "top seller", "award winning", "satisfaction guaranteed",
    "quality guaranteed", "guaranteed", "guarantee", "money back", "amazon's choice", "prime day",
    "black friday", "cyber monday", "#1 rated", "#1 selling", "#1 choice",
    "kostenloser versand", "gratis versand", "versandkostenfrei", "sonderangebot", "angebot", "rabatt",
    "ausverkauf",
)
BULLET_CLAIMS = (
    "guarantee", "guaranteed", "guarantees", "full refund", "money back", "refund", "refunds",
    "if you are not satisfied", "if you're not satisfied", "if not satisfied", "not satisfied",
    "risk free", "no questions asked", "eco friendly", "environmentally friendly", "anti microbial",
    "anti bacterial", "made from bamboo", "contains bamboo",
)
PLACEHOLDERS = ("n/a", "not applicable", "tbd", "tba", "copy pending", "lorem ipsum")
ST_TEMPORARY = ("new", "newest", "latest", "now", "today", "sale", "on sale", "hot sale", "clearance sale",
                "deal", "deals", "discount", "discounted", "promo", "promotion", "limited time",
                "black friday", "cyber monday", "prime day")
ST_SUBJECTIVE = ("best", "amazing", "awesome", "perfect", "incredible", "excellent", "fantastic",
                 "wonderful", "cheapest", "ultimate", "finest", "greatest", "coolest", "superb",
                 "top rated", "high quality", "best seller", "bestseller")

# ---------------------------------------------------------------------------------------------
# Patterns (Python `re` for details, RE2 via pyarrow for column screens)
# ---------------------------------------------------------------------------------------------

_EMOJI_CLASS = ("\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u231A\u231B\u2328\u23CF"
                "\u23E9-\u23F3\u23F8-\u23FA\uFE0F")
_EMOJI = re.compile(f"[{_EMOJI_CLASS}]")
_EMOJI_RE2 = (r"[\x{1F000}-\x{1FAFF}\x{2600}-\x{27BF}\x{2B00}-\x{2BFF}\x{231A}\x{231B}\x{2328}"
              r"\x{23CF}\x{23E9}-\x{23F3}\x{23F8}-\x{23FA}\x{FE0F}]")
# Python's \s is every Unicode space; RE2's is ASCII only, so RE2 patterns spell the same set out.
_RE2_SPACE = r"\s\x{0B}\x{1C}-\x{1F}\x{85}\p{Z}"
_SEP = r"[\s\-]*"  # between the words of a phrase: spaces, hyphens or nothing
_SEP_RE2 = f"[{_RE2_SPACE}\\-]*"
_WB_BEFORE, _WB_AFTER = r"(?<!\w)", r"(?!\w)"
_RE2_BEFORE, _RE2_AFTER = r"(?:^|[^\p{L}\p{N}_])", r"(?:$|[^\p{L}\p{N}_])"


def _alternation(phrases, sep: str = _SEP) -> str:
    """Longest first, spaces as ``sep``, regex-escaped words."""
    alts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        alts.append(sep.join(re.escape(w) for w in p.split()))
    return "|".join(alts)


_TITLE_SPECIAL = re.compile(f"[{re.escape(TITLE_BANNED + TITLE_CONTEXT)}]")
_TITLE_SPECIAL_RE2 = "[!$?_{}^¬¦~#<>*]"
_NUM_AFTER = re.compile(r"\s?\.?\d")
_CMP_AFTER = re.compile(r"=?\s?\.?\d")
_NUM_BEFORE = re.compile(r"\d\s?$")
_PROMO = re.compile(f"{_WB_BEFORE}(?:{_alternation(PROMO_PHRASES)}){_WB_AFTER}", re.IGNORECASE)
_PROMO_RE2 = f"(?i)(?:{_alternation(PROMO_PHRASES, _SEP_RE2)})"
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")

_BULLET_BANNED = re.compile(f"[{re.escape(BULLET_BANNED)}]")
_BULLET_BANNED_RE2 = f"[{BULLET_BANNED}]"
_URL = r"https?://[^\s,;]+|www\.[^\s,;]+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?<![\w.])[\w\-]+\.(?:com|net|org)(?!\w)"
# Phrase kinds in bullets: (code, exact Python pattern, RE2 screen = a superset without look-behind).
_BULLET_KINDS = (
    ("BULLET_CLAIM",
     re.compile(f"{_WB_BEFORE}(?:{_alternation(BULLET_CLAIMS)}){_WB_AFTER}", re.IGNORECASE),
     f"(?i)(?:{_alternation(BULLET_CLAIMS, _SEP_RE2)})"),
    ("BULLET_PLACEHOLDER",
     re.compile(f"{_WB_BEFORE}(?:{_alternation(PLACEHOLDERS)}){_WB_AFTER}|^\\s*(?:na|none|null|-+|\\.+)\\s*$", re.IGNORECASE),
     f"(?i)(?:{_alternation(PLACEHOLDERS, _SEP_RE2)}|^[{_RE2_SPACE}]*(?:na|none|null|-+|\\.+)[{_RE2_SPACE}]*$)"),
    ("BULLET_ASIN", re.compile(r"(?<![A-Za-z0-9])B0[0-9A-Z]{8}(?![A-Za-z0-9])"), r"B0[0-9A-Z]{8}"),
    ("BULLET_CONTACT", re.compile(_URL, re.IGNORECASE), r"(?i)https?://|www\.|@|\.(?:com|net|org)"),
)
_BULLET_PHRASES_RE2 = "|".join(f"(?:{k[2]})" for k in _BULLET_KINDS)  # one pass over all bullets

# Description (general detail-page rules, amazon-rules.md §4.2–4.3).
DESC_CLAIMS = tuple(c for c in BULLET_CLAIMS if c not in PROMO_PHRASES)  # no word counted twice
DESC_AVAILABILITY = ("in stock", "out of stock", "sold out", "ships within", "ships today", "ships in",
                     "ready to ship", "auf lager", "sofort lieferbar")
DESC_REVIEW = ("leave a review", "leave us a review", "write a review", "positive review", "positive reviews",
               "5 star review", "5 star reviews", "five star review", "five star reviews", "5 star rating",
               "five star rating", "customer reviews", "testimonial", "testimonials")
_HTML = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>|&(?:[A-Za-z][A-Za-z0-9]{1,30}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});"
                   r"|javascript:", re.IGNORECASE)
_HTML_RE2 = r"(?i)</?[a-z]|&[a-z#][a-z0-9]*;|javascript:"
_AMOUNT = r"\d+(?:[.,]\d+)*"
_CURRENCY = (rf"[$£€¥]\s?{_AMOUNT}|{_AMOUNT}\s?(?:[$£€¥]|(?:usd|eur|gbp)(?!\w))"
             rf"|(?<!\w)(?:usd|eur|gbp)\s?{_AMOUNT}")
_DESC_KINDS = (  # (code, exact Python pattern, RE2 screen), in output order after DESCRIPTION_HTML
    ("DESCRIPTION_CONTACT", _BULLET_KINDS[3][1], _BULLET_KINDS[3][2]),
    ("DESCRIPTION_PROMO_PHRASE", _PROMO, _PROMO_RE2),
    ("DESCRIPTION_CLAIM", re.compile(f"{_WB_BEFORE}(?:{_alternation(DESC_CLAIMS)}){_WB_AFTER}", re.IGNORECASE),
     f"(?i)(?:{_alternation(DESC_CLAIMS, _SEP_RE2)})"),
    ("DESCRIPTION_PRICE",
     re.compile(f"{_CURRENCY}|{_WB_BEFORE}(?:{_alternation(DESC_AVAILABILITY)}){_WB_AFTER}", re.IGNORECASE),
     f"(?i)(?:[$£€¥]|usd|eur|gbp|{_alternation(DESC_AVAILABILITY, _SEP_RE2)})"),
    ("DESCRIPTION_REVIEW", re.compile(f"{_WB_BEFORE}(?:{_alternation(DESC_REVIEW)}){_WB_AFTER}", re.IGNORECASE),
     f"(?i)(?:{_alternation(DESC_REVIEW, _SEP_RE2)})"),
)

_KW_SPLIT = re.compile(r"[,;\n\r\t，；、]+")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_ASIN_WORD = re.compile(r"^b0[0-9a-z]{8}$")
_COMMA_RE2 = "[,，]"

# Byte table for the vectorised tokenizer: ASCII other than letters, digits, ' and - becomes a space.
_LUT = np.arange(256, dtype=np.uint8)
for _b in range(128):
    if not (chr(_b).isalnum() or chr(_b) in "'-"):
        _LUT[_b] = 0x20

_VECTOR_MIN = 256  # groups of rows at least this large use RE2 on the column, smaller ones Python `re`
_CHUNK = 32_768  # rows per thread for long columns
_pool: ThreadPoolExecutor | None = None


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def as_text(v) -> str:
    """A cell value as text: blank → "", 12.0 → "12", TRUE → "TRUE"."""
    if v is None:
        return ""
    if type(v) is str:
        return v
    if isinstance(v, (bool, np.bool_)):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return ""
        return str(int(f)) if f.is_integer() else repr(f)
    if isinstance(v, (np.integer,)):
        return str(int(v))
    return str(v)


def split_items(text: str) -> list[str]:
    """Keywords in one text: split on , ; newline tab ， ； 、 and strip."""
    return [s for s in (p.strip() for p in _KW_SPLIT.split(text)) if s]


def _u16len(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-16-le")) // 2


def _clip(s: str, cap: int) -> str:
    return s if len(s) <= cap else s[: max(cap - 1, 1)].rstrip() + "…"


def join_problems(problems: list[tuple[str, str]], limit: int = CELL_TEXT_MAX) -> str:
    """``"OK"`` or ``"CODE: detail; CODE: detail"`` in at most ``limit`` UTF-16 units (xlwings #456).

    Too long: details are clipped (…) more and more, then dropped, then trailing codes are replaced
    by ``"+N more"``.  Codes are never cut, so ``COUNTIF(range, "*CODE*")`` stays reliable for the
    codes shown.
    """
    if not problems:
        return "OK"
    text = "; ".join(f"{c}: {d}" if d else c for c, d in problems)
    if _u16len(text) <= limit:
        return text
    for cap in (60, 32, 16):
        text = "; ".join(f"{c}: {_clip(d, cap)}" if d else c for c, d in problems)
        if _u16len(text) <= limit:
            return text
    codes = [c for c, _ in problems]
    text = "; ".join(codes)
    if len(text) <= limit:
        return text
    for k in range(len(codes) - 1, 0, -1):
        text = "; ".join(codes[:k]) + f"; +{len(codes) - k} more"
        if len(text) <= limit:
            return text
    return _clip(codes[0], limit)


def _column(x, n: int, default, *, text: bool):
    """An optional argument as n values: None → ``default``, one value → repeated, else n values
    (blank or NaN numbers → ``default``)."""
    if x is None or isinstance(x, (str, int, float)):
        vals = [default if x is None else x]
    else:
        vals = x.ravel().tolist() if isinstance(x, np.ndarray) else list(x)
    if len(vals) == 1 and n != 1:
        vals = vals * n
    if len(vals) != n:
        raise ValueError(f"expected {n} values, got {len(vals)}")
    if text:
        return [as_text(v) for v in vals]
    out = np.array([np.nan if v is None or v == "" else v for v in vals], dtype=np.float64)
    return np.where(np.isnan(out), float(default), out)


def _rx(arr: pa.Array, pattern: str) -> np.ndarray:
    """RE2 search over a string column → bool array (long columns split over a few threads: pyarrow
    releases the GIL)."""
    return _rx_async(arr, pattern)()


def _rx_chunk(arr: pa.Array, pattern: str) -> np.ndarray:
    return pc.match_substring_regex(arr, pattern).to_numpy(zero_copy_only=False)


def _rx_async(arr: pa.Array, pattern: str):
    """Start an RE2 search in the background (in chunks over the thread pool); call the result to
    wait for the bool array.  Short columns run at once."""
    n = len(arr)
    if n < _CHUNK or (os.cpu_count() or 1) == 1:
        res = _rx_chunk(arr, pattern) if n else np.zeros(0, bool)
        return lambda: res
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)), thread_name_prefix="xladdin-re2")
    futures = [_pool.submit(_rx_chunk, arr.slice(i, _CHUNK), pattern) for i in range(0, n, _CHUNK)]
    return lambda: np.concatenate([f.result() for f in futures])


@contextmanager
def _gc_paused():
    """The checks create many small lists and tuples; the cyclic GC would scan the caller's whole
    heap several times per call (about 13 % of the time) though nothing here makes cycles."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _strings(values: list[str]) -> pa.Array:
    return pa.array(values, type=pa.string())


def _distinct_in_order(items) -> list[str]:
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def _norm_phrase(s: str) -> str:
    return " ".join(s.lower().split())


# ---------------------------------------------------------------------------------------------
# Phrase matching (brands, keywords): the same rule in Python `re` and in RE2
# ---------------------------------------------------------------------------------------------


def _fold(w: str) -> str:
    """Simple English plural → singular: batteries → battery, boxes → box, mats → mat (glass, bus, this stay)."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _forms(w: str) -> list[str]:
    """The word, its singular and its simple plural (alphabetic words of 3+ letters only)."""
    if len(w) < 3 or not w.isalpha():
        return [w]
    base = _fold(w)
    out = {w, base}
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        out.add(base[:-1] + "ies")
    elif base.endswith(("s", "x", "z", "ch", "sh")):
        out.add(base + "es")
    else:
        out.add(base + "s")
    return sorted(out, key=len, reverse=True)


class _Phrase(NamedTuple):
    py: re.Pattern
    re2: str
    hint: str  # RE2 for a literal every match contains (a fast pre-filter), or ""


@lru_cache(maxsize=4096)
def _phrase(text: str, plurals: bool) -> _Phrase | None:
    """Whole-word, case-insensitive pattern for a brand (exact words, any spacing) or a keyword
    (plurals, spaces / hyphens / nothing between words)."""
    text = text.strip()
    if not text:
        return None
    words = [w for w in re.split(r"[\s\-‐–]+" if plurals else r"\s+", text.lower()) if w]
    if not words:
        return None
    parts = []
    literal = ""
    for w in words:
        forms = _forms(w) if plurals else [w]
        parts.append("(?:" + "|".join(re.escape(f) for f in forms) + ")")
        common = os.path.commonprefix(forms)
        if len(common) > len(literal):
            literal = common
    body = (_SEP if plurals else r"\s+").join(parts)
    body2 = (_SEP_RE2 if plurals else f"[{_RE2_SPACE}]+").join(parts)
    before = words[0][0].isalnum() or words[0][0] == "_"
    after = words[-1][-1].isalnum() or words[-1][-1] == "_"
    py = (_WB_BEFORE if before else "") + body + (_WB_AFTER if after else "")
    r2 = "(?i)" + (_RE2_BEFORE if before else "") + body2 + (_RE2_AFTER if after else "")
    hint = "(?i)" + re.escape(literal) if len(literal) >= 3 else ""
    return _Phrase(re.compile(py, re.IGNORECASE), r2, hint)


def _rx_phrase(arr: pa.Array, ph: _Phrase) -> np.ndarray:
    """RE2 search for a phrase; on long columns a plain-literal pass first (about 3× faster than the
    word-boundary pattern), the full pattern only where the literal occurs."""
    if ph.hint and len(arr) >= 4096:
        cand = np.flatnonzero(_rx(arr, ph.hint))
        out = np.zeros(len(arr), bool)
        if len(cand):
            out[cand] = _rx(arr.take(pa.array(cand)), ph.re2)
        return out
    return _rx(arr, ph.re2)


def _match(texts: list[str], arr: pa.Array, rows: np.ndarray, ph: _Phrase) -> np.ndarray:
    """Does ``ph`` occur in ``texts[r]`` for each r in ``rows``?  RE2 on the column for large groups."""
    if len(rows) >= _VECTOR_MIN:
        sub = arr if len(rows) == len(arr) else arr.take(pa.array(rows))
        return _rx_phrase(sub, ph)
    search = ph.py.search
    return np.fromiter((search(texts[r]) is not None for r in rows), bool, len(rows))


def _groups(keys: list) -> dict:
    """Distinct key → int64 array of the rows holding it (keys hashable)."""
    first = keys[0] if keys else None
    if keys and all(k == first for k in keys):  # the common case: one brand / keyword list for all rows
        return {first: np.arange(len(keys))}
    out: dict = {}
    for i, k in enumerate(keys):
        out.setdefault(k, []).append(i)
    return {k: np.asarray(v, dtype=np.int64) for k, v in out.items()}


# ---------------------------------------------------------------------------------------------
# Vectorised tokenizer
# ---------------------------------------------------------------------------------------------


class _Tokens(NamedTuple):
    parent: np.ndarray  # row of each token, ascending
    code: np.ndarray  # index into words
    words: list[str]  # distinct lower-case words
    bounds: np.ndarray  # tokens of row r: bounds[r]:bounds[r+1]


def _tokenize(arr: pa.Array) -> _Tokens:
    """Lower-case words of every string: runs of letters and digits, inner ' ’ - kept ("non-slip",
    "men's"); everything else separates.  ASCII is split with a byte table and pyarrow, the (small)
    vocabulary is then re-split in Python for Unicode punctuation and spaces."""
    n = len(arr)
    low = pc.utf8_lower(arr)
    bufs = low.buffers()
    if n == 0 or bufs[2] is None or bufs[2].size == 0:
        z = np.zeros(0, np.int64)
        return _Tokens(z, z, [], np.zeros(n + 1, np.int64))
    mapped = _LUT[np.frombuffer(bufs[2], dtype=np.uint8)]
    sep = pa.Array.from_buffers(pa.string(), n, [None, bufs[1], pa.py_buffer(mapped)], offset=low.offset)
    lists = pc.ascii_split_whitespace(sep)
    flat = pc.list_flatten(lists)
    parent = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    nonempty = pc.greater(pc.binary_length(flat), 0)  # "" comes from blank and space-padded strings
    if not pc.all(nonempty).as_py():
        flat = flat.filter(nonempty)
        parent = parent[nonempty.to_numpy(zero_copy_only=False)]
    enc = pc.dictionary_encode(flat)
    raw = enc.dictionary.to_pylist()
    idx = enc.indices.to_numpy().astype(np.int64)
    index: dict[str, int] = {}
    subs = []
    for t in raw:
        ws = [w.replace("’", "'") for w in _WORD.findall(t)] if not t.isalnum() else [t]
        subs.append([index.setdefault(w, len(index)) for w in ws])
    words = list(index)
    lens = np.fromiter((len(s) for s in subs), np.int64, len(subs))
    if len(subs) and (lens == 1).all():
        code = np.fromiter((s[0] for s in subs), np.int64, len(subs))[idx] if len(idx) else idx
    else:
        flat_sub = np.fromiter(chain.from_iterable(subs), np.int64)
        sstart = np.cumsum(lens) - lens
        tl = lens[idx]
        parent = np.repeat(parent, tl)
        tstart = np.cumsum(tl) - tl
        within = np.arange(int(tl.sum()), dtype=np.int64) - np.repeat(tstart, tl)
        code = flat_sub[np.repeat(sstart[idx], tl) + within]
    bounds = np.searchsorted(parent, np.arange(n + 1))
    return _Tokens(parent, code, words, bounds)


def _word_mask(words: list[str], pred) -> np.ndarray:
    return np.fromiter((bool(pred(w)) for w in words), bool, len(words))


# ---------------------------------------------------------------------------------------------
# LISTING_CHECK
# ---------------------------------------------------------------------------------------------


def _bullet_cells(item) -> list:
    """One listing's bullets: a text with line breaks (blank lines dropped), or a sequence of cells
    (kept as they are; blank cells are handled on the column: trailing ones ignored, inner ones are
    BULLET_EMPTY).  A sequence of one cell holding line breaks is read as that text."""
    if item is None:
        return []
    if isinstance(item, str):
        return [x for x in item.splitlines() if x and not x.isspace()]
    if isinstance(item, np.ndarray):
        item = item.ravel().tolist()
    if isinstance(item, (list, tuple)):
        if len(item) == 1 and isinstance(item[0], str) and ("\n" in item[0] or "\r" in item[0]):
            return _bullet_cells(item[0])
        return item
    if isinstance(item, float) and math.isnan(item):
        return []
    return [item]  # one number or other value: one bullet


class _Bullets:
    """Every bullet of every listing in one trimmed string column.

    ``parent``/``pos`` give each bullet's listing and 1-based number, ``bounds`` the bullets of listing
    r (``bounds[r]:bounds[r+1]``), ``count`` the filled bullets per listing and ``gaps`` the blank cells
    followed by a filled one.  Listings given as one text each are split on line breaks by pyarrow.
    """

    def __init__(self, rows: list, n: int):
        if all(type(x) is str for x in rows):
            self._from_texts(rows, n)
        else:
            self._from_cells(rows, n)
        self.bounds = np.searchsorted(self.parent, np.arange(n + 1))
        self.pos = np.arange(len(self.parent), dtype=np.int64) - self.bounds[self.parent] + 1
        self.ascii = pc.string_is_ascii(self.arr).to_numpy(zero_copy_only=False)
        self._py: dict[int, str] = {}

    def _from_texts(self, rows: list[str], n: int) -> None:
        a = _strings(rows)
        if _rx(a, "\r").any():
            a = pc.replace_substring(pc.replace_substring(a, "\r\n", "\n"), "\r", "\n")
        lists = pc.split_pattern(a, "\n")
        arr = pc.utf8_trim_whitespace(pc.list_flatten(lists))
        parent = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
        length = pc.utf8_length(arr).to_numpy(zero_copy_only=False)
        keep = length > 0  # in one text, blank lines only separate bullets
        if not keep.all():
            arr, parent, length = arr.filter(pa.array(keep)), parent[keep], length[keep]
        self.arr, self.parent, self.length = arr, parent, length
        self.count = np.bincount(parent, minlength=n)
        self.gaps = np.zeros(0, np.int64)

    def _from_cells(self, rows: list, n: int) -> None:
        flat: list = []
        counts: list[int] = []
        extend, append = flat.extend, counts.append
        for item in rows:
            t = type(item)
            if (t is tuple or t is list) and not (len(item) == 1 and type(item[0]) is str):
                cells = item
            else:
                cells = _bullet_cells(item)
            extend(cells)
            append(len(cells))
        try:
            a = pa.array(flat, type=pa.string())
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # numbers in bullet cells
            a = _strings([as_text(x) for x in flat])
        if a.null_count:
            a = a.fill_null("")
        nb = np.asarray(counts, dtype=np.int64)
        self.parent = np.repeat(np.arange(n, dtype=np.int64), nb)
        self.arr = pc.utf8_trim_whitespace(a)
        self.length = pc.utf8_length(self.arr).to_numpy(zero_copy_only=False)
        blank = self.length == 0
        self.count = nb - np.bincount(self.parent[blank], minlength=n)
        self.gaps = np.zeros(0, np.int64)
        if blank.any():
            filled = np.flatnonzero(~blank)
            rows_f = self.parent[filled]
            ends = filled[np.concatenate((rows_f[1:] != rows_f[:-1], [True]))] if len(filled) else filled
            last = np.full(n, -1, np.int64)  # index of the last filled bullet of each listing
            last[self.parent[ends]] = ends
            blank_idx = np.flatnonzero(blank)
            self.gaps = blank_idx[blank_idx < last[self.parent[blank_idx]]]

    def text(self, j: int) -> str:
        t = self._py.get(j)
        if t is None:
            t = self._py[j] = self.arr[j].as_py()
        return t

    def of_row(self, r: int) -> range:
        return range(int(self.bounds[r]), int(self.bounds[r + 1]))


def _keyword_list(item) -> tuple[str, ...]:
    if item is None:
        return ()
    texts = [item] if isinstance(item, str) else [as_text(x) for x in (item.ravel() if isinstance(item, np.ndarray) else item)]
    seen, out = set(), []
    for t in texts:
        for k in split_items(t):
            key = _norm_phrase(k)
            if key not in seen:
                seen.add(key)
                out.append(k)
    return tuple(out)


def _texts(col) -> list[str]:
    vals = col.ravel().tolist() if isinstance(col, np.ndarray) else list(col)
    return [v if type(v) is str else as_text(v) for v in vals]


def _rows(x, n: int, what: str) -> list:
    """One item per listing (a single item is repeated)."""
    rows = x.tolist() if isinstance(x, np.ndarray) and x.ndim == 1 else [x] if isinstance(x, str) else list(x)
    if len(rows) == 1 and n != 1:
        rows = rows * n
    if len(rows) != n:
        raise ValueError(f"{what}: expected {n} listings, got {len(rows)}")
    return rows


def listing_check(title, bullets, brand=None, keywords=None, max_title=None, description=None, *,
                  settings=DEFAULTS, max_chars: int = CELL_TEXT_MAX) -> Computed:
    """LISTING_CHECK over whole columns; codes and rules in the module docstring.

    Args:
        title: sequence of n titles.
        bullets: sequence of n items, each one text with line breaks or a sequence of bullet cells
            (one item is used for every listing).
        brand: None, one brand for every row, or n brands ("" = not checked).
        keywords: None, or n items, each a text of keywords separated by , ; newline … or a sequence of
            such texts (one item is used for every listing; it is parsed once).
        max_title: None (``settings.title_guide``), one number or n numbers: the team's title guideline.
        description: None (not checked), one description for every row, or n descriptions.

    Returns:
        :class:`Computed` with an object array of result strings; a non-positive ``max_title`` is
        ``OUT_OF_RANGE`` for its row.
    """
    with _gc_paused():
        return _listing_check(title, bullets, brand, keywords, max_title, description, settings, max_chars)


def _listing_check(title, bullets, brand, keywords, max_title, description, settings, max_chars) -> Computed:
    s = settings
    titles = _texts(title)
    n = len(titles)
    brands = _column(brand, n, "", text=True)
    guide = _column(max_title, n, float(s.title_guide), text=False)
    bl = _Bullets(_rows(bullets, n, "bullets"), n)
    kw_rows = None if keywords is None else _rows(keywords, n, "keywords")

    problems: dict[int, list[tuple[str, str]]] = {}

    def add(r: int, code: str, detail: str) -> None:
        lst = problems.get(r)
        if lst is None:
            problems[r] = [(code, detail)]
        else:
            lst.append((code, detail))

    tarr = pc.utf8_trim_whitespace(_strings(titles))
    tlen = pc.utf8_length(tarr).to_numpy(zero_copy_only=False)
    t_na = np.flatnonzero(~pc.string_is_ascii(tarr).to_numpy(zero_copy_only=False))
    b_na = np.flatnonzero(~bl.ascii)
    # The column screens run in the background while the titles are tokenized.
    t_special = _rx_async(tarr, _TITLE_SPECIAL_RE2)
    t_promo = _rx_async(tarr, _PROMO_RE2)
    t_emoji = _rx_async(tarr.take(pa.array(t_na)), _EMOJI_RE2) if len(t_na) else None
    b_tilde = _rx_async(bl.arr, "~")  # the only ASCII character of BULLET_BANNED
    b_na_arr = bl.arr.take(pa.array(b_na)) if len(b_na) else None
    b_banned = _rx_async(b_na_arr, _BULLET_BANNED_RE2) if len(b_na) else None
    b_emoji = _rx_async(b_na_arr, _EMOJI_RE2) if len(b_na) else None
    b_phrases = _rx_async(bl.arr, _BULLET_PHRASES_RE2)
    repeated = _repeated_title_words(tarr)

    brand_groups = {k: v for k, v in _groups(brands).items() if k.strip()} if n else {}
    brand_ph = {k: _phrase(k, False) for k in brand_groups}

    # ---- title ----------------------------------------------------------------------------
    empty = tlen == 0
    for r in np.flatnonzero(empty).tolist():
        add(r, "TITLE_EMPTY", "blank")
    for r in np.flatnonzero(tlen > s.title_max).tolist():
        add(r, "TITLE_TOO_LONG", f"{tlen[r]} > {s.title_max}")
    bad_guide = ~(guide > 0)
    for r in np.flatnonzero((tlen > guide) & ~bad_guide).tolist():
        add(r, "TITLE_OVER_GUIDE", f"{tlen[r]} > {guide[r]:g}")
    for r in np.flatnonzero(t_special()).tolist():
        ph = brand_ph.get(brands[r]) if brands[r].strip() else None
        bad = _title_banned(titles[r].strip(), ph.py if ph else None)
        if bad:
            add(r, "TITLE_BANNED_CHAR", " ".join(bad))
    if t_emoji is not None:
        for r in t_na[t_emoji()].tolist():
            add(r, "TITLE_EMOJI", " ".join(_distinct_in_order(_EMOJI.findall(titles[r]))))
    for r in np.flatnonzero(t_promo()).tolist():
        found = _distinct_in_order(_norm_phrase(m.group()) for m in _PROMO.finditer(titles[r]))
        if found:
            add(r, "TITLE_PROMO_PHRASE", ", ".join(found))
    for r, detail in repeated:
        add(r, "TITLE_REPEATED_WORD", detail)
    for r in np.flatnonzero(pc.utf8_is_upper(tarr).to_numpy(zero_copy_only=False)).tolist():
        if len(_LETTER_WORD.findall(titles[r])) >= 2:
            add(r, "TITLE_ALL_CAPS", "no lower-case letters")

    # ---- brand ----------------------------------------------------------------------------
    for b, rows in brand_groups.items():
        rows = rows[~empty[rows]]
        if len(rows):
            hit = _match(titles, tarr, rows, brand_ph[b])
            for r in rows[~hit].tolist():
                add(r, "BRAND_MISSING", b.strip())

    # ---- bullets --------------------------------------------------------------------------
    want = s.bullet_count
    for r in np.flatnonzero(bl.count != want).tolist():
        c = bl.count[r]
        add(r, "BULLET_COUNT", f"{c} {'<' if c < want else '>'} {want}")
    pos, length = bl.pos, bl.length
    _per_bullet(add, bl.parent, bl.gaps, lambda j: f"#{pos[j]}", "BULLET_EMPTY")
    _per_bullet(add, bl.parent, np.flatnonzero(length > s.bullet_max), lambda j: f"#{pos[j]} {length[j]}",
                "BULLET_TOO_LONG", suffix=f" > {s.bullet_max}")
    cand = np.flatnonzero(b_tilde())
    if b_banned is not None:
        cand = np.union1d(cand, b_na[b_banned()])
    _per_bullet(add, bl.parent, cand,
                lambda j: f"#{pos[j]} " + " ".join(_distinct_in_order(_BULLET_BANNED.findall(bl.text(j)))),
                "BULLET_BANNED_CHAR")
    if b_emoji is not None:
        _per_bullet(add, bl.parent, b_na[b_emoji()],
                    lambda j: f"#{pos[j]} " + " ".join(_distinct_in_order(_EMOJI.findall(bl.text(j)))),
                    "BULLET_EMOJI")
    flagged = np.flatnonzero(b_phrases())
    if len(flagged):
        sub = bl.arr.take(pa.array(flagged))
        for code, exact, screen in _BULLET_KINDS:
            details: dict[int, str] = {}
            for j in flagged[_rx(sub, screen)].tolist():
                vals = [m.group().strip() for m in exact.finditer(bl.text(j))]
                if vals:
                    if code in ("BULLET_CLAIM", "BULLET_PLACEHOLDER"):
                        vals = [_norm_phrase(v) for v in vals]
                    details[j] = f"#{pos[j]} " + ", ".join(_clip(v, 40) for v in _distinct_in_order(vals))
            _per_bullet(add, bl.parent, np.fromiter(details, np.int64, len(details)), details.__getitem__, code)

    # ---- description ----------------------------------------------------------------------
    if description is not None and n:
        for r, code, detail in description_problems(_column(description, n, "", text=True), s.description_max):
            add(r, code, detail)

    # ---- keywords -------------------------------------------------------------------------
    if kw_rows is not None and n:
        for r, missing in _missing_keywords(kw_rows, titles, tarr, bl).items():
            add(r, "KEYWORD_MISSING", missing)

    out = np.full(n, "OK", dtype=object)
    for r, plist in problems.items():
        out[r] = join_problems(plist, max_chars)
    errors = np.where(bad_guide, Code.OUT_OF_RANGE, 0).astype(np.int16) if bad_guide.any() else None
    return Computed(out, errors)


def description_problems(descriptions: list[str], max_len: int) -> list[tuple[int, str, str]]:
    """(row, code, detail) for a column of descriptions, rows ascending, codes in output order.
    Columns are screened with RE2; only flagged rows run the Python patterns for their detail."""
    texts = [d.strip() for d in descriptions]
    arr = _strings(texts)
    length = pc.utf8_length(arr).to_numpy(zero_copy_only=False)
    found: dict[int, list[tuple[str, str]]] = {}
    for r in np.flatnonzero(length == 0).tolist():
        found.setdefault(r, []).append(("DESCRIPTION_EMPTY", "blank"))
    for r in np.flatnonzero(length > max_len).tolist():
        found.setdefault(r, []).append(("DESCRIPTION_TOO_LONG", f"{length[r]} > {max_len}"))
    for r in np.flatnonzero(_rx(arr, _HTML_RE2)).tolist():
        tags = []
        for m in _HTML.finditer(texts[r]):
            tag = m.group(1)
            if tag is not None and tag.lower() == "br":
                continue  # line breaks are the one HTML Amazon allows in the description
            tags.append(f"<{tag.lower()}>" if tag is not None else m.group().lower())
        if tags:
            found.setdefault(r, []).append(("DESCRIPTION_HTML", ", ".join(_distinct_in_order(tags))))
    for code, exact, screen in _DESC_KINDS:
        for r in np.flatnonzero(_rx(arr, screen)).tolist():
            vals = _distinct_in_order(_norm_phrase(m.group()) for m in exact.finditer(texts[r]))
            if vals:
                found.setdefault(r, []).append((code, ", ".join(_clip(v, 40) for v in vals)))
    return [(r, c, d) for r in sorted(found) for c, d in found[r]]


def _per_bullet(add, bparent, idx, detail, code: str, suffix: str = "") -> None:
    """One problem per row for the flagged bullets ``idx`` (any order): "#2 312, #4 260" + suffix."""
    if len(idx) == 0:
        return
    idx = np.sort(np.asarray(idx, dtype=np.int64))
    cur, parts = -1, []
    for j, r in zip(idx.tolist(), bparent[idx].tolist()):
        if r != cur:
            if parts:
                add(cur, code, ", ".join(parts) + suffix)
            cur, parts = r, []
        parts.append(detail(j))
    add(cur, code, ", ".join(parts) + suffix)


def _title_banned(t: str, brand: re.Pattern | None) -> list[str]:
    skip = []
    if brand is not None:
        skip = [m.span() for m in brand.finditer(t)]
    bad = []
    for m in _TITLE_SPECIAL.finditer(t):
        i, ch = m.start(), m.group()
        if any(a <= i < b for a, b in skip):
            continue
        if ch in TITLE_BANNED:
            ok = False
        elif ch in "#~":
            ok = _NUM_AFTER.match(t, i + 1) is not None
        elif ch in "<>":
            ok = _CMP_AFTER.match(t, i + 1) is not None
        else:  # "*": between two numbers, as in 12*8 or 12 * 8
            ok = _NUM_BEFORE.search(t[max(0, i - 2):i]) is not None and _NUM_AFTER.match(t, i + 1) is not None
        if not ok and ch not in bad:
            bad.append(ch)
    return bad


def _repeated_title_words(tarr: pa.Array):
    """(row, "mat ×3, yoga ×4") for titles with a non-exempt word more than twice."""
    tok = _tokenize(tarr)
    if not len(tok.code):
        return []
    countable = _word_mask(tok.words, lambda w: w not in EXEMPT_WORDS and any(c.isalpha() for c in w))
    keep = countable[tok.code]
    v = max(len(tok.words), 1)
    keys = np.sort(tok.parent[keep] * v + tok.code[keep])
    if len(keys) < 3:
        return []
    rows = _sorted_unique(keys[2:][keys[2:] == keys[:-2]] // v)
    out = []
    for r in rows.tolist():
        codes = tok.code[tok.bounds[r]:tok.bounds[r + 1]]
        counts: dict[int, int] = {}
        for c in codes[countable[codes]].tolist():
            counts[c] = counts.get(c, 0) + 1
        out.append((r, ", ".join(f"{tok.words[c]} ×{k}" for c, k in counts.items() if k > 2)))
    return out


def _missing_keywords(kw_rows: list, titles: list[str], tarr: pa.Array, bl: _Bullets) -> dict[int, str]:
    """Row → "kw1, kw2": the keywords (as given, in order) found in neither its title nor its bullets."""
    n = len(kw_rows)
    # Parse each distinct keyword item once and group the rows by keyword list.
    list_of: dict = {}
    lists: list[tuple[str, ...]] = []
    lid = np.empty(n, np.int64)
    for r, item in enumerate(kw_rows):
        key = item if isinstance(item, (str, tuple)) or item is None else \
            tuple(item.ravel().tolist()) if isinstance(item, np.ndarray) else tuple(item)
        i = list_of.get(key)
        if i is None:
            i = list_of[key] = len(lists)
            lists.append(_keyword_list(item))
        lid[r] = i
    if len(lists) == 1:
        rows_of_list = [np.arange(n, dtype=np.int64)]
    else:
        order = np.argsort(lid, kind="stable")
        cuts = np.searchsorted(lid[order], np.arange(1, len(lists)))
        rows_of_list = np.split(order, cuts)
    groups: dict[str, list[np.ndarray]] = {}
    for i, kws in enumerate(lists):
        for k in kws:
            groups.setdefault(k, []).append(rows_of_list[i])
    missing_sets: dict[str, np.ndarray] = {}
    for k, parts in groups.items():
        ph = _phrase(k, True)
        if ph is None:
            continue
        rows = parts[0] if len(parts) == 1 else np.sort(np.concatenate(parts))
        rest = rows[~_match(titles, tarr, rows, ph)]
        if len(rest) == 0:
            continue
        if len(rest) >= _VECTOR_MIN:
            sel = np.zeros(n, bool)
            sel[rest] = True
            bsel = np.flatnonzero(sel[bl.parent])
            found = np.zeros(n, bool)
            if len(bsel):
                found[bl.parent[bsel[_rx_phrase(bl.arr.take(pa.array(bsel)), ph)]]] = True
            miss = rest[~found[rest]]
        else:
            search = ph.py.search
            miss = np.asarray([r for r in rest.tolist() if not any(search(bl.text(j)) for j in bl.of_row(r))], np.int64)
        if len(miss):
            missing_sets[k] = miss
    out: dict[int, str] = {}
    if not missing_sets:
        return out
    if len(lists) == 1 and len(lists[0]) <= 62:
        # One shared list: a bit mask per row, the text once per combination of missing keywords.
        kws = lists[0]
        mask = np.zeros(n, np.int64)
        for j, k in enumerate(kws):
            if k in missing_sets:
                mask[missing_sets[k]] |= 1 << j
        rows = np.flatnonzero(mask)
        texts: dict[int, str] = {}
        for r, bits in zip(rows.tolist(), mask[rows].tolist()):
            t = texts.get(bits)
            if t is None:
                t = texts[bits] = ", ".join(k for j, k in enumerate(kws) if bits >> j & 1)
            out[r] = t
        return out
    flags = {k: set(v.tolist()) for k, v in missing_sets.items()}
    lid_list = lid.tolist()
    for r in np.unique(np.concatenate(list(missing_sets.values()))).tolist():
        out[r] = ", ".join(k for k in lists[lid_list[r]] if r in flags.get(k, ()))
    return out


# ---------------------------------------------------------------------------------------------
# SEARCH_TERMS_CHECK
# ---------------------------------------------------------------------------------------------


def search_terms_check(search_terms, title=None, brand=None, max_bytes=None, *,
                       settings=DEFAULTS, max_chars: int = CELL_TEXT_MAX) -> Computed:
    """SEARCH_TERMS_CHECK over whole columns; codes and rules in the module docstring.

    Args:
        search_terms: sequence of n backend search-term texts.
        title: None, one title or n titles (words already there are reported).
        brand: None, one brand or n brands.
        max_bytes: None (``settings.search_terms_bytes``), one number or n numbers.
    """
    with _gc_paused():
        return _search_terms_check(search_terms, title, brand, max_bytes, settings, max_chars)


def _search_terms_check(search_terms, title, brand, max_bytes, settings, max_chars) -> Computed:
    terms = [t if type(t) is str else as_text(t) for t in (search_terms.ravel() if isinstance(search_terms, np.ndarray) else search_terms)]
    n = len(terms)
    titles = _column(title, n, "", text=True)
    brands = _column(brand, n, "", text=True)
    limit = _column(max_bytes, n, float(settings.search_terms_bytes), text=False)
    bad_limit = ~(limit > 0)

    problems: dict[int, list[tuple[str, str]]] = {}

    def add(r: int, code: str, detail: str) -> None:
        problems.setdefault(r, []).append((code, detail))

    sarr = _strings(terms)
    raw_bytes = pc.binary_length(sarr).to_numpy(zero_copy_only=False)
    counted = raw_bytes - _free_bytes(sarr)
    for r in np.flatnonzero(counted == 0).tolist():
        add(r, "SEARCH_TERMS_EMPTY", f"0 of {limit[r]:g} bytes used")
    for r in np.flatnonzero((counted > limit) & ~bad_limit).tolist():
        add(r, "SEARCH_TERMS_TOO_LONG", f"{counted[r]} > {limit[r]:g} bytes ({raw_bytes[r]} with spaces and punctuation)")

    both = _tokenize(pa.concat_arrays([sarr, _strings(titles)]))
    words, bounds = both.words, both.bounds
    v = max(len(words), 1)
    fold_of: dict[str, int] = {}
    fold = np.fromiter((fold_of.setdefault(_fold(w), len(fold_of)) for w in words), np.int64, len(words))
    m = int(bounds[n])  # tokens [0, m) belong to the search terms, the rest to the titles
    tp, tc = both.parent[:m], both.code[:m]
    tf = fold[tc] if m else tc
    title_keys = (both.parent[m:] - n) * v + fold[both.code[m:]] if len(both.code) > m else np.zeros(0, np.int64)
    in_title, repeated = _token_flags(tp * v + tf, title_keys)
    _per_token(add, tp, tc, tf, in_title, words, "SEARCH_TERMS_IN_TITLE")
    _per_token(add, tp, tc, tf, repeated, words, "SEARCH_TERMS_REPEATED")
    ncomma = pc.count_substring_regex(sarr, _COMMA_RE2).to_numpy(zero_copy_only=False)
    for r in np.flatnonzero(ncomma):
        add(int(r), "SEARCH_TERMS_COMMA", f"{ncomma[r]} (separate words with spaces)")
    asin_w = _word_mask(words, _ASIN_WORD.match)
    if m and asin_w.any():
        _per_token(add, tp, tc, tc, asin_w[tc], [w.upper() for w in words], "SEARCH_TERMS_ASIN")
    for b, rows in _groups(brands).items():
        if not b.strip():
            continue
        ph = _phrase(b, False)
        for r in rows[_match(terms, sarr, rows, ph)]:
            add(int(r), "SEARCH_TERMS_BRAND", b.strip())
    for code, phrases in (("SEARCH_TERMS_TEMPORARY", ST_TEMPORARY), ("SEARCH_TERMS_SUBJECTIVE", ST_SUBJECTIVE)):
        single, pairs = _word_sets(words, phrases)
        hit = _phrase_hits(both.parent[:m], tc, single, pairs)
        for r in _sorted_unique(both.parent[:m][hit > 0]):
            lo, hi = bounds[r], bounds[r + 1]
            add(int(r), code, _phrase_text(tc[lo:hi], hit[lo:hi], words))

    out = np.full(n, "OK", dtype=object)
    for r, plist in problems.items():  # checks ran in output order
        out[r] = join_problems(plist, max_chars)
    errors = np.where(bad_limit, Code.OUT_OF_RANGE, 0).astype(np.int16) if bad_limit.any() else None
    return Computed(out, errors)


_FREE = np.zeros(256, np.uint8)  # ASCII bytes not counted in search terms: whitespace and punctuation
for _b in range(128):
    if chr(_b).isspace() or unicodedata.category(chr(_b)).startswith("P"):
        _FREE[_b] = 1
_FREE_RE2 = r"[\s\x{0B}\x{1C}-\x{1F}\x{85}\p{Z}\p{P}]+"


def _free_bytes(arr: pa.Array) -> np.ndarray:
    """UTF-8 bytes of whitespace and punctuation per string (Amazon does not count them)."""
    n = len(arr)
    out = np.zeros(n, np.int64)
    bufs = arr.buffers()
    if n == 0 or bufs[2] is None or bufs[2].size == 0:
        return out
    offsets = np.frombuffer(bufs[1], dtype=np.int32)[arr.offset:arr.offset + n + 1]
    data = np.frombuffer(bufs[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    rel = offsets - offsets[0]
    filled = np.flatnonzero(rel[1:] > rel[:-1])
    if len(filled):
        out[filled] = np.add.reduceat(_FREE[data], rel[:-1][filled], dtype=np.int64)
    na = np.flatnonzero(~pc.string_is_ascii(arr).to_numpy(zero_copy_only=False))
    if len(na):  # Unicode spaces and punctuation (，。、 – … NBSP): RE2 on those rows only
        sub = arr.take(pa.array(na))
        out[na] = pc.binary_length(sub).to_numpy(zero_copy_only=False) - \
            pc.binary_length(pc.replace_substring_regex(sub, _FREE_RE2, "")).to_numpy(zero_copy_only=False)
    return out


def _sorted_unique(a: np.ndarray) -> np.ndarray:
    """np.unique for an already sorted array (numpy's hash-based unique is slow on millions)."""
    if len(a) < 2:
        return a
    return a[np.concatenate(([True], a[1:] != a[:-1]))]


def _token_flags(keys: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per key: is it also in ``other``, and does it occur more than once in ``keys``?  One stable sort
    of both (the keys are grouped by row already, which keeps it fast)."""
    m = len(keys)
    if m == 0:
        z = np.zeros(0, bool)
        return z, z
    allk = np.concatenate((other * 2, keys * 2 + 1))  # same key: ``other`` sorts first
    order = np.argsort(allk, kind="stable")
    c = allk[order]
    k = c >> 1
    start = np.concatenate(([True], k[1:] != k[:-1]))
    starts = np.flatnonzero(start)
    is_key = (c & 1).astype(np.int8)
    run_has_other = is_key[starts] == 0
    run_keys = np.add.reduceat(is_key, starts, dtype=np.int64)
    run = np.cumsum(start, dtype=np.int64) - 1
    sel = is_key.view(bool)
    where = order[sel] - len(other)
    r = run[sel]
    in_other = np.empty(m, bool)
    in_other[where] = run_has_other[r]
    repeated = np.empty(m, bool)
    repeated[where] = run_keys[r] > 1
    return in_other, repeated


def _per_token(add, tp, tc, tf, mask, words, code: str) -> None:
    """One problem per row listing its flagged words, distinct by folded form, as first written."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return
    cur, seen, parts = -1, set(), []
    for r, c, f in zip(tp[idx].tolist(), tc[idx].tolist(), tf[idx].tolist()):
        if r != cur:
            if parts:
                add(cur, code, ", ".join(parts))
            cur, seen, parts = r, set(), []
        if f not in seen:
            seen.add(f)
            parts.append(words[c])
    add(cur, code, ", ".join(parts))


def _word_sets(words: list[str], phrases) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """(mask of single words in ``phrases``, [(code1, code2)] of the two-word phrases present)."""
    singles = {p for p in phrases if " " not in p}
    index = {w: i for i, w in enumerate(words)}
    pairs = []
    for p in phrases:
        parts = p.split()
        if len(parts) == 2 and parts[0] in index and parts[1] in index:
            pairs.append((index[parts[0]], index[parts[1]]))
    return _word_mask(words, singles.__contains__), pairs


def _phrase_hits(tp, tc, single_mask, pairs) -> np.ndarray:
    """Per token: 0 none, 1 a listed single word, 2 the first word of a listed two-word phrase,
    3 its second word (phrases win over their words: "on sale" is reported once, not as "sale")."""
    hit = np.zeros(len(tc), np.int8)
    if not len(tc):
        return hit
    for c1, c2 in pairs:
        m = (tc[:-1] == c1) & (tc[1:] == c2) & (tp[:-1] == tp[1:])
        idx = np.flatnonzero(m)
        hit[idx] = 2
        hit[idx + 1] = 3
    single = single_mask[tc] & (hit == 0)
    hit[single] = 1
    return hit


def _phrase_text(codes, hits, words) -> str:
    out = []
    for i, (c, h) in enumerate(zip(codes, hits)):
        if h == 1:
            out.append(words[c])
        elif h == 2:
            out.append(f"{words[c]} {words[codes[i + 1]]}")
    return ", ".join(_distinct_in_order(out))


# ---------------------------------------------------------------------------------------------
# KEYWORD_COVERAGE
# ---------------------------------------------------------------------------------------------


def keyword_coverage(content, keywords, volumes) -> Computed:
    """Share of search volume covered: Σ volume of keywords found in ``content`` ÷ Σ volume.

    ``content`` is one text or a sequence of texts (title, bullets …) searched together; ``keywords``
    and ``volumes`` are paired by position (blank keyword: the pair is skipped; blank volume: 0).
    Keywords match as in LISTING_CHECK (whole words, case-insensitive, simple plurals).

    Returns a 0-d :class:`Computed`: the share, or SHAPE_MISMATCH (different counts), NO_DATA (no
    keyword), NOT_A_NUMBER, NEGATIVE, DIV_ZERO (total volume 0).
    """
    texts = [content] if isinstance(content, str) or content is None else list(content)
    text = "\n".join(as_text(t) for t in texts)
    kws = [as_text(k).strip() for k in ([keywords] if isinstance(keywords, str) or keywords is None else keywords)]
    vols = [volumes] if isinstance(volumes, (str, int, float)) or volumes is None else list(volumes)

    def fail(code: Code) -> Computed:
        return Computed(np.array(np.nan), np.array(code, dtype=np.int16))

    if len(kws) != len(vols):
        return fail(Code.SHAPE_MISMATCH)
    keep = [i for i, k in enumerate(kws) if k]
    if not keep:
        return fail(Code.NO_DATA)
    p = parse_numbers([vols[i] for i in keep])
    if p.errors.any():
        return fail(Code.NOT_A_NUMBER)
    vol = np.where(p.blank, 0.0, p.values)
    if (vol < 0).any():
        return fail(Code.NEGATIVE)
    total = float(vol.sum())
    if total == 0:
        return fail(Code.DIV_ZERO)
    covered = 0.0
    for i, v in zip(keep, vol):
        ph = _phrase(kws[i], True)
        if ph is not None and ph.py.search(text):
            covered += float(v)
    return Computed(np.array(covered / total), None)
