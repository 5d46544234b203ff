"""All images of a listing: path parsing, main-only rules, count vs recommendation, per-image codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from udfs.listing import IMAGE_CHECK
from xladdin.core.images import image_check, listing_images, split_image_paths
from xladdin.settings import load_settings


def _good_main(path: Path) -> Path:
    """2000 px white square, dark product filling 90 % (passes every main-image rule)."""
    img = Image.new("RGB", (2000, 2000), "white")
    img.paste((40, 40, 40), (100, 100, 1900, 1900))
    img.save(path)
    return path


def _lifestyle(path: Path, side: int = 1200) -> Path:
    """A grey-background picture: fine as an additional image, wrong as a main image."""
    Image.new("RGB", (side, side), (180, 170, 160)).save(path)
    return path


@pytest.mark.parametrize("text, expected", [
    ("a.jpg;b.jpg", ["a.jpg", "b.jpg"]),
    ("a.jpg; b.jpg ;", ["a.jpg", "b.jpg"]),
    ('"C:\\img\\a.jpg"\r\n"C:\\img\\b c.jpg"\r\n', ["C:\\img\\a.jpg", "C:\\img\\b c.jpg"]),  # Explorer "Copy as path"
    ("a.jpg\n\n  \nb.jpg", ["a.jpg", "b.jpg"]),
    ("", []), (None, []), (float("nan"), []), ("  ;  \n ", []),
])
def test_split_image_paths(text, expected):
    assert split_image_paths(text) == expected


_NAME = st.text(alphabet="abcxyz_-./\\ 0123456789", min_size=1, max_size=12).filter(lambda s: s.strip() != "")


@given(st.lists(_NAME, max_size=8), st.lists(st.sampled_from([";", "\n", "\r\n", "; ", " ;\n"]), min_size=8, max_size=8))
def test_any_separator_mix_gives_the_same_paths(names, seps):
    text = "".join(n + s for n, s in zip(names, seps))
    assert split_image_paths(text) == [n.strip() for n in names]


def test_additional_images_skip_main_only_rules(tmp_path):
    life = _lifestyle(tmp_path / "life.jpg")
    # As a main image: under 1500 and a grey border.  As an additional image: OK.
    main_res = image_check([str(life)]).values[0]
    assert main_res.startswith("IMAGE_UNDER_1500: 1200×1200 < 1500×1500; IMAGE_BORDER_NOT_WHITE")
    assert image_check([str(life)], main=[False]).values[0] == "OK"
    # The technical rules still apply to additional images: 800 px is below the 1,000 px zoom size.
    small = _lifestyle(tmp_path / "small.jpg", 800)
    assert image_check([str(small)], main=False).values[0] == "IMAGE_TOO_SMALL_ZOOM: 800 < 1000 px longest side"


def test_listing_images_count_and_per_image_codes(tmp_path):
    main = _good_main(tmp_path / "main.png")
    grey_main = _lifestyle(tmp_path / "grey-main.jpg", 2000)
    life = [str(_lifestyle(tmp_path / f"l{i}.jpg")) for i in range(8)]
    small = str(_lifestyle(tmp_path / "small.jpg", 800))
    res = listing_images(
        [str(main), str(main), str(grey_main), "", str(main)],
        [";".join(life[:5]),  # 1 + 5 = 6 images, all fine
         f"{life[0]}\n{tmp_path / 'gone.jpg'}\n{small}",  # 4 images, one missing, one too small
         "",  # the main image alone, with a grey background
         life[0],  # no main image
         ";".join(life[:8]) + ";" + small],  # 1 + 9 = 10 > 9
    )
    assert res.count == [6, 4, 1, 1, 10]
    assert res.summary[0] == "OK"
    assert res.summary[1] == ("IMAGE_COUNT: 4 < 6 recommended; FILE_NOT_FOUND: #3 gone.jpg; "
                              "IMAGE_TOO_SMALL_ZOOM: #4 800 < 1000 px longest side")
    assert res.summary[2] == ("IMAGE_COUNT: 1 < 6 recommended; "
                              "IMAGE_BORDER_NOT_WHITE: #1 main 100% of edge pixels off-white (RGB 180,170,160)")
    assert res.summary[3] == "IMAGE_MAIN_MISSING: no main image path; IMAGE_COUNT: 1 < 6 recommended"
    assert res.summary[4] == "IMAGE_COUNT: 10 > 9; IMAGE_TOO_SMALL_ZOOM: #10 800 < 1000 px longest side"
    rows = [r for r in res.images if r["listing"] == 1]
    assert [(r["image_no"], r["main"], r["result"]) for r in rows] == [
        (1, True, "OK"), (2, False, "OK"), (3, False, "FILE_NOT_FOUND: gone.jpg"),
        (4, False, "IMAGE_TOO_SMALL_ZOOM: 800 < 1000 px longest side")]
    assert [r["image_no"] for r in res.images if r["listing"] == 3] == [2]  # #1 is kept for the main image


def test_unreadable_file_is_a_flag_not_an_error(tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not an image")
    res = listing_images([str(bad)], [""])
    assert res.summary[0] == "IMAGE_COUNT: 1 < 6 recommended; BAD_IMAGE: #1 main notes.jpg"


def test_image_count_limits_come_from_settings(tmp_path):
    main = str(_good_main(tmp_path / "main.png"))
    s = load_settings({"image_count_min": 1, "image_count_max": 2})
    assert listing_images([main], [""], settings=s).summary[0] == "OK"
    life = str(_lifestyle(tmp_path / "l.jpg"))
    assert listing_images([main], [f"{life};{life}"], settings=s).summary[0] == "IMAGE_COUNT: 3 > 2"


def test_udf_main_image_flag(tmp_path):
    life = str(_lifestyle(tmp_path / "life.jpg"))
    assert IMAGE_CHECK(life, None, False) == "OK"
    assert IMAGE_CHECK(life).startswith("IMAGE_UNDER_1500")
    assert IMAGE_CHECK(str(tmp_path / "none.jpg"), None, False).startswith("#N/A")
