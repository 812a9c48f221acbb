"""Shared fixtures: the pipeline is built once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extract_text():
    from pipeline.api import extract

    return extract
