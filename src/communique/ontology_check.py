"""Quality checks on the ontology files, in the spirit of ROBOT ``report`` and OOPS!.

Each check is one SPARQL SELECT in ``ontology/checks/*.rq`` that returns the offending terms
(``?term``) and what is wrong with them (``?detail``); its comment header gives a title and a
description. All the given files are loaded into one graph, so ``owl:imports`` between them
need no network. ``make ontology-check`` runs::

    python -m communique.ontology_check ontology/communique.ttl ontology/alignment.ttl

which prints the findings and exits 1 when there are any.

>>> run_checks([ontology_path(), alignment_path()])
[]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Store

from .errors import CommuniqueError
from .validate import alignment_path, ontology_dir, ontology_path

__all__ = ["Check", "Finding", "checks_dir", "load_checks", "main", "run_checks"]


@dataclass(frozen=True)
class Check:
    """One check: its name (the file's stem), title, description and SPARQL query."""

    name: str
    title: str
    description: str
    query: str


@dataclass(frozen=True)
class Finding:
    """One offending term found by one check."""

    check: str
    term: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.term}: {self.message}"


def checks_dir() -> Path:
    """``ontology/checks`` (see :func:`communique.validate.ontology_dir`)."""
    return ontology_dir() / "checks"


def load_checks(directory: Path | None = None) -> list[Check]:
    """The checks of ``directory`` (default :func:`checks_dir`), sorted by name."""
    directory = directory or checks_dir()
    files = sorted(directory.glob("*.rq"))
    if not files:
        raise CommuniqueError(f"{directory}: no *.rq ontology checks found")
    checks = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        header: dict[str, str] = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, sep, value = line.lstrip("# ").partition(":")
            if sep:
                header[key.strip().lower()] = value.strip()
        checks.append(
            Check(f.stem, header.get("title", f.stem), header.get("description", ""), text)
        )
    return checks


def _format_for(path: Path) -> RdfFormat:
    fmt = RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    if fmt is None:
        raise CommuniqueError(f"{path}: unknown RDF file extension (use .ttl, .nt, .owl, .rdf)")
    return fmt


def _term(node) -> str:
    if isinstance(node, NamedNode):
        return node.value
    if isinstance(node, BlankNode):
        return f"_:{node.value}"
    return str(node)


def run_checks(paths: Iterable[str | Path], checks: Sequence[Check] | None = None) -> list[Finding]:
    """Load ``paths`` into one graph and run every check over it.

    Returns the findings sorted by check and term; an empty list means the files are clean.
    """
    store = Store()
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise CommuniqueError(f"{path}: no such ontology file")
        try:
            store.load(path=str(path), format=_format_for(path))
        except (SyntaxError, ValueError, OSError) as exc:
            raise CommuniqueError(f"{path}: cannot be parsed: {exc}") from exc
    findings = []
    for check in checks if checks is not None else load_checks():
        try:
            solutions = store.query(check.query)
        except SyntaxError as exc:
            raise CommuniqueError(f"ontology check {check.name}: bad SPARQL: {exc}") from exc
        for solution in solutions:
            term = solution["term"]
            if term is None:
                continue
            detail = solution["detail"]
            message = detail.value if detail is not None else check.title
            findings.append(Finding(check.name, _term(term), message))
    return sorted(set(findings), key=lambda f: (f.check, f.term, f.message))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the findings, exit 1 when there are any (2 on a usage error)."""
    parser = argparse.ArgumentParser(
        prog="python -m communique.ontology_check",
        description="ROBOT-report / OOPS!-style checks over ontology files (ontology/checks/*.rq).",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="ontology files (default: the core and the alignment)"
    )
    parser.add_argument("--checks", type=Path, default=None, help="folder of *.rq checks")
    parser.add_argument("--list", action="store_true", help="list the checks and exit")
    args = parser.parse_args(argv)
    try:
        checks = load_checks(args.checks)
        if args.list:
            for c in checks:
                print(f"{c.name}: {c.title}")
            return 0
        paths = args.paths or [ontology_path(), alignment_path()]
        findings = run_checks(paths, checks)
    except CommuniqueError as exc:
        print(f"ontology-check: {exc}", file=sys.stderr)
        return 2
    for f in findings:
        print(f)
    names = ", ".join(str(p) for p in paths)
    if findings:
        print(f"ontology-check: {len(findings)} finding(s) in {names}", file=sys.stderr)
        return 1
    print(f"ontology-check: {len(checks)} checks, no findings in {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
