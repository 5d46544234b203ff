"""Which templates exist, and which refresh function each one has.

Templates are declared in the top-level ``templates`` package (``templates/ads.py`` …), which exports
``TEMPLATES: dict[kind, TemplateSpec]``.  ``templates`` is a generic name: :func:`templates` checks that
the module it imported is ours (marker ``XLADDIN_TEMPLATES``), so a stray ``templates`` package elsewhere
on ``sys.path`` gives a clear error instead of strange ones.

Refresh functions are registered by the analytics, not by the templates::

    from xladdin.workbooks import register_refresh

    @register_refresh("ads")
    def refresh_ads(host: BookHost, settings: Settings) -> None: ...

:func:`refresh_book` validates the Settings sheet first, then calls the function inside ``host.batch``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from xladdin.errors import Code, InputError, XladdinError
from xladdin.settings import Settings
from xladdin.workbooks.spec import TemplateSpec

if TYPE_CHECKING:
    from xladdin.workbooks.host import BookHost

RefreshFn = Callable[["BookHost", Settings], None]
_REFRESH: dict[str, RefreshFn] = {}


def templates() -> ModuleType:
    mod = importlib.import_module("templates")
    if not getattr(mod, "XLADDIN_TEMPLATES", False):
        raise XladdinError(Code.INTERNAL, f"'templates' imported from {getattr(mod, '__file__', '?')} "
                           "is not xladdin's template package (name clash on sys.path)")
    return mod


def all_templates() -> dict[str, TemplateSpec]:
    return dict(templates().TEMPLATES)


def template_kinds() -> list[str]:
    return sorted(all_templates())


def get_template(kind: str) -> TemplateSpec:
    specs = all_templates()
    try:
        return specs[kind.strip().lower()]
    except KeyError:
        raise InputError(Code.BAD_CHOICE, f"template {kind!r}; kinds / 可选: {', '.join(sorted(specs))}") from None


def known_labels() -> dict[str, tuple[str, str]]:
    """Canonical column key → (中文, English) from every template (first declaration wins)."""
    from xladdin.workbooks.builder import IMPORT_COLUMNS, SETTINGS_COLUMNS

    out: dict[str, tuple[str, str]] = {}
    for spec in all_templates().values():
        for t in spec.tables:
            for c in t.columns:
                out.setdefault(c.key, (c.zh, c.en))
    for c in (*IMPORT_COLUMNS, *SETTINGS_COLUMNS):
        out.setdefault(c.key, (c.zh, c.en))
    return out


def register_refresh(kind: str) -> Callable[[RefreshFn], RefreshFn]:
    """Decorator: ``fn(host, settings) -> None`` refreshes workbooks built from template ``kind``."""
    get_template(kind)

    def deco(fn: RefreshFn) -> RefreshFn:
        _REFRESH[kind] = fn
        return fn

    return deco


def get_refresh(kind: str) -> RefreshFn:
    get_template(kind)
    if kind not in _REFRESH:
        # Refresh functions live beside the analytics (xladdin/workbooks/refresh_<kind>.py) and register
        # on import; importing here means callers never depend on import order.
        try:
            importlib.import_module(f"xladdin.workbooks.refresh_{kind}")
        except ModuleNotFoundError as exc:
            if exc.name != f"xladdin.workbooks.refresh_{kind}":
                raise
    try:
        return _REFRESH[kind]
    except KeyError:
        raise InputError(Code.BAD_CHOICE, f"no refresh registered for template {kind!r} / 该模板尚无刷新功能") from None


def refresh_book(host: BookHost, kind: str | None = None, *, base: Settings | None = None) -> None:
    """Validate the workbook's Settings sheet (over ``base``: team settings, else defaults) and refresh."""
    kind = kind or host.template_kind()
    if kind is None:
        raise InputError(Code.UNKNOWN_TABLE, "not an xladdin workbook (no xladdin_template name)")
    fn = get_refresh(kind)
    settings = host.read_settings(base)
    with host.batch("xladdin: 刷新中 / refreshing…"):
        fn(host, settings)
