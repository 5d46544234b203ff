"""LISTING_CHECK, SEARCH_TERMS_CHECK, KEYWORD_COVERAGE: expected texts written out by hand."""

from __future__ import annotations

import keyword as py_keyword
import re

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from udfs.listing import KEYWORD_COVERAGE, LISTING_CHECK, SEARCH_TERMS_CHECK
from xladdin.core import listing as L
from xladdin.core.listing import join_problems, keyword_coverage, listing_check, search_terms_check
from xladdin.errors import Code
from xladdin.settings import load_settings

FIVE = ["Soft and thick cushion for knees", "Lightweight and easy to carry", "Non-slip texture on both sides",
        "Easy to clean with a damp cloth", "Includes a carrying strap"]


def lc(title, bullets=FIVE, **kw) -> str:
    res = listing_check([title], [bullets], max_chars=10_000, **kw)
    assert res.errors is None
    return res.values[0]


def stc(terms, **kw) -> str:
    res = search_terms_check([terms], max_chars=10_000, **kw)
    assert res.errors is None
    return res.values[0]


# ---- title length -----------------------------------------------------------------------------


@pytest.mark.parametrize("n, expected", [
    (180, "OK"),
    (181, "TITLE_OVER_GUIDE: 181 > 180"),
    (200, "TITLE_OVER_GUIDE: 200 > 180"),
    (201, "TITLE_TOO_LONG: 201 > 200; TITLE_OVER_GUIDE: 201 > 180"),
])
def test_title_length_limits(n, expected):
    assert lc("x" * n) == expected


def test_title_length_counts_characters_not_bytes_and_trims_outer_spaces():
    assert lc("  " + "ä" * 180 + "  ") == "OK"
    assert lc("ä" * 181) == "TITLE_OVER_GUIDE: 181 > 180"


def test_max_title_replaces_the_team_guideline():
    assert lc("x" * 151, max_title=150) == "TITLE_OVER_GUIDE: 151 > 150"
    assert lc("x" * 190, max_title=195) == "OK"


def test_settings_change_the_limits():
    s = load_settings({"title_max": 100, "title_guide": 90, "bullet_count": 3, "bullet_max": 20})
    res = listing_check(["x" * 101], [["a", "b", "c", "d" * 21]], settings=s)
    assert res.values[0] == "TITLE_TOO_LONG: 101 > 100; TITLE_OVER_GUIDE: 101 > 90; BULLET_COUNT: 4 > 3; BULLET_TOO_LONG: #4 21 > 20"


def test_non_positive_max_title_is_out_of_range():
    res = listing_check(["Acme Yoga Mat", "Acme Yoga Mat"], [FIVE, FIVE], max_title=[0, 180])
    assert res.error_at(0) == Code.OUT_OF_RANGE and res.error_at(1) == Code.OK


# ---- title characters -------------------------------------------------------------------------


@pytest.mark.parametrize("ch", list("!$?_{}^¬¦"))
def test_always_banned_title_characters(ch):
    assert lc(f"Acme Yoga Mat {ch} Blue") == f"TITLE_BANNED_CHAR: {ch}"


@pytest.mark.parametrize("title", [
    "Acme Envelope Style #4301", "Acme #10 Envelopes", "Acme Weight Plate <10 lb", "Acme Filter >= 5 mm",
    "Acme Bag ~5 lb", "Acme Hose 10~12 in", "Acme Tile 12*8 in", "Acme Tile 12 * 8 in", "Acme Sieve < .5 mm",
])
def test_context_characters_with_a_number_are_allowed(title):
    assert lc(title) == "OK"


@pytest.mark.parametrize("title, bad", [
    ("#Yoga Acme Mat", "#"), ("<<Acme Yoga Mat>>", "< >"), ("~Soft~ Acme Yoga Mat", "~"),
    ("**New** Acme Yoga Mat", "*"), ("Acme Yoga Mat 12* in", "*"), ("Wow! Acme Yoga Mat?", "! ?"),
])
def test_decorative_context_characters_are_banned(title, bad):
    assert lc(title) == f"TITLE_BANNED_CHAR: {bad}"


def test_banned_characters_inside_the_brand_name_are_exempt():
    assert lc("Yahoo! Sticker Pack", brand="Yahoo!") == "OK"
    assert lc("Yahoo! Sticker Pack!", brand="Yahoo!") == "TITLE_BANNED_CHAR: !"
    assert lc("Yahoo! Sticker Pack") == "TITLE_BANNED_CHAR: !"


def test_title_emoji():
    assert lc("Acme Yoga Mat 🔥 Hot") == "TITLE_EMOJI: 🔥"
    assert lc("Acme ✅ Yoga Mat ⭐ ✅") == "TITLE_EMOJI: ✅ ⭐"
    assert lc("Acme™ Yoga Mat") == "OK"  # ™ is a bullet rule, not a title rule


@pytest.mark.parametrize("title, expected", [
    ("Acme Yoga Mat Free Shipping", "TITLE_PROMO_PHRASE: free shipping"),
    ("Acme Yoga Mat - Best-Seller, #1 Rated", "TITLE_PROMO_PHRASE: best-seller, #1 rated"),
    ("Acme Yoga Mat 100% Quality Guaranteed", "TITLE_PROMO_PHRASE: quality guaranteed"),
    ("Acme Yogamatte Kostenloser Versand", "TITLE_PROMO_PHRASE: kostenloser versand"),
    ("Acme Wholesale Yoga Mats", "OK"),
    ("Acme Jack Ground Clearance 12 in", "OK"),
])
def test_promotional_phrases(title, expected):
    assert lc(title) == expected


@pytest.mark.parametrize("title, expected", [
    ("Acme Mat Yoga Mat for Kids Mat", "TITLE_REPEATED_WORD: mat ×3"),
    ("Acme MAT yoga Mat mat", "TITLE_REPEATED_WORD: mat ×3"),
    ("Yoga Mat Yoga Mat Yoga Mat Acme", "TITLE_REPEATED_WORD: yoga ×3, mat ×3"),
    ("Acme Non-Slip Mat, Non-Slip Pad, Non-Slip Grip", "TITLE_REPEATED_WORD: non-slip ×3"),
    ("Acme Men's Shirt, Men's Tee, Men’s Top", "TITLE_REPEATED_WORD: men's ×3"),
    ("Acme Matte–Matte–Matte", "TITLE_REPEATED_WORD: matte ×3"),
    ("Acme Mat for the Kids, for the Adults, for the Dogs", "OK"),
    ("Acme Matte für die Küche, für die Katze, für die Hunde", "OK"),
    ("Acme Box 12 x 12 x 12 Inch", "OK"),
    ("Acme Mats Mat Mat Yoga", "OK"),
])
def test_repeated_words(title, expected):
    assert lc(title) == expected


def test_all_caps():
    assert lc("ACME YOGA MAT NON-SLIP") == "TITLE_ALL_CAPS: no lower-case letters"
    assert lc("ACME 12") == "OK"
    assert lc("Acme USB LED Lamp, SUPER SOFT") == "OK"


def test_brand_anywhere_whole_words_case_insensitive():
    assert lc("Yoga Mat by ACME", brand="Acme") == "OK"
    assert lc("Acmes Yoga Mat", brand="Acme") == "BRAND_MISSING: Acme"
    assert lc("Blue   Ocean Yoga Mat", brand="Blue Ocean") == "OK"
    assert lc("", brand="Acme") == "TITLE_EMPTY: blank"


# ---- bullets ----------------------------------------------------------------------------------


def test_bullet_count():
    assert lc("Acme Yoga Mat", FIVE[:4]) == "BULLET_COUNT: 4 < 5"
    assert lc("Acme Yoga Mat", FIVE + ["A sixth one"]) == "BULLET_COUNT: 6 > 5"
    assert lc("Acme Yoga Mat", []) == "BULLET_COUNT: 0 < 5"


def test_bullets_in_one_cell_with_line_breaks():
    assert lc("Acme Yoga Mat", "\n".join(FIVE)) == "OK"
    assert lc("Acme Yoga Mat", "\r\n".join(FIVE)) == "OK"
    assert lc("Acme Yoga Mat", "\n\n".join(FIVE) + "\n  \n") == "OK"
    assert lc("Acme Yoga Mat", "\n".join(FIVE[:3])) == "BULLET_COUNT: 3 < 5"
    assert lc("Acme Yoga Mat", (("\n".join(FIVE)),)) == "OK"  # one cell passed as a range of one


def test_blank_cells_between_bullets():
    cells = [FIVE[0], "", FIVE[1], None, FIVE[2], FIVE[3], FIVE[4], "", None]
    assert lc("Acme Yoga Mat", cells) == "BULLET_EMPTY: #2, #4"


def test_numbers_in_bullet_cells():
    assert lc(12345.0, [1.0, 2.5, True, "four", "five"]) == "OK"


@pytest.mark.parametrize("lengths, expected", [
    ((250,), "OK"),
    ((251,), "BULLET_TOO_LONG: #1 251 > 250"),
    ((300, 10, 260), "BULLET_TOO_LONG: #1 300, #3 260 > 250"),
])
def test_bullet_length(lengths, expected):
    bullets = ["y" * k for k in lengths] + FIVE[len(lengths):]
    assert lc("Acme Yoga Mat", bullets) == expected


def test_bullet_banned_characters_and_emoji():
    bullets = ["Heat resistant to 350°F ™", FIVE[1], "Approx ~2 kg", "Easy ✅ to clean 😀", FIVE[4]]
    assert lc("Acme Yoga Mat", bullets) == "BULLET_BANNED_CHAR: #1 ° ™, #3 ~; BULLET_EMOJI: #4 ✅ 😀"


def test_bullet_claims_placeholders_asins_contacts():
    bullets = ["Eco-Friendly and antibacterial TPE", "Works with B07XYZ1234 covers", "Visit www.acme.com or mail help@acme.com",
               "N/A", "100% money back guarantee if you are not satisfied"]
    assert lc("Acme Yoga Mat", bullets) == (
        "BULLET_CLAIM: #1 eco-friendly, antibacterial, #5 money back, guarantee, if you are not satisfied; "
        "BULLET_PLACEHOLDER: #4 n/a; BULLET_ASIN: #2 B07XYZ1234; BULLET_CONTACT: #3 www.acme.com, help@acme.com")


def test_placeholder_bullets_that_are_only_a_dash_or_tbd():
    assert lc("Acme Yoga Mat", FIVE[:3] + ["-", "TBD"]) == "BULLET_PLACEHOLDER: #4 -, #5 tbd"


def test_words_that_only_contain_claims_are_not_flagged():
    assert lc("Acme Yoga Mat", FIVE[:4] + ["Guaranteeing nothing: nonrefundable eco"]) == "OK"


# ---- keywords ---------------------------------------------------------------------------------


@pytest.mark.parametrize("title, keywords, expected", [
    ("Acme Yoga Mats Non-Slip", "yoga mat, non slip", "OK"),
    ("Acme Nonslip Yoga Mat", "non slip", "OK"),
    ("Acme AA Batteries 24 Pack", "aa battery", "OK"),
    ("Acme Yoga Mat", "pilates；exercise mat、yoga mat", "KEYWORD_MISSING: pilates, exercise mat"),
    ("Acme Yoga Mat", "carrying strap", "OK"),  # found in bullet 5
    ("Acme Large Format Printer", "mat", "KEYWORD_MISSING: mat"),
    ("Acme Yoga Mat", "Pilates, pilates ,PILATES\n\n", "KEYWORD_MISSING: Pilates"),
    ("Acme Yoga Mat", ("pilates", "yoga mat; exercise"), "KEYWORD_MISSING: pilates, exercise"),
])
def test_keywords(title, keywords, expected):
    assert lc(title, keywords=[keywords]) == expected


def test_several_listings_in_one_call():
    res = listing_check(["Acme Yoga Mat", "Acme Yoga Mat!", ""], [FIVE, FIVE[:3], ""], "Acme", "pilates, yoga mat")
    assert list(res.values) == ["KEYWORD_MISSING: pilates",
                                "TITLE_BANNED_CHAR: !; BULLET_COUNT: 3 < 5; KEYWORD_MISSING: pilates",
                                "TITLE_EMPTY: blank; BULLET_COUNT: 0 < 5; KEYWORD_MISSING: pilates, yoga mat"]


def test_every_code_in_fixed_order_and_the_255_limit():
    title = "Mat Mat Mat!  Free Shipping 🔥 " + "x" * 190
    bullets = ["z" * 260, "", "350°F", "✅ ok", "money back", "TBD", "B07XYZ1234 www.acme.com"]
    full = lc(title, bullets, brand="Acme", keywords=["pilates"])
    codes = [p.split(":")[0] for p in full.split("; ")]
    assert codes == ["TITLE_TOO_LONG", "TITLE_OVER_GUIDE", "TITLE_BANNED_CHAR", "TITLE_EMOJI", "TITLE_PROMO_PHRASE",
                     "TITLE_REPEATED_WORD", "BRAND_MISSING", "BULLET_COUNT", "BULLET_EMPTY", "BULLET_TOO_LONG",
                     "BULLET_BANNED_CHAR", "BULLET_EMOJI", "BULLET_CLAIM", "BULLET_PLACEHOLDER", "BULLET_ASIN",
                     "BULLET_CONTACT", "KEYWORD_MISSING"]
    short = listing_check([title], [bullets], "Acme", ["pilates"]).values[0]
    assert len(short) <= 255
    assert short.startswith("TITLE_TOO_LONG; TITLE_OVER_GUIDE; TITLE_BANNED_CHAR;")
    assert short.endswith("more")


def test_title_all_caps_ranks_after_repetition():
    assert lc("ACME MAT MAT MAT") == "TITLE_REPEATED_WORD: mat ×3; TITLE_ALL_CAPS: no lower-case letters"


# ---- the column paths give the same answers as the per-row paths ------------------------------

SAMPLES = [
    ("Acme Yoga Mat Non-Slip", FIVE, "Acme", "yoga mat, non slip, pilates"),
    ("ACME YOGA MAT!", "\n".join(FIVE[:4]), "Acme", "yoga mats"),
    ("Blue Ocean Mat Mat Mat 🔥 Free Shipping", FIVE[:2] + ["", "350°F ™", "money back guarantee", "B07XYZ1234"], "Blue Ocean", "mat"),
    ("Übungsmatte rutschfest – Matte für Yoga", ["Maße: 183 × 61 cm", "Öko-Material", "N/A", "Leicht", "www.acme.de"], "Acme", "yogamatte, matte"),
    ("Yahoo! Sticker ~Soft~ 12*8 in", ["✅ ok"] * 5, "Yahoo!", "sticker, stickers"),
]


def _expected_one_by_one():
    return [listing_check([t], [b], br, [k]).values[0] for t, b, br, k in SAMPLES]


def test_vectorised_paths_match_the_python_paths(monkeypatch):
    expected = _expected_one_by_one()
    reps = 900  # 4,500 rows: RE2 on whole groups, the literal pre-filter (≥ 4,096) and the thread pool
    titles = [s[0] for s in SAMPLES] * reps
    bullets = [s[1] for s in SAMPLES] * reps
    brands = [s[2] for s in SAMPLES] * reps
    kws = [s[3] for s in SAMPLES] * reps
    monkeypatch.setattr(L, "_CHUNK", 512)
    for vector_min in (0, 10**9):
        monkeypatch.setattr(L, "_VECTOR_MIN", vector_min)
        res = listing_check(titles, bullets, brands, kws)
        assert list(res.values) == expected * reps
        shared = listing_check(titles, bullets, brands, "mat").values
        assert list(shared[:5]) == [listing_check([t], [b], br, "mat").values[0] for t, b, br, _ in SAMPLES]


@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from(["yoga", "Yoga", "mats", "MAT", "mat", "-", " ", "\u00a0", "non", "slip", "nonslip",
                                      "x", ",", "ä", "Batteries", "battery", "format", "_", "!"]), max_size=8).map("".join),
       kw=st.sampled_from(["yoga mat", "mat", "non slip", "battery", "ä", "yoga-mat", "Acme!", "x"]))
def test_python_and_re2_phrase_patterns_agree(text, kw):
    for plurals in (True, False):
        ph = L._phrase(kw, plurals)
        assert (ph.py.search(text) is not None) == bool(L._rx(pa.array([text]), ph.re2)[0])
        if ph.hint:
            hint_hit = bool(L._rx(pa.array([text]), ph.hint)[0])
            assert hint_hit or ph.py.search(text) is None  # the pre-filter never loses a match


# ---- properties -------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=260), suffix=st.text(min_size=1, max_size=60))
def test_adding_characters_never_removes_title_too_long(title, suffix):
    before = listing_check([title], [FIVE], max_chars=10**6).values[0]
    after = listing_check([title + suffix], [FIVE], max_chars=10**6).values[0]
    if "TITLE_TOO_LONG" in before:
        assert "TITLE_TOO_LONG" in after
    if "TITLE_OVER_GUIDE" in before:
        assert "TITLE_OVER_GUIDE" in after


@settings(max_examples=100, deadline=None)
@given(title=st.text(max_size=300), bullets=st.lists(st.text(max_size=300), max_size=8), brand=st.text(max_size=10),
       kws=st.text(max_size=40))
def test_results_always_fit_a_cell_and_never_raise(title, bullets, brand, kws):
    res = listing_check([title], [bullets], brand, kws)
    text = res.values[0]
    assert len(text.encode("utf-16-le")) // 2 <= 255
    assert text == "OK" or re.match(r"^[A-Z_]+", text)


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.text(alphabet="abcdeäöü中文😀,;. ", min_size=1, max_size=12), max_size=40),
       extra=st.text(alphabet="abcäö中😀", min_size=1, max_size=12))
def test_adding_a_word_never_removes_search_terms_too_long(words, extra):
    terms = " ".join(words)
    before = search_terms_check([terms], max_bytes=60, max_chars=10**6).values[0]
    after = search_terms_check([terms + " " + extra], max_bytes=60, max_chars=10**6).values[0]
    if "SEARCH_TERMS_TOO_LONG" in before:
        assert "SEARCH_TERMS_TOO_LONG" in after


@settings(max_examples=200, deadline=None)
@given(problems=st.lists(st.tuples(st.from_regex(r"[A-Z_]{3,25}", fullmatch=True), st.text(max_size=120)), max_size=30))
def test_join_problems_fits_255_utf16_units(problems):
    text = join_problems(problems)
    assert len(text.encode("utf-16-le")) // 2 <= 255
    if problems:
        assert text.startswith(problems[0][0])


def test_join_problems_by_hand():
    assert join_problems([]) == "OK"
    assert join_problems([("A_CODE", "x" * 300)]) == "A_CODE: " + "x" * 59 + "…"
    codes = [f"CODE_NUMBER_{i:02d}" for i in range(30)]
    assert join_problems([(c, "") for c in codes]) == "; ".join(codes[:15]) + "; +15 more"
    # an emoji is two UTF-16 units: 3 + 2 × 130 = 263 > 255, so the detail is clipped to 59 + "…"
    assert join_problems([("C", "😀" * 130)]) == "C: " + "😀" * 59 + "…"


# ---- SEARCH_TERMS_CHECK -----------------------------------------------------------------------


def test_search_terms_bytes_exclude_spaces_and_punctuation():
    words = [f"ab{i:03d}" for i in range(50)]  # 50 distinct words of 5 bytes = 250 bytes, 49 spaces
    assert stc(" ".join(words)) == "OK"
    assert stc(" ".join(words) + "c") == "SEARCH_TERMS_TOO_LONG: 251 > 250 bytes (300 with spaces and punctuation)"
    assert stc("a" * 251) == "SEARCH_TERMS_TOO_LONG: 251 > 250 bytes (251 with spaces and punctuation)"
    assert stc("yoga-mat pilates; exercise.", max_bytes=20) == \
        "SEARCH_TERMS_TOO_LONG: 22 > 20 bytes (27 with spaces and punctuation)"


@pytest.mark.parametrize("terms, max_bytes, expected", [
    ("Übungsmatte rutschfest", 20, "SEARCH_TERMS_TOO_LONG: 22 > 20 bytes (23 with spaces and punctuation)"),
    ("瑜伽垫，防滑", 10, "SEARCH_TERMS_TOO_LONG: 15 > 10 bytes (18 with spaces and punctuation); "
                      "SEARCH_TERMS_COMMA: 1 (separate words with spaces)"),
    ("🧘 yoga", 5, "SEARCH_TERMS_TOO_LONG: 8 > 5 bytes (9 with spaces and punctuation)"),  # emoji: a symbol, 4 bytes
    ("Übung", 6, "OK"),
])
def test_search_terms_multibyte(terms, max_bytes, expected):
    assert stc(terms, max_bytes=max_bytes) == expected


@pytest.mark.parametrize("terms, kw, expected", [
    ("yoga mats thick cushion", {"title": "Acme Yoga Mat"}, "SEARCH_TERMS_IN_TITLE: yoga, mats"),
    ("mat mats cushion pad pad", {}, "SEARCH_TERMS_REPEATED: mat, pad"),
    ("yoga, mat, pad", {}, "SEARCH_TERMS_COMMA: 2 (separate words with spaces)"),
    ("cushion b07xyz1234", {}, "SEARCH_TERMS_ASIN: B07XYZ1234"),
    ("acme cushion", {"brand": "Acme"}, "SEARCH_TERMS_BRAND: Acme"),
    ("new cushion on sale", {}, "SEARCH_TERMS_TEMPORARY: new, on sale"),
    ("best amazing top rated cushion", {}, "SEARCH_TERMS_SUBJECTIVE: best, amazing, top rated"),
    ("", {}, "SEARCH_TERMS_EMPTY: 0 of 250 bytes used"),
    ("  ,, ", {}, "SEARCH_TERMS_EMPTY: 0 of 250 bytes used; SEARCH_TERMS_COMMA: 2 (separate words with spaces)"),
    (12345.0, {}, "OK"),
    (None, {"title": "x"}, "SEARCH_TERMS_EMPTY: 0 of 250 bytes used"),
])
def test_search_terms_rules(terms, kw, expected):
    assert stc(terms, **kw) == expected


def test_search_terms_all_codes_in_order():
    terms = "acme yoga, yoga new best B07XYZ1234 " + "q" * 240  # 29 + 240 bytes; 6 spaces and 1 comma free
    assert stc(terms, title="Acme Yoga Mat", brand="Acme") == (
        "SEARCH_TERMS_TOO_LONG: 269 > 250 bytes (276 with spaces and punctuation); SEARCH_TERMS_IN_TITLE: acme, yoga; "
        "SEARCH_TERMS_REPEATED: yoga; SEARCH_TERMS_COMMA: 1 (separate words with spaces); SEARCH_TERMS_ASIN: B07XYZ1234; "
        "SEARCH_TERMS_BRAND: Acme; SEARCH_TERMS_TEMPORARY: new; SEARCH_TERMS_SUBJECTIVE: best")


def test_search_terms_columns_and_bad_limit():
    res = search_terms_check(["yoga mat", "pad pad", "x"], ["Yoga", None, ""], "", [250, 250, 0])
    assert list(res.values[:2]) == ["SEARCH_TERMS_IN_TITLE: yoga", "SEARCH_TERMS_REPEATED: pad"]
    assert res.error_at(2) == Code.OUT_OF_RANGE


# ---- KEYWORD_COVERAGE -------------------------------------------------------------------------


def test_keyword_coverage_by_hand():
    res = keyword_coverage(["Acme Yoga Mats", "Non-slip and thick"], ["yoga mat", "non slip", "pilates", None],
                           ["12,345", 5000.0, "2,655", None])
    # covered 12,345 + 5,000 of 20,000
    assert float(res.values) == pytest.approx(17345 / 20000)
    assert res.errors is None


@pytest.mark.parametrize("keywords, volumes, code", [
    (["a", "b"], [0.0, None], Code.DIV_ZERO),
    (["a", "b"], [1.0, 2.0, 3.0], Code.SHAPE_MISMATCH),
    (["a"], ["lots"], Code.NOT_A_NUMBER),
    (["a"], [-5.0], Code.NEGATIVE),
    ([None, " "], [1.0, 2.0], Code.NO_DATA),
])
def test_keyword_coverage_errors(keywords, volumes, code):
    assert int(keyword_coverage("a b", keywords, volumes).errors) == code


def test_keyword_coverage_skips_pairs_without_keyword():
    assert float(keyword_coverage("a", ["a", None], [10.0, 90.0]).values) == 1.0
    assert float(keyword_coverage("", ["a"], [10.0]).values) == 0.0


# ---- worksheet functions: shapes --------------------------------------------------------------

ROW = [FIVE]  # one listing's bullets as a 1 × 5 range


def test_udf_single_listing():
    assert LISTING_CHECK("Acme Yoga Mat", "\n".join(FIVE), "Acme", "yoga mat, pilates") == "KEYWORD_MISSING: pilates"
    assert LISTING_CHECK("Acme Yoga Mat", ROW) == "OK"
    assert LISTING_CHECK([["Acme Yoga Mat"]], [[b] for b in FIVE]) == "OK"  # one cell (xlwings ndim=2 gives [[v]]) → one value; bullets as a 5 × 1 column
    assert LISTING_CHECK("Acme Yoga Mat", [FIVE[:3], FIVE[3:] + [None]]) == "OK"  # a 2 × 3 block: all its cells


def test_udf_column_of_listings_spills_one_result_per_row():
    titles = [["Acme Yoga Mat"], ["Acme Yoga Mat!"], [None], [None]]
    bullets = [FIVE, FIVE[:3] + [None, None], [None] * 5, ["Only one", None, None, None, None]]
    assert LISTING_CHECK(titles, bullets, "Acme") == [
        ["OK"], ["TITLE_BANNED_CHAR: !; BULLET_COUNT: 3 < 5"], [""], ["TITLE_EMPTY: blank; BULLET_COUNT: 1 < 5"]]


def test_udf_bullets_shared_or_mismatched():
    titles = [["Acme Yoga Mat"], ["Acme Yoga Pad"]]
    assert LISTING_CHECK(titles, ROW) == [["OK"], ["OK"]]
    assert LISTING_CHECK(titles, "\n".join(FIVE[:4])) == [["BULLET_COUNT: 4 < 5"], ["BULLET_COUNT: 4 < 5"]]
    assert LISTING_CHECK(titles, [FIVE, FIVE, FIVE]) == "#VALUE! SHAPE_MISMATCH"
    assert LISTING_CHECK(titles, [["\n".join(FIVE)], ["\n".join(FIVE[:2])]]) == [["OK"], ["BULLET_COUNT: 2 < 5"]]


def test_udf_titles_in_a_row_take_bullets_by_column():
    titles = [["Acme Yoga Mat", "Acme Yoga Pad"]]
    bullets = [[b, b] for b in FIVE[:4]] + [[FIVE[4], None]]
    assert LISTING_CHECK(titles, bullets) == [["OK", "BULLET_COUNT: 4 < 5"]]


def test_udf_keywords_row_wise_or_shared():
    titles = [["Acme Yoga Mat"], ["Acme Pilates Mat"]]
    bullets = [FIVE, FIVE]
    # N × k: row-wise
    assert LISTING_CHECK(titles, bullets, None, [["yoga mat", "pilates"], ["pilates", None]]) == [
        ["KEYWORD_MISSING: pilates"], ["OK"]]
    # N × 1 with N = number of titles: row-wise too (documented)
    assert LISTING_CHECK(titles, bullets, None, [["yoga mat"], ["pilates, yoga"]]) == [["OK"], ["KEYWORD_MISSING: yoga"]]
    # another length, a row, or one cell: one shared list
    shared = [["yoga mat"], ["pilates"], ["exercise"]]
    assert LISTING_CHECK(titles, bullets, None, shared) == [
        ["KEYWORD_MISSING: pilates, exercise"], ["KEYWORD_MISSING: yoga mat, exercise"]]
    assert LISTING_CHECK(titles, bullets, None, [["yoga mat", "pilates"]]) == [
        ["KEYWORD_MISSING: pilates"], ["KEYWORD_MISSING: yoga mat"]]
    assert LISTING_CHECK(titles, bullets, None, "mat") == [["OK"], ["OK"]]


def test_udf_brand_column_and_max_title():
    titles = [["Acme Yoga Mat"], ["Zen Yoga Mat"]]
    assert LISTING_CHECK(titles, ROW, [["Acme"], ["Acme"]]) == [["OK"], ["BRAND_MISSING: Acme"]]
    assert LISTING_CHECK("x" * 120, ROW, None, None, 100) == "TITLE_OVER_GUIDE: 120 > 100"
    assert LISTING_CHECK("x" * 120, ROW, None, None, "0") == "#NUM! OUT_OF_RANGE"
    # a scalar title with a column of brands: the one listing checked against each brand
    assert LISTING_CHECK("Acme Yoga Mat", ROW, [["Acme"], ["Zen"]]) == [["OK"], ["BRAND_MISSING: Zen"]]


def test_udf_numbers_in_cells():
    assert LISTING_CHECK(2024.0, [[1.0, 2.0, 3.0, 4.0, 5.5]]) == "OK"


def test_udf_search_terms_check_spills():
    assert SEARCH_TERMS_CHECK([["yoga mats"], ["cushion pad"], [None]], [["Acme Yoga Mat"], ["Acme Pad"], [None]], "Acme") == [
        ["SEARCH_TERMS_IN_TITLE: yoga, mats"], ["SEARCH_TERMS_IN_TITLE: pad"], [""]]
    assert SEARCH_TERMS_CHECK("x" * 300, None, None, "250") == \
        "SEARCH_TERMS_TOO_LONG: 300 > 250 bytes (300 with spaces and punctuation)"
    assert SEARCH_TERMS_CHECK("pad", None, None, -1) == "#NUM! OUT_OF_RANGE"


def test_udf_keyword_coverage():
    content = [["Acme Yoga Mats"], ["Non-slip and thick"]]
    kws = [["yoga mat"], ["non slip"], ["pilates"], [None]]
    assert KEYWORD_COVERAGE(content, kws, [["12,345"], [5000.0], ["2,655"], [None]]) == pytest.approx(0.86725)
    assert KEYWORD_COVERAGE(content, kws, [[0.0], [0.0], [0.0], [None]]) == "#DIV/0! DIV_ZERO"
    assert KEYWORD_COVERAGE(content, kws, [[1.0], [2.0]]) == "#VALUE! SHAPE_MISMATCH"
    assert KEYWORD_COVERAGE(content, kws, [["a lot"], [1.0], [1.0], [None]]) == "#VALUE! NOT_A_NUMBER"
    assert KEYWORD_COVERAGE(content, [[None]], [[None]]) == "#N/A NO_DATA"
    assert KEYWORD_COVERAGE("Acme Yoga Mat", "yoga mat", 100.0) == 1.0


# ---- worksheet metadata -----------------------------------------------------------------------

VBA_KEYWORDS = {
    "and", "as", "boolean", "byref", "byte", "byval", "call", "case", "const", "currency", "date", "debug", "declare",
    "dim", "do", "double", "each", "else", "elseif", "empty", "end", "enum", "eqv", "erase", "error", "event", "exit",
    "false", "for", "friend", "function", "get", "global", "gosub", "goto", "if", "imp", "implements", "in", "integer",
    "is", "let", "lib", "like", "long", "loop", "lset", "me", "mod", "new", "next", "not", "nothing", "null", "object",
    "on", "option", "optional", "or", "paramarray", "preserve", "private", "property", "public", "raiseevent", "redim",
    "rem", "resume", "return", "rset", "select", "set", "single", "static", "step", "stop", "string", "sub", "then",
    "to", "true", "type", "typeof", "until", "variant", "wend", "while", "with", "xor", "len", "name", "text",
}


def test_worksheet_metadata_fits_excel():
    from xladdin.worksheet.registry import REGISTRY

    import udfs  # noqa: F401

    infos = [f for f in REGISTRY.values() if f.module == "udfs.listing"]
    assert {f.name for f in infos} == {"LISTING_CHECK", "SEARCH_TERMS_CHECK", "KEYWORD_COVERAGE", "IMAGE_CHECK"}
    for f in infos:
        assert len(f.description) <= 255, f.name
        assert "/" in f.description  # 中文 / English
        for a in f.args:
            assert len(a.doc) <= 255, (f.name, a.name)
            assert "/" in a.doc
            assert re.fullmatch(r"[a-z][a-z_]*", a.name) and a.name not in VBA_KEYWORDS and not py_keyword.iskeyword(a.name)
        assert len(f.args) + sum(len(a.name) for a in f.args) <= 254


def test_core_results_are_object_arrays():
    res = listing_check(np.array(["Acme Yoga Mat"], dtype=object), [FIVE])
    assert res.values.dtype == object and res.values[0] == "OK"
