"""Names Excel will really call: checks for worksheet-function and argument names.

Excel binds its built-in names before any add-in function (an add-in ``ACOS`` is never called), a
name shaped like a cell reference (``QTY2024``, ``R1C1``) is read as a reference, and xlwings turns
every Python argument name into a VBA parameter name (``currency`` breaks the import, xlwings #563).
The add-in build (issue 6) and ``tests/test_function_names.py`` run :func:`problems` on every function.
"""

from __future__ import annotations

import re

# Every Excel worksheet function name up to Excel 365 (2026), without the _xlfn. prefix.
# Classic names (openpyxl's FORMULAE) are merged in at import; the newer ones are listed here because
# openpyxl's list stops at Excel 2007 (no LET, LAMBDA, XLOOKUP, TEXTSPLIT …).
_NEWER = """
ACOT ACOTH AGGREGATE ARABIC BASE BETA.DIST BETA.INV BINOM.DIST BINOM.DIST.RANGE BINOM.INV BITAND BITLSHIFT
BITOR BITRSHIFT BITXOR CEILING.MATH CEILING.PRECISE CHISQ.DIST CHISQ.DIST.RT CHISQ.INV CHISQ.INV.RT
CHISQ.TEST COMBINA CONCAT CONFIDENCE.NORM CONFIDENCE.T COT COTH COVARIANCE.P COVARIANCE.S CSC CSCH DAYS
DECIMAL ECMA.CEILING ENCODEURL ERF.PRECISE ERFC.PRECISE EXPON.DIST F.DIST F.DIST.RT F.INV F.INV.RT F.TEST
FILTERXML FLOOR.MATH FLOOR.PRECISE FORECAST.ETS FORECAST.ETS.CONFINT FORECAST.ETS.SEASONALITY
FORECAST.ETS.STAT FORECAST.LINEAR FORMULATEXT GAMMA GAMMA.DIST GAMMA.INV GAMMALN.PRECISE GAUSS
HYPGEOM.DIST IFNA IFS IMCOSH IMCOT IMCSC IMCSCH IMSEC IMSECH IMSINH IMTAN ISFORMULA ISO.CEILING ISOWEEKNUM
LOGNORM.DIST LOGNORM.INV MAXIFS MINIFS MODE.MULT MODE.SNGL MUNIT NEGBINOM.DIST NETWORKDAYS.INTL NORM.DIST
NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE PDURATION PERCENTILE.EXC PERCENTILE.INC PERCENTRANK.EXC
PERCENTRANK.INC PERMUTATIONA PHI POISSON.DIST QUARTILE.EXC QUARTILE.INC RANK.AVG RANK.EQ RRI SEC SECH
SHEET SHEETS SKEW.P STDEV.P STDEV.S SWITCH T.DIST T.DIST.2T T.DIST.RT T.INV T.INV.2T T.TEST TEXTJOIN
UNICHAR UNICODE VAR.P VAR.S WEBSERVICE WEIBULL.DIST WORKDAY.INTL XOR Z.TEST
ANCHORARRAY ARRAYTOTEXT BYCOL BYROW CHOOSECOLS CHOOSEROWS COPILOT DETECTLANGUAGE DROP EXPAND FIELDVALUE
FILTER GROUPBY HSTACK IMAGE ISOMITTED LAMBDA LET MAKEARRAY MAP PERCENTOF PIVOTBY PY RANDARRAY REDUCE
REGEXEXTRACT REGEXREPLACE REGEXTEST SCAN SEQUENCE SINGLE SORT SORTBY STOCKHISTORY TAKE TEXTAFTER
TEXTBEFORE TEXTSPLIT TOCOL TOROW TRANSLATE TRIMRANGE UNIQUE VALUETOTEXT VSTACK WRAPCOLS WRAPROWS XLOOKUP
XMATCH
CUBEKPIMEMBER CUBEMEMBER CUBEMEMBERPROPERTY CUBERANKEDMEMBER CUBESET CUBESETCOUNT CUBEVALUE HYPERLINK RTD
CALL REGISTER.ID SQL.REQUEST EUROCONVERT GETPIVOTDATA BAHTTEXT DBCS JIS ASC PHONETIC FINDB SEARCHB REPLACEB
MIDB RIGHTB LEFTB LENB INFO CELL ERROR.TYPE ISREF N T AREAS DATEDIF CONCATENATE ACOS ACOSH
EVALUATE FILES GET.CELL GET.WORKBOOK
""".split()

# VBA keywords and reserved words (Visual Basic naming rules; learn.microsoft.com) plus statement names
# that break a parameter list.
VBA_KEYWORDS = {w.lower() for w in """
AddressOf Alias And Any Append As Attribute Base Binary Boolean ByRef Byte ByVal Call Case CBool CByte CCur
CDate CDbl CDec CDecl CInt CLng CLngLng CLngPtr Close Compare Const CSng CStr Currency CVar CVErr Date Debug
Decimal Declare DefBool DefByte DefCur DefDate DefDbl DefDec DefInt DefLng DefLngLng DefLngPtr DefObj DefSng
DefStr DefVar Dim Do DoEvents Double Each Else ElseIf Empty End EndIf Enum Eqv Erase Error Event Exit
Explicit False For Friend Function Get Global GoSub GoTo If Imp Implements In Input Integer Is LBound Len
LenB Let Lib Like Line Lock Long LongLong LongPtr Loop LSet Me Mid Mod Name New Next Not Nothing Null Object
On Open Option Optional Or Output ParamArray Preserve Print Private Property PtrSafe Public Put RaiseEvent
Random Read ReDim Rem Resume Return RSet Seek Select Set Shared Single Spc Static Step Stop String Sub Tab
Then To True Type TypeOf UBound Unlock Until Variant Wend While Width With WithEvents Write Xor
""".split()}


def _excel_names() -> frozenset[str]:
    try:
        from openpyxl.utils.formulas import FORMULAE
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        FORMULAE = frozenset()
    return frozenset(n.upper() for n in set(FORMULAE) | set(_NEWER))


EXCEL_FUNCTIONS = _excel_names()

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,254}$")
_A1 = re.compile(r"^([A-Za-z]{1,3})([0-9]+)$")
_R1C1 = re.compile(r"^[RrCc][0-9]*([RrCc][0-9]*)?$|^[Rr][0-9]+|^[Cc][0-9]+")


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def looks_like_reference(name: str) -> bool:
    """QTY2024, AB12 (A1 style up to XFD1048576) or R1C1 / R2 / C3 style."""
    m = _A1.match(name)
    if m and _col_number(m.group(1)) <= 16384 and 1 <= int(m.group(2)) <= 1048576:
        return True
    return bool(_R1C1.match(name))


def name_problems(name: str) -> list[str]:
    """Why ``name`` cannot be an add-in worksheet function name (empty list: fine)."""
    out = []
    if not _IDENT.match(name):
        out.append(f"{name}: not a valid VBA identifier (letter first; letters, digits, _; ≤ 255)")
    if name.upper() in EXCEL_FUNCTIONS:
        out.append(f"{name}: an Excel built-in function name wins over the add-in")
    if name.lower() in VBA_KEYWORDS:
        out.append(f"{name}: a VBA keyword")
    if name.upper() in ("TRUE", "FALSE"):
        out.append(f"{name}: reserved")
    if looks_like_reference(name):
        out.append(f"{name}: shaped like a cell reference")
    return out


def arg_problems(func_name: str, arg_names: list[str]) -> list[str]:
    out = []
    for a in arg_names:
        if not _IDENT.match(a):
            out.append(f"{func_name}({a}): not a valid VBA parameter name")
        if a.lower() in VBA_KEYWORDS:
            out.append(f"{func_name}({a}): a VBA keyword")
        if a.lower() == func_name.lower():
            out.append(f"{func_name}({a}): same as the function name")
    if len({a.lower() for a in arg_names}) != len(arg_names):
        out.append(f"{func_name}: argument names differ only by case")
    # Excel's Function Wizard breaks past 254 (xlwings #1489).
    if len(arg_names) + sum(len(a) for a in arg_names) > 254:
        out.append(f"{func_name}: argument count + name lengths > 254")
    return out
