"""Click commands for reports: ``detect FILE... [--json]`` and ``normalize FILE --out OUT.csv|.parquet``.

Plain :class:`click.Command` objects (``detect_cmd``, ``normalize_cmd``); ``xladdin/cli.py`` registers them.
Errors print the bilingual message of :func:`xladdin.errors.cli_text` and exit with
:attr:`XladdinError.exit_code` (2 bad input, 3 data, 1 internal); never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from xladdin.errors import Code, InputError, XladdinError, cli_text

_COMMON = [
    click.option("--family", default=None, help="Force a report family (e.g. business_report_child, fba_myi)."),
    click.option("--marketplace", default=None, help="Override the inferred marketplace (US, UK, DE ...)."),
    click.option("--currency", default=None, help="Override the inferred currency (USD, GBP, EUR ...)."),
    click.option("--sheet", default=None, help="XLSX sheet to read (default: the one with a known header)."),
]


def _options(f):
    for opt in reversed(_COMMON):
        f = opt(f)
    return f


def _summary(rep) -> dict:
    m = rep.meta
    return {
        "file": m.source, "family": m.family, "title": m.title, "language": m.language,
        "marketplace": m.marketplace, "currency": m.currency, "rows": m.rows,
        "date_from": m.date_from.isoformat() if m.date_from else None,
        "date_to": m.date_to.isoformat() if m.date_to else None, "date_source": m.date_source,
        "encoding": m.encoding, "delimiter": m.delimiter, "sheet": m.sheet, "header_row": m.header_row,
        "unmapped": m.unmapped, "missing": m.missing, "notes": m.notes,
        "problems": rep.problems.astype(object).where(rep.problems.notna(), None).to_dict(orient="records"),
    }


def _text(s: dict) -> str:
    rng = f"{s['date_from']} .. {s['date_to']} ({s['date_source']})" if s["date_from"] else "-"
    lines = [
        f"{s['file']}: {s['family']} ({s['title']})",
        f"  language {s['language']}, marketplace {s['marketplace'] or '?'}, currency {s['currency'] or '?'}, "
        f"rows {s['rows']}, dates {rng}",
    ]
    if s["sheet"]:
        lines.append(f"  sheet {s['sheet']!r}, header row {s['header_row']}")
    if s["unmapped"]:
        lines.append(f"  kept but unmapped: {', '.join(s['unmapped'])}")
    if s["missing"]:
        lines.append(f"  missing columns: {', '.join(s['missing'])}")
    for n in s["notes"]:
        lines.append(f"  note: {n}")
    lines.append(f"  problems: {len(s['problems'])}")
    for p in s["problems"][:20]:
        lines.append(f"    row {p['source_row']} {p['source_column'] or ''}: {p['value']!r} {p['code']}")
    if len(s["problems"]) > 20:
        lines.append(f"    … {len(s['problems']) - 20} more (use --json)")
    return "\n".join(lines)


@click.command("detect")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file.")
@_options
@click.pass_context
def detect_cmd(ctx, files, as_json, family, marketplace, currency, sheet):
    """Recognise report files: family, language, marketplace, currency, rows, dates, problems.

    Example: xladdin detect BusinessReport-08-9-26.csv --json
    """
    from xladdin.reports import read_report

    worst = 0
    out = []
    for f in files:
        try:
            rep = read_report(f, family=family, marketplace=marketplace, currency=currency, sheet=sheet)
        except XladdinError as err:
            text, code = cli_text(err)
            click.echo(text, err=True)
            worst = worst or code
            if as_json:
                out.append({"file": str(f), "error": err.code.name, "message": str(err)})
            continue
        s = _summary(rep)
        if as_json:
            out.append(s)
        else:
            click.echo(_text(s))
    if as_json:
        click.echo(json.dumps(out if len(files) > 1 else out[0], ensure_ascii=False, indent=2, default=str))
    if worst:
        ctx.exit(worst)


@click.command("normalize")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file: .csv (UTF-8 with BOM, opens in Excel) or .parquet.")
@click.option("--problems", "problems_out", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the problems table (CSV).")
@click.option("--keep-extra", is_flag=True, help="Append the unmapped source columns to the output.")
@_options
@click.pass_context
def normalize_cmd(ctx, file, out, problems_out, keep_extra, family, marketplace, currency, sheet):
    """Write a report's canonical table (snake_case English columns) to CSV or Parquet.

    Example: xladdin normalize "Restock Inventory.txt" --out restock.parquet
    """
    from xladdin.reports import read_report

    try:
        suffix = out.suffix.lower()
        if suffix not in (".csv", ".parquet"):
            raise InputError(Code.BAD_CHOICE, f"--out must end in .csv or .parquet, not {out.name!r}")
        if out.resolve() == Path(file).resolve():
            raise InputError(Code.BAD_CHOICE, "--out would overwrite the input file")
        rep = read_report(file, family=family, marketplace=marketplace, currency=currency, sheet=sheet)
        data = rep.data
        if keep_extra and len(rep.extra.columns):
            import pandas as pd

            data = pd.concat([data, rep.extra.add_prefix("extra:")], axis=1)
        if suffix == ".csv":
            data.to_csv(out, index=False, encoding="utf-8-sig", date_format="%Y-%m-%d")
        else:
            data.to_parquet(out, index=False)
        if problems_out is not None:
            rep.problems.to_csv(problems_out, index=False, encoding="utf-8-sig")
    except XladdinError as err:
        text, code = cli_text(err)
        click.echo(text, err=True)
        ctx.exit(code)
    m = rep.meta
    click.echo(f"{m.source}: {m.family}, {m.rows} rows -> {out} ({len(rep.problems)} problems)", err=True)
