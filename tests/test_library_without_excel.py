"""The library imports and works with xlwings unavailable (Linux CI, servers)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = r"""
import sys
sys.modules['xlwings'] = None  # any 'import xlwings' now raises ImportError
import xladdin, xladdin.cli, xladdin.errors, xladdin.settings
import xladdin.core.ads, xladdin.core.numbers, xladdin.worksheet.bridge
from xladdin.core import ads
r = ads.acos([10.0, 1.0], [0.0, 4.0])
print(r.errors.tolist(), r.values[1])
"""


def test_import_without_xlwings():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[2, 0] 0.25"
