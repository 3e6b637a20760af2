"""An earlier revision's module, for a migration (or a test) that reuses its statements.

Revision files are not importable by name (they start with a digit), so they are loaded
from their path; each load is a fresh module, so a migration reads the statements as that
revision wrote them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

VERSIONS = Path(__file__).with_name("versions")


def revision(name: str) -> ModuleType:
    """The module of revision ``name`` (``"0004_ranked_search"``)."""
    spec = importlib.util.spec_from_file_location(f"revision_{name}", VERSIONS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
