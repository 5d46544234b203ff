"""xladdin workbook templates: declarations only (the builder is ``xladdin.workbooks.builder``).

This folder is a real package shipped in the wheel (``pyproject.toml`` includes ``templates*``):
the issue fixes the folder name, and code declarations (dataclasses from ``xladdin.workbooks.spec``) are
checked at import time, which data files would not be.  Because ``templates`` is a generic top-level
name, xladdin only accepts this module when it carries the ``XLADDIN_TEMPLATES`` marker
(``xladdin.workbooks.registry.templates``).
"""

import importlib
import pkgutil

XLADDIN_TEMPLATES = True


def _discover() -> dict:
    """Every module here that defines ``TEMPLATE`` (a TemplateSpec) is a template, keyed by its kind."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(mod, "TEMPLATE", None)
        if spec is not None:
            if spec.kind in found:
                raise ValueError(f"template kind {spec.kind!r} declared twice ({info.name})")
            found[spec.kind] = spec
    return found


TEMPLATES = _discover()
