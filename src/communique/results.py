"""Query results for people (a text table) and for tools (the W3C result formats)."""

from __future__ import annotations

import io

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
)

RESULT_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}


def term_text(term) -> str:
    """A term as a person reads it: IRIs and literal values without N-Triples syntax."""
    if term is None:
        return ""
    if isinstance(term, NamedNode | Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def solutions_table(result: QuerySolutions, max_width: int = 60) -> str:
    """A fixed-width text table with a row count."""
    names = [v.value for v in result.variables]
    rows = []
    for sol in result:
        row = []
        for name in names:
            text = term_text(sol[name]).replace("\n", " ")
            row.append(text if len(text) <= max_width else text[: max_width - 1] + "…")
        rows.append(row)
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def render(result, fmt: str = "table") -> bytes:
    """Serialize any query result: SELECT/ASK in table/json/xml/csv/tsv, graphs in Turtle."""
    if isinstance(result, QueryTriples):
        return result.serialize(format=RdfFormat.TURTLE if fmt == "table" else _rdf(fmt))
    if isinstance(result, QueryBoolean):
        if fmt == "table":
            return (("true" if bool(result) else "false") + "\n").encode()
        return result.serialize(format=_results(fmt))
    if fmt == "table":
        return (solutions_table(result) + "\n").encode("utf-8")
    buf = io.BytesIO()
    result.serialize(buf, format=_results(fmt))
    return buf.getvalue()


def _results(fmt: str) -> QueryResultsFormat:
    try:
        return RESULT_FORMATS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown results format {fmt!r}; use table, json, xml, csv or tsv"
        ) from None


def _rdf(fmt: str) -> RdfFormat:
    return {
        "turtle": RdfFormat.TURTLE,
        "ntriples": RdfFormat.N_TRIPLES,
        "jsonld": RdfFormat.JSON_LD,
        "xml": RdfFormat.RDF_XML,
    }.get(fmt, RdfFormat.TURTLE)
