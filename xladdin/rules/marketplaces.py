"""The marketplace registry (``marketplaces.csv``): codes, aliases and which folder holds the fee tables.

An operator may write ``US``, ``us``, ``amazon.com``, ``www.amazon.com``, ``ATVPDKIKX0DER`` (the SP-API
marketplace ID) or ``美国站``; all resolve to the same :class:`Marketplace`.  Anything else is
``UNKNOWN_MARKETPLACE``.  A known marketplace without a verified fee table (UK, DE today) is *not*
unknown: asking it for a fee is ``NO_RULE_FOR_DATE`` with the detail "no verified fee table" — there is
never a silent fallback to US rates.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import cast

from xladdin.errors import Code, RuleDataError
from xladdin.rules.tables import MarketplaceRow, RuleTableError, check_sources, package_root, read_rows


@dataclass(frozen=True)
class Marketplace:
    code: str  # "US"
    marketplace_id: str  # "ATVPDKIKX0DER"
    domain: str  # "amazon.com"
    currency: str  # "USD"
    fee_tables: str | None  # folder under xladdin/rules/ ("us"), None = no verified fee table
    aliases: tuple[str, ...]


def normalize_marketplace(text: str) -> str:
    """Case, width and spacing folded; ``https://`` and a trailing ``/`` dropped."""
    s = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    for prefix in ("https://", "http://"):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return s.rstrip("/").strip()


@cache
def marketplaces() -> dict[str, Marketplace]:
    """Every known marketplace by code, in file order."""
    rows = cast("list[MarketplaceRow]", read_rows(package_root() / "marketplaces.csv", MarketplaceRow))
    check_sources(list(rows), "marketplaces.csv")
    out: dict[str, Marketplace] = {}
    for r in rows:
        aliases = tuple(a.strip() for a in (r.aliases or "").split("|") if a.strip())
        out[r.code] = Marketplace(r.code, r.marketplace_id, r.domain, r.currency, r.fee_tables,
                                  (r.code, r.marketplace_id, r.domain) + aliases)
    return out


@cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for mp in marketplaces().values():
        for alias in mp.aliases:
            key = normalize_marketplace(alias)
            if index.get(key, mp.code) != mp.code:
                raise RuleTableError(f"alias {alias!r} names both {index[key]} and {mp.code}", where="marketplaces.csv")
            index[key] = mp.code
    return index


def resolve_marketplace(text: str) -> Marketplace:
    """The marketplace an operator means; ``RuleDataError(UNKNOWN_MARKETPLACE)`` listing the known codes."""
    code = _alias_index().get(normalize_marketplace(text))
    if code is None:
        known = ", ".join(marketplaces())
        raise RuleDataError(Code.UNKNOWN_MARKETPLACE, f"{text!r}; known: {known}")
    return marketplaces()[code]
