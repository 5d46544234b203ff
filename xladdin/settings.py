"""One validated settings model for every default and threshold.

Worksheet functions take their defaults from here; later the Settings sheet of each workbook and a
team settings file (issue 6) feed the same model.  Unknown keys are errors (``extra="forbid"``): a
typo in a Settings sheet must never be silently ignored.  Each value says where it comes from:
[playbook] = ``operations-playbook-zh.txt`` (team guideline), [Amazon] = an Amazon rule in
``amazon-rules.md``, [RoT] = an agency rule of thumb made editable.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from xladdin.errors import Code, ConfigError

Fraction = Field(ge=0, le=1)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    marketplace: str = Field("US", description="default marketplace / 默认站点")
    # Ads
    target_acos: float = Field(0.30, ge=0, le=5, description="[playbook] ACoS 25–35 % healthy; midpoint as default target")
    acos_buffer: float = Field(0.05, ge=0, le=1, description="[RoT] target ACoS = break-even ACoS − buffer")
    negate_min_clicks: float = Field(15, ge=1, description="[RoT] negate a 0-order term after max(this, factor × clicks per order) clicks")
    negate_clicks_factor: float = Field(1.5, ge=0, description="[RoT] multiple of the account's clicks per order")
    harvest_min_orders: float = Field(2, ge=1, description="[RoT] harvest to exact at ≥ 2 orders and ACoS ≤ target")
    bid_step_max: float = Field(0.20, gt=0, le=1, description="[RoT] move a bid at most 20 % per change")
    bid_tolerance: float = Field(0.10, ge=0, le=1, description="[RoT] keep the bid while ACoS is within ±10 % of target")
    min_clicks_for_bid: float = Field(10, ge=0, description="[RoT] clicks needed before a bid is changed")
    # Inventory
    lead_time_days: float = Field(45, ge=0, description="[playbook] restock planned 6–8 weeks ahead")
    cover_days: float = Field(30, ge=0, description="REORDER_QTY default cover days")
    safety_days: float = Field(14, ge=0, description="REORDER_QTY default safety days")
    case_pack: float = Field(1, ge=1, description="units per carton")
    moq: float = Field(0, ge=0, description="supplier minimum order quantity")
    service_level: float = Field(0.95, gt=0.5, lt=1, description="cycle service level for SAFETY_STOCK")
    reorder_soon_days: float = Field(7, ge=0, description="[Jungle Scout] REORDER_SOON when the order-by date is within 7 days")
    overstock_factor: float = Field(1.5, ge=1, description="[Jungle Scout] OVERSTOCK above 150 % of the target days of supply")
    # Listing
    title_max: int = Field(200, ge=1, description="[Amazon] 200 characters incl. spaces (2025 title rules)")
    title_guide: int = Field(180, ge=1, description="[playbook] team guideline ≤ 180 characters")
    bullet_count: int = Field(5, ge=1, description="[Amazon] sellers get 5 bullets")
    bullet_max: int = Field(250, ge=1, description="[S2] about 250 characters per bullet")
    search_terms_bytes: int = Field(250, ge=1, description="[Amazon] backend search terms < 250 bytes (US)")
    image_min_zoom_px: int = Field(1000, ge=1, description="[Amazon] 1,000 px longest side enables zoom")
    image_min_px: int = Field(1500, ge=1, description="[playbook] main image ≥ 1500 × 1500")
    image_fill: float = Field(0.85, ge=0, le=1, description="[S2] product fills ≥ 85 % of the frame")
    # SKU review
    min_contribution: float = Field(0.05, ge=0, le=1, description="[playbook] cut SKUs under 5 % contribution …")
    min_margin: float = Field(0.15, ge=-1, le=1, description="[playbook] … and under 15 % gross margin")
    # Account health (Amazon targets)
    odr_max: float = Field(0.01, ge=0, le=1, description="[Amazon] ODR < 1 %")
    lsr_max: float = Field(0.04, ge=0, le=1, description="[Amazon] late shipment rate < 4 %")
    vtr_min: float = Field(0.95, ge=0, le=1, description="[Amazon] valid tracking rate ≥ 95 %")
    cancel_max: float = Field(0.025, ge=0, le=1, description="[Amazon] pre-fulfilment cancel rate < 2.5 %")
    cvr_alert_days: int = Field(7, ge=1, description="[playbook] CVR below category average 7 days running")
    category_cvr: float = Field(0.10, ge=0, le=1, description="[playbook] category average CVR, usually 10–15 %")
    # Selection
    min_monthly_search: float = Field(10_000, ge=0, description="[playbook] monthly search volume > 10,000")
    max_bsr: float = Field(100, ge=1, description="[playbook] BSR within the top 100")
    max_review_growth: float = Field(50, ge=0, description="[playbook] review growth < 50 a month")
    min_price: float = Field(15, ge=0, description="[RoT] price band low end")
    max_price: float = Field(50, ge=0, description="[RoT] price band high end")
    min_selection_margin: float = Field(0.25, ge=-1, le=1, description="[RoT] margin after fees ≥ 25 %")
    # SELECT_SCORE rubric weights (relative; a criterion left blank drops out of the sum) [RoT]
    weight_search: float = Field(30, ge=0, description="SELECT_SCORE weight of monthly search volume")
    weight_bsr: float = Field(25, ge=0, description="SELECT_SCORE weight of BSR")
    weight_review_growth: float = Field(25, ge=0, description="SELECT_SCORE weight of review growth")
    weight_price: float = Field(10, ge=0, description="SELECT_SCORE weight of the price band")
    weight_margin: float = Field(10, ge=0, description="SELECT_SCORE weight of the margin")
    # Inventory workbook (issue 4): velocity, fee risks, IPI estimates
    velocity_window_days: int = Field(30, ge=1, le=90, description="[Jungle Scout] look-back of the velocity used for planning (7, 30, 60 or 90); others are fallbacks")
    velocity_conflict_pct: float = Field(0.25, ge=0, le=10, description="[RoT] flag a SKU when two sources' velocities for one window differ by more than 25 %")
    aged_warning_days: int = Field(150, ge=0, le=365, description="[RoT] warn when units are this old (the aged inventory surcharge starts at 181 days, [Amazon] §1.7)")
    lilf_days: float = Field(28, ge=0, description="[Amazon] low-inventory-level fee when both 30- and 90-day historical days of supply are under 28 days (§1.8)")
    lilf_exempt_units_7d: float = Field(20, ge=0, description="[Amazon] LILF exemption: fewer than 20 units shipped in the prior 7 days (from 2024-05-15, §1.8)")
    excess_days: float = Field(90, ge=0, description="[Amazon] IPI: a unit is excess above 90 days of supply (§1.11)")
    # Ads workbook (issue 4): search-term actions and the bulksheet
    broad_spend_share_max: float = Field(0.5, ge=0, le=1, description="[RoT] flag over-reliance on broad match ([playbook] 过度依赖 broad) when BROAD takes more than 50 % of ad spend")
    brand_terms: str = Field("", description="own brand terms, comma-separated: a search term containing one is never negated / 自有品牌词，逗号分隔，不否定")
    harvest_campaign_name: str = Field("{campaign} - Exact", min_length=1, description="[RoT] campaign a harvested term goes to ({campaign} = source campaign)")
    harvest_ad_group_name: str = Field("{ad_group}", min_length=1, description="[RoT] ad group a harvested term goes to ({campaign}, {ad_group} = source names)")
    harvest_create: bool = Field(True, description="[RoT] export creates a harvest campaign / ad group the bulksheet lacks (temporary IDs, Amazon §4.2); off = report it instead")
    harvest_daily_budget: float = Field(10, gt=0, description="[RoT] daily budget (marketplace currency) of a harvest campaign the export creates")
    harvest_bidding_strategy: Literal["Dynamic bids - down only", "Dynamic bids - up and down", "Fixed bid"] = Field(
        "Dynamic bids - down only", description="[RoT] bidding strategy of a harvest campaign the export creates (Amazon vocabulary §4.2)")
    harvest_default_bid: float = Field(0.75, gt=0, description="[RoT] default bid of a harvest ad group the export creates when the term has no suggested bid")
    # Selection workbook (h-selection): pass mark, market concentration, Keepa history flags, launch-cost defaults
    selection_pass_score: float = Field(70, ge=0, le=100, description="[RoT] a candidate passes at a score of 70 or more (Dashboard count)")
    max_top10_share: float = Field(0.5, ge=0, le=1, description="[RoT] concentrated when the top 10 take > 50 % of the page's revenue (pages of > 10 listings)")
    volatile_price_pct: float = Field(0.10, ge=0, le=10, description="[RoT] volatile price when the Keepa price's CV (current, 30–365-day averages) > 10 %")
    seasonal_swing_pct: float = Field(0.5, ge=0, le=100, description="[RoT] seasonal when the 30-day sales pace is ≥ 1.5 × or ≤ 1 ÷ 1.5 of the yearly pace")
    season_min_drops: float = Field(24, ge=0, description="[RoT] rank drops (≈ sales) the baseline needs before seasonality uses them; else rank averages")
    launch_plan_fee_month: float = Field(39.99, ge=0, description="[playbook] Professional plan $39.99 a month (平台月租 $39.99)")
    launch_tools_year: float = Field(1200, ge=0, description="[playbook] SaaS tools $1,200–3,000 a year (工具年费); low end as default")
    launch_months: float = Field(3, ge=0, description="[RoT] months of plan fee and tools counted in the launch cost")
    launch_other_fixed: float = Field(0, ge=0, description="other fixed launch costs in USD (photos, samples …) / 其他固定费用")
    launch_first_order_units: float = Field(300, ge=0, description="[RoT] first stock order in units when CandidateInputs has none (首批备货)")
    # Quarterly review and daily health (h-quarterly): ABC cut-offs, staleness, day-over-day alerts
    abc_a_share: float = Field(0.80, gt=0, le=1, description="[RoT] ABC: A while the revenue ranked above is < 80 % / A 类界限")
    abc_b_share: float = Field(0.95, gt=0, le=1, description="[RoT] ABC: B while < 95 % (≥ abc_a_share), else C / B 类界限")
    stale_after_days: int = Field(1, ge=0, le=365, description="[RoT] stale after this many days (report date, else import time) / 过期天数")
    buy_box_drop: float = Field(0.05, ge=0, le=1, description="[RoT] brief a day-over-day Buy Box fall ≥ 5 points / 购买按钮日降提醒")

    # Listing workbook (Listing 优化): description, images, score
    description_max: int = Field(2000, ge=1, description="[S2] product description about 2,000 characters (no Amazon page captured)")
    image_count_min: int = Field(6, ge=0, description="[Amazon] Amazon recommends at least 6 images (and 1 video) per ASIN")
    image_count_max: int = Field(9, ge=1, description="[S2] up to 9 images per ASIN commonly cited (varies by category)")
    listing_top_keywords: int = Field(10, ge=0, description="[RoT] the N highest-volume keywords listed when missing / 列出缺失的前 N 个高搜索量关键词")
    listing_points: float = Field(40, ge=0, description="[RoT] score points for LISTING_CHECK (title, bullets, description) when it finds no problem")
    listing_search_terms_points: float = Field(20, ge=0, description="[RoT] score points for SEARCH_TERMS_CHECK when it finds no problem")
    listing_coverage_points: float = Field(40, ge=0, description="[RoT] score points × volume-weighted keyword coverage (title + bullets + search terms)")
    listing_penalty_per_code: float = Field(8, ge=0, description="[RoT] points off per problem code, down to 0 for that check")
    listing_pass_score: float = Field(60, ge=0, le=100, description="[RoT] a listing version passes at a score ≥ this (0–100) / 得分 ≥ 此值为通过")
    listing_before_versions: str = Field("current, 当前", description="team convention: version names that mean the live listing (before), comma-separated; else an ASIN's first row / 代表修改前（在线）的版本名")

    @model_validator(mode="after")
    def _abc_order(self) -> Settings:
        if self.abc_b_share < self.abc_a_share:
            raise ValueError(f"abc_b_share ({self.abc_b_share}) must be ≥ abc_a_share ({self.abc_a_share}) / B 类界限须 ≥ A 类")
        return self


def load_settings(values: dict[str, Any] | None = None, *, base: Settings | None = None) -> Settings:
    """Validate ``values`` (e.g. a Settings sheet) over ``base``; every problem reported at once."""
    merged = (base or Settings()).model_dump()
    merged.update(values or {})
    try:
        return Settings(**merged)
    except ValidationError as exc:
        problems = "; ".join(
            (f"{'.'.join(str(p) for p in e['loc'])}: " if e["loc"] else "")  # a cross-field rule has no key
            + ("unknown key / 未知设置项" if e["type"] == "extra_forbidden" else e["msg"])
            for e in exc.errors()
        )
        raise ConfigError(Code.SETTINGS_INVALID, problems) from None


DEFAULTS = Settings()
