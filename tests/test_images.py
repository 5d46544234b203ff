"""IMAGE_CHECK: images generated with Pillow in tmp_path; every expected text written out by hand."""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from udfs.listing import IMAGE_CHECK
from xladdin.core import images
from xladdin.core.images import image_check
from xladdin.errors import Code


def product_image(path, size=(2000, 2000), box=(1800, 1800), *, background=(255, 255, 255), mode="RGB",
                  fmt=None, colour=(30, 60, 90), **save):
    """A background with a centred product box of ``box`` pixels."""
    w, h = size
    img = Image.new("RGB", size, background)
    bw, bh = box
    if bw and bh:
        left, top = (w - bw) // 2, (h - bh) // 2
        img.paste(colour, (left, top, left + bw, top + bh))
    if mode != "RGB":
        img = img.convert(mode)
    img.save(path, fmt, **save)
    return str(path)


def check(path, min_side=None) -> tuple[str, int]:
    res = image_check([path], None if min_side is None else [min_side])
    return res.values[0], res.error_at(0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    images._cache.clear()
    yield
    images._cache.clear()


# ---- passing images ---------------------------------------------------------------------------


def test_white_square_with_product_filling_90_percent_is_ok(tmp_path):
    assert check(product_image(tmp_path / "ok.png")) == ("OK", Code.OK)


def test_jpeg_noise_on_a_white_background_is_tolerated(tmp_path):
    p = product_image(tmp_path / "ok.jpg", quality=75)
    assert check(p) == ("OK", Code.OK)


def test_product_exactly_at_85_percent_passes(tmp_path):
    # 1700 / 2000 = 85.0 % (the rule is "at least 85 %")
    assert check(product_image(tmp_path / "edge.png", box=(1700, 1000)))[0] == "OK"


def test_product_touching_the_edge_on_a_small_stretch_passes(tmp_path):
    p = tmp_path / "touch.png"
    img = Image.new("RGB", (2000, 2000), "white")
    img.paste((0, 0, 0), (100, 100, 1900, 1900))
    img.paste((0, 0, 0), (900, 1900, 960, 2000))  # a foot touching the bottom edge: 60 of 7996 edge pixels
    img.save(p)
    assert check(str(p)) == ("OK", Code.OK)


@pytest.mark.parametrize("mode", ["L", "P", "CMYK", "RGBA", "LA", "1"])
def test_other_colour_modes_with_a_white_background(tmp_path, mode):
    ext = "jpg" if mode == "CMYK" else "png"
    p = product_image(tmp_path / f"m_{mode}.{ext}", mode=mode, colour=(0, 0, 0))
    assert Image.open(p).mode == mode
    assert check(p) == ("OK", Code.OK)


def test_cmyk_tiff(tmp_path):
    p = product_image(tmp_path / "cmyk.tif", mode="CMYK", colour=(0, 0, 0), compression="tiff_lzw")
    assert check(p) == ("OK", Code.OK)


def test_16_bit_greyscale_png_is_scaled_not_clipped(tmp_path):
    a = np.full((1600, 1600), 65535, np.uint16)
    a[80:1520, 80:1520] = 30000  # mid grey product: 30000 / 257 ≈ 117, not 255
    p = tmp_path / "g16.png"
    Image.fromarray(a).save(p)
    assert Image.open(p).mode.startswith("I")
    assert check(str(p)) == ("OK", Code.OK)


def test_large_jpeg_is_analysed_at_a_reduced_scale(tmp_path):
    p = product_image(tmp_path / "big.jpg", size=(4400, 4400), box=(4000, 4000), quality=85)
    assert check(p) == ("OK", Code.OK)


def test_camera_jpeg_with_a_preview_picture_mpo_is_a_jpeg(tmp_path):
    a = Image.new("RGB", (1600, 1600), "white")
    a.paste((0, 0, 0), (50, 50, 1550, 1550))
    p = tmp_path / "camera.jpg"
    a.save(p, "MPO", save_all=True, append_images=[a.copy()])
    assert Image.open(p).format == "MPO"
    assert check(str(p)) == ("OK", Code.OK)


def test_gif_non_animated_is_ok(tmp_path):
    assert check(product_image(tmp_path / "still.gif"))[0] == "OK"


# ---- problems, with numbers -------------------------------------------------------------------


def test_fill_low_reports_the_share_of_the_longest_side(tmp_path):
    # bounding box 1600 × 1200 in 2000 × 2000: 1600 / 2000 = 80 %
    assert check(product_image(tmp_path / "low.png", box=(1600, 1200))) == ("IMAGE_FILL_LOW: 80% < 85%", Code.OK)


def test_fill_is_rounded_down_never_up_to_the_limit(tmp_path):
    # 1699 / 2000 = 84.95 %: shown as 84.9 %, never "85.0% < 85%"
    assert check(product_image(tmp_path / "low2.png", box=(1699, 1699)))[0] == "IMAGE_FILL_LOW: 84.9% < 85%"


def test_all_white_image_has_no_product(tmp_path):
    assert check(product_image(tmp_path / "blank.png", box=(0, 0)))[0] == "IMAGE_FILL_LOW: no product found (all white)"


def test_grey_background_is_not_white(tmp_path):
    p = product_image(tmp_path / "grey.png", background=(240, 240, 240))
    # the whole frame is off-white, so the "product" box is the frame: no fill problem on top
    assert check(p)[0] == "IMAGE_BORDER_NOT_WHITE: 100% of edge pixels off-white (RGB 240,240,240)"


def test_near_white_249_is_off_white_but_250_is_white(tmp_path):
    assert check(product_image(tmp_path / "a.png", background=(250, 252, 255)))[0] == "OK"
    assert check(product_image(tmp_path / "b.png", background=(255, 249, 255)))[0].startswith(
        "IMAGE_BORDER_NOT_WHITE: 100% of edge pixels off-white (RGB 255,249,255)")


def test_thin_grey_frame_line_is_caught(tmp_path):
    p = tmp_path / "frame.png"
    img = Image.new("RGB", (2000, 2000), "white")
    img.paste((0, 0, 0), (100, 100, 1900, 1900))
    for box in ((0, 0, 2000, 1), (0, 1999, 2000, 2000), (0, 0, 1, 2000), (1999, 0, 2000, 2000)):
        img.paste((200, 200, 200), box)
    img.save(p)
    assert check(str(p))[0] == "IMAGE_BORDER_NOT_WHITE: 100% of edge pixels off-white (RGB 200,200,200)"


def test_shadow_along_one_edge(tmp_path):
    p = tmp_path / "shadow.png"
    img = Image.new("RGB", (2000, 2000), "white")
    img.paste((0, 0, 0), (100, 100, 1900, 1900))
    img.paste((180, 180, 180), (0, 1950, 2000, 2000))  # shadow across the bottom: 2000 + 2 × 50 of 7996
    img.save(p)
    assert check(str(p))[0] == "IMAGE_BORDER_NOT_WHITE: 26.2% of edge pixels off-white (RGB 180,180,180)"


def test_transparent_png_background_is_not_white(tmp_path):
    p = tmp_path / "transparent.png"
    img = Image.new("RGBA", (2000, 2000), (255, 255, 255, 0))
    img.paste((0, 0, 0, 255), (100, 100, 1900, 1900))
    img.save(p)
    assert check(str(p))[0] == "IMAGE_BORDER_NOT_WHITE: 100% of edge pixels off-white (transparent)"


def test_small_image_fails_zoom_and_playbook_size(tmp_path):
    p = product_image(tmp_path / "small.jpg", size=(800, 800), box=(720, 720), quality=95)
    assert check(p)[0] == "IMAGE_TOO_SMALL_ZOOM: 800 < 1000 px longest side; IMAGE_UNDER_1500: 800×800 < 1500×1500"


def test_zoom_ok_but_short_side_under_1500(tmp_path):
    p = product_image(tmp_path / "tall.png", size=(1200, 1600), box=(1100, 1500))
    assert check(p)[0] == "IMAGE_UNDER_1500: 1200×1600 < 1500×1500"


def test_min_side_argument_keeps_the_code_and_shows_the_limit(tmp_path):
    p = product_image(tmp_path / "s.png", size=(1600, 1600), box=(1500, 1500))
    assert check(p)[0] == "OK"
    assert check(p, 2000)[0] == "IMAGE_UNDER_1500: 1600×1600 < 2000×2000"


def test_over_10000_px(tmp_path):
    p = product_image(tmp_path / "huge.png", size=(10001, 100), box=(9000, 90))
    # non-JPEG over 10,000 px: border and fill are not analysed
    assert check(p)[0] == "IMAGE_UNDER_1500: 10001×100 < 1500×1500; IMAGE_TOO_LARGE: 10001 > 10000 px longest side"


def test_decompression_bomb_is_too_large_without_decoding(tmp_path, monkeypatch):
    p = product_image(tmp_path / "bomb.png", size=(100, 100), box=(90, 90))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 100 × 100 = 10,000 > 2 × 1,000
    assert check(p)[0] == "IMAGE_TOO_LARGE: over 2,000 pixels in total, > 10000 px longest side"


def test_file_size_limit(tmp_path, monkeypatch):
    p = product_image(tmp_path / "f.png")
    monkeypatch.setattr(images, "MAX_BYTES", 1024 * 1024 // 1000)  # 1,048 bytes
    size = os.path.getsize(p)
    assert size > 1048
    assert check(p)[0] == f"IMAGE_FILE_SIZE: {size / 1024 / 1024:.1f} MB > 0 MB"


def test_webp_is_the_wrong_format(tmp_path):
    p = product_image(tmp_path / "x.webp", fmt="WEBP", lossless=True)
    assert check(p)[0] == "IMAGE_FORMAT: WEBP (use JPEG, PNG, TIFF or GIF)"


def test_animated_gif(tmp_path):
    p = tmp_path / "anim.gif"
    a = Image.new("RGB", (1600, 1600), "white")
    a.paste((0, 0, 0), (50, 50, 1550, 1550))
    b = Image.new("RGB", (1600, 1600), "white")
    b.paste((255, 0, 0), (50, 50, 1550, 1550))
    a.save(p, save_all=True, append_images=[b], duration=100, loop=0)
    assert check(str(p))[0] == "IMAGE_FORMAT: animated GIF (2 frames)"


def test_several_problems_in_fixed_order(tmp_path):
    p = product_image(tmp_path / "bad.png", size=(900, 600), box=(300, 300), background=(230, 230, 230))
    assert check(p)[0] == ("IMAGE_TOO_SMALL_ZOOM: 900 < 1000 px longest side; IMAGE_UNDER_1500: 900×600 < 1500×1500; "
                           "IMAGE_BORDER_NOT_WHITE: 100% of edge pixels off-white (RGB 230,230,230)")


# ---- errors -----------------------------------------------------------------------------------


def test_missing_file_is_file_not_found(tmp_path):
    assert check(str(tmp_path / "nope.jpg"))[1] == Code.FILE_NOT_FOUND


def test_directory_is_file_not_found(tmp_path):
    assert check(str(tmp_path))[1] == Code.FILE_NOT_FOUND


def test_text_file_renamed_jpg_is_bad_image(tmp_path):
    p = tmp_path / "fake.jpg"
    p.write_text("this is not a picture", encoding="utf-8")
    assert check(str(p)) == ("", Code.BAD_IMAGE)


def test_truncated_jpeg_is_bad_image(tmp_path):
    p = product_image(tmp_path / "t.jpg")
    data = open(p, "rb").read()
    open(p, "wb").write(data[: len(data) // 3])
    assert check(p)[1] == Code.BAD_IMAGE


def test_blank_path_and_bad_min_side(tmp_path):
    p = product_image(tmp_path / "ok.png")
    res = image_check(["", p, p], [1500, 0, -5])
    assert [res.error_at(i) for i in range(3)] == [Code.MISSING, Code.OUT_OF_RANGE, Code.OUT_OF_RANGE]


def test_quoted_path_from_explorer_copy_as_path(tmp_path):
    p = product_image(tmp_path / "q.png")
    assert check(f' "{p}" ')[0] == "OK"


def test_cache_notices_a_changed_file(tmp_path):
    p = product_image(tmp_path / "c.png")
    assert check(p)[0] == "OK"
    product_image(tmp_path / "c.png", box=(1000, 1000))
    st_ = os.stat(p)
    os.utime(p, ns=(st_.st_atime_ns, st_.st_mtime_ns + 5_000_000_000))
    assert check(p)[0] == "IMAGE_FILL_LOW: 50% < 85%"


def test_a_column_of_paths_uses_threads_and_keeps_order(tmp_path):
    sides = [1520, 1400, 1280, 1160, 1040]  # of 1600: 95 %, 87.5 %, 80 %, 72.5 %, 65 %
    paths = [product_image(tmp_path / f"p{i}.png", size=(1600, 1600), box=(s, s)) for i, s in enumerate(sides)]
    res = image_check(paths)
    assert list(res.values) == ["OK", "OK", "IMAGE_FILL_LOW: 80% < 85%", "IMAGE_FILL_LOW: 72.5% < 85%",
                                "IMAGE_FILL_LOW: 65% < 85%"]


# ---- the worksheet function -------------------------------------------------------------------


def test_udf_scalar_and_spilled_column(tmp_path):
    ok = product_image(tmp_path / "ok.png")
    low = product_image(tmp_path / "low.png", box=(1600, 1200))
    fake = tmp_path / "fake.jpg"
    fake.write_bytes(b"GIF89a not really")
    assert IMAGE_CHECK(ok) == "OK"
    assert IMAGE_CHECK([[ok], [low], [str(tmp_path / "missing.jpg")], [str(fake)], [None]]) == [
        ["OK"], ["IMAGE_FILL_LOW: 80% < 85%"], ["#N/A FILE_NOT_FOUND"], ["#VALUE! BAD_IMAGE"], [""]]
    assert IMAGE_CHECK(ok, 2500) == "IMAGE_UNDER_1500: 2000×2000 < 2500×2500"
    assert IMAGE_CHECK(ok, "2,500") == "IMAGE_UNDER_1500: 2000×2000 < 2500×2500"
    assert IMAGE_CHECK(None) == "#VALUE! MISSING"


# ---- property ---------------------------------------------------------------------------------


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(side=st.integers(min_value=1, max_value=400), tall=st.booleans())
def test_fill_is_the_box_longest_side_over_the_image_longest_side(tmp_path, side, tall):
    images._cache.clear()
    box = (side // 2 or 1, side) if tall else (side, side // 3 or 1)
    p = product_image(tmp_path / f"h{side}_{tall}.png", size=(400, 400), box=box)
    text, _ = check(p, 1)
    fill = side / 400
    expected_fill_low = fill < 0.85
    assert ("IMAGE_FILL_LOW" in text) == expected_fill_low
    if expected_fill_low:
        assert text.endswith(f"{images._pct(fill)} < 85%")
