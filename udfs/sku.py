"""SKU review worksheet functions: contribution share and the quarterly keep / fix / cut decision
(rules in :mod:`xladdin.core.sku`)."""

from __future__ import annotations

from udfs._xl import SKU, udf
from xladdin.core import sku
from xladdin.settings import DEFAULTS
from xladdin.worksheet.bridge import Flag, Num, evaluate

_SHARE = "销售贡献率（0–1 或 5%），可用 CONTRIBUTION 计算 / contribution share (0.05 or 5%), e.g. from CONTRIBUTION"
_MARGIN = "毛利率（0.2 或 20%，可为负）/ gross margin (0.2 or 20%; may be negative)"
_MIN_C = "[可选] 贡献率下限，默认 5%（设置 min_contribution）/ [optional] contribution threshold, default 5% (Settings)"
_MIN_M = "[可选] 毛利率下限，默认 15%（设置 min_margin）/ [optional] margin threshold, default 15% (Settings)"


@udf(SKU, {"contribution_share": _SHARE, "gross_margin": _MARGIN, "min_contribution": _MIN_C, "min_margin": _MIN_M},
     returns="TRUE (keep) / FALSE (cut)")
def SKU_KEEP(contribution_share, gross_margin, min_contribution=None, min_margin=None):
    """是否保留 SKU / keep the SKU? FALSE (cut) only when contribution < 5% AND gross margin < 15%; exactly 5% is not below. Example: =SKU_KEEP(3%, 10%) → FALSE; =SKU_KEEP(3%, 20%) → TRUE.

    A share below 0 gives #NUM! NEGATIVE; a share or margin above 1 gives #NUM! OUT_OF_RANGE (write 5% or 0.05).
    """
    return evaluate(sku.sku_keep, contribution_share=Num(contribution_share), gross_margin=Num(gross_margin),
                    min_contribution=Num(min_contribution, DEFAULTS.min_contribution),
                    min_margin=Num(min_margin, DEFAULTS.min_margin))


@udf(SKU, {"contribution_share": _SHARE, "gross_margin": _MARGIN, "min_contribution": _MIN_C, "min_margin": _MIN_M,
           "prev_contribution": "[可选] 上期贡献率；两项均低但在增长则为 FIX / [optional] last period's share: below both but rising gives FIX, not CUT",
           "with_reason": "[可选] 是否附原因，默认 TRUE / [optional] add the reason, default TRUE; FALSE gives KEEP, FIX or CUT only"},
     returns="text: DECISION: reason")
def SKU_DECISION(contribution_share, gross_margin, min_contribution=None, min_margin=None, prev_contribution=None,
                 with_reason=None):
    """SKU 复盘结论 / review decision: KEEP (both OK), FIX (one below: grow sales, or raise price / cut cost), CUT (contribution < 5% and margin < 15%). Example: =SKU_DECISION(8%, 10%, , , , FALSE) → "FIX".
    """
    return evaluate(sku.sku_decision, contribution_share=Num(contribution_share), gross_margin=Num(gross_margin),
                    min_contribution=Num(min_contribution, DEFAULTS.min_contribution),
                    min_margin=Num(min_margin, DEFAULTS.min_margin),
                    prev_contribution=Num(prev_contribution, float("nan")), with_reason=Flag(with_reason, True))


@udf(SKU, {"values": "各 SKU 的销售额（或利润）区域 / a range of amounts per SKU (sales, or profit)"},
     returns="fractions of the total, same shape as the range")
def CONTRIBUTION(values):
    """贡献率 / each value's share of the range total, same shape (spills). Blanks stay blank; negatives give #NUM! and are left out of the total; total 0 gives #DIV/0!. Example: =CONTRIBUTION({50;30;20}) → 0.5, 0.3, 0.2.
    """
    return evaluate(sku.contribution, values=Num(values))
