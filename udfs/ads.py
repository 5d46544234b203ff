"""Advertising worksheet functions. Excel's built-in ACOS (arc-cosine) always wins over an add-in
function of the same name, so ACoS is ``AD_ACOS`` (and every ad metric carries the ``AD_`` prefix)."""

from __future__ import annotations

from udfs._xl import ADS, udf
from xladdin.core import ads
from xladdin.settings import DEFAULTS
from xladdin.worksheet.bridge import Num, Text, evaluate

_SPEND = "广告花费 / ad spend (number, $1,234.56 or a range)"
_SALES = "广告销售额 / ad-attributed sales"


@udf(ADS, {"spend": _SPEND, "sales": _SALES}, returns="fraction (format as %)")
def AD_ACOS(spend, sales):
    """ACoS 广告销售成本比 = 广告花费 ÷ 广告销售额 / ad spend ÷ ad sales, as a fraction. No sales gives #DIV/0! (use IFERROR). Excel's ACOS is arc-cosine: use AD_ACOS.

    Examples: =AD_ACOS(25, 100) → 0.25; =AD_ACOS(B2:B500, C2:C500) spills one ACoS per row.
    """
    return evaluate(ads.acos, spend=Num(spend), sales=Num(sales))


@udf(ADS, {"spend": _SPEND, "total_sales": "总销售额（自然+广告）/ total sales, organic + ad"}, returns="fraction")
def AD_TACOS(spend, total_sales):
    """TACoS = 广告花费 ÷ 总销售额 / ad spend ÷ total (organic + ad) sales, as a fraction; #DIV/0! without sales.

    Example: =AD_TACOS(50, 1000) → 0.05.
    """
    return evaluate(ads.tacos, spend=Num(spend), total_sales=Num(total_sales))


@udf(ADS, {"sales": _SALES, "spend": _SPEND}, returns="ratio")
def AD_ROAS(sales, spend):
    """ROAS 广告支出回报 = 广告销售额 ÷ 广告花费 / ad sales ÷ ad spend (= 1 ÷ ACoS); #DIV/0! without spend.

    Example: =AD_ROAS(100, 25) → 4.
    """
    return evaluate(ads.roas, sales=Num(sales), spend=Num(spend))


@udf(ADS, {"spend": _SPEND, "clicks": "点击量 / clicks"}, returns="money per click")
def AD_CPC(spend, clicks):
    """CPC 单次点击成本 = 花费 ÷ 点击 / cost per click = spend ÷ clicks; #DIV/0! without clicks.

    Example: =AD_CPC(12, 20) → 0.6.
    """
    return evaluate(ads.cpc, spend=Num(spend), clicks=Num(clicks))


@udf(ADS, {"clicks": "点击量 / clicks", "impressions": "曝光量 / impressions"}, returns="fraction")
def AD_CTR(clicks, impressions):
    """CTR 点击率 = 点击 ÷ 曝光 / click-through rate = clicks ÷ impressions; #DIV/0! without impressions.

    Example: =AD_CTR(5, 1000) → 0.005.
    """
    return evaluate(ads.ctr, clicks=Num(clicks), impressions=Num(impressions))


@udf(ADS, {"orders": "广告订单 / ad orders", "clicks": "点击量 / clicks"}, returns="fraction")
def AD_CVR(orders, clicks):
    """CVR 广告转化率 = 订单 ÷ 点击 / ad conversion rate = orders ÷ clicks; #DIV/0! without clicks.

    Example: =AD_CVR(3, 30) → 0.1.
    """
    return evaluate(ads.cvr, orders=Num(orders), clicks=Num(clicks))


@udf(ADS, {"price": "售价 / selling price", "cogs": "采购+头程成本 / landed cost of goods",
           "fees": "亚马逊费用（佣金+FBA）/ Amazon fees per unit (referral + FBA)",
           "other": "[可选] 其他变动成本 / other variable cost per unit (default 0)"}, returns="fraction")
def BREAKEVEN_ACOS(price, cogs, fees, other=0):
    """盈亏平衡 ACoS = (售价 − 成本 − 费用 − 其他) ÷ 售价 / break-even ACoS = pre-ad margin; negative when the unit loses money before ads.

    Example: =BREAKEVEN_ACOS(30, 8, 9) → 0.4333. Target ACoS is usually this minus a buffer (Settings: acos_buffer).
    """
    return evaluate(ads.breakeven_acos, price=Num(price), cogs=Num(cogs), fees=Num(fees), other=Num(other, 0.0))


@udf(ADS, {"target_acos": "目标 ACoS / target ACoS (0.3 or 30%)",
           "current_bid": "[可选] 当前出价 / current bid",
           "current_acos": "[可选] 当前 ACoS / current ACoS",
           "price": "[可选] 售价 / price (with cvr: rational bid)",
           "cvr": "[可选] 转化率 / conversion rate (orders ÷ clicks)",
           "max_step": "[可选] 单次最大调整幅度 / largest change per move (default 0.2)"}, returns="bid")
def TARGET_BID(target_acos, current_bid=None, current_acos=None, price=None, cvr=None, max_step=None):
    """建议出价 / suggested bid: price × CVR × target ACoS when price and CVR are given, else current bid × target ÷ current ACoS; capped at ±20 % of the current bid, rounded to cents.

    Examples: =TARGET_BID(0.3, , , 20, 0.2) → 1.20; =TARGET_BID(0.25, 0.77, 0.3893) → 0.62 (capped −20 %).
    """
    nan = float("nan")
    return evaluate(ads.target_bid, target_acos=Num(target_acos), current_bid=Num(current_bid, nan),
                    current_acos=Num(current_acos, nan), price=Num(price, nan), cvr=Num(cvr, nan),
                    max_step=Num(max_step, DEFAULTS.bid_step_max))


@udf(ADS, {"search_term": "客户搜索词 / customer search term", "clicks": "点击 / clicks", "orders": "订单 / orders",
           "spend": _SPEND, "sales": _SALES,
           "target_acos": "[可选] 目标 ACoS / target ACoS (default Settings 30%)",
           "clicks_per_order": "[可选] 账户平均每单点击数 / account clicks per order (raises the negate threshold)",
           "match_type": "[可选] 匹配类型 / match type of the targeting (EXACT terms are not harvested again)"},
     returns="text: ACTION: reason")
def SEARCH_TERM_ACTION(search_term, clicks, orders, spend, sales, target_acos=None, clicks_per_order=None, match_type=None):
    """搜索词建议 / search-term action: HARVEST, NEGATE, BID_UP, BID_DOWN, WATCH or KEEP, with the reason and numbers.

    Negate: 0 orders after max(15, 1.5 × clicks per order) clicks. Harvest: ≥ 2 orders at ACoS ≤ target.
    Thresholds: Settings (negate_min_clicks, harvest_min_orders, bid_tolerance, min_clicks_for_bid).
    """
    return evaluate(ads.search_term_action, term=Text(search_term), clicks=Num(clicks), orders=Num(orders),
                    spend=Num(spend), sales=Num(sales), target_acos=Num(target_acos, DEFAULTS.target_acos),
                    clicks_per_order=Num(clicks_per_order, float("nan")), match_type=Text(match_type, ""))
