"""Image checks over a column of file paths (amazon-rules.md §4.5, operations playbook).

One result per path: ``"OK"`` or the problems joined by ``"; "``, each a stable code plus the numbers,
in this order (``main`` marks the codes checked on the main image only; additional images get
Amazon's technical file rules, which apply to every image):

=========================  =========================================================================
``IMAGE_FORMAT``           not JPEG / PNG / TIFF / GIF, or an animated GIF / PNG [Amazon]
``IMAGE_TOO_SMALL_ZOOM``   longest side < ``image_min_zoom_px`` (1,000 px: zoom) [Amazon]
``IMAGE_UNDER_1500``       main: a side < ``min_side`` (default ``image_min_px``, 1500 × 1500) [playbook
                           "主图 … 不低于 1500×1500"]; the code keeps its name when ``min_side`` differs
``IMAGE_TOO_LARGE``        longest side > 10,000 px [Amazon]
``IMAGE_FILE_SIZE``        file > 10 MB [S2]
``IMAGE_BORDER_NOT_WHITE`` main: fewer than 99 % of the outermost ring of pixels are white [S2 + RoT]
``IMAGE_FILL_LOW``         main: product bounding box < ``image_fill`` (85 %) of the frame [S2 + RoT]
=========================  =========================================================================

All images of a listing (:func:`listing_images`): the main image path plus additional image paths in
one cell, separated by ``;`` or line breaks — what an operator gets by selecting the files in Explorer,
"Copy as path" (Shift + right-click) and pasting into the cell's edit line (F2): one quoted path per
line.  Quotes and spaces around each path are ignored, blank entries dropped.  Per listing:

* ``IMAGE_MAIN_MISSING`` – no main image path;
* ``IMAGE_COUNT`` – fewer than ``image_count_min`` (6, Amazon's recommendation) or more than
  ``image_count_max`` (9 [S2]) image paths, main included (a listed file that is missing still counts
  here and is reported as FILE_NOT_FOUND);
* every failing image's codes, as ``CODE: #k detail`` (#1 = the main image, #2… the additional ones in
  the order given); a missing file or one Pillow cannot read is ``FILE_NOT_FOUND: #k name`` /
  ``BAD_IMAGE: #k name`` — a flag in the text, never an error value.

Decisions (Amazon only says "pure white, RGB 255, 255, 255" and "fills 85 % of the frame"):

* **White** is every channel ≥ 250 (``WHITE_MIN``) and fully opaque.  The 5-level tolerance absorbs JPEG
  ringing and chroma noise on a pure-white background; the usual mistake, a light-grey studio
  background of 235–248, is still caught.  A transparent pixel is *not* white (Amazon shows the main
  image on white, but the rule asks for white pixels, and a transparent PNG is a common rejection).
* **Border**: the outermost 1-pixel ring of the frame must be ≥ 99 % white (``BORDER_WHITE_SHARE``):
  a product that just touches the edge passes, a grey or coloured background, a frame line, a
  shadow running along an edge or a transparent background fails.  The detail gives the share of
  off-white edge pixels and their median colour.
* **Fill**: the bounding box of all non-white pixels; fill = its longest side ÷ the image's longest
  side (Amazon's suppression criterion: "the product occupies less than 85 % of the frame when the
  longest side is scaled").  With a non-white border the box is the whole frame (fill 100 %): fix the
  border first.  An all-white image has fill 0 (``no product found``).
* Speed: images up to 4,096 px are analysed at full resolution; larger JPEGs are decoded at a reduced
  DCT scale (``Image.draft``) and other formats box-reduced, so edge pixels are averaged over 2–3 px.
  Non-JPEG files over 10,000 px are not analysed for border and fill (already IMAGE_TOO_LARGE), and
  files beyond Pillow's decompression-bomb limit are reported as IMAGE_TOO_LARGE without opening them.
  Results are cached by path, modification time and size, and a column of paths is read by a few
  threads (Pillow releases the GIL while decoding).

Per-element errors (``Computed.errors``): blank path ``MISSING``, no such file ``FILE_NOT_FOUND``, a file
Pillow cannot decode (a text file renamed .jpg, a truncated JPEG) ``BAD_IMAGE``; a non-positive
``min_side`` is ``OUT_OF_RANGE``.
"""

from __future__ import annotations

import math
import os
import re
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from threading import Lock
from typing import NamedTuple

import numpy as np
from PIL import Image, ImageChops

from xladdin.core.computed import Computed
from xladdin.core.listing import join_problems
from xladdin.errors import Code
from xladdin.settings import DEFAULTS

FORMATS = ("JPEG", "PNG", "TIFF", "GIF")  # [Amazon] technical image file requirements
MAX_PX = 10_000  # [Amazon] "files cannot exceed 10,000 px on the longest side"
MAX_BYTES = 10 * 1024 * 1024  # [S2] 10 MB per image file
WHITE_MIN = 250  # every channel ≥ this counts as white (JPEG noise tolerance)
BORDER_WHITE_SHARE = 0.99  # share of the outer ring that must be white
ANALYSIS_MAX_PX = 4096  # larger images are analysed at a reduced scale
_CACHE_SIZE = 1024

_cache: OrderedDict = OrderedDict()
_cache_lock = Lock()


class _Unreadable(Exception):
    """Pillow could not decode the file (-> BAD_IMAGE)."""


def image_check(path, min_side=None, main=None, *, settings=DEFAULTS) -> Computed:
    """Check a column of image paths; see the module docstring for the codes and decisions.

    Args:
        path: sequence of file paths (str); surrounding quotes and spaces are ignored, so a path copied
            with Explorer's "Copy as path" works.
        min_side: sequence of minimum side lengths in px (default ``settings.image_min_px``), or one number.
        main: None (every path is a main image), one bool or a sequence of bools: False = an additional
            image, checked for the technical file rules only.
    """
    paths = [_clean_path(p) for p in path]
    n = len(paths)
    sides = _column(min_side, n, float(settings.image_min_px))
    mains = np.ones(n, bool) if main is None else np.asarray(main, dtype=bool).reshape(-1)
    if mains.size == 1 and n != 1:
        mains = np.full(n, bool(mains[0]))
    if len(mains) != n:
        raise ValueError(f"main: expected {n} values, got {len(mains)}")
    out = np.empty(n, dtype=object)
    err = np.zeros(n, np.int16)
    jobs = []
    for i, (p, s) in enumerate(zip(paths, sides)):
        if not (s > 0):  # NaN or ≤ 0
            err[i] = Code.OUT_OF_RANGE
        elif not p:
            err[i] = Code.MISSING
        else:
            jobs.append(i)
    limits = (settings.image_min_zoom_px, settings.image_fill)

    def run(i):
        return _check_cached(paths[i], int(math.ceil(sides[i])), limits, bool(mains[i]))

    if len(jobs) > 2:
        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1, len(jobs))) as pool:
            results = list(pool.map(run, jobs))
    else:
        results = [run(i) for i in jobs]
    for i, (text, code) in zip(jobs, results):
        out[i] = text
        err[i] = code
    return Computed(out, err if err.any() else None)


def _column(x, n: int, default: float) -> np.ndarray:
    if x is None:
        return np.full(n, default)
    a = np.asarray(x, dtype=np.float64).reshape(-1)
    if a.size == 1 and n != 1:
        a = np.full(n, a[0])
    if a.size != n:
        raise ValueError(f"min_side: expected {n} values, got {a.size}")
    return np.where(np.isnan(a), default, a)


def _clean_path(p) -> str:
    if p is None:
        return ""
    s = str(p).strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        s = s[1:-1].strip()
    return s


def _check_cached(path: str, min_side: int, limits: tuple, main: bool = True) -> tuple[str, Code]:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return "", Code.FILE_NOT_FOUND
    if not os.path.isfile(path):
        return "", Code.FILE_NOT_FOUND
    key = (os.path.abspath(path), st.st_mtime_ns, st.st_size, min_side, limits, main)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    try:
        res = (_check_file(path, st.st_size, min_side, *limits, main=main), Code.OK)
    except _Unreadable:
        res = ("", Code.BAD_IMAGE)
    with _cache_lock:
        _cache[key] = res
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return res


def _check_file(path: str, nbytes: int, min_side: int, min_zoom: int, fill_min: float, *, main: bool = True) -> str:
    problems: list[tuple[str, str]] = []
    try:
        img = Image.open(path)
    except Image.DecompressionBombError:
        limit = 2 * (Image.MAX_IMAGE_PIXELS or 0)
        return join_problems([("IMAGE_TOO_LARGE", f"over {limit:,} pixels in total, > {MAX_PX} px longest side")])
    except (OSError, ValueError, SyntaxError) as exc:  # UnidentifiedImageError is an OSError
        raise _Unreadable from exc
    with img:
        fmt = img.format or "?"
        if fmt == "MPO":  # a camera JPEG carrying a preview picture: still a JPEG file
            fmt = "JPEG"
        w, h = img.size
        longest = max(w, h)
        frames = getattr(img, "n_frames", 1)
        if fmt not in FORMATS:
            problems.append(("IMAGE_FORMAT", f"{fmt} (use JPEG, PNG, TIFF or GIF)"))
        elif getattr(img, "is_animated", False) and fmt in ("GIF", "PNG"):
            problems.append(("IMAGE_FORMAT", f"animated {fmt} ({frames} frames)"))
        if longest < min_zoom:
            problems.append(("IMAGE_TOO_SMALL_ZOOM", f"{longest} < {min_zoom} px longest side"))
        if main and min(w, h) < min_side:
            problems.append(("IMAGE_UNDER_1500", f"{w}×{h} < {min_side}×{min_side}"))
        if longest > MAX_PX:
            problems.append(("IMAGE_TOO_LARGE", f"{longest} > {MAX_PX} px longest side"))
        if nbytes > MAX_BYTES:
            problems.append(("IMAGE_FILE_SIZE", f"{nbytes / 1024 / 1024:.1f} MB > {MAX_BYTES // 1024 // 1024} MB"))
        if main and (longest <= MAX_PX or fmt == "JPEG"):  # white border and fill: main image rules
            problems.extend(_pixel_problems(img, fmt, fill_min))
    return join_problems(problems)


def _pixel_problems(img: Image.Image, fmt: str, fill_min: float) -> list[tuple[str, str]]:
    try:
        mask, rgba = _off_white_mask(img, fmt)
    except (OSError, ValueError, SyntaxError, MemoryError) as exc:  # truncated or corrupt pixel data
        raise _Unreadable from exc
    problems = []
    w, h = mask.size
    m = np.asarray(mask)
    ring = np.concatenate([m[0], m[-1], m[1:-1, 0], m[1:-1, -1]]) if h > 1 and w > 1 else m.ravel()
    off = ring != 0
    off_share = float(off.mean()) if ring.size else 0.0
    if off_share > 1 - BORDER_WHITE_SHARE + 1e-12:
        px = np.asarray(rgba)
        edge = np.concatenate([px[0], px[-1], px[1:-1, 0], px[1:-1, -1]]) if h > 1 and w > 1 else px.reshape(-1, 4)
        bad = edge[off]
        if np.median(bad[:, 3]) < 255:
            colour = "transparent"
        else:
            r, g, b = (int(v) for v in np.median(bad[:, :3], axis=0))
            colour = f"RGB {r},{g},{b}"
        problems.append(("IMAGE_BORDER_NOT_WHITE", f"{_pct(off_share)} of edge pixels off-white ({colour})"))
    bbox = mask.getbbox()
    if bbox is None:
        problems.append(("IMAGE_FILL_LOW", "no product found (all white)"))
    else:
        fill = max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / max(w, h)
        if fill < fill_min:
            problems.append(("IMAGE_FILL_LOW", f"{_pct(fill)} < {_pct(fill_min)}"))
    return problems


def _pct(x: float) -> str:
    """A share as a percentage rounded *down* to 0.1 %, so 84.96 % never shows as "85.0% < 85%"."""
    v = math.floor(x * 1000 + 1e-9) / 10
    return f"{v:.0f}%" if v == int(v) else f"{v:.1f}%"


def _off_white_mask(img: Image.Image, fmt: str) -> tuple[Image.Image, Image.Image]:
    """(mask "L": 255 where a pixel is not white, the RGBA image), at most ANALYSIS_MAX_PX on a side."""
    w, h = img.size
    longest = max(w, h)
    if fmt == "JPEG" and longest > ANALYSIS_MAX_PX:
        k = math.ceil(longest / ANALYSIS_MAX_PX)
        img.draft(img.mode if img.mode in ("RGB", "L", "CMYK") else "RGB", (max(1, w // k), max(1, h // k)))
    img.load()
    if max(img.size) > ANALYSIS_MAX_PX:
        img = img.reduce(math.ceil(max(img.size) / ANALYSIS_MAX_PX))
    rgba = _to_rgba(img)
    r, g, b, a = rgba.split()
    lut = [255 if v < WHITE_MIN else 0 for v in range(256)]
    mask = ImageChops.lighter(ImageChops.lighter(r.point(lut), g.point(lut)), b.point(lut))
    opaque = a.point([255 if v < 255 else 0 for v in range(256)])
    mask = ImageChops.lighter(mask, opaque)
    return mask, rgba


def _to_rgba(img: Image.Image) -> Image.Image:
    mode = img.mode
    if mode == "RGBA":
        return img
    if mode in ("I", "F") or mode.startswith("I;16"):
        # 16-bit or float greyscale (16-bit PNG / TIFF): scale to 8 bits instead of clipping.
        a = np.asarray(img).astype(np.float64)
        if a.size and a.max() > 255:
            a = a / 257.0
        grey = Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L")
        return grey.convert("RGBA")
    if mode == "CMYK":
        return img.convert("RGB").convert("RGBA")
    return img.convert("RGBA")  # RGB, L, LA, P (with transparency), 1, YCbCr, …


# ---------------------------------------------------------------------------------------------
# All images of a listing
# ---------------------------------------------------------------------------------------------

_PATH_SPLIT = re.compile(r"[;\r\n]+")


def split_image_paths(text) -> list[str]:
    """Paths in one cell: separated by ``;`` or line breaks; quotes / spaces around each removed,
    blanks dropped.  (A path containing ``;`` cannot be given this way: rename the file.)"""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return []
    return [q for q in (_clean_path(p) for p in _PATH_SPLIT.split(str(text))) if q]


class ListingImages(NamedTuple):
    count: list[int]  # per listing: image paths given, main included
    summary: list[str]  # per listing: "OK" or "IMAGE_COUNT: 4 < 6; IMAGE_FILL_LOW: #1 80% < 85%; …"
    images: list[dict]  # per image: listing (index), image_no, main (bool), path, result


def listing_images(main_paths, other_paths, *, settings=DEFAULTS) -> ListingImages:
    """Check every image of n listings: ``main_paths`` (n main image paths, blank = none) and
    ``other_paths`` (n cells of additional paths, see :func:`split_image_paths`).  Every image file is
    checked once by :func:`image_check` (main rules for #1 only); the module docstring has the codes."""
    mains = [_clean_path(p) for p in main_paths]
    others = [split_image_paths(o) for o in other_paths]
    if len(others) != len(mains):
        raise ValueError(f"other_paths: expected {len(mains)} values, got {len(others)}")
    rows: list[dict] = []
    for i, (m, extra) in enumerate(zip(mains, others)):
        if m:
            rows.append({"listing": i, "image_no": 1, "main": True, "path": m})
        for k, p in enumerate(extra, start=2):
            rows.append({"listing": i, "image_no": k, "main": False, "path": p})
    res = image_check([r["path"] for r in rows], main=[r["main"] for r in rows], settings=settings) if rows else None
    count = [int(bool(m)) + len(extra) for m, extra in zip(mains, others)]
    lo, hi = settings.image_count_min, settings.image_count_max
    problems: list[list[tuple[str, str]]] = []  # per listing, in output order: main missing, count, images
    for m, c in zip(mains, count):
        plist = [] if m else [("IMAGE_MAIN_MISSING", "no main image path")]
        if c < lo:
            plist.append(("IMAGE_COUNT", f"{c} < {lo} recommended"))
        elif c > hi:
            plist.append(("IMAGE_COUNT", f"{c} > {hi}"))
        problems.append(plist)
    for j, r in enumerate(rows):
        code = res.error_at(j)
        name = os.path.basename(r["path"]) or r["path"]
        if code == Code.OK:
            r["result"] = str(res.values[j])
            found = [] if r["result"] == "OK" else _split_result(r["result"])
        else:  # a missing or unreadable file is a flag in the text, not an error value
            r["result"] = f"{code.name}: {name}"
            found = [(code.name, name)]
        tag = f"#{r['image_no']}" + (" main" if r["main"] else "")
        problems[r["listing"]].extend((c, f"{tag} {d}".rstrip()) for c, d in found)
    summary = [join_problems(p, limit=10_000) for p in problems]
    return ListingImages(count, summary, rows)


def _split_result(text: str) -> list[tuple[str, str]]:
    """"CODE: detail; CODE" → [(CODE, detail), (CODE, "")] (image_check results are short, never cut)."""
    out = []
    for part in text.split("; "):
        code, _, detail = part.partition(": ")
        out.append((code, detail))
    return out
