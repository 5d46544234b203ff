"""A team-wide settings file (e.g. on a shared drive) under every workbook's Settings sheet.

Precedence, highest first: **the workbook's Settings sheet > the team file > the defaults** of
:class:`xladdin.settings.Settings`.  The team file is found from ``--team-settings PATH`` (CLI) or the
environment variable ``XLADDIN_TEAM_SETTINGS``; without either, the defaults are the base.

Format: TOML (``.toml``, flat ``key = value`` lines, ``#`` comments; Python 3.11+) or JSON (``.json``, one
object).  Keys are the Settings keys; an unknown key or a bad value is an error (SETTINGS_INVALID, exit 4)
naming the file, never silently ignored::

    # \\\\share\\amazon-ops\\xladdin-team.toml
    marketplace = "UK"
    target_acos = 0.25
    brand_terms = "acme, acme pro"
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from xladdin.errors import Code, ConfigError, InputError
from xladdin.settings import Settings, load_settings

ENV = "XLADDIN_TEAM_SETTINGS"


def _parse(p: Path) -> dict[str, Any]:
    text = p.read_text(encoding="utf-8-sig")
    suffix = p.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(text)
        elif suffix == ".toml":
            try:
                import tomllib
            except ModuleNotFoundError:  # Python 3.10
                raise ConfigError(Code.SETTINGS_INVALID, f"{p}: TOML needs Python 3.11+; use a .json file") from None
            data = tomllib.loads(text)
        else:
            raise InputError(Code.BAD_CHOICE, f"{p.name}: use a .toml or .json team settings file")
    except (ValueError, json.JSONDecodeError) as exc:
        if isinstance(exc, (ConfigError, InputError)):
            raise
        raise ConfigError(Code.SETTINGS_INVALID, f"{p}: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(Code.SETTINGS_INVALID, f"{p}: expected key = value pairs / 应为 键 = 值")
    nested = [k for k, v in data.items() if isinstance(v, (dict, list))]
    if nested:
        raise ConfigError(Code.SETTINGS_INVALID, f"{p}: {', '.join(nested)}: tables/lists are not settings")
    return data


def load_team_settings(path: str | os.PathLike[str]) -> Settings:
    """The team file validated over the defaults (unknown keys and bad values are errors)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(Code.FILE_NOT_FOUND, f"team settings / 团队设置: {p}")
    try:
        return load_settings(_parse(p))
    except ConfigError as exc:
        if str(p) in exc.detail:
            raise
        raise ConfigError(Code.SETTINGS_INVALID, f"{p}: {exc.detail}") from None


def team_settings_path(option: str | os.PathLike[str] | None = None,
                       env: Mapping[str, str] | None = None) -> Path | None:
    """``--team-settings`` if given, else ``$XLADDIN_TEAM_SETTINGS``, else None."""
    if option:
        return Path(option)
    value = (os.environ if env is None else env).get(ENV, "").strip()
    return Path(value) if value else None


def base_settings(option: str | os.PathLike[str] | None = None,
                  env: Mapping[str, str] | None = None) -> Settings:
    """What a workbook's Settings sheet is validated over: the team file if one is set, else the defaults."""
    path = team_settings_path(option, env)
    return load_team_settings(path) if path is not None else Settings()


__all__ = ["ENV", "base_settings", "load_team_settings", "team_settings_path"]
