"""Scoring cross-article identity against a gold file (``tests/data/identity/gold.json``).

The articles are ingested into a fresh in-memory store; each gold mention (article, name as
written) is aligned to the person node of that article's graph with the same or a
compatible name, and each gold event report (event, article) to an event of that article
with the same type and the most shared participants. Then, pairwise over aligned units:

* people: precision and recall of "these two mentions are one person" (the nodes' IRIs);
* events: precision, recall and F1 of "these two reports are one happening".

Mentions or reports the extraction did not produce cannot be aligned; they are counted
separately (``coverage``), so that the scores measure identity rather than extraction, and
an end-to-end recall that counts them as misses is reported beside.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .errors import CommuniqueError
from .iris import fold
from .names import compatible, name_info
from .store import ArticleStore, graph_iri
from .vocab import CQ


@dataclass
class PairScore:
    """Pairwise precision / recall over aligned units."""

    true_pairs: int = 0
    system_pairs: int = 0
    gold_pairs: int = 0
    units: int = 0
    gold_units: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pairs / self.system_pairs if self.system_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def coverage(self) -> float:
        return self.units / self.gold_units if self.gold_units else 1.0

    def to_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_pairs": self.true_pairs,
            "system_pairs": self.system_pairs,
            "gold_pairs": self.gold_pairs,
            "aligned": self.units,
            "gold_units": self.gold_units,
            "coverage": round(self.coverage, 4),
        }


@dataclass
class IdentityScore:
    people: PairScore
    events: PairScore
    end_to_end_people_recall: float
    not_same_violations: list[str]
    articles: int

    def to_dict(self) -> dict:
        return {
            "articles": self.articles,
            "people": self.people.to_dict(),
            "people_end_to_end_recall": round(self.end_to_end_people_recall, 4),
            "events": self.events.to_dict(),
            "not_same_violations": self.not_same_violations,
            "people_errors": self.people.errors,
            "event_errors": self.events.errors,
        }

    def to_table(self) -> str:
        p, e = self.people, self.events
        lines = [
            f"articles: {self.articles}",
            "             precision  recall     F1   pairs (true/system/gold)  aligned",
            f"officials     {p.precision:8.3f} {p.recall:7.3f} {p.f1:6.3f}   "
            f"{p.true_pairs:>5}/{p.system_pairs}/{p.gold_pairs:<12} "
            f"{p.units}/{p.gold_units} mentions",
            f"events        {e.precision:8.3f} {e.recall:7.3f} {e.f1:6.3f}   "
            f"{e.true_pairs:>5}/{e.system_pairs}/{e.gold_pairs:<12} "
            f"{e.units}/{e.gold_units} reports",
            f"officials recall counting unextracted mentions as misses: "
            f"{self.end_to_end_people_recall:.3f}",
            f"not-same pairs merged: {len(self.not_same_violations)}",
        ]
        for v in self.not_same_violations:
            lines.append(f"  ! {v}")
        for err in p.errors:
            lines.append(f"  person {err}")
        for err in e.errors:
            lines.append(f"  event {err}")
        return "\n".join(lines)


def _name_score(gold: str, system: str) -> float:
    if fold(gold) == fold(system):
        return 3.0
    g, s = name_info(gold), name_info(system)
    if g.key == s.key:
        return 2.5
    if compatible(g, s) or compatible(s, g):
        return 2.0
    if set(g.skeletons) & set(s.skeletons):
        return 1.0
    return 0.0


def _people_of(store: ArticleStore, aid: str) -> dict[str, set[str]]:
    rows = store.oxigraph.query(
        f"SELECT ?p ?n WHERE {{ GRAPH {graph_iri(aid)} {{ ?p a {CQ.Person} ; {CQ.name} ?n }} }}"
    )
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        out[r["p"].value].add(r["n"].value)
    return out


def _events_of(store: ArticleStore, aid: str) -> dict[str, dict]:
    g = graph_iri(aid)
    rows = store.oxigraph.query(
        f"SELECT ?e ?cls ?d ?x WHERE {{ GRAPH {g} {{ ?e {CQ.reportedIn} ?a ; a ?cls . "
        f"OPTIONAL {{ ?e {CQ.date} ?d }} "
        f"OPTIONAL {{ ?e {CQ.hasParticipation} ?pt . ?pt {CQ.participant} ?x }} }} }}"
    )
    out: dict[str, dict] = {}
    for r in rows:
        cls = r["cls"].value
        if not cls.startswith(CQ.Event.value[: -len("Event")]) or cls == CQ.Event.value:
            continue
        e = out.setdefault(
            r["e"].value, {"type": cls.rsplit("#", 1)[-1], "dates": set(), "who": set()}
        )
        if r["d"] is not None:
            e["dates"].add(r["d"].value[:10])
        if r["x"] is not None:
            e["who"].add(r["x"].value)
    return out


def _assign(scored: list[tuple[float, object, object]]) -> list[tuple[object, object]]:
    """A one-to-one assignment of gold items to system items with a high total score: the
    greedy one (best pairs first), then improved by exchanging partners while that helps."""
    score = {(g, s): v for v, g, s in scored}
    pairs: list[list] = []
    used_g, used_s = set(), set()
    for _v, g, s in sorted(scored, key=lambda t: (-t[0], str(t[1]), str(t[2]))):
        if g not in used_g and s not in used_s:
            used_g.add(g)
            used_s.add(s)
            pairs.append([g, s])
    improved = True
    while improved:
        improved = False
        for i in range(len(pairs)):
            for j in range(i + 1, len(pairs)):
                (g1, s1), (g2, s2) = pairs[i], pairs[j]
                now = score[(g1, s1)] + score[(g2, s2)]
                swapped = score.get((g1, s2), -1e9) + score.get((g2, s1), -1e9)
                if swapped > now + 1e-9:
                    pairs[i][1], pairs[j][1] = s2, s1
                    improved = True
    return [(g, s) for g, s in pairs]


def _pairs(units: list[tuple[str, str]]) -> tuple[set, set]:
    """(gold-positive pairs, system-positive pairs) over (gold id, system id) units."""
    gold, system = set(), set()
    for (i, (ga, sa)), (j, (gb, sb)) in combinations(enumerate(units), 2):
        if ga == gb:
            gold.add((i, j))
        if sa == sb:
            system.add((i, j))
    return gold, system


def score_store(store: ArticleStore, gold: dict) -> IdentityScore:
    """Score a store that holds the gold file's articles (see the module doc)."""
    people = PairScore()
    # --- people: align gold mentions to the person nodes of their article
    by_article: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for person in gold["people"]:
        for m in person["mentions"]:
            by_article[m["article"]].append((person["id"], m["name"]))
    units: list[tuple[str, str]] = []
    unit_info: list[str] = []
    align: dict[str, dict[str, str]] = {}  # article -> system IRI -> gold person id
    for aid in sorted(by_article):
        nodes = _people_of(store, aid)
        scored = []
        for gid, name in by_article[aid]:
            for iri, names in nodes.items():
                s = max(_name_score(name, n) for n in names)
                if s > 0:
                    scored.append((s, (gid, name), iri))
        align[aid] = {}
        for (gid, name), iri in sorted(_assign(scored)):
            align[aid][iri] = gid
            units.append((gid, iri))
            unit_info.append(f"{aid}#{name}")
        people.gold_units += len(by_article[aid])
    people.units = len(units)
    gpairs, spairs = _pairs(units)
    people.true_pairs = len(gpairs & spairs)
    people.gold_pairs, people.system_pairs = len(gpairs), len(spairs)
    for i, j in sorted(spairs - gpairs):
        people.errors.append(
            f"false merge: {unit_info[i]} ({units[i][0]}) = {unit_info[j]} ({units[j][0]}) "
            f"as {units[i][1].rsplit('/', 1)[-1]}"
        )
    for i, j in sorted(gpairs - spairs):
        people.errors.append(
            f"missed: {unit_info[i]} = {unit_info[j]} ({units[i][0]}): "
            f"{units[i][1].rsplit('/', 1)[-1]} / {units[j][1].rsplit('/', 1)[-1]}"
        )
    all_gold_pairs = sum(len(p["mentions"]) * (len(p["mentions"]) - 1) // 2 for p in gold["people"])
    e2e = people.true_pairs / all_gold_pairs if all_gold_pairs else 1.0
    # not-same pairs
    violations = []
    iris_of: dict[str, set[str]] = defaultdict(set)
    for gid, iri in units:
        iris_of[gid].add(iri)
    for a, b, why in gold.get("not_same", []):
        shared = iris_of[a] & iris_of[b]
        if shared:
            violations.append(f"{a} and {b} merged as {sorted(shared)[0]} ({why})")
    # --- events: align gold reports to the events of their article
    events = PairScore()
    reports: dict[str, list[dict]] = defaultdict(list)
    for ev in gold["events"]:
        for aid in ev["reports"]:
            reports[aid].append(ev)
    eunits: list[tuple[str, str]] = []
    einfo: list[str] = []
    for aid in sorted(reports):
        sys_events = _events_of(store, aid)
        scored = []
        for ev in reports[aid]:
            want = set(ev["participants"])
            for iri, se in sys_events.items():
                if se["type"] != ev["type"]:
                    continue
                got = {align[aid].get(x) for x in se["who"]} - {None}
                shared = len(want & got)
                on_day = ev["date"] in se["dates"]
                if shared == 0 and not (on_day and not want):
                    continue
                extra = len(got - want)
                scored.append((shared * 2 + on_day - 0.5 * extra, ev["id"], iri))
        for gid, iri in sorted(_assign(scored)):
            eunits.append((gid, iri))
            einfo.append(f"{aid}:{gid}")
        events.gold_units += len(reports[aid])
    events.units = len(eunits)
    gpairs, spairs = _pairs(eunits)
    events.true_pairs = len(gpairs & spairs)
    events.gold_pairs, events.system_pairs = len(gpairs), len(spairs)
    for i, j in sorted(spairs - gpairs):
        events.errors.append(f"false merge: {einfo[i]} = {einfo[j]}")
    for i, j in sorted(gpairs - spairs):
        events.errors.append(f"missed: {einfo[i]} = {einfo[j]}")
    return IdentityScore(people, events, e2e, violations, len(store.article_ids()))


def evaluate_identity(gold_path: str | Path, articles: str | Path) -> IdentityScore:
    """Ingest ``articles`` into a fresh in-memory store and score it against ``gold_path``.

    >>> import pathlib
    >>> root = pathlib.Path(__file__).resolve().parents[2] / "tests" / "data" / "identity"
    >>> score = evaluate_identity(root / "gold.json", root / "articles")  # doctest: +SKIP
    """
    from .ingest import ingest_paths

    gold_path = Path(gold_path)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CommuniqueError(f"cannot read the gold file {gold_path}: {exc}") from None
    if not isinstance(gold, dict) or "people" not in gold or "events" not in gold:
        raise CommuniqueError(f"{gold_path}: a gold file has 'people' and 'events' lists")
    store = ArticleStore(None)
    report = ingest_paths(store, [Path(articles)])
    if report.failures:
        raise CommuniqueError(
            "articles failed to ingest: " + "; ".join(str(f) for f in report.failures)
        )
    return score_store(store, gold)
