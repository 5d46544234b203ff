"""General worksheet functions: explain an error code returned by any other function."""

from __future__ import annotations

import numpy as np

from udfs._xl import GENERAL, udf
from xladdin import __version__
from xladdin import errors as E
from xladdin.core.computed import Computed
from xladdin.worksheet.bridge import Text, evaluate


def _reasons(code) -> Computed:
    out = np.empty(len(code), dtype=object)
    err = np.zeros(len(code), np.int16)
    for i, c in enumerate(code):
        name = str(c).strip().split()[-1].upper() if str(c).strip() else ""
        if name in E.Code.__members__:
            out[i] = E.reason(name)
        else:
            err[i] = E.Code.BAD_CHOICE
    return Computed(out, err)


@udf(GENERAL, {"code": "错误代码或错误文本 / an error code (DIV_ZERO) or the text a function returned (#DIV/0! DIV_ZERO)"},
     returns="text")
def ERROR_REASON(code):
    """解释错误代码 / explain an xladdin error code in 中文 and English, with how to fix it.

    Example: =ERROR_REASON("DIV_ZERO") → "DIV_ZERO: 除数为 0 … / divisor is 0 …".
    """
    return evaluate(_reasons, code=Text(code))


@udf(GENERAL, {}, returns="text")
def XLADDIN_VERSION():
    """xladdin 版本 / the version of the xladdin Python package that computes these functions."""
    return __version__
