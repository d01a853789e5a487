"""Shared fixtures: stores on disk, hand-made extractions, the shared corpus (when present)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
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


# owlcheck.sh: $OWLCHECK if set, else a copy in the repository's tools/, else the shared one
_OWLCHECK_DEFAULTS = [
    Path(__file__).resolve().parents[1] / "tools" / "protege-check" / "owlcheck.sh",
    Path(__file__).resolve().parents[2] / "shared" / "tools" / "protege-check" / "owlcheck.sh",
]
OWLCHECK = (
    Path(os.environ["OWLCHECK"])
    if os.environ.get("OWLCHECK")
    else next((p for p in _OWLCHECK_DEFAULTS if p.is_file()), _OWLCHECK_DEFAULTS[-1])
)
OWLAPI_JAR = Path("/usr/share/java/owlapi-distribution.jar")


# ---------------------------------------------------------------------------------------------
# OWL API (owlcheck.sh)


def _owlcheck_or_skip() -> Path:
    missing = []
    if not OWLCHECK.is_file():
        missing.append(f"{OWLCHECK} (set OWLCHECK to protege-check/owlcheck.sh)")
    if not OWLAPI_JAR.is_file():
        missing.append("the OWL API (apt-get install -y libowlapi-java)")
    if not shutil.which("javac"):
        missing.append("a JDK (javac)")
    if missing:
        reason = "owlcheck needs " + " and ".join(missing)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " — CI must install it")
        pytest.skip(reason)
    return OWLCHECK


def owlcheck(path: Path) -> tuple[int, str]:
    """Run protege-check/owlcheck.sh on a file: (exit code, output)."""
    script = _owlcheck_or_skip()
    proc = subprocess.run(
        ["sh", str(script), str(path)], capture_output=True, text=True, timeout=300
    )
    return proc.returncode, proc.stdout + proc.stderr
