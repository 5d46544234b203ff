"""``xladdin addin install | uninstall | status``: put the add-in, its config and the templates in place.

Where files go is computed by pure functions of ``(platform, home, env)`` (:func:`locations`), so tests
use fake Windows and macOS homes.  ``platform`` is ``"windows"``, ``"macos"`` or ``"linux"``.

===============  ==========================================================================================
add-in           XLSTART. Windows ``%APPDATA%\\Microsoft\\Excel\\XLSTART``; macOS
                 ``~/Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel``
user config      what the add-in's VBA ``GetConfigFilePath`` reads (xlwings 0.37.8, PROJECT_NAME "xladdin"):
                 Windows ``%USERPROFILE%\\.xladdin\\xladdin.conf``; macOS ``$HOME/xladdin.conf`` of Excel's
                 sandbox = ``~/Library/Containers/com.microsoft.Excel/Data/xladdin.conf``
templates        Windows ``%APPDATA%\\Microsoft\\Templates``; macOS
                 ``~/Library/Group Containers/UBF8T346G9.Office/User Content.localized/Templates.localized``
manifest         ``~/.xladdin/install-manifest.json``: every file and folder install created
===============  ==========================================================================================

Uninstall removes exactly the files in the manifest, then the folders install created if they are empty,
then the manifest.  Copying (not downloading) the .xlam keeps it free of Mark-of-the-Web, and XLSTART is a
trusted location.  On Linux there is no Excel: the commands say so and where the files would go (exit 5;
exit 0 with ``--dry-run``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xladdin.errors import Code, InputError, XladdinError

PROJECT = "xladdin"
REQUIRED_XLWINGS = "0.37.8"
ADDIN_FILE = f"{PROJECT}.xlam"
CONF_FILE = f"{PROJECT}.conf"
MANIFEST = "install-manifest.json"
MAC_OFFICE = ("Library", "Group Containers", "UBF8T346G9.Office", "User Content.localized")


@dataclass(frozen=True)
class Locations:
    platform: str
    xlstart: Path
    conf: Path
    templates: Path
    manifest: Path


def current_platform(sys_platform: str | None = None) -> str:
    p = sys_platform or sys.platform
    return "windows" if p.startswith("win") else "macos" if p == "darwin" else "linux"


def locations(platform: str, home: Path, env: Mapping[str, str]) -> Locations:
    """Where each piece goes for ``platform`` (windows | macos | linux; linux: where it would go on Windows)."""
    home = Path(home)
    if platform == "macos":
        office = home.joinpath(*MAC_OFFICE)
        return Locations(platform, office / "Startup.localized" / "Excel",
                         home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / CONF_FILE,
                         office / "Templates.localized", home / f".{PROJECT}" / MANIFEST)
    if platform in ("windows", "linux"):
        appdata = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
        profile = Path(env["USERPROFILE"]) if env.get("USERPROFILE") else home
        return Locations(platform, appdata / "Microsoft" / "Excel" / "XLSTART",
                         profile / f".{PROJECT}" / CONF_FILE, appdata / "Microsoft" / "Templates",
                         profile / f".{PROJECT}" / MANIFEST)
    raise InputError(Code.BAD_CHOICE, f"platform {platform!r}; use windows or macos")


def interpreter(platform: str, executable: str | None = None) -> str:
    """The interpreter the add-in starts: ``pythonw.exe`` beside python.exe on Windows (no console window)."""
    exe = Path(executable or sys.executable)
    if platform == "windows":
        w = exe.with_name("pythonw.exe")
        if w.name.lower() != exe.name.lower() and (w.exists() or exe.name.lower() == "python.exe"):
            return str(w)
    return str(exe)


def package_root() -> Path | None:
    """Folder to put on PYTHONPATH when xladdin is not installed in site-packages (a source checkout)."""
    import xladdin

    root = Path(xladdin.__file__).resolve().parents[1]
    return None if root.name in ("site-packages", "dist-packages") else root


def conf_text(platform: str, python: str, pythonpath: str | None = None) -> str:
    """The user config file: ``"KEY","value"`` lines read by the VBA ``GetConfigFromFile`` (``Input #``)."""
    key = "INTERPRETER_MAC" if platform == "macos" else "INTERPRETER_WIN"
    for v in (python, pythonpath or ""):
        if '"' in v:
            raise InputError(Code.BAD_CHOICE, f"{v!r}: a path with a double quote cannot go into {CONF_FILE}")
    lines = [f'"{key}","{python}"']
    if pythonpath:
        lines.append(f'"PYTHONPATH","{pythonpath}"')
    nl = "\r\n" if platform == "windows" else "\n"
    return nl.join(lines) + nl


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _missing_parents(path: Path) -> list[Path]:
    """Folders that do not exist yet above ``path`` (outermost first): install creates, uninstall removes."""
    out = []
    p = path.parent
    while not p.exists():
        out.append(p)
        p = p.parent
    return list(reversed(out))


@dataclass
class Plan:
    loc: Locations
    copies: list[tuple[Path, Path]]  # (source, target)
    conf: str

    def targets(self) -> list[Path]:
        return [t for _, t in self.copies] + [self.loc.conf]


def plan_install(loc: Locations, addin: Path, templates: list[Path], python: str,
                 pythonpath: str | None) -> Plan:
    if not addin.is_file():
        raise InputError(Code.FILE_NOT_FOUND, f"{addin} (build it first: xladdin build addin)")
    copies = [(addin, loc.xlstart / ADDIN_FILE)] + [(t, loc.templates / t.name) for t in templates]
    return Plan(loc, copies, conf_text(loc.platform, python, pythonpath))


def read_manifest(loc: Locations) -> dict[str, Any] | None:
    if not loc.manifest.is_file():
        return None
    return json.loads(loc.manifest.read_text(encoding="utf-8"))


def _conf_encoding(platform: str) -> str:
    # VBA's Open … For Input reads the ANSI code page on Windows.
    return "mbcs" if platform == "windows" and sys.platform == "win32" else "utf-8"


def install(plan: Plan, *, force: bool = False, versions: Mapping[str, str] | None = None) -> list[Path]:
    """Copy the files, write the config, record everything in the manifest; returns the files written."""
    loc = plan.loc
    previous = read_manifest(loc)
    owned = {f["path"] for f in (previous or {}).get("files", [])}
    clash = [t for t in plan.targets() if t.exists() and str(t) not in owned]
    if clash and not force:
        raise InputError(Code.FILE_EXISTS, "; ".join(str(t) for t in clash) + " (not written by xladdin; --force)")
    created: list[str] = list((previous or {}).get("dirs", []))  # folders an earlier install created
    for t in [*plan.targets(), loc.manifest]:
        for d in _missing_parents(t):
            d.mkdir()
            created.append(str(d))
    written = []
    for src, dst in plan.copies:
        shutil.copyfile(src, dst)  # a copy carries no Mark-of-the-Web
        written.append(dst)
    loc.conf.write_bytes(plan.conf.encode(_conf_encoding(loc.platform)))
    written.append(loc.conf)
    manifest = {"project": PROJECT, "platform": loc.platform, "versions": dict(versions or {}),
                "files": [{"path": str(p), "sha256": _sha(p)} for p in written], "dirs": list(dict.fromkeys(created))}
    # Files an earlier install wrote but this one did not (e.g. a template kind since removed) stay owned.
    for f in (previous or {}).get("files", []):
        if f["path"] not in {str(p) for p in written} and Path(f["path"]).exists():
            manifest["files"].append(f)
    loc.manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return written


def uninstall(loc: Locations) -> list[str]:
    """Remove exactly what the manifest lists (files, then the folders install created if empty)."""
    m = read_manifest(loc)
    if m is None:
        raise InputError(Code.FILE_NOT_FOUND, f"{loc.manifest}: nothing installed by xladdin here")
    lines = []
    for f in m.get("files", []):
        p = Path(f["path"])
        if p.is_file():
            changed = _sha(p) != f.get("sha256")
            p.unlink()
            lines.append(f"removed / 已删除 {p}" + (" (changed since install / 安装后被修改)" if changed else ""))
        else:
            lines.append(f"already gone / 已不存在 {p}")
    loc.manifest.unlink()
    for d in sorted(m.get("dirs", []), key=lambda s: len(Path(s).parts), reverse=True):
        p = Path(d)
        if p.is_dir() and not any(p.iterdir()):
            p.rmdir()
            lines.append(f"removed folder / 已删除文件夹 {p}")
    return lines


def xlwings_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xlwings")
    except PackageNotFoundError:
        return None


def status(loc: Locations, xlwings: str | None) -> tuple[list[str], list[str]]:
    """(report lines, problems). No problems = the add-in, its config and the right xlwings are in place."""
    import xladdin

    lines = [f"xladdin {xladdin.__version__}", f"xlwings {xlwings or '-'} (required / 需要 {REQUIRED_XLWINGS})",
             f"Python {sys.executable}"]
    problems = []
    if xlwings != REQUIRED_XLWINGS:
        problems.append(str(XladdinError(Code.VERSION_MISMATCH,
                                         f"xlwings {xlwings or 'not installed / 未安装'} ≠ {REQUIRED_XLWINGS}")))
    m = read_manifest(loc)
    if m is None:
        problems.append(f"not installed / 未安装 (no {loc.manifest})")
    else:
        for f in m.get("files", []):
            p = Path(f["path"])
            state = "ok" if p.is_file() else "MISSING / 缺失"
            if p.is_file() and _sha(p) != f.get("sha256"):
                state = "changed / 已修改"
            lines.append(f"{state}: {p}")
            if not p.is_file():
                problems.append(f"missing / 缺失: {p}")
    for what, p in (("add-in / 加载项", loc.xlstart / ADDIN_FILE), ("config / 配置", loc.conf)):
        if m is not None and not p.is_file() and f"missing / 缺失: {p}" not in problems:
            problems.append(f"missing {what}: {p}")
    return lines, problems


def where_text(home: Path, env: Mapping[str, str]) -> str:
    out = []
    for platform in ("windows", "macos"):
        loc = locations(platform, home, env)
        out.append(f"{platform}: add-in → {loc.xlstart / ADDIN_FILE}; config → {loc.conf}; "
                   f"templates → {loc.templates}; manifest → {loc.manifest}")
    return "\n".join(out)


def default_env() -> dict[str, str]:
    return {k: os.environ[k] for k in ("APPDATA", "USERPROFILE") if k in os.environ}


__all__ = ["Locations", "Plan", "conf_text", "current_platform", "install", "interpreter", "locations",
           "package_root", "plan_install", "read_manifest", "status", "uninstall", "where_text", "xlwings_version"]
