"""`pip install .` (not only editable) must carry everything needed at run time, data files included."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    (whl,) = out.glob("xladdin-*.whl")
    return whl


def test_wheel_has_packages_data_and_entry_point(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "udfs/__init__.py" in names and "xladdin/cli.py" in names
    tracked = subprocess.run(["git", "ls-files", "xladdin/rules"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    data = [p for p in tracked if p.endswith((".csv", ".md"))]
    assert data, "fee tables must be tracked under xladdin/rules"
    missing = [p for p in data if p not in names]
    assert not missing, missing
    ep = next(n for n in names if n.endswith("entry_points.txt"))
    assert "xladdin = xladdin.cli:main" in zipfile.ZipFile(wheel).read(ep).decode()


def test_installed_wheel_runs_outside_the_source_tree(wheel, tmp_path):
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    code = ("import xladdin, udfs, sys; assert xladdin.__file__.startswith(sys.argv[1]), xladdin.__file__; "
            "from udfs.fees import FBA_FEE; print(FBA_FEE(8, 6, 1, 0.5, 20, 'US', '2026-02-01'))")
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert not r.stdout.startswith("#"), r.stdout  # a fee, not an error: the tables shipped


def test_installed_wheel_builds_the_addin(wheel, tmp_path):
    """`xladdin build addin` needs xladdin/addin/vba/*.bas (package data) and the xlwings template at run time."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"xladdin/addin/vba/XladdinRibbon.bas", "xladdin/addin/vba/XladdinErrors.bas"} <= names
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    code = ("import sys, xladdin; assert xladdin.__file__.startswith(sys.argv[1]), xladdin.__file__; "
            "from xladdin.addin.build import build_addin; print(build_addin(sys.argv[2]))")
    out = tmp_path / "out" / "xladdin.xlam"
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-c", code, str(target), str(out)], capture_output=True, text=True,
                       cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert out.is_file() and zipfile.is_zipfile(out)
