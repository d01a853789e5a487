"""The extractor: mention rules -> entities (with within-article coreference) -> events."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from ..model import (
    Article,
    Evidence,
    Extraction,
    Institution,
    Official,
    Place,
    PostMention,
    Site,
)
from .lexicons import Lexicons, load
from .mentions import DASHES, FORCE_HEADS, OffRef, OrgRef, Reader, RoleRef, demonym_options
from .nlp import ANAPH, BIT, COUNTRY, DEMONYM, IHEAD, TDoc, build_matchers, build_nlp, make_tdoc
from .text import fold, fold_token, normalise

FUZZY_SURNAME = 0.86  # normalised Indel similarity for transliteration variants
PRONOUNS = frozenset(("he", "she"))


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-") or "x"


# ---------------------------------------------------------------------- entity records
@dataclass
class OffEnt:
    key: str
    name: str
    toks: list[str]  # folded name words
    rank: str | None = None
    posts: list[tuple[str, str | None, Evidence | None, str]] = field(default_factory=list)
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)
    post_heads: set[str] = field(default_factory=set)
    post_sigs: set[str] = field(default_factory=set)


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
    head: str = ""


@dataclass
class Actor:
    """An argument candidate for event rules: who/what is mentioned where."""

    start: int
    end: int
    kind: str  # off | inst | deleg | visiting | hosting | pair | pronoun | home | site | place
    ref: str | None = None  # entity key
    extra: list[str] = field(default_factory=list)  # more keys (delegation: body and leader)


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
        self.country_demonym: dict[str, str] = {}
        self.country_forms: dict[str, list[str]] = {}
        for c in self.lx.countries.values():
            if c.demonyms:
                self.country_demonym[c.name] = c.demonyms[0]
            self.country_forms[c.name] = sorted(set(c.names + c.demonyms), key=len, reverse=True)
        self.known = {ki.name: ki for ki in self.lx.institutions}

    def extract(self, article: Article) -> Extraction:
        text = article.text or ""
        d = make_tdoc(self.nlp, self.matchers, text, normalise(text), article.source)
        return _Run(self, article, d).build()


class _Run:
    """State of one extraction."""

    def __init__(self, ex: Extractor, article: Article, d: TDoc) -> None:
        self.ex = ex
        self.lx = ex.lx
        self.article = article
        self.d = d
        self.r = Reader(d, ex.lx, ex.country_names)
        self.offs: list[OffEnt] = []
        self.insts: list[InstEnt] = []
        self.inst_of_ref: dict[int, InstEnt] = {}  # id(OrgRef) -> entity
        self.ent_of_off: dict[int, OffEnt] = {}
        self.sites: dict[str, Site] = {}
        self.places: dict[str, Place] = {}
        self.actors: list[list[Actor]] = [[] for _ in d.sents]
        self.keys: set[str] = set()
        self.home_country: str | None = None
        self._country_res: dict[str, re.Pattern[str]] = {}

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
        from .events import EventReader

        r = self.r
        if self.d.words:
            r.find_dynamic_countries()
            r.read_officials()
            r.read_sites()
            r.read_institutions()
            r.read_places()
        self._institutions()
        self._officials()
        self._coref()
        self._sites_places()
        self._title_places()
        self._delegations()
        events = EventReader(self).read()
        x = Extraction(article=self.article)
        x.sentences = list(self.d.sent_chars)
        kept = {i.key for i in self.insts if not i.implicit_only}
        for o in self.offs:
            posts = [PostMention(t, ik if ik in kept else None, evd) for t, ik, evd, _ in o.posts]
            x.officials.append(
                Official(o.key, o.name, o.rank, posts, o.country, o.aliases, o.mentions)
            )
        for i in self.insts:
            if i.key not in kept:
                continue
            x.institutions.append(
                Institution(
                    i.key,
                    i.name,
                    _dedupe(i.aliases, i.name),
                    i.parent if i.parent in kept else None,
                    i.country,
                    i.mentions,
                )
            )
        x.sites = list(self.sites.values())
        x.places = list(self.places.values())
        dropped = self._dropped_insts()
        for e in events:
            e.participants = [p for p in e.participants if p.ref not in dropped]
        # an agentless tribute ("a nationwide minute of silence") is an event on its own
        x.events = [e for e in events if e.participants or e.site or e.type == "Commemoration"]
        return x

    def _dropped_insts(self) -> set[str]:
        return {i.key for i in self.insts if i.implicit_only}

    # ------------------------------------------------------------------ institutions
    def _sig(self, o: OrgRef) -> tuple[str, str | None]:
        if o.known:
            return ("known:" + o.known, None)
        if o.domain and o.head in ("ministry", "ministries"):
            return ("ministry:" + _domain_key(o.domain), o.country)
        core = o.name
        if o.country:
            core = self._country_re(o.country).sub(" ", core)
            core = re.sub(r"(?i)\b(?:of|to)\s*(the\s*)?(republic of\s*)?$", " ", core.strip())
        core = re.sub(r"(?i)^the\s+", "", core.strip())
        return (fold(core) or fold(o.name), o.country)

    def _country_re(self, country: str) -> re.Pattern[str]:
        pat = self._country_res.get(country)
        if pat is None:
            alts = "|".join(re.escape(f) for f in self._country_forms(country))
            pat = self._country_res[country] = re.compile(rf"(?i)\b(?:{alts})\b(?:'s)?")
        return pat

    def _country_forms(self, country: str) -> list[str]:
        forms = list(self.ex.country_forms.get(country, [country]))
        for w, base in self.r.dyn_demonyms.items():
            if base == country:
                forms.append(w)
        if country not in forms:
            forms.append(country)
        return sorted(set(forms), key=len, reverse=True)

    def _compatible(self, e: InstEnt, sig: tuple[str, str | None]) -> bool:
        return e.sig[1] == sig[1] or e.sig[1] is None or sig[1] is None

    def _find_inst(self, o: OrgRef, sig: tuple[str, str | None]) -> InstEnt | None:
        fo = fold(o.name)
        same = [e for e in self.insts if e.sig[0] == sig[0] and self._compatible(e, sig)]
        if same:
            if sig[1] is None and len(same) > 1:
                # "the Foreign Ministry": the one the text names, not one implied by a post
                named = [e for e in same if not e.implicit_only]
                if named:
                    return named[0]
            return same[0]
        for e in self.insts:
            if not self._compatible(e, sig):
                continue
            if fo == fold(e.name) or fo in (fold(a) for a in e.aliases):
                return e
            if o.acronym and (o.acronym == e.name or o.acronym in e.aliases):
                return e
            # "Headquarters Multinational Corps Northeast" / "Multinational Corps Northeast"
            fe = fold(e.name)
            short, long_ = (fo, fe) if len(fo) < len(fe) else (fe, fo)
            if (
                len(short.split()) >= 3
                and long_.endswith(" " + short)
                and not re.search(r"\b(?:of|for|to)\b", long_[: -len(short)])
            ):
                # (but "Press Office of the Ministry of Defence" and "Europe Department of the
                # Estonian Ministry of ..." are parts of it)
                return e
        return None

    def _inst_entity(self, o: OrgRef, explicit: bool) -> InstEnt | None:
        lower_only = not o.known and not o.alias_only and o.name == o.name.lower() and o.head
        if (o.bare or lower_only) and not o.known:
            # "the regiment's Chief of Staff": a lower-case head alone is never a new name
            # "the Ministry", "the Alliance": back-reference to a body with that head
            h = fold(o.head)
            for e in reversed(self.insts):
                if e.head and (fold(e.head) == h or fold(e.head).endswith(" " + h)):
                    return e
            if h != "alliance" or lower_only:
                return None  # "the Alliance" with no NATO named is still the Alliance
        sig = self._sig(o)
        found = self._find_inst(o, sig)
        if found is None and o.alias_only:
            # "the armed forces of Veldonia": only a variant of a body named otherwise
            for e in self.insts:
                if (
                    e.head
                    and fold(e.head) == fold(o.head)
                    and self._compatible(e, sig)
                    and (e.country or o.country)
                    and (e.country == o.country)
                ):
                    found = e
                    break
            if found is None:
                return None
        if found is None:
            name = o.known or o.name
            found = InstEnt(
                self.new_key("institution", name),
                name,
                sig,
                o.kind,
                o.country,
                known=o.known,
                head=o.head,
            )
            if o.known:
                ki = self.ex.known[o.known]
                found.aliases.extend(ki.aliases)
                if o.known == "NATO" and self.r._nato:
                    found.aliases.append("Alliance")
            self.insts.append(found)
        else:
            if found.sig[1] is None and sig[1] is not None:
                found.sig = (found.sig[0], sig[1])
            if explicit and found.implicit_only and not o.known and o.name != found.name:
                # the text's own form replaces one built from a post ("Ministry of Defense")
                found.aliases.append(found.name)
                found.name = o.name
        if o.country and not found.country:
            found.country = o.country
        if o.name != found.name and o.name not in found.aliases and not o.alias_only:
            found.aliases.append(o.name)
        elif o.alias_only and o.name not in found.aliases:
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
        refs.sort(key=lambda t: (t[0].alias_only, t[0].start))
        standalone_known = {o.known for o, _ in refs if o.known}
        for o, explicit in refs:
            if self._not_a_body(o):
                continue
            e = self._inst_entity(o, explicit)
            if e is None:
                continue
            self.inst_of_ref[id(o)] = e
            e.mentions.append(self.ev(o.start, o.end, o.rule, o.conf if explicit else 0.75))
        # parents: "General Staff of the Azerbaijan Army", "NATO Military Committee"
        for o, _ in refs:
            e = self.inst_of_ref.get(id(o))
            p = o.parent
            if e is None or p is None:
                continue
            if p.known and p.known not in standalone_known and not p.named_here:
                continue
            pe = self.inst_of_ref.get(id(p))
            if pe is None:
                psig = self._sig(p)
                pe = self._find_inst(p, psig)
            if pe is None:
                if o.of_name and not p.known and not _named_body(p):
                    # the "parent" is named only inside this name: one institution
                    if e.name == o.name:
                        e.aliases.append(e.name)
                        e.name = o.of_name
                    elif o.of_name not in e.aliases:
                        e.aliases.append(o.of_name)
                    continue
                pe = self._inst_entity(p, True)
                if pe is None:
                    continue
                self.inst_of_ref[id(p)] = pe
                pe.mentions.append(self.ev(p.start, max(p.end, p.start + 1), p.rule, p.conf))
            if o.of_name and o.of_name not in e.aliases and o.of_name != e.name:
                e.aliases.append(o.of_name)
            if pe is not e and e.parent is None and not _would_cycle(self.insts, e, pe):
                e.parent = pe.key
        for e in self.insts:
            self._variant_aliases(e)

    def _not_a_body(self, o: OrgRef) -> bool:
        """'Armed Forces Day' (a holiday named after a body); 'Allied forces' (a lower-case
        head after an adjective that names no country or body)."""
        words = o.name.split()
        if words[-1] in ("Day", "Days"):
            return True
        return (
            len(words) == 2
            and words[1] in ("forces", "troops")
            and not o.country
            and not o.known
            and self.r.demonym_at(o.start) is None
            and self.r.country_at(o.start) is None
        )

    def _variant_aliases(self, e: InstEnt) -> None:
        """Add word-order and nationality variants ("Defense Ministry", "Azerbaijani Army")."""
        m = re.match(r"(?i)ministry (of|for) (.+?)( of .+)?$", e.name)
        if e.sig[0].startswith("ministry:") and m:
            dom = m.group(2)
            for v in (f"{dom} Ministry", f"Ministry of {dom}"):
                if v != e.name and v not in e.aliases:
                    e.aliases.append(v)
        if e.country:
            for f in self._country_forms(e.country):
                if e.name.startswith(f + " "):
                    core = e.name[len(f) + 1 :]
                    for g in (self.ex.country_demonym.get(e.country), e.country):
                        if g and f"{g} {core}" != e.name and f"{g} {core}" not in e.aliases:
                            e.aliases.append(f"{g} {core}")
                    break
            else:
                if fold(e.name) in FORCE_HEADS | {"naval forces"}:
                    v = f"{e.name} of {e.country}"
                    if v not in e.aliases:
                        e.aliases.append(v)

    # ------------------------------------------------------------------ officials
    def _officials(self) -> None:
        offs = self.r.officials
        multi = [m for m in offs if len(m.name.split()) >= 2]
        single = [m for m in offs if len(m.name.split()) < 2]
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
        self.offs.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)

    def _match_full(self, m: OffRef) -> OffEnt | None:
        toks = _name_toks(m.name)
        for e in self.offs:
            if e.toks == toks:
                return e
        for e in self.offs:
            if _surname_tail(toks, e.toks):
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
                if et == t:
                    s = 1.0
                elif len(t) >= 4 and et[:1] == t[:1]:
                    s = Indel.normalized_similarity(et, t)
                else:
                    s = 0.0
                if s >= FUZZY_SURNAME:
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
            last = p.head.split()[-1]
            dup = bool(p.sig) and p.sig in e.post_sigs  # "Foreign Minister" after "Minister
            # of Foreign Affairs"
            if p.bare and any(f" {p.head} " in f" {_fold_title(t)} " for t, _, _, _ in e.posts):
                dup = True  # "Secretary Austin" after "Secretary of Defense Lloyd J. Austin"
            for n, (t, ik, evd, h) in enumerate(e.posts):
                ftt = _fold_title(t)
                if ftt == ft or ftt.startswith(ft + " of "):
                    dup = True  # "First Deputy Minister Oran" after "First Deputy Minister of X"
                    break
                if ft.startswith(ftt + " of "):
                    e.posts[n] = (p.title, inst_key or ik, evd, p.head)  # the fuller title
                    dup = True
                    break
                if h.split()[-1] == last:
                    # "Minister Hasanov" after "Minister of Defense ... Hasanov": same post
                    if p.bare:
                        dup = True
                        break
                    if _fold_title(t) == h or len(t.split()) == 1:
                        e.posts[n] = (p.title, inst_key or ik, evd, p.head)
                        dup = True
                        break
            if dup:
                continue
            e.posts.append((p.title, inst_key, self.ev(p.start, p.end, "post", m.conf), p.head))
            if p.sig:
                e.post_sigs.add(p.sig)
            e.post_heads.add(p.head)
            e.post_heads.add(last)
        if not e.country:
            for _, ik, _, _ in e.posts:
                ie = next((x for x in self.insts if x.key == ik), None)
                if ie is not None and ie.country:
                    e.country = ie.country
                    break
        if e.country:
            for _, ik, _, _ in e.posts:
                ie = next((x for x in self.insts if x.key == ik), None)
                if ie is not None and ie.country is None and ie.implicit_only:
                    ie.country = e.country

    # ------------------------------------------------------------------ coreference
    def _coref(self) -> None:  # noqa: C901
        d = self.d
        r = self.r
        for m in r.officials:
            e = self.ent_of_off.get(id(m))
            if e is not None:
                self._add_actor(Actor(m.start, m.end, "off", e.key))
        # surname-only and repeated full-name mentions
        if self.offs:
            index: dict[str, list[OffEnt]] = {}
            for e in self.offs:
                for t in e.toks[-1:]:
                    index.setdefault(t, []).append(e)
                for a in e.aliases:
                    for t in _name_toks(a)[-1:]:
                        if e not in index.get(t, []):
                            index.setdefault(t, []).append(e)
            i = 0
            n = len(d.words)
            while i < n:
                if (
                    r.used[i]
                    or r.protected[i]
                    or not d.cap[i]
                    or d.space[i]
                    or not r.is_name_tok(i)
                ):
                    i += 1
                    continue
                ne = r.parse_name(i)
                words = _name_toks(d.span_text(i, ne))
                e = None
                if words:
                    cands = index.get(words[-1])
                    if cands:
                        e = cands[-1]
                    elif len(words) == 1:
                        e = self._match_single(d.span_text(i, ne))
                    if (
                        e is not None
                        and len(words) >= 2
                        and words != e.toks
                        and not (words[0][:1] == e.toks[0][:1])
                    ):
                        e = None  # another person with the same surname
                if e is not None:
                    surface = d.span_text(i, ne)
                    single = len(words) == 1
                    e.mentions.append(
                        self.ev(
                            i,
                            ne,
                            "coref-surname" if single else "coref-name",
                            0.7 if single else 0.85,
                        )
                    )
                    if surface != e.name and surface not in e.aliases:
                        e.aliases.append(surface)
                    self._add_actor(Actor(i, ne, "off", e.key))
                    for k in range(i, ne):
                        r.used[k] = True
                    self._new_post_after(e, i, ne)
                    self._as_post_before(e, i)
                    if single:
                        self._post_after_surname(e, i, ne)
                i = max(ne, i + 1)
        for role in r.roles:
            e = self._resolve_role(role)
            if e is not None:
                e.mentions.append(self.ev(role.start, role.end, "coref-role", 0.6))
                self._add_actor(Actor(role.start, role.end, "off", e.key))
        for a, (b, kind) in d.spans[ANAPH].items():
            if any(x.start <= a < x.end for x in self.actors[d.sent_of[a]]):
                continue
            if kind == "president":
                e = self._last_with_head("president")
                if e is not None:
                    e.mentions.append(self.ev(a, b, "coref-head-of-state", 0.6))
                    self._add_actor(Actor(a, b, "off", e.key))
                continue
            if kind == "government":
                # "the Calvessan head of government said": the prime minister named before
                e = next(
                    (
                        x
                        for h in ("prime minister", "premier", "chancellor")
                        if (x := self._last_with_head(h)) is not None
                    ),
                    None,
                )
                if e is not None:
                    e.mentions.append(self.ev(a, b, "coref-head-of-government", 0.6))
                    self._add_actor(Actor(a, b, "off", e.key))
                continue
            self._add_actor(Actor(a, b, kind))
        for i, lw in enumerate(d.lower):
            if lw in PRONOUNS and not r.used[i]:
                self._add_actor(Actor(i, i + 1, "pronoun"))

    def _new_post_after(self, e: OffEnt, i: int, ne: int) -> None:
        """'Mørk becomes Deputy Chief of Defence – Head of ...', 'Vaage took over as
        Commander of ...', 'Holm has been appointed deputy commander of ...': the post the
        official takes now."""
        d, r = self.d, self.r
        low = d.lower
        j = None
        if low[ne : ne + 1] in (["becomes"], ["became"]):
            j = ne + 1
        elif low[ne : ne + 3] in (["took", "over", "as"], ["takes", "over", "as"]):
            j = ne + 3
        else:
            j = _appointed_end(low, ne) or r._who_as_end(ne)
        if j is None or j >= len(low) or not (d.cap[j] or _appointed_end(low, ne)):
            return
        lim = d.sents[d.sent_of[i]][1]
        posts = []
        while j < lim:
            p = r.parse_post(j, lim)
            if p is None:
                break
            posts.append(p)
            j = p.end
            if r.w(j) not in DASHES:
                break
            j += 1
        if posts:
            m = OffRef(i, j, i, ne, e.name, posts=posts, rule="post-after-verb", conf=0.7)
            self._absorb(e, m)

    def _post_after_surname(self, e: OffEnt, i: int, ne: int) -> None:
        """'Holm, the new commander of the 3rd Flotilla, said ...': an appositive post after a
        surname met again."""
        r = self.r
        if r.w(ne) != ",":
            return
        m = OffRef(i, ne, i, ne, e.name, rule="surname-appositive", conf=0.7)
        if not r._appositive(m, self.d.sents[self.d.sent_of[i]][1]):
            return
        if all(p.lower and p.bare for p in m.posts):
            return  # "Holm, the minister said, ...": a bare lower-case head is a new subject
        self._absorb(e, m)

    def _as_post_before(self, e: OffEnt, i: int) -> None:
        """'As commander of the 3rd Battalion, Holm briefed ...': a sentence opened by 'As
        <post>,' gives the post to the official named right after the comma."""
        d, r = self.d, self.r
        a, lim = d.sents[d.sent_of[i]]
        if i < a + 3 or d.lower[a] != "as" or r.w(i - 1) != ",":
            return
        p = r.parse_post(a + 1, i - 1)
        if p is not None and p.end == i - 1:
            m = OffRef(a, i, i, i + 1, e.name, posts=[p], rule="as-post-name", conf=0.7)
            self._absorb(e, m)

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
            if p.country and p.country != e.country:
                continue
            for title, ik, _evd, head in e.posts:
                if head_last not in head.split() and head != p.head:
                    continue
                if inst_key and ik and ik != inst_key:
                    continue
                if p.title and _fold_title(title) == _fold_title(p.title):
                    cands.append((3, e))
                elif p.title and _fold_title(title).startswith(_fold_title(p.title) + " "):
                    cands.append((2.5, e))  # "the Secretary" -> "Secretary of State X"
                elif inst_key and ik == inst_key:
                    cands.append((2, e))
                elif not inst_key:
                    cands.append((1 + (0.5 if p.country and e.country == p.country else 0), e))
        if not cands:
            return None
        cands.sort(key=lambda t: -t[0])
        if cands[0][0] < 2 and not p.bare:
            return None  # "the first commander of the fleet": not a post the text gave anyone
        top = [e for s, e in cands if s == cands[0][0]]
        if len({e.key for e in top}) > 1:
            return None
        return top[0]

    def _last_with_head(self, head: str) -> OffEnt | None:
        for e in self.offs:
            if head in e.post_heads:
                return e
        return None

    def _add_actor(self, a: Actor) -> None:
        if not self.d.sents:
            return
        self.actors[self.d.sent_of[a.start]].append(a)

    # ------------------------------------------------------------------ sites and places
    def _sites_places(self) -> None:
        r = self.r
        for p in r.places:
            pl = self._place(p.name, p.kind)
            pl.mentions.append(self.ev(p.start, p.end, p.rule, p.conf))
            self._add_actor(Actor(p.start, p.end, "place", pl.key))
            if p.country:
                r.city_country.setdefault(p.name, p.country)
        for s in r.sites:
            fk = fold(s.name)
            names = {fk} | {fold(a) for a in s.aliases}
            if r._nato:
                names |= {n.replace("alliance", "nato") for n in names}
            site = None
            for x in self.sites.values():
                xn = {fold(x.name)} | {fold(a) for a in x.aliases}
                if r._nato:
                    xn |= {n.replace("alliance", "nato") for n in xn}
                if names & xn or _short_form(fk, fold(x.name)):
                    site = x
                    break
            if site is None:
                for x in self.sites.values():
                    if _short_form(fold(x.name), fk):
                        # the fuller form came second: it names the site, the short one aliases
                        site = x
                        x.aliases.append(x.name)
                        x.name = s.name
                        break
            if site is None:
                site = Site(self.new_key("site", s.name), s.name, [])
                self.sites[site.key] = site
            elif s.name != site.name and s.name not in site.aliases:
                site.aliases.append(s.name)
            for a in s.aliases:
                if a not in site.aliases and a != site.name:
                    site.aliases.append(a)
            site.mentions.append(self.ev(s.start, s.end, s.rule, s.conf))
            if s.place and site.place is None:
                site.place = self._place(s.place, s.place_kind).key
            self._add_actor(Actor(s.start, s.end, "site", site.key))
        for o in r.orgs:
            e = self.inst_of_ref.get(id(o))
            if e is not None:
                self._add_actor(Actor(o.start, o.end, "inst", e.key))
        # the country an article is written from ("our country"): dateline, else the first
        # official's country
        for p in r.places:
            if p.rule == "place-dateline" or (p.rule == "place-lexicon" and p.start < 12):
                c = r.city_country.get(p.name)
                if c:
                    self.home_country = c
                    break
        if self.home_country is None and self.offs:
            self.home_country = self.offs[0].country

    def _title_places(self) -> None:
        """Countries named only in the headline ("Ruritania and Veldonia agree on ...").

        The headline is not part of ``Article.text`` (offsets refer to the body), so such a
        place is kept without a mention. Only countries are read there: lexicon countries and
        invented ones the body itself knows (by noun or demonym); not abbreviations ("U.S.") and
        not a country word before an institution head ("Azerbaijan Army").
        """
        title = (self.article.title or "").strip()
        if not title or not self.d.words:
            return
        ex = self.ex
        td = make_tdoc(ex.nlp, ex.matchers, title, normalise(title))
        dyn = self.r.dyn_countries
        n = len(td.words)
        i = 0
        while i < n:
            hit = td.at(COUNTRY, i)
            if hit:
                end, name = hit[0], ex.country_names[hit[1]]
                dm = td.at(DEMONYM, i)
                if _abbrev(td.span_text(i, end)) or (
                    dm and dm[0] == end and end < n and td.cover[end] & BIT[IHEAD]
                ):
                    name = ""
            elif dyn.get(td.words[i]) == td.words[i] or self._demonym_noun(td.words[i]):
                end, name = i + 1, td.words[i]
            else:
                i += 1
                continue
            if name and not (end < n and td.words[end] == "-"):  # "Veldonia-led"
                if all(p.name != name for p in self.places.values()):
                    self._place(name, "country")
            i = end

    def _demonym_noun(self, w: str) -> bool:
        """'Canada' in a headline when the body says only 'Canadian': the demonym's noun."""
        return w[:1].isupper() and any(w in demonym_options(dm) for dm in self.r.dyn_demonyms)

    def _place(self, name: str, kind: str) -> Place:
        for p in self.places.values():
            if p.name == name:
                return p
        p = Place(self.new_key("place", name), name, kind)
        self.places[p.key] = p
        return p

    def place_key(self, name: str, kind: str = "country") -> str:
        return self._place(name, kind).key

    def _delegations(self) -> None:
        """'the NATO delegation', 'a delegation of X led by Y', 'the Turkish delegation'."""
        d = self.d
        n = len(d.words)
        for i, lw in enumerate(d.lower):
            if lw not in ("delegation", "delegations"):
                continue
            si = d.sent_of[i]
            acts = self.actors[si]
            ref = None
            for a in acts:
                if a.end == i and a.kind in ("inst",):
                    ref = a
            k = i + 1
            if ref is None and k < n and d.lower[k] in ("of", "from"):
                for a in acts:
                    if a.start in (k + 1, k + 2) and a.kind in ("inst", "place"):
                        ref = a
                        break
            leader = None
            for k in range(i + 1, min(i + 30, n)):
                if d.lower[k] == "by" and d.lower[k - 1] in ("led", "headed"):
                    for a in acts:
                        if a.start in (k + 1, k + 2) and a.kind == "off":
                            leader = a.ref
                    break
            keys = [ref.ref] if ref is not None and ref.ref and ref.kind == "inst" else []
            if leader:
                keys.append(leader)
            start = ref.start if ref is not None and ref.start < i else i
            anaphor = [a for a in acts if a.kind == "visiting" and a.start <= i < a.end]
            if not keys:
                if not anaphor:
                    self._add_actor(Actor(start, i + 1, "visiting"))
                continue
            for a in anaphor:
                acts.remove(a)  # "the delegation led by X" names its own members
                start = min(start, a.start)
            self._add_actor(Actor(start, i + 1, "deleg", keys[0], keys))


# ---------------------------------------------------------------------- small helpers
def _appointed_end(low: list[str], ne: int) -> int | None:
    """The token after '<Name> has been appointed [as]' / 'was appointed [as]', else None."""
    k = ne
    if low[k : k + 2] in (["has", "been"], ["have", "been"]):
        k += 2
    elif low[k : k + 1] in (["was"], ["is"]):
        k += 1
    if k == ne or low[k : k + 1] != ["appointed"]:
        return None
    k += 1
    return k + 1 if low[k : k + 1] == ["as"] else k


def _abbrev(w: str) -> bool:
    """A country written as an abbreviation ("U.S.", "UK")."""
    return "." in w or (w.isupper() and len(w) <= 4)


def _name_toks(name: str) -> list[str]:
    return [t for t in (fold_token(x) for x in name.split()) if t]


def _surname_tail(toks: list[str], full: list[str]) -> bool:
    """A later mention by a compound surname ("Souza Lima", "Ramos de los Santos") is the
    tail of a longer full name, behind at least one given name.

    >>> _surname_tail(["ruiz", "de", "la", "torre"], ["ana", "ruiz", "de", "la", "torre"])
    True
    """
    n = len(toks)
    return 2 <= n < len(full) and full[-n:] == toks


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


def _named_body(o: OrgRef) -> bool:
    """A parent that is a body with a name of its own ("the Sarnovian Armed Forces", "the
    Northern Command"), not a bare head ("the Ministry")."""
    return bool(o.head) and not o.bare and not o.alias_only and o.name[:1].isupper()


def _would_cycle(insts: list[InstEnt], child: InstEnt, parent: InstEnt) -> bool:
    by = {e.key: e for e in insts}
    cur: InstEnt | None = parent
    seen = set()
    while cur is not None and cur.key not in seen:
        if cur.key == child.key:
            return True
        seen.add(cur.key)
        cur = by.get(cur.parent) if cur.parent else None
    return False


_SHARED: dict[str, Extractor] = {}


def default_extractor() -> Extractor:
    """The process-wide extractor (built on first use)."""
    ex = _SHARED.get("ex")
    if ex is None:
        ex = _SHARED["ex"] = Extractor()
    return ex


def extract(article: Article) -> Extraction:
    """Extract officials, institutions, sites, places and events from one article.

    The pipeline is built on first use and reused.
    """
    return default_extractor().extract(article)


def _short_form(short: str, full: str) -> bool:
    """A later shortened mention of a site already named ("Harrow base" for "Harrow Naval
    Base", "the Memorial Complex" for "Valour Memorial Complex"): its words are the full name's
    words in order, sharing the full name's first or last word.

    >>> _short_form("harrow base", "harrow naval base"), _short_form("museum", "war museum")
    (True, False)
    """
    sw, fw = short.split(), full.split()
    if len(sw) < 2 or len(sw) >= len(fw):
        return False
    if sw[0] != fw[0] and sw[-1] != fw[-1] and sw != fw[: len(sw)]:
        return False
    it = iter(fw)
    return all(w in it for w in sw)
