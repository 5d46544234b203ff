"""Dated fee and marketplace rules, kept as data files with a cited source on every row.

Layout (see ``README.md`` here and in each marketplace folder for the grammar of every table):

* ``marketplaces.csv`` — known marketplaces, their aliases and the folder of their fee tables;
* ``sources.csv`` — source keys, copied verbatim from the reference pack; ``sources_xladdin.csv`` —
  keys added by xladdin;
* ``us/`` — the verified US tables (copied verbatim from the reference pack) plus two small dated
  tables of xladdin's own (dimensional weight, fulfilment surcharges).

Nothing here goes online and there is no implicit "current" fee: every lookup takes a date.
"""

from xladdin.rules.cards import (
    BandTable,
    FeeCard,
    MarketplaceRules,
    PriceBand,
    TierSet,
    normalize_category,
    rules_for,
    storage_size_group,
)
from xladdin.rules.marketplaces import Marketplace, marketplaces, resolve_marketplace
from xladdin.rules.tables import PRODUCTION_LEVELS, TABLE_KINDS, RuleTableError, sources

__all__ = [
    "BandTable",
    "FeeCard",
    "Marketplace",
    "MarketplaceRules",
    "PRODUCTION_LEVELS",
    "PriceBand",
    "RuleTableError",
    "TABLE_KINDS",
    "TierSet",
    "marketplaces",
    "normalize_category",
    "resolve_marketplace",
    "rules_for",
    "sources",
    "storage_size_group",
]
