"""``detect`` and ``normalize`` commands, run with click's CliRunner (the lead registers them in xladdin.cli)."""

from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner

from tests.reports import variants as V
from tests.reports.helpers import FIXTURES, assert_same_frame
from xladdin.reports import get_family, read_report
from xladdin.reports.cli import detect_cmd, normalize_cmd

BR = FIXTURES / "business_report_child" / "de.csv"
MYI = FIXTURES / "fba_myi" / "en.txt"


def test_detect_text():
    res = CliRunner().invoke(detect_cmd, [str(BR)])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[:2] == [
        "de.csv: business_report_child (Business Report: Detail Page Sales and Traffic by Child Item)",
        "  language de, marketplace DE, currency EUR, rows 3, dates -",
    ]
    assert "problems: 0" in res.output


def test_detect_json_several_files():
    res = CliRunner().invoke(detect_cmd, [str(BR), str(MYI), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert [(o["family"], o["language"], o["rows"]) for o in out] == [
        ("business_report_child", "de", 3), ("fba_myi", "en", 2)]
    assert out[1]["marketplace"] is None and out[1]["problems"] == []


def test_detect_date_range_from_file_name(tmp_path):
    p = tmp_path / "BusinessReport-08-9-26.csv"
    p.write_bytes((FIXTURES / "business_report_child" / "en-classic.csv").read_bytes())
    out = json.loads(CliRunner().invoke(detect_cmd, [str(p), "--json"]).output)
    assert (out["date_from"], out["date_to"], out["date_source"]) == ("2026-08-09", "2026-08-09", "file_name")


def test_detect_lists_problems(tmp_path):
    p = tmp_path / "myi.txt"
    text = MYI.read_text(encoding="utf-8").replace("\t1388\t", "\tabc\t")
    p.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(detect_cmd, [str(p), "--json"])
    probs = json.loads(res.output)["problems"]
    assert [(x["source_row"], x["column"], x["source_column"], x["value"], x["code"]) for x in probs] == [
        (2, "fulfillable", "afn-fulfillable-quantity", "abc", "NOT_A_NUMBER")]


def test_detect_errors_exit_non_zero_without_traceback(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"name,age\nbob,3\n")
    res = CliRunner().invoke(detect_cmd, [str(empty)])
    assert res.exit_code == 2
    assert "[EMPTY_FILE] 文件为空 / the file is empty" in res.output
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)
    res = CliRunner().invoke(detect_cmd, [str(junk), str(MYI)])
    assert res.exit_code == 2 and "[UNKNOWN_REPORT]" in res.output and "fba_myi" in res.output


def test_normalize_csv_and_parquet(tmp_path):
    want = V.expected(V.MYI_ROWS, V.MYI_COLS, get_family("fba_myi"))
    out = tmp_path / "myi.parquet"
    res = CliRunner().invoke(normalize_cmd, [str(MYI), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "fba_myi, 2 rows" in res.output
    got = pd.read_parquet(out)
    assert_same_frame(got.astype(want.dtypes.to_dict()), want)
    csv_out = tmp_path / "myi.csv"
    res = CliRunner().invoke(normalize_cmd, [str(MYI), "--out", str(csv_out), "--problems", str(tmp_path / "p.csv")])
    assert res.exit_code == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbfsku,fnsku,asin,product_name")
    # IDs stay text: reading the CSV back as text keeps the leading zeros of SKU "00123".
    back = pd.read_csv(csv_out, dtype=str, encoding="utf-8-sig")
    assert back["sku"].tolist() == ["KU-12-RED", "00123"]
    assert (tmp_path / "p.csv").exists()


def test_normalize_rejects_bad_output_and_overwrite(tmp_path):
    res = CliRunner().invoke(normalize_cmd, [str(MYI), "--out", str(tmp_path / "x.xlsx")])
    assert res.exit_code == 2 and "[BAD_CHOICE]" in res.output
    p = tmp_path / "in.csv"
    p.write_bytes(MYI.read_bytes())
    res = CliRunner().invoke(normalize_cmd, [str(p), "--out", str(p)])
    assert res.exit_code == 2 and p.read_bytes() == MYI.read_bytes()


def test_normalize_options_override(tmp_path):
    out = tmp_path / "o.csv"
    res = CliRunner().invoke(normalize_cmd, [str(MYI), "--out", str(out), "--marketplace", "UK", "--keep-extra"])
    assert res.exit_code == 0
    res = CliRunner().invoke(normalize_cmd, [str(MYI), "--out", str(out), "--marketplace", "Mars"])
    assert res.exit_code == 3 and "[UNKNOWN_MARKETPLACE]" in res.output
    assert read_report(MYI, marketplace="UK").meta.currency == "GBP"
