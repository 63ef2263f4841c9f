"""Shared fixtures. Tests never reach the network; pipeline tests use the fakes in tests/fakes.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Pipeline tests type names by the rules alone unless they pass a tagger (tests/fakes.py FakeTagger,
# or the real one in tests marked ``model``): the shipped tagger is not loaded for every audit.
os.environ.setdefault("FACTCHECK_NER", "off")
os.environ.setdefault("FACTCHECK_PRELOAD", "off")  # no model process in CLI tests (tests/test_modelproc.py)

from tests.fakes import FakeEmbedder, FakeNLI

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEMO = ROOT / "data" / "demo"


@pytest.fixture
def fake_nli() -> FakeNLI:
    return FakeNLI()


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present on this machine")
    return SEEDS


@pytest.fixture
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def e5():
    """The real offline sentence embedder (the default, e5-small in torch): deterministic, no network."""
    from factcheck.embed import default_embedder

    return default_embedder()


@pytest.fixture(scope="session")
def demo_audit(e5):
    """The demo corpus audited with the fake NLI scorer (computed once per session)."""
    from factcheck.pipeline import audit

    return audit([DEMO], scorer=FakeNLI(), embedder=e5)
