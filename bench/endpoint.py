"""Endpoint benchmark: `communique serve` against Oxigraph's own server on the same store.

    .venv/bin/python bench/endpoint.py [--articles N] [--requests N] [--seconds S]

Builds a synthetic store (synthetic extractions through the real mapping, so the graph has
the real shape: people, posts, holdings, events, participations, evidence), copies it (the
serving process holds RocksDB's lock), serves one copy with ``communique serve`` and the other
with ``oxigraph serve-read-only --union-default-graph``, checks that both answer the same, then
reports for a point lookup, a two-hop join and an aggregate: p50/p95 latency (one client,
the two servers measured in alternating blocks so drift hits both alike) and requests per
second with 1 and 8 concurrent clients (threads, one httpx client each). Everything runs on
loopback; the clients share the machine with the servers, as they would on a laptop.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from communique.mapping import map_extraction  # noqa: E402
from communique.model import (  # noqa: E402
    Article,
    Event,
    Evidence,
    Extraction,
    Institution,
    Official,
    Participant,
    Place,
    PostMention,
    Site,
)
from communique.store import ArticleStore  # noqa: E402

BIN = Path(sys.executable).parent
GIVEN = "Arvid Lena Tomas Ines Mira Oskar Piet Ilse Karim Nora Emil Dara Ivo Sato Hugo".split()
FAMILY = (
    "Lanz Halme Brandt Varga Moor Oran Adler Kell Sarr Falk Vance Reyes Ekholm Varro Solberg "
    "Bruåsdal Kovačević Mammadov Aliyev Petrenko Novak Jansen Rossi Costa Weber"
).split()
RANKS = ["Colonel", "Major General", "Lieutenant General", "General", "Rear Admiral"]
POSTS = ["Minister of Defence", "Chief of the General Staff", "Commander", "Deputy Minister",
         "Director General", "Ambassador", "Defence Attaché", "Rector"]  # fmt: skip
COUNTRIES = ["Marenia", "Ostravia", "Kestrelia", "Valdonia", "Norvik", "Azerbaijan", "Latvia"]
INSTITUTIONS = ["Ministry of Defence", "General Staff", "Land Forces", "Naval Forces",
                "Air Force", "Military Academy", "Embassy"]  # fmt: skip
SITES = ["Harbour Museum", "Alley of Honour", "Victory Park", "Naval Base", "Memorial Complex"]
CITIES = ["Kestrel", "Baku", "Riga", "Norvik City", "Valdo"]

CQ = "PREFIX cq: <https://w3id.org/communique/ontology#>\n"
QUERIES = {
    "point lookup": CQ + "SELECT ?name WHERE { "
    "<https://w3id.org/communique/id/person/karim-varga> cq:name ?name }",
    "two-hop join": CQ + "SELECT DISTINCT ?other ?name WHERE { "
    "?e cq:hasParticipation ?p1, ?p2 . "
    "?p1 cq:participant <https://w3id.org/communique/id/person/karim-varga> . "
    "?p2 cq:participant ?other . ?other cq:name ?name "
    "FILTER(?other != <https://w3id.org/communique/id/person/karim-varga>) } ORDER BY ?name",
    "aggregate": CQ + "SELECT ?type (COUNT(DISTINCT ?e) AS ?events) WHERE { "
    "?e cq:reportedIn ?a ; a ?type } GROUP BY ?type ORDER BY DESC(?events)",
}
ACCEPT = {"Accept": "application/sparql-results+json"}


def _evidence(rng: random.Random, n: int) -> Evidence:
    s = rng.randrange(0, max(1, n - 40))
    return Evidence(s, s + 20, max(0, s - 10), min(n, s + 60), rng.choice(["rank-name", "met"]))


def synthetic_extraction(i: int, rng: random.Random) -> Extraction:
    """One article's worth of officials, institutions, a site and 1–3 events."""
    words = GIVEN + FAMILY + ["met", "with", "the", "visited", "said", "."]
    text = " ".join(rng.choice(words) for _ in range(150))
    art = Article(
        id=f"synth-{i:05d}",
        text=text,
        date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1800)),
        title=f"Synthetic article {i}",
        url=f"https://example.org/news/{i}",
        source="Synthetic Wire",
    )
    n = len(text)
    countries = rng.sample(COUNTRIES, 2)
    insts = [
        Institution(key=f"i{k}", name=rng.choice(INSTITUTIONS), country=c,
                    mentions=[_evidence(rng, n)])
        for k, c in enumerate(countries)
    ]  # fmt: skip
    officials = []
    for k in range(rng.randint(3, 6)):
        c = rng.randrange(2)
        officials.append(
            Official(
                key=f"p{k}",
                name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                rank=rng.choice(RANKS),
                country=countries[c],
                posts=[PostMention(rng.choice(POSTS), f"i{c}", _evidence(rng, n))],
                mentions=[_evidence(rng, n)],
            )
        )
    places = [Place("pl0", rng.choice(CITIES), "city", [_evidence(rng, n)])]
    sites = [Site("s0", rng.choice(SITES), place="pl0", mentions=[_evidence(rng, n)])]
    events = []
    for k in range(rng.randint(1, 3)):
        a, b = rng.sample(officials, 2)
        kind = rng.choice(["Meeting", "Visit", "Statement", "Talk"])
        roles = ("visitor", "visited") if kind == "Visit" else ("host", "guest")
        events.append(
            Event(
                key=f"e{k}",
                type=kind,
                participants=[Participant(a.key, roles[0], _evidence(rng, n)),
                              Participant(b.key, roles[1], _evidence(rng, n))],
                site="s0",
                place="pl0",
                quote="We will train together." if kind == "Statement" else None,
                evidence=_evidence(rng, n),
            )
        )  # fmt: skip
    return Extraction(art, officials, insts, sites, places, events)


def build_store(path: Path, articles: int) -> tuple[int, int]:
    rng = random.Random(7)
    with ArticleStore(path) as store:
        for i in range(articles):
            ex = synthetic_extraction(i, rng)
            store.replace_article(ex.article.id, map_extraction(ex))
        return store.count_triples(), store.count_quads()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early: {proc.args}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"server not ready: {url}")


def get(client: httpx.Client, url: str, query: str) -> httpx.Response:
    r = client.get(url, params={"query": query}, headers=ACCEPT)
    if r.status_code != 200:
        raise SystemExit(f"{url}: {r.status_code} {r.text[:300]}")
    return r


def latencies(urls: dict[str, str], query: str, n: int, block: int = 25) -> dict[str, list]:
    times: dict[str, list[float]] = {name: [] for name in urls}
    clients = {name: httpx.Client() for name in urls}
    try:
        for name, url in urls.items():
            for _ in range(20):
                get(clients[name], url, query)
        while min(len(t) for t in times.values()) < n:
            for name, url in urls.items():
                c = clients[name]
                for _ in range(block):
                    t0 = time.perf_counter()
                    get(c, url, query)
                    times[name].append(time.perf_counter() - t0)
    finally:
        for c in clients.values():
            c.close()
    return times


def throughput(url: str, query: str, clients: int, seconds: float) -> float:
    stop = time.monotonic() + seconds
    counts = [0] * clients
    errors: list[str] = []

    def worker(k: int) -> None:
        with httpx.Client() as c:
            get(c, url, query)
            barrier.wait()
            while time.monotonic() < stop:
                r = c.get(url, params={"query": query}, headers=ACCEPT)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {r.text[:200]}")
                    return
                counts[k] += 1

    barrier = threading.Barrier(clients)
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"{url}: {errors[0]}")
    return sum(counts) / (time.monotonic() - t0)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def server_stack() -> str:
    """What uvicorn picks in the server's environment (it prefers httptools and uvloop)."""
    probe = "import importlib.util as u; print(bool(u.find_spec('httptools')), " \
            "bool(u.find_spec('uvloop')))"  # fmt: skip
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    httptools, uvloop = (word == "True" for word in out.split())
    return (f"{'httptools' if httptools else 'h11'} and "
            f"{'uvloop' if uvloop else 'the asyncio event loop'}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300, help="synthetic articles (default 300)")
    ap.add_argument("--requests", type=int, default=300, help="timed requests per query/server")
    ap.add_argument("--seconds", type=float, default=2.0, help="per throughput run")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="communique-bench-"))
    procs: list[subprocess.Popen] = []
    try:
        t0 = time.perf_counter()
        triples, quads = build_store(work / "store", args.articles)
        print(f"store: {args.articles} articles, {triples:,} triples ({quads:,} quads) "
              f"built in {time.perf_counter() - t0:.1f} s")  # fmt: skip
        shutil.copytree(work / "store", work / "store-oxigraph")
        p1, p2 = free_port(), free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        procs.append(subprocess.Popen(
            [str(BIN / "communique"), "--store", str(work / "store"), "serve",
             "--port", str(p1), "--log-level", "warning"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        procs.append(subprocess.Popen(
            [str(BIN / "oxigraph"), "serve-read-only", "--location", str(work / "store-oxigraph"),
             "--bind", f"127.0.0.1:{p2}", "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        urls = {
            "communique": f"http://127.0.0.1:{p1}/sparql",
            "oxigraph": f"http://127.0.0.1:{p2}/query",
        }
        for url, proc in zip(urls.values(), procs, strict=True):
            wait_ready(url, proc)
        with httpx.Client() as c:
            for qname, q in QUERIES.items():
                answers = [get(c, url, q).json()["results"]["bindings"] for url in urls.values()]
                if answers[0] != answers[1]:
                    raise SystemExit(f"the servers disagree on the {qname}")
                print(f"{qname}: {len(answers[0])} rows from both")

        print(f"\nlatency, one client, {args.requests} requests per query and server (ms)")
        print(f"{'query':<14} {'communique p50/p95':>19} {'oxigraph p50/p95':>17} "
              f"{'ratio p50':>10}")  # fmt: skip
        for qname, q in QUERIES.items():
            t = latencies(urls, q, args.requests)
            c50, c95 = pct(t["communique"], 50), pct(t["communique"], 95)
            o50, o95 = pct(t["oxigraph"], 50), pct(t["oxigraph"], 95)
            print(f"{qname:<14} {c50:>9.2f} / {c95:<7.2f} {o50:>8.2f} / {o95:<6.2f} "
                  f"{c50 / o50:>9.2f}×")  # fmt: skip

        print(f"\nthroughput, requests/s (mean of two {args.seconds:g} s runs each, in the order "
              "communique, oxigraph, oxigraph, communique)")  # fmt: skip
        print(f"{'query':<14} {'clients':>7} {'communique':>11} {'oxigraph':>9} {'ratio':>7}")
        order = ["communique", "oxigraph", "oxigraph", "communique"]
        for qname, q in QUERIES.items():
            for n in (1, 8):
                runs: dict[str, list[float]] = {name: [] for name in urls}
                for name in order:
                    runs[name].append(throughput(urls[name], q, n, args.seconds))
                rates = {name: sum(r) / len(r) for name, r in runs.items()}
                ratio = rates["communique"] / rates["oxigraph"]
                print(f"{qname:<14} {n:>7} {rates['communique']:>11.0f} "
                      f"{rates['oxigraph']:>9.0f} {ratio:>6.2f}×")  # fmt: skip
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        python = sys.version.split()[0]
        print(f"\nmachine: {os.cpu_count()} CPUs (load average now {load}), Python {python}; "
              f"communique serve on uvicorn with {server_stack()}")  # fmt: skip
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
