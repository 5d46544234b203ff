"""Metadata of every worksheet function: name, bilingual description, argument help, category.

xlwings turns ``@xw.func`` / ``@xw.arg`` into no-ops off Windows, which hides mistakes (its own v1.0
plan calls that "the worst silent failure in the library").  So we keep our own registry, filled by
:func:`register` in ``udfs/``; the Function Wizard text, the generated function reference
(``docs/functions.md``), the name checks and the add-in build (issue 6) all read it from here.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArgInfo:
    name: str
    doc: str
    optional: bool
    default: object = None


@dataclass(frozen=True)
class FunctionInfo:
    name: str
    category: str
    description: str  # first paragraph of the docstring: the Function Wizard description
    help: str  # the whole docstring
    args: tuple[ArgInfo, ...]
    module: str
    returns: str = ""
    range_args: tuple[str, ...] = field(default_factory=tuple)

    @property
    def signature(self) -> str:
        parts = [a.name if not a.optional else f"[{a.name}]" for a in self.args]
        return f"{self.name}({', '.join(parts)})"


REGISTRY: dict[str, FunctionInfo] = {}


def register(fn, *, category: str, args: dict[str, str], returns: str = "") -> FunctionInfo:
    """Record ``fn``'s metadata. Every parameter must be documented in ``args``, and only those."""
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    names = [p.name for p in params]
    if set(names) != set(args):
        raise TypeError(f"{fn.__name__}: documented args {sorted(args)} != parameters {sorted(names)}")
    doc = inspect.getdoc(fn) or ""
    if not doc:
        raise TypeError(f"{fn.__name__}: a worksheet function needs a docstring (the Wizard description)")
    info = FunctionInfo(
        name=fn.__name__,
        category=category,
        description=doc.split("\n\n")[0].replace("\n", " ").strip(),
        help=doc,
        args=tuple(
            ArgInfo(p.name, args[p.name], p.default is not inspect.Parameter.empty,
                    None if p.default is inspect.Parameter.empty else p.default)
            for p in params
        ),
        module=fn.__module__,
        returns=returns,
    )
    if info.name in REGISTRY and REGISTRY[info.name].module != info.module:
        raise TypeError(f"worksheet function {info.name} is defined twice ({REGISTRY[info.name].module}, {info.module})")
    REGISTRY[info.name] = info
    return info


def all_functions() -> list[FunctionInfo]:
    """Every worksheet function, importing ``udfs`` so the registry is complete."""
    import udfs  # noqa: F401  (registers on import)

    return sorted(REGISTRY.values(), key=lambda f: (f.category, f.name))
