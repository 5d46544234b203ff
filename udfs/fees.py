"""Fee and profit worksheet functions: FBA fulfilment, size tier, dimensional weight, referral, storage,
unit profit, margin and ROI.  Fee amounts come from the dated tables in ``xladdin/rules/`` (every row
cites its source); ``as_of`` picks the table in force (default: today).  US only for now: UK and DE are
known marketplaces without a verified table, so their fees are ``#N/A NO_RULE_FOR_DATE``."""

from __future__ import annotations

import datetime as dt

from udfs._xl import FEES, udf
from xladdin.core import fees as fees_core  # not ``fees``: UNIT_PROFIT has an argument of that name
from xladdin.settings import DEFAULTS
from xladdin.worksheet.bridge import Date, Num, Text, evaluate

_NAN = float("nan")
_LENGTH = "长（英寸）/ length in inches; the three sides may be given in any order"
_WIDTH = "宽（英寸）/ width in inches"
_HEIGHT = "高（英寸）/ height in inches"
_WEIGHT = "单件重量（磅）/ unit weight in pounds of the packaged unit, as Amazon measures it (no packaging allowance is added)"
_PRICE = "[可选] 售价 / selling price: picks the price band (<$10, $10–$50, >$50); blank = standard rates ($10+ / $10–$50)"
_MARKETPLACE = "[可选] 站点 / marketplace: US (default), amazon.com or ATVPDKIKX0DER; UK and DE have no verified fee table yet (#N/A)"
_AS_OF = "[可选] 日期 / date whose fee tables apply (default today), e.g. 2026-01-15"


@udf(FEES, {"length_in": _LENGTH, "width_in": _WIDTH, "height_in": _HEIGHT, "weight_lb": _WEIGHT, "price": _PRICE,
            "marketplace": _MARKETPLACE, "as_of": _AS_OF}, returns="USD per unit")
def FBA_FEE(length_in, width_in, height_in, weight_lb, price=None, marketplace=None, as_of=None):
    """FBA 配送费 / FBA fulfilment fee per unit (USD) from the dated US card: size tier from sides (in) and weight (lb), price band by price, plus the 3.5 % fuel surcharge from 2026-04-17. Non-peak: holiday peak fees are not applied.

    Cards: 2024-04-15 → 2026-01-14 (Low-Price FBA below $10) and from 2026-01-15 (<$10 / $10–$50 / >$50,
    small bulky tier). Earlier dates are #N/A NO_RULE_FOR_DATE. Non-apparel, non-dangerous goods only.
    Fee weight: unit weight for small standard and extra-large 150+; the greater of unit and dimensional
    weight (L × W × H / 139) for large standard; the same with width and height floored at 2 in for bulky
    and extra-large. Weight bands: over the lower limit up to and including the upper one; surcharges per
    started increment. Holiday peak fees (15 Oct – 14 Jan) are NOT included: their table is unverified.
    Overmax surcharges are not included. Rounded to the cent.

    Examples: =FBA_FEE(6, 4, 0.5, 0.1, 25, "US", "2026-02-01") → 3.32 (small standard ≤ 2 oz, $10–$50);
    =FBA_FEE(10, 8, 4, 1.1, 25, , "2025-06-01") → 6.05 (dimensional weight 2.30 lb beats 1.1 lb).
    """
    return evaluate(fees_core.fba_fee, length=Num(length_in), width=Num(width_in), height=Num(height_in),
                    weight=Num(weight_lb), price=Num(price, _NAN), marketplace=Text(marketplace, DEFAULTS.marketplace),
                    as_of=Date(as_of, dt.date.today))


@udf(FEES, {"length_in": _LENGTH, "width_in": _WIDTH, "height_in": _HEIGHT, "weight_lb": _WEIGHT,
            "marketplace": _MARKETPLACE, "as_of": _AS_OF}, returns="text: size tier")
def SIZE_TIER(length_in, width_in, height_in, weight_lb, marketplace=None, as_of=None):
    """尺寸分段 / FBA product size tier from sides (in) and unit weight (lb) on as_of: small_standard, large_standard, small_bulky (from 2026-01-15), large_bulky, extra_large_0_50, extra_large_50_70, extra_large_70_150 or extra_large_150_plus.

    Tiers are tested in order and the first whose limits hold wins: sides sorted longest / median /
    shortest, length + girth = longest + 2 × (median + shortest). Extra-large is split by the greater of
    unit and dimensional weight (2-in floor); anything over 150 lb that way is extra_large_150_plus.
    Tier tables start 2024-02-05; earlier dates are #N/A NO_RULE_FOR_DATE.

    Example: =SIZE_TIER(20, 10, 5, 5, "US", "2026-02-01") → small_bulky; on "2025-06-01" → large_bulky.
    """
    return evaluate(fees_core.size_tier, length=Num(length_in), width=Num(width_in), height=Num(height_in),
                    weight=Num(weight_lb), marketplace=Text(marketplace, DEFAULTS.marketplace), as_of=Date(as_of, dt.date.today))


@udf(FEES, {"length_in": _LENGTH, "width_in": _WIDTH, "height_in": _HEIGHT, "marketplace": _MARKETPLACE, "as_of": _AS_OF},
     returns="pounds")
def DIM_WEIGHT(length_in, width_in, height_in, marketplace=None, as_of=None):
    """体积重 / dimensional weight in pounds = length × width × height (inches) ÷ 139 (US). Not rounded; no 2-inch floor (FBA_FEE floors width and height at 2 in for bulky tiers itself).

    Example: =DIM_WEIGHT(10, 8, 4) → 2.302 (320 ÷ 139).
    """
    return evaluate(fees_core.dim_weight, length=Num(length_in), width=Num(width_in), height=Num(height_in),
                    marketplace=Text(marketplace, DEFAULTS.marketplace), as_of=Date(as_of, dt.date.today))


@udf(FEES, {"price": "总售价 / total sales price: item price + shipping + gift wrap, excluding tax",
            "category": "佣金类目 / referral-fee category, e.g. Home and Kitchen, Electronics Accessories, Books (see the list in the help)",
            "marketplace": _MARKETPLACE, "as_of": _AS_OF}, returns="USD per unit")
def REFERRAL_FEE(price, category, marketplace=None, as_of=None):
    """销售佣金 / Amazon referral fee per unit (USD) for a category and total sales price on as_of: flat rate, whole-price threshold or rate per price portion, at least the minimum fee ($0.30 for most), plus the $1.80 media closing fee.

    Examples: =REFERRAL_FEE(20, "Home and Kitchen") → 3.00; =REFERRAL_FEE(1, "Toys and Games") → 0.30
    (minimum); =REFERRAL_FEE(150, "Electronics Accessories") → 19.00 (15 % of 100 + 8 % of 50);
    =REFERRAL_FEE(25, "Clothing and Accessories") → 4.25 (17 % above $20, from 2024-01-15).
    Names match ignoring case, "&" / "and" and punctuation; "Books", "DVD", "Music", "Software", "Video"
    and "Video Games" are Media. An unknown name is #N/A UNKNOWN_CATEGORY. Lawn Mowers and Snow Throwers
    is #N/A NO_RULE_FOR_DATE: its threshold method is unverified (S1).

    Categories (US): Amazon Device Accessories; Appliances - Compact; Appliances - Full-size; Automotive
    and Powersports; Baby Products; Backpacks, Handbags, Luggage; Base Equipment Power Tools; Beauty,
    Health and Personal Care; Business, Industrial and Scientific Supplies; Clothing and Accessories;
    Computers; Consumer Electronics; Electronics Accessories; Everything Else; Eyewear; Fine Art;
    Footwear; Furniture; Gift Cards; Grocery and Gourmet; Home and Kitchen; Jewelry; Lawn and Garden;
    Lawn Mowers and Snow Throwers; Mattresses; Media (Books, DVD, Music, Software, Video, Video Games);
    Musical Instruments and AV Production; Office Products; Pet Products; Sports and Outdoors; Tires;
    Tools and Home Improvement; Toys and Games; Video Game Consoles; Watches.
    """
    return evaluate(fees_core.referral_fee, price=Num(price), category=Text(category),
                    marketplace=Text(marketplace, DEFAULTS.marketplace), as_of=Date(as_of, dt.date.today))


@udf(FEES, {"length_in": _LENGTH, "width_in": _WIDTH, "height_in": _HEIGHT, "weight_lb": _WEIGHT,
            "units": "[可选] 月均库存件数 / average units stored during the month (default 1)",
            "marketplace": _MARKETPLACE,
            "as_of": "[可选] 计费月份中的任一天 / any day of the month charged (default today): Jan–Sep vs Oct–Dec rate"},
     returns="USD per month")
def STORAGE_FEE(length_in, width_in, height_in, weight_lb, units=None, marketplace=None, as_of=None):
    """月仓储费 / monthly FBA storage fee (USD): cubic feet (L × W × H ÷ 1728) × units × the rate for the size tier (standard vs bulky / extra-large), the season (Jan–Sep vs Oct–Dec) and the date. Non-dangerous goods.

    US rates: standard $0.87 (Jan–Sep, before 2024-04-01) → $0.78 from 2024-04-01, $2.40 Oct–Dec;
    large bulky and extra-large $0.56 / $1.40. Small bulky (2026) is charged the bulky rate (assumed:
    Amazon's page for it was not captured). Not rounded. Storage utilization and aged-inventory
    surcharges are not included.

    Example: =STORAGE_FEE(12, 12, 6, 2, 100, "US", "2026-03-01") → 39.00 (0.5 cu ft × 100 × $0.78).
    """
    return evaluate(fees_core.storage_fee, length=Num(length_in), width=Num(width_in), height=Num(height_in),
                    weight=Num(weight_lb), units=Num(units, 1.0), marketplace=Text(marketplace, DEFAULTS.marketplace),
                    as_of=Date(as_of, dt.date.today))


@udf(FEES, {"price": "售价 / selling price per unit",
            "cogs": "采购+头程成本 / landed cost of goods per unit",
            "fees": "亚马逊费用 / Amazon fees per unit (referral + FBA + storage …)",
            "ad_cost": "[可选] 每单位广告费 / ad cost per unit (default 0)",
            "other": "[可选] 其他变动成本 / other variable cost per unit (default 0)"}, returns="money per unit")
def UNIT_PROFIT(price, cogs, fees, ad_cost=None, other=None):
    """单件利润 / profit per unit = price − COGS − Amazon fees − ad cost − other costs; negative when the unit loses money.

    Example: =UNIT_PROFIT(25, 6, REFERRAL_FEE(25, "Home and Kitchen") + FBA_FEE(6, 4, 0.5, 0.1, 25), 2)
    → 25 − 6 − (3.75 + 3.44) − 2 = 9.81 (with the fuel surcharge in force).
    """
    return evaluate(fees_core.unit_profit, price=Num(price), cogs=Num(cogs), fees=Num(fees),
                    ad_cost=Num(ad_cost, 0.0), other=Num(other, 0.0))


@udf(FEES, {"profit": "单件利润 / profit per unit (e.g. UNIT_PROFIT)", "price": "售价 / selling price per unit"},
     returns="fraction (format as %)")
def MARGIN(profit, price):
    """净利率 / net margin = profit ÷ price, as a fraction (negative for a loss); a zero price is #DIV/0!.

    Example: =MARGIN(9.81, 25) → 0.3924.
    """
    return evaluate(fees_core.margin, profit=Num(profit), price=Num(price))


@udf(FEES, {"profit": "单件利润 / profit per unit (e.g. UNIT_PROFIT)", "cogs": "采购+头程成本 / landed cost of goods per unit"},
     returns="fraction (format as %)")
def ROI(profit, cogs):
    """投资回报率 / return on investment = profit ÷ COGS, as a fraction (negative for a loss); a zero COGS is #DIV/0!.

    Example: =ROI(9.81, 6) → 1.635.
    """
    return evaluate(fees_core.roi, profit=Num(profit), cogs=Num(cogs))

