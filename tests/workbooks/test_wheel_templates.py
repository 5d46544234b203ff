"""`pip install .` carries the template declarations (top-level package `templates`, see pyproject)."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_templates_and_builds_them(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    (whl,) = tmp_path.glob("xladdin-*.whl")
    names = set(zipfile.ZipFile(whl).namelist())
    assert {"templates/__init__.py", "templates/ads.py", "templates/inventory.py", "templates/common.py",
            "xladdin/workbooks/builder.py"} <= names
    site = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(whl)],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    code = ("import sys, templates; assert templates.__file__.startswith(sys.argv[1]); "
            "from xladdin.workbooks.registry import template_kinds; print(template_kinds())")
    r = subprocess.run([sys.executable, "-c", code, str(site)], capture_output=True, text=True, cwd=tmp_path,
                       env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, check=False)
    assert r.returncode == 0, r.stderr
    from xladdin.workbooks.registry import template_kinds

    assert r.stdout.strip() == str(template_kinds())  # the installed wheel finds every template of the tree
