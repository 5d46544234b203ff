Attribute VB_Name = "XladdinRibbon"
Option Explicit
' xladdin ribbon dispatcher (issue 6). Every control in customUI.xml has
' onAction="XladdinRibbon.OnAction"; Python decides what the control does:
' xladdin.ribbon.on_action(<control id>), ids from xladdin/addin/controls.py.
' Source: xladdin/addin/vba/XladdinRibbon.bas, injected by `xladdin build addin`.

Public Sub OnAction(control As IRibbonControl)
    Dim id As String
    id = control.Id
    On Error GoTo failed
    Application.StatusBar = "xladdin: " & id & " ..."
    RunPython "import xladdin.ribbon; xladdin.ribbon.on_action('" & id & "')"
    Application.StatusBar = False
    Exit Sub
failed:
    Application.StatusBar = False
    MsgBox "xladdin " & id & ": " & Err.Description, vbExclamation, "xladdin"
End Sub
