"""Mention rules: officials (names, ranks, post chains), institutions, sites, places.

The rules work over the token arrays of a :class:`~communique.extract.nlp.TDoc` whose lexicon
spans were found by spaCy's PhraseMatcher. They produce plain mention records with token
spans; :mod:`communique.extract.extractor` turns them into entities, merges coreferent
mentions and reads events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicons import Lexicons
from .nlp import (
    BIT,
    COUNTRY,
    DEMONYM,
    DOMAIN,
    EVENT,
    HONOR,
    IHEAD,
    KINST,
    OUTLET,
    PABBR,
    PHEAD,
    PLACE,
    PMOD,
    RANK,
    SEP,
    SHEAD,
    TDoc,
)

PARTICLES = frozenset(
    "de del della der den da das dos du di van von ter ten la le bin ibn al el y e zu af".split()
)
POSS = frozenset(("'s", "'"))
PREPS = frozenset(("of", "for", "to", "at", "on"))
APPOSITIVE_END = frozenset(
    (
        "and",
        "who",
        "as",
        "in",
        "at",
        "on",
        "with",
        "during",
        "from",
        "to",
        "of",
        "for",
        "was",
        "is",
        "has",
        "had",
        "will",
        "also",
    )
)
FUNCTION = frozenset(
    "a an the of in on at to for from by with and or but as is was were are be been this that "
    "these those his her its their our during after before within under over into about "
    "he she it they we also then later today yesterday".split()
)
DASHES = frozenset(("–", "—", "-", "--"))
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")

# Bits that stop a capitalised token from being part of a person's name.
NAME_BLOCK = (
    BIT[RANK]
    | BIT[PHEAD]
    | BIT[PMOD]
    | BIT[DOMAIN]
    | BIT[IHEAD]
    | BIT[KINST]
    | BIT[OUTLET]
    | BIT[COUNTRY]
    | BIT[DEMONYM]
    | BIT[PLACE]
    | BIT[SHEAD]
    | BIT[HONOR]
    | BIT[PABBR]
)
# Bits that make a token part of an organisation name.
ORG_BITS = BIT[IHEAD] | BIT[KINST] | BIT[DOMAIN] | BIT[COUNTRY] | BIT[DEMONYM]

MINISTERIAL = frozenset(("minister", "ministers", "secretary", "deputy minister"))
FORCE_HEADS = frozenset(
    (
        "army",
        "armed forces",
        "forces",
        "navy",
        "air force",
        "naval forces",
        "land forces",
        "ground forces",
        "troops",
        "military",
        "armies",
        "air forces",
    )
)
# An institution head that takes "of <portfolio/name>" as part of its own name.
OF_TAKING = frozenset(
    (
        "ministry",
        "department",
        "directorate",
        "office",
        "council",
        "committee",
        "commission",
        "academy",
        "institute",
        "university",
        "college",
        "school",
        "agency",
        "service",
        "administration",
        "embassy",
        "bureau",
        "centre",
        "center",
        "chamber",
        "union",
        "organization",
        "organisation",
        "federation",
        "association",
        "court",
        "alliance",
        "representation",
        "permanent representation",
        "mission",
        "cabinet",
        "secretariat",
        "inspectorate",
        "foundation",
        "fund",
        "authority",
        "presidency",
    )
)


@dataclass
class OrgRef:
    """An institution phrase in the text."""

    start: int
    end: int
    name: str  # as written, without a leading "the" or possessive
    head: str  # lower-case head noun ("ministry", "general staff")
    kind: str
    country: str | None = None  # country name
    known: str | None = None  # canonical name of a known institution
    acronym: str | None = None
    parent: OrgRef | None = None
    domain: str | None = None  # portfolio of a ministry
    aliases: list[str] = field(default_factory=list)
    rule: str = "institution"
    conf: float = 0.9
    implicit: bool = False  # read from a post ("Minister of Defense" -> Ministry of Defense)
    bare: bool = False  # a bare head with no name of its own ("the Ministry")


@dataclass
class PostRef:
    start: int
    end: int
    title: str
    head: str  # lower-case head ("minister")
    inst: OrgRef | None = None
    country: str | None = None
    orgs: list[OrgRef] = field(default_factory=list)  # every institution named in the chain
    lower: bool = False  # head written in lower case ("the General Staff chief")
    has_the: bool = False


@dataclass
class OffRef:
    """One mention of an official."""

    start: int  # whole mention (posts + rank + name)
    end: int
    name_start: int
    name_end: int
    name: str
    rank: str | None = None
    posts: list[PostRef] = field(default_factory=list)
    country: str | None = None
    rule: str = "official"
    conf: float = 0.9


@dataclass
class RoleRef:
    """A post without a name ("the Chief of the General Staff") or a role anaphor."""

    start: int
    end: int
    kind: str  # "post" | "visiting" | "hosting" | "president" | "pair" | "pronoun"
    post: PostRef | None = None


@dataclass
class SiteRef:
    start: int
    end: int
    name: str
    aliases: list[str] = field(default_factory=list)
    place: str | None = None  # place name
    place_span: tuple[int, int] | None = None
    rule: str = "site"
    conf: float = 0.85


@dataclass
class PlaceRef:
    start: int
    end: int
    name: str
    kind: str
    rule: str = "place"
    conf: float = 0.9


@dataclass
class DelegRef:
    """'the NATO delegation', 'a delegation of the Ministry led by X'."""

    start: int
    end: int
    org: OrgRef | None = None
    country: str | None = None
    leader: OffRef | None = None


class Reader:
    """Runs the mention rules over one TDoc."""

    def __init__(self, d: TDoc, lx: Lexicons, countries: dict[str, str], demonyms: dict[str, str]):
        self.d = d
        self.lx = lx
        self.countries = countries  # code -> canonical name
        self.demonyms = demonyms
        self.n = len(d.words)
        self.used = [False] * self.n  # tokens inside an official mention or protected name
        self.protected = [False] * self.n  # inside an institution/site name: no persons
        self.dyn_countries: dict[str, str] = {}  # surface -> country name (invented countries)
        self.dyn_demonyms: dict[str, str] = {}
        self.officials: list[OffRef] = []
        self.roles: list[RoleRef] = []
        self.orgs: list[OrgRef] = []
        self.sites: list[SiteRef] = []
        self.places: list[PlaceRef] = []
        self.delegations: list[DelegRef] = []
        self._nato = any(p == "NATO" for _, p in d.spans[KINST].values())
        # tokens of an institution head that names a body even in lower case ("armed forces")
        self.low_ok = [False] * self.n
        for a, (b, payload) in d.spans[IHEAD].items():
            if lx.inst_heads.get(payload, ("", False))[1]:
                for k in range(a, b):
                    self.low_ok[k] = True

    # ------------------------------------------------------------------ token predicates
    def w(self, i: int) -> str:
        return self.d.words[i] if 0 <= i < self.n else ""

    def lw(self, i: int) -> str:
        return self.d.lower[i] if 0 <= i < self.n else ""

    def attached(self, i: int) -> bool:
        """Token i follows token i-1 with no space."""
        return i > 0 and self.d.starts[i] == self.d.ends[i - 1]

    def skip_space(self, i: int) -> int:
        while i < self.n and self.d.space[i]:
            i += 1
        return i

    def is_name_tok(self, i: int) -> bool:
        if i >= self.n or self.protected[i]:
            return False
        w = self.d.words[i]
        if not w[:1].isupper():
            return False
        if self.d.cover[i] & NAME_BLOCK:
            return False
        if len(w) == 2 and w[1] == ".":  # initial
            return True
        if not any(c.islower() for c in w):
            return False
        if not w.replace("'", "").replace(".", "").isalpha():
            return False
        return self.d.lower[i] not in self.lx.common

    def country_at(self, i: int) -> tuple[int, str] | None:
        """Country noun at i (lexicon or an invented one found in this text)."""
        hit = self.d.at(COUNTRY, i)
        if hit:
            return hit[0], self.countries[hit[1]]
        w = self.w(i)
        if w in self.dyn_countries:
            return i + 1, self.dyn_countries[w]
        return None

    def demonym_at(self, i: int) -> tuple[int, str] | None:
        hit = self.d.at(DEMONYM, i)
        if hit:
            return hit[0], self.countries[hit[1]]
        w = self.w(i)
        if w in self.dyn_demonyms:
            return i + 1, self.dyn_demonyms[w]
        return None

    # ------------------------------------------------------------------ names
    def parse_name(self, i: int, lim: int | None = None) -> int:
        """End of a person name starting at i (i if none)."""
        lim = self.n if lim is None else lim
        j = i
        count = 0
        while j < lim and count < 5:
            if self.is_name_tok(j):
                count += 1
                j += 1
                # hyphenated names: "Ruiz-Peña", "al-Assad"
                if (
                    j + 1 < lim
                    and self.d.words[j] == "-"
                    and self.attached(j)
                    and self.attached(j + 1)
                    and self.is_name_tok(j + 1)
                ):
                    j += 1
                continue
            lw = self.lw(j)
            if lw in PARTICLES and j + 1 < lim:
                nxt = j + 1
                if self.w(nxt) == "-" and self.attached(nxt):
                    nxt += 1
                if (count > 0 or lw in ("al", "el", "bin", "ibn")) and self.is_name_tok(nxt):
                    j = nxt
                    continue
            break
        if count == 0:
            return i
        return j

    def name_text(self, i: int, j: int) -> str:
        return self.d.span_text(i, j)

    # ------------------------------------------------------------------ organisations
    def org_run(self, i: int, lim: int, appositive: bool) -> int:
        """End of a run of organisation-name tokens starting at i (i if none).

        Before a name (``appositive`` False) trailing capitalised words that are not lexicon
        words are left out: they begin the person's name ("President of Ruritania Emil Varsk").
        """
        d = self.d
        j = i
        last_lex = i
        while j < lim:
            w = d.words[j]
            c = d.cover[j]
            if (c & ORG_BITS and (d.cap[j] or self.low_ok[j] or c & (ORG_BITS & ~BIT[IHEAD]))) or (
                c & BIT[SHEAD] and d.cap[j]
            ):
                j += 1
                last_lex = j
                continue
            if (
                d.cap[j]
                and (w[:1].isalpha() or w[:1].isdigit())
                and not c & (BIT[RANK] | BIT[OUTLET] | BIT[HONOR])
            ):
                if c & BIT[PHEAD] and not appositive:
                    break
                j += 1
                continue
            if w[:1].isdigit() and (w.isdigit() or w.endswith(ORDINAL_SUFFIXES)):
                if j + 1 < lim and d.cap[j + 1]:
                    j += 1
                    continue
                break
            if w in ("and", "&") and j > i and j + 1 < lim and d.cap[j + 1]:
                if self.is_name_tok(j + 1) and not appositive:
                    break
                j += 1
                continue
            if w == "-" and self.attached(j) and j + 1 < lim and self.attached(j + 1):
                j += 1
                continue
            if (
                w == "("
                and j > i
                and j + 2 < lim
                and d.words[j + 2] == ")"
                and _acronym(d.words[j + 1])
            ):
                j += 3
                last_lex = j
                continue
            break
        if not appositive:
            j = last_lex
        # never end on a connector
        while j > i and d.words[j - 1] in ("and", "&", "-", "("):
            j -= 1
        return j

    def classify_seg(self, a: int, b: int) -> str:
        d = self.d
        if b <= a:
            return "none"
        c = self.country_at(a)
        if c and c[0] == b:
            return "country"
        hit = d.at(PLACE, a)
        if hit and hit[0] == b:
            return "place"
        hit = d.at(DOMAIN, a)
        if hit and hit[0] == b:
            return "domain"
        hit = d.at(KINST, a)
        if hit and hit[0] == b:
            return "inst"
        last = b - 1
        if d.words[last] == ")" and b - a > 3:
            last = b - 4
        if d.cover[last] & (BIT[IHEAD] | BIT[KINST]):
            return "inst"
        return "other"

    def make_org(self, a: int, b: int, rule: str = "institution", conf: float = 0.9) -> OrgRef:
        """Build an OrgRef for tokens a..b (an institution phrase without 'of' complements)."""
        d = self.d
        if d.lower[a] == "the" and b - a > 1:
            a += 1
        name_end = b
        acronym = None
        # "(RMR)" at the end, or in the middle ("Joint Forces Corps (JFC) Headquarters")
        k = a
        parts: list[tuple[int, int]] = []
        seg_start = a
        while k < b:
            if d.words[k] == "(" and k + 2 < b + 1 and k + 2 < self.n and d.words[k + 2] == ")":
                acronym = d.words[k + 1]
                parts.append((seg_start, k))
                seg_start = k + 3
                k += 3
                continue
            k += 1
        parts.append((seg_start, b))
        name = " ".join(d.span_text(x, y) for x, y in parts if y > x)
        # head: the longest institution head ending the name, or a known institution
        head = ""
        kind = "body"
        known = None
        hit = d.at(KINST, a)
        if hit and hit[0] >= name_end - (3 if acronym and parts[-1][1] == parts[-1][0] else 0):
            known = hit[1]
        last_end = parts[-1][1] if parts[-1][1] > parts[-1][0] else parts[-1][0]
        for s in range(a, last_end):
            h = d.at(IHEAD, s)
            if h and h[0] == last_end:
                head = d.norm_text(s, h[0]).lower()
                kind = self.lx.inst_heads.get(h[1], ("body", False))[0]
                break
        if not head and known:
            kind = next((ki.kind for ki in self.lx.institutions if ki.name == known), "body")
            head = known.lower()
        country = None
        for s in range(a, b):
            c = self.country_at(s) or self.demonym_at(s)
            if c:
                country = c[1]
                break
        org = OrgRef(
            a,
            b,
            name,
            head,
            kind,
            country=country,
            known=known,
            acronym=acronym,
            rule=rule,
            conf=conf,
        )
        # a known institution as prefix ("NATO International Military Staff") is the parent
        if known:
            ki = next((x for x in self.lx.institutions if x.name == known), None)
            if ki is not None and ki.parent:
                org.parent = OrgRef(
                    a,
                    a,
                    ki.parent,
                    ki.parent.lower(),
                    "body",
                    known=ki.parent,
                    rule=rule,
                    conf=conf,
                )
        else:
            for s in range(a, last_end):
                kh = d.at(KINST, s)
                if kh and kh[0] < last_end:
                    org.parent = OrgRef(
                        s,
                        kh[0],
                        d.span_text(s, kh[0]),
                        kh[1].lower(),
                        "body",
                        known=kh[1],
                        rule=rule,
                        conf=conf,
                    )
                    break
        # bare head ("the Ministry", "the Alliance")
        if not known and b - a == 1 and d.cap[a]:
            org.bare = True
            if head == "alliance" and self._nato:
                org.known = "NATO"
                org.bare = False
        return org

    def parse_org_chain(
        self, i: int, lim: int, appositive: bool
    ) -> tuple[int, list[tuple[str, int, int, str]]]:
        """Segments of an 'of'-chain: [(prep, a, b, class)], starting with a segment at i."""
        segs: list[tuple[str, int, int, str]] = []
        j = i
        prep = ""
        while True:
            a = j
            if self.lw(a) == "the":
                a += 1
            b = self.org_run(a, lim, appositive)
            if b <= a:
                break
            # X's Y: Y is part of X
            cls = self.classify_seg(a, b)
            segs.append((prep, a, b, cls))
            j = b
            if self.w(j) in POSS and j + 1 < lim:
                b2 = self.org_run(j + 1, lim, appositive)
                if b2 > j + 1:
                    segs.append(("'s", j + 1, b2, self.classify_seg(j + 1, b2)))
                    j = b2
            if self.lw(j) in PREPS and j + 1 < lim:
                nxt = j + 1
                if self.lw(nxt) == "the":
                    nxt += 1
                if nxt < lim and (self.d.cap[nxt] or self.d.cover[nxt] & ORG_BITS):
                    prep = self.lw(j)
                    j = j + 1
                    continue
            break
        return j, segs

    # ------------------------------------------------------------------ posts
    def parse_post(self, i: int, lim: int, appositive: bool = False) -> PostRef | None:
        """A post phrase starting at i: [the] [Country's|Demonym] [Org] mods* [domain] head
        complements."""
        d = self.d
        j = i
        has_the = False
        if self.lw(j) in ("the", "a", "an"):
            has_the = True
            j += 1
        country = None
        pre_org: OrgRef | None = None
        c = self.country_at(j)
        if c and self.w(c[0]) in POSS:
            country = c[1]
            j = c[0] + 1
        else:
            dm = self.demonym_at(j) or (c if c and self.w(c[0]) not in POSS else None)
            if dm and (
                d.cover[dm[0]] & (BIT[PHEAD] | BIT[PMOD] | BIT[DOMAIN] | BIT[PABBR])
                if dm[0] < self.n
                else False
            ):
                country = dm[1]
                j = dm[0]
        # organisation before the post: "NATO Secretary General", "Ministry Spokesperson",
        # "the General Staff chief", "the Alliance's permanent representative"
        if not (
            d.cover[j] & (BIT[PHEAD] | BIT[PMOD] | BIT[DOMAIN] | BIT[PABBR])
            if j < self.n
            else False
        ) or (d.at(KINST, j) or d.at(IHEAD, j)):
            b = self._pre_org_end(j, lim)
            if b > j:
                k = b + (1 if self.w(b) in POSS else 0)
                if k < self.n and d.cover[k] & (BIT[PHEAD] | BIT[PMOD] | BIT[DOMAIN] | BIT[PABBR]):
                    pre_org = self.make_org(j, b, rule="post-institution")
                    if pre_org.country and not country:
                        country = pre_org.country
                    j = k
        title_start = j
        domain = None
        # modifiers and a portfolio before the head
        while j < lim:
            if d.at(PMOD, j) and not d.at(PHEAD, j):
                j = d.at(PMOD, j)[0]
                continue
            if d.at(PMOD, j) and d.at(PHEAD, j) and d.at(PMOD, j)[0] > d.at(PHEAD, j)[0]:
                j = d.at(PMOD, j)[0]
                continue
            dom = d.at(DOMAIN, j)
            if dom and not domain:
                nxt = dom[0]
                if nxt < lim and d.cover[nxt] & (BIT[PHEAD] | BIT[PMOD]):
                    domain = dom[1]
                    j = nxt
                    continue
            break
        head_hit = d.at(PHEAD, j)
        abbr = d.at(PABBR, j)
        if head_hit:
            head_start = j
            j = head_hit[0]
            # stacked heads: "Chief Adviser", "Deputy Chief of Staff"
            while j < lim and d.at(PHEAD, j) and d.cap[j] == d.cap[head_start]:
                j = d.at(PHEAD, j)[0]
            head = d.norm_text(head_start, j).lower()
            head_words = d.norm_text(head_start, j)
        elif abbr:
            head_start = j
            j = abbr[0]
            head = abbr[1].lower()
            head_words = abbr[1]
        else:
            return None
        lower = not d.cap[head_start]
        # lower-case heads only next to a name or with an organisation ("General Staff chief")
        title_parts = [d.span_text(title_start, head_start)] if head_start > title_start else []
        title_parts.append(head_words if abbr and not head_hit else d.span_text(head_start, j))
        head_end = j
        # complements: of/for/to <org> chains
        segs: list[tuple[str, int, int, str]] = []
        if self.lw(j) in PREPS or (self.w(j) in POSS and False):
            k = j + 1
            if k < lim and (d.cap[k] or d.cover[k] & ORG_BITS or self.lw(k) == "the"):
                end, segs0 = self.parse_org_chain(k, lim, appositive)
                if segs0:
                    first_prep = self.lw(j)
                    segs = [
                        (first_prep if n == 0 else p, a, b, cls)
                        for n, (p, a, b, cls) in enumerate(segs0)
                    ]
                    j = end
        elif appositive and j < lim and d.cap[j] and not self.is_name_tok(j):
            # telegraphic: "Chief Division Policy and Plans"
            end, segs0 = self.parse_org_chain(j, lim, appositive)
            if segs0:
                segs = [
                    ("of" if n == 0 else p, a, b, cls) for n, (p, a, b, cls) in enumerate(segs0)
                ]
                j = end
        post = PostRef(i, j, "", head, country=country, lower=lower, has_the=has_the)
        # ---- interpret the chain
        title = " ".join(x for x in title_parts if x)
        orgs: list[OrgRef] = []
        inst: OrgRef | None = None
        kept_title_end = head_end
        ministerial = head.split()[-1] in ("minister", "ministers") or (head.endswith("minister"))
        idx = 0
        if segs and segs[0][3] == "domain" and ministerial and not domain:
            domain = d.at(DOMAIN, segs[0][1])[1]
            kept_title_end = segs[0][2]
            idx = 1
        elif segs and segs[0][3] == "domain":
            kept_title_end = segs[0][2]
            idx = 1
        if domain and (ministerial or head in ("secretary",)):
            inst = self._ministry(domain, title_start, kept_title_end)
            orgs.append(inst)
        # remaining segments: institutions (first kept in the title), countries
        first = True
        prev_org: OrgRef | None = None
        for prep, a, b, cls in segs[idx:]:
            if cls == "country" or cls == "place":
                c = self.country_at(a)
                cname = c[1] if c else d.span_text(a, b)
                if prep == "to":
                    pass  # "Ambassador to X": X is the host, not the official's country
                elif not post.country:
                    post.country = cname
                if prev_org is not None and not prev_org.country and prep != "to":
                    prev_org.country = cname
                first = False
                continue
            if cls == "domain":
                first = False
                continue
            if prep == "'s" and prev_org is not None:
                org = self.make_org(a, b, rule="post-institution")
                org.parent = prev_org
                # "the Alliance's Ruritanian Military Representation": the inner body
                if inst is prev_org:
                    inst = org
                orgs.append(org)
                prev_org = org
                if first or kept_title_end == prev_org.start - 2:
                    kept_title_end = b
                continue
            if cls == "other" and not appositive:
                break
            org = self._org_with_of(a, b, segs, prep)
            if prev_org is not None and org.parent is None and prep != "to":
                # "General Staff of the Azerbaijan Army": the later one is the parent
                prev_org.parent = org if prev_org.parent is None else prev_org.parent
            elif prev_org is not None and prep != "to" and org.parent is not None:
                prev_org.parent = prev_org.parent or org
            orgs.append(org)
            if inst is None or (inst is not None and inst.implicit and prep == "'s"):
                inst = org
            if first and not self._whose(org) and prep != "to":
                kept_title_end = b
            prev_org = org
            first = False
        if pre_org is not None:
            orgs.insert(0, pre_org)
            if inst is None:
                inst = pre_org
            elif inst is not pre_org and inst.parent is None and not inst.implicit:
                inst.parent = pre_org
        if kept_title_end > head_end:
            title = title + " " + d.span_text(head_end, kept_title_end)
        post.title = _clean_title(title)
        post.inst = inst
        post.orgs = orgs
        if not post.country:
            for o in orgs:
                if o.country:
                    post.country = o.country
                    break
        for o in orgs:
            if o.country is None and post.country and o.implicit:
                o.country = post.country
        return post

    def _pre_org_end(self, j: int, lim: int) -> int:
        """End of an organisation standing before a post head ("NATO", "Defense Ministry")."""
        d = self.d
        kh = d.at(KINST, j)
        if kh:
            return kh[0]
        k = j
        best = j
        while k < lim and k < j + 6:
            if d.cover[k] & (BIT[PHEAD] | BIT[PMOD]) and not d.cover[k] & BIT[IHEAD]:
                break
            if not (d.cap[k] or d.cover[k] & BIT[IHEAD]):
                break
            h = d.at(IHEAD, k)
            if h:
                k = h[0]
                best = k
                continue
            k += 1
        return best

    def _ministry(self, domain: str, a: int, b: int) -> OrgRef:
        name = f"Ministry of {domain}"
        org = OrgRef(
            a,
            b,
            name,
            "ministry",
            "ministry",
            domain=domain,
            aliases=[f"{domain} Ministry"],
            rule="post-ministry",
            conf=0.85,
            implicit=True,
        )
        return org

    def _org_with_of(self, a: int, b: int, segs: list, prep: str) -> OrgRef:
        return self.make_org(a, b, rule="post-institution")

    def _whose(self, org: OrgRef) -> bool:
        """'the Azerbaijan Army', 'the Ruritanian Armed Forces': only says whose the post is."""
        return (
            bool(org.country)
            and org.head in FORCE_HEADS
            and org.known is None
            and (len(org.name.split()) <= len(org.head.split()) + 2)
        )

    # ------------------------------------------------------------------ officials
    def read_officials(self) -> None:
        d = self.d
        for sa, sb in d.sents:
            i = sa
            while i < sb:
                if self.used[i] or d.space[i]:
                    i += 1
                    continue
                nroles = len(self.roles)
                m = self._official_at(i, sb)
                if m is None and len(self.roles) > nroles:
                    i = self.roles[-1].end  # a post without a name: read once
                    continue
                if m is not None:
                    self.officials.append(m)
                    for k in range(m.start, m.end):
                        self.used[k] = True
                    i = m.end
                    continue
                i += 1

    def _official_at(self, i: int, lim: int) -> OffRef | None:
        d = self.d
        cov = d.cover[i]
        # (a) post chain [,] [rank] [honorific] name
        if (
            cov
            & (
                BIT[PHEAD]
                | BIT[PMOD]
                | BIT[DOMAIN]
                | BIT[PABBR]
                | BIT[DEMONYM]
                | BIT[COUNTRY]
                | BIT[KINST]
                | BIT[IHEAD]
            )
            or d.lower[i] == "the"
            or self.w(i) in self.dyn_demonyms
        ):
            res = self._chain_then_name(i, lim)
            if res is not None:
                return res
        # (b) rank [honorific] name [, appositive post]
        rk = d.at(RANK, i)
        if rk and (d.cap[i] or d.words[i][:1].isupper()):
            j = rk[0]
            j = self._skip_honorifics(j, lim)
            ne = self.parse_name(j, lim)
            if ne > j and not self._name_is_org(ne):
                off = OffRef(
                    i, ne, j, ne, self.name_text(j, ne), rank=rk[1], rule="rank-name", conf=0.9
                )
                self._appositive(off, lim)
                return off
        # (c) honorific / epithet + name
        hn = d.at(HONOR, i)
        if hn:
            j = self._skip_honorifics(i, lim)
            ne = self.parse_name(j, lim)
            if ne > j and not self._name_is_org(ne) and (ne - j >= 2 or hn[1] == "honorific"):
                off = OffRef(i, ne, j, ne, self.name_text(j, ne), rule="honorific-name", conf=0.8)
                self._appositive(off, lim)
                return off
        # (d) Country's Name ("Veldonia's Piet Oran")
        c = self.country_at(i)
        if c and self.w(c[0]) in POSS:
            j = c[0] + 1
            ne = self.parse_name(j, lim)
            if ne - j >= 2 and not self._name_is_org(ne):
                return OffRef(
                    i,
                    ne,
                    j,
                    ne,
                    self.name_text(j, ne),
                    country=c[1],
                    rule="possessive-name",
                    conf=0.75,
                )
        # (e) Name, <post> (appositive after a bare name) / Name said / led by Name
        if self.is_name_tok(i) and not (i > 0 and self.is_name_tok(i - 1) and not d.space[i - 1]):
            ne = self.parse_name(i, lim)
            if ne - i >= 2 and not self._name_is_org(ne) and not self._after_named_after(i):
                off = OffRef(i, ne, i, ne, self.name_text(i, ne), rule="name-appositive", conf=0.8)
                if self._appositive(off, lim):
                    return off
                if self._speech_next(ne) or self._speech_before(i) or self._led_by(i):
                    off.rule = "name-context"
                    off.conf = 0.7
                    return off
        return None

    def _skip_honorifics(self, j: int, lim: int) -> int:
        while j < lim:
            h = self.d.at(HONOR, j)
            if not h:
                break
            j = h[0]
            if self.w(j) == ",":  # "National Leader, architect ..." stays an epithet
                break
        return j

    def _name_is_org(self, ne: int) -> bool:
        """The 'name' is really the start of an institution/site name ("Heydar Aliyev Center")."""
        if ne >= self.n:
            return False
        c = self.d.cover[ne]
        return bool(c & (BIT[IHEAD] | BIT[SHEAD])) and self.d.cap[ne]

    def _after_named_after(self, i: int) -> bool:
        return self.lw(i - 1) == "after" and self.lw(i - 2) == "named"

    def _speech_next(self, j: int) -> bool:
        if j < self.n and self.w(j) == ",":
            return False
        hit = self.d.at(EVENT, j)
        return bool(hit and hit[1].endswith(SEP + "speech"))

    def _speech_before(self, i: int) -> bool:
        hit = self.d.at(EVENT, i - 1)
        return bool(hit and hit[1].endswith(SEP + "speech"))

    def _led_by(self, i: int) -> bool:
        return self.lw(i - 1) == "by" and self.lw(i - 2) in ("led", "headed", "chaired")

    def _chain_then_name(self, i: int, lim: int) -> OffRef | None:
        d = self.d
        posts: list[PostRef] = []
        j = i
        while True:
            p = self.parse_post(j, lim)
            if p is None:
                break
            posts.append(p)
            j = p.end
            # dash-joined double post / "and" / comma-separated posts
            k = j
            if self.w(k) in DASHES or self.lw(k) == "and" or self.w(k) == ",":
                k2 = k + 1
                p2 = self.parse_post(k2, lim)
                if p2 is not None and not p2.has_the or (p2 is not None and self.w(k) == ","):
                    j = k2
                    continue
            break
        if not posts:
            return None
        k = j
        if self.w(k) == ",":
            k += 1
        rank = None
        rk = d.at(RANK, k)
        if rk:
            rank = rk[1]
            k = rk[0]
        k = self._skip_honorifics(k, lim)
        ne = self.parse_name(k, lim)
        if (
            ne > k
            and not self._name_is_org(ne)
            and not (self.w(j) == "," and ne - k < 2 and rank is None)
        ):
            country = next((p.country for p in posts if p.country), None)
            rule = "post-rank-name" if rank else "post-name"
            conf = 0.95 if rank else 0.9
            if ne - k == 1:
                conf -= 0.1
            off = OffRef(
                i if not posts[0].has_the else i,
                ne,
                k,
                ne,
                self.name_text(k, ne),
                rank=rank,
                posts=posts,
                country=country,
                rule=rule,
                conf=conf,
            )
            self._appositive(off, lim)
            return off
        # no name: a role mention ("the Chief of the General Staff", "the General Staff chief")
        if len(posts) == 1 and (posts[0].has_the or posts[0].lower) and not rank:
            self.roles.append(RoleRef(i, posts[0].end, "post", post=posts[0]))
        return None

    def _appositive(self, off: OffRef, lim: int) -> bool:
        """', <post>[, <org>]' after a name: add the posts. Returns True when one was read."""
        d = self.d
        j = off.end
        if self.w(j) != ",":
            return False
        p = self.parse_post(j + 1, lim, appositive=True)
        if p is None:
            return False
        nxt = self.skip_space(p.end)
        if (
            (p.has_the or p.lower)
            and nxt < lim
            and self.d.words[nxt][:1].islower()
            and self.lw(nxt) not in APPOSITIVE_END
        ):
            return False  # "..., the General Staff chief emphasized": a new subject
        posts = [p]
        k = p.end
        # ", Ostmark Defence Staff" after the post: its institution
        if self.w(k) == "," and k + 1 < lim:
            b = self.org_run(k + 1, lim, appositive=True)
            if (
                b > k + 1
                and self.classify_seg(k + 1, b) == "inst"
                and (b >= lim or self.w(b) in (",", ".", ";", "and", ")") or d.space[b])
            ):
                org = self.make_org(k + 1, b, rule="appositive-institution")
                if p.inst is None:
                    p.inst = org
                else:
                    p.inst.parent = p.inst.parent or org
                p.orgs.append(org)
                if org.country and not p.country:
                    p.country = org.country
                k = b
        # "Deputy Prime Minister and Minister of ..." / dash-joined in appositive
        while self.w(k) in DASHES or self.lw(k) == "and":
            p2 = self.parse_post(k + 1, lim, appositive=True)
            if p2 is None or self.parse_name(p2.end, lim) > p2.end:
                break
            posts.append(p2)
            k = p2.end
        off.posts.extend(posts)
        off.end = k
        if not off.country:
            off.country = next((x.country for x in posts if x.country), None)
        off.rule = off.rule + "+appositive"
        return True

    # ------------------------------------------------------------------ countries
    def find_dynamic_countries(self) -> None:
        """Countries this lexicon does not know ("Ruritania"), from how the text uses them."""
        d = self.d
        self.dyn_demonyms: dict[str, str] = {}
        cands: dict[str, int] = {}
        words = d.words
        for i in range(self.n - 1):
            w = words[i]
            if (
                not d.cap[i]
                or d.cover[i] & (NAME_BLOCK & ~BIT[PLACE])
                or d.lower[i] in self.lx.common
            ):
                continue
            if not w.isalpha() or len(w) < 4:
                continue
            nxt = words[i + 1]
            score = 0
            if (
                nxt in POSS
                and i + 2 < self.n
                and d.cover[i + 2] & (BIT[PHEAD] | BIT[PMOD] | BIT[DOMAIN] | BIT[IHEAD])
            ):
                score = 2
            elif d.lower[i - 1] in ("to", "in", "from") and d.lower[i - 2] in (
                "visit",
                "visits",
                "arrived",
                "trip",
                "delegation",
                "travelled",
                "traveled",
            ):
                score = 1
            elif d.lower[i - 1] == "of" and i >= 2 and d.cover[i - 2] & (BIT[PHEAD] | BIT[DOMAIN]):
                score = 1
            if score:
                cands[w] = cands.get(w, 0) + score
        # demonyms: "Ruritanian" next to a post/institution word
        dem_cands: dict[str, str] = {}
        for i in range(self.n - 1):
            w = words[i]
            if not d.cap[i] or d.cover[i] & NAME_BLOCK or not w.isalpha() or len(w) < 5:
                continue
            if not w.endswith(("ian", "ean", "ese", "ish", "ic", "an", "i")):
                continue
            if d.cover[i + 1] & (BIT[PHEAD] | BIT[PMOD] | BIT[DOMAIN] | BIT[IHEAD]) or (
                d.cap[i + 1] and i + 2 < self.n and d.cover[i + 2] & BIT[IHEAD]
            ):
                base = _demonym_base(w, cands)
                if base:
                    dem_cands[w] = base
        for w, s in cands.items():
            if s >= 1 and (s >= 2 or w in dem_cands.values() or _demonym_of(w, dem_cands)):
                self.dyn_countries[w] = w
            elif s >= 1 and any(x.endswith(("ia", "land", "stan", "ania", "onia")) for x in [w]):
                self.dyn_countries[w] = w
        for w, base in dem_cands.items():
            self.dyn_demonyms[w] = base
            if base in cands:
                self.dyn_countries.setdefault(base, base)

    # ------------------------------------------------------------------ institutions
    def read_institutions(self) -> None:
        """Institutions named outside of post chains."""
        d = self.d
        n = self.n
        taken = [False] * n
        for o in self.orgs:
            for k in range(o.start, o.end):
                taken[k] = True
        i = 0
        while i < n:
            if taken[i] or d.space[i]:
                i += 1
                continue
            kh = d.at(KINST, i)
            ih = d.at(IHEAD, i)
            if not kh and not ih and not (d.cap[i] or d.cover[i] & (BIT[DEMONYM] | BIT[COUNTRY])):
                i += 1
                continue
            res = self._institution_at(i)
            if res is None:
                i += 1
                continue
            for k in range(res.start, res.end):
                taken[k] = True
                self.protected[k] = True
            self.orgs.append(res)
            i = res.end
        # the Alliance's X, possessive parents, etc. are handled in make_org / chains

    def _institution_at(self, i: int) -> OrgRef | None:
        d = self.d
        n = self.n
        if d.cover[i] & BIT[OUTLET] or self.used[i]:
            return None
        if not d.cap[i] and not d.cover[i] & (BIT[IHEAD] | BIT[KINST]):
            return None
        b = self.org_run(i, n, appositive=False)
        if b <= i:
            # "Resolute Support non-combat mission": capitalised name + lower-case head
            b = self.org_run(i, n, appositive=True)
            k = b
            while (
                k < n
                and k < b + 5
                and (d.words[k][:1].islower() or d.words[k] == "-")
                and not self.low_ok[k]
                and d.lower[k] not in FUNCTION
            ):
                k += 1
            if (
                b <= i
                or k == b
                or not self.low_ok[k]
                or not all(self.is_name_tok(x) or d.cover[x] & ORG_BITS for x in range(i, b))
            ):
                return None
        if any(self.used[k] for k in range(i, b)):
            # stop before an official mention
            k = i
            while k < b and not self.used[k]:
                k += 1
            b = k
            if b <= i:
                return None
        cls = self.classify_seg(i, b)
        low_ok = False
        short_alias = None
        # "European Union observation mission", "Resolute Support non-combat mission",
        # "the Ruritanian armed forces": a lower-case head after a name
        k = b
        steps = 0
        mids: list[int] = []
        while (
            k < n
            and steps < 3
            and (d.words[k][:1].islower() or d.words[k] == "-")
            and not self.low_ok[k]
        ):
            if d.lower[k] in FUNCTION or d.cover[k] & (BIT[EVENT] | BIT[PHEAD]):
                break
            if d.words[k] != "-":
                steps += 1
                mids.append(k)
            k += 1
        h = d.at(IHEAD, k)
        if h and self.low_ok[k] and k > i and not d.cap[k] and cls in ("country", "inst", "other"):
            if cls != "other" or b - i >= 1:
                if mids:
                    short_alias = d.span_text(i, b) + " " + d.span_text(k, h[0])
                if cls == "other" and b > i:
                    short_alias = short_alias or None
                    self._pending_alias = d.span_text(i, b)
                b = h[0]
                low_ok = True
                cls = "inst"
        if cls != "inst":
            # lower-case head followed by "of <Country>": "armed forces of Veldonia"
            if (
                d.at(IHEAD, i)
                and not d.cap[i]
                and self.low_ok[i]
                and self.lw(d.at(IHEAD, i)[0]) == "of"
                and self.country_at(d.at(IHEAD, i)[0] + 1)
            ):
                b = d.at(IHEAD, i)[0]
                cls = "inst"
                low_ok = True
            else:
                return None
        if not d.cap[i] and not low_ok and not d.at(KINST, i):
            return None
        if d.cover[b - 1] & BIT[SHEAD] and not d.cover[b - 1] & BIT[IHEAD]:
            return None
        org = self.make_org(i, b)
        if low_ok and org.known is None:
            # the name part: "European Union" -> also "EU observation mission"
            kh = d.at(KINST, i) if d.lower[i] != "the" else d.at(KINST, i + 1)
            if kh:
                ki = next((x for x in self.lx.institutions if x.name == kh[1]), None)
                start = i if d.lower[i] != "the" else i + 1
                rest = d.span_text(kh[0], b)
                if ki is not None:
                    for form in [ki.name] + ki.aliases:
                        if form != d.span_text(start, kh[0]) and (form.isupper() or len(form) > 4):
                            org.aliases.append(f"{form} {rest}")
                org.parent = None
            if short_alias:
                org.aliases.append(short_alias)
            pend = getattr(self, "_pending_alias", None)
            if pend:
                org.aliases.append(pend)
                self._pending_alias = None
        # complements: "of Defense", "of the Azerbaijan Army", "named after ...", "(ACR)"
        j = b
        if org.head in OF_TAKING or org.head.split()[-1] in OF_TAKING or org.head in FORCE_HEADS:
            if self.lw(j) in ("of", "for", "to") and j + 1 < n:
                k = j + 1
                if self.lw(k) == "the":
                    k += 1
                dom = d.at(DOMAIN, k)
                cty = self.country_at(k)
                if dom and org.head in ("ministry", "ministries") and not cty:
                    org.domain = dom[1]
                    org.name = f"{org.name} of {d.span_text(k, dom[0])}"
                    j = dom[0]
                    org.end = j
                    if self.lw(j) == "of" and self.country_at(j + 1):
                        c = self.country_at(j + 1)
                        org.country = c[1]
                        org.aliases.append(d.span_text(org.start, c[0]))
                        j = c[0]
                        org.end = j
                elif cty and self.lw(j) == "of":
                    org.country = cty[1]
                    org.aliases.append(d.span_text(org.start, cty[0]))
                    j = cty[0]
                    org.end = j
                elif org.head in OF_TAKING and self.lw(j) == "of":
                    b2 = self.org_run(k, n, appositive=False)
                    if b2 > k and self.classify_seg(k, b2) in ("inst", "other", "domain"):
                        if self.classify_seg(k, b2) == "inst" and org.head not in (
                            "ministry",
                            "academy",
                            "university",
                            "institute",
                        ):
                            # "General Staff of the Azerbaijan Army": parent
                            org.parent = self.make_org(k, b2)
                            org.aliases.append(d.span_text(org.start, b2))
                        else:
                            org.name = f"{org.name} of {d.span_text(k, b2)}"
                        j = b2
                        org.end = j
        elif org.head and self.lw(j) == "of" and j + 1 < n:
            k = j + 1
            if self.lw(k) == "the":
                k += 1
            cty = self.country_at(k)
            b2 = self.org_run(k, n, appositive=False)
            if cty and cty[0] == b2:
                org.country = cty[1]
                org.aliases.append(d.span_text(org.start, cty[0]))
                j = cty[0]
                org.end = j
            elif b2 > k and self.classify_seg(k, b2) == "inst":
                org.parent = self.make_org(k, b2)
                org.aliases.append(d.span_text(org.start, b2))
                j = b2
                org.end = j
        if self.lw(j) == "named" and self.lw(j + 1) == "after":
            ne = self.parse_name(j + 2, n)
            if ne > j + 2:
                org.name = f"{org.name} named after {d.span_text(j + 2, ne)}"
                j = ne
                org.end = j
        if self.w(j) == "(" and j + 2 < n and self.w(j + 2) == ")" and _acronym(self.w(j + 1)):
            org.acronym = self.w(j + 1)
            org.end = j + 3
        return org

    # ------------------------------------------------------------------ sites
    def read_sites(self) -> None:
        d = self.d
        n = self.n
        sh = d.spans[SHEAD]
        for a in sorted(sh):
            b, payload = sh[a]
            if self.used[a] or any(s.start <= a < s.end for s in self.sites):
                continue
            if any(o.start <= a < o.end for o in self.orgs):
                continue
            low_ok = self.lx.site_heads.get(payload, False)
            if not d.cap[a] and not low_ok:
                continue
            # name before the head: capitalised words, a quoted name, or none
            s = a
            while s > 0 and not d.space[s - 1]:
                p = s - 1
                if (
                    d.cap[p]
                    and not d.cover[p] & (BIT[RANK] | BIT[OUTLET] | BIT[PHEAD])
                    and (d.lower[p] not in FUNCTION)
                    and not (
                        p == d.sents[d.sent_of[p]][0]
                        and d.lower[p] in self.lx.common
                        and not d.cover[p] & ORG_BITS
                    )
                ):
                    s = p
                    continue
                if d.words[p] == "-" and self.attached(p) and s > 1:
                    s = p
                    continue
                break
            quoted = False
            if s == a and a >= 2 and d.words[a - 1] == '"':
                # the "Veldonian Fallen" monument
                q = a - 2
                while q > 0 and d.words[q] != '"' and a - q < 10:
                    q -= 1
                if d.words[q] == '"' and q < a - 2:
                    s = q
                    quoted = True
            if s == a and not d.cap[a]:
                # lower-case head with nothing before it: "the monument of X", "the bust of X"
                if self.lw(b) == "of" and (d.at(HONOR, b + 1) or self.is_name_tok(b + 1)):
                    k = self._skip_honorifics(b + 1, n)
                    ne = self.parse_name(k, n)
                    if ne > k:
                        name = d.span_text(a, ne)
                        self._add_site(a, ne, name, rule="site-of-person", conf=0.7)
                        for x in range(b + 1, ne):
                            self.protected[x] = True
                continue
            if (
                s == a
                and d.cap[a]
                and payload
                in (
                    "park",
                    "square",
                    "base",
                    "complex",
                    "hall",
                    "range",
                    "camp",
                    "port",
                    "plant",
                    "tower",
                    "gate",
                    "arch",
                    "mall",
                    "hotel",
                    "gallery",
                    "library",
                    "reserve",
                    "garden",
                    "bridge",
                )
            ):
                # a bare capitalised "Base"/"Park" is too weak without "of"
                if self.lw(b) != "of":
                    continue
            end = b
            aliases: list[str] = []
            # "Alley of Shehids (Martyrs)", "Alley of Honors", "Museum of History"
            if self.lw(end) == "of" and end + 1 < n:
                k = end + 1
                if self.lw(k) == "the":
                    k += 1
                k2 = k
                while (
                    k2 < n
                    and (d.cap[k2] or d.words[k2] in ("and",))
                    and not d.cover[k2] & BIT[RANK]
                ):
                    k2 += 1
                while k2 > k and d.words[k2 - 1] == "and":
                    k2 -= 1
                if k2 > k:
                    end = k2
            if self.w(end) == "(" and end + 2 < n and self.w(end + 2) == ")" and d.cap[end + 1]:
                alt = d.words[end + 1]
                base = d.span_text(s, end)
                if _acronym(alt):
                    aliases.append(alt)
                else:
                    aliases.append(base.rsplit(" ", 1)[0] + " " + alt)
                end += 3
            if self.lw(end) == "named" and self.lw(end + 1) == "after":
                k = self._skip_honorifics(end + 2, n)
                ne = self.parse_name(k, n)
                if ne > k:
                    for x in range(end + 2, ne):
                        self.protected[x] = True
                    end = ne
            if s == a and end == b:
                continue  # a head alone ("the park") is no name
            name_end = end
            name = _strip_paren_alias(d, s, name_end)
            if quoted:
                name = name.replace('"', "").replace("“", "").replace("”", "")
                name = " ".join(name.split())
            site = self._add_site(s, end, name, aliases=aliases, rule="site", conf=0.85)
            for x in range(s, end):
                self.protected[x] = True
            # "... in <city>"
            if self.lw(end) == "in" and end + 1 < n:
                k = end + 1
                ph = d.at(PLACE, k)
                cty = self.country_at(k)
                if ph:
                    site.place = ph[1].split(SEP)[0]
                    site.place_span = (k, ph[0])
                elif cty:
                    site.place = cty[1]
                    site.place_span = (k, cty[0])
                elif self.is_name_tok(k) and not self.is_name_tok(k + 1):
                    site.place = d.words[k]
                    site.place_span = (k, k + 1)

    def _add_site(self, a: int, b: int, name: str, aliases=None, rule="site", conf=0.85) -> SiteRef:
        if name.lower().startswith("the "):
            name = name[4:]
        s = SiteRef(a, b, name, aliases=list(aliases or []), rule=rule, conf=conf)
        self.sites.append(s)
        return s

    # ------------------------------------------------------------------ places
    def read_places(self) -> None:
        d = self.d
        n = self.n
        inside = [False] * n
        for o in self.orgs:
            for k in range(o.start, o.end):
                inside[k] = True
        for s in self.sites:
            for k in range(s.start, s.end):
                inside[k] = True
        skip_to = 0
        for i in range(n):
            if d.space[i] or i < skip_to:
                continue
            hit = d.at(PLACE, i)
            if hit:
                name, kind, _code = hit[1].split(SEP)
                nxt = hit[0]
                skip_to = nxt
                if inside[i] and not self._country_noun_in_org(i):
                    continue
                if nxt < n and d.cap[nxt] and not d.space[nxt] and self.w(nxt) not in POSS:
                    continue  # modifier: "Karabakh War", "Baku Congress Center"
                if (
                    i > 0
                    and d.cap[i - 1]
                    and not d.space[i - 1]
                    and d.lower[i - 1] not in FUNCTION
                    and not d.cover[i - 1] & (BIT[COUNTRY] | BIT[PLACE])
                    and i - 1 != d.sents[d.sent_of[i]][0]
                ):
                    continue
                self.places.append(PlaceRef(i, hit[0], name, kind, rule="place-lexicon"))
                continue
            c = self.country_at(i)
            if not c:
                continue
            if inside[i] and not self._country_noun_in_org(i):
                continue
            e = c[0]
            nxt_w = self.w(e)
            if e < n and d.cap[e] and nxt_w not in POSS and not d.space[e]:
                continue  # modifier: "Azerbaijan Army"
            if e < n and d.cover[e] & (BIT[IHEAD] | BIT[PHEAD] | BIT[PMOD] | BIT[DOMAIN]):
                continue
            if nxt_w == "-" and self.attached(e):
                continue  # "Azerbaijan-Armenia", "Veldonia-led"
            if i > 0 and d.words[i - 1] == "-" and self.attached(i):
                continue
            if d.at(DEMONYM, i) and d.at(DEMONYM, i)[0] == e:
                # "U.S.": a noun only before punctuation or a function word
                if (
                    e < n
                    and d.words[e][:1].isalpha()
                    and d.lower[e]
                    not in (
                        "and",
                        "of",
                        "in",
                        "to",
                        "has",
                        "have",
                        "is",
                        "was",
                        "will",
                        "for",
                        "on",
                    )
                ):
                    continue
            self.places.append(PlaceRef(i, e, c[1], "country", rule="place-country"))
        # "<Name> Sea", "<Name> region", datelines "NORDHAVEN, Ruritania, March 9."
        for a, b in d.sents:
            if b - a >= 3 and d.words[a].isupper() and d.words[a].isalpha() and len(d.words[a]) > 2:
                if d.words[a + 1] == "," and self.country_at(a + 2):
                    self.places.append(
                        PlaceRef(a, a + 1, d.words[a].title(), "city", rule="place-dateline")
                    )
        for i in range(1, n):
            lw = d.lower[i]
            if lw in ("sea", "ocean") and d.cap[i] and d.cap[i - 1] and not d.at(PLACE, i - 1):
                self.places.append(
                    PlaceRef(i - 1, i + 1, d.span_text(i - 1, i + 1), "sea", rule="place-sea")
                )

    def _country_noun_in_org(self, i: int) -> bool:
        return self.lw(i - 1) == "of" or self.lw(i - 2) == "of"


def _acronym(w: str) -> bool:
    letters = w.replace("-", "").replace("&", "")
    return (
        2 <= len(letters) <= 8 and letters[:1].isupper() and sum(c.isupper() for c in letters) >= 2
    )


def _clean_title(t: str) -> str:
    t = " ".join(t.split())
    if t.lower().startswith("the "):
        t = t[4:]
    return t.strip(" ,")


def _strip_paren_alias(d: TDoc, a: int, b: int) -> str:
    parts = []
    k = a
    while k < b:
        if d.words[k] == "(" and k + 2 < b + 1 and k + 2 < len(d.words) and d.words[k + 2] == ")":
            k += 3
            continue
        parts.append(k)
        k += 1
    if not parts:
        return ""
    # rebuild from contiguous runs
    out = []
    run_start = parts[0]
    prev = parts[0]
    for k in parts[1:]:
        if k != prev + 1:
            out.append(d.span_text(run_start, prev + 1))
            run_start = k
        prev = k
    out.append(d.span_text(run_start, prev + 1))
    return " ".join(out)


def _demonym_base(w: str, cands: dict[str, int]) -> str | None:
    """'Ruritanian' -> 'Ruritania' when the text uses that noun; else a plausible guess."""
    options = []
    if w.endswith("ian"):
        options += [w[:-1], w[:-3] + "y", w[:-3] + "ia", w[:-3]]
    if w.endswith("ean"):
        options += [w[:-1], w[:-3] + "a"]
    if w.endswith("an"):
        options += [w[:-1], w[:-2], w[:-2] + "a", w[:-2] + "o"]
    if w.endswith("ese"):
        options += [w[:-3], w[:-3] + "a"]
    if w.endswith("ish"):
        options += [w[:-3] + "land", w[:-3]]
    if w.endswith("i"):
        options += [w[:-1], w[:-1] + "stan", w[:-1] + "a"]
    for o in options:
        if o in cands:
            return o
    if w.endswith("ian") and len(w) > 6:
        return w[:-1]
    return None


def _demonym_of(w: str, dem: dict[str, str]) -> bool:
    return w in dem.values()
