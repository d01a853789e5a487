"""The saved-query catalogue: one question per ``queries/*.rq`` file.

Each file starts with a comment header::

    # title: Meetings of an official
    # description: Every meeting the official took part in, with the other side.
    # param: official iri required  The official (an IRI from the `officials` query).
    # param: limit integer optional=100  At most this many rows.

Parameters are typed (``iri``, ``string``, ``date``, ``integer``, ``decimal``, ``boolean``)
and bound as RDF terms with pyoxigraph ``substitutions`` — never pasted into the query text,
so a value cannot change the query. A bound variable must be projected by the SELECT.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Variable

from .errors import QueryError
from .paths import queries_dir
from .vocab import XSD

PARAM_TYPES = ("iri", "string", "date", "integer", "decimal", "boolean")
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)"
    r"(?:\s+(?P<req>required|optional)(?:=(?P<default>\S+))?)?\s*(?P<desc>.*)$"
)
_IRI_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@dataclass(frozen=True)
class Parameter:
    """A typed query parameter."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    description: str = ""

    def to_term(self, value: str) -> NamedNode | Literal:
        """The RDF term for a user-given string, or a QueryError saying what is wrong."""
        where = f"parameter {self.name!r} ({self.type})"
        try:
            if self.type == "iri":
                if not _IRI_OK.match(value):
                    raise ValueError("not an absolute IRI")
                return NamedNode(value)
            if self.type == "string":
                return Literal(value)
            if self.type == "date":
                day = dt.date.fromisoformat(value[:10])
                return Literal(f"{day.isoformat()}T00:00:00", datatype=XSD.dateTime)
            if self.type == "integer":
                return Literal(str(int(value)), datatype=XSD.integer)
            if self.type == "decimal":
                return Literal(str(Decimal(value)), datatype=XSD.decimal)
            if self.type == "boolean":
                low = value.lower()
                if low not in ("true", "false", "1", "0"):
                    raise ValueError("expected true or false")
                return Literal(
                    "true" if low in ("true", "1") else "false",
                    datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"),
                )
        except (ValueError, InvalidOperation) as exc:
            raise QueryError(f"{where}: {value!r} is not valid: {exc}") from None
        raise QueryError(f"{where}: unknown type")


@dataclass
class SavedQuery:
    """One saved query: its name (file stem), header metadata and SPARQL text."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    parameters: list[Parameter] = field(default_factory=list)
    path: Path | None = None

    def bind(self, values: dict[str, str]) -> dict[Variable, NamedNode | Literal]:
        """Typed substitutions for the given values (plus defaults); errors name the problem."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            allowed = ", ".join(known) or "none"
            raise QueryError(
                f"query {self.name!r} has no parameter {unknown[0]!r} (parameters: {allowed})"
            )
        subs: dict[Variable, NamedNode | Literal] = {}
        for p in self.parameters:
            value = values.get(p.name, p.default)
            if value is None or value == "":
                if p.required:
                    raise QueryError(
                        f"query {self.name!r} needs parameter {p.name!r} ({p.type}): "
                        f"pass it with -p {p.name}=VALUE"
                    )
                continue
            subs[Variable(p.name)] = p.to_term(value)
        return subs


def parse_saved_query(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Read the header of a saved query; a malformed header line is a QueryError."""
    q = SavedQuery(name=name, text=text, path=path)
    where = str(path or name)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            q.title = value
        elif key == "description":
            q.description = (q.description + " " + value).strip()
        else:
            pm = _PARAM.match(value)
            if not pm or pm.group("type") not in PARAM_TYPES:
                raise QueryError(
                    f"{where}:{lineno}: malformed parameter line {line!r}; expected "
                    f"'# param: NAME TYPE [required|optional[=DEFAULT]] DESCRIPTION' with TYPE "
                    f"one of {', '.join(PARAM_TYPES)}"
                )
            q.parameters.append(
                Parameter(
                    name=pm.group("name"),
                    type=pm.group("type"),
                    required=pm.group("req") == "required",
                    default=pm.group("default"),
                    description=pm.group("desc").strip(),
                )
            )
    if not q.title:
        q.title = name
    projected = _projected_variables(text)
    for p in q.parameters:
        if projected is not None and p.name not in projected:
            raise QueryError(
                f"{where}: parameter {p.name!r} must appear in the SELECT projection "
                "(pyoxigraph binds parameters by substituting projected variables)"
            )
    return q


def _projected_variables(text: str) -> set[str] | None:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"\bSELECT\b(.*?)\bWHERE\b", body, re.S | re.I)
    if not m or "*" in m.group(1):
        return None
    return set(re.findall(r"\?(\w+)", m.group(1)))


def catalogue(directory: Path | None = None) -> dict[str, SavedQuery]:
    """All saved queries in ``directory`` (default: the repo's ``queries/``), by name."""
    directory = directory or queries_dir()
    if not directory.is_dir():
        raise QueryError(f"no saved-query folder at {directory} (set COMMUNIQUE_QUERIES_DIR)")
    out = {}
    for path in sorted(directory.glob("*.rq")):
        out[path.stem] = parse_saved_query(path.read_text(encoding="utf-8"), path.stem, path)
    return out


def load_query(name_or_path: str, directory: Path | None = None) -> SavedQuery:
    """A saved query by name (``officials``) or a path to any ``.rq`` file."""
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryError(f"no query file at {path}")
        return parse_saved_query(path.read_text(encoding="utf-8"), path.stem, path)
    cat = catalogue(directory)
    if name_or_path not in cat:
        raise QueryError(
            f"no saved query named {name_or_path!r}; available: {', '.join(sorted(cat))}"
        )
    return cat[name_or_path]


def run_query(store, query: SavedQuery, values: dict[str, str] | None = None):
    """Run a saved query against an ArticleStore with bound parameters."""
    subs = query.bind(values or {})
    try:
        return store.query(query.text, substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(f"query {query.name!r} is malformed: {exc}") from None
