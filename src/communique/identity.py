"""Cross-article identity in the store: one node per real person and one event per
happening, recomputed for the affected names after every ingest, removal or override change.

Design (see docs/identity.md):

* Each article graph holds only what the article says. Its person nodes carry the keys they
  were found under — ``cq:nameKey`` (order-free, transliteration-folded name) and
  ``cq:matchKey`` (a hash of spelling, evidence keys and rank) — and its nodes are written
  under the *canonical* IRIs of the person and event clusters, so a plain query sees one
  node per person and per happening. When a cluster changes, the few article graphs that
  mention it are rewritten (an IRI substitution) in the same transaction.
* The identity graph (``graph/identity``) is derived: profiles (one per spelling + evidence +
  rank, with mention counts and first/last dates), event reports, the merges with their
  reason, evidence keys and confidence, and per person and event ``cq:articleCount`` and
  (persons) ``skos:prefLabel``. It is a function of the set of articles and the overrides:
  clustering decisions are made over sorted inputs (:mod:`communique.identity_cluster`).
* Lookups go through literal keys (``cq:nameKey``, ``cq:nameToken``, ``cq:eventKey``), which
  Oxigraph answers from its POS index: no scan of all names, so ingest time per article
  does not grow with the store.
* Overrides (``graph/overrides``) pin mentions named as ``article-id#Name as written``; they
  survive re-ingest because they name the article and the spelling, not a node IRI.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from . import iris
from .errors import CommuniqueError
from .identity_cluster import (
    Merge,
    Profile,
    Report,
    cluster_people,
    cluster_reports,
    lookup_keys,
    person_slugs,
    pref_label,
    reports_match,
)
from .mapping import MappedArticle, PersonMention
from .names import compatible, name_info
from .store import ArticleStore, graph_iri
from .vocab import CQ, GRAPH_NS, ID_NS, OWL, RDF, RDFS, SKOS, XSD

IDENTITY_GRAPH = NamedNode(GRAPH_NS + "identity")
OVERRIDES_GRAPH = NamedNode(GRAPH_NS + "overrides")
OVERRIDES_ENV = "COMMUNIQUE_OVERRIDES"
_EXPAND_LIMIT = 5000  # name keys loaded for one decision, at most (a safety bound)


class OverridesError(CommuniqueError):
    """An overrides file that cannot be applied; nothing was changed."""


# --- small helpers ----------------------------------------------------------------------------
def _day(value: dt.date | None) -> Literal | None:
    return Literal(f"{value.isoformat()}T00:00:00", datatype=XSD.dateTime) if value else None


def _parse_day(term) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(term.value[:10])
    except ValueError:
        return None


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def _profile_iri(pid: str) -> NamedNode:
    return NamedNode(f"{ID_NS}profile/{pid}")


def _report_iri(article: str, n: int) -> NamedNode:
    return iris.article_scoped_iri("report", article, str(n))


def _merge_iri(m: Merge) -> NamedNode:
    return NamedNode(f"{ID_NS}merge/{m.id}")


def pin_pid(article: str, name: str) -> str:
    """The profile id of a mention an override names (it becomes a profile of its own)."""
    return "pin" + hashlib.sha1(f"{article}#{iris.fold(name)}".encode()).hexdigest()[:13]


def _is_partial_key(key: str) -> bool:
    parts = key.split()
    return any(p.endswith(".") for p in parts) or len(parts) < 2


_PROFILE_NS = f"{ID_NS}profile/"
_REPORT_NS = f"{ID_NS}report/"
_MERGE_NS = f"{ID_NS}merge/"


_INDEXED = frozenset(
    t.value for t in (CQ.nameKey, CQ.nameToken, CQ.eventKey, CQ.profileOf, CQ.mergeOf)
)


class _Cache:
    """A write-through cache of the identity graph for the one process that writes it:
    node -> its triples, and (indexed predicate, object) -> subjects. Filled from the
    store's indexes on a miss, updated with exactly what a committed update changed, kept
    to a bounded size (least recently used entries go first)."""

    def __init__(self, ox, limit: int = 60_000) -> None:
        self.ox = ox
        self.limit = limit
        self.nodes: OrderedDict[NamedNode, frozenset] = OrderedDict()
        self.index: OrderedDict[tuple, frozenset] = OrderedDict()

    @staticmethod
    def of(store: ArticleStore) -> _Cache:
        cache = getattr(store, "_identity_cache", None)
        if cache is None or cache.ox is not store.oxigraph:
            cache = _Cache(store.oxigraph)
            store._identity_cache = cache
        return cache

    def _get(self, table: OrderedDict, key, load):
        if key in table:
            table.move_to_end(key)
            return table[key]
        value = load()
        table[key] = value
        if len(table) > self.limit:
            table.popitem(last=False)
        return value

    def node(self, node: NamedNode) -> frozenset:
        """The identity triples of ``node``."""
        return self._get(
            self.nodes,
            node,
            lambda: frozenset(
                (q.subject, q.predicate, q.object)
                for q in self.ox.quads_for_pattern(node, None, None, IDENTITY_GRAPH)
            ),
        )

    def subjects(self, predicate: NamedNode, obj, prefix: str = "") -> list[NamedNode]:
        """Subjects of ``(?s predicate obj)`` in the identity graph, from the index."""
        found = self._get(
            self.index,
            (predicate, obj),
            lambda: frozenset(
                q.subject for q in self.ox.quads_for_pattern(None, predicate, obj, IDENTITY_GRAPH)
            ),
        )
        return sorted((n for n in found if n.value.startswith(prefix)), key=lambda n: n.value)

    def applied(self, deletes: list[tuple], inserts: list[tuple]) -> None:
        """The update that deleted and inserted these identity triples was committed."""
        for triples, add in ((deletes, False), (inserts, True)):
            for t in triples:
                s, p, o = t
                if s in self.nodes:
                    self.nodes[s] = self.nodes[s] | {t} if add else self.nodes[s] - {t}
                if p.value in _INDEXED and (p, o) in self.index:
                    cur = self.index[(p, o)]
                    self.index[(p, o)] = cur | {s} if add else cur - {s}

    def clear(self) -> None:
        self.nodes.clear()
        self.index.clear()


# --- overrides ------------------------------------------------------------------------------
@dataclass(frozen=True)
class MentionRef:
    """``article-id#Name as written``: one person as one article names them."""

    article: str
    name: str

    @classmethod
    def parse(cls, text: str, where: str) -> MentionRef:
        if not isinstance(text, str) or "#" not in text:
            raise OverridesError(
                f"{where}: {text!r} is not a mention; write it as 'ARTICLE_ID#Name as written'"
            )
        article, _, name = text.rpartition("#")
        if not article.strip() or not name.strip():
            raise OverridesError(f"{where}: {text!r} needs both an article id and a name")
        return cls(article.strip(), name.strip())

    @property
    def key(self) -> tuple[str, str]:
        return (self.article, iris.fold(self.name))

    @property
    def pid(self) -> str:
        return pin_pid(self.article, self.name)

    def __str__(self) -> str:
        return f"{self.article}#{self.name}"


@dataclass
class OverrideEntry:
    kind: str  # "same" | "different"
    mentions: list[MentionRef]
    reason: str = ""

    @property
    def id(self) -> str:
        raw = self.kind + "|" + "|".join(sorted(f"{m.article}#{m.key[1]}" for m in self.mentions))
        return hashlib.sha1(raw.encode()).hexdigest()[:16]


@dataclass
class Overrides:
    """What an analyst says: these mentions are one person; these are different people."""

    entries: list[OverrideEntry] = field(default_factory=list)

    @property
    def refs(self) -> dict[tuple[str, str], MentionRef]:
        return {m.key: m for e in self.entries for m in e.mentions}

    def same_groups(self) -> dict[str, list[str]]:
        return {
            "override:" + e.id: sorted({m.pid for m in e.mentions})
            for e in self.entries
            if e.kind == "same"
        }

    def different_pairs(self) -> list[tuple[str, str]]:
        out = []
        for e in self.entries:
            if e.kind == "different":
                pids = sorted({m.pid for m in e.mentions})
                out += [(a, b) for i, a in enumerate(pids) for b in pids[i + 1 :]]
        return out

    def to_json(self) -> dict:
        out: dict[str, list] = {"same": [], "different": []}
        for e in self.entries:
            item = {"mentions": [str(m) for m in e.mentions]}
            if e.reason:
                item["reason"] = e.reason
            out[e.kind].append(item)
        return out


def parse_overrides(data: dict | str | Path, where: str = "overrides") -> Overrides:
    """Read and check an overrides document (a dict, JSON text or a JSON file)::

        {"same": [{"mentions": ["a1#Kerim Veliyev", "a2#Karim Valiyev"], "reason": "…"}],
         "different": [{"mentions": ["a3#Andrei Munteanu", "a4#Andrei Munteanu"]}]}

    A document that contradicts itself (two mentions both the same and different, directly
    or through other "same" entries, or one mention twice in an entry) is an OverridesError.
    """
    if isinstance(data, Path):
        where = str(data)
        try:
            data = data.read_text(encoding="utf-8")
        except OSError as exc:
            raise OverridesError(f"cannot read the overrides file {where}: {exc}") from None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise OverridesError(f"{where}: not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise OverridesError(f"{where}: expected an object with 'same' and/or 'different' lists")
    unknown = sorted(set(data) - {"same", "different"})
    if unknown:
        raise OverridesError(
            f"{where}: unknown key {unknown[0]!r}; an overrides file has 'same' and 'different'"
        )
    entries = []
    for kind in ("same", "different"):
        items = data.get(kind, [])
        if not isinstance(items, list):
            raise OverridesError(f"{where}: '{kind}' must be a list")
        for i, item in enumerate(items, start=1):
            at = f"{where}: {kind}[{i}]"
            if isinstance(item, list):
                item = {"mentions": item}
            if not isinstance(item, dict) or not isinstance(item.get("mentions"), list):
                raise OverridesError(f"{at}: expected {{'mentions': [...], 'reason': '...'}}")
            refs = [MentionRef.parse(m, at) for m in item["mentions"]]
            if len(refs) < 2:
                raise OverridesError(f"{at}: name at least two mentions")
            keys = [r.key for r in refs]
            if len(set(keys)) != len(keys):
                raise OverridesError(f"{at}: the same mention is named twice")
            if kind == "same":
                arts = [r.article for r in refs]
                dup = next((a for a in arts if arts.count(a) > 1), None)
                if dup is not None:
                    raise OverridesError(
                        f"{at}: two of these mentions are in article {dup!r}, which names them "
                        "as different people; an override cannot make them one"
                    )
            entries.append(OverrideEntry(kind, refs, str(item.get("reason", ""))))
    ov = Overrides(entries)
    # contradiction: a "different" pair inside one group of "same" (transitively)
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for e in ov.entries:
        if e.kind == "same":
            for m in e.mentions[1:]:
                parent[find(m.key)] = find(e.mentions[0].key)
    for e in ov.entries:
        if e.kind == "different":
            for i, a in enumerate(e.mentions):
                for b in e.mentions[i + 1 :]:
                    if find(a.key) == find(b.key):
                        raise OverridesError(
                            f"{where}: the overrides contradict themselves: {a} and {b} are "
                            "listed as different people but 'same' entries make them one"
                        )
    for root in {find(k) for k in parent}:
        members = [k for k in parent if find(k) == root]
        arts = [a for a, _ in members]
        dup = next((a for a in arts if arts.count(a) > 1), None)
        if dup is not None:
            raise OverridesError(
                f"{where}: 'same' entries join two people that article {dup!r} names as "
                "different people"
            )
    return ov


# --- the store-backed index ---------------------------------------------------------------------
@dataclass
class _Mention:
    """A person mention of a stored (or incoming) article, as identity needs it."""

    node: NamedNode  # IRI in the article graph (canonical when stored, mapped when incoming)
    name: str
    match: str
    pid: str  # effective profile id (pinned or the match key)


@dataclass
class _Write:
    """Everything one transaction changes."""

    dirty: set[NamedNode] = field(default_factory=set)  # identity nodes to clear
    triples: list[tuple] = field(default_factory=list)  # identity triples to insert
    graphs: dict[str, list[tuple]] = field(default_factory=dict)  # article id -> new triples
    # other article graphs whose nodes were renamed: article id -> (triples out, triples in)
    rewrites: dict[str, tuple[list[tuple], list[tuple]]] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)  # article graphs to drop
    overrides: list[tuple] | None = None  # new overrides graph content
    deleted: list[tuple] = field(default_factory=list)  # identity triples the update deletes
    inserted: list[tuple] = field(default_factory=list)  # and inserts
    update: str = ""  # the SPARQL update, once planned
    count: int = 0  # triples of the ingested article's graph

    def node(self, node: NamedNode, triples: Iterable[tuple]) -> None:
        self.dirty.add(node)
        self.triples.extend(triples)

    def sparql(self, cache: _Cache) -> str:
        """The update: each identity node written is compared with what the store holds,
        so only the triples that change are deleted and inserted."""
        ops = []
        new: dict[NamedNode, set[tuple]] = defaultdict(set)
        for t in self.triples:
            new[t[0]].add(t)
        deletes, inserts = [], []
        for node in sorted(self.dirty | set(new), key=str):
            old = cache.node(node)
            deletes += sorted(old - new[node], key=str)
            inserts += sorted(new[node] - old, key=str)
        self.deleted, self.inserted = deletes, inserts
        if deletes:
            body = " .\n".join(f"{a} {b} {c}" for a, b, c in deletes)
            ops.append(f"DELETE DATA {{ GRAPH {IDENTITY_GRAPH} {{\n{body} }} }}")
        if self.overrides is not None:
            ops.append(f"DROP SILENT GRAPH {OVERRIDES_GRAPH}")
            if self.overrides:
                ops.append(_insert(OVERRIDES_GRAPH, self.overrides))
        if inserts:
            ops.append(_insert(IDENTITY_GRAPH, inserts))
        for aid in sorted(self.drop | set(self.graphs) | set(self.rewrites)):
            if aid in self.rewrites:
                out, into = self.rewrites[aid]
                body = " .\n".join(f"{s} {p} {o}" for s, p, o in out)
                ops.append(f"DELETE DATA {{ GRAPH {graph_iri(aid)} {{\n{body} }} }}")
                ops.append(_insert(graph_iri(aid), into))
                continue
            ops.append(f"DROP SILENT GRAPH {graph_iri(aid)}")
            if aid in self.graphs:
                ops.append(_insert(graph_iri(aid), self.graphs[aid]))
        return " ;\n".join(ops)


Transaction = _Write  # what Identity.plan returns and Identity.commit runs


def _insert(g: NamedNode, triples: Iterable[tuple]) -> str:
    body = " .\n".join(f"{s} {p} {o}" for s, p, o in dict.fromkeys(triples))
    return f"INSERT DATA {{ GRAPH {g} {{\n{body} }} }}"


class Identity:
    """Cross-article identity over an :class:`~communique.store.ArticleStore`.

    >>> from communique.model import Article, Extraction, Official
    >>> from communique.mapping import map_article
    >>> s = ArticleStore(None); ident = Identity(s)
    >>> for aid, name in (("a1", "Karim Valiyev"), ("a2", "Karim Valiev")):
    ...     ex = Extraction(Article(aid, "text", dt.date(2024, 3, 14)),
    ...                     officials=[Official("p", name, country="Azerbaijan")])
    ...     _ = ident.put(map_article(ex))
    >>> [r["p"].value.rsplit("/", 1)[-1] for r in s.query(
    ...     "SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/communique/ontology#Person> }")]
    ['karim-valiyev']
    """

    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        self.ox = store.oxigraph
        self.cache = _Cache.of(store)
        self.overrides = self._load_overrides()

    # --- public operations ----------------------------------------------------------------
    def put(self, mapped: MappedArticle) -> int:
        """Store an article (new or changed) and bring identity up to date, in one
        transaction; returns the number of triples of its graph."""
        return self.commit(self.plan(mapped))

    def plan(self, mapped: MappedArticle) -> Transaction:
        """The transaction that :meth:`put` runs for ``mapped``, computed against the store
        as it is now; :meth:`commit` runs it. Split so that a caller can do other work (the
        next article's extraction) while the store writes, provided nothing plans or reads
        identity before that commit is done."""
        aid = mapped.article_id
        new = [
            _Mention(m.node, m.name, m.profile, self._pid(aid, m.name, m.profile))
            for m in mapped.people
        ]
        signatures = {m.pid: pm for m, pm in zip(new, mapped.people, strict=True)}
        state = _State(self)
        stored = self._stored_mentions(aid)
        old, old_date = stored if stored is not None else ([], None)
        for m in old:
            state.count(m.pid, -1, old_date, aid, m)
        for m in new:
            state.count(m.pid, +1, mapped.date, aid, m, signatures[m.pid])
        state.cooccurrence(aid, old, new)
        changes = state.resolve_people()
        seeds = set(state.article_reports(aid))
        state.resolve_events(mapped, new, seeds, changes, drop_article=aid)
        w = _Write()
        state.write(w, current=(aid, mapped, new))
        w.update = w.sparql(self.cache)
        w.count = len(w.graphs.get(aid, ()))
        return w

    def commit(self, w: Transaction) -> int:
        """Run a transaction from :meth:`plan`; returns the triples of the article's graph."""
        if w.update:
            try:
                self.ox.update(w.update)
            except Exception:
                self.cache.clear()
                raise
            self.cache.applied(w.deleted, w.inserted)
        return w.count

    def remove(self, article_id: str) -> bool:
        """Remove an article and everything only it attested; False when it is not stored."""
        stored = self._stored_mentions(article_id)
        if stored is None:
            return False
        old, old_date = stored
        state = _State(self)
        for m in old:
            state.count(m.pid, -1, old_date, article_id, m)
        state.cooccurrence(article_id, old, [])
        changes = state.resolve_people()
        seeds = set(state.article_reports(article_id))
        state.resolve_events(None, [], seeds, changes, drop_article=article_id)
        w = _Write()
        state.write(w, current=(article_id, None, []))
        w.drop.add(article_id)
        self._execute(w)
        return True

    def set_overrides(self, overrides: Overrides) -> dict[str, int]:
        """Replace the overrides by ``overrides`` and recompute what they touch. Every
        mention must exist in the store; otherwise an OverridesError and nothing changes."""
        unknown = [str(r) for r in overrides.refs.values() if not self._mention_exists(r)]
        if unknown:
            raise OverridesError(
                "the overrides name mentions the store does not have (no such article, or no "
                "person written that way in it): " + "; ".join(sorted(unknown))
            )
        old = self.overrides
        try:
            self.overrides = overrides
            w = _Write()
            self._apply_override_change(old, w)
            w.overrides = _override_triples(overrides)
            self._execute(w)
        except Exception:
            self.overrides = old
            raise
        return {
            "same": sum(e.kind == "same" for e in overrides.entries),
            "different": sum(e.kind == "different" for e in overrides.entries),
        }

    # --- internals ------------------------------------------------------------------------------
    def _pid(self, aid: str, name: str, match: str, overrides: Overrides | None = None) -> str:
        refs = (overrides or self.overrides).refs
        return pin_pid(aid, name) if (aid, iris.fold(name)) in refs else match

    def _apply_override_change(self, old: Overrides, w: _Write) -> None:
        state = _State(self)
        state.extra_owners = set(old.same_groups())
        for ov in (old, self.overrides):
            for members in ov.same_groups().values():
                for pid in members:
                    state.touch_pid(pid)
            for a, b in ov.different_pairs():
                state.touch_pid(a)
                state.touch_pid(b)
        seeds: set[tuple[str, int]] = set()
        for aid in sorted({a for a, _ in set(old.refs) | set(self.overrides.refs)}):
            stored = self._stored_mentions(aid, overrides=old)
            if stored is None:
                continue
            mentions, date = stored
            after = [
                _Mention(m.node, m.name, m.match, self._pid(aid, m.name, m.match)) for m in mentions
            ]
            renamed = {}
            for before, now in zip(mentions, after, strict=True):
                if before.pid != now.pid:
                    state.move(aid, before, now.pid, date)
                    renamed[before.pid] = now.pid
            state.cooccurrence(aid, mentions, after)
            reports = state.article_reports(aid)
            seeds |= set(reports)
            if renamed:
                state.rename_participants(reports, renamed)
        changes = state.resolve_people()
        state.resolve_events(None, [], seeds, changes)
        state.write(w, current=None)

    def _stored_mentions(self, aid: str, overrides: Overrides | None = None):
        """(mentions, article date) of a stored article, or None when it is not stored."""
        g = graph_iri(aid)
        if not self.ox.contains_named_graph(g):
            return None
        seen: dict[NamedNode, _Mention] = {}
        for q in self.ox.quads_for_pattern(None, CQ.matchKey, None, g):
            node, match = q.subject, q.object.value
            names = sorted(
                x.object.value for x in self.ox.quads_for_pattern(node, CQ.name, None, g)
            )
            if names:
                name = names[0]
                seen[node] = _Mention(node, name, match, self._pid(aid, name, match, overrides))
        date = _article_date(self.ox, g)
        return sorted(seen.values(), key=lambda m: m.node.value), date

    def _mention_exists(self, ref: MentionRef) -> bool:
        stored = self._stored_mentions(ref.article)
        return stored is not None and any(iris.fold(m.name) == ref.key[1] for m in stored[0])

    def _load_overrides(self) -> Overrides:
        rows = self.ox.query(
            f"SELECT ?o ?kind ?ref ?why WHERE {{ GRAPH {OVERRIDES_GRAPH} {{ ?o "
            f"{CQ.overrideKind} ?kind ; {CQ.mentionRef} ?ref . "
            f"OPTIONAL {{ ?o {RDFS.comment} ?why }} }} }}"
        )
        entries: dict[str, OverrideEntry] = {}
        for r in rows:
            e = entries.setdefault(
                r["o"].value,
                OverrideEntry(r["kind"].value, [], r["why"].value if r["why"] else ""),
            )
            e.mentions.append(MentionRef.parse(r["ref"].value, "stored overrides"))
        for e in entries.values():
            e.mentions.sort(key=str)
        return Overrides(sorted(entries.values(), key=lambda e: (e.kind, e.id)))

    def _execute(self, w: _Write) -> None:
        w.update = w.sparql(self.cache)
        self.commit(w)


def _renamed(ox, g: NamedNode, subs: dict[NamedNode, NamedNode]) -> tuple[list[tuple], list[tuple]]:
    """The triples of graph ``g`` that name a node of ``subs``, and the same triples under
    the new IRIs. Only these are deleted and inserted: a store write costs per quad, and an
    article graph has hundreds of triples of which a rename touches a few."""
    out: dict[tuple, None] = {}
    for node in sorted(subs, key=str):
        for q in ox.quads_for_pattern(node, None, None, g):
            out[(q.subject, q.predicate, q.object)] = None
        for q in ox.quads_for_pattern(None, None, node, g):
            out[(q.subject, q.predicate, q.object)] = None
    into = [(subs.get(s, s), p, subs.get(o, o)) for s, p, o in out]
    return list(out), into


def _article_date(ox, g: NamedNode) -> dt.date | None:
    for q in ox.quads_for_pattern(None, CQ.published, None, g):
        return _parse_day(q.object)
    return None


def _override_triples(ov: Overrides) -> list[tuple]:
    out = []
    for e in ov.entries:
        node = NamedNode(f"{ID_NS}override/{e.id}")
        out += [
            (node, RDF.type, CQ.Override),
            (node, RDF.type, OWL.NamedIndividual),
            (node, CQ.overrideKind, Literal(e.kind)),
        ]
        out += [(node, CQ.mentionRef, Literal(str(m))) for m in e.mentions]
        if e.reason:
            out.append((node, RDFS.comment, Literal(e.reason)))
    return out


def _profile_triples(p: Profile) -> list[tuple]:
    node = _profile_iri(p.pid)
    out = [
        (node, RDF.type, CQ.Profile),
        (node, RDF.type, OWL.NamedIndividual),
        (node, CQ.nameKey, Literal(p.key)),
        (node, CQ.name, Literal(p.name)),
        (node, CQ.matchKey, Literal(p.match)),
        (node, CQ.mentionCount, _int(p.count)),
    ]
    out += [(node, CQ.nameToken, Literal(k)) for k in sorted(lookup_keys(p))]
    keys = set(p.evidence) | {"x:" + c for c in p.cannot}
    if p.rank:
        keys.add("r:" + p.rank)
    out += [(node, CQ.evidenceKey, Literal(k)) for k in sorted(keys)]
    if p.first:
        out.append((node, CQ.firstAttested, _day(p.first)))
    if p.last:
        out.append((node, CQ.lastAttested, _day(p.last)))
    if p.ref:
        out.append((node, CQ.mentionRef, Literal(p.ref)))
    if p.person:
        out.append((node, CQ.profileOf, NamedNode(p.person)))
    return out


def _report_triples(rep: Report, parts: list[tuple[str, str]]) -> list[tuple]:
    node = _report_iri(rep.article, rep.n)
    out = [
        (node, RDF.type, CQ.Profile),
        (node, RDF.type, OWL.NamedIndividual),
        (node, CQ.eventKey, Literal("a|" + rep.article)),
    ]
    keys = {f"art:{rep.article}", f"n:{rep.n}", f"t:{rep.cls}"}
    day = rep.date.isoformat() if rep.date else None
    if day:
        keys.add("d:" + day)
    for pid, role in parts:
        keys.add(f"r:{pid}|{role}")
        if day:
            out.append((node, CQ.eventKey, Literal(f"d|{day}|{pid}")))
    if rep.site:
        keys.add("s:" + rep.site)
        if day:
            out.append((node, CQ.eventKey, Literal(f"s|{day}|{rep.site}")))
    out += [(node, CQ.evidenceKey, Literal(k)) for k in sorted(keys)]
    if rep.event:
        out.append((node, CQ.profileOf, NamedNode(rep.event)))
    return out


def _merge_triples(m: Merge, a: NamedNode, b: NamedNode) -> list[tuple]:
    node = _merge_iri(m)
    out = [
        (node, RDF.type, CQ.Merge),
        (node, RDF.type, OWL.NamedIndividual),
        (node, CQ.mergeOf, a),
        (node, CQ.mergeOf, b),
        (node, CQ.reason, Literal(m.reason)),
        (node, CQ.confidence, Literal(str(m.confidence), datatype=XSD.decimal)),
        (node, CQ.nameKey, Literal(m.owner)),
    ]
    out += [(node, CQ.evidenceKey, Literal(k)) for k in m.keys]
    return out


# --- the working state of one update ---------------------------------------------------------
class _State:
    """Profiles and reports loaded for one update, changed in memory, then written."""

    def __init__(self, ident: Identity) -> None:
        self.ident = ident
        self.ox = ident.ox
        self.cache = ident.cache
        self.profiles: dict[str, Profile] = {}  # loaded (and changed) profiles
        self.initial: dict[str, tuple] = {}  # pid -> (count, first, last, cannot) as stored
        self.old_person: dict[str, str | None] = {}  # pid -> person IRI as stored
        self.missing: set[str] = set()  # pids looked up and not stored
        self.changed: set[str] = set()  # profiles whose record must be rewritten
        self.touched_keys: set[str] = set()
        self.moves: list[tuple[str, _Mention, str]] = []  # (article, mention, new pid)
        self.assign: dict[str, str] = {}  # pid -> person IRI after resolution
        self.loaded_keys: set[str] = set()
        self.merge_owners: set[str] = set()
        self.extra_owners: set[str] = set()  # merge owners to clear (overrides withdrawn)
        self.person_merges: list[Merge] = []
        self.person_aggregates: set[str] = set()
        self._pids_of: dict[str, set[str]] = {}
        self._assigned: dict[str, set[str]] = {}  # person IRI -> pids assigned to it here
        self._mentions: dict[str, list] = {}
        self.reports: dict[tuple[str, int], Report] = {}
        self.report_pids: dict[tuple[str, int], list[tuple[str, str]]] = {}
        self.old_event: dict[tuple[str, int], str | None] = {}
        self.report_changed: set[tuple[str, int]] = set()
        self.report_deleted: set[tuple[str, int]] = set()
        self.event_assign: dict[tuple[str, int], str] = {}
        self.events_loaded: set[tuple[str, int]] = set()
        self.event_merges: list[Merge] = []
        self.event_aggregates: set[str] = set()
        self._report_iris: dict[str, tuple[str, int]] = {}
        self._events_read: set[str] = set()

    def deleted(self, pid: str) -> bool:
        p = self.profiles.get(pid)
        return p is None or p.count <= 0

    # --- profiles ------------------------------------------------------------------------------
    def load(self, pids: Iterable[str]) -> None:
        for pid in sorted(set(pids)):
            if pid not in self.profiles and pid not in self.missing:
                if not self._read_profile(_profile_iri(pid)):
                    self.missing.add(pid)

    def load_keys(self, keys: Iterable[str]) -> None:
        for key in sorted(set(keys)):
            for node in self.cache.subjects(CQ.nameKey, Literal(key), _PROFILE_NS):
                if node.value.rsplit("/", 1)[-1] not in self.profiles:
                    self._read_profile(node)

    def _read_profile(self, node: NamedNode) -> bool:
        """Load one stored profile (by its IRI); False when there is none."""
        pid = node.value.rsplit("/", 1)[-1]
        values: dict[str, list] = defaultdict(list)
        for _, pred, obj in self.cache.node(node):
            values[pred.value].append(obj)
        if CQ.Profile not in values.get(RDF.type.value, []) or CQ.nameKey.value not in values:
            return False

        def one(prop: NamedNode):
            got = values.get(prop.value)
            return min(got, key=lambda t: t.value) if got else None

        ev = {t.value for t in values.get(CQ.evidenceKey.value, [])}
        p = Profile(
            pid,
            one(CQ.nameKey).value,
            one(CQ.name).value,
            frozenset(e for e in ev if e[:2] in ("c:", "p:", "i:")),
            rank=next((e[2:] for e in sorted(ev) if e.startswith("r:")), None),
            count=int(one(CQ.mentionCount).value),
            first=_parse_day(one(CQ.firstAttested)),
            last=_parse_day(one(CQ.lastAttested)),
            match=one(CQ.matchKey).value,
            ref=one(CQ.mentionRef).value if one(CQ.mentionRef) else None,
            person=one(CQ.profileOf).value if one(CQ.profileOf) else None,
        )
        p.cannot = {e[2:] for e in ev if e.startswith("x:")}
        self.profiles[pid] = p
        self.initial[pid] = (p.count, p.first, p.last, frozenset(p.cannot))
        self.old_person[pid] = p.person
        return True

    def _new_profile(self, pid: str, key: str, name: str, evidence, rank, match, ref) -> Profile:
        p = Profile(pid, key, name, frozenset(evidence), rank, 0, match=match, ref=ref)
        self.profiles[pid] = p
        self.missing.discard(pid)
        self.initial[pid] = (0, None, None, frozenset())
        self.old_person[pid] = None
        return p

    def count(
        self,
        pid: str,
        delta: int,
        date: dt.date | None,
        aid: str,
        m: _Mention,
        sig: PersonMention | None = None,
    ) -> None:
        """Add (``delta`` = 1) or take away (-1) one mention of profile ``pid``."""
        self.load([pid])
        p = self.profiles.get(pid)
        if p is None:
            if delta < 0 or sig is None:
                return  # a store written without identity: nothing to take away
            ref = f"{aid}#{m.name}" if pid != m.match else None
            p = self._new_profile(pid, sig.info.key, sig.name, sig.evidence, sig.rank, m.match, ref)
        self.changed.add(pid)
        p.count += delta
        if p.count <= 0:
            p.first = p.last = None
            return
        if delta > 0 and date is not None:
            p.first = min(p.first, date) if p.first else date
            p.last = max(p.last, date) if p.last else date
        elif delta < 0 and date is not None and date in (p.first, p.last):
            p.first, p.last = self._date_range(p, exclude={aid})

    def move(self, aid: str, m: _Mention, new_pid: str, date: dt.date | None) -> None:
        """A stored mention changes profile (an override pins or unpins it)."""
        self.load([m.pid, new_pid])
        src = self.profiles.get(m.pid)
        if src is None:
            return
        if new_pid not in self.profiles:
            ref = f"{aid}#{m.name}" if new_pid != m.match else None
            self._new_profile(new_pid, src.key, m.name, src.evidence, src.rank, m.match, ref)
        dst = self.profiles[new_pid]
        self.changed |= {m.pid, new_pid}
        src.count -= 1
        dst.count += 1
        if date is not None:
            dst.first = min(dst.first, date) if dst.first else date
            dst.last = max(dst.last, date) if dst.last else date
        if src.count > 0:
            src.first, src.last = self._date_range(src, exclude=set())
        self.moves.append((aid, m, new_pid))

    def _date_range(self, p: Profile, exclude: set[str]):
        """First and last date of the stored articles that attest profile ``p``."""
        days = [d for a, _, d in self._mentions_of(p) if a not in exclude and d is not None]
        return (min(days), max(days)) if days else (None, None)

    def mentions_of(self, p: Profile) -> list[tuple[str, NamedNode, dt.date | None]]:
        """:meth:`_mentions_of`, remembered for the update."""
        if p.pid not in self._mentions:
            self._mentions[p.pid] = self._mentions_of(p)
        return self._mentions[p.pid]

    def _mentions_of(self, p: Profile) -> list[tuple[str, NamedNode, dt.date | None]]:
        """(article, node, date) of the stored mentions that belong to profile ``p``
        (under the current overrides)."""
        refs = self.ident.overrides.refs
        mine = MentionRef.parse(p.ref, "profile").key if p.ref else None
        out = {}
        for q in self.ox.quads_for_pattern(None, CQ.matchKey, Literal(p.match), None):
            g = q.graph_name
            if not isinstance(g, NamedNode) or not g.value.startswith(GRAPH_NS):
                continue
            aid = g.value[len(GRAPH_NS) :]
            if aid in ("identity", "overrides", "ontology"):
                continue
            names = sorted(
                x.object.value for x in self.ox.quads_for_pattern(q.subject, CQ.name, None, g)
            )
            if not names:
                continue
            key = (aid, iris.fold(names[0]))
            if (mine is not None and key != mine) or (mine is None and key in refs):
                continue
            out[(aid, q.subject)] = _article_date(self.ox, g)
        return [(a, x, d) for (a, x), d in sorted(out.items(), key=lambda kv: kv[0][0])]

    def touch_pid(self, pid: str) -> None:
        self.load([pid])
        if pid in self.profiles:
            self.touched_keys.add(self.profiles[pid].key)

    def cooccurrence(self, aid: str, old: list[_Mention], new: list[_Mention]) -> None:
        """People one article names apart must stay apart: record it on their profiles
        ("x:<other pid> <article>") for names identity could otherwise join."""
        tag = f" {aid}"
        for m in old:
            self.load([m.pid])
            p = self.profiles.get(m.pid)
            if p is not None and any(c.endswith(tag) for c in p.cannot):
                p.cannot = {c for c in p.cannot if not c.endswith(tag)}
                self.changed.add(m.pid)
        for i, a in enumerate(new):
            for b in new[i + 1 :]:
                ia, ib = name_info(a.name), name_info(b.name)
                if a.pid == b.pid:
                    continue
                if ia.key == ib.key or compatible(ia, ib) or compatible(ib, ia):
                    for x, y in ((a, b), (b, a)):
                        self.load([x.pid])
                        p = self.profiles.get(x.pid)
                        if p is not None:
                            p.cannot.add(f"{y.pid}{tag}")
                            self.changed.add(x.pid)

    # --- people ---------------------------------------------------------------------------------
    def _keys_with_tokens(self, tokens: Iterable[str]) -> set[str]:
        """Name keys of the profiles found under these lookup keys (cq:nameToken)."""
        out: set[str] = set()
        for t in sorted(set(tokens)):
            for node in self.cache.subjects(CQ.nameToken, Literal(t), _PROFILE_NS):
                out |= {o.value for _, p, o in self.cache.node(node) if p == CQ.nameKey}
        return out

    def _touched(self) -> set[str]:
        """Name keys whose clusters can change: a profile came or went, its cannot-links
        changed, or its dates moved (rank histories and who keeps a shared IRI slug depend
        on them)."""
        keys = set(self.touched_keys)
        for pid in self.changed:
            p = self.profiles[pid]
            count, first, last, cannot = self.initial[pid]
            if (count > 0) != (p.count > 0) or frozenset(p.cannot) != cannot:
                keys.add(p.key)
            elif (first, last) != (p.first, p.last):
                keys.add(p.key)
        return keys

    def resolve_people(self) -> dict[str, tuple[str | None, str]]:
        """Recompute the clusters around the touched name keys; returns pid -> (old, new)
        person IRI for every profile whose person changed."""
        for pid in self.changed:
            if self.old_person.get(pid):
                self.person_aggregates.add(self.old_person[pid])
        keys = self._touched()
        if not keys:
            return {}
        groups = self.ident.overrides.same_groups()
        different = self.ident.overrides.different_pairs()
        done: set[str] = set()
        while keys - done and len(done) < _EXPAND_LIMIT:
            batch = keys - done
            self.load_keys(batch)
            done |= batch
            # (profiles gone in this update count too: what joined them must be recomputed)
            here = [p for p in self.profiles.values() if p.key in batch]
            full = {k for p in here if not p.partial for k in lookup_keys(p)}
            part = {k for p in here if p.partial for k in lookup_keys(p)}
            found = self._keys_with_tokens("~" + k for k in full)
            found |= {
                k for k in self._keys_with_tokens(k[1:] for k in part) if not _is_partial_key(k)
            }
            pids_here = {p.pid for p in here if p.count > 0}
            for members in [*groups.values(), *([a, b] for a, b in different)]:
                if pids_here & set(members):
                    self.load(members)
                    found |= {self.profiles[x].key for x in members if x in self.profiles}
            keys |= found
        live = [p for p in self.profiles.values() if p.key in done and p.count > 0]
        result = cluster_people(live, same=groups, different=different)
        by_pid = {p.pid: p for p in live}
        clusters = [[by_pid[x] for x in c] for c in result.clusters]
        changes: dict[str, tuple[str | None, str]] = {}
        for cluster, slug in zip(clusters, person_slugs(clusters), strict=True):
            iri = iris.node_iri("person", slug).value
            self.person_aggregates.add(iri)
            for p in cluster:
                self.assign[p.pid] = iri
                self._assigned.setdefault(iri, set()).add(p.pid)
                if self.old_person.get(p.pid) != iri:
                    changes[p.pid] = (self.old_person.get(p.pid), iri)
                    self.changed.add(p.pid)
                    if self.old_person.get(p.pid):
                        self.person_aggregates.add(self.old_person[p.pid])
        self.loaded_keys = done
        self.merge_owners = (
            set(done)
            | {gid for gid, members in groups.items() if set(members) & set(by_pid)}
            | self.extra_owners
        )
        self.person_merges = result.merges
        return changes

    def person_of(self, pid: str) -> str | None:
        if pid in self.assign:
            return self.assign[pid]
        self.load([pid])
        if self.deleted(pid):
            return None
        return self.profiles[pid].person

    def pids_of_person(self, iri: str) -> set[str]:
        """Profiles of a person after this update."""
        if iri not in self._pids_of:
            stored = {
                n.value.rsplit("/", 1)[-1]
                for n in self.cache.subjects(CQ.profileOf, NamedNode(iri), _PROFILE_NS)
            }
            self.load(stored)
            out = {p for p in stored if self.assign.get(p, iri) == iri}
            out |= self._assigned.get(iri, set())
            self._pids_of[iri] = {p for p in out if not self.deleted(p)}
        return self._pids_of[iri]

    # --- events -------------------------------------------------------------------------------
    def article_reports(self, aid: str) -> list[tuple[str, int]]:
        return self._reports_with_keys([Literal("a|" + aid)])

    def _reports_with_keys(self, keys: list[Literal]) -> list[tuple[str, int]]:
        nodes = {n for k in keys for n in self.cache.subjects(CQ.eventKey, k, _REPORT_NS)}
        return self._load_reports(nodes)

    def _load_reports(self, nodes: Iterable[NamedNode]) -> list[tuple[str, int]]:
        out = []
        for node in sorted(set(nodes), key=lambda n: n.value):
            if node.value not in self._report_iris:
                self._read_report(node)
            if node.value in self._report_iris:
                out.append(self._report_iris[node.value])
        return sorted(out)

    def _read_report(self, node: NamedNode) -> None:
        ev: set[str] = set()
        event = None
        for _, pred, obj in self.cache.node(node):
            if pred == CQ.evidenceKey:
                ev.add(obj.value)
            elif pred == CQ.profileOf:
                event = obj.value
        art = next((e[4:] for e in ev if e.startswith("art:")), None)
        if art is None:
            return
        rid = (art, int(next(e[2:] for e in ev if e.startswith("n:"))))
        self._report_iris[node.value] = rid
        if rid in self.reports or rid in self.report_deleted:
            return
        day = next((e[2:] for e in ev if e.startswith("d:")), None)
        self.report_pids[rid] = sorted(tuple(e[2:].split("|", 1)) for e in ev if e.startswith("r:"))
        self.reports[rid] = Report(
            art,
            rid[1],
            next(e[2:] for e in ev if e.startswith("t:")),
            dt.date.fromisoformat(day) if day else None,
            {},
            next((e[2:] for e in ev if e.startswith("s:")), None),
            event,
        )
        self.old_event[rid] = event

    def _reports_of_events(self, events: Iterable[str | None]) -> None:
        events = sorted({e for e in events if e} - self._events_read)
        self._events_read |= set(events)
        for e in events:
            self._load_reports(self.cache.subjects(CQ.profileOf, NamedNode(e), _REPORT_NS))

    def rename_participants(self, rids: list[tuple[str, int]], renamed: dict[str, str]) -> None:
        for rid in rids:
            parts = self.report_pids.get(rid, [])
            self.report_pids[rid] = sorted((renamed.get(p, p), role) for p, role in parts)
            self.report_changed.add(rid)

    def resolve_events(
        self,
        mapped: MappedArticle | None,
        new: list[_Mention],
        seeds: set[tuple[str, int]],
        person_changes: dict[str, tuple[str | None, str]],
        drop_article: str | None = None,
    ) -> None:
        """Recompute the happenings around the article's reports and around every person
        whose cluster changed."""
        if drop_article is not None:
            olds = [r for r in self.reports if r[0] == drop_article]
            self._reports_of_events(self.reports[r].event for r in olds)
            for rid in olds:
                self.report_deleted.add(rid)
                if self.reports[rid].event:
                    self.event_aggregates.add(self.reports[rid].event)
        if mapped is not None:
            pid_of = {m.node: m.pid for m in new}
            for rep in mapped.events:
                rid = (mapped.article_id, rep.n)
                self.report_deleted.discard(rid)
                self.report_pids[rid] = sorted(
                    {(pid_of[who], role) for who, role in rep.participants if who in pid_of}
                )
                site = rep.site.value if rep.site is not None else None
                self.reports[rid] = Report(rid[0], rep.n, rep.cls, rep.date, {}, site, None)
                self.old_event.setdefault(rid, None)
                self.report_changed.add(rid)
                seeds.add(rid)
        # reports of the articles that mention a person whose cluster changed
        for pid in sorted(person_changes):
            p = self.profiles.get(pid)
            if p is not None and self.initial[pid][0] > 0:
                for aid in sorted({a for a, _, _ in self.mentions_of(p)}):
                    seeds |= set(self.article_reports(aid))
        frontier = {s for s in seeds if s in self.reports and s not in self.report_deleted}
        if not frontier and not self.report_deleted:
            return
        self._reports_of_events(self.reports[r].event for r in list(self.reports))
        frontier |= {r for r in self.reports if r not in self.report_deleted}
        seen: set[tuple[str, int]] = set()
        while frontier and len(seen) < _EXPAND_LIMIT:
            rid = min(frontier)
            frontier.discard(rid)
            if rid in seen:
                continue
            seen.add(rid)
            rep = self._persons(rid)
            if rep.date is None:
                continue
            days = [(rep.date + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
            keys = []
            for person in sorted(rep.persons):
                for pid in sorted(self.pids_of_person(person)):
                    keys += [Literal(f"d|{d}|{pid}") for d in days]
            if rep.site:
                keys += [Literal(f"s|{d}|{rep.site}") for d in days]
            # follow only reports that match this one (and the reports of their happenings):
            # a popular official's other reports of nearby days are candidates, not members,
            # and expanding through them would walk the whole timeline
            matched = [
                r
                for r in self._reports_with_keys(keys)
                if r != rid
                and r in self.reports
                and r not in self.report_deleted
                and reports_match(rep, self._persons(r)) is not None
            ]
            events = {self.reports[r].event for r in matched} - {None}
            self._reports_of_events(events)
            frontier |= {r for r in matched if r not in seen}
            frontier |= {
                r
                for r, x in self.reports.items()
                if x.event in events and r not in seen and r not in self.report_deleted
            }
        live = [self._persons(r) for r in sorted(seen) if r not in self.report_deleted]
        clusters, merges = cluster_reports(live)
        self.events_loaded = {r.rid for r in live}
        self.event_merges = merges
        for cluster in clusters:
            head = min(cluster)
            iri = iris.article_scoped_iri("event", head[0], str(head[1])).value
            self.event_aggregates.add(iri)
            for rid in cluster:
                self.event_assign[rid] = iri
                if self.old_event.get(rid) != iri:
                    self.report_changed.add(rid)
                    if self.old_event.get(rid):
                        self.event_aggregates.add(self.old_event[rid])

    def _persons(self, rid: tuple[str, int]) -> Report:
        rep = self.reports[rid]
        persons: dict[str, set[str]] = defaultdict(set)
        for pid, role in self.report_pids.get(rid, []):
            person = self.person_of(pid)
            if person:
                persons[person].add(role)
        rep.persons = dict(persons)
        return rep

    # --- writing --------------------------------------------------------------------------------
    def write(self, w: _Write, current: tuple | None) -> None:
        """Turn the state into the transaction: identity records, rewritten article graphs."""
        cur_aid = current[0] if current else None
        rewrites: dict[str, dict] = defaultdict(dict)
        # people whose IRI changed: their other articles are rewritten
        for pid in sorted(self.changed):
            p = self.profiles[pid]
            old, new = self.old_person.get(pid), self.assign.get(pid)
            if p.count > 0 and old and new and old != new:
                for aid, node, _ in self.mentions_of(p):
                    if node.value == old:
                        rewrites[aid][node] = NamedNode(new)
        for aid, m, new_pid in self.moves:
            new = self.person_of(new_pid)
            if new and m.node.value != new:
                rewrites[aid][m.node] = NamedNode(new)
        # profiles
        for pid in sorted(self.changed):
            p = self.profiles[pid]
            node = _profile_iri(pid)
            if p.count <= 0:
                w.dirty.add(node)
                continue
            p.person = self.assign.get(pid, p.person)
            w.node(node, _profile_triples(p))
        # person merges of the recomputed names (and any that joined a profile now gone)
        for pid in sorted(self.changed):
            if self.profiles[pid].count <= 0:
                w.dirty |= set(self.cache.subjects(CQ.mergeOf, _profile_iri(pid), _MERGE_NS))
        if self.merge_owners:
            for owner in sorted(self.merge_owners):
                w.dirty |= set(self.cache.subjects(CQ.nameKey, Literal(owner), _MERGE_NS))
            for m in self.person_merges:
                w.node(_merge_iri(m), _merge_triples(m, _profile_iri(m.a), _profile_iri(m.b)))
        # person label and support
        for person in sorted(self.person_aggregates):
            node = NamedNode(person)
            profs = [self.profiles[p] for p in sorted(self.pids_of_person(person))]
            w.dirty.add(node)
            if profs:
                w.triples += [
                    (node, SKOS.prefLabel, Literal(pref_label(profs))),
                    (node, CQ.articleCount, _int(sum(p.count for p in profs))),
                ]
        # event reports, merges and support
        for rid in sorted(self.report_deleted):
            w.dirty.add(_report_iri(*rid))
        for rid in sorted(self.report_changed):
            if rid in self.report_deleted or rid not in self.reports:
                continue
            rep = self.reports[rid]
            rep.event = self.event_assign.get(rid, rep.event)
            w.node(_report_iri(*rid), _report_triples(rep, self.report_pids.get(rid, [])))
            old = self.old_event.get(rid)
            if rid[0] != cur_aid and old and rep.event and old != rep.event:
                rewrites[rid[0]][NamedNode(old)] = NamedNode(rep.event)
        if self.events_loaded or self.report_deleted:
            for rid in sorted(self.events_loaded | self.report_deleted):
                w.dirty |= set(self.cache.subjects(CQ.mergeOf, _report_iri(*rid), _MERGE_NS))
            for m in self.event_merges:
                a, b = (x.split("\x1f") for x in (m.a, m.b))
                w.node(
                    _merge_iri(m),
                    _merge_triples(m, _report_iri(a[0], int(a[1])), _report_iri(b[0], int(b[1]))),
                )
        for event in sorted(self.event_aggregates):
            node = NamedNode(event)
            n = sum(
                1
                for rid, iri in self.event_assign.items()
                if iri == event and rid not in self.report_deleted
            )
            w.dirty.add(node)
            if n:
                w.triples.append((node, CQ.articleCount, _int(n)))
        # rewrite the other articles; write the current one under canonical IRIs
        for aid, subs in sorted(rewrites.items()):
            if aid == cur_aid or not subs:
                continue
            out, into = _renamed(self.ox, graph_iri(aid), subs)
            if out:
                w.rewrites[aid] = (out, into)
        if current is not None and current[1] is not None:
            aid, mapped, new = current
            subs = {}
            for m in new:
                iri = self.person_of(m.pid)
                if iri:
                    subs[m.node] = NamedNode(iri)
            for rep in mapped.events:
                iri = self.event_assign.get((aid, rep.n))
                if iri:
                    subs[rep.node] = NamedNode(iri)
            w.graphs[aid] = [(subs.get(s, s), p, subs.get(o, o)) for s, p, o in mapped.triples]


# --- listing ------------------------------------------------------------------------------------
@dataclass
class MergedNode:
    """A person or event that several profiles or reports were joined into, and why."""

    iri: str
    label: str
    articles: int
    parts: list[dict]  # profiles (name, mentions, evidence) or reports (article, n)
    merges: list[dict]  # a, b, reason, keys, confidence


def list_merges(store: ArticleStore) -> tuple[list[MergedNode], list[MergedNode]]:
    """(people, events) that were joined across articles, with every merge and its reason."""
    ox = store.oxigraph
    people: dict[str, MergedNode] = {}
    rows = ox.query(
        f"SELECT ?x ?label ?n ?p ?name ?count ?ev WHERE {{ GRAPH {IDENTITY_GRAPH} {{ "
        f"?p a {CQ.Profile} ; {CQ.profileOf} ?x ; {CQ.name} ?name ; {CQ.mentionCount} ?count . "
        f"?x {SKOS.prefLabel} ?label ; {CQ.articleCount} ?n . "
        f"OPTIONAL {{ ?p {CQ.evidenceKey} ?ev }} }} }}"
    )
    parts: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        x = r["x"].value
        people.setdefault(x, MergedNode(x, r["label"].value, int(r["n"].value), [], []))
        pid = r["p"].value.rsplit("/", 1)[-1]
        d = parts[x].setdefault(
            pid,
            {
                "profile": pid,
                "name": r["name"].value,
                "mentions": int(r["count"].value),
                "evidence": [],
            },
        )
        if r["ev"] is not None and r["ev"].value[:2] in ("c:", "p:", "i:", "r:"):
            d["evidence"].append(r["ev"].value)
    for x, d in parts.items():
        people[x].parts = sorted(d.values(), key=lambda v: (-v["mentions"], v["name"]))
        for v in people[x].parts:
            v["evidence"].sort()
    events: dict[str, MergedNode] = {}
    rows = ox.query(
        f"SELECT ?e ?n ?r ?ev WHERE {{ GRAPH {IDENTITY_GRAPH} {{ ?e {CQ.articleCount} ?n . "
        f"?r {CQ.profileOf} ?e ; {CQ.eventKey} ?k ; {CQ.evidenceKey} ?ev . "
        f'FILTER(STRSTARTS(?ev, "art:") || STRSTARTS(?ev, "t:") || STRSTARTS(?ev, "d:")) }} }}'
    )
    reps: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        e = r["e"].value
        if int(r["n"].value) < 2:
            continue
        events.setdefault(e, MergedNode(e, "", int(r["n"].value), [], []))
        d = reps[e].setdefault(r["r"].value, {})
        key, _, value = r["ev"].value.partition(":")
        d[{"art": "article", "t": "type", "d": "date"}[key]] = value
    for e, d in reps.items():
        events[e].parts = sorted(d.values(), key=lambda v: v.get("article", ""))
        first = events[e].parts[0]
        events[e].label = f"{first.get('type', 'Event')} {first.get('date', '')}".strip()
    rows = ox.query(
        f"SELECT ?m ?a ?reason ?conf ?k WHERE {{ GRAPH {IDENTITY_GRAPH} {{ ?m a {CQ.Merge} ; "
        f"{CQ.mergeOf} ?a ; {CQ.reason} ?reason ; {CQ.confidence} ?conf . "
        f"OPTIONAL {{ ?m {CQ.evidenceKey} ?k }} }} }}"
    )
    merges: dict[str, dict] = {}
    for r in rows:
        d = merges.setdefault(
            r["m"].value,
            {
                "of": set(),
                "reason": r["reason"].value,
                "confidence": float(r["conf"].value),
                "keys": set(),
            },
        )
        d["of"].add(r["a"].value)
        if r["k"] is not None:
            d["keys"].add(r["k"].value)
    owner: dict[str, str] = {}
    names: dict[str, str] = {}
    for x, node in people.items():
        for part in node.parts:
            owner[f"{ID_NS}profile/{part['profile']}"] = x
            names[f"{ID_NS}profile/{part['profile']}"] = part["name"]
    for e, d in reps.items():
        for r_iri, part in d.items():
            owner[r_iri] = e
            names[r_iri] = part.get("article", r_iri)
    for d in merges.values():
        a, b = sorted(d["of"]) if len(d["of"]) == 2 else (next(iter(d["of"])),) * 2
        target = people.get(owner.get(a, "")) or events.get(owner.get(a, ""))
        if target is None:
            continue
        target.merges.append(
            {
                "a": names.get(a, a),
                "b": names.get(b, b),
                "reason": d["reason"],
                "keys": sorted(d["keys"]),
                "confidence": d["confidence"],
            }
        )
    for node in [*people.values(), *events.values()]:
        node.merges.sort(key=lambda m: (m["a"], m["b"]))
    joined = sorted((p for p in people.values() if len(p.parts) > 1), key=lambda p: p.label)
    return joined, sorted(events.values(), key=lambda e: (e.label, e.iri))


def load_overrides_file(path: str | Path) -> Overrides:
    """Parse an overrides file (JSON); an OverridesError names what is wrong."""
    return parse_overrides(Path(path))


__all__ = [
    "IDENTITY_GRAPH",
    "OVERRIDES_ENV",
    "OVERRIDES_GRAPH",
    "Identity",
    "MentionRef",
    "MergedNode",
    "Overrides",
    "OverridesError",
    "Transaction",
    "list_merges",
    "load_overrides_file",
    "parse_overrides",
]
