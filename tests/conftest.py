"""Shared fixtures: stores on disk, hand-made extractions, the shared corpus (when present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.mapping import map_extraction
from communique.model import Extraction, extraction_from_dict
from communique.store import ArticleStore

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
MAPPING_CASES = sorted((DATA / "mapping").glob("*.json"))


def load_extraction(path: Path) -> Extraction:
    return extraction_from_dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture
def store(tmp_path: Path):
    """An empty on-disk store, closed after the test."""
    s = ArticleStore(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture
def golden_extractions() -> dict[str, Extraction]:
    return {p.stem: load_extraction(p) for p in MAPPING_CASES}


@pytest.fixture
def filled_store_path(tmp_path: Path, golden_extractions) -> Path:
    """A closed on-disk store holding the golden mapping cases, for CLI and query tests."""
    path = tmp_path / "filled"
    with ArticleStore(path) as s:
        for ex in golden_extractions.values():
            s.replace_article(ex.article.id, map_extraction(ex))
    return path


@pytest.fixture
def filled_store(filled_store_path: Path):
    s = ArticleStore(filled_store_path)
    yield s
    s.close()


@pytest.fixture
def seed_article_path() -> Path:
    """The article this project started from; CI always has ../shared, a user's clone may not."""
    path = SHARED_CORPUS / "seed-news-az-2024-10-09.txt"
    if not path.is_file():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS} (only present beside CI)")
    return path
