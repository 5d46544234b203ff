"""The grammar of the rule tables: one pydantic row model per table kind, and the CSV reader.

Every table is a CSV file shipped inside the package (``xladdin/rules/**.csv``) and read with
:mod:`importlib.resources`, so it works from a wheel as well as from a checkout.  Each row is
validated at load with ``extra="forbid"``: an unknown, missing or misspelt column, a value outside its
grammar or a source key that :file:`sources.csv` does not know stops the load with
:class:`RuleTableError` listing *every* problem (never the first one only).

The grammar of each table is documented in ``README.md`` beside the files; the pieces shared by all
tables are:

* blank cell = no value (``None``);
* dates: ``YYYY-MM-DD``.  Some copied reference tables carry the wording of their sources instead:
  ``in_force_before_YYYY-MM-DD`` / ``on_or_before_YYYY-MM-DD`` (start not captured: the row also
  covers every earlier date), ``still_in_force_YYYY (...)`` (no end known: open), and
  ``superseded_YYYY_date_unverified`` (replaced on an uncaptured day of YYYY: the row is only trusted
  up to 31 December of the year before);
* ``verification``: ``P``, ``P-repost``, ``S2`` (production), ``S1``, ``UNV`` (loaded but never used
  for a result), optionally followed by a parenthesised note;
* ``source``: one or more keys of :file:`sources.csv` joined by ``+``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Annotated, Any, Literal, cast

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from xladdin.errors import Code, XladdinError

PACKAGE = "xladdin.rules"
PRODUCTION_LEVELS = frozenset({"P", "P-repost", "S2"})
OZ_PER_LB = 16.0


class RuleTableError(XladdinError, ValueError):
    """A shipped rule table breaks its grammar: a packaging bug, never the operator's input."""

    def __init__(self, detail: str, *, where: str = ""):
        super().__init__(Code.INTERNAL, detail, where=where)


# ----------------------------------------------------------------------------------------------
# Shared value grammar
# ----------------------------------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OPEN_START = re.compile(r"^(?:in_force_before|on_or_before)_(\d{4}-\d{2}-\d{2})$")
_STILL = re.compile(r"^still_in_force_\d{4}(?: \(.*\))?$")
_SUPERSEDED = re.compile(r"^superseded_(\d{4})_date_unverified$")
_VERIFICATION = re.compile(r"^(P-repost|P|S2|S1|UNV)(?: \(.+\))?$")
_SOURCE = re.compile(r"^SRC_[A-Z0-9_]+(?:\+SRC_[A-Z0-9_]+)*$")
_WEIGHT_TEXT = re.compile(r"^(\d+(?:\.\d+)?) (oz|lb)$")


def _exact_date(v: Any) -> Any:
    if isinstance(v, str):
        if not _ISO.match(v.strip()):
            raise ValueError(f"{v!r} is not a date written YYYY-MM-DD")
        return dt.date.fromisoformat(v.strip())
    return v


def _from_token(v: Any) -> Any:
    """Effective-from: a date, or ``None`` when the start was not captured (blank or a token)."""
    if v is None or isinstance(v, dt.date):
        return v
    s = str(v).strip()
    if _ISO.match(s):
        return dt.date.fromisoformat(s)
    if _OPEN_START.match(s):
        return None
    raise ValueError(f"{s!r} is not YYYY-MM-DD, in_force_before_YYYY-MM-DD or on_or_before_YYYY-MM-DD")


def _to_token(v: Any) -> Any:
    """Effective-to (inclusive): a date, or ``None`` when no end is known."""
    if v is None or isinstance(v, dt.date):
        return v
    s = str(v).strip()
    if _ISO.match(s):
        return dt.date.fromisoformat(s)
    if _STILL.match(s):
        return None
    m = _SUPERSEDED.match(s)
    if m:  # replaced on an unknown day of that year: trusted only up to the end of the year before
        return dt.date(int(m.group(1)) - 1, 12, 31)
    raise ValueError(f"{s!r} is not YYYY-MM-DD, still_in_force_YYYY or superseded_YYYY_date_unverified")


def _check_verification(v: str) -> str:
    if not _VERIFICATION.match(v):
        raise ValueError(f"verification {v!r} is not P, P-repost, S2, S1 or UNV (optionally with a note)")
    return v


def _check_source(v: str) -> str:
    if not _SOURCE.match(v):
        raise ValueError(f"source {v!r} is not SRC_… keys joined by '+'")
    return v


def _check_weight_text(v: str) -> str:
    if not _WEIGHT_TEXT.match(v):
        raise ValueError(f"{v!r} is not a weight such as '3 lb' or '4 oz'")
    return v


ExactDate = Annotated[dt.date, BeforeValidator(_exact_date)]
DateFrom = Annotated[dt.date | None, BeforeValidator(_from_token)]
DateTo = Annotated[dt.date | None, BeforeValidator(_to_token)]
Verification = Annotated[str, AfterValidator(_check_verification)]
SourceKeys = Annotated[str, AfterValidator(_check_source)]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
MarketplaceCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
Money = Annotated[float, Field(gt=0)]
NonNeg = Annotated[float, Field(ge=0)]
Positive = Annotated[float, Field(gt=0)]
Percent = Annotated[float, Field(gt=0, le=100)]
WeightText = Annotated[str, AfterValidator(_check_weight_text)]
WeightUnit = Literal["oz", "lb"]
WeightBasis = Literal["unit_weight", "max(unit,dimensional)", "max(unit,dimensional_min_2in)"]


def to_lb(value: float, unit: str) -> float:
    return value / OZ_PER_LB if unit == "oz" else value


def weight_text_lb(text: str) -> float:
    m = _WEIGHT_TEXT.match(text)
    if m is None:  # pragma: no cover - the row model validated it
        raise RuleTableError(f"bad weight {text!r}")
    return to_lb(float(m.group(1)), m.group(2))


class Row(BaseModel):
    """Base of every table row: strict columns, blank = None, no NaN or infinity."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_none(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in data.items()}
        return data

    @property
    def level(self) -> str:
        """Verification level without its note: P, P-repost, S2, S1 or UNV."""
        v = getattr(self, "verification", "P")
        return v.split(" ", 1)[0]

    @property
    def production(self) -> bool:
        """True when the row may drive a result (P, P-repost or S2)."""
        return self.level in PRODUCTION_LEVELS

    @property
    def source_keys(self) -> tuple[str, ...]:
        return tuple(getattr(self, "source", "").split("+"))


class Dated(Row):
    """A row with an inclusive ``[start, end]`` validity; ``None`` = open on that side."""

    @property
    def start(self) -> dt.date | None:
        return self.effective_from  # type: ignore[attr-defined]

    @property
    def end(self) -> dt.date | None:
        return self.effective_to  # type: ignore[attr-defined]

    def covers(self, d: dt.date) -> bool:
        return (self.start is None or self.start <= d) and (self.end is None or d <= self.end)


# ----------------------------------------------------------------------------------------------
# Row models, one per table kind (column names exactly as in the CSV header)
# ----------------------------------------------------------------------------------------------


class SourceRow(Row):
    key: Annotated[str, Field(pattern=r"^SRC_[A-Z0-9_]+$")]
    kind: str
    citation: str
    what_it_supports: str
    notes: str | None


class MarketplaceRow(Row):
    code: MarketplaceCode
    marketplace_id: Annotated[str, Field(pattern=r"^[A-Z0-9]{10,16}$")]
    domain: str
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    fee_tables: Annotated[str, Field(pattern=r"^[a-z]{2}$")] | None
    aliases: str | None
    verification: Verification
    source: SourceKeys


class SizeTierRow(Dated):
    """One product size tier: its dimension and weight limits, tested in file order (first match wins)."""

    effective_from: ExactDate
    effective_to: DateTo
    size_tier: Name
    max_longest_in: Positive | None
    max_median_in: Positive | None
    max_shortest_in: Positive | None
    max_length_plus_girth_in: Positive | None
    weight_test: WeightBasis
    max_weight: Positive | None
    weight_unit: WeightUnit
    fee_weight_basis: WeightBasis
    verification: Verification
    source: SourceKeys

    @property
    def max_weight_lb(self) -> float:
        return math.inf if self.max_weight is None else to_lb(self.max_weight, self.weight_unit)


class FulfilmentRow(Dated):
    """One weight band of a fulfilment card: fee = fee_usd + increment_fee_usd per started increment."""

    effective_from: ExactDate
    effective_to: DateTo
    marketplace: MarketplaceCode
    price_band: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    product_class: Literal["non_apparel"]
    size_tier: Name
    weight_basis: WeightBasis
    band_min_excl: NonNeg
    band_max_incl: Positive | None
    band_unit: WeightUnit
    fee_usd: Money
    increment_fee_usd: Money | None
    increment_size: Positive | None
    increment_unit: WeightUnit | None
    increment_starts_above: WeightText | None
    verification: Verification
    source: SourceKeys

    @model_validator(mode="after")
    def _consistent(self) -> FulfilmentRow:
        inc = (self.increment_fee_usd, self.increment_size, self.increment_unit, self.increment_starts_above)
        if any(x is None for x in inc) and not all(x is None for x in inc):
            raise ValueError("increment_fee_usd, increment_size, increment_unit and increment_starts_above go together")
        if self.band_max_incl is not None and not self.band_max_incl > self.band_min_excl:
            raise ValueError("band_max_incl must be above band_min_excl")
        parse_price_band(self.price_band)
        return self

    @property
    def band_min_lb(self) -> float:
        return to_lb(self.band_min_excl, self.band_unit)

    @property
    def band_max_lb(self) -> float:
        return math.inf if self.band_max_incl is None else to_lb(self.band_max_incl, self.band_unit)

    @property
    def increment_size_lb(self) -> float:
        return math.nan if self.increment_size is None else to_lb(self.increment_size, self.increment_unit or "lb")

    @property
    def increment_starts_above_lb(self) -> float:
        return math.nan if self.increment_starts_above is None else weight_text_lb(self.increment_starts_above)


class SurchargeRow(Dated):
    """A dated percentage added to a fee family (e.g. the 2026 fuel and logistics surcharge)."""

    effective_from: ExactDate
    effective_to: DateTo
    marketplace: MarketplaceCode
    surcharge: Literal["fuel_and_logistics"]
    applies_to: Literal["fba_fulfilment"]
    rate_pct: Annotated[float, Field(gt=0, lt=100)]
    rounding: Literal["half_up_cent"]
    verification: Verification
    source: SourceKeys
    notes: str | None


class DimWeightRow(Dated):
    """Dimensional weight rule: L × W × H / divisor; bulky tiers floor width and height first."""

    effective_from: ExactDate
    effective_to: DateTo
    marketplace: MarketplaceCode
    divisor: Positive
    dims_unit: Literal["in"]
    weight_unit: Literal["lb"]
    bulky_min_side_in: NonNeg
    verification: Verification
    source: SourceKeys
    notes: str | None


class StorageRow(Dated):
    effective_from: DateFrom
    effective_to: DateTo
    product_type: Literal["non_dangerous", "dangerous_goods"]
    size_group: Literal["standard", "large_bulky_and_extra_large", "oversize"]
    months: Literal["Jan-Sep", "Oct-Dec"]
    usd_per_cubic_foot: Money
    verification: Verification
    source: SourceKeys


_METHOD = re.compile(r"^(flat|whole_price_threshold|marginal_portion)( \(UNVERIFIED method\))?$")


class ReferralRow(Dated):
    """A referral-fee category: method flat / whole_price_threshold / marginal_portion."""

    in_force_since: DateFrom
    in_force_until: DateTo
    category: str
    rate_pct: Percent
    threshold_usd: Money | None
    rate_pct_above_threshold: Percent | None
    second_threshold_usd: Money | None
    rate_pct_above_second: Percent | None
    third_threshold_usd: Money | None
    rate_pct_above_third: Percent | None
    method: Annotated[str, Field(pattern=_METHOD.pattern)]
    min_fee_usd: Money | None
    closing_fee_usd: Money | None
    verification: Verification
    source: SourceKeys
    notes: str | None

    @model_validator(mode="after")
    def _consistent(self) -> ReferralRow:
        pairs = [(self.threshold_usd, self.rate_pct_above_threshold),
                 (self.second_threshold_usd, self.rate_pct_above_second),
                 (self.third_threshold_usd, self.rate_pct_above_third)]
        seen_gap = False
        for t, r in pairs:
            if (t is None) != (r is None):
                raise ValueError("every threshold needs its rate above it, and the other way round")
            if t is None:
                seen_gap = True
            elif seen_gap:
                raise ValueError("thresholds must be filled in order (first, second, third)")
        ts = self.thresholds
        if any(b <= a for a, b in zip(ts, ts[1:])):
            raise ValueError("thresholds must increase")
        if (self.method_name == "flat") != (not ts):
            raise ValueError("method flat takes no threshold; the other methods need one")
        return self

    @property
    def start(self) -> dt.date | None:
        return self.in_force_since

    @property
    def end(self) -> dt.date | None:
        return self.in_force_until

    @property
    def method_name(self) -> str:
        return self.method.split(" ", 1)[0]

    @property
    def method_verified(self) -> bool:
        return "UNVERIFIED" not in self.method

    @property
    def production(self) -> bool:
        return super().production and self.method_verified

    @property
    def thresholds(self) -> tuple[float, ...]:
        return tuple(t for t in (self.threshold_usd, self.second_threshold_usd, self.third_threshold_usd) if t is not None)

    @property
    def rates(self) -> tuple[float, ...]:
        """Rates as fractions: below the first threshold, then above each threshold in turn."""
        rs = (self.rate_pct, self.rate_pct_above_threshold, self.rate_pct_above_second, self.rate_pct_above_third)
        return tuple(r / 100.0 for r in rs if r is not None)


class AgedRow(Dated):
    effective_from: DateFrom
    effective_to: DateTo
    age_days_min: Annotated[int, Field(ge=0)]
    age_days_max: Annotated[int, Field(ge=0)] | None
    usd_per_cubic_foot: Money
    usd_per_unit_min: Money | None
    rule: Literal["per_cuft", "greater_of(per_cuft,per_unit)"]
    applies_to: str
    verification: Verification
    source: SourceKeys


class LowInventoryRow(Dated):
    effective_from: DateFrom
    effective_to: DateTo
    size_tier: Name
    shipping_weight: Annotated[str, Field(pattern=r"^(all|<=\d+(\.\d+)? (oz|lb)|>\d+(\.\d+)? (oz|lb) to \d+(\.\d+)? (oz|lb))$")]
    hdos_0_to_14_usd: Money
    hdos_14_to_21_usd: Money
    hdos_21_to_28_usd: Money
    verification: Verification
    source: SourceKeys


class InboundPlacementRow(Dated):
    effective_from: DateFrom
    effective_to: DateTo
    size_tier: Name
    shipping_weight: Annotated[str, Field(pattern=r"^(<=\d+(\.\d+)? (oz|lb)|>\d+(\.\d+)? (oz|lb) to \d+(\.\d+)? (oz|lb))$")]
    minimal_split_single_location_usd_min: NonNeg
    minimal_split_usd_max: NonNeg
    partial_split_2_3_locations_usd_min: NonNeg
    partial_split_usd_max: NonNeg
    amazon_optimized_5plus_locations_usd: NonNeg
    verification: Verification
    source: SourceKeys

    @model_validator(mode="after")
    def _ranges(self) -> InboundPlacementRow:
        if self.minimal_split_single_location_usd_min > self.minimal_split_usd_max or \
                self.partial_split_2_3_locations_usd_min > self.partial_split_usd_max:
            raise ValueError("a range minimum is above its maximum")
        return self


# Table kind (the part of the file name after the marketplace prefix) -> row model.
TABLE_KINDS: dict[str, type[Row]] = {
    "size_tiers": SizeTierRow,
    "fba_fulfilment": FulfilmentRow,
    "fba_surcharges": SurchargeRow,
    "dimensional_weight": DimWeightRow,
    "monthly_storage": StorageRow,
    "referral_fees": ReferralRow,
    "aged_inventory_surcharge": AgedRow,
    "low_inventory_level_fee": LowInventoryRow,
    "inbound_placement": InboundPlacementRow,
}


# ----------------------------------------------------------------------------------------------
# Price bands: under_X = [0, X); X_to_Y = [X, Y]; over_X = (X, inf); X_and_over = [X, inf)
# ----------------------------------------------------------------------------------------------

_BANDS = (
    (re.compile(r"^under_(\d+)$"), lambda a: (0.0, True, float(a), False)),
    (re.compile(r"^(\d+)_to_(\d+)$"), lambda a, b: (float(a), True, float(b), True)),
    (re.compile(r"^over_(\d+)$"), lambda a: (float(a), False, math.inf, False)),
    (re.compile(r"^(\d+)_and_over$"), lambda a: (float(a), True, math.inf, False)),
)


def parse_price_band(name: str) -> tuple[float, bool, float, bool]:
    """``(low, low_inclusive, high, high_inclusive)`` of a price band name."""
    for rx, make in _BANDS:
        m = rx.match(name)
        if m:
            return make(*m.groups())
    raise ValueError(f"price band {name!r} is not under_X, X_to_Y, over_X or X_and_over")


# ----------------------------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------------------------


def package_root() -> Traversable:
    return resources.files(PACKAGE)


def read_rows(path: Traversable, model: type[Row]) -> list[Row]:
    """Read and validate one CSV; every problem of the file is reported at once."""
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    problems: list[str] = []
    expected = list(model.model_fields)
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        problems.append(f"columns differ from the grammar: missing {missing}, unknown {extra}"
                        if missing or extra else f"columns out of order: {header} (expected {expected})")
    rows: list[Row] = []
    for line, raw in enumerate(reader, start=2):
        if None in raw:
            problems.append(f"line {line}: more cells than columns")
            continue
        try:
            rows.append(model.model_validate(raw))
        except ValidationError as exc:
            for e in exc.errors():
                loc = ".".join(str(p) for p in e["loc"]) or "row"
                problems.append(f"line {line} {loc}: {e['msg']}")
    if problems:
        raise RuleTableError("; ".join(problems), where=str(path.name))
    return rows


@cache
def sources() -> dict[str, SourceRow]:
    """Every source key: the reference pack's ``sources.csv`` plus ``sources_xladdin.csv``."""
    out: dict[str, SourceRow] = {}
    root = package_root()
    for name in ("sources.csv", "sources_xladdin.csv"):
        for row in cast("list[SourceRow]", read_rows(root / name, SourceRow)):
            if row.key in out:
                raise RuleTableError(f"source key {row.key} defined twice", where=name)
            out[row.key] = row
    return out


def check_sources(rows: list[Row], where: str) -> None:
    known = sources()
    missing = sorted({k for r in rows for k in r.source_keys if k not in known})
    if missing:
        raise RuleTableError(f"source keys not in sources.csv: {', '.join(missing)}", where=where)


def read_folder(folder: str) -> dict[str, list[Row]]:
    """Every table of a marketplace folder by kind; a CSV whose kind is unknown is an error."""
    base = package_root() / folder
    if not base.is_dir():
        raise RuleTableError(f"rule folder {folder!r} is missing from the package")
    tables: dict[str, list[Row]] = {k: [] for k in TABLE_KINDS}
    kinds = sorted(TABLE_KINDS, key=len, reverse=True)
    for entry in sorted(base.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".csv"):
            continue
        stem = entry.name[:-4]
        prefix = f"{folder}_"
        kind = next((k for k in kinds if stem.startswith(prefix) and
                     (stem[len(prefix):] == k or stem[len(prefix):].startswith(k + "_"))), None)
        if kind is None:
            raise RuleTableError(f"{entry.name}: file name is not {folder}_<kind>[_<period>].csv "
                                 f"with a known kind ({', '.join(TABLE_KINDS)})", where=folder)
        rows = read_rows(entry, TABLE_KINDS[kind])
        check_sources(rows, f"{folder}/{entry.name}")
        tables[kind].extend(rows)
    return tables
