"""Cross-article identity as pure functions: which person profiles are one person, which
event reports are one happening. No store here: :mod:`communique.identity` loads the
affected profiles and reports, calls these functions and writes the result.

Everything here is a function of the *set* of inputs (inputs are sorted before any
decision, ties are broken by keys), so the result does not depend on the order in which
articles were ingested.

People
    A *profile* groups the mentions that share a spelling, evidence keys and rank. Profiles
    with the same order-free name key (:func:`communique.names.name_info`) are joined when
    they share evidence: a country (``c:``), a post (``p:``) or an institution (``i:``) —
    a post or institution counts only when the two countries do not contradict each other.
    A profile with no evidence at all joins the one person of its name key when there is
    exactly one (or forms one with the other evidence-free profiles when there is none).
    A *partial* name (an initial, or one name only) then joins the one full-name person it
    is compatible with and shares evidence with, provided the rank history stays possible
    (no demotion). Overrides join (``same``) or keep apart (``different``) what an analyst
    says; two people named in one article are never joined.

Events
    Two reports (from different articles) are one happening when they have the same type,
    dates at most a day apart ("yesterday" in a next-day report), overlapping participants
    after person identity (two shared when both name two or more, unless they name the same
    site) and no two different sites. The closest pairs are joined first (same day, most
    participants shared, most with the same role); reports of one article are never joined.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from anyascii import anyascii

from .iris import fold
from .names import NameInfo, compatible, name_info, seniority

# reasons, in the order unions are tried, with the confidence a merge of that kind carries
REASONS = {
    "override": 1.0,
    "same-post": 0.9,
    "same-institution": 0.85,
    "same-country": 0.8,
    "initial-same-evidence": 0.85,
    "surname-same-evidence": 0.75,
    "same-name-only-candidate": 0.6,
    "initial-only-candidate": 0.6,
    "same-happening": 0.8,
}
_KEY_REASON = {"p": "same-post", "i": "same-institution", "c": "same-country"}


@dataclass
class Profile:
    """What identity knows of one spelling + evidence + rank of a person, over articles."""

    pid: str
    key: str  # order-free name key
    name: str  # spelling
    evidence: frozenset[str]  # "c:…", "p:…", "i:…"
    rank: str | None = None
    count: int = 0  # mentions (articles) with this profile
    first: dt.date | None = None
    last: dt.date | None = None
    match: str = ""  # the match key written in the article graphs (== pid unless pinned)
    ref: str | None = None  # "article#name" when an override pins this one mention
    cannot: set[str] = field(default_factory=set)  # "other-pid article": named apart there
    person: str | None = None  # the person IRI it is assigned to in the store

    @property
    def info(self) -> NameInfo:
        return name_info(self.name)

    @property
    def partial(self) -> bool:
        return self.info.partial

    @property
    def countries(self) -> set[str]:
        return {e for e in self.evidence if e.startswith("c:")}

    @property
    def apart(self) -> set[str]:
        return {c.split(" ", 1)[0] for c in self.cannot}


@dataclass(frozen=True)
class Merge:
    """One decision that joined two profiles (or two event reports)."""

    a: str
    b: str
    reason: str
    keys: tuple[str, ...] = ()
    owner: str = ""  # the name key (or "override", or "event") whose decision this is

    @property
    def confidence(self) -> float:
        return REASONS.get(self.reason, 0.5)

    @property
    def id(self) -> str:
        lo, hi = sorted((self.a, self.b))
        return hashlib.sha1(f"{lo}|{hi}".encode()).hexdigest()[:16]


class _Components:
    """Union-find that refuses a union joining two profiles that must stay apart."""

    def __init__(self, items: Iterable[str], apart: dict[str, set[str]]) -> None:
        self.parent = {i: i for i in items}
        self.members = {i: {i} for i in self.parent}
        self.apart = apart

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def can_join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        ma, mb = self.members[ra], self.members[rb]
        return not any(self.apart.get(x, set()) & mb for x in ma)

    def join(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)

    def groups(self) -> list[list[str]]:
        return sorted(sorted(m) for m in self.members.values())


def _conflicting_countries(a: Profile, b: Profile) -> bool:
    ca, cb = a.countries, b.countries
    return bool(ca and cb and not ca & cb)


def _rank_compatible(xs: Iterable[Profile], ys: Iterable[Profile]) -> bool:
    """False when joining would make someone's rank go down over time (a demotion)."""
    xs, ys = list(xs), list(ys)
    for x in xs:
        sx = seniority(x.rank)
        if sx is None or x.first is None:
            continue
        for y in ys:
            sy = seniority(y.rank)
            if sy is None or y.first is None or sx == sy:
                continue
            hi, lo = (x, y) if sx > sy else (y, x)
            if hi.first < lo.last:  # the higher rank is attested before the lower one
                return False
    return True


def _shared(a: Profile, b: Profile) -> list[str]:
    """Evidence keys two profiles share that count as evidence for one person."""
    out = []
    conflict = _conflicting_countries(a, b)
    for e in sorted(a.evidence & b.evidence):
        if e[0] in "pi" and conflict:
            continue
        out.append(e)
    return out


def _apart_map(profiles: Iterable[Profile], different: Iterable[tuple[str, str]]):
    apart: dict[str, set[str]] = defaultdict(set)
    for p in profiles:
        for other in p.apart:
            apart[p.pid].add(other)
            apart[other].add(p.pid)
    for a, b in different:
        apart[a].add(b)
        apart[b].add(a)
    return apart


def _name_components(
    profiles: list[Profile], apart: dict[str, set[str]], merges: list[Merge]
) -> list[list[str]]:
    """Stage 1: the profiles of one name key joined by shared evidence."""
    by_pid = {p.pid: p for p in profiles}
    uf = _Components(sorted(by_pid), apart)
    edges = []
    for a in sorted(by_pid):
        for b in sorted(by_pid):
            if a < b:
                keys = _shared(by_pid[a], by_pid[b])
                if keys:
                    kinds = sorted({k[0] for k in keys}, key="pic".index)
                    edges.append(("pic".index(kinds[0]), a, b, tuple(keys), kinds[0]))
    for _, a, b, keys, kind in sorted(edges):
        if uf.can_join(a, b):
            merges.append(Merge(a, b, _KEY_REASON[kind], keys, by_pid[a].key))
            uf.join(a, b)
    # profiles without evidence: the one person of this name, if there is exactly one
    bare = sorted(p for p, prof in by_pid.items() if not prof.evidence)
    with_evidence = [g for g in uf.groups() if any(by_pid[x].evidence for x in g)]
    # (with several people of this name, the bare mentions are one person of their own)
    for pid in bare:
        target = with_evidence[0][0] if len(with_evidence) == 1 else bare[0]
        if target == pid:
            continue
        members = [by_pid[x] for x in uf.members[uf.find(target)]]
        if uf.can_join(pid, target) and _rank_compatible([by_pid[pid]], members):
            merges.append(Merge(target, pid, "same-name-only-candidate", (), by_pid[pid].key))
            uf.join(pid, target)
    return uf.groups()


@dataclass
class PeopleResult:
    """Clusters of profiles (sorted lists of pids) and the merges that made them."""

    clusters: list[list[str]]
    merges: list[Merge]
    skipped_overrides: list[tuple[str, str]] = field(default_factory=list)


def cluster_people(
    profiles: Iterable[Profile],
    same: dict[str, list[str]] | None = None,
    different: Iterable[tuple[str, str]] = (),
) -> PeopleResult:
    """Cluster ``profiles`` into persons. ``same`` maps an override's id to the pids it
    joins, ``different`` lists pairs of pids an override keeps apart (an override pins the
    mentions it names, so each is a profile of its own).

    >>> P = lambda pid, name, *ev: Profile(pid, name_info(name).key, name, frozenset(ev), count=1)
    >>> r = cluster_people([P("a", "Karim Valiyev", "c:azerbaijan"), P("b", "Karim Valiev",
    ...     "c:azerbaijan"), P("c", "K. Valiyev", "p:chief-of-general-staff", "c:azerbaijan"),
    ...     P("d", "Andrei Munteanu", "c:romania"), P("e", "Andrei Munteanu", "c:moldova")])
    >>> r.clusters
    [['a', 'b', 'c'], ['d'], ['e']]
    """
    profiles = sorted(profiles, key=lambda p: p.pid)
    by_pid = {p.pid: p for p in profiles}
    different = [(a, b) for a, b in different if a in by_pid and b in by_pid]
    apart = _apart_map(profiles, different)
    merges: list[Merge] = []
    by_key: dict[str, list[Profile]] = defaultdict(list)
    for p in profiles:
        by_key[p.key].append(p)
    components: list[list[str]] = []
    for key in sorted(by_key):
        components += _name_components(by_key[key], apart, merges)
    # stage 2: partial names join the one compatible full-name person they share evidence with
    uf = _Components(sorted(by_pid), apart)
    for group in components:
        for x in group[1:]:
            uf.join(group[0], x)
    full = [g for g in components if not by_pid[g[0]].partial]
    partial = [g for g in components if by_pid[g[0]].partial]
    full_by_token: dict[str, list[list[str]]] = defaultdict(list)
    for g in full:
        for s in set(by_pid[g[0]].info.skeletons):
            full_by_token[s].append(g)
    for q in partial:
        qinfo = by_pid[q[0]].info
        qprofs = [by_pid[x] for x in q]
        candidates = []
        seen: set[str] = set()
        for s in qinfo.surnames:
            for g in full_by_token.get(s, []):
                if g[0] in seen or not compatible(qinfo, by_pid[g[0]].info):
                    continue
                seen.add(g[0])
                gprofs = [by_pid[x] for x in g]
                if not _rank_compatible(qprofs, gprofs):
                    continue
                keys = sorted({k for a in qprofs for b in gprofs for k in _shared(a, b)})
                candidates.append((g, keys))
        with_evidence = [(g, k) for g, k in candidates if k]
        kind = "initial" if qinfo.initials else "surname"
        if len(with_evidence) == 1:
            g, keys = with_evidence[0]
            reason = f"{kind}-same-evidence"
        elif (
            not with_evidence
            and len(candidates) == 1
            and qinfo.initials
            and not any(p.evidence for p in qprofs)
        ):
            g, keys = candidates[0]
            reason = "initial-only-candidate"
        else:
            continue
        if uf.can_join(q[0], g[0]):
            merges.append(Merge(g[0], q[0], reason, tuple(keys), by_pid[q[0]].key))
            uf.join(q[0], g[0])
    # overrides: join what an analyst says is one person
    skipped = []
    for gid, group in sorted((same or {}).items()):
        members = sorted(x for x in group if x in by_pid)
        for x in members[1:]:
            if uf.find(x) == uf.find(members[0]):
                continue
            if uf.can_join(members[0], x):
                merges.append(Merge(members[0], x, "override", (), gid))
                uf.join(members[0], x)
            else:
                skipped.append((members[0], x))
    return PeopleResult(uf.groups(), merges, skipped)


def lookup_keys(p: Profile) -> set[str]:
    """Keys under which a partial name and the full names it could join find each other
    without looking at every name sharing a surname: a name token with the initial of
    another token ("vlv|k": Valiyev with a K.), or with an evidence key ("vlv|c:azerbaijan").
    A partial profile's keys start with "~". A name written with an initial is found by its
    initials only; a surname alone only with its evidence (it never joins without)."""
    info = p.info
    evidence = sorted(p.evidence)
    if p.partial:
        if info.initials:
            return {f"~{s}|{i}" for s in info.skeletons for i in info.initials}
        return {f"~{s}|{e}" for s in info.skeletons for e in evidence}
    out = set()
    for i, s in enumerate(info.skeletons):
        out |= {f"{s}|{tok[0]}" for j, tok in enumerate(info.tokens) if j != i}
        out |= {f"{s}|{e}" for e in evidence}
    return out


def _native(name: str) -> int:
    return sum(1 for ch in name if ord(ch) > 127)


def best_name(profiles: Iterable[Profile]) -> Profile:
    """The spelling a person's IRI is made from: a full name before a partial one, then the
    most tokens, the most non-ASCII letters (the native spelling: Kõiv, Oğuz), the longest,
    the first in order. It does not depend on counts, so a new article never renames a
    person unless it changes who the person is."""
    return min(
        profiles,
        key=lambda p: (
            p.partial,
            -len(p.info.tokens),
            -_native(p.name),
            -len(anyascii(p.name)),
            fold(p.name),
            p.pid,
        ),
    )


def pref_label(profiles: Iterable[Profile]) -> str:
    """The display name of a person: the spelling with the most mentions (full names first)."""
    counts: dict[str, int] = defaultdict(int)
    profiles = list(profiles)
    full = [p for p in profiles if not p.partial] or profiles
    for p in full:
        counts[p.name] += p.count
    best = best_name(full)
    return min(counts, key=lambda n: (-counts[n], n != best.name, fold(n), n))


def _first_seen(cluster: list[Profile]) -> tuple:
    days = [p.first for p in cluster if p.first]
    return (min(days) if days else dt.date.max, min(p.pid for p in cluster))


def person_slugs(clusters: list[list[Profile]]) -> list[str]:
    """IRI slugs of person clusters: the fold of the best spelling. When several clusters
    would get one slug (two people with one name), the one attested first keeps it and the
    others add their country (when that tells them apart) or a short hash — so a homonym
    arriving later does not rename the person already known."""
    base = [fold(best_name(c).name) for c in clusters]
    out = list(base)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, slug in enumerate(base):
        groups[slug].append(i)
    for slug, idxs in groups.items():
        if len(idxs) < 2:
            continue
        keeper = min(idxs, key=lambda i: _first_seen(clusters[i]))
        countries = {}
        for i in idxs:
            cs = set().union(*(p.countries for p in clusters[i]))
            countries[i] = next(iter(cs))[2:] if len(cs) == 1 else ""
        for i in idxs:
            if i == keeper:
                continue
            c = countries[i]
            unique = c and sum(countries[j] == c for j in idxs) == 1
            tag = c if unique else hashlib.sha1(best_name(clusters[i]).pid.encode()).hexdigest()[:6]
            out[i] = f"{slug}--{tag}"
    return out


# --- events ---------------------------------------------------------------------------------
@dataclass
class Report:
    """One event as one article reports it, with its participants' person clusters."""

    article: str
    n: int
    cls: str
    date: dt.date | None
    persons: dict[str, set[str]]  # person IRI -> roles
    site: str | None = None
    event: str | None = None  # the event IRI it is assigned to in the store

    @property
    def rid(self) -> tuple[str, int]:
        return (self.article, self.n)


def reports_match(a: Report, b: Report) -> tuple[int, int] | None:
    """(days apart, agreement) when two reports can be one happening, else None. The
    agreement counts shared participants and, again, those with the same role in both, so
    that of two candidates the one whose host is the same host wins; a role swapped by one
    outlet does not forbid the match."""
    if a.article == b.article or a.cls != b.cls or a.date is None or b.date is None:
        return None
    days = abs((a.date - b.date).days)
    if days > 1:
        return None
    if a.site and b.site and a.site != b.site:
        return None
    same_site = bool(a.site and a.site == b.site)
    pa, pb = set(a.persons), set(b.persons)
    if pa and pb:
        shared = pa & pb
        if not shared:
            return None
        if min(len(pa), len(pb)) >= 2 and len(shared) < 2 and not same_site:
            return None
        roles = sum(1 for p in shared if a.persons[p] & b.persons[p])
        return days, len(shared) + roles
    if same_site:
        return days, 0
    return None


def cluster_reports(reports: Iterable[Report]) -> tuple[list[list[tuple[str, int]]], list[Merge]]:
    """Cluster reports into happenings: the closest pairs first (same day, most shared
    participants), never two reports of one article in one happening."""
    reports = sorted(reports, key=lambda r: r.rid)
    key = {r.rid: f"{r.article}\x1f{r.n}" for r in reports}
    apart: dict[str, set[str]] = defaultdict(set)
    by_article: dict[str, list[str]] = defaultdict(list)
    for r in reports:
        by_article[r.article].append(key[r.rid])
    for ids in by_article.values():
        for x in ids:
            apart[x] = set(ids) - {x}
    uf = _Components(key.values(), apart)
    edges = []
    for i, a in enumerate(reports):
        for b in reports[i + 1 :]:
            m = reports_match(a, b)
            if m is not None:
                edges.append((m[0], -m[1], key[a.rid], key[b.rid]))
    merges = []
    for _, _, a, b in sorted(edges):
        if uf.can_join(a, b):
            merges.append(Merge(a, b, "same-happening", (), "event"))
            uf.join(a, b)
    back = {v: k for k, v in key.items()}
    return [[back[x] for x in g] for g in uf.groups()], merges
