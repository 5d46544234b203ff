Attribute VB_Name = "XladdinErrors"
Option Explicit
' Coded error strings -> real Excel errors (issue 6).
' xladdin's worksheet functions return "#DIV/0! DIV_ZERO", "#VALUE! BAD_NUMBER" ...
' (xladdin/errors.py cell_text). The generated xlwings_udfs wrappers pass every
' result through XlErrors, so cells show real errors (ISERROR/IFERROR work) while
' =ERROR_REASON("DIV_ZERO") still explains the code.
' Source: xladdin/addin/vba/XladdinErrors.bas, injected by `xladdin build addin`.

Public Function XlErrors(ByVal v As Variant) As Variant
    Dim i As Long, j As Long
    If IsArray(v) Then
        Select Case ArrayDims(v)
        Case 1
            For i = LBound(v, 1) To UBound(v, 1)
                v(i) = XlError1(v(i))
            Next i
        Case 2
            For i = LBound(v, 1) To UBound(v, 1)
                For j = LBound(v, 2) To UBound(v, 2)
                    v(i, j) = XlError1(v(i, j))
                Next j
            Next i
        End Select
        XlErrors = v
    Else
        XlErrors = XlError1(v)
    End If
End Function

Public Function XlError1(ByVal x As Variant) As Variant
    XlError1 = x
    If VarType(x) <> vbString Then Exit Function
    If Left$(x, 1) <> "#" Then Exit Function
    If Left$(x, 7) = "#VALUE!" Then
        XlError1 = CVErr(xlErrValue)
    ElseIf Left$(x, 7) = "#DIV/0!" Then
        XlError1 = CVErr(xlErrDiv0)
    ElseIf Left$(x, 4) = "#N/A" Then
        XlError1 = CVErr(xlErrNA)
    ElseIf Left$(x, 5) = "#NUM!" Then
        XlError1 = CVErr(xlErrNum)
    End If
End Function

Private Function ArrayDims(v As Variant) As Long
    Dim n As Long, b As Long
    On Error GoTo done
    Do
        b = LBound(v, n + 1)
        n = n + 1
    Loop
done:
    ArrayDims = n
End Function
