"""Data safety shared by every host: text never becomes a formula, sheets never overflow, saves are atomic.

Saving (headless host): the workbook is written to a temporary file in the same folder, then the
previous version is moved to ``BOOK.bak.xlsx`` beside it (one generation, replaced on every save) and
the new file takes its place with :func:`os.replace`.  A failure at any point leaves the previous
workbook in place.  A workbook open in Excel (Windows writes the lock file ``~$BOOK.xlsx`` beside it,
and refuses the replace with ``PermissionError``) gives a bilingual ``WORKBOOK_LOCKED`` error.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from xladdin.errors import Code, InputError, XladdinError
from xladdin.workbooks.spec import MAX_DATA_ROWS

# A cell whose text starts with one of these is a formula (or DDE payload) to Excel, LibreOffice or WPS.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """True when ``text`` would be taken as a formula if typed or pasted into a cell."""
    return text.startswith(FORMULA_TRIGGERS)


def check_rows(n_rows: int, where: str, *, limit: int = MAX_DATA_ROWS) -> None:
    """Refuse to write more rows than the sheet holds below the header (the analytics may aggregate)."""
    if n_rows > limit:
        raise InputError(Code.TOO_MANY_ROWS, f"{n_rows:,} rows > {limit:,} / {n_rows:,} 行 > {limit:,} 行", where=where)


def backup_path(path: Path) -> Path:
    """``BOOK.xlsx`` → ``BOOK.bak.xlsx`` (same folder, same extension, so Excel opens it)."""
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def lock_file(path: Path) -> Path:
    """Excel's owner file for an open workbook: ``~$`` + the name (Excel drops the first 2 characters of long names)."""
    return path.with_name("~$" + path.name)


def _locked_candidates(path: Path) -> list[Path]:
    names = {"~$" + path.name}
    if len(path.stem) > 6:  # Excel: "~$" replaces the first two characters of names over 7 characters long
        names.add("~$" + path.name[2:])
    return [path.with_name(n) for n in sorted(names)]


def check_not_locked(path: Path) -> None:
    for lf in _locked_candidates(path):
        if lf.exists():
            raise XladdinError(Code.WORKBOOK_LOCKED, f"{lf.name} 存在 / exists", where=str(path))


def atomic_save(path: str | os.PathLike[str], write: Callable[[Path], None], *, backup: bool = True) -> Path:
    """Write ``path`` through ``write(tmp_path)``; replace the file only when writing succeeded.

    Returns the path written.  The previous file (if any) becomes :func:`backup_path` when ``backup``.
    """
    path = Path(path)
    check_not_locked(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if backup and path.exists():
            bak = backup_path(path)
            try:
                # Copy, not move: if the final replace fails the workbook is still where the operator left it.
                _copy_file(path, bak)
            except PermissionError as exc:
                raise XladdinError(Code.WORKBOOK_LOCKED, f"{bak.name}: {exc.strerror}", where=str(path)) from None
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            raise XladdinError(Code.WORKBOOK_LOCKED, exc.strerror or "permission denied", where=str(path)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


def _copy_file(src: Path, dst: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dst.stem}.", suffix=".tmp", dir=dst.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            while chunk := inp.read(1 << 20):
                out.write(chunk)
        os.replace(tmp_name, dst)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
