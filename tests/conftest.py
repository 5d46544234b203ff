import os
import tempfile
from pathlib import Path

import pytest

# Never write logs into the developer's home during tests.
os.environ.setdefault("XLADDIN_LOG_DIR", tempfile.mkdtemp(prefix="xladdin-log-"))

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
REAL_EXPORTS = Path(__file__).resolve().parents[2] / "shared" / "real-exports"


@pytest.fixture
def reference_dir():
    if not REFERENCE.is_dir():
        pytest.skip(f"reference pack not found at {REFERENCE}")
    return REFERENCE
