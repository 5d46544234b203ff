"""Docs cannot drift: the function reference is generated from the code."""

import re
import subprocess
import sys
from pathlib import Path

from xladdin.worksheet import reference
from xladdin.worksheet.registry import all_functions

ROOT = Path(__file__).resolve().parents[1]


def test_function_reference_is_current():
    committed = (ROOT / "docs" / "functions.md").read_text(encoding="utf-8")
    assert committed == reference.markdown(), "run: xladdin functions --markdown > docs/functions.md"


def test_every_function_is_documented_with_every_argument():
    text = (ROOT / "docs" / "functions.md").read_text(encoding="utf-8")
    for f in all_functions():
        assert f"### `{f.signature}`" in text
        for a in f.args:
            assert f"`{a.name}`" in text


def _readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.*?)\n```", text, re.S)


def test_readme_opens_with_two_commands_and_ci_runs_the_second():
    blocks = _readme_commands()
    assert len(blocks) >= 2
    first, second = blocks[0].strip(), blocks[1].strip()
    assert "xladdin" in first and "\n" not in first
    assert "pytest" in second and "\n" not in second
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()


def test_cli_lists_every_function():
    out = subprocess.run([sys.executable, "-m", "xladdin", "functions"], capture_output=True, text=True,
                         encoding="utf-8", cwd=ROOT, check=True).stdout
    for f in all_functions():
        assert f.signature in out


def test_cli_reference_is_current():
    from xladdin.cli import cli
    from xladdin.cli_reference import markdown

    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == markdown(cli), "run: xladdin cli-reference > docs/cli.md"


def test_every_command_has_help_with_an_example():
    from xladdin.cli import cli
    from xladdin.cli_reference import _walk

    for path, cmd in _walk(cli, ["xladdin"]):
        assert cmd.help, path
        if not hasattr(cmd, "commands"):
            assert "Example" in cmd.help, path
