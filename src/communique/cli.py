"""The ``communique`` command. Each command calls one library function; no logic lives here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import CommuniqueError
from .store import STORE_ENV, ArticleStore, default_store_path


class _Context:
    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path

    def open(self, read_only: bool = False) -> ArticleStore:
        return ArticleStore(self.store_path, read_only=read_only)


def _fail(exc: Exception) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    envvar=STORE_ENV,
    default=None,
    help=f"On-disk store folder (default ${STORE_ENV} or ./communique-store).",
)
@click.version_option(package_name="communique")
@click.pass_context
def main(ctx: click.Context, store_path: Path | None) -> None:
    """Turn news articles into an OWL knowledge graph and query it with SPARQL."""
    ctx.obj = _Context(store_path or default_store_path())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Check each article's graph with the SHACL shapes; a violating article is not stored.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary.")
@click.option(
    "--overrides",
    "overrides_path",
    envvar="COMMUNIQUE_OVERRIDES",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Identity overrides (JSON) to apply after the articles ($COMMUNIQUE_OVERRIDES).",
)
@click.pass_obj
def ingest(
    obj: _Context,
    paths: tuple[Path, ...],
    validate: bool,
    quiet: bool,
    overrides_path: Path | None,
) -> None:
    """Read articles (files or folders: .txt .json .jsonl .html) into the store.

    Re-ingesting an article replaces its graph. Bad articles are reported and skipped; the
    exit status is 1 when any failed. People and events are joined across articles as they
    come (see `communique merges`). With --overrides the file is checked before anything is
    read (a malformed or self-contradicting file stops here) and applied after the articles.
    """
    from .ingest import ingest_paths

    overrides = None
    if overrides_path is not None:
        from .identity import load_overrides_file

        try:
            overrides = load_overrides_file(overrides_path)
        except CommuniqueError as exc:
            _fail(exc)
    validator = None
    if validate:
        from .validate import article_validator

        validator = article_validator()
    show = not quiet and sys.stderr.isatty()
    try:
        with obj.open() as store:
            if show:
                with click.progressbar(length=0, label="ingesting", file=sys.stderr) as bar:
                    report = ingest_paths(store, paths, validator, lambda s, ok: bar.update(1))
            else:
                report = ingest_paths(store, paths, validator)
            for failure in report.failures:
                click.echo(f"skipped {failure}", err=True)
            click.echo(report.summary())
            if overrides is not None:
                from .identity import Identity

                counts = Identity(store).set_overrides(overrides)
                click.echo(
                    f"overrides applied: {counts['same']} same, {counts['different']} different"
                )
    except CommuniqueError as exc:
        _fail(exc)
    sys.exit(1 if report.failures else 0)


@main.command()
@click.argument("name")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the saved query (repeatable).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "csv", "tsv", "xml"]),
)
@click.pass_obj
def query(obj: _Context, name: str, params: tuple[str, ...], fmt: str) -> None:
    """Run a saved query (NAME from queries/, or a FILE.rq) with typed parameters."""
    from .queries import load_query, run_query
    from .results import render

    values = {}
    for item in params:
        if "=" not in item:
            _fail(CommuniqueError(f"parameter {item!r} must be KEY=VALUE"))
        key, value = item.split("=", 1)
        values[key.strip()] = value
    try:
        saved = load_query(name)
        with obj.open(read_only=True) as store:
            result = run_query(store, saved, values)
            sys.stdout.buffer.write(render(result, fmt))
    except CommuniqueError as exc:
        _fail(exc)


@main.command("queries")
def list_queries() -> None:
    """List the saved queries and their parameters."""
    from .queries import catalogue

    try:
        for q in catalogue().values():
            click.echo(f"{q.name}: {q.title}")
            for p in q.parameters:
                req = "required" if p.required else "optional"
                click.echo(f"    -p {p.name}=<{p.type}> ({req}) {p.description}")
    except CommuniqueError as exc:
        _fail(exc)


@main.command()
@click.option(
    "--format",
    "-f",
    "fmt",
    default="turtle",
    show_default=True,
    type=click.Choice(["turtle", "owl", "jsonld", "ntriples", "nquads", "trig"]),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="File to write (default: standard output).",
)
@click.option("--article", "article_id", default=None, help="Only this article's graph.")
@click.pass_obj
def export(obj: _Context, fmt: str, output: Path | None, article_id: str | None) -> None:
    """Dump the graph: turtle/owl/jsonld for Protégé, nquads/trig with one graph per article."""
    from .export import export as do_export

    try:
        with obj.open(read_only=True) as store:
            if output is None:
                do_export(store, sys.stdout.buffer, fmt, article_id)
            else:
                do_export(store, str(output), fmt, article_id)
    except CommuniqueError as exc:
        _fail(exc)


@main.command("import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def import_(obj: _Context, path: Path) -> None:
    """Load an N-Quads or TriG dump (from `export -f nquads|trig`), one graph per article."""
    from .export import import_dataset

    try:
        with obj.open() as store:
            n = import_dataset(store, path)
    except CommuniqueError as exc:
        _fail(exc)
    click.echo(f"imported {n} graphs from {path}")


@main.command()
@click.option("--article", "article_id", default=None, help="Only this article's graph.")
@click.option("--reason", is_flag=True, help="Also check consistency with HermiT (slower).")
@click.pass_obj
def validate(obj: _Context, article_id: str | None, reason: bool) -> None:
    """Check the stored graph (or one article) against the SHACL shapes; exit 1 on violations."""
    from .validate import validate_store

    try:
        with obj.open(read_only=True) as store:
            report, consistency = validate_store(store, article_id, reason=reason)
    except CommuniqueError as exc:
        _fail(exc)
    click.echo(report.text)
    if consistency is not None:
        click.echo(f"HermiT: {consistency.message}")
    failed = not report.conforms or (consistency is not None and not consistency.consistent)
    sys.exit(1 if failed else 0)


@main.command()
@click.pass_obj
def stats(obj: _Context) -> None:
    """What the store holds."""
    from .stats import store_stats

    try:
        with obj.open(read_only=True) as store:
            for key, value in store_stats(store).items():
                click.echo(f"{key:>14}: {value}")
    except CommuniqueError as exc:
        _fail(exc)


@main.command()
@click.argument("article_id")
@click.pass_obj
def remove(obj: _Context, article_id: str) -> None:
    """Remove one article's graph (and so everything only it attested); people and events
    it shared with other articles are re-identified without it."""
    from .ingest import remove_article

    try:
        with obj.open() as store:
            if not remove_article(store, article_id):
                _fail(CommuniqueError(f"no article {article_id!r} in {obj.store_path}"))
    except CommuniqueError as exc:
        _fail(exc)
    click.echo(f"removed {article_id}")


@main.command()
@click.option("--format", "-f", "fmt", default="table", type=click.Choice(["table", "json"]))
@click.option("--events/--no-events", default=True, show_default=True, help="List events too.")
@click.pass_obj
def merges(obj: _Context, fmt: str, events: bool) -> None:
    """List the people and events joined across articles, each merge with its reason,
    evidence keys and confidence."""
    import json
    from dataclasses import asdict

    from .identity import list_merges

    try:
        with obj.open(read_only=True) as store:
            people, happenings = list_merges(store)
    except CommuniqueError as exc:
        _fail(exc)
    if not events:
        happenings = []
    if fmt == "json":
        data = {
            "people": [asdict(p) for p in people],
            "events": [asdict(e) for e in happenings],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for node in people + happenings:
        click.echo(f"{node.label}  <{node.iri}>  ({node.articles} articles)")
        for part in node.parts:
            if "name" in part:
                ev = " ".join(part["evidence"])
                click.echo(f"    {part['name']} ×{part['mentions']}  {ev}".rstrip())
            else:
                click.echo(f"    {part.get('article', '')} {part.get('date', '')}".rstrip())
        for m in node.merges:
            keys = " ".join(m["keys"])
            click.echo(
                f"  = {m['a']} + {m['b']}: {m['reason']} ({m['confidence']:.2f}) {keys}".rstrip()
            )
    click.echo(f"{len(people)} people and {len(happenings)} events joined across articles")


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--clear", is_flag=True, help="Remove every override.")
@click.option("--show", is_flag=True, help="Print the overrides in force (JSON).")
@click.pass_obj
def overrides(obj: _Context, path: Path | None, clear: bool, show: bool) -> None:
    """Set the identity overrides from PATH (JSON), replacing those in force.

    \b
    {"same": [{"mentions": ["ARTICLE_ID#Name as written", "OTHER_ID#Other spelling"],
               "reason": "why"}],
     "different": [{"mentions": ["A#Andrei Munteanu", "B#Andrei Munteanu"]}]}

    Overrides name mentions (an article and a name as written there), so they survive
    re-ingest. A file that names an unknown mention or contradicts itself is refused and
    nothing changes.
    """
    import json

    from .identity import Identity, Overrides, load_overrides_file

    if sum(bool(x) for x in (path, clear, show)) != 1:
        _fail(CommuniqueError("give an overrides file, --clear or --show"))
    try:
        if show:
            with obj.open(read_only=True) as store:
                current = Identity(store).overrides
            click.echo(json.dumps(current.to_json(), indent=2, ensure_ascii=False))
            return
        new = Overrides() if clear else load_overrides_file(path)
        with obj.open() as store:
            counts = Identity(store).set_overrides(new)
    except CommuniqueError as exc:
        _fail(exc)
    click.echo(f"overrides in force: {counts['same']} same, {counts['different']} different")


@main.command("evaluate-identity")
@click.option("--gold", "gold_path", required=True, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--articles", "articles_dir", required=True, type=click.Path(path_type=Path, exists=True)
)
@click.option("--format", "-f", "fmt", default="table", type=click.Choice(["table", "json"]))
def evaluate_identity(gold_path: Path, articles_dir: Path, fmt: str) -> None:
    """Score cross-article identity against a gold file (tests/data/identity/gold.json):
    pairwise precision/recall of merged officials, F1 of event de-duplication."""
    import json

    from .identity_eval import evaluate_identity as run_eval

    try:
        score = run_eval(gold_path, articles_dir)
    except CommuniqueError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(score.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(score.to_table())


@main.command()
@click.option("--gold", "gold_dir", required=True, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--articles", "articles_dir", required=True, type=click.Path(path_type=Path, exists=True)
)
@click.option("--format", "-f", "fmt", default="table", type=click.Choice(["table", "json"]))
@click.option(
    "--details",
    is_flag=True,
    help="After the table, list per article the gold items missed and the spurious ones.",
)
def evaluate(gold_dir: Path, articles_dir: Path, fmt: str, details: bool) -> None:
    """Score extraction against gold files (*.gold.json): precision, recall, F1 per facet.

    The JSON format always carries the per-article misses; ``--details`` prints them after
    the table. Do not use it on a held-out set: its misses are what rules must not be fit to."""
    import json

    from .evaluate import evaluate as run_eval

    try:
        report = run_eval(gold_dir, articles_dir)
    except CommuniqueError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(report.to_table())
        if details:
            click.echo(report.details())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--allow-updates",
    is_flag=True,
    help="Accept SPARQL Update and Graph Store PUT/POST/DELETE (needs --token).",
)
@click.option(
    "--token",
    envvar="COMMUNIQUE_TOKEN",
    default=None,
    help="Bearer token that updates must present (or $COMMUNIQUE_TOKEN).",
)
@click.option("--cors-origin", default=None, help="Allow this origin (or *) to call from a page.")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds per query.")
@click.option(
    "--max-rows",
    default=100_000,
    show_default=True,
    type=int,
    help="Larger results are refused (422), never cut off.",
)
@click.option(
    "--max-body",
    default=16 * 1024 * 1024,
    show_default=True,
    type=int,
    help="Largest request body in bytes (413 above).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="info logs every request.",
)
@click.pass_obj
def serve(
    obj: _Context,
    host: str,
    port: int,
    allow_updates: bool,
    token: str | None,
    cors_origin: str | None,
    timeout: float,
    max_rows: int,
    max_body: int,
    log_level: str,
) -> None:
    """Serve the store over HTTP: SPARQL 1.1 Protocol at /sparql, Graph Store Protocol at
    /store, saved queries at /queries and a query page at / (Ctrl-C stops it)."""
    from .endpoint import serve as run_server

    mode = "updates allowed with the token" if allow_updates else "read-only"
    click.echo(f"serving {obj.store_path} at http://{host}:{port}/ ({mode})", err=True)
    try:
        run_server(
            obj.store_path,
            host=host,
            port=port,
            allow_updates=allow_updates,
            token=token,
            cors_origin=cors_origin,
            timeout=timeout,
            max_rows=max_rows,
            max_body=max_body,
            log_level=log_level,
        )
    except CommuniqueError as exc:
        _fail(exc)


if __name__ == "__main__":  # pragma: no cover
    main()
