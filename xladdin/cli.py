"""The ``xladdin`` command: a thin shell over the library.

Exit codes: 0 success; 1 internal error; 2 bad input; 3 missing rule or report data; 4 invalid settings;
5 environment (e.g. Excel not available).  Errors print a bilingual one-line message, never a traceback.
"""

from __future__ import annotations

import sys

import click

from xladdin import __version__
from xladdin.errors import XladdinError, cli_text


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except XladdinError as err:
            text, code = cli_text(err)
            click.echo(text, err=True)
            ctx.exit(code)


def _progress():
    """Step messages with elapsed seconds on stderr when it is a terminal; silent otherwise (pipes, CI)."""
    import sys
    import time

    if not sys.stderr.isatty():
        return lambda message: None
    start = time.perf_counter()

    def show(message):
        if message:
            click.echo(f"[{time.perf_counter() - start:6.1f} s] {message}", err=True)

    return show


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="xladdin")
def cli():
    """xladdin: Amazon seller operations in Excel / 亚马逊运营 Excel 插件."""


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the Markdown function reference (docs/functions.md).")
@click.option("--category", default=None, help="Only functions whose category contains this text.")
def functions(markdown: bool, category: str | None):
    """List every worksheet function with its arguments and help.

    Example: xladdin functions --category Ads
    """
    from xladdin.worksheet import reference
    from xladdin.worksheet.registry import all_functions

    if markdown:
        click.echo(reference.markdown(), nl=False)
        return
    for f in all_functions():
        if category and category.lower() not in f.category.lower():
            continue
        click.echo(f"{f.signature}  [{f.category}]")
        click.echo(f"    {f.description}")
        for a in f.args:
            click.echo(f"      {a.name}{' (optional)' if a.optional else ''}: {a.doc}")


@cli.command("cli-reference")
def cli_reference():
    """Print the Markdown reference of every command (docs/cli.md).

    Example: xladdin cli-reference > docs/cli.md
    """
    from xladdin.cli_reference import markdown

    click.echo(markdown(cli), nl=False)


def _register_report_commands() -> None:
    # Reading reports pulls in pandas/pyarrow readers: imported here, registered under their own names.
    from xladdin.reports.cli import detect_cmd, normalize_cmd

    cli.add_command(detect_cmd, "detect")
    cli.add_command(normalize_cmd, "normalize")


_register_report_commands()


@cli.group()
def build():
    """Build artefacts (templates, the Excel add-in) / 生成模板、加载项等文件."""


@build.command("templates")
@click.option("--out", "out_dir", default="dist/templates", show_default=True,
              type=click.Path(file_okay=False), help="Output folder.")
def build_templates_cmd(out_dir: str):
    """Build every workbook template as .xltx and .xlsx.

    Example: xladdin build templates --out dist/templates
    """
    from xladdin.workbooks.builder import build_template
    from xladdin.workbooks.registry import all_templates

    for spec in all_templates().values():
        for path in build_template(spec, out_dir):
            click.echo(str(path))


@build.command("addin")
@click.option("--out", default="dist/xladdin.xlam", show_default=True, type=click.Path(dir_okay=False),
              help="Output .xlam file.")
def build_addin_cmd(out: str):
    """Build the Excel add-in (.xlam: ribbon, worksheet functions) from xlwings' template, without Excel.

    Example: xladdin build addin --out dist/xladdin.xlam
    """
    from xladdin.addin.build import build_addin

    click.echo(str(build_addin(out)))


@cli.command("new")
@click.argument("kind")
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
def new_cmd(kind: str, out: str, force: bool):
    """Create a workbook from template KIND (ads | inventory).

    Example: xladdin new ads 广告-2026-01.xlsx
    """
    from pathlib import Path

    from xladdin.errors import Code, InputError
    from xladdin.workbooks.builder import build_workbook, save_workbook
    from xladdin.workbooks.registry import get_template

    spec = get_template(kind)
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise InputError(Code.BAD_CHOICE, f"{path.name}: use a .xlsx file name / 请使用 .xlsx 文件名")
    if path.exists() and not force:
        raise InputError(Code.FILE_EXISTS, str(path))
    save_workbook(build_workbook(spec), path, backup=False)
    click.echo(f"{path}  ({spec.zh} / {spec.en})")


@cli.command("import")
@click.argument("book", type=click.Path(dir_okay=False))
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--family", default=None, help="Report family for every REPORT (skips detection).")
@click.option("--refresh", "and_refresh", is_flag=True,
              help="Refresh BOOK after importing, in the same pass (one read and one save: faster on big reports).")
@click.option("--team-settings", default=None, envvar="XLADDIN_TEAM_SETTINGS", type=click.Path(dir_okay=False),
              help="With --refresh: team settings file under BOOK's Settings sheet (default: $XLADDIN_TEAM_SETTINGS).")
def import_cmd(book: str, reports: tuple[str, ...], family: str | None, and_refresh: bool,
               team_settings: str | None):
    """Put reports into BOOK's input tables (same family and dates are replaced, not duplicated).

    BOOK is saved atomically; the previous version is kept as BOOK.bak.xlsx.
    Example: xladdin import ads.xlsx SearchTerm.xlsx BusinessReport-11-21-25.csv
    Example: xladdin import --refresh ads.xlsx SearchTerm.xlsx
    """
    from pathlib import Path

    from xladdin.workbooks.host import OpenpyxlHost
    from xladdin.workbooks.importer import import_reports
    from xladdin.workbooks.safety import check_not_locked

    check_not_locked(Path(book))
    progress = _progress()
    progress(f"xladdin: {book} …")
    host = OpenpyxlHost.open(book)
    host.on_status = progress
    base = None
    if and_refresh:  # a Settings sheet the refresh would refuse is reported before anything is imported
        from xladdin.team_settings import base_settings

        base = base_settings(team_settings)
        host.read_settings(base)
    for r in import_reports(host, reports, family=family):
        span = f"{r.date_from or '?'}..{r.date_to or '?'}" if (r.date_from or r.date_to) else "-"
        click.echo(f"{r.file_name}: {r.family} -> {r.table}: {r.rows} rows ({span}), replaced {r.replaced_rows}")
    if and_refresh:
        from xladdin.workbooks import refresh_book

        refresh_book(host, base=base)
    progress("xladdin: 保存 / saving …")
    saved = host.save()
    if and_refresh:
        click.echo(f"refreshed / 已刷新: {saved}")


@cli.command("refresh")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--team-settings", default=None, envvar="XLADDIN_TEAM_SETTINGS", type=click.Path(dir_okay=False),
              help="Team settings file (TOML/JSON) under BOOK's Settings sheet (default: $XLADDIN_TEAM_SETTINGS).")
def refresh_cmd(book: str, team_settings: str | None):
    """Recompute a workbook's dashboard and analysis tables from its input tables.

    The Settings sheet is validated first (precedence: Settings sheet > team settings file > defaults).
    The workbook is written to a temporary file and replaces
    BOOK only on success; the previous version is kept as BOOK.bak.xlsx.

    Example: xladdin refresh ads.xlsx
    """
    from xladdin.workbooks import OpenpyxlHost, refresh_book

    progress = _progress()
    progress(f"xladdin: {book} …")
    host = OpenpyxlHost.open(book)
    host.on_status = progress
    from xladdin.team_settings import base_settings

    refresh_book(host, base=base_settings(team_settings))
    progress("xladdin: 保存 / saving …")
    saved = host.save()
    click.echo(f"refreshed / 已刷新: {saved}")


@cli.command("demo")
@click.option("--out", "out_dir", default="xladdin-demo", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the templates, sample reports and filled workbooks.")
def demo_cmd(out_dir: str):
    """Build every template, fill each from generated sample reports, refresh, and print where the files are.

    Example: xladdin demo --out demo
    """
    from xladdin.demo import run_demo

    res = run_demo(out_dir, progress=_progress())  # steps on a terminal only; quiet when piped or in CI
    click.echo("templates / 模板 (File › New):")
    for p in res.templates:
        click.echo(f"  {p}")
    click.echo("sample reports / 示例报表:")
    for p in res.reports:
        click.echo(f"  {p}")
    click.echo("workbooks, imported and refreshed / 已导入并刷新的工作簿:")
    for kind, p in res.workbooks.items():
        click.echo(f"  {kind}: {p}")


@cli.command("export-bulksheet")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists (never BOOK).")
def export_bulksheet_cmd(book: str, out: str, force: bool):
    """Write the approved SearchTermActions rows of BOOK as a bulksheet upload file OUT.

    IDs come from the actions and BOOK's Bulk table (import a bulk operations download first).
    BOOK is only read. Exit code 2 when nothing is approved or no approved row can be uploaded.

    Example: xladdin export-bulksheet ads.xlsx bulk-upload.xlsx
    """
    from collections import Counter

    from xladdin.workbooks.refresh_ads import export_bulksheet

    upload, path = export_bulksheet(book, out, force=force)
    kinds = Counter(zip(upload.rows["Entity"], upload.rows["Operation"]))
    for (entity, op), n in sorted(kinds.items()):
        click.echo(f"{entity} / {op}: {n}")
    for p in upload.problems.to_dict("records"):
        click.echo(f"{p['severity']}: {p['action']} {p['search_term']!r} {p['column']}={p['value']!r}: {p['reason']}",
                   err=True)
    if path is None:
        click.echo("nothing to upload: no approved row, or every approved row has a problem / "
                   "没有可上传的行：没有已批准的行，或已批准的行都有问题", err=True)
        raise click.exceptions.Exit(2)
    click.echo(f"{len(upload.rows)} rows / 行 -> {path}")

# ----- the Excel add-in on this computer (issue 6) -----------------------------------------------------------


def _addin_target(platform: str, home: str | None, dry_run: bool):
    """(Locations, dry_run) for the options; on Linux: where files would go, then exit 5 (0 with --dry-run)."""
    from pathlib import Path

    from xladdin import installer
    from xladdin.errors import Code

    plat = installer.current_platform() if platform == "auto" else platform
    env = {} if home else installer.default_env()
    home_p = Path(home) if home else Path.home()
    if plat == "linux":
        click.echo("Excel is not available on Linux / Linux 上没有 Excel. Files would go to / 文件位置:")
        click.echo(installer.where_text(home_p, env))
        if dry_run:
            raise click.exceptions.Exit(0)
        raise XladdinError(Code.EXCEL_NOT_AVAILABLE, "use --platform windows|macos --home DIR to install elsewhere")
    return installer.locations(plat, home_p, env)


_platform_opt = click.option("--platform", type=click.Choice(["auto", "windows", "macos"]), default="auto",
                             show_default=True, help="Target platform (auto = this computer's).")
_home_opt = click.option("--home", default=None, type=click.Path(file_okay=False),
                         help="User home to install into (default: yours; APPDATA/USERPROFILE then derive from it).")
_dry_opt = click.option("--dry-run", is_flag=True, help="Only print where the files go; write nothing (exit 0).")


@cli.group()
def addin():
    """Install, check or remove the Excel add-in for this user / 安装、检查、卸载 Excel 加载项."""


@addin.command("install")
@click.option("--addin", "addin_path", default="dist/xladdin.xlam", show_default=True,
              type=click.Path(dir_okay=False), help="The built add-in (xladdin build addin).")
@click.option("--dir", "xlstart", default=None, type=click.Path(file_okay=False),
              help="Copy the add-in here instead of the user's XLSTART folder.")
@click.option("--templates", "templates_dir", default=None, type=click.Path(file_okay=False),
              help="Folder of built .xltx templates (default: build them now).")
@click.option("--force", is_flag=True, help="Overwrite files that xladdin did not write.")
@_platform_opt
@_home_opt
@_dry_opt
def addin_install_cmd(addin_path, xlstart, templates_dir, force, platform, home, dry_run):
    """Copy the add-in to XLSTART, write its user config (this Python), copy the templates.

    Everything written is recorded in a manifest so `addin uninstall` removes exactly those files.
    Exit 5 when Excel is not available (Linux); --dry-run prints where the files would go.
    Example: xladdin addin install --addin dist/xladdin.xlam
    """
    import dataclasses
    import tempfile
    from pathlib import Path

    from xladdin import __version__ as version
    from xladdin import installer

    loc = _addin_target(platform, home, dry_run)
    if xlstart:
        loc = dataclasses.replace(loc, xlstart=Path(xlstart))
    with tempfile.TemporaryDirectory() as tmp:
        if templates_dir:
            templates = sorted(Path(templates_dir).glob("*.xltx"))
        else:
            from xladdin.workbooks.builder import build_template
            from xladdin.workbooks.registry import all_templates

            templates = [p for spec in all_templates().values() for p in build_template(spec, tmp)
                         if p.suffix == ".xltx"]
        root = installer.package_root()
        plan = installer.plan_install(loc, Path(addin_path), templates, installer.interpreter(loc.platform),
                                      str(root) if root else None)
        if dry_run:
            for src, dst in plan.copies:
                click.echo(f"would copy / 将复制 {src} -> {dst}")
            click.echo(f"would write / 将写入 {loc.conf}:\n{plan.conf}", nl=False)
            return
        written = installer.install(plan, force=force,
                                    versions={"xladdin": version, "xlwings": installer.xlwings_version() or ""})
    for p in written:
        click.echo(f"installed / 已安装 {p}")
    click.echo(f"manifest / 清单: {loc.manifest}")
    click.echo("restart Excel to load the add-in / 重启 Excel 以加载插件")


@addin.command("uninstall")
@_platform_opt
@_home_opt
@_dry_opt
def addin_uninstall_cmd(platform, home, dry_run):
    """Remove exactly the files `addin install` recorded in its manifest (nothing else).

    Example: xladdin addin uninstall
    """
    from xladdin import installer

    loc = _addin_target(platform, home, dry_run)
    if dry_run:
        m = installer.read_manifest(loc) or {"files": []}
        for f in m["files"]:
            click.echo(f"would remove / 将删除 {f['path']}")
        return
    for line in installer.uninstall(loc):
        click.echo(line)


@addin.command("status")
@_platform_opt
@_home_opt
@click.option("--team-settings", default=None, envvar="XLADDIN_TEAM_SETTINGS", type=click.Path(dir_okay=False),
              help="Team settings file to check (default: $XLADDIN_TEAM_SETTINGS).")
def addin_status_cmd(platform, home, team_settings):
    """List what is installed, the versions (xlwings must be 0.37.8) and what is missing.

    Exit 5 when something is missing or a version does not match.
    Example: xladdin addin status
    """
    from xladdin import installer

    loc = _addin_target(platform, home, False)
    lines, problems = installer.status(loc, installer.xlwings_version())
    for line in lines:
        click.echo(line)
    if team_settings:
        from xladdin.team_settings import load_team_settings

        try:
            load_team_settings(team_settings)
            click.echo(f"team settings / 团队设置: {team_settings} ok")
        except XladdinError as err:
            problems.append(str(err))
    for p in problems:
        click.echo(f"problem / 问题: {p}", err=True)
    if problems:
        raise click.exceptions.Exit(5)
    click.echo("ok: add-in, config and xlwings in place / 插件、配置与 xlwings 均就绪")


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="xladdin", standalone_mode=True)
    except SystemExit as e:
        return int(e.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
