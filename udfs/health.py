"""Account-health worksheet functions: the daily check of Amazon's seller metrics and the CVR alert
(rules in :mod:`xladdin.core.health`)."""

from __future__ import annotations

from udfs._xl import HEALTH, udf
from xladdin.core import health
from xladdin.settings import DEFAULTS
from xladdin.worksheet.bridge import Num, Whole, evaluate

_NAN = float("nan")


@udf(HEALTH, {"odr": "订单缺陷率 / order defect rate (0.012 or 1.2%); target < 1%",
              "lsr": "迟发率；空白=不检查（纯 FBA）/ late shipment rate, target < 4%; blank or -- = not checked (FBA only)",
              "vtr": "有效追踪率；空白=不检查 / valid tracking rate, target ≥ 95%; blank or -- = not checked (FBA only)",
              "cancel_rate": "[可选] 配送前取消率 / [optional] pre-fulfilment cancel rate, target < 2.5%"},
     returns='text: "OK" or the breaches joined by "; "')
def HEALTH_CHECK(odr, lsr, vtr, cancel_rate=None):
    """账户健康检查 / account health: "OK" or each breached metric with value and target (ODR < 1%, LSR < 4%, VTR ≥ 95%, cancel < 2.5%). Example: =HEALTH_CHECK(1.2%, 2%, 96%) → "ODR 1.20% ≥ 1%".

    Exactly 1% ODR is a breach; exactly 95% VTR is OK. Several breaches are joined by "; ", e.g.
    "ODR 1.20% ≥ 1%; VTR 94.00% < 95%". Targets: Settings (odr_max, lsr_max, vtr_min, cancel_max).
    A rate above 1 gives #NUM! OUT_OF_RANGE (write 1.2% or 0.012).
    """
    return evaluate(health.health_check, odr=Num(odr, _NAN), lsr=Num(lsr, _NAN), vtr=Num(vtr, _NAN),
                    cancel_rate=Num(cancel_rate, _NAN))


@udf(HEALTH, {"daily_cvr": "每日转化率区域，按日期从旧到新 / daily conversion rates, oldest first (a column or row; blank days are skipped)",
              "category_avg": "[可选] 类目平均转化率，默认 10%（设置 category_cvr）/ [optional] category average CVR, default 10% (Settings)",
              "days": "[可选] 连续天数，默认 7 / [optional] number of days running, default 7 (Settings cvr_alert_days)"},
     returns="TRUE / FALSE")
def CVR_ALERT(daily_cvr, category_avg=None, days=None):
    """转化率预警 / CVR alert: TRUE when each of the last 7 daily CVRs is below the category average (10%); fewer than 7 values → FALSE. Example: =CVR_ALERT(B2:B31, 12%) → TRUE if B25:B31 are all below 12%.

    The series is read oldest first (top to bottom, left to right); the last value is the latest day.
    An empty range gives #N/A NO_DATA; a negative CVR #NUM! NEGATIVE, a CVR above 1 #NUM! OUT_OF_RANGE.
    """
    return evaluate(health.cvr_alert, daily_cvr=Whole(daily_cvr, "num"),
                    category_avg=Num(category_avg, DEFAULTS.category_cvr), days=Num(days, DEFAULTS.cvr_alert_days))
