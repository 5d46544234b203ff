"""LISTING_CHECK description codes: expected texts written out by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from udfs.listing import LISTING_CHECK
from xladdin.core import listing as L
from xladdin.core.listing import listing_check
from xladdin.settings import load_settings

TITLE = "Acme Yoga Mat for Home Workouts"
FIVE = ["Soft and thick cushion", "Lightweight", "Non-slip texture", "Easy to clean", "Carrying strap"]


def desc(text, **kw) -> str:
    res = listing_check([TITLE], [FIVE], description=[text], max_chars=10_000, **kw)
    assert res.errors is None
    return res.values[0]


@pytest.mark.parametrize("text, expected", [
    ("A thick yoga mat.\nGood grip.", "OK"),
    ("", "DESCRIPTION_EMPTY: blank"),
    ("   \n ", "DESCRIPTION_EMPTY: blank"),
    ("x" * 2000, "OK"),
    ("x" * 2001, "DESCRIPTION_TOO_LONG: 2001 > 2000"),
    ("  " + "x" * 2000 + "  ", "OK"),  # outer spaces trimmed, as for titles
    ("Line one<br>line two<BR/>line three<br />", "OK"),  # line breaks are allowed
    ("<p>Soft</p> <b>mat</b> <ul><li>grip</li></ul>", "DESCRIPTION_HTML: <p>, <b>, <ul>, <li>"),
    ("Soft&nbsp;mat &#174; &amp; more", "DESCRIPTION_HTML: &nbsp;, &#174;, &amp;"),
    ('<a href="#">x</a> javascript:void(0)', "DESCRIPTION_HTML: <a>, javascript:"),
    ("Size < 10 cm and > 5 cm", "OK"),  # comparison signs are not tags
    ("Visit www.acme.com or mail help@acme.com", "DESCRIPTION_CONTACT: www.acme.com, help@acme.com"),
    ("Free shipping, limited time!", "DESCRIPTION_PROMO_PHRASE: free shipping, limited time"),
    ("Satisfaction guaranteed", "DESCRIPTION_PROMO_PHRASE: satisfaction guaranteed"),
    ("Eco-friendly TPE, anti bacterial surface", "DESCRIPTION_CLAIM: eco-friendly, anti bacterial"),
    ("Full refund if you are not satisfied", "DESCRIPTION_CLAIM: full refund, if you are not satisfied"),
    ("Only $19.99 and in stock", "DESCRIPTION_PRICE: $19.99, in stock"),
    ("Jetzt 19,99 € - sofort lieferbar", "DESCRIPTION_PRICE: 19,99 €, sofort lieferbar"),
    ("USD 25 each; sold out soon", "DESCRIPTION_PRICE: usd 25, sold out"),
    ("Please leave us a review!", "DESCRIPTION_REVIEW: leave us a review"),
    ("Read the 5-star reviews and testimonials", "DESCRIPTION_REVIEW: 5-star reviews, testimonials"),
    # Words that only contain a phrase, and plain numbers, are not flagged.
    ("Reviewed by 12 experts; 5 pieces; stockings; 2 people", "OK"),
])
def test_description_codes(text, expected):
    assert desc(text) == expected


def test_every_description_code_in_fixed_order_after_the_bullets():
    text = ("<b>Best</b> mat. Guaranteed! Visit www.acme.com. Eco friendly. $9.99 in stock. "
            "Leave a review. " + "x" * 2000)
    res = listing_check([TITLE], [FIVE[:4]], description=[text], max_chars=10_000).values[0]
    codes = [p.split(":")[0] for p in res.split("; ")]
    assert codes == ["BULLET_COUNT", "DESCRIPTION_TOO_LONG", "DESCRIPTION_HTML", "DESCRIPTION_CONTACT",
                     "DESCRIPTION_PROMO_PHRASE", "DESCRIPTION_CLAIM", "DESCRIPTION_PRICE", "DESCRIPTION_REVIEW"]


def test_guarantee_is_counted_once_not_as_promo_and_claim():
    assert desc("Money back guarantee") == "DESCRIPTION_PROMO_PHRASE: money back, guarantee"


def test_no_description_argument_means_not_checked():
    res = listing_check([TITLE], [FIVE], max_chars=10_000)
    assert res.values[0] == "OK"


def test_description_max_comes_from_settings():
    s = load_settings({"description_max": 100})
    assert desc("y" * 101, settings=s) == "DESCRIPTION_TOO_LONG: 101 > 100"
    assert desc("y" * 100, settings=s) == "OK"


def test_one_description_for_every_row_or_one_per_row():
    res = listing_check([TITLE, TITLE], [FIVE, FIVE], description="<i>x</i>").values
    assert list(res) == ["DESCRIPTION_HTML: <i>", "DESCRIPTION_HTML: <i>"]
    res = listing_check([TITLE, TITLE], [FIVE, FIVE], description=["ok text", None]).values
    assert list(res) == ["OK", "DESCRIPTION_EMPTY: blank"]


def test_description_does_not_count_for_keyword_missing():
    # The reference does not say Amazon indexes the description: a keyword only there is still missing.
    res = listing_check([TITLE], [FIVE], keywords=["pilates"], description=["Great for pilates."]).values[0]
    assert res == "KEYWORD_MISSING: pilates"


def test_udf_description_argument():
    assert LISTING_CHECK(TITLE, [FIVE]) == "OK"
    assert LISTING_CHECK(TITLE, [FIVE], description=[[None]]) == "DESCRIPTION_EMPTY: blank"  # a blank cell
    out = LISTING_CHECK([[TITLE], [TITLE]], [FIVE, FIVE], None, None, None, [["<p>x</p>"], ["fine"]])
    assert out == [["DESCRIPTION_HTML: <p>"], ["OK"]]


_ALPHABET = st.sampled_from(list("ab <>/&#;$€5.,-@ ") + ["www.", ".com", "in stock", "review", "leave a review",
                                                         "eco-friendly", "free shipping", "<br>", "&nbsp;", "usd"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=12).map("".join), min_size=1, max_size=6))
def test_re2_screens_never_hide_a_python_match(texts):
    """The RE2 screens must be supersets of the exact patterns: screening everything gives the same result."""
    screened = L.description_problems(texts, 2000)
    orig = L._rx
    try:
        L._rx = lambda arr, pattern: np.ones(len(arr), bool)
        unscreened = L.description_problems(texts, 2000)
    finally:
        L._rx = orig
    assert screened == unscreened


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(min_size=1, max_size=40))
def test_appending_text_never_removes_too_long(text, more):
    s = load_settings({"description_max": 20})
    base = L.description_problems([text], s.description_max)
    longer = L.description_problems([text + more], s.description_max)
    if any(c == "DESCRIPTION_TOO_LONG" for _, c, _ in base) and (text + more).strip() != "":
        assert any(c == "DESCRIPTION_TOO_LONG" for _, c, _ in longer)
