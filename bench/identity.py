"""Identity benchmark: ingest time per article as the store grows to 1k, 10k and 50k articles
of overlapping officials (spellings, promotions, namesakes, events reported by several
outlets), to show that identity lookups do not slow ingest down as the store grows.

    .venv/bin/python bench/identity.py [--sizes 1000,10000,50000] [--window 500] [--extract 100]

One on-disk store is filled with synthetic articles of ``generate.World``. The timed path of
every article is the ingest writer's: mapping, identity resolution (profile and event
lookups through the store's indexes) and the one transaction that writes the article graph,
the identity records and any rewritten graph. Extraction is left out of the fill because it
does not depend on the store (and would make the 50k run take an hour); instead, at each
size, a further ``--extract`` articles go through the whole pipeline (text → rule extraction
→ mapping → identity → store) and are timed as well.

Baseline measured in the same run: the last ``--window`` articles before each size are timed
in chunks of 50, and after each chunk the same 50 articles are ingested, and timed, into a
fresh store that holds only that window's articles. The ratio of the two medians says how
much slower an article is because of the store's size, independent of how loaded the
(shared) machine was at that moment. Flat means the ratio at every size stays within 1.5x of
the ratio at the first size.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import World  # noqa: E402

from communique.identity import Identity  # noqa: E402
from communique.mapping import map_article  # noqa: E402
from communique.store import ArticleStore  # noqa: E402

CHUNK = 50


def _count(store: ArticleStore, sparql: str) -> int:
    return int(next(iter(store.oxigraph.query(sparql)))["n"].value)


def _timed_put(ident: Identity, ex) -> float:
    t0 = time.perf_counter()
    ident.put(map_article(ex))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--window", type=int, default=500)
    ap.add_argument("--extract", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--people", type=int, default=4000)
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    world = World(seed=args.seed, people=args.people)
    from communique.extract import extract
    from communique.model import Article

    extract(Article("warm-up", "Minister of Defence Ann Lee met Colonel Bo Ek.", None))
    rows = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="communique-bench-") as tmp:
        store = ArticleStore(Path(tmp) / "store")
        ident = Identity(store)
        i = 0  # next world article
        for n, size in enumerate(sizes):
            # fill up to the window untimed
            while i < size - args.window:
                _, _, ex = world.article(i)
                ident.put(map_article(ex))
                i += 1
            big: list[float] = []
            fresh: list[float] = []
            with ArticleStore(Path(tmp) / f"fresh-{n}") as small:
                ident_small = Identity(small)
                while i < size:
                    chunk = [world.article(j)[2] for j in range(i, min(i + CHUNK, size))]
                    big += [_timed_put(ident, ex) for ex in chunk]
                    fresh += [_timed_put(ident_small, ex) for ex in chunk]
                    i += len(chunk)
            # the whole pipeline on the next articles, extraction included
            whole = []
            for _ in range(args.extract):
                aid, text, ex = world.article(i)
                art = Article(aid, text, ex.article.date, ex.article.title, source="World News")
                t0 = time.perf_counter()
                ident.put(map_article(extract(art)))
                whole.append(time.perf_counter() - t0)
                i += 1
            med, base = statistics.median(big), statistics.median(fresh)
            full = statistics.median(whole) if whole else 0.0
            people = _count(
                store,
                "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH "
                "<https://w3id.org/communique/graph/identity> { ?x "
                "<https://w3id.org/communique/ontology#profileOf> ?p . "
                'FILTER(CONTAINS(STR(?p), "/person/")) } }',
            )
            rows.append((size, med, base, statistics.mean(big), full))
            print(
                f"{size:>6} articles: median {med * 1000:5.1f} ms/article (same articles into "
                f"a fresh store {base * 1000:5.1f} ms, ratio {med / base:4.2f}), mean "
                f"{statistics.mean(big) * 1000:5.1f}; all stages (median of {len(whole)}) "
                f"{full * 1000:5.1f} ms; {people} people, {len(store.oxigraph)} quads  "
                f"[{time.perf_counter() - started:.0f} s]",
                flush=True,
            )
        store.close()
    r0 = rows[0][1] / rows[0][2]
    print()
    print(
        "articles  median ms/article  fresh-store ms  ratio  ratio / first  "
        "raw median / first  all stages ms"
    )
    for size, med, base, _mean, full in rows:
        print(
            f"{size:>8}  {med * 1000:17.1f}  {base * 1000:14.1f}  {med / base:5.2f}  "
            f"{med / base / r0:13.2f}  {med / rows[0][1]:18.2f}  {full * 1000:13.1f}"
        )
    worst = max(r[1] / r[2] / r0 for r in rows)
    verdict = "flat (within 1.5x)" if worst <= 1.5 else "NOT flat"
    print(
        f"\nper-article time, normalised by the fresh-store baseline, {verdict}: worst "
        f"{worst:.2f}x of the {sizes[0]} figure"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB, wall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
