"""The SHACL shapes compiled into one SPARQL query, for validating an article at ingest.

pyshacl walks the shapes node by node in Python (~150-250 ms for one article's graph, 60x
its extraction and mapping). :func:`compile_shapes` reads ``ontology/shapes.ttl`` once and
turns every constraint into a branch of one SELECT that returns the violating focus nodes
(and value), so Oxigraph finds in a few milliseconds what pyshacl finds. pyshacl remains the
reference (``communique validate``); the tests check that both report the same results.

Only the SHACL that the shapes file uses is compiled (see ``_SUPPORTED``): every ``sh:``
triple of the shapes graph must be consumed by the compiler, or loading raises
:class:`UnsupportedShapes`, so a shape can never be half-enforced silently.

>>> compiled = load_shapes()
>>> len(compiled.checks) > 30
True
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store
from rdflib.namespace import RDF, SH, XSD

from .errors import CommuniqueError
from .paths import ontology_dir

__all__ = ["CompiledShapes", "Hit", "UnsupportedShapes", "compile_shapes", "load_shapes"]

_RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_TYPE_PATH = f"<{RDF.type}>/<{_RDFS_SUBCLASS}>*"
_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint}

# sh:datatype: the datatypes whose lexical forms are checked, as pyshacl checks them (rdflib
# marks an ill-formed literal ill_typed), by an XSD lexical-space regex or by Oxigraph's cast
# (numbers by regex: Oxigraph's integers are 64-bit and its decimals have 18 fractional
# digits, and a number it cannot hold is still well-formed); None = any lexical form is fine.
_NUMBERS = {
    XSD.integer: "^[+-]?[0-9]+$",
    XSD.decimal: "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$",
}
_DATATYPES: dict[rdflib.URIRef, str | None] = {
    XSD.string: None,
    XSD.anyURI: None,
    XSD.integer: 'REGEX(STR({v}), "' + _NUMBERS[XSD.integer] + '")',
    XSD.decimal: 'REGEX(STR({v}), "' + _NUMBERS[XSD.decimal] + '")',
    XSD.dateTime: f"isLiteral(<{XSD.dateTime}>(STR({{v}})))",
}

# counts are compiled as "n pairwise-distinct values exist" patterns (they also work inside
# EXISTS, where a GROUP BY subquery cannot see the outer focus node): n values, n joins
_MAX_VALUES = 4

# the range constraints: their bound and the operator a value must satisfy
_RANGES = {"sh:minInclusive": (SH.minInclusive, ">="), "sh:maxInclusive": (SH.maxInclusive, "<=")}

#: What the compiler understands; anything else in the shapes graph is refused.
_SUPPORTED = (
    "sh:targetClass, sh:targetSubjectsOf, sh:property, sh:path (an IRI), sh:minCount, "
    "sh:maxCount, sh:datatype, sh:class, sh:in (IRIs), sh:or, sh:minInclusive, "
    "sh:maxInclusive, sh:lessThanOrEquals, sh:qualifiedValueShape with sh:qualifiedMinCount / "
    "sh:qualifiedMaxCount, sh:sparql with sh:select, sh:severity, sh:message"
)

# the SPARQL-based constraint: what SHACL lets a pre-bound query contain, and a bit less
_SELECT = re.compile(
    r"^\s*SELECT\s+(?:DISTINCT\s+)?(?P<vars>(?:[?$]\w+\s*)+)WHERE\s*\{(?P<body>.*)\}\s*$",
    re.IGNORECASE | re.DOTALL,
)
_FORBIDDEN_IN_BODY = re.compile(
    r"\b(SELECT|MINUS|VALUES|SERVICE|GRAPH|PREFIX|BASE)\b|[?$]_", re.IGNORECASE
)
_SPARQL_VARS = {"this", "path", "value"}


class UnsupportedShapes(CommuniqueError):
    """The shapes graph uses SHACL that :func:`compile_shapes` does not compile."""


@dataclass(frozen=True)
class Check:
    """One constraint at one place in the shapes: what a violation of it is reported as."""

    node: rdflib.term.Node  # the shape that holds the constraint, in the shapes graph
    shape: str  # its name, for messages
    component: str  # e.g. "sh:minCount"
    path: rdflib.URIRef | None  # the result path (property shapes)
    messages: tuple[str, ...]  # the shape's sh:message texts
    severity: str  # "Violation" | "Warning" | "Info"
    blocking: bool  # makes the graph non-conforming (pyshacl with allow_warnings)
    value: bool  # the result names the value node
    # sh:sparql: the variables the query projects (path and value come from the query, and
    # the messages are templates); None for the other constraints
    sparql: frozenset[str] | None = None
    # sh:minInclusive / maxInclusive / lessThanOrEquals: the operator the value must satisfy
    # and the bound (None: the ?_w of the row), for deciding exactly what Oxigraph cannot
    compare: tuple[str, Literal | None] | None = None


class Hit(NamedTuple):
    """One validation result, with rdflib terms (as pyshacl's report holds them)."""

    focus: rdflib.term.Node
    path: rdflib.term.Node | None
    value: rdflib.term.Node | None
    message: str  # the messages, sorted and joined with a space
    severity: str
    blocking: bool


@dataclass(frozen=True)
class CompiledShapes:
    """The compiled query and what each of its branches (``?_k``) checks."""

    query: str
    checks: tuple[Check, ...]

    def run(self, data: Store | Iterable) -> list[Hit]:
        """The results for ``data``: a pyoxigraph store (its default graph) or triples."""
        if not isinstance(data, Store):
            store = Store()
            store.extend(Quad(*t[:3]) if isinstance(t, tuple) else Quad(*t) for t in data)
            data = store
        hits = []
        for row in data.query(self.query):
            check = self.checks[int(row["_k"].value)]
            if check.compare is not None:
                op, bound = check.compare
                if _holds(op, row["value"], bound if bound is not None else row["_w"]):
                    continue
            focus = _to_rdflib(row["this"])
            value = _to_rdflib(row["value"]) if check.value else None
            path: rdflib.term.Node | None = check.path
            messages = check.messages
            if check.sparql is not None:
                path = _to_rdflib(row["path"])
                if value is None:
                    value = focus  # pyshacl: a node shape's SPARQL result has the focus as value
                # pyshacl fills in {$this} only when the query projects it
                this = focus if "this" in check.sparql else None
                bound = {"this": this, "path": path, "value": value}
                messages = tuple(_fill(m, bound) for m in messages)
            message = " ".join(sorted(messages))
            hits.append(Hit(focus, path, value, message, check.severity, check.blocking))
        return hits


def load_shapes(path: Path | None = None) -> CompiledShapes:
    """The compiled shapes of ``path`` (default ``ontology/shapes.ttl``), compiled once per
    version of the file."""
    path = Path(path) if path is not None else ontology_dir() / "shapes.ttl"
    if not path.is_file():
        raise CommuniqueError(
            f"{path}: SHACL shapes not found; set COMMUNIQUE_ONTOLOGY_DIR to the folder "
            "that holds shapes.ttl"
        )
    return _load(str(path), path.stat().st_mtime)


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> CompiledShapes:
    return compile_shapes(rdflib.Graph().parse(path, format="turtle"), source=path)


def compile_shapes(shapes: rdflib.Graph, *, source: str = "the shapes graph") -> CompiledShapes:
    """Compile a shapes graph; raises :class:`UnsupportedShapes` for SHACL it cannot compile."""
    return _Compiler(shapes, source).compile()


# ---------------------------------------------------------------------------------------------
# The compiler


def _to_rdflib(term) -> rdflib.term.Node | None:
    """The rdflib term pyshacl makes of an Oxigraph term (pyshacl.graph_abstraction.to_rdf)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.language is not None:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    return rdflib.URIRef(term.value)


class _Output:
    """The query being built: the targets of the top-level shapes (``?_t``), and for each
    constraint (``?_k``) the pattern that finds its value nodes and the test they fail.

    Parsing and planning, not evaluation, is what a query costs on one article's graph, and
    Oxigraph's cost grows faster than linearly with the number of UNION branches: so the
    targets are computed once for all shapes, the constraints on the same values share one
    branch (``VALUES (?_t ?_k)``), the branches are nested as a balanced tree, and one FILTER
    picks the test of each ``?_k`` by a binary search of IFs (a chain of ``?_k = i && test``
    disjuncts is 50x slower to evaluate).
    """

    def __init__(self) -> None:
        self.classes: list[tuple[rdflib.URIRef, int]] = []
        self.subjects_of: list[tuple[rdflib.URIRef, int]] = []
        self.groups: dict[str, list[tuple[int, int]]] = {}
        self.sparql: list[str] = []
        self.tests: list[str] = []  # by ?_k: true when the value node violates
        self.checks: list[Check] = []

    def target(self, classes: list, subjects_of: list) -> int:
        t = len({x for _, x in self.classes + self.subjects_of})
        self.classes += [(c, t) for c in classes]
        self.subjects_of += [(p, t) for p in subjects_of]
        return t

    def _pattern(self, classes, subjects_of, t_var: str) -> str:
        parts = []
        if classes:
            rows = " ".join(f"(<{c}> {t})" for c, t in classes)
            parts.append(f"{{ VALUES (?_c {t_var}) {{ {rows} }} ?this {_TYPE_PATH} ?_c }}")
        if subjects_of:
            rows = " ".join(f"(<{p}> {t})" for p, t in subjects_of)
            parts.append(f"{{ VALUES (?_p {t_var}) {{ {rows} }} ?this ?_p [] }}")
        return f"{{ SELECT DISTINCT ?this {t_var} WHERE {{ {' UNION '.join(parts)} }} }}"

    def add(self, t: int, pattern: str, test: str, check: Check) -> None:
        """A constraint of target ``t`` whose value nodes ``pattern`` finds (``""``: the
        focus node) and fail ``test``."""
        k = len(self.checks)
        self.groups.setdefault(pattern, []).append((t, k))
        self.tests.append(test)
        self.checks.append(check)

    def add_sparql(self, t: int, body: str, check: Check) -> None:
        """A SPARQL-based constraint. SHACL pre-binds $this: here the body is joined with
        the shape's own targets, placed left of it (for the SELECTs that SHACL allows
        pre-bound, and that the compiler accepts, it is the same)."""
        k = len(self.checks)
        own = [(c, x) for c, x in self.classes if x == t]
        subjects_of = [(p, x) for p, x in self.subjects_of if x == t]
        target = self._pattern(own, subjects_of, "?_t")
        self.sparql.append(f"{{ {target} {body} BIND({k} AS ?_k) }}")
        self.tests.append("true")
        self.checks.append(check)

    def query(self) -> str:
        if not self.checks:
            return "SELECT ?_k ?this ?path ?value ?_w WHERE { FILTER(false) }"
        branches = []
        for pattern, tks in self.groups.items():
            rows = " ".join(f"({t} {k})" for t, k in tks)
            branches.append(f"{{ {pattern} VALUES (?_t ?_k) {{ {rows} }} }}")
        return (
            "SELECT DISTINCT ?_k ?this ?path ?value ?_w WHERE {\n"
            f"{self._pattern(self.classes, self.subjects_of, '?_t')}\n"
            f"{_balanced(branches + self.sparql)}\n"
            f"FILTER({_pick(self.tests, 0, len(self.tests))})\n}}"
        )


def _pick(tests: list[str], lo: int, hi: int) -> str:
    """The test of constraint ``?_k`` (lo <= ?_k < hi). A test that cannot be evaluated
    (an error) counts as failed: it never hides a violation."""
    if hi - lo == 1:
        return f"COALESCE({tests[lo]}, true)"
    mid = (lo + hi) // 2
    return f"IF(?_k < {mid}, {_pick(tests, lo, mid)}, {_pick(tests, mid, hi)})"


def _balanced(branches: list[str]) -> str:
    """``{ A } UNION { B } UNION ...`` as a balanced tree (Oxigraph plans a long chain slowly)."""
    if len(branches) == 1:
        return branches[0]
    mid = len(branches) // 2
    return f"{{ {_balanced(branches[:mid])} UNION {_balanced(branches[mid:])} }}"


def _compare(a: str, op: str, b: str) -> str:
    """``a op b`` as SPARQL compares; false when the terms do not compare (SHACL's reading).
    Oxigraph cannot compare the well-formed numbers it cannot hold (more than 18 fractional
    digits, integers beyond 64 bits): those results are decided again by :func:`_holds`."""
    return f"COALESCE({a} {op} {b}, false)"


_OPS = {">=": operator.ge, "<=": operator.le}


def _number(term) -> Decimal | None:
    """The exact value of a well-formed xsd:integer or xsd:decimal literal."""
    if isinstance(term, Literal):
        pattern = _NUMBERS.get(rdflib.URIRef(term.datatype.value))
        if pattern and re.match(pattern, term.value):
            return Decimal(term.value)
    return None


def _holds(op: str, a, b) -> bool:
    """Whether ``a op b`` holds for two well-formed numbers, exactly (False otherwise)."""
    x, y = _number(a), _number(b)
    return x is not None and y is not None and _OPS[op](x, y)


def _fill(message: str, bound: dict[str, rdflib.term.Node | None]) -> str:
    """A SPARQL-based result message with ``{?var}`` / ``{$var}`` filled in, as pyshacl does."""
    for var, val in bound.items():
        if val is not None:
            message = re.sub(f"{{[?$]{var}}}", str(val), message)
    return message


class _Compiler:
    def __init__(self, graph: rdflib.Graph, source: str) -> None:
        self.g = graph
        self.source = source
        self.used: set[tuple[rdflib.term.Node, rdflib.term.Node]] = set()
        self.out = _Output()
        self.fresh = 0
        self.stack: list[rdflib.term.Node] = []
        self.reached: set[rdflib.term.Node] = set()

    # -- reading the shapes graph, recording what was read ------------------------------------

    def fail(self, node: rdflib.term.Node, what: str) -> UnsupportedShapes:
        return UnsupportedShapes(
            f"{self.source}: {self.name(node)}: {what}; the compiled validator "
            f"(shape_queries.py) supports {_SUPPORTED}"
        )

    def name(self, node: rdflib.term.Node) -> str:
        """A readable name: the IRI, or for a blank-node shape its path and the named shape
        it is part of."""
        if isinstance(node, rdflib.URIRef):
            return self.g.namespace_manager.normalizeUri(node)
        if not isinstance(node, rdflib.BNode):
            return str(node)
        path = self.g.value(node, SH.path)
        owner, seen = node, {node}
        while isinstance(owner, rdflib.BNode):
            parents = [s for s in self.g.subjects(None, owner) if s not in seen]
            owner = parents[0] if parents else None
            seen.add(owner)
        where = f" in {self.name(owner)}" if owner is not None else ""
        what = self.name(path) if isinstance(path, rdflib.URIRef) else "a complex path"
        return f"shape on {what}{where}" if path is not None else f"a blank node{where}"

    def objects(self, node, pred) -> list:
        self.used.add((node, pred))
        return sorted(self.g.objects(node, pred))

    def one(self, node, pred, kind: type | tuple[type, ...] = rdflib.term.Node):
        values = self.objects(node, pred)
        if len(values) > 1:
            raise self.fail(node, f"more than one {self.name(pred)}")
        if values and not isinstance(values[0], kind):
            raise self.fail(node, f"{self.name(pred)} {values[0].n3()} is not of the kind expected")
        return values[0] if values else None

    def count(self, node, pred) -> int | None:
        value = self.one(node, pred, rdflib.Literal)
        if value is None:
            return None
        if type(value.value) is not int or value.value < 0:
            raise self.fail(node, f"{self.name(pred)} {value} is not a count")
        return value.value

    def items(self, node, pred) -> list[list]:
        return [list(rdflib.collection.Collection(self.g, lst)) for lst in self.objects(node, pred)]

    def var(self) -> str:
        self.fresh += 1
        return f"?_v{self.fresh}"

    # -- the whole graph -----------------------------------------------------------------------

    def compile(self) -> CompiledShapes:
        targeted = sorted(
            {s for p in (SH.targetClass, SH.targetSubjectsOf) for s in self.g.subjects(p, None)}
        )
        for shape in targeted:
            self.top_shape(shape)
        out = self.out
        # shapes that nothing targets or uses are never evaluated, but must still compile
        declared = {
            s for t in (SH.NodeShape, SH.PropertyShape) for s in self.g.subjects(RDF.type, t)
        }
        for shape in sorted(declared - self.reached):
            self.out = _Output()
            if (shape, SH.path, None) in self.g:
                self.top_property(shape, 0, True)
            else:
                self.top_shape(shape)
        self.out = out
        self.check_all_used()
        compiled = CompiledShapes(out.query(), tuple(out.checks))
        try:
            compiled.run(Store())
        except SyntaxError as exc:  # a sh:select that Oxigraph cannot parse
            raise UnsupportedShapes(
                f"{self.source}: the compiled query does not parse: {exc}"
            ) from exc
        return compiled

    def check_all_used(self) -> None:
        for s, p, o in self.g:
            if p == RDF.type and str(o).startswith(str(SH)) and o not in _SHAPE_TYPES:
                raise self.fail(s, f"rdf:type {self.name(o)} is not supported")
            if str(p).startswith(str(SH)) and (s, p) not in self.used:
                raise self.fail(s, f"{self.name(p)} is not supported here")

    # -- top-level shapes ----------------------------------------------------------------------

    def top_shape(self, shape) -> None:
        self.reached.add(shape)
        if self.g.value(shape, SH.path) is not None:
            raise self.fail(shape, "a property shape with targets is not supported")
        if any((shape, RDF.type, c) in self.g for c in (rdflib.RDFS.Class, rdflib.OWL.Class)):
            raise self.fail(shape, "implicit class targets are not supported")
        classes = self.objects(shape, SH.targetClass)
        subjects_of = self.objects(shape, SH.targetSubjectsOf)
        if any(not isinstance(t, rdflib.URIRef) for t in classes + subjects_of):
            raise self.fail(shape, "a target is not an IRI")
        t = self.out.target(classes, subjects_of)
        severity = self.severity(shape)
        messages = self.messages(shape)
        blocking = severity == "Violation"
        for component, expr in self.node_constraints(shape, "?this"):
            self.need_messages(shape, messages)
            check = Check(
                shape, self.name(shape), component, None, messages, severity, blocking, False
            )
            self.out.add(t, "", expr, check)
        for sparql in self.objects(shape, SH.sparql):
            self.sparql(shape, sparql, t, severity, messages, blocking)
        for prop in self.objects(shape, SH.property):
            self.top_property(prop, t, blocking)

    def top_property(self, prop, t: int, parent_blocking: bool) -> None:
        self.reached.add(prop)
        path = self.path(prop)
        severity = self.severity(prop)
        messages = self.messages(prop)
        blocking = parent_blocking and severity == "Violation"
        self.need_messages(prop, messages)
        p = f"<{path}>"

        def check(component: str, value: bool, compare=None) -> Check:
            return Check(
                prop,
                self.name(prop),
                component,
                path,
                messages,
                severity,
                blocking,
                value,
                compare=compare,
            )

        for component, expr in self.count_constraints(prop, "?this", p):
            self.out.add(t, "", expr, check(component, False))
        for component, expr in self.value_constraints(prop, "?value"):
            compare = None
            if component in _RANGES:
                pred, op = _RANGES[component]
                bound = self.g.value(prop, pred)
                compare = (op, Literal(str(bound), datatype=NamedNode(str(bound.datatype))))
            self.out.add(t, f"?this {p} ?value", expr, check(component, True, compare))
        other = self.one(prop, SH.lessThanOrEquals)
        if other is not None:
            if not isinstance(other, rdflib.URIRef):
                raise self.fail(prop, "sh:lessThanOrEquals is not an IRI")
            self.out.add(
                t,
                f"?this {p} ?value . ?this <{other}> ?_w",
                f"!{_compare('?value', '<=', '?_w')}",
                check("sh:lessThanOrEquals", True, ("<=", None)),
            )
        if self.objects(prop, SH.property) or self.objects(prop, SH.sparql):
            raise self.fail(prop, "sh:property / sh:sparql on a property shape is not supported")

    def sparql(self, shape, constraint, t: int, severity: str, messages, blocking) -> None:
        text = self.one(constraint, SH.select, rdflib.Literal)
        if text is None:
            raise self.fail(constraint, "a SPARQL constraint without sh:select")
        m = _SELECT.match(str(text))
        if not m or _FORBIDDEN_IN_BODY.search(m["body"]):
            raise self.fail(
                constraint,
                "sh:select must be 'SELECT $this ?path ?value WHERE { ... }' without "
                "subqueries, MINUS, VALUES, SERVICE, GRAPH, prefixes or ?_ variables",
            )
        projected = frozenset(v[1:] for v in m["vars"].split())
        if not projected <= _SPARQL_VARS:
            raise self.fail(constraint, f"sh:select may project only {sorted(_SPARQL_VARS)}")
        own = tuple(str(x) for x in self.objects(constraint, SH.message))
        all_messages = tuple(dict.fromkeys(messages + own))
        self.need_messages(constraint, all_messages)
        # Variables the query does not project must not reach the report.
        body = m["body"]
        for v in ("path", "value"):
            if v not in projected:
                body = re.sub(rf"[?$]{v}\b", f"?_{v}", body)
        check = Check(
            shape,
            self.name(shape),
            "sh:sparql",
            None,
            all_messages,
            severity,
            blocking,
            "value" in projected,
            projected,
        )
        self.out.add_sparql(t, body, check)

    # -- constraints as SPARQL expressions over a focus variable ------------------------------

    def node_constraints(self, shape, x: str) -> list[tuple[str, str]]:
        """Constraints a node shape puts on the focus node itself."""
        for pred in (SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.lessThanOrEquals):
            if self.objects(shape, pred):
                raise self.fail(shape, f"{self.name(pred)} on a node shape (no sh:path)")
        return self.value_constraints(shape, x)

    def value_constraints(self, shape, v: str) -> list[tuple[str, str]]:
        """(component, expression true when value node ``v`` violates it) for the per-value
        constraints of ``shape``."""
        out = []
        for cls in self.objects(shape, SH["class"]):
            if not isinstance(cls, rdflib.URIRef):
                raise self.fail(shape, "sh:class is not an IRI")
            out.append(("sh:class", f"NOT EXISTS {{ {v} {_TYPE_PATH} <{cls}> }}"))
        dtype = self.one(shape, SH.datatype, rdflib.URIRef)
        if dtype is not None:
            if dtype not in _DATATYPES:
                raise self.fail(shape, f"sh:datatype {self.name(dtype)} is not supported")
            ok = f"isLiteral({v}) && sameTerm(datatype({v}), <{dtype}>)"
            if _DATATYPES[dtype]:
                ok += f" && COALESCE({_DATATYPES[dtype].format(v=v)}, false)"
            out.append(("sh:datatype", f"!({ok})"))
        lists = self.items(shape, SH["in"])
        if len(lists) > 1:
            raise self.fail(shape, "more than one sh:in")
        for members in lists:
            if any(not isinstance(t, rdflib.URIRef) for t in members):
                raise self.fail(shape, "sh:in with a literal or blank node")
            same = " || ".join(f"sameTerm({v}, <{t}>)" for t in members) or "false"
            out.append(("sh:in", f"!({same})"))
        for name, (pred, op) in _RANGES.items():
            bound = self.one(shape, pred, rdflib.Literal)
            if bound is not None:
                out.append((name, f"!{_compare(v, op, bound.n3())}"))
        for members in self.items(shape, SH["or"]):
            conforms = " || ".join(f"!({self.violates(s, v)})" for s in members) or "false"
            out.append(("sh:or", f"!({conforms})"))
        return out

    def count_constraints(self, prop, x: str, p: str) -> list[tuple[str, str]]:
        """(component, expression true when focus ``x`` violates it) for the counts of a
        property shape with path ``p``."""
        out = []
        least = self.count(prop, SH.minCount)
        if least:
            out.append(("sh:minCount", f"NOT EXISTS {{ {self.distinct(prop, x, p, least)} }}"))
        most = self.count(prop, SH.maxCount)
        if most is not None:
            out.append(("sh:maxCount", f"EXISTS {{ {self.distinct(prop, x, p, most + 1)} }}"))
        inner = self.one(prop, SH.qualifiedValueShape)
        qmin = self.count(prop, SH.qualifiedMinCount)
        qmax = self.count(prop, SH.qualifiedMaxCount)
        if inner is None and (qmin is not None or qmax is not None):
            raise self.fail(prop, "sh:qualifiedMinCount / MaxCount without sh:qualifiedValueShape")
        if inner is not None:
            if qmin is None and qmax is None:
                raise self.fail(prop, "sh:qualifiedValueShape without a qualified count")
            if qmin:
                out.append(
                    (
                        "sh:qualifiedMinCount",
                        f"NOT EXISTS {{ {self.distinct(prop, x, p, qmin, inner)} }}",
                    )
                )
            if qmax is not None:
                out.append(
                    (
                        "sh:qualifiedMaxCount",
                        f"EXISTS {{ {self.distinct(prop, x, p, qmax + 1, inner)} }}",
                    )
                )
        return out

    def distinct(self, prop, x: str, p: str, n: int, conforming=None) -> str:
        """A pattern that matches when ``x`` has ``n`` distinct values on ``p`` (that conform
        to the shape ``conforming``)."""
        if n > _MAX_VALUES:
            raise self.fail(prop, f"a count that takes {n} distinct values (at most {_MAX_VALUES})")
        vs = [self.var() for _ in range(n)]
        tests = [f"!sameTerm({a}, {b})" for i, a in enumerate(vs) for b in vs[i + 1 :]]
        if conforming is not None:
            tests += [f"!({self.violates(conforming, v)})" for v in vs]
        triples = " . ".join(f"{x} {p} {v}" for v in vs)
        return triples + (f" FILTER({' && '.join(tests)})" if tests else "")

    def violates(self, shape, x: str) -> str:
        """An expression true when node ``x`` does not conform to ``shape`` (a shape inside
        sh:or or sh:qualifiedValueShape, whose own results are never reported)."""
        if shape in self.stack:
            raise self.fail(shape, "a recursive shape")
        self.stack.append(shape)
        self.reached.add(shape)
        if self.objects(shape, SH.severity):
            # pyshacl lets a nested shape of severity Warning conform: not reproduced here
            raise self.fail(shape, "sh:severity on a nested shape is not supported")
        self.objects(shape, SH.message)  # a nested shape's messages are never reported
        if self.objects(shape, SH.sparql):
            raise self.fail(shape, "sh:sparql on a nested shape is not supported")
        for pred in (SH.targetClass, SH.targetSubjectsOf):
            self.objects(shape, pred)  # targets of a shape used inside another do not matter there
        path = self.path(shape) if (shape, SH.path, None) in self.g else None
        tests = []
        if path is None:
            tests += [e for _, e in self.node_constraints(shape, x)]
            for prop in self.objects(shape, SH.property):
                tests.append(self.violates(prop, x))
        else:
            p = f"<{path}>"
            tests += [e for _, e in self.count_constraints(shape, x, p)]
            v = self.var()  # each EXISTS binds it on its own
            for _, expr in self.value_constraints(shape, v):
                tests.append(f"EXISTS {{ {x} {p} {v} FILTER({expr}) }}")
            other = self.one(shape, SH.lessThanOrEquals)
            if other is not None:
                v, w = self.var(), self.var()
                test = _compare(v, "<=", w)
                tests.append(f"EXISTS {{ {x} {p} {v} . {x} <{other}> {w} FILTER(!{test}) }}")
            if self.objects(shape, SH.property):
                raise self.fail(shape, "sh:property on a property shape is not supported")
        self.stack.pop()
        return " || ".join(f"({t})" for t in tests) or "false"

    # -- small things ----------------------------------------------------------------------------

    def path(self, shape) -> rdflib.URIRef:
        path = self.one(shape, SH.path)
        if path is None:
            raise self.fail(shape, "a property shape without sh:path")
        if not isinstance(path, rdflib.URIRef):
            raise self.fail(shape, "a complex sh:path (sequence, inverse, alternative, ...)")
        return path

    def severity(self, shape) -> str:
        value = self.one(shape, SH.severity)
        if value is None:
            return "Violation"
        if value not in _SEVERITIES:
            raise self.fail(shape, f"sh:severity {self.name(value)}")
        return _SEVERITIES[value]

    def messages(self, shape) -> tuple[str, ...]:
        return tuple(str(m) for m in self.objects(shape, SH.message))

    def need_messages(self, shape, messages: tuple[str, ...]) -> None:
        if not messages:
            # pyshacl would make up a message; the compiled validator reports the shape's own
            raise self.fail(shape, "a shape whose results would have no sh:message")
