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


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="xladdin", standalone_mode=True)
    except SystemExit as e:
        return int(e.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
