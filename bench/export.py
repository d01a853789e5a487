"""Export benchmark: peak memory and time of the streamed exports of a large store, against
the in-memory way (one CONSTRUCT over the union, serialised at once) measured in the same run.

    .venv/bin/python bench/export.py [--articles 50000] [--small 5000]

The store is built quickly: 200 synthetic articles go through the real pipeline (extract,
map), then their graphs are copied under new article ids and bulk-loaded. Each export runs in
its own process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUILD = r"""
import sys
from pathlib import Path
from pyoxigraph import NamedNode, Quad, RdfFormat
from communique.articles import article_from_text
from communique.extract import extract
from communique.mapping import map_extraction
from communique.store import ArticleStore, graph_iri
from communique.ingest import load_ontology
sys.path.insert(0, sys.argv[3])
from generate import article
n, path = int(sys.argv[1]), sys.argv[2]
templates = []
for i in range(200):
    aid, text = article(i, seed=11)
    templates.append((aid, map_extraction(extract(article_from_text(text, aid)))))
def quads():
    for k in range(n):
        aid, triples = templates[k % len(templates)]
        new = f"big-{k:06d}"
        g = graph_iri(new)
        for s, p, o in triples:
            s = NamedNode(s.value.replace(aid, new))
            if isinstance(o, NamedNode):
                o = NamedNode(o.value.replace(aid, new))
            yield Quad(s, p, o, g)
with ArticleStore(path) as store:
    load_ontology(store)
    store.oxigraph.bulk_extend(quads())
    print(store.count_quads())
"""

EXPORT = r"""
import json, resource, sys, time
from communique.store import ArticleStore
from communique.export import export
from pyoxigraph import RdfFormat
mode, path, out = sys.argv[1:4]
with ArticleStore(path, read_only=True) as store:
    t0 = time.perf_counter()
    if mode == "construct":   # the in-memory way, for comparison
        res = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        data = res.serialize(format=RdfFormat.TURTLE)
        open(out, "wb").write(data)
    else:
        export(store, out, mode)
    secs = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": secs, "peak_rss_mb": rss}))
"""


def _py(code: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return proc.stdout.strip().splitlines()[-1]


def measure(n: int, tmp: Path) -> dict:
    store = tmp / f"store-{n}"
    t0 = time.perf_counter()
    quads = int(_py(BUILD, str(n), str(store), str(Path(__file__).parent)))
    built = time.perf_counter() - t0
    rows = {"articles": n, "quads": quads, "build_s": built}
    for mode in ("nquads", "turtle", "construct"):
        out = tmp / f"out-{n}.{mode}"
        rows[mode] = json.loads(_py(EXPORT, mode, str(store), str(out)))
        rows[mode]["mb"] = out.stat().st_size / 1e6
        out.unlink()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=50000)
    ap.add_argument("--small", type=int, default=5000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        results = [measure(n, Path(tmp)) for n in (args.small, args.articles)]
    print(
        f"{'articles':>9} {'quads':>10} {'export':>10} {'seconds':>8} {'peak MB':>8} {'file MB':>8}"
    )
    for r in results:
        for mode in ("nquads", "turtle", "construct"):
            m = r[mode]
            print(
                f"{r['articles']:>9} {r['quads']:>10} {mode:>10} {m['seconds']:>8.1f} "
                f"{m['peak_rss_mb']:>8.0f} {m['mb']:>8.0f}"
            )
    small, big = results
    for mode in ("nquads", "turtle", "construct"):
        ratio = big[mode]["peak_rss_mb"] / small[mode]["peak_rss_mb"]
        print(
            f"peak memory {mode:>9}: x{ratio:.2f} for x{big['articles'] / small['articles']:.0f} "
            "articles"
        )


if __name__ == "__main__":
    main()
