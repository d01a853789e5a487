"""Ingest benchmark: articles/s, triples/s and peak memory of a full ingest, against the floor
of a tokenise-only pass over the same texts, measured in the same run; the time per article
of each stage (read, extract, map, identity planning, store write, flush) of the same ingest
run in one thread, so that the stage that dominates is measured, not guessed; then an
ingest with SHACL validation (the compiled shapes, as the CLI runs it) and, on the same
mapped articles, the time per article of the compiled validator against pyshacl's (the
reference, the validator before the shapes were compiled).

    .venv/bin/python bench/ingest.py [--articles 2000] [--validated 100]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import article  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, folder, store_dir = sys.argv[1:4]
files = sorted(Path(folder).glob("*.txt"))
# start-up (imports, building the pipelines) is left out of both timings
if mode == "validators":
    # per-article validation time of both validators on the same mapped articles
    from communique.articles import iter_articles
    from communique.extract import extract
    from communique.mapping import map_extraction
    from communique.errors import ValidationError
    from communique.model import Article
    from communique.validate import article_validator
    articles = [a for a in iter_articles(files) if isinstance(a, Article)]
    mapped = [(a, map_extraction(extract(a))) for a in articles]
    times, failed = {}, {}
    for name, reference in (("compiled", False), ("pyshacl", True)):
        validator = article_validator(reference=reference)
        try:
            validator(*mapped[0])  # warm-up: shapes parsed (and compiled), imports done
        except ValidationError:
            pass
        failed[name] = 0
        t = time.perf_counter()
        for a, triples in mapped:
            try:
                validator(a, triples)
            except ValidationError:
                failed[name] += 1
        times[name] = (time.perf_counter() - t) / len(mapped)
    t0 = time.perf_counter()
    out = {"articles": len(mapped), "triples": sum(len(t) for _, t in mapped), **times,
           "failed_compiled": failed["compiled"], "failed_pyshacl": failed["pyshacl"]}
elif mode == "stages":
    # the same ingest without the writer thread, timed stage by stage (no validation)
    from communique.articles import iter_articles
    from communique.extract import extract
    from communique.identity import Identity
    from communique.ingest import FLUSH_EVERY, load_ontology
    from communique.mapping import map_article
    from communique.store import ArticleStore
    extract(next(a for a in iter_articles(files[:1])))
    stages = dict.fromkeys(("read", "extract", "map", "identity", "store write", "flush"), 0.0)
    n = 0
    with ArticleStore(store_dir) as store:
        load_ontology(store)
        identity = Identity(store)
        articles = iter(iter_articles([folder]))
        while True:
            t = [time.perf_counter()]
            a = next(articles, None)
            t.append(time.perf_counter())
            if a is None:
                break
            ex = extract(a)
            t.append(time.perf_counter())
            mapped = map_article(ex)
            t.append(time.perf_counter())
            planned = identity.plan(mapped)
            t.append(time.perf_counter())
            identity.commit(planned)
            t.append(time.perf_counter())
            n += 1
            if n % FLUSH_EVERY == 0:
                store.flush()
            t.append(time.perf_counter())
            for name, start, end in zip(stages, t, t[1:]):
                stages[name] += end - start
        t = time.perf_counter()
        store.flush()
        stages["flush"] += time.perf_counter() - t
    t0 = time.perf_counter()  # "seconds" is not used for this mode
    out = {"articles": n, "stages": {k: v / n for k, v in stages.items()}}
elif mode == "tokenise":
    import spacy
    nlp = spacy.blank("en")
    t0 = time.perf_counter()
    ntok = 0
    for f in files:
        ntok += len(nlp.make_doc(f.read_text(encoding="utf-8")))
    out = {"tokens": ntok}
else:
    from communique.articles import iter_articles
    from communique.extract import extract
    from communique.ingest import ingest_paths
    from communique.store import ArticleStore
    extract(next(a for a in iter_articles(files[:1])))
    validator = None
    if mode == "ingest-validated":
        from communique.validate import article_validator
        validator = article_validator()
    with ArticleStore(store_dir) as store:
        t0 = time.perf_counter()
        report = ingest_paths(store, [folder], validator=validator)
    out = {"articles": report.articles, "failed": len(report.failures),
           "triples": report.triples, "officials": report.officials, "events": report.events}
out["seconds"] = time.perf_counter() - t0
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run(mode: str, folder: Path, store_dir: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(folder), str(store_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument(
        "--validated",
        type=int,
        default=100,
        help="articles for the pass with SHACL validation (slow)",
    )
    args = ap.parse_args()
    load = os.getloadavg()  # the figures mean little on a busy machine
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        size = 0
        for i in range(args.articles):
            aid, text = article(i)
            (folder / f"{aid}.txt").write_text(text, encoding="utf-8")
            size += len(text.encode())
        t0 = time.perf_counter()
        floor = run("tokenise", folder, Path(tmp) / "unused")
        full = run("ingest", folder, Path(tmp) / "store")
        stages = run("stages", folder, Path(tmp) / "store4")["stages"]
        few = Path(tmp) / "few"
        few.mkdir()
        for f in sorted(folder.glob("*.txt"))[: args.validated]:
            (few / f.name).write_bytes(f.read_bytes())
        plain = run("ingest", few, Path(tmp) / "store3")  # the same articles, not validated
        checked = run("ingest-validated", few, Path(tmp) / "store2")
        both = run("validators", few, Path(tmp) / "unused")
        wall = time.perf_counter() - t0
    n = full["articles"]
    print(f"articles generated      {args.articles} ({size / args.articles:.0f} bytes each)")
    print(
        f"tokenise-only floor     {args.articles / floor['seconds']:8.0f} articles/s "
        f"({floor['seconds']:.2f} s, peak RSS {floor['peak_rss_mb']:.0f} MB)"
    )
    print(
        f"full ingest             {n / full['seconds']:8.0f} articles/s "
        f"({full['seconds']:.2f} s, peak RSS {full['peak_rss_mb']:.0f} MB)"
    )
    print(
        f"triples/s               {full['triples'] / full['seconds']:8.0f} "
        f"({full['triples']} triples, {full['officials']} officials, {full['events']} events)"
    )
    print(f"failed articles         {full['failed']}")
    print(f"ingest / floor time     {full['seconds'] / floor['seconds']:8.1f}x")
    per_floor = floor["seconds"] / args.articles
    print(
        "stages / floor time     "
        + ", ".join(f"{k} {v / per_floor:.1f}x" for k, v in stages.items())
        + f" (one thread, floor {per_floor * 1000:.2f} ms/article; "
        + ", ".join(f"{k} {v * 1000:.1f}" for k, v in stages.items())
        + " ms/article)"
    )
    rate_checked = checked["articles"] / checked["seconds"]
    rate_plain = plain["articles"] / plain["seconds"]
    print(
        f"with SHACL validation   {rate_checked:8.1f} articles/s "
        f"({checked['articles']} articles, failed {checked['failed']}; the same without: "
        f"{rate_plain:.1f} articles/s; the CLI validates unless --no-validate)"
    )
    fast, slow = both["compiled"] * 1000, both["pyshacl"] * 1000
    print(
        f"validation per article  {fast:8.1f} ms compiled shapes vs {slow:.0f} ms pyshacl "
        f"({slow / fast:.0f}x; {both['articles']} articles, "
        f"{both['triples'] / both['articles']:.0f} triples each, rejected "
        f"{both['failed_compiled']} / {both['failed_pyshacl']})"
    )
    print(
        f"(bench wall time {wall:.1f} s, load average {load[0]:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after, {os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
