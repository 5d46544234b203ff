"""Inventory worksheet functions: reorder quantity, safety stock, days of cover, stock-out and order-by
dates, restock status (formulas and rules in :mod:`xladdin.core.inventory`)."""

from __future__ import annotations

from udfs._xl import INVENTORY, udf
from xladdin.core import inventory
from xladdin.settings import DEFAULTS
from xladdin.worksheet.bridge import Date, Flag, Num, evaluate

_NAN = float("nan")
_DAILY = "日均销量（件/天）/ average daily sales in units per day"
_ON_HAND = "现有可售库存（件）/ units available now (FBA available, plus FC transfer if you count it)"
_INBOUND = "[可选] 在途库存（件），默认 0 / [optional] inbound units (shipped or on order), default 0"
_LEAD = "补货周期（天）：生产+头程+入仓 / lead time in days: production + freight + FBA check-in"
_LEAD_OPT = "[可选] 补货周期（天），默认 45（设置 lead_time_days）/ [optional] lead time in days, default 45 (Settings)"
_COVER = "[可选] 目标备货天数，默认 30 / [optional] days of sales to cover after the lead time, default 30 (Settings cover_days)"
_SAFETY = "[可选] 安全天数，默认 14 / [optional] safety days, default 14 (Settings safety_days)"
_AS_OF = ("[可选] 基准日期，默认今天；填 TODAY() 可每日自动重算 / [optional] date to count from, default today;"
          " write TODAY() to have Excel recalculate it every day")
_REASON = "[可选] 是否附原因，默认 TRUE；FALSE 只返回状态 / [optional] add the reason, default TRUE; FALSE gives the status word only"


def _today():
    return inventory.today()  # looked up at call time, so tests and workbooks can pin "today"


@udf(INVENTORY, {"daily_sales": _DAILY, "lead_time_days": _LEAD, "on_hand": _ON_HAND, "inbound": _INBOUND,
                 "cover_days": _COVER, "safety_days": _SAFETY,
                 "case_pack": "[可选] 每箱件数，默认 1；向上取整到整箱 / [optional] units per carton, default 1; the order is rounded up to whole cartons",
                 "moq": "[可选] 最小起订量，默认 0 / [optional] supplier minimum order quantity, default 0"},
     returns="units (a multiple of case_pack)")
def REORDER_QTY(daily_sales, lead_time_days, on_hand, inbound=None, cover_days=None, safety_days=None,
                case_pack=None, moq=None):
    """补货量 / units to order = 日均销量 × (补货周期+备货天数+安全天数) − 现有 − 在途; 0 if ≤ 0, else ≥ MOQ, rounded up to whole cartons. Example: =REORDER_QTY(10, 45, 300) → 590 (10 × (45+30+14) − 300).

    A need within a millionth of a unit of a whole carton is not rounded up again (float noise such as
    10.000000001 orders 10). Negative inputs give #NUM! NEGATIVE; case_pack below 1 gives #NUM! OUT_OF_RANGE.
    """
    return evaluate(inventory.reorder_qty, daily_sales=Num(daily_sales), lead_time_days=Num(lead_time_days),
                    on_hand=Num(on_hand), inbound=Num(inbound, 0.0),
                    cover_days=Num(cover_days, DEFAULTS.cover_days), safety_days=Num(safety_days, DEFAULTS.safety_days),
                    case_pack=Num(case_pack, DEFAULTS.case_pack), moq=Num(moq, DEFAULTS.moq))


@udf(INVENTORY, {"sigma_daily": "日销量标准差（件/天）/ standard deviation of daily sales in units (e.g. =STDEV.S of the last 30 days)",
                 "lead_time_days": _LEAD,
                 "service_level": "[可选] 服务水平（50%–100%，不含 100%），默认 95% / [optional] cycle service level, at least 50% and below 100%, default 95% (Settings)",
                 "avg_daily": "[可选] 日均销量，仅与 sigma_lead_time 一起使用 / [optional] average daily sales, needed only with sigma_lead_time",
                 "sigma_lead_time": "[可选] 补货周期标准差（天）/ [optional] standard deviation of the lead time in days"},
     returns="units")
def SAFETY_STOCK(sigma_daily, lead_time_days, service_level=None, avg_daily=None, sigma_lead_time=None):
    """安全库存 / safety stock = z × σ日销 × √周期; with lead-time variability z × √(L×σd² + d̄²×σL²); z = NORM.S.INV(service level). Example: =SAFETY_STOCK(10, 45) → 110.3 (1.6449 × 10 × √45).

    Service level outside [50 %, 100 %) gives #NUM! OUT_OF_RANGE; sigma_lead_time without avg_daily gives
    #VALUE! MISSING. The result is not rounded (use ROUNDUP for whole units).
    """
    return evaluate(inventory.safety_stock, sigma_daily=Num(sigma_daily), lead_time_days=Num(lead_time_days),
                    service_level=Num(service_level, DEFAULTS.service_level), avg_daily=Num(avg_daily, _NAN),
                    sigma_lead_time=Num(sigma_lead_time, _NAN))


@udf(INVENTORY, {"on_hand": _ON_HAND, "daily_sales": _DAILY, "inbound": _INBOUND}, returns="days")
def DAYS_OF_COVER(on_hand, daily_sales, inbound=None):
    """库存可售天数 / days of cover = (现有 + 在途) ÷ 日均销量 / (on hand + inbound) ÷ daily sales. No sales gives #DIV/0! (use IFERROR). Example: =DAYS_OF_COVER(300, 10, 150) → 45.
    """
    return evaluate(inventory.days_of_cover, on_hand=Num(on_hand), daily_sales=Num(daily_sales),
                    inbound=Num(inbound, 0.0))


@udf(INVENTORY, {"on_hand": _ON_HAND, "daily_sales": _DAILY, "inbound": _INBOUND, "as_of": _AS_OF}, returns="date")
def STOCKOUT_DATE(on_hand, daily_sales, inbound=None, as_of=None):
    """预计断货日期 / stock-out date = 基准日 + 可售天数（向下取整）/ as_of + whole days of cover. No sales gives #DIV/0!. Example: =STOCKOUT_DATE(300, 10, 0, "2026-03-01") → 2026-03-31.
    """
    return evaluate(inventory.stockout_date, on_hand=Num(on_hand), daily_sales=Num(daily_sales),
                    inbound=Num(inbound, 0.0), as_of=Date(as_of, _today))


@udf(INVENTORY, {"on_hand": _ON_HAND, "daily_sales": _DAILY, "lead_time_days": _LEAD_OPT, "inbound": _INBOUND,
                 "safety_days": _SAFETY, "as_of": _AS_OF}, returns="date")
def REORDER_DATE(on_hand, daily_sales, lead_time_days=None, inbound=None, safety_days=None, as_of=None):
    """最晚下单日 / order-by date = 断货日 − 补货周期 − 安全天数 / stock-out date − lead time − safety days; today or earlier means order now. Example: =REORDER_DATE(1000, 10, 45, 0, 14, "2026-01-01") → 2026-02-11.

    Computed as as_of + ⌊days of cover − lead time − safety days⌋. Jungle Scout's reorder date is the same
    with safety_days = 0. No sales gives #DIV/0!.
    """
    return evaluate(inventory.reorder_date, on_hand=Num(on_hand), daily_sales=Num(daily_sales),
                    lead_time_days=Num(lead_time_days, DEFAULTS.lead_time_days), inbound=Num(inbound, 0.0),
                    safety_days=Num(safety_days, DEFAULTS.safety_days), as_of=Date(as_of, _today))


@udf(INVENTORY, {"on_hand": _ON_HAND, "daily_sales": _DAILY, "lead_time_days": _LEAD_OPT, "inbound": _INBOUND,
                 "cover_days": _COVER, "safety_days": _SAFETY, "with_reason": _REASON},
     returns="text: STATUS: reason")
def INV_STATUS(on_hand, daily_sales, lead_time_days=None, inbound=None, cover_days=None, safety_days=None,
               with_reason=None):
    """库存状态 / restock status: ORDER_NOW, REORDER_SOON, OK or OVERSTOCK with the reason (Jungle Scout rules + safety days). Example: =INV_STATUS(700, 10, 45) → "OK: 70 days of cover, order in 11 days / 库存正常".

    With D = days of cover and T = lead time + safety days: ORDER_NOW when D ≤ T; REORDER_SOON when
    D ≤ T + 7 (Settings reorder_soon_days); OVERSTOCK when D > 1.5 (Settings overstock_factor) × (lead time
    + cover days + safety days), or stock without sales; OK otherwise. No stock and no sales gives #DIV/0!.
    """
    return evaluate(inventory.inv_status, on_hand=Num(on_hand), daily_sales=Num(daily_sales),
                    lead_time_days=Num(lead_time_days, DEFAULTS.lead_time_days), inbound=Num(inbound, 0.0),
                    cover_days=Num(cover_days, DEFAULTS.cover_days), safety_days=Num(safety_days, DEFAULTS.safety_days),
                    with_reason=Flag(with_reason, True))
