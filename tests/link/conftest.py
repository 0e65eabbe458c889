"""Fusion settings for the link tests; report builders live in link_records.py."""
from __future__ import annotations

import pytest

from sahelwatch.link.settings import load_settings


@pytest.fixture()
def settings():
    return load_settings()
