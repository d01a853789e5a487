"""The extractor: mention rules -> entities (with within-article coreference) -> events."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from ..model import (
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
from . import dates as _dates
from .lexicons import Lexicons, load
from .mentions import (
    FORCE_HEADS,
    DelegRef,
    OffRef,
    OrgRef,
    PlaceRef,
    Reader,
    RoleRef,
    SiteRef,
)
from .nlp import ANAPH, BIT, EVENT, KINST, OUTLET, SEP, TDoc, build_matchers, build_nlp, make_tdoc
from .text import fold, fold_token, normalise

FUZZY_SURNAME = 0.86  # normalised Indel similarity for transliteration variants
PRONOUNS = frozenset(("he", "she"))
EVENT_NOUNS = frozenset(
    (
        "meeting",
        "meetings",
        "ceremony",
        "session",
        "conference",
        "summit",
        "event",
        "forum",
        "exercise",
        "exercises",
        "opening",
        "talks",
        "parade",
        "briefing",
        "discussion",
        "funeral",
        "graduation",
        "celebration",
        "reception",
        "ministerial",
        "course",
        "seminar",
        "negotiations",
        "consultations",
    )
)
SIGN_OBJECTS = frozenset(
    (
        "agreement",
        "agreements",
        "memorandum",
        "memorandums",
        "memoranda",
        "protocol",
        "protocols",
        "plan",
        "document",
        "documents",
        "declaration",
        "contract",
        "contracts",
        "roadmap",
        "treaty",
        "accord",
        "deal",
        "program",
        "programme",
    )
)
SPEECH_OBJECTS_OK = None  # any object is fine for speech verbs except the ones below
NOT_SPEECH_AFTER = frozenset(("by",))


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-") or "x"


# ---------------------------------------------------------------------- entity records
@dataclass
class OffEnt:
    key: str
    name: str
    toks: list[str]  # folded name tokens
    rank: str | None = None
    posts: list[tuple[str, str | None, Evidence | None, str]] = field(default_factory=list)
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)
    post_heads: set[str] = field(default_factory=set)
    post_insts: set[str] = field(default_factory=set)


@dataclass
class InstEnt:
    key: str
    name: str
    sig: tuple[str, str | None]
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    mentions: list[Evidence] = field(default_factory=list)
    implicit_only: bool = True
    known: str | None = None


@dataclass
class Actor:
    """An argument candidate for event rules: who/what is mentioned where."""

    start: int
    end: int
    kind: str  # off | inst | deleg | visiting | hosting | pair | pronoun | site | place
    ref: str | None = None  # entity key
    extra: list[str] = field(default_factory=list)  # more keys (delegation leader)


class Extractor:
    """Builds the spaCy pipeline and matchers once; ``extract`` is then cheap and reusable.

    >>> from communique.model import Article
    >>> ex = Extractor()
    >>> text = "Colonel General Karim Valiyev met with Lt. Gen. Leo Falk."
    >>> x = ex.extract(Article(id="a", text=text))
    >>> [(o.name, o.rank) for o in x.officials]
    [('Karim Valiyev', 'Colonel General'), ('Leo Falk', 'Lieutenant General')]
    """

    def __init__(self, lexicons: Lexicons | None = None) -> None:
        self.lx = lexicons or load()
        self.nlp = build_nlp(self.lx)
        self.matchers = build_matchers(self.nlp, self.lx)
        self.country_names = {code: c.name for code, c in self.lx.countries.items()}
        self.demonym_of = {}
        self.country_demonym: dict[str, str] = {}
        for c in self.lx.countries.values():
            if c.demonyms:
                self.country_demonym[c.name] = c.demonyms[0]
        self.country_alias: dict[str, list[str]] = {
            c.name: c.names for c in self.lx.countries.values()
        }
        self.known = {ki.name: ki for ki in self.lx.institutions}

    # ------------------------------------------------------------------ public
    def extract(self, article: Article) -> Extraction:
        text = article.text or ""
        d = make_tdoc(self.nlp, self.matchers, text, normalise(text))
        run = _Run(self, article, d)
        return run.build()


class _Run:
    """State of one extraction."""

    def __init__(self, ex: Extractor, article: Article, d: TDoc) -> None:
        self.ex = ex
        self.lx = ex.lx
        self.article = article
        self.d = d
        self.r = Reader(d, ex.lx, ex.country_names, ex.demonym_of)
        self.offs: list[OffEnt] = []
        self.insts: list[InstEnt] = []
        self.inst_of_ref: dict[int, InstEnt] = {}  # id(OrgRef) -> entity
        self.sites: dict[str, Site] = {}
        self.places: dict[str, Place] = {}
        self.actors: list[list[Actor]] = [[] for _ in d.sents]
        self.keys: set[str] = set()

    # ------------------------------------------------------------------ helpers
    def ev(self, a: int, b: int, rule: str, conf: float) -> Evidence:
        d = self.d
        b = max(b, a + 1)
        si = d.sent_of[a] if d.sents else 0
        ss, se = d.sent_chars[si] if d.sents else (0, len(d.text))
        start, end = d.starts[a], d.ends[b - 1]
        return Evidence(start, end, min(ss, start), max(se, end), rule, round(conf, 2))

    def new_key(self, prefix: str, name: str) -> str:
        base = f"{prefix}:{slug(name)}"
        k = base
        n = 2
        while k in self.keys:
            k = f"{base}-{n}"
            n += 1
        self.keys.add(k)
        return k

    # ------------------------------------------------------------------ main
    def build(self) -> Extraction:
        r = self.r
        r.find_dynamic_countries()
        r.read_officials()
        r.read_institutions()
        r.read_sites()
        r.read_places()
        self._institutions()
        self._officials()
        self._coref()
        self._sites_places()
        self._delegations()
        events = _Events(self).read()
        x = Extraction(article=self.article)
        x.sentences = list(self.d.sent_chars)
        for o in self.offs:
            posts = []
            for title, inst_key, evd, _head in o.posts:
                posts.append(PostMention(title, inst_key, evd))
            x.officials.append(
                Official(o.key, o.name, o.rank, posts, o.country, o.aliases, o.mentions)
            )
        for i in self.insts:
            if i.implicit_only and not i.mentions:
                continue
            x.institutions.append(
                Institution(
                    i.key, i.name, _dedupe(i.aliases, i.name), i.parent, i.country, i.mentions
                )
            )
        x.sites = list(self.sites.values())
        x.places = list(self.places.values())
        x.events = events
        return x

    # ------------------------------------------------------------------ institutions
    def _sig(self, o: OrgRef) -> tuple[str, str | None]:
        if o.known:
            return ("known:" + o.known, None)
        if o.domain and o.head in ("ministry", "ministries"):
            return ("ministry:" + _domain_key(o.domain), o.country)
        core = o.name
        if o.country:
            for form in self._country_forms(o.country):
                core = re.sub(rf"(?i)\b{re.escape(form)}\b(?:'s)?", " ", core)
            core = re.sub(r"(?i)\bof\s*(the\s*)?$", " ", core.strip())
        core = re.sub(r"(?i)^the\s+", "", core.strip())
        return (fold(core) or fold(o.name), o.country)

    def _country_forms(self, country: str) -> list[str]:
        forms = list(self.ex.country_alias.get(country, [country]))
        dem = self.ex.country_demonym.get(country)
        if dem:
            forms.append(dem)
        for c in self.ex.lx.countries.values():
            if c.name == country:
                forms.extend(c.demonyms)
        for w, base in getattr(self.r, "dyn_demonyms", {}).items():
            if base == country:
                forms.append(w)
        return sorted(set(forms), key=len, reverse=True)

    def _inst_entity(self, o: OrgRef, explicit: bool) -> InstEnt | None:
        if o.bare and not o.known:
            # "the Ministry": back-reference to a body with that head
            for e in reversed(self.insts):
                if e.sig[0].split(":")[-1].endswith(fold(o.head)) or fold(o.head) in fold(e.name):
                    return e
            return None
        sig = self._sig(o)
        found = None
        for e in self.insts:
            if e.sig[0] == sig[0] and (e.sig[1] == sig[1] or e.sig[1] is None or sig[1] is None):
                found = e
                break
            if fold(o.name) == fold(e.name) or fold(o.name) in (fold(a) for a in e.aliases):
                found = e
                break
            if o.acronym and (o.acronym == e.name or o.acronym in e.aliases):
                found = e
                break
            if not o.acronym and o.name in e.aliases and len(o.name) > 1:
                found = e
                break
        if found is None:
            name = o.known or o.name
            found = InstEnt(
                self.new_key("institution", name), name, sig, o.kind, o.country, known=o.known
            )
            if o.known:
                ki = self.ex.known[o.known]
                found.aliases.extend(ki.aliases)
                if o.known == "NATO":
                    found.aliases.append("Alliance")
            self.insts.append(found)
        elif found.sig[1] is None and sig[1] is not None:
            found.sig = (found.sig[0], sig[1])
        if o.country and not found.country:
            found.country = o.country
        if found.name != o.name and o.name not in found.aliases:
            found.aliases.append(o.name)
        for a in o.aliases:
            if a not in found.aliases:
                found.aliases.append(a)
        if o.acronym and o.acronym not in found.aliases:
            found.aliases.append(o.acronym)
        if explicit:
            found.implicit_only = False
        return found

    def _institutions(self) -> None:
        r = self.r
        refs: list[tuple[OrgRef, bool]] = []
        for off in r.officials:
            for p in off.posts:
                for o in p.orgs:
                    refs.append((o, not o.implicit))
        for o in r.orgs:
            refs.append((o, True))
        refs.sort(key=lambda t: t[0].start)
        # the NATO prefix of "NATO International Military Staff" is a body of its own only
        # when the text names it by itself too
        standalone_known = {o.known for o, _ in refs if o.known}
        for o, explicit in refs:
            e = self._inst_entity(o, explicit)
            if e is None:
                continue
            self.inst_of_ref[id(o)] = e
            if not o.implicit:
                e.mentions.append(self.ev(o.start, o.end, o.rule, o.conf))
            else:
                e.mentions.append(self.ev(o.start, o.end, o.rule, 0.75))
        for o, _ in refs:
            e = self.inst_of_ref.get(id(o))
            if e is None or o.parent is None:
                continue
            p = o.parent
            if p.known and p.known not in standalone_known:
                continue
            pe = self.inst_of_ref.get(id(p))
            if pe is None:
                pe = self._inst_entity(p, True)
                if pe is None:
                    continue
                self.inst_of_ref[id(p)] = pe
                pe.mentions.append(self.ev(p.start, p.end, p.rule, p.conf))
            if pe is not e and e.parent is None and not _would_cycle(self.insts, e, pe):
                e.parent = pe.key
        for e in self.insts:
            self._variant_aliases(e)

    def _variant_aliases(self, e: InstEnt) -> None:
        """Add word-order and nationality variants ("Defense Ministry", "Azerbaijani Army")."""
        if e.sig[0].startswith("ministry:") and e.name.lower().startswith("ministry of "):
            dom = e.name[len("Ministry of ") :]
            for v in (f"{dom} Ministry",):
                if v not in e.aliases:
                    e.aliases.append(v)
        if e.country:
            forms = self._country_forms(e.country)
            for f in forms:
                if e.name.startswith(f + " "):
                    core = e.name[len(f) + 1 :]
                    for g in (self.ex.country_demonym.get(e.country), e.country):
                        if g and f"{g} {core}" != e.name:
                            e.aliases.append(f"{g} {core}")
                    e.aliases.append(f"{core} of {e.country}")
                    break
            else:
                if e.sig[0].split(":")[-1] and fold(e.name) in FORCE_HEADS | {"naval forces"}:
                    e.aliases.append(f"{e.name} of {e.country}")

    # ------------------------------------------------------------------ officials
    def _officials(self) -> None:
        offs = self.r.officials
        multi = [m for m in offs if m.name_end - m.name_start >= 2]
        single = [m for m in offs if m.name_end - m.name_start < 2]
        self.ent_of_off: dict[int, OffEnt] = {}
        for m in multi:
            e = self._match_full(m)
            if e is None:
                e = OffEnt(self.new_key("official", m.name), m.name, _name_toks(m.name))
                self.offs.append(e)
            elif m.name != e.name and m.name not in e.aliases:
                e.aliases.append(m.name)
            self._absorb(e, m)
        for m in single:
            e = self._match_single(m.name, m)
            if e is None:
                e = OffEnt(self.new_key("official", m.name), m.name, _name_toks(m.name))
                self.offs.append(e)
            elif m.name != e.name and m.name not in e.aliases:
                e.aliases.append(m.name)
            self._absorb(e, m)
        # order by first mention
        self.offs.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)

    def _match_full(self, m: OffRef) -> OffEnt | None:
        toks = _name_toks(m.name)
        for e in self.offs:
            if e.toks == toks:
                return e
        for e in self.offs:
            if (
                len(e.toks) >= 2
                and _similar(e.toks[-1], toks[-1])
                and (
                    e.toks[0] == toks[0]
                    or e.toks[0][:1] == toks[0][:1]
                    and (len(toks[0]) <= 2 or len(e.toks[0]) <= 2 or _similar(e.toks[0], toks[0]))
                )
            ):
                return e
        return None

    def _match_single(self, name: str, m: OffRef | None = None) -> OffEnt | None:
        t = fold_token(name)
        if not t:
            return None
        best = None
        best_score = 0.0
        for e in self.offs:
            for pos, et in enumerate(e.toks):
                if len(e.toks) >= 2 and pos == 0 and et != t:
                    continue  # given names only on exact match ("Sato" for "Sato Hiroshi")
                s = (
                    1.0
                    if et == t
                    else (
                        Indel.normalized_similarity(et, t)
                        if len(t) >= 4 and et[:1] == t[:1]
                        else 0.0
                    )
                )
                if s >= FUZZY_SURNAME or s == 1.0:
                    score = s + (0.05 if pos == len(e.toks) - 1 else 0)
                    if m is not None and m.posts and m.posts[0].head in e.post_heads:
                        score += 0.1
                    if score > best_score:
                        best, best_score = e, score
        return best

    def _absorb(self, e: OffEnt, m: OffRef) -> None:
        self.ent_of_off[id(m)] = e
        e.mentions.append(self.ev(m.start, m.end, m.rule, m.conf))
        if m.rank and not e.rank:
            e.rank = m.rank
        if m.country and not e.country:
            e.country = m.country
        if len(_name_toks(m.name)) > len(e.toks):
            # a fuller form of the name came later ("Minister Brandt" ... "Oskar Brandt")
            if e.name not in e.aliases:
                e.aliases.append(e.name)
            e.name = m.name
            e.toks = _name_toks(m.name)
            if m.name in e.aliases:
                e.aliases.remove(m.name)
        for p in m.posts:
            if not p.title:
                continue
            inst_key = None
            if p.inst is not None:
                ie = self.inst_of_ref.get(id(p.inst))
                if ie is not None:
                    inst_key = ie.key
                    if ie.country is None and e.country and p.inst.implicit:
                        ie.country = e.country
            ft = _fold_title(p.title)
            if any(_fold_title(t) == ft for t, _, _, _ in e.posts):
                continue
            e.posts.append((p.title, inst_key, self.ev(p.start, p.end, "post", m.conf), p.head))
            e.post_heads.add(p.head)
            e.post_heads.add(p.head.split()[-1])
            if inst_key:
                e.post_insts.add(inst_key)
        # country from the institutions of the posts
        if not e.country:
            for _, ik, _, _ in e.posts:
                ie = next((x for x in self.insts if x.key == ik), None)
                if ie is not None and ie.country:
                    e.country = ie.country
                    break
        # institutions of the posts inherit the official's country
        if e.country:
            for _, ik, _, _ in e.posts:
                ie = next((x for x in self.insts if x.key == ik), None)
                if ie is not None and ie.country is None:
                    ie.country = e.country
                    self._variant_aliases(ie)

    # ------------------------------------------------------------------ coreference
    def _coref(self) -> None:
        d = self.d
        r = self.r
        # official mention spans as actors
        for m in r.officials:
            e = self.ent_of_off.get(id(m))
            if e is not None:
                self._add_actor(Actor(m.start, m.end, "off", e.key))
        # surname-only and repeated full-name mentions
        if self.offs:
            index: dict[str, list[OffEnt]] = {}
            for e in self.offs:
                for t in e.toks[-2:] if len(e.toks) > 2 else e.toks[-1:]:
                    index.setdefault(t, []).append(e)
                for a in e.aliases:
                    for t in _name_toks(a)[-1:]:
                        index.setdefault(t, []).append(e)
            i = 0
            n = len(d.words)
            while i < n:
                if r.used[i] or r.protected[i] or not d.cap[i] or d.space[i]:
                    i += 1
                    continue
                if not r.is_name_tok(i):
                    i += 1
                    continue
                ne = r.parse_name(i)
                toks = [fold_token(w) for w in d.words[i:ne] if fold_token(w)]
                e = None
                if toks:
                    last = toks[-1]
                    cands = index.get(last)
                    if cands:
                        e = cands[-1]
                    elif len(toks) == 1:
                        e = self._match_single(d.words[i])
                    if (
                        e is not None
                        and len(toks) >= 2
                        and toks != e.toks
                        and not (toks[0][:1] == e.toks[0][:1])
                    ):
                        e = None  # another person with the same surname
                if e is not None:
                    surface = d.span_text(i, ne)
                    conf = 0.7 if ne - i == 1 else 0.85
                    e.mentions.append(
                        self.ev(i, ne, "coref-surname" if ne - i == 1 else "coref-name", conf)
                    )
                    if surface != e.name and surface not in e.aliases:
                        e.aliases.append(surface)
                    self._add_actor(Actor(i, ne, "off", e.key))
                    for k in range(i, ne):
                        r.used[k] = True
                i = max(ne, i + 1)
        # role mentions: "the Chief of the General Staff", "the General Staff chief"
        for role in r.roles:
            e = self._resolve_role(role)
            if e is not None:
                e.mentions.append(self.ev(role.start, role.end, "coref-role", 0.6))
                self._add_actor(Actor(role.start, role.end, "off", e.key))
        # anaphora phrases and pronouns
        for a, (b, kind) in d.spans[ANAPH].items():
            if any(x.start <= a < x.end for x in self.actors[d.sent_of[a]]):
                continue
            if kind == "president":
                e = self._last_with_head("president", a)
                if e is not None:
                    e.mentions.append(self.ev(a, b, "coref-head-of-state", 0.6))
                    self._add_actor(Actor(a, b, "off", e.key))
                continue
            self._add_actor(Actor(a, b, kind))
        for i, lw in enumerate(d.lower):
            if lw in PRONOUNS and not r.used[i]:
                self._add_actor(Actor(i, i + 1, "pronoun"))

    def _resolve_role(self, role: RoleRef) -> OffEnt | None:
        p = role.post
        if p is None:
            return None
        head_last = p.head.split()[-1]
        inst_key = None
        if p.inst is not None:
            ie = self.inst_of_ref.get(id(p.inst))
            inst_key = ie.key if ie else None
        cands = []
        for e in self.offs:
            for title, ik, _evd, head in e.posts:
                if head.split()[-1] != head_last and head != p.head:
                    continue
                if inst_key and ik and ik != inst_key:
                    continue
                if p.title and _fold_title(title) == _fold_title(p.title):
                    cands.append((3, e))
                elif inst_key and ik == inst_key:
                    cands.append((2, e))
                elif not inst_key:
                    cands.append((1, e))
        if not cands:
            return None
        cands.sort(key=lambda t: -t[0])
        top = [e for s, e in cands if s == cands[0][0]]
        if len({e.key for e in top}) > 1:
            return None
        return top[0]

    def _last_with_head(self, head: str, before: int) -> OffEnt | None:
        for e in self.offs:
            if head in e.post_heads:
                return e
        return None

    def _add_actor(self, a: Actor) -> None:
        si = self.d.sent_of[a.start]
        self.actors[si].append(a)

    # ------------------------------------------------------------------ sites and places
    def _sites_places(self) -> None:
        r = self.r
        for p in r.places:
            pl = self._place(p.name, p.kind)
            pl.mentions.append(self.ev(p.start, p.end, p.rule, p.conf))
            self._add_actor(Actor(p.start, p.end, "place", pl.key))
        for s in r.sites:
            fk = fold(s.name)
            site = None
            for x in self.sites.values():
                if fold(x.name) == fk or fk in (fold(a) for a in x.aliases):
                    site = x
                    break
            if site is None:
                site = Site(self.new_key("site", s.name), s.name, [])
                self.sites[site.key] = site
            for a in s.aliases:
                if a not in site.aliases and a != site.name:
                    site.aliases.append(a)
            site.mentions.append(self.ev(s.start, s.end, s.rule, s.conf))
            if s.place and site.place is None:
                kind = "city"
                if s.place in self.ex.country_alias:
                    kind = "country"
                pl = self._place(s.place, kind)
                if s.place_span:
                    a, b = s.place_span
                    if not any(m.start == self.d.starts[a] for m in pl.mentions):
                        pl.mentions.append(self.ev(a, b, "site-in-place", 0.8))
                site.place = pl.key
            self._add_actor(Actor(s.start, s.end, "site", site.key))
        # institutions as actors
        for o in r.orgs:
            e = self.inst_of_ref.get(id(o))
            if e is not None:
                self._add_actor(Actor(o.start, o.end, "inst", e.key))

    def _place(self, name: str, kind: str) -> Place:
        for p in self.places.values():
            if p.name == name:
                return p
        p = Place(self.new_key("place", name), name, kind)
        self.places[p.key] = p
        return p

    def _delegations(self) -> None:
        """'the NATO delegation', 'the Ruritanian delegation', 'delegation of/from X'."""
        d = self.d
        for i, lw in enumerate(d.lower):
            if lw not in ("delegation", "delegations", "delegation's"):
                continue
            si = d.sent_of[i]
            acts = self.actors[si]
            ref = None
            # X delegation
            for a in acts:
                if a.end == i and a.kind in ("inst", "place"):
                    ref = a
            # delegation of/from/led by
            if ref is None and d.lower[i + 1 : i + 2] and d.lower[i + 1] in ("of", "from"):
                for a in acts:
                    if a.start in (i + 2, i + 3) and a.kind in ("inst", "place", "off"):
                        ref = a
                        break
            if ref is None:
                dm = self.r.demonym_at(i - 1)
                if dm:
                    pl = self._place(dm[1], "country")
                    ref = Actor(i - 1, i, "place", pl.key)
            leader = None
            for k in range(i + 1, min(i + 25, len(d.words))):
                if d.lower[k] == "by" and d.lower[k - 1] in ("led", "headed"):
                    for a in acts:
                        if a.start in (k + 1, k + 2) and a.kind == "off":
                            leader = a.ref
                    break
            start = ref.start if ref is not None and ref.start < i else i
            keys = [ref.ref] if ref is not None and ref.ref else []
            if leader:
                keys.append(leader)
            self._add_actor(Actor(start, i + 1, "deleg", keys[0] if keys else None, keys))
            self.r.delegations.append(DelegRef(start, i + 1))


class _Events:
    """Event rules over the trigger spans, using the actors of each sentence."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.d = run.d
        self.events: list[Event] = []
        self.visiting: set[str] = set()
        self.hosting: set[str] = set()
        self.pending: list[tuple[Event, int, int]] = []  # events with anaphor participants
        self.n_ev = 0
        self.off_keys = {e.key for e in run.offs}
        self.inst_keys = {e.key for e in run.insts}

    def key(self) -> str:
        self.n_ev += 1
        return f"event:{self.n_ev}"

    def read(self) -> list[Event]:
        d = self.d
        triggers = sorted(d.spans[EVENT].items())
        # skip triggers inside another (e.g. "meeting with" inside "held a meeting with")
        taken = set()
        todo = []
        for a, (b, payload) in triggers:
            if a in taken:
                continue
            etype, frame = payload.split(SEP)
            todo.append((a, b, etype, frame))
            taken.update(range(a, b))
        self._sent_dates = {}
        # collect the visiting side from the explicit actors first
        for a, b, etype, frame in todo:
            si = d.sent_of[a]
            if self._historical(si):
                continue
            handler = getattr(self, "_" + frame, None)
            if handler is not None:
                handler(a, b, etype, si)
        self._resolve_anaphora()
        self._subsume_visits()
        self._merge_meetings()
        self._merge_statements()
        self._merge_visits()
        return [e for e in self.events if e.participants or e.site]

    # ------------------------------------------------------------------ dates
    def _date(self, si: int):
        if si in self._sent_dates:
            return self._sent_dates[si]
        a, b = self.d.sent_chars[si]
        ref = self.run.article.date
        found = None
        for _s, _e, dt_, kind in _dates.find_dates(self.d.norm, a, b, ref):
            if kind in ("day", "relative") and dt_ is not None:
                found = dt_
                break
        res = found or ref
        self._sent_dates[si] = res
        return res

    def _historical(self, si: int) -> bool:
        a, b = self.d.sent_chars[si]
        ref = self.run.article.date
        for _s, _e, _dt, kind in _dates.find_dates(self.d.norm, a, b, ref):
            if kind in ("year", "month"):
                m = re.search(r"\d{4}", self.d.norm[_s:_e])
                if m and ref is not None and int(m.group()) < ref.year:
                    return True
                if m and ref is None and int(m.group()) < 2000:
                    return True
        return False

    # ------------------------------------------------------------------ argument finding
    def _acts(self, si: int) -> list[Actor]:
        return sorted(self.run.actors[si], key=lambda a: (a.start, -a.end))

    def _top(self, acts: list[Actor]) -> list[Actor]:
        """Drop actors nested inside a longer actor (the institution inside an official)."""
        out = []
        for a in acts:
            if any(
                o is not a
                and o.start <= a.start
                and a.end <= o.end
                and (o.end - o.start) > (a.end - a.start)
                and o.kind in ("off", "deleg")
                for o in acts
            ):
                continue
            out.append(a)
        return out

    def _subject(
        self,
        si: int,
        t: int,
        kinds=("off", "inst", "deleg", "visiting", "hosting", "pronoun", "pair"),
    ) -> list[Actor]:
        d = self.d
        acts = [a for a in self._top(self._acts(si)) if a.end <= t and a.kind in kinds]
        if not acts:
            return []
        # nearest before the trigger, skipping objects of prepositions
        for a in reversed(acts):
            prev = d.lower[a.start - 1] if a.start > 0 else ""
            if prev in ("with", "to", "of", "by", "from", "for", "about", "on", "and") and (
                a is not acts[0] or prev != "and"
            ):
                if prev == "and":
                    continue
                continue
            group = [a]
            # coordinated subjects: "A and B met"
            for b in reversed(acts):
                if b.end <= a.start and d.lower[b.end : a.start] == ["and"]:
                    group.insert(0, b)
            return group
        return []

    def _objects(
        self,
        si: int,
        b: int,
        kinds=("off", "inst", "deleg", "visiting", "pair"),
        stop_at_trigger: bool = True,
        first_only: bool = False,
    ) -> list[Actor]:
        d = self.d
        sa, sb = d.sents[si]
        limit = sb
        if stop_at_trigger:
            for k in range(b, sb):
                hit = d.spans[EVENT].get(k)
                if hit and k > b:
                    frame = hit[1].split(SEP)[1]
                    if frame not in ("meet_noun",):
                        limit = k
                        break
        acts = [
            a
            for a in self._top(self._acts(si))
            if a.start >= b and a.start < limit and a.kind in kinds
        ]
        if first_only and acts:
            first = acts[0]
            group = [first]
            last = first
            for a in acts[1:]:
                between = d.lower[last.end : a.start]
                if between in (
                    ["and"],
                    [","],
                    [",", "and"],
                    ["and", "the"],
                    [",", "the"],
                    [",", "and", "the"],
                ):
                    group.append(a)
                    last = a
                else:
                    break
            return group
        return acts

    def _parts(self, acts: list[Actor], role: str, rule: str, conf: float) -> list[Participant]:
        out = []
        for a in acts:
            ev = self.run.ev(a.start, a.end, rule, conf)
            if a.kind in ("off", "inst", "place", "site"):
                if a.ref:
                    out.append(Participant(a.ref, role, ev))
            elif a.kind == "deleg":
                for k in a.extra:
                    out.append(Participant(k, role, ev))
            elif a.kind in ("visiting", "hosting", "pair", "pronoun"):
                out.append(Participant("?" + a.kind + f"@{a.start}", role, ev))
        return out

    def _new(
        self,
        etype: str,
        si: int,
        a: int,
        b: int,
        parts: list[Participant],
        rule: str,
        conf: float,
        site: str | None = None,
        place: str | None = None,
        quote: str | None = None,
    ) -> Event:
        starts = [a] + [self._tok_of(p.evidence.start) for p in parts if p.evidence]
        ends = [b] + [self._tok_of(p.evidence.end - 1) + 1 for p in parts if p.evidence]
        evd = self.run.ev(min(starts), max(ends), rule, conf)
        e = Event(
            self.key(),
            etype,
            parts,
            site=site,
            place=place,
            date=self._date(si),
            quote=quote,
            evidence=evd,
        )
        self.events.append(e)
        return e

    def _tok_of(self, char: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(self.d.starts, char) - 1)

    # ------------------------------------------------------------------ frames
    def _meet(self, a: int, b: int, etype: str, si: int) -> None:
        subj = self._subject(si, a)
        obj = self._objects(si, b, first_only=True)
        if not subj and not obj:
            return
        if not obj and len(subj) >= 2:
            parts = self._parts(subj, "participant", "meeting-plural", 0.8)
        else:
            if not obj:
                return
            parts = self._parts(subj, "host", "meeting-subject", 0.85) + self._parts(
                obj, "guest", "meeting-object", 0.85
            )
        self._new("Meeting", si, a, b, parts, "meeting", 0.85)

    def _receive(self, a: int, b: int, etype: str, si: int) -> None:
        obj = self._objects(si, b, first_only=True)
        if not obj or obj[0].start > b + 3:
            return
        subj = self._subject(si, a)
        if not subj:
            return
        parts = self._parts(subj, "host", "receive-subject", 0.8) + self._parts(
            obj, "guest", "receive-object", 0.8
        )
        self._new("Meeting", si, a, b, parts, "receive", 0.8)

    def _received_by(self, a: int, b: int, etype: str, si: int) -> None:
        obj = self._objects(si, b, first_only=True)
        subj = self._subject(si, a)
        if not obj or not subj:
            return
        parts = self._parts(subj, "guest", "received-by-subject", 0.8) + self._parts(
            obj, "host", "received-by-object", 0.8
        )
        self._new("Meeting", si, a, b, parts, "received-by", 0.8)

    def _attended_by(self, a: int, b: int, etype: str, si: int) -> None:
        obj = self._objects(si, b, first_only=True, stop_at_trigger=False)
        if not obj:
            return
        d = self.d
        sa, _ = d.sents[si]
        noun = next(
            (d.lower[k] for k in range(a - 1, sa - 1, -1) if d.lower[k] in EVENT_NOUNS), "meeting"
        )
        want = (
            "Meeting"
            if noun
            in (
                "meeting",
                "meetings",
                "talks",
                "session",
                "discussion",
                "negotiations",
                "consultations",
            )
            else "Ceremony"
        )
        parts = self._parts(obj, "attendee", "attended-by", 0.8)
        for e in reversed(self.events):
            if e.type == want:
                e.participants.extend(parts)
                return
        self._new(want, si, a, b, parts, "attended-by", 0.75)

    def _meet_noun(self, a: int, b: int, etype: str, si: int) -> None:
        obj = self._objects(si, b, first_only=True)
        if not obj or obj[0].start > b + 3:
            return
        subj = self._subject(si, a)
        parts = self._parts(subj, "host", "meeting-noun-subject", 0.75) + self._parts(
            obj, "guest", "meeting-noun-object", 0.75
        )
        if self.d.lower[b - 1] == "between":
            parts = self._parts(obj, "participant", "meeting-between", 0.75)
        self._new("Meeting", si, a, b, parts, "meeting-noun", 0.75)

    def _visit(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        # "attended the meeting/ceremony" is no visit
        k = b
        while k < len(d.words) and d.lower[k] in ("the", "a", "an", "also"):
            k += 1
        if (
            d.lower[b - 1] == "attended"
            and k < len(d.words)
            and (
                d.lower[k] in EVENT_NOUNS
                or (k + 1 < len(d.words) and d.lower[k + 1] in EVENT_NOUNS)
            )
        ):
            return
        objs = self._objects(si, b, kinds=("site", "inst", "place"))
        if not objs:
            return
        subj = self._subject(si, a)
        if not subj:
            subj = [Actor(a, a, "visiting")]
        for o in objs:
            if o.kind == "site":
                parts = self._parts(subj, "visitor", "visit-subject", 0.8)
                self._new("Visit", si, a, o.end, parts, "visit-site", 0.8, site=o.ref)
            elif o.kind == "inst":
                parts = self._parts(subj, "visitor", "visit-subject", 0.8) + self._parts(
                    [o], "visited", "visit-object", 0.8
                )
                self._new("Visit", si, a, o.end, parts, "visit-institution", 0.8)
            else:
                parts = self._parts(subj, "visitor", "visit-subject", 0.8) + self._parts(
                    [o], "visited", "visit-object", 0.8
                )
                self._new("Visit", si, a, o.end, parts, "visit-place", 0.8, place=o.ref)

    def _visit_noun(self, a: int, b: int, etype: str, si: int) -> None:
        objs = self._objects(si, b, kinds=("place", "inst", "site"), first_only=True)
        if not objs or objs[0].start > b + 2:
            return
        subj = self._subject(si, a)
        if not subj:
            # "Within the visit to X, the NATO delegation attended ..."
            after = [
                x
                for x in self._top(self._acts(si))
                if x.start >= objs[-1].end and x.kind in ("off", "inst", "deleg", "visiting")
            ]
            subj = after[:1]
        if not subj:
            subj = [Actor(a, a, "visiting")]
        o = objs[0]
        parts = self._parts(subj, "visitor", "visit-noun-subject", 0.75) + self._parts(
            [o], "visited", "visit-noun-object", 0.75
        )
        if o.kind == "site":
            self._new("Visit", si, a, o.end, parts[:-1], "visit-noun", 0.75, site=o.ref)
        else:
            self._new(
                "Visit",
                si,
                a,
                o.end,
                parts,
                "visit-noun",
                0.75,
                place=o.ref if o.kind == "place" else None,
            )

    def _arrive(self, a: int, b: int, etype: str, si: int) -> None:
        self._visit_noun(a, b, etype, si)

    def _speech(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        # agency attribution: "told News.Az", "according to"
        k = b
        while k < len(d.words) and d.space[k]:
            k += 1
        if k < len(d.words) and d.cover[k] & BIT[OUTLET]:
            return
        if d.spans[OUTLET].get(k):
            return
        if (
            d.lower[b - 1] in ("expressed",)
            and k < len(d.words)
            and d.lower[k]
            in (
                "interest",
                "readiness",
            )
        ):
            pass
        subj = self._subject(si, a, kinds=("off", "pronoun", "inst"))
        subj = [s for s in subj if s.kind in ("off", "pronoun")]
        if not subj:
            after = [x for x in self._top(self._acts(si)) if x.start >= b and x.kind == "off"]
            if after and after[0].start <= b + 4:
                subj = after[:1]
        if not subj:
            return
        quote = _quote(d, si)
        parts = self._parts(subj[:1], "speaker", "speech-subject", 0.8)
        self._new("Statement", si, a, b, parts, "statement", 0.8, quote=quote)

    def _commemorate(self, a: int, b: int, etype: str, si: int) -> None:
        subj = self._subject(si, a)
        if not subj:
            subj = [Actor(a, a, "visiting")]
        acts = self._acts(si)
        sites = [x for x in acts if x.kind == "site"]
        site = None
        if sites:
            before = [x for x in sites if x.end <= a]
            site = (before[-1] if before else sites[0]).ref
        else:
            for e in reversed(self.events[-6:]):
                if e.type in ("Visit", "Commemoration") and e.site:
                    if e.evidence and self.d.sent_of[self._tok_of(e.evidence.start)] >= si - 2:
                        site = e.site
                    break
        parts = self._parts(subj, "participant", "commemoration-subject", 0.8)
        self._new("Commemoration", si, a, b, parts, "commemoration", 0.8, site=site)

    def _briefed(self, a: int, b: int, etype: str, si: int) -> None:
        subj = self._subject(si, a)
        if not subj:
            return
        parts = self._parts(subj, "attendee", "briefed-subject", 0.75)
        d = self.d
        for k in range(b, min(b + 30, d.sents[si][1])):
            if d.lower[k] == "by":
                by = [
                    x
                    for x in self._top(self._acts(si))
                    if x.start in (k + 1, k + 2) and x.kind == "off"
                ]
                parts += self._parts(by, "speaker", "briefed-by", 0.75)
                break
        self._new("Briefing", si, a, b, parts, "briefing", 0.75)

    def _brief(self, a: int, b: int, etype: str, si: int) -> None:
        subj = self._subject(si, a)
        obj = self._objects(si, b, first_only=True)
        if not subj:
            return
        parts = self._parts(subj, "speaker", "brief-subject", 0.7) + self._parts(
            obj, "attendee", "brief-object", 0.7
        )
        self._new("Briefing", si, a, b, parts, "briefing", 0.7)

    def _sign(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        window = d.lower[b : min(b + 8, d.sents[si][1])]
        if not any(w in SIGN_OBJECTS for w in window) or "book" in window:
            return
        subj = self._subject(si, a)
        parts = self._parts(subj, "signatory", "sign-subject", 0.75)
        if "between" in window:
            parts += self._parts(
                self._objects(si, b, first_only=True), "signatory", "sign-between", 0.7
            )
        if parts:
            self._new("Signing", si, a, b, parts, "signing", 0.75)

    def _ceremony(self, a: int, b: int, etype: str, si: int) -> None:
        acts = [
            x for x in self._top(self._acts(si)) if x.kind in ("off", "inst", "deleg", "visiting")
        ]
        sites = [x for x in self._acts(si) if x.kind == "site"]
        if not acts and not sites:
            return
        parts = self._parts(acts, "attendee", "ceremony-actor", 0.65)
        self._new(
            "Ceremony", si, a, b, parts, "ceremony", 0.65, site=sites[0].ref if sites else None
        )

    def _talk(self, a: int, b: int, etype: str, si: int) -> None:
        subj = self._subject(si, a)
        obj = self._objects(si, b, first_only=True)
        if not subj and not obj:
            return
        parts = self._parts(subj + obj, "participant", "talk", 0.75)
        self._new("Talk", si, a, b, parts, "talk", 0.75)

    # ------------------------------------------------------------------ post-processing
    def _resolve_anaphora(self) -> None:
        """'the guests' -> the visiting side; 'he' -> the official mentioned last."""
        run = self.run
        guests: list[str] = []
        hosts: list[str] = []
        for a_list in run.actors:
            for a in a_list:
                if a.kind == "deleg":
                    guests.extend(a.extra)
        for e in self.events:
            for p in e.participants:
                if p.ref.startswith("?"):
                    continue
                if p.role in ("guest", "visitor") and (e.type in ("Meeting", "Visit")):
                    guests.append(p.ref)
                if p.role == "host":
                    hosts.append(p.ref)
        guests = [g for g in dict.fromkeys(guests) if not g.startswith("place:")] or list(
            dict.fromkeys(guests)
        )
        hosts = [h for h in dict.fromkeys(hosts) if h not in guests]
        for e in self.events:
            new: list[Participant] = []
            for p in e.participants:
                if not p.ref.startswith("?"):
                    new.append(p)
                    continue
                kind = p.ref[1:].split("@")[0]
                if kind == "visiting":
                    refs = guests
                elif kind == "hosting":
                    refs = hosts
                elif kind == "pronoun":
                    pos = int(p.ref.split("@")[1])
                    last = self._last_official_before(pos)
                    refs = [last] if last else []
                else:  # the sides / the two: the meeting's participants
                    refs = []
                for r in refs:
                    conf = 0.6
                    ev = p.evidence
                    if ev is not None:
                        ev = Evidence(
                            ev.start,
                            ev.end,
                            ev.sentence_start,
                            ev.sentence_end,
                            "coref-" + kind,
                            conf,
                        )
                    new.append(Participant(r, p.role, ev))
            seen = set()
            e.participants = []
            for p in new:
                if (p.ref, p.role) in seen:
                    continue
                seen.add((p.ref, p.role))
                e.participants.append(p)

    def _last_official_before(self, pos: int) -> str | None:
        best = None
        best_pos = -1
        for acts in self.run.actors:
            for a in acts:
                if a.kind == "off" and a.end <= pos and a.start > best_pos:
                    best, best_pos = a.ref, a.start
        return best

    def _subsume_visits(self) -> None:
        """A visit and a commemoration at the same site in one sentence: keep the
        commemoration (it says what the visit was)."""
        comm = {
            (e.site, self._sent(e)) for e in self.events if e.type == "Commemoration" and e.site
        }
        self.events = [
            e
            for e in self.events
            if not (e.type == "Visit" and e.site and (e.site, self._sent(e)) in comm)
        ]

    def _sent(self, e: Event) -> int:
        return self.d.sent_of[self._tok_of(e.evidence.start)] if e.evidence else -1

    def _merge_meetings(self) -> None:
        out: list[Event] = []
        for e in self.events:
            if e.type != "Meeting":
                out.append(e)
                continue
            target = None
            for o in out:
                if o.type != "Meeting":
                    continue
                a = {p.ref for p in o.participants}
                b = {p.ref for p in e.participants}
                if not a & b:
                    continue
                ga = {p.ref for p in o.participants if p.role != "host"}
                gb = {p.ref for p in e.participants if p.role != "host"}
                if (
                    ga & gb
                    or not gb
                    or not ga
                    or all(r in self.inst_keys for r in gb)
                    or all(r in self.inst_keys for r in ga)
                    or e.evidence
                    and o.evidence
                    and self._sent(e) == self._sent(o)
                ):
                    target = o
                    break
            if target is None:
                out.append(e)
                continue
            have = {(p.ref, p.role) for p in target.participants}
            refs = {p.ref for p in target.participants}
            for p in e.participants:
                if (p.ref, p.role) not in have and p.ref not in refs:
                    target.participants.append(p)
        self.events = out

    def _merge_statements(self) -> None:
        out: list[Event] = []
        by_speaker: dict[str, Event] = {}
        for e in self.events:
            if e.type != "Statement":
                out.append(e)
                continue
            speakers = [p.ref for p in e.participants if p.role == "speaker"]
            if not speakers:
                continue
            s = speakers[0]
            if s in by_speaker:
                continue
            by_speaker[s] = e
            out.append(e)
        self.events = out

    def _merge_visits(self) -> None:
        """One visit per visited country/institution/site."""
        out: list[Event] = []
        seen: dict[tuple, Event] = {}
        for e in self.events:
            if e.type != "Visit":
                out.append(e)
                continue
            visited = tuple(sorted(p.ref for p in e.participants if p.role == "visited"))
            k = (e.site, visited)
            if k in seen:
                t = seen[k]
                have = {(p.ref, p.role) for p in t.participants}
                for p in e.participants:
                    if (p.ref, p.role) not in have:
                        t.participants.append(p)
                continue
            seen[k] = e
            out.append(e)
        self.events = out


# ---------------------------------------------------------------------- small helpers
def _quote(d: TDoc, si: int) -> str:
    a, b = d.sent_chars[si]
    s = d.norm[a:b]
    m = re.search(r'"([^"]{8,})"?', s)
    if m:
        return " ".join(d.text[a + m.start(1) : a + m.end(1)].split())
    return " ".join(d.text[a:b].split())


def _name_toks(name: str) -> list[str]:
    return [t for t in (fold_token(x) for x in name.replace("-", " ").split()) if t]


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    return Indel.normalized_similarity(a, b) >= FUZZY_SURNAME


def _fold_title(t: str) -> str:
    f = fold(t).replace("defense", "defence")
    if f.startswith("the "):
        f = f[4:]
    return f


def _domain_key(dom: str) -> str:
    f = fold(dom).replace("defense", "defence")
    if f == "foreign":
        f = "foreign affairs"
    return f


def _dedupe(aliases: list[str], name: str) -> list[str]:
    out = []
    seen = {name}
    for a in aliases:
        a = " ".join(a.split())
        if a and a not in seen:
            seen.add(a)
            out.append(a)
    return out


def _would_cycle(insts: list[InstEnt], child: InstEnt, parent: InstEnt) -> bool:
    by = {e.key: e for e in insts}
    cur = parent
    seen = set()
    while cur is not None and cur.key not in seen:
        if cur.key == child.key:
            return True
        seen.add(cur.key)
        cur = by.get(cur.parent) if cur.parent else None
    return False


_local = threading.local()


def default_extractor() -> Extractor:
    ex = getattr(_local, "ex", None)
    if ex is None:
        ex = _SHARED.get("ex")
        if ex is None:
            ex = Extractor()
            _SHARED["ex"] = ex
        _local.ex = ex
    return ex


_SHARED: dict[str, Extractor] = {}


def extract(article: Article) -> Extraction:
    """Extract officials, institutions, sites, places and events from one article.

    The pipeline is built on first use and reused.
    """
    return default_extractor().extract(article)


__all__ = ["Extractor", "extract", "KINST", "PlaceRef", "SiteRef"]
