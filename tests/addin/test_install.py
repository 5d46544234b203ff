"""``xladdin addin install | uninstall | status`` on FAKE Windows and macOS homes (no Excel here), and the
team settings file.

Proves: install → status → uninstall leaves the home exactly as it was (directory tree compared); the
user config file the add-in's VBA reads has the interpreter line; a wrong xlwings version is reported;
Linux says Excel is not available and where files would go (exit 5, 0 with --dry-run); precedence
Settings sheet > team file > defaults, and an unknown team key is an error.
"""

import json
from pathlib import Path

import pytest

from xladdin.workbooks.registry import template_kinds
from click.testing import CliRunner

from xladdin import installer
from xladdin.cli import cli
from xladdin.errors import Code, ConfigError, InputError
from xladdin.settings import Settings
from xladdin.team_settings import base_settings, load_team_settings


def tree(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


@pytest.fixture
def xlam(tmp_path):
    p = tmp_path / "dist" / "xladdin.xlam"
    p.parent.mkdir()
    p.write_bytes(b"PK fake add-in")
    return p


@pytest.fixture
def home(tmp_path):
    h = tmp_path / "home"
    (h / "Documents").mkdir(parents=True)
    (h / "Documents" / "mine.txt").write_text("keep me")
    return h


@pytest.fixture
def right_xlwings(monkeypatch):
    monkeypatch.setattr(installer, "xlwings_version", lambda: "0.37.8")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("platform", ["windows", "macos"])
def test_install_status_uninstall_round_trip_leaves_nothing(platform, home, xlam, right_xlwings):
    before = tree(home)
    r = run("addin", "install", "--platform", platform, "--home", str(home), "--addin", str(xlam))
    assert r.exit_code == 0, r.output
    loc = installer.locations(platform, home, {})
    assert (loc.xlstart / "xladdin.xlam").read_bytes() == b"PK fake add-in"
    assert loc.conf.is_file()
    kinds = template_kinds()  # one .xltx per template in templates/
    assert sorted(p.name for p in loc.templates.glob("*.xltx")) == [f"{k}.xltx" for k in kinds]
    manifest = json.loads(loc.manifest.read_text(encoding="utf-8"))
    assert {f["path"] for f in manifest["files"]} == {str(loc.xlstart / "xladdin.xlam"), str(loc.conf),
                                                       *(str(loc.templates / f"{k}.xltx") for k in kinds)}
    s = run("addin", "status", "--platform", platform, "--home", str(home))
    assert s.exit_code == 0, s.output
    assert "xlwings 0.37.8" in s.output and "ok:" in s.output
    u = run("addin", "uninstall", "--platform", platform, "--home", str(home))
    assert u.exit_code == 0, u.output
    assert tree(home) == before


def test_platform_locations_follow_excel_rules(tmp_path):
    w = installer.locations("windows", tmp_path, {"APPDATA": str(tmp_path / "R"), "USERPROFILE": str(tmp_path / "U")})
    assert w.xlstart == tmp_path / "R" / "Microsoft" / "Excel" / "XLSTART"
    assert w.conf == tmp_path / "U" / ".xladdin" / "xladdin.conf"  # VBA: Environ("USERPROFILE") \.xladdin\
    assert w.templates == tmp_path / "R" / "Microsoft" / "Templates"
    m = installer.locations("macos", tmp_path, {})
    # VBA: GetMacDir("$HOME", False) = the Excel sandbox home, not normalised
    assert m.conf == tmp_path / "Library/Containers/com.microsoft.Excel/Data/xladdin.conf"
    assert m.templates == tmp_path / "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Templates.localized"


def test_conf_file_content(home, xlam, right_xlwings, monkeypatch):
    assert installer.interpreter("windows", "/py/python.exe") == str(Path("/py/pythonw.exe"))
    assert installer.interpreter("macos", "/py/bin/python3") == str(Path("/py/bin/python3"))
    monkeypatch.setattr(installer, "interpreter", lambda platform: r"C:\Py\pythonw.exe")
    monkeypatch.setattr(installer, "package_root", lambda: None)
    assert run("addin", "install", "--platform", "windows", "--home", str(home), "--addin", str(xlam)).exit_code == 0
    conf = installer.locations("windows", home, {}).conf
    assert conf.read_bytes() == b'"INTERPRETER_WIN","C:\\Py\\pythonw.exe"\r\n'
    assert installer.conf_text("macos", "/u/py/bin/python", "/src/xladdin") == \
        '"INTERPRETER_MAC","/u/py/bin/python"\n"PYTHONPATH","/src/xladdin"\n'
    with pytest.raises(InputError):
        installer.conf_text("windows", 'C:\\a"b\\python.exe')


def test_install_refuses_files_it_did_not_write_and_uninstall_keeps_them(home, xlam, right_xlwings):
    loc = installer.locations("windows", home, {})
    loc.conf.parent.mkdir(parents=True)
    loc.conf.write_text("theirs")
    r = run("addin", "install", "--platform", "windows", "--home", str(home), "--addin", str(xlam))
    assert r.exit_code == 2 and "FILE_EXISTS" in r.output
    assert loc.conf.read_text() == "theirs" and not loc.manifest.exists()


def test_version_mismatch_and_missing_pieces_reported(home, xlam, monkeypatch):
    monkeypatch.setattr(installer, "xlwings_version", lambda: "0.33.1")
    s = run("addin", "status", "--platform", "windows", "--home", str(home))
    assert s.exit_code == 5
    assert "VERSION_MISMATCH" in s.output and "0.33.1" in s.output and "not installed" in s.output
    run("addin", "install", "--platform", "windows", "--home", str(home), "--addin", str(xlam))
    (installer.locations("windows", home, {}).xlstart / "xladdin.xlam").unlink()
    s = run("addin", "status", "--platform", "windows", "--home", str(home))
    assert s.exit_code == 5 and "xladdin.xlam" in s.output and "MISSING" in s.output


def test_missing_addin_names_the_build_command(home, tmp_path):
    r = run("addin", "install", "--platform", "macos", "--home", str(home), "--addin", str(tmp_path / "no.xlam"))
    assert r.exit_code == 2 and "xladdin build addin" in r.output


def test_linux_says_excel_is_not_available(monkeypatch, home):
    monkeypatch.setattr(installer, "current_platform", lambda sys_platform=None: "linux")
    r = run("addin", "install", "--home", str(home))
    assert r.exit_code == 5
    assert "not available" in r.output and "XLSTART" in r.output and "Templates.localized" in r.output
    assert run("addin", "install", "--dry-run", "--home", str(home)).exit_code == 0
    assert run("addin", "status", "--home", str(home)).exit_code == 5
    assert tree(home) == {"Documents": None, "Documents/mine.txt": b"keep me"}


def test_dry_run_writes_nothing(home, xlam):
    before = tree(home)
    r = run("addin", "install", "--platform", "windows", "--home", str(home), "--addin", str(xlam), "--dry-run")
    assert r.exit_code == 0 and "INTERPRETER_WIN" in r.output
    assert tree(home) == before


# ----- team settings -------------------------------------------------------------------------------------


def test_team_settings_toml_and_json(tmp_path):
    t = tmp_path / "team.toml"
    t.write_text('# shared\nmarketplace = "UK"\ntarget_acos = 0.25\n', encoding="utf-8")
    s = load_team_settings(t)
    assert (s.marketplace, s.target_acos, s.lead_time_days) == ("UK", 0.25, Settings().lead_time_days)
    j = tmp_path / "team.json"
    j.write_text(json.dumps({"lead_time_days": 60}), encoding="utf-8")
    assert load_team_settings(j).lead_time_days == 60
    assert base_settings(env={"XLADDIN_TEAM_SETTINGS": str(j)}).lead_time_days == 60
    assert base_settings(env={}) == Settings()


def test_team_settings_unknown_key_is_an_error(tmp_path):
    t = tmp_path / "team.toml"
    t.write_text('target_acoss = 0.2\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_team_settings(t)
    assert e.value.code is Code.SETTINGS_INVALID and "target_acoss" in str(e.value) and str(t) in str(e.value)
    with pytest.raises(InputError):
        load_team_settings(tmp_path / "missing.toml")
    r = CliRunner().invoke(cli, ["addin", "status", "--platform", "windows", "--home", str(tmp_path),
                                 "--team-settings", str(t)])
    assert r.exit_code == 5 and "target_acoss" in r.output


@pytest.fixture
def ads_book(tmp_path):
    from xladdin.workbooks.builder import build_workbook, save_workbook
    from xladdin.workbooks.registry import get_template

    path = tmp_path / "ads.xlsx"
    save_workbook(build_workbook(get_template("ads")), path, backup=False)
    return path


def _set(host, key, value):
    df = host.read_table("Settings")
    assert key in set(df["key"])
    df["value"] = df["value"].astype(object)
    df.loc[df["key"] == key, "value"] = value
    host.write_table("Settings", df, key=("key",))


def test_precedence_sheet_over_team_file_over_defaults(tmp_path, monkeypatch, ads_book):
    from xladdin.workbooks.host import OpenpyxlHost

    team = tmp_path / "team.toml"
    team.write_text('target_acos = 0.22\nmarketplace = "DE"\n', encoding="utf-8")
    host = OpenpyxlHost.open(ads_book)
    _set(host, "target_acos", 0.4)
    _set(host, "marketplace", None)
    base = load_team_settings(team)
    s = host.read_settings(base)
    assert (s.target_acos, s.marketplace) == (0.4, "DE")  # sheet > team file; blank sheet value → team file
    assert host.read_settings(Settings()).marketplace == Settings().marketplace  # no team file → default
    # Through the environment, as Excel's RunPython and `xladdin refresh` see it:
    monkeypatch.setenv("XLADDIN_TEAM_SETTINGS", str(team))
    assert (host.read_settings().target_acos, host.read_settings().marketplace) == (0.4, "DE")
    _set(host, "target_acos", None)
    assert host.read_settings().target_acos == 0.22
    monkeypatch.delenv("XLADDIN_TEAM_SETTINGS")
    assert host.read_settings().target_acos == Settings().target_acos


def test_refresh_cli_rejects_a_bad_team_file(tmp_path, ads_book):
    bad = tmp_path / "team.json"
    bad.write_text('{"no_such_key": 1}', encoding="utf-8")
    r = CliRunner().invoke(cli, ["refresh", str(ads_book), "--team-settings", str(bad)])
    assert r.exit_code == 4 and "no_such_key" in r.output
