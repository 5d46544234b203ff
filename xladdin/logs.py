"""Where details go that must not reach a cell: one log file per user.

The path is ``$XLADDIN_LOG_DIR/xladdin.log`` or ``~/.xladdin/xladdin.log``; message boxes and cell
errors name it so the operator can send it to whoever supports the team.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

_logger: logging.Logger | None = None


def log_path() -> Path:
    base = os.environ.get("XLADDIN_LOG_DIR") or str(Path.home() / ".xladdin")
    return Path(base) / "xladdin.log"


def get_logger() -> logging.Logger:
    global _logger
    if _logger is None:
        _logger = logging.getLogger("xladdin")
        _logger.setLevel(logging.INFO)
        try:
            path = log_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:  # read-only home: still never raise from logging
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
        _logger.propagate = False
    return _logger


def log_exception(exc: BaseException, context: str) -> None:
    get_logger().error("%s: %s", context, exc, exc_info=exc)
