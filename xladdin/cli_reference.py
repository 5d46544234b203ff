"""The CLI reference (docs/cli.md), generated from the click commands' own help so it cannot drift."""

from __future__ import annotations

import click

HEADER = """# Command-line reference / 命令行参考

Generated from the commands' `--help` by `xladdin cli-reference > docs/cli.md`; `tests/test_docs.py` fails
when it drifts. Exit codes: 0 success; 1 internal error; 2 bad input; 3 missing rule or report data;
4 invalid settings; 5 environment (e.g. Excel not available). Errors print a bilingual one-line message,
never a traceback.
"""


def _walk(cmd: click.Command, path: list[str]):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            yield from _walk(cmd.commands[name], path + [name])


def markdown(root: click.Command) -> str:
    out = [HEADER]
    for path, cmd in _walk(root, ["xladdin"]):
        # Fixed width: the reference must not depend on the terminal it was generated in.
        ctx = click.Context(cmd, info_name=" ".join(path), terminal_width=88, max_content_width=88)
        out.append(f"\n## `{' '.join(path)}`\n")
        out.append("```text\n" + cmd.get_help(ctx).rstrip() + "\n```")
    return "\n".join(out).rstrip() + "\n"
