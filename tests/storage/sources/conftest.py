"""The fake council site, started for each test that asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.storage.sources.council import running_site
from tests.storage.sources.fake_moderngov import FakeModernGov


@pytest.fixture
def site() -> Iterator[FakeModernGov]:
    yield from running_site()
