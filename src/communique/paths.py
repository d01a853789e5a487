"""Where the repository's data folders are (ontology/, queries/), overridable by env vars.

The package is installed editable from the repo (``make install``), so the folders are found
next to ``src/``; a user with another layout sets ``COMMUNIQUE_ONTOLOGY_DIR`` /
``COMMUNIQUE_QUERIES_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _dir(env: str, name: str) -> Path:
    value = os.environ.get(env)
    return Path(value) if value else REPO_ROOT / name


def ontology_dir() -> Path:
    return _dir("COMMUNIQUE_ONTOLOGY_DIR", "ontology")


def queries_dir() -> Path:
    return _dir("COMMUNIQUE_QUERIES_DIR", "queries")
