"""Mention rules: officials (names, ranks, post chains), institutions, sites, places.

The rules work over the token arrays of a :class:`~communique.extract.nlp.TDoc` whose lexicon
spans were found by spaCy's PhraseMatcher. They produce plain mention records with token
spans; :mod:`communique.extract.extractor` turns them into entities, merges coreferent
mentions and reads events.

Reading order matters: invented countries first (so "Ruritanian" is known as a demonym), then
officials (post chains claim their institutions), sites (a site name protects the words inside
it: "Ministry of Defence Main Building" is no ministry mention), institutions, places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicons import Lexicons
from .nlp import (
    ANAPH,
    BIT,
    COUNTRY,
    DEMONYM,
    DOMAIN,
    EVENT,
    HONOR,
    IHEAD,
    KINST,
    ORGW,
    OUTLET,
    PABBR,
    PHEAD,
    PLACE,
    PMOD,
    RANK,
    SEP,
    SHEAD,
    SSITE,
    TDoc,
)

_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
PARTICLES = frozenset(
    "de del della der den da das do dos du di van von ter ten la las le los bin ibn al el y e zu "
    "af".split()
)
# Geographic nouns after a place name ("Tarvo Passage", "Halme Pass") and their kind; the
# lower-case island nouns follow the name without being part of it ("the Kolu Ada islet").
GEO_SUFFIXES = {
    "passage": "sea",
    "channel": "sea",
    "pass": "region",
    "peninsula": "region",
    "archipelago": "region",
    "island": "region",
    "islands": "region",
    "islet": "region",
    "islets": "region",
}
LOWER_GEO_SUFFIXES = frozenset(("island", "islands", "islet", "islets"))
EXERCISE_WORDS = frozenset(("exercise", "exercises", "drill", "drills", "operation"))
COMPASS = frozenset("north south east west northern southern eastern western central".split())
# a compass point after a unit head names the unit's sector ("Multinational Brigade North")
SECTORS = frozenset("north south east west northeast northwest southeast southwest".split())
# Lower-case particles inside place names ("Ponte do Vale", "Wadi al-Sahra").
PLACE_PARTICLES = frozenset("de del da do dos das di al el la las los".split())
# Words hyphen-joined to a name that make a compound adjective, not a given name.
NAME_COMPOUND_TAILS = frozenset("led based born run type class style era made owned".split())
NAME_SUFFIXES = frozenset(("Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"))
POSS = frozenset(("'s", "'"))
PREPS = frozenset(("of", "for", "to", "at", "on"))
DASHES = frozenset(("–", "—", "-", "--"))
REGION_WORDS = frozenset(("region", "province", "district", "oblast", "county", "governorate"))
# "<word> to <Name>": the name is a person honoured, never a place
TRIBUTE_TO = frozenset("tribute homage respect respects dedicated".split())
COUNTERPART = frozenset(("counterpart", "counterparts", "colleague", "colleagues"))
# plural role nouns a list of names may stand in apposition to ("her counterparts, A and B";
# "the committee members Y and Z")
ROLE_PLURALS = frozenset(
    "counterparts colleagues ministers members deputies chairs chairmen chairwomen "
    "co-chairs envoys ambassadors lawmakers legislators".split()
)
DETERMINERS = frozenset(("the", "a", "an", "its", "his", "her", "their"))
WHO_HEADS = frozenset("heads headed chairs chaired leads led directs directed commands".split())
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
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
        "which",
        "said",
        "says",
    )
)
FUNCTION = frozenset(
    "a an the of in on at to for from by with and or but as is was were are be been this that "
    "these those his her its their our during after before within under over into about "
    "he she it they we also then later today yesterday".split()
)
OPENERS = FUNCTION | frozenset(
    "then afterwards meanwhile finally earlier first next thereafter subsequently however "
    "moreover additionally furthermore later also today yesterday tomorrow".split()
)
TITLE_DROP = (
    "outgoing ",
    "incoming ",
    "new ",
    "newly appointed ",
    "newly-appointed ",
    "former ",
    "then ",
)
DIPLOMATIC_HEADS = (
    "ambassador",
    "attaché",
    "attache",
    "representative",
    "envoy",
    "consul",
    "delegate",
    "chargé",
    "charge",
    "commissioner",
)
DIPLOMATIC_ORGS = (
    "representation",
    "permanent representation",
    "mission",
    "delegation",
    "embassy",
    "consulate",
)
# verbs between ", who" and "as <post>": "who serves as", "who took over as", "who has been
# appointed as"
WHO_AS_VERBS = frozenset(
    "serves served works took takes over has have had was is been appointed named "
    "acts acting stepped in".split()
)
# "<Head> of <Name>" places: head -> kind
GEO_OF_HEADS = {
    "Gulf": "sea",
    "Bay": "sea",
    "Strait": "sea",
    "Straits": "sea",
    "Sea": "sea",
    "Isle": "region",
    "Isles": "region",
    "Island": "region",
    "Islands": "region",
    "Peninsula": "region",
}
# nouns whose "between X and Y" names persons or sides, not places
BETWEEN_PERSONS = frozenset(
    "talks talk meeting meetings conversation conversations call calls contacts contact "
    "relations dialogue agreement agreements exchange exchanges consultations discussion "
    "discussions negotiations memorandum match place held signed concluded".split()
)
# languages that are no demonym in the lexicon ("in English")
LANGUAGES = frozenset(
    "english arabic latin hebrew hindi urdu swahili mandarin cantonese esperanto".split()
)
PORTFOLIO_HEADS = frozenset(("department", "directorate", "desk", "division"))
# navy ship prefixes: "HMS", "HNLMS", "HSwMS", "USS", "USNS", "INS", "TCG", "ORP", "FGS"...
SHIP_PREFIX = re.compile(
    r"^(?:H[A-Za-z]{0,3}MS|HMCS|HMAS|HMNZS|USS|USNS|INS|TCG|ORP|FGS|ESPS|KRI)$"
)
# last words of a named war or campaign ("the Great Northern War"), never of a person's name
CONFLICT_WORDS = frozenset(
    "war wars campaign campaigns battle offensive operation uprising revolution siege".split()
)
SETTLEMENT_WORDS = frozenset(("town", "city", "village", "port", "settlement", "municipality"))
PAST_HOLDER = frozenset(("first", "former", "late"))
# sentence-opening words that still start a site name before a capitalised head ("Victory Park
# hosted the ceremony", "Heroes Square was ...")
MEMORIAL_WORDS = frozenset(
    "hero heroes martyr martyrs shehid shehids victory war patriotic".split()
)
SITE_PARTICIPLES = frozenset(
    ("located", "situated", "erected", "installed", "built", "standing", "based", "opened")
)
# facilities a body owns or mans: a trailing "of <Institution>" names the owner, not the site
OWNED_SITES = frozenset(
    (
        "plant",
        "factory",
        "shipyard",
        "dockyard",
        "outpost",
        "border outpost",
        "barracks",
        "training ground",
        "training area",
        "airfield",
    )
)
LOCATIVE = frozenset(("at", "in", "inside", "near", "visited", "toured", "to", "outside"))

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
    | BIT[ORGW]
    | BIT[SSITE]
)
# Bits that end an unknown place name.
PLACE_RUN_STOP = BIT[RANK] | BIT[PHEAD] | BIT[OUTLET]
# Bits that make a token part of an organisation name.
ORG_BITS = BIT[IHEAD] | BIT[KINST] | BIT[DOMAIN] | BIT[COUNTRY] | BIT[DEMONYM] | BIT[ORGW]
POST_START = BIT[PHEAD] | BIT[PMOD] | BIT[DOMAIN] | BIT[PABBR]
OFFICIAL_START = (
    POST_START
    | BIT[DEMONYM]
    | BIT[COUNTRY]
    | BIT[KINST]
    | BIT[IHEAD]
    | BIT[SSITE]
    | BIT[RANK]
    | BIT[HONOR]
)

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
        "government",
        "parliament",
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
        "assembly",
        "government",
        "parliament",
        "hospital",
        "lyceum",
        "headquarters",
        "directorate general",
    )
)


# last words of names that are not institutions even after a body's name (a fund, programme)
NOT_BODY_TAILS = frozenset(
    ("fund", "funds", "facility", "programme", "program", "initiative", "format", "instrument")
)
# a body's own meetings: "the NATO Summit" names NATO
BODY_MEETINGS = frozenset(("summit", "summits", "meeting", "meetings", "conference", "ministerial"))
AWARD_WORDS = frozenset(
    ("medal", "medals", "order", "cross", "star", "badge", "prize", "award", "decoration")
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
    alias_only: bool = False  # lower-case form ("the armed forces of Veldonia")
    of_name: str | None = None  # "General Staff of the Azerbaijan Army" when parent is "of"
    named_here: bool = False  # a known parent written as this name's prefix ("NATO mission")


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
    bare: bool = False  # head only, no modifier/complement ("Minister")
    sig: str = ""  # modifiers|portfolio|head: "Foreign Minister" = "Minister of Foreign Affairs"


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
    """A post without a name ("the Chief of the General Staff")."""

    start: int
    end: int
    kind: str
    post: PostRef | None = None


@dataclass
class SiteRef:
    start: int
    end: int
    name: str
    aliases: list[str] = field(default_factory=list)
    place: str | None = None  # place name
    place_span: tuple[int, int] | None = None
    place_kind: str = "city"
    rule: str = "site"
    conf: float = 0.85


@dataclass
class PlaceRef:
    start: int
    end: int
    name: str
    kind: str
    country: str | None = None  # for cities: the country, when known
    rule: str = "place"
    conf: float = 0.9


@dataclass
class DelegRef:
    start: int
    end: int


class Reader:
    """Runs the mention rules over one TDoc."""

    def __init__(self, d: TDoc, lx: Lexicons, countries: dict[str, str]):
        self.d = d
        self.lx = lx
        self.countries = countries  # code -> canonical name
        self.n = len(d.words)
        self.used = [False] * self.n  # tokens inside an official mention
        self.protected = [False] * self.n  # inside an institution/site name: no persons
        self.site_tok = [False] * self.n  # inside a site name: no institutions
        self.dyn_countries: dict[str, str] = {}  # surface -> country name (invented countries)
        self.dyn_demonyms: dict[str, str] = {}
        self.officials: list[OffRef] = []
        self.roles: list[RoleRef] = []
        self.orgs: list[OrgRef] = []
        self.sites: list[SiteRef] = []
        self.places: list[PlaceRef] = []
        self.delegations: list[DelegRef] = []
        self.city_country: dict[str, str] = {}  # city -> country (lexicon, datelines)
        self._nato = any(p == "NATO" for _, p in d.spans[KINST].values())
        self._known = {ki.name: ki for ki in lx.institutions}
        self._classify_tokens()
        post_bits = BIT[PHEAD] | BIT[PABBR]
        self._next_post = [self.n + 100] * (self.n + 1)
        for k in range(self.n - 1, -1, -1):
            self._next_post[k] = k if d.cover[k] & post_bits else self._next_post[k + 1]
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
        return 0 < i < self.n and self.d.starts[i] == self.d.ends[i - 1]

    def skip_space(self, i: int) -> int:
        while i < self.n and self.d.space[i]:
            i += 1
        return i

    def _classify_tokens(self) -> None:
        """Per-token name/acronym classes, computed once (they are asked for very often)."""
        d = self.d
        common = self.lx.common
        name_ok = [False] * self.n
        acr = [False] * self.n
        for i, w in enumerate(d.words):
            if not d.cap[i]:
                continue
            if 2 <= len(w) <= 8 and w.isalpha() and sum(map(str.isupper, w)) >= 2:
                acr[i] = True
            if d.cover[i] & NAME_BLOCK:
                continue
            if len(w) == 2 and w[1] == ".":  # initial
                name_ok[i] = True
                continue
            if w == w.upper():
                continue  # no lower-case letter
            if not w.replace("'", "").replace(".", "").isalpha():
                continue
            name_ok[i] = d.lower[i] not in common
        self._name_ok = name_ok
        self._acr = acr

    def is_name_tok(self, i: int) -> bool:
        if i >= self.n or i < 0 or self.protected[i] or not self._name_ok[i]:
            return False
        w = self.d.words[i]
        return not (w in self.dyn_demonyms or w in self.dyn_countries)

    def is_acr_tok(self, i: int) -> bool:
        """An acronym-like token ("NATO", "eFP", "MNC")."""
        return 0 <= i < self.n and self._acr[i]

    def _local_place(
        self, start: int, end: int, name: str, kind: str, rule: str, conf: float = 0.9
    ) -> None:
        """A city or region read from its context, with its country when the lexicon knows it."""
        self.places.append(
            PlaceRef(start, end, name, kind, self.city_country.get(name), rule=rule, conf=conf)
        )

    def country_at(self, i: int) -> tuple[int, str] | None:
        """Country noun at i (lexicon or an invented one found in this text)."""
        hit = self.d.at(COUNTRY, i)
        if hit:
            return hit[0], self.countries[hit[1]]
        w = self.w(i)
        if w in self.dyn_countries:
            return i + 1, self.dyn_countries[w]
        if w == "Republic" and self.lw(i + 1) == "of" and self.w(i + 2) in self.dyn_countries:
            return i + 3, self.dyn_countries[self.w(i + 2)]  # as the lexicon's "Republic of X"
        return None

    def demonym_at(self, i: int) -> tuple[int, str] | None:
        hit = self.d.at(DEMONYM, i)
        if hit:
            return hit[0], self.countries[hit[1]]
        w = self.w(i)
        if w in self.dyn_demonyms:
            return i + 1, self.dyn_demonyms[w]
        return None

    def paren_acronym(self, j: int) -> tuple[int, str] | None:
        """'(RMR)' or '(MNC NE)' at j: (end, acronym)."""
        if self.w(j) != "(":
            return None
        k = j + 1
        while k < self.n and k < j + 5 and self.is_acr_tok(k):
            k += 1
        if k > j + 1 and self.w(k) == ")":
            return k + 1, self.d.span_text(j + 1, k)
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
                # hyphenated names: "Solberg-Aas", "Kassym-Jomart"
                if (
                    j + 1 < lim
                    and self.d.words[j] == "-"
                    and self.attached(j)
                    and self.attached(j + 1)
                    and self.is_name_tok(j + 1)
                ):
                    j += 1
                else:
                    j = self._syllable_tail(j, lim)
                continue
            if count == 0 and self._hyphen_given_name(j, lim):
                j += 2  # "Per-Ola": a common word joined to a name is a given name
                continue
            lw = self.lw(j)
            if lw in PARTICLES and j + 1 < lim:
                nxt = self._after_particles(j, lim)
                if (count > 0 or lw in ("al", "el", "bin", "ibn")) and self.is_name_tok(nxt):
                    j = nxt
                    continue
            break
        if count == 0:
            return i
        j = self._country_surname(i, j, lim, count)
        if j < lim and self.w(j) in NAME_SUFFIXES:
            j += 1
        return j

    def _hyphen_given_name(self, j: int, lim: int) -> bool:
        """A capitalised common word glued by a hyphen to a name word ("Per-Ola", "May-Britt")."""
        d = self.d
        w = d.words[j]
        return (
            j + 2 < lim
            and d.cap[j]
            and w.isalpha()
            and w != w.upper()
            and not d.cover[j] & NAME_BLOCK
            and not self.protected[j]
            and d.words[j + 1] == "-"
            and self.attached(j + 1)
            and self.attached(j + 2)
            and self.is_name_tok(j + 2)
        )

    def _after_particles(self, j: int, lim: int) -> int:
        """Token after the particles at j: one or two ("da", "de la", "van der"), each may be
        hyphen-joined to what follows ("al-Dhaheri", "bin Rashid al-Mazrouqi")."""
        nxt = j
        for _ in range(2):
            if nxt >= lim or self.lw(nxt) not in PARTICLES:
                break
            nxt += 1
            if self.w(nxt) == "-" and self.attached(nxt):
                nxt += 1
        return nxt

    def _syllable_tail(self, j: int, lim: int) -> int:
        """End of a name token at j-1 with a lower-case syllable hyphen-joined to it: Korean
        given names are romanised so ("Hye-jin", "Sang-hoon"). Compound words built on a name
        ("Lisbon-based", "Smith-led") have a longer first part or an English suffix word."""
        if (
            j + 1 >= lim
            or self.d.words[j] != "-"
            or not (self.attached(j) and self.attached(j + 1))
        ):
            return j
        head, tail = self.d.words[j - 1], self.d.words[j + 1]
        if (
            len(head) <= 4
            and 1 <= len(tail) <= 5
            and tail.isalpha()
            and tail.islower()
            and tail not in NAME_COMPOUND_TAILS
        ):
            return j + 2
        return j

    def _country_surname(self, i: int, j: int, lim: int, count: int) -> int:
        """A surname spelt like a country ("Montenegro", "Jordan") closes a name of two or
        more words when nothing but punctuation or a conjunction follows it."""
        if count < 2 or j >= lim or not self.country_at(j):
            return j
        k = j + 1
        if k < lim and (self.d.cap[k] or self.w(k) in POSS or self.w(k) == "-"):
            return j
        return k if self.d.cap[j] and self.w(j).isalpha() else j

    def parse_titled_name(self, i: int, lim: int) -> int:
        """parse_name after a rank or post, where a given name may also be a common word
        ("Colonel Jan Vos", "General May Lindqvist")."""
        ne = self.parse_name(i, lim)
        if ne > i or i + 1 >= lim:
            return ne
        d = self.d
        w = d.words[i]
        if (
            d.cap[i]
            and w.isalpha()
            and w != w.upper()
            and not d.cover[i] & NAME_BLOCK
            and d.lower[i] in self.lx.common
            and not d.space[i + 1]
            and self.is_name_tok(i + 1)
        ):
            ne2 = self.parse_name(i + 1, lim)
            if ne2 > i + 1 and (ne2 >= lim or not self.is_name_tok(ne2)):
                return ne2
        return ne

    def name_text(self, i: int, j: int) -> str:
        return self.d.span_text(i, j)

    def name_words(self, i: int, j: int) -> int:
        return len(self.name_text(i, j).split())

    # ------------------------------------------------------------------ organisations
    def _furniture_line_at(self, j: int) -> bool:
        """Token j opens a short line with no sentence punctuation ("Print version", "Share"):
        page furniture, never the continuation of a name wrapped from the line before."""
        d = self.d
        gap = d.text[d.ends[j - 1] : d.starts[j]]
        if "\n" not in gap:
            return False
        e = d.text.find("\n", d.starts[j])
        line = d.text[d.starts[j] : e if e >= 0 else len(d.text)].strip()
        return len(line.split()) <= 3 and not any(ch in line for ch in ".,;:!?")

    def org_run(self, i: int, lim: int, mode: str = "appositive") -> int:
        """End of a run of organisation-name tokens starting at i (i if none).

        ``mode`` "prename": the run stands before a person's name, so trailing capitalised
        words that are not lexicon words are left for the name ("President of Ruritania Emil
        Varsk"); "appositive"/"standalone": the whole run.
        """
        d = self.d
        if i < lim and d.lower[i] in OPENERS and not d.cover[i] & ORG_BITS:
            return i  # "Then NATO officers": a sentence opener is no part of a name
        if self.w(i) == "Republic" and not d.cover[i] & BIT[COUNTRY]:
            c = self.country_at(i)
            if c and c[0] <= lim:
                return c[0]  # "the Republic of <a country found in this text>"
        j = i
        last_lex = i
        while j < lim:
            w = d.words[j]
            c = d.cover[j]
            if self.protected[j] and mode != "appositive" and self.site_tok[j]:
                break
            if j > i and self._furniture_line_at(j):
                break  # "... Press and Information Department\nPrint version": page furniture
            if d.lower[j] in _WEEKDAYS or (
                d.lower[j] in _MONTHS
                and (self.w(j + 1)[:1].isdigit() or self.lw(j - 1) in ("on", "in", "since"))
            ):
                break  # "commissioned into the Navy on Friday": a date, never part of a name
            if (
                c & ORG_BITS
                and (d.cap[j] or self.low_ok[j] or c & (ORG_BITS & ~BIT[IHEAD] & ~BIT[ORGW]))
            ) or (c & BIT[SHEAD] and d.cap[j]):
                j += 1
                last_lex = j
                continue
            if self.is_acr_tok(j) and not c & (BIT[RANK] | BIT[OUTLET]):
                j += 1
                last_lex = j
                continue
            if (
                j > i
                and mode != "prename"
                and d.cap[j]
                and c & BIT[RANK]
                and c & BIT[PHEAD]
                and d.cap[j - 1]
                and d.cover[j - 1] & BIT[PHEAD]
            ):
                j += 1  # "Office of the Secretary General": a post word, not a rank
                continue
            if w in self.dyn_countries or w in self.dyn_demonyms:
                j += 1  # an invented country is as good as a known one ("of Ostria")
                last_lex = j
                continue
            if self._unit_sector(j, i):
                j += 1  # "Multinational Brigade North": the sector is part of the name
                last_lex = j
                continue
            if d.cap[j] and (w[:1].isalpha()) and not c & (BIT[RANK] | BIT[OUTLET] | BIT[HONOR]):
                if c & BIT[PHEAD] and mode == "prename":
                    break
                if (
                    c & BIT[PHEAD]
                    and not c & (BIT[IHEAD] | BIT[ORGW])
                    and j > i
                    and self.lw(j - 1) not in ("of", "the")
                ):
                    break
                j += 1
                continue
            if w[:1].isdigit() and (w.isdigit() or w.endswith(ORDINAL_SUFFIXES)):
                if j + 1 < lim and d.cap[j + 1] and j == i:
                    j += 1
                    continue
                if (
                    w.isdigit()
                    and len(w) <= 2
                    and j > i
                    and d.cover[j - 1] & BIT[IHEAD]
                    and d.cap[j - 1]
                    and (j + 1 >= lim or not (d.cap[j + 1] or d.lower[j + 1].isdigit()))
                ):
                    j += 1  # "Standing Maritime Group 2": a numbered body
                    last_lex = j
                break
            if w in ("and", "&") and j > i and j + 1 < lim and d.cap[j + 1]:
                if d.cover[j - 1] & (BIT[KINST] | BIT[IHEAD]) and d.at(KINST, j + 1):
                    break  # "the European Union and NATO": two bodies
                if (
                    mode == "prename"
                    and j - last_lex <= 1
                    and any(
                        d.cover[k] & (BIT[ORGW] | BIT[DOMAIN])
                        and all(d.cap[x] for x in range(j + 1, k + 1))
                        for k in range(j + 2, min(j + 4, lim))
                    )
                ):
                    j += 1  # "for European and Eurasian Affairs James O'Dell"
                    continue
                if mode == "prename" and (
                    (self.is_name_tok(j + 1) and not (d.cover[j + 1] & ORG_BITS))
                    or j > last_lex  # "... Defence Lena Varga and ...": a name ended the run
                ):
                    break
                j += 1
                continue
            if w == "-" and self.attached(j) and j + 1 < lim and self.attached(j + 1):
                if self.lw(j + 1) in ("led", "based", "owned", "run"):
                    j += 2  # "Canada-led", "Brussels-based"
                    last_lex = j
                    continue
                nw = d.words[j + 1]
                if (
                    j > i
                    and d.cap[j - 1]
                    and nw.isalpha()
                    and nw.islower()
                    and j + 2 < lim
                    and (d.cap[j + 2] or d.lower[j + 2] in ("and", "&"))
                ):
                    j += 2  # "Economic Co-operation and Development": one word
                    continue
                j += 1
                continue
            if (
                w in POSS
                and j > i
                and j + 1 < lim
                and d.cap[j + 1]
                and d.cap[j - 1]
                and not (d.cover[j - 1] & (BIT[COUNTRY] | BIT[KINST] | BIT[IHEAD]))
                and self.w(j - 1) not in self.dyn_countries
                and d.cover[j + 1] & BIT[IHEAD]
            ):
                # "Lithuanian Riflemen's Union"
                j += 1
                continue
            pa = self.paren_acronym(j) if j > i else None
            if pa:
                j = pa[0]
                last_lex = j
                continue
            break
        if mode == "prename" and j > last_lex:
            nxt = self.skip_space(j)
            after = self.skip_space(nxt + 1)
            if self.w(nxt) == "," and (
                d.at(RANK, after) or d.at(HONOR, after) or self.is_name_tok(after)
            ):
                pass  # "Commander of Multinational Corps Northeast, Lt Gen X"
            elif last_lex == i:
                # nothing known in the run: the person's name is its last two words
                j = j - 2 if j - i >= 3 else i
            else:
                j = last_lex
        # never end on a connector
        while j > i and d.words[j - 1] in ("and", "&", "-", "(", "'s", "'"):
            j -= 1
        return j

    def _unit_sector(self, j: int, i: int) -> bool:
        """A capitalised compass point right after a capitalised unit head ("Brigade North",
        "Corps Northeast") names the unit's sector, never a person's surname."""
        d = self.d
        return (
            j > i
            and d.cap[j]
            and d.lower[j] in SECTORS
            and d.cap[j - 1]
            and self.lx.inst_heads.get(d.lower[j - 1], ("", False))[0] == "unit"
        )

    def classify_seg(self, a: int, b: int) -> str:
        d = self.d
        if b <= a:
            return "none"
        if b - a > 3 and d.words[b - 1] == ")":
            q = b - 1
            while q > a and d.words[q] != "(":
                q -= 1
            pa = self.paren_acronym(q) if q > a else None
            if pa and pa[0] == b:
                # "National Defence (MND)": what the words before the acronym are
                inner = self.classify_seg(a, q)
                if inner in ("country", "place", "domain"):
                    return inner
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
        if d.words[last] == ")":
            k = last
            while k > a and d.words[k] != "(":
                k -= 1
            last = k - 1
        if last >= a and d.cover[last] & (BIT[IHEAD] | BIT[KINST]):
            return "inst"
        if (
            last - 1 >= a
            and d.cover[last - 1] & BIT[IHEAD]
            and d.cap[last]
            and d.words[last].isalpha()
        ):
            return "inst"  # "Royal Military Academy Sandhurst"
        if (
            last - 1 >= a
            and d.cover[last - 1] & BIT[IHEAD]
            and d.words[last].isdigit()
            and len(d.words[last]) <= 2
        ):
            return "inst"  # "Standing Maritime Group 2"
        return "other"

    def make_org(self, a: int, b: int, rule: str = "institution", conf: float = 0.9) -> OrgRef:
        """Build an OrgRef for tokens a..b (an institution phrase without 'of' complements)."""
        d = self.d
        if d.lower[a] in DETERMINERS and b - a > 1:
            a += 1
        acronym = None
        # "(RMR)" at the end, or in the middle ("Joint Forces Corps (JFC) Headquarters")
        parts: list[tuple[int, int]] = []
        k = a
        seg_start = a
        while k < b:
            pa = self.paren_acronym(k)
            if pa and pa[0] <= b:
                acronym = pa[1]
                parts.append((seg_start, k))
                seg_start = pa[0]
                k = pa[0]
                continue
            k += 1
        parts.append((seg_start, b))
        name = " ".join(d.span_text(x, y) for x, y in parts if y > x)
        last_end = max(y for x, y in parts if y > x) if any(y > x for x, y in parts) else b
        head = ""
        kind = "body"
        known = None
        hit = d.at(KINST, a)
        if hit and hit[0] >= last_end:
            known = hit[1]
        for s in range(a, last_end):
            h = d.at(IHEAD, s)
            if h and h[0] == last_end:
                head = d.norm_text(s, h[0]).lower()
                kind = self.lx.inst_heads.get(h[1], ("body", False))[0]
                break
        if not head and known:
            kind = self._known[known].kind if known in self._known else "body"
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
        if known:
            ki = self._known.get(known)
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
            # a known institution as prefix ("NATO Military Committee") is the parent
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
                    rest = d.span_text(kh[0], last_end)
                    if s == a and len(rest.split()) >= 2 and rest[:1].isalpha():
                        org.aliases.append(rest)
                    if s == a and not d.cap[last_end - 1]:
                        org.parent.named_here = True  # "the NATO mission": NATO is named too
                    break
        if head in ("ministry", "ministries") and org.domain is None:
            for s in range(a, last_end):
                dom = d.at(DOMAIN, s)
                if dom and dom[0] < last_end:
                    org.domain = dom[1]  # "Foreign Ministry" is the Ministry of Foreign Affairs
                    break
        if not known and last_end - a == 1 and d.cap[a] and not self.is_acr_tok(a):
            org.bare = True  # "the Ministry", "the Alliance" (an acronym is a full name)
            if head == "alliance" and self._nato:
                org.known = "NATO"
                org.bare = False
        return org

    def parse_org_chain(
        self, i: int, lim: int, mode: str
    ) -> tuple[int, list[tuple[str, int, int, str]]]:
        """Segments of an 'of'-chain: [(prep, a, b, class)], starting with a segment at i."""
        segs: list[tuple[str, int, int, str]] = []
        j = i
        prep = ""
        while True:
            a = j
            if self.lw(a) == "the":
                a += 1
            b = self.org_run(a, lim, mode)
            if (
                b <= a
                and segs
                and self.d.cover[a] & BIT[PHEAD]
                and segs[-1][3] == "inst"
                and self.lw(a - 1) == "the"
            ):
                # "Office of the President"
                b = self.d.end_of(PHEAD, a)
            if b <= a:
                break
            segs.append((prep, a, b, self.classify_seg(a, b)))
            j = b
            if self.w(j) in POSS and j + 1 < lim:
                b2 = self.org_run(j + 1, lim, mode)
                if b2 > j + 1:
                    segs.append(("'s", j + 1, b2, self.classify_seg(j + 1, b2)))
                    j = b2
            if self.lw(j) in PREPS and j + 1 < lim:
                nxt = j + 1
                if self.lw(nxt) == "the":
                    nxt += 1
                if nxt < lim and (
                    self.d.cap[nxt] or self.d.cover[nxt] & ORG_BITS or self.w(nxt)[:1].isdigit()
                ):
                    prep = self.lw(j)
                    j = j + 1
                    continue
            break
        return j, segs

    # ------------------------------------------------------------------ posts
    def _office_post_end(self, head_last: str, k: int, b: int) -> int:
        """'Office of the <Body> <Post>' names the office of that body's post holder ("Office
        of the Ministry Spokesperson"), not an office of the body: the complement takes the
        post."""
        d = self.d
        ih = d.at(IHEAD, k)
        if (
            head_last == "office"
            and self.lw(k - 1) == "the"
            and ih is not None
            and ih[0] == b
            and b < self.n
            and d.cap[b]
            and d.cover[b] & BIT[PHEAD]
        ):
            return d.end_of(PHEAD, b)
        return b

    def parse_post(self, i: int, lim: int, appositive: bool = False) -> PostRef | None:
        """A post phrase starting at i:
        [det] [Country's|Demonym] [Org] mods* [domain] head [complements] [in <Place>]."""
        d = self.d
        if self._next_post[i] - i > 6:
            return None  # no post head near: nothing to parse
        j = i
        has_the = False
        if self.lw(j) in DETERMINERS:
            has_the = True
            j += 1
            if (
                d.words[j].isalpha()
                and not d.cap[j]
                and not d.cover[j] & ORG_BITS
                and self.w(j + 1) in POSS
                and j + 2 < lim
                and d.cover[j + 2] & POST_START
                and not d.cap[j + 2]
            ):
                j += 2  # "the ship's commanding officer": a relative post, without its possessor
        country = None
        pre_org: OrgRef | None = None
        c = self.country_at(j)
        if c and self.w(c[0]) in POSS:
            country = c[1]
            j = c[0] + 1
        else:
            dm = self.demonym_at(j) or c
            if dm and dm[0] < self.n and d.cover[dm[0]] & POST_START:
                country = dm[1]
                j = dm[0]
        title_prefix = ""
        site_noun = -1  # "the base commander": a lower-case site noun kept in the title
        # organisation before the post: "NATO Secretary General", "Ministry Spokesperson",
        # "the General Staff chief", "the Alliance's permanent representative"
        ph0 = d.at(PHEAD, j)
        ih0 = d.at(IHEAD, j)
        if ph0 and ih0 and ph0[0] > ih0[0]:
            pass  # "Corps Sergeant Major": a post whose name starts with a unit noun
        elif j < self.n and (not d.cover[j] & POST_START or d.at(KINST, j) or ih0):
            ss = d.at(SSITE, j)
            if ss and ss[0] < self.n and d.cover[ss[0]] & POST_START:
                title_prefix = d.span_text(j, ss[0]) + " "  # "Pentagon Press Secretary"
                j = ss[0]
            else:
                b = self._pre_org_end(j, lim)
                if b > j:
                    k = b + (1 if self.w(b) in POSS else 0)
                    if k < self.n and d.cover[k] & POST_START:
                        pre_org = self.make_org(j, b, rule="post-institution")
                        if pre_org.country and not country:
                            country = pre_org.country
                        j = k
                elif self._site_noun_post(j):
                    site_noun = j
                    j += 1
        title_start = j
        domain = None
        while j < lim:
            pm = d.at(PMOD, j)
            ph = d.at(PHEAD, j)
            if pm and (not ph or pm[0] > ph[0]):
                if d.lower[j] in ("first", "former", "late") and not d.cap[j] and d.cap[pm[0]]:
                    return None  # "the first Chief of the General Staff": a past holder
                if d.lower[j] == "first" and not d.cap[j] and title_start == j == pm[0] - 1:
                    title_start = pm[0]  # "the ship's first commanding officer": its holder
                j = pm[0]
                continue
            dom = d.at(DOMAIN, j)
            if dom and not domain:
                nxt = dom[0]
                if nxt < lim and d.cover[nxt] & (BIT[PHEAD] | BIT[PMOD]):
                    domain = dom[1]
                    j = nxt
                    continue
            break
        if appositive and not d.at(PHEAD, j) and not d.at(PABBR, j):
            j = self._portfolio_end(j, lim)  # "Press and Public Relations Adviser"
        head_hit = d.at(PHEAD, j)
        abbr = d.at(PABBR, j)
        if head_hit:
            head_start = j
            j = head_hit[0]
            while j < lim and d.at(PHEAD, j) and d.cap[j] == d.cap[head_start]:
                j = d.at(PHEAD, j)[0]  # stacked heads: "Chief Adviser"
            for k in range(head_start + 1, j):
                hk = d.at(PHEAD, k)
                if hk and hk[0] > j and hk[0] <= lim:
                    j = hk[0]  # overlapping heads: "Deputy Secretary" + "Secretary of State"
                    break
            rk = d.at(RANK, head_start)
            if (
                rk
                and title_start == head_start
                and rk[0] >= j
                and self.parse_name(self._skip_honorifics(rk[0], lim), lim) > rk[0]
            ):
                return None  # "Commander Ana Petrova", "Chief Warrant Officer X": a rank
            head = d.norm_text(head_start, j).lower()
            head_text = d.span_text(head_start, j)
        elif abbr:
            head_start = j
            j = abbr[0]
            head = abbr[1].lower()
            head_text = abbr[1]
            parts = abbr[1].split()
            if len(parts) == 2 and parts[0].lower() in self.lx.domains:
                domain = self.lx.domains[parts[0].lower()]
                head = parts[1].lower()
        else:
            return None
        to_head = ""
        if self.lw(j) == "to" and self.lw(j + 1) == "the" and j + 2 < lim:
            k = j + 2
            to_country = None
            dm = self.demonym_at(k)
            if dm and dm[0] < lim and d.cap[dm[0]] and d.cover[dm[0]] & POST_START:
                to_country = dm[1]  # "Adviser to the Ostrian Prime Minister"
                k = dm[0]
            dk = d.at(DOMAIN, k)
            if dk and dk[0] < lim and d.at(PHEAD, dk[0]) and not d.at(PHEAD, k):
                k = dk[0]  # "Adviser to the Defence Minister"
            hk = d.at(PHEAD, k) if d.cap[k] else None
            if hk and hk[0] <= lim:
                to_head = d.norm_text(k, hk[0]).lower()
                j = hk[0]  # "Chief of Staff to the President", "Adviser to the Minister"
                if to_country and not country:
                    country = to_country
        lower = not d.cap[head_start]
        if lower and not to_head:
            j = self._lower_portfolio_end(j, lim)  # "director of operations of Wing 4"
        head_end = j
        if (
            pre_org is not None
            and lower
            and title_start == head_start
            and pre_org.end == title_start
            and not any(d.cap[x] for x in range(pre_org.start, pre_org.end))
        ):
            title_start = pre_org.start  # "the regiment commander": a unit noun + lower head
        elif site_noun >= 0 and lower and title_start == head_start:
            title_start = site_noun  # "the base commander", "the camp commander"
        elif pre_org is not None and self._service_post_prefix(pre_org, title_start, head_start):
            title_start = pre_org.start  # "Navy Commander", "Air Force Commander"
            pre_org.bare = True  # the service noun alone names no body of its own
        title = title_prefix + (
            head_text if abbr and not head_hit else d.span_text(title_start, head_end)
        )
        # complements: of/for/to/on <org> chains
        segs: list[tuple[str, int, int, str]] = []
        low_compl_end = 0
        if self.lw(j) in PREPS and j + 1 < lim:
            k = j + 1
            if d.cap[k] or d.cover[k] & ORG_BITS or self.lw(k) == "the" or self.w(k)[:1].isdigit():
                end, segs0 = self.parse_org_chain(k, lim, "appositive" if appositive else "prename")
                if segs0:
                    first_prep = self.lw(j)
                    segs = [
                        (first_prep if n == 0 else p, a, b, cls)
                        for n, (p, a, b, cls) in enumerate(segs0)
                    ]
                    j = end
            if not segs and self.lw(j) == "of" and self.lw(k) == "the":
                # "commander of the unit," / "head of the lyceum,"
                m = k + 1
                while m < lim and m < k + 4 and d.words[m][:1].islower() and d.words[m].isalpha():
                    m += 1
                if m > k + 1 and (self.w(m) in (",", ".") or m >= lim):
                    low_compl_end = m
                    j = m
        elif appositive and j < lim and d.cap[j] and not self.is_name_tok(j):
            end, segs0 = self.parse_org_chain(j, lim, "appositive")  # "Chief Division Policy"
            if segs0:
                segs = [
                    ("of" if n == 0 else p, a, b, cls) for n, (p, a, b, cls) in enumerate(segs0)
                ]
                j = end
        post = PostRef(i, j, "", head, country=country, lower=lower, has_the=has_the)
        # ---- interpret the chain
        orgs: list[OrgRef] = []
        inst: OrgRef | None = None
        kept_end = low_compl_end or head_end
        ministerial = head.endswith(("minister", "ministers")) or to_head.endswith("minister")
        diplomatic = any(h in head for h in DIPLOMATIC_HEADS)
        idx = 0
        if segs and segs[0][3] == "domain":
            if not domain:
                domain = d.at(DOMAIN, segs[0][1])[1]
            kept_end = segs[0][2]
            idx = 1
        if domain and (ministerial or head in ("secretary", "deputy secretary")):
            inst = self._ministry(domain, title_start, kept_end)
            if idx == 1:
                pa = self.paren_acronym(d.end_of(DOMAIN, segs[0][1]))
                if pa and pa[0] == segs[0][2]:
                    inst.acronym = pa[1]  # "Minister of National Defence (MND)"
            orgs.append(inst)
        prev_org: OrgRef | None = None
        to_kept = False
        kept_open = True  # the chain so far is part of the title
        for n, (prep, a, b, cls) in enumerate(segs[idx:]):
            first = n == 0 and idx == 0
            if cls in ("country", "place"):
                cc = self.country_at(a)
                cname = cc[1] if cc else d.span_text(a, b)
                if prep == "to":
                    if (
                        diplomatic
                        and kept_open
                        and (first or kept_end == a - 1 or self.lw(a - 1) == "the")
                    ):
                        kept_end = b  # "Ambassador to Azerbaijan"
                    elif diplomatic and kept_end == head_end and not to_kept:
                        to_kept = True
                        kept_end = b  # "Ambassador of X to Y", as written
                    elif (
                        prev_org is not None
                        and _diplomatic_org(prev_org)
                        and prev_org.end in (a - 1, a - 2)
                    ):
                        # "Head of the OSCE Mission to Sarnovia": the mission's own name
                        the = "the " if self.lw(a - 1) == "the" else ""
                        prev_org.name = f"{prev_org.name} to {the}{d.span_text(a, b)}"
                        if kept_open and kept_end == prev_org.end:
                            kept_end = b
                        prev_org.end = b
                elif cls == "country" and not post.country:
                    post.country = cname
                if (
                    prev_org is not None
                    and not prev_org.country
                    and prep != "to"
                    and cls == "country"
                ):
                    prev_org.country = cname
                    prev_org.aliases.append(prev_org.name)
                    the = "the " if self.lw(a - 1) == "the" else ""
                    prev_org.name = f"{prev_org.name} of {the}{d.span_text(a, b)}"
                    prev_org.bare = False
                kept_open = False
                continue
            if prep == "'s" and prev_org is not None:
                org = self.make_org(a, b, rule="post-institution")
                org.parent = prev_org
                if inst is prev_org:
                    inst = org
                orgs.append(org)
                if kept_open:
                    kept_end = b
                prev_org = org
                continue
            if (
                cls in ("other", "domain")
                and prev_org is not None
                and prep in ("of", "on", "for")
                and prev_org.head.split()[-1:]
                and prev_org.head.split()[-1] in OF_TAKING
            ):
                # "Committee on Defence and National Security", "Office of the President"
                the = "the " if self.lw(a - 1) == "the" else ""
                tb = b
                if d.words[b - 1] == ")":
                    # "Ministry of National Defence (MND)": the acronym is an alias, as in
                    # a standalone mention, never part of the name
                    q = b - 1
                    while q > a and d.words[q] != "(":
                        q -= 1
                    pa = self.paren_acronym(q) if q > a else None
                    if pa and pa[0] == b:
                        tb = q
                        prev_org.acronym = pa[1]
                dom = d.at(DOMAIN, a)
                if dom and dom[0] == tb and prev_org.head in ("ministry", "ministries"):
                    prev_org.domain = prev_org.domain or dom[1]
                prev_org.name = f"{prev_org.name} {prep} {the}{d.span_text(a, tb)}"
                prev_org.bare = False
                prev_org.end = b
                if kept_open:
                    kept_end = b
                continue
            if (
                cls in ("other", "domain")
                and prev_org is None
                and prep in ("for", "on")
                and kept_open
                and not first
            ):
                kept_end = b  # "High Representative ... for Foreign Affairs and Security Policy"
                continue
            if cls == "other":
                if first or (appositive and kept_open):
                    kept_end = b  # "President of Defence Industries", "... for Policy"
                    continue
                break
            org = self.make_org(a, b, rule="post-institution")
            if (
                not d.cap[org.end - 1]
                and not self.is_acr_tok(org.end - 1)
                and not (d.words[org.end - 1].isdigit() and d.cap[org.end - 2])  # "Wing 4"
                and not any(
                    self.is_name_tok(x) or d.cover[x] & (BIT[KINST] | BIT[ORGW])
                    for x in range(org.start, org.end - 1)
                )
            ):
                org.alias_only = True  # "the battlegroup", "the Canada-led battlegroup"
            if prep == "to" and prev_org is not None and prev_org.head in DIPLOMATIC_ORGS:
                # "Ruritanian Military Representation to NATO"
                prev_org.aliases.append(prev_org.name)
                the = "the " if self.lw(a - 1) == "the" else ""
                prev_org.name = f"{prev_org.name} to {the}{org.name}"
                prev_org.bare = False
                prev_org.end = b
                if org.acronym:
                    prev_org.acronym, org.acronym = org.acronym, None
                if kept_open:
                    kept_end = b
                orgs.append(org)
                continue
            if prev_org is not None and prep != "to":
                # "General Staff of the Azerbaijan Army": the later one is the parent
                if prev_org.parent is None or prev_org.parent.known:
                    prev_org.parent = org
                    prev_org.of_name = (
                        f"{prev_org.name} of the {org.name}"
                        if self.lw(a - 1) == "the"
                        else f"{prev_org.name} of {org.name}"
                    )
            orgs.append(org)
            if inst is None:
                inst = org
            if first and kept_open and prep != "to":
                kept_end = b
            elif first and prep == "to" and diplomatic:
                kept_end = b
            else:
                if prep == "to" and diplomatic and kept_end == head_end and not to_kept:
                    to_kept = True
                    kept_end = b  # "Permanent Representative of Ostria to NATO", as written
                kept_open = False
            prev_org = org
        if pre_org is not None:
            orgs.insert(0, pre_org)
            if inst is None:
                inst = pre_org
            elif inst is not pre_org and inst.parent is None and not inst.implicit:
                inst.parent = pre_org
        if kept_end > head_end:
            title = title + " " + d.span_text(head_end, kept_end)
        post.title = _clean_title(title)
        if head in ("officer", "officers") and lower and title_start == head_start:
            post.title = ""  # "an officer of the UN mission": a member, not a post holder
        if i > 0 and self.lw(i - 1) in PAST_HOLDER and not d.cap[i - 1] and d.cap[i]:
            post.title = ""  # "the first President of Ostmark, Konrad Baltz": a past holder
        post.bare = not title_prefix and title_start == head_start and kept_end == head_end
        if domain:
            mods = sorted(w for w in post.title.lower().split() if w in self.lx.post_mods)
            dom = self.lx.domains.get(domain.lower(), domain).lower().replace("defense", "defence")
            post.sig = f"{' '.join(mods)}|{dom}|{head.split()[-1]}"
        post.inst = inst
        post.orgs = orgs
        # "Military Attaché of Türkiye in Azerbaijan": where, not whose
        if self.lw(j) == "in" and (self.country_at(j + 1) or self.d.at(PLACE, j + 1)):
            cc = self.country_at(j + 1)
            e = cc[0] if cc else self.d.at(PLACE, j + 1)[0]
            if prev_org is not None and prev_org.end == j and _diplomatic_org(prev_org):
                # "officer of the UN Observer Mission in Karvenia": a mission's own name
                prev_org.name = f"{prev_org.name} in {d.span_text(j + 1, e)}"
                prev_org.end = e
                pa = self.paren_acronym(e)
                if pa:
                    prev_org.acronym = pa[1]
                    e = pa[0]
            j = e
            post.end = j
        if not post.country:
            for o in orgs:
                if o.country:
                    post.country = o.country
                    break
        for o in orgs:
            if o.country is None and post.country and o.implicit:
                o.country = post.country
        return post

    def _lower_portfolio_end(self, j: int, lim: int) -> int:
        """After a lower-case post head, 'of <lower-case field words> of <Body>' ("director of
        operations of Wing 4", "head of logistics and training of the Navy"): the field is
        part of the post and the body follows; where the field ends (j if none)."""
        d = self.d
        if self.lw(j) != "of":
            return j
        k = j + 1
        while (
            k < lim
            and k < j + 5
            and d.words[k].isalpha()
            and not d.cap[k]
            and (d.cover[k] & BIT[ORGW] or (d.lower[k] == "and" and k > j + 1))
        ):
            k += 1
        if k == j + 1 or d.lower[k - 1] == "and" or self.lw(k) != "of":
            return j
        nxt = k + 2 if self.lw(k + 1) == "the" else k + 1
        return k if nxt < lim and d.cap[nxt] else j

    def _portfolio_end(self, j: int, lim: int) -> int:
        """After a name and a comma, capitalised portfolio words before a capitalised post head
        ("Press and Public Relations Adviser", "Senior Political Adviser"): where the head
        starts (j if the run is not such a portfolio)."""
        d = self.d
        k = j
        while k < lim and k < j + 6:
            if d.cover[k] & POST_START:
                break
            w = d.words[k]
            if (
                d.cap[k]
                and w.isalpha()
                and not d.cover[k] & (NAME_BLOCK & ~BIT[ORGW] & ~BIT[DOMAIN])
            ):
                k += 1
                continue
            if w in ("and", "&") and k > j and k + 1 < lim and d.cap[k + 1]:
                k += 1
                continue
            break
        if k == j or d.words[k - 1] in ("and", "&"):
            return j
        m = k
        while m < lim and d.at(PMOD, m) and not d.at(PHEAD, m):
            m = d.at(PMOD, m)[0]
        h = d.at(PHEAD, m)
        if not h or not d.cap[m] or d.at(RANK, m):
            return j
        return m

    def _site_noun_post(self, j: int) -> bool:
        """A lower-case site head noun right before a lower-case post head, after a determiner
        ("the base commander", "the camp commander"): the post of whoever runs the site."""
        d = self.d
        hit = d.at(SHEAD, j)
        return (
            hit is not None
            and hit[0] == j + 1
            and not d.cap[j]
            and j + 1 < self.n
            and not d.cap[j + 1]
            and bool(d.cover[j + 1] & BIT[PHEAD])
            and self.lw(j - 1) in DETERMINERS
        )

    def _service_post_prefix(self, org: OrgRef, title_start: int, head_start: int) -> bool:
        """A bare service noun written into a capitalised title ("Navy Commander", "Air Force
        Commander", "Force Commander") is part of the post as written; a named body ("NATO
        Secretary General"), a lower-case head ("Navy spokesperson") or a ministry ("Ministry
        Spokesperson": the spokesperson of the ministry, as naming form 1.8 reads it) is not."""
        d = self.d
        hit = d.at(IHEAD, org.start)
        return (
            org.end == title_start == head_start
            and hit is not None
            and hit[0] == org.end
            and org.kind == "force"
            and all(d.cap[k] for k in range(org.start, org.end + 1))
        )

    def _pre_org_end(self, j: int, lim: int) -> int:
        """End of an organisation standing before a post head ("NATO", "Defense Ministry")."""
        d = self.d
        kh = d.at(KINST, j)
        if kh:
            return kh[0]
        if self._acronym_before_post(j, lim):
            return j + 1
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

    def _acronym_before_post(self, j: int, lim: int) -> bool:
        """An unknown acronym right before a capitalised post head is the body whose post it is
        ("OSTO Secretary General X"), as a known one is ("NATO Secretary General")."""
        d = self.d
        return (
            j + 1 < lim
            and self.is_acr_tok(j)
            and not d.cover[j] & (BIT[RANK] | BIT[PABBR] | BIT[OUTLET] | BIT[COUNTRY] | BIT[HONOR])
            and d.cap[j + 1]
            and bool(d.cover[j + 1] & POST_START)
        )

    def _ministry(self, domain: str, a: int, b: int) -> OrgRef:
        return OrgRef(
            a,
            b,
            f"Ministry of {domain}",
            "ministry",
            "ministry",
            domain=domain,
            aliases=[f"{domain} Ministry"],
            rule="post-ministry",
            conf=0.8,
            implicit=True,
        )

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
                if (
                    self.used[i]
                    or d.space[i]
                    or self.protected[i]
                    or not (
                        d.cover[i] & OFFICIAL_START
                        or d.cap[i]
                        and self._may_start_official(i, sb)
                        or d.lower[i] in DETERMINERS
                        and i + 1 < sb
                        and (
                            d.cover[i + 1] & OFFICIAL_START
                            or d.cap[i + 1]
                            or self._site_noun_post(i + 1)
                        )
                    )
                ):
                    i += 1
                    continue
                nroles = len(self.roles)
                m = self._official_at(i, sb)
                if m is None and len(self.roles) > nroles:
                    i = self.roles[-1].end  # a post without a name: read once
                    continue
                if m is not None:
                    if m.country is None and self.lw(m.end) == "of" and d.cap[m.end + 1]:
                        cc = self.country_at(m.end + 1)
                        if cc and self.w(cc[0]) not in POSS:
                            m.country = cc[1]  # "Colonel Ivo Rand of Latvia"
                    self.officials.append(m)
                    for k in range(m.start, m.end):
                        self.used[k] = True
                    i = m.end
                    continue
                i += 1

    def _may_start_official(self, i: int, lim: int) -> bool:
        """A capitalised word without lexicon bits starts an official mention only as a
        two-word bare name, an invented demonym/country, or right before a post/rank word."""
        d = self.d
        w = d.words[i]
        if w in self.dyn_demonyms or w in self.dyn_countries:
            return True
        if i + 1 >= lim:
            return False
        if d.cover[i + 1] & OFFICIAL_START:
            return True
        if not self._name_ok[i] and (
            self._common_given_name(i, lim) or self._place_given_name(i, lim)
        ):
            return True
        return self._name_ok[i] and (
            self._name_ok[i + 1] or d.lower[i + 1] in PARTICLES or d.words[i + 1] == "-"
        )

    def _official_at(self, i: int, lim: int) -> OffRef | None:
        d = self.d
        cov = d.cover[i]
        if cov & BIT[ANAPH] and d.lower[i] in DETERMINERS:
            return None  # "the head of state", "the guests": role anaphora, read elsewhere
        # (a) post chain [,] [rank] [honorific] name
        if (
            cov & (POST_START | BIT[DEMONYM] | BIT[COUNTRY] | BIT[KINST] | BIT[IHEAD] | BIT[SSITE])
            or d.lower[i] in DETERMINERS
            or self.w(i) in self.dyn_demonyms
            or self.w(i) in self.dyn_countries
            or self._acronym_before_post(i, lim)
        ):
            res = self._chain_then_name(i, lim)
            if res is not None:
                return res
        # (b) [Demonym] rank [honorific] name [, appositive post]
        start = i
        country = None
        dm = self.demonym_at(i)
        if dm and d.at(RANK, dm[0]):
            country = dm[1]
            i = dm[0]
        rk = d.at(RANK, i)
        if rk and d.words[i][:1].isupper() and not self._after_named_after(start):
            j = self._skip_honorifics(rk[0], lim)
            ne = self.parse_titled_name(j, lim)
            if ne > j and not self._name_is_org(ne):
                off = OffRef(
                    start,
                    ne,
                    j,
                    ne,
                    self.name_text(j, ne),
                    rank=rk[1],
                    country=country,
                    rule="rank-name",
                    conf=0.9,
                )
                self._appositive(off, lim)
                return off
        i = start
        # (c) honorific / epithet + name
        hn = d.at(HONOR, i)
        if hn:
            j = self._skip_honorifics(i, lim)
            ne = self.parse_name(j, lim)
            if (
                ne > j
                and not self._name_is_org(ne)
                and d.lower[ne - 1] not in CONFLICT_WORDS
                and (self.name_words(j, ne) >= 2 or hn[1] == "honorific")
            ):
                off = OffRef(i, ne, j, ne, self.name_text(j, ne), rule="honorific-name", conf=0.8)
                self._appositive(off, lim)
                return off
        # (d) Country's Name ("Veldonia's Piet Oran")
        c = self.country_at(i)
        if c and self.w(c[0]) in POSS:
            j = c[0] + 1
            ne = self.parse_name(j, lim)
            if self.name_words(j, ne) >= 2 and not self._name_is_org(ne):
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
        # (e') "and Jan Vogt, Ostmark's Ambassador": a given name that is also a common word
        if self._common_given_name(i, lim):
            off = OffRef(
                i, i + 2, i, i + 2, self.name_text(i, i + 2), rule="name-appositive", conf=0.75
            )
            if self._appositive(off, lim):
                return off
        # (e'') "Sofia Lenz, the committee's deputy chair": a city name as the given name
        if self._place_given_name(i, lim):
            off = OffRef(
                i, i + 2, i, i + 2, self.name_text(i, i + 2), rule="name-appositive", conf=0.7
            )
            if self._appositive(off, lim):
                return off
        # (e) Name, <post> (appositive after a bare name) / Name said / led by Name
        if self.is_name_tok(i) and not (i > 0 and self.is_name_tok(i - 1) and not d.space[i - 1]):
            ne = self.parse_name(i, lim)
            if (
                self.name_words(i, ne) >= 2
                and not self._name_is_org(ne)
                and not self._after_named_after(i)
            ):
                off = OffRef(i, ne, i, ne, self.name_text(i, ne), rule="name-appositive", conf=0.8)
                if self._appositive(off, lim):
                    return off
                if (
                    self._speech_next(ne)
                    or self._speech_before(i)
                    or self._led_by(i)
                    or self._honoured_of(i)
                    or self.lw(i - 1) in COUNTERPART
                    or self._role_list(i, ne, lim)
                    or self._who_heads(ne)
                    or self._surname_who_serves(ne)
                ):
                    off.rule = "name-context"
                    off.conf = 0.7
                    self._counterpart_country(off)
                    return off
        return None

    def _common_given_name(self, i: int, lim: int) -> bool:
        """A capitalised common word ("Jan", "May") as the given name of a two-word name inside
        a list ("..., and Jan Vogt, <post>"): never at a sentence start, never a month or day
        written out, and only when a surname and a comma follow (the caller then requires an
        appositive post)."""
        d = self.d
        if i + 2 >= lim or i == 0 or d.sent_of[i] != d.sent_of[i - 1]:
            return False
        w = d.words[i]
        lw = d.lower[i]
        return (
            d.cap[i]
            and w.isalpha()
            and w != w.upper()
            and lw in self.lx.common
            and lw not in OPENERS
            and lw not in _MONTHS
            and lw not in _WEEKDAYS
            and not d.cover[i] & NAME_BLOCK
            and (d.lower[i - 1] in ("and", ",") or d.words[i - 1] == ",")
            and not self.used[i - 1]
            and self.is_name_tok(i + 1)
            and self.parse_name(i + 1, lim) == i + 2
            and self.w(i + 2) == ","
        )

    def _place_given_name(self, i: int, lim: int) -> bool:
        """A city name that is also a given name ("Sofia", "Florence") before a surname and a
        comma (the caller then requires an appositive post)."""
        d = self.d
        return (
            i + 2 < lim
            and d.cap[i]
            and d.words[i].isalpha()
            and d.words[i] != d.words[i].upper()
            and d.cover[i] & NAME_BLOCK == BIT[PLACE]
            and self.is_name_tok(i + 1)
            and self.parse_name(i + 1, lim) == i + 2
            and self.w(i + 2) == ","
        )

    def _skip_honorifics(self, j: int, lim: int) -> int:
        d = self.d
        while j < lim:
            h = d.at(HONOR, j)
            if not h:
                break
            j = h[0]
            if self.w(j) == ",":
                # "National Leader, architect and founder of the independent Ruritanian state
                # Emil Varsk": a lower-case epithet chain ending in state/people/nation, then
                # the name; otherwise "National Leader, ..." stays an epithet
                k = j + 1
                while k < min(lim, j + 14) and (
                    not self.d.cap[k]
                    and self.d.words[k][:1].isalpha()
                    or self.demonym_at(k)
                    or self.country_at(k)
                ):
                    if self.lw(k) in ("people", "nation", "state") and k + 1 < lim:
                        if self.d.cap[k + 1] and self.d.words[k + 1][:1].isalpha():
                            j = k + 1
                        break
                    k += 1
                break
            # "National Leader of the Azerbaijani people Heydar Aliyev"
            if self.lw(j) == "of" and self.lw(j + 1) == "the":
                k = j + 2
                dm = self.demonym_at(k) or self.country_at(k)
                if dm and self.lw(dm[0]) in ("people", "nation", "state"):
                    j = dm[0] + 1
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

    def _who_as_end(self, k: int) -> int | None:
        """After a name ending at k: ', who serves as' / ', who has been appointed as' -> the
        token after 'as', else None."""
        if self.w(k) != "," or self.lw(k + 1) != "who":
            return None
        j = k + 2
        while j < k + 6 and self.lw(j) in WHO_AS_VERBS:
            j += 1
        return j + 1 if j > k + 2 and self.lw(j) == "as" else None

    def _surname_who_serves(self, ne: int) -> bool:
        """'sat down with Anna Berg. Berg, who serves as ...': the surname later opens a
        sentence with a post clause, so the name is a person's."""
        d = self.d
        sur = d.words[ne - 1]
        return any(
            d.words[a] == sur and self._who_as_end(a + 1) is not None
            for a, _b in d.sents[d.sent_of[ne - 1] + 1 :]
        )

    def _who_heads(self, ne: int) -> bool:
        """'Luis Arrieta, who heads the committee': a person who leads a body."""
        return (
            self.w(ne) == ","
            and self.lw(ne + 1) == "who"
            and self.lw(ne + 2) in WHO_HEADS
            and self.lw(ne + 3) in ("the", "a", "an", "its", "his", "her", "their")
        )

    def _role_list(self, i: int, ne: int, lim: int) -> bool:
        """A name listed in apposition to a plural role noun: "her Lusovian and Vesnian
        counterparts, Ana Kell and Ivo Marr, ..." / "ministers Ana Kell and Ivo Marr"."""
        k = i - 1
        if self.lw(k) == "and" or self.w(k) == ",":
            prev = self.officials[-1] if self.officials else None
            if prev is not None and prev.end == k and prev.rule == "name-context":
                return self._role_list(prev.start, prev.end, lim)
        if self.w(k) == ",":
            k -= 1
        if self.lw(k) not in ROLE_PLURALS or self.d.cap[k]:
            return False
        # the list must close: ", and B" / " and B" / end of the apposition
        w = self.w(ne) if ne < lim else "."
        return w in (",", ".", ";", ")") or self.lw(ne) in ("and", "for", "at", "in", "on")

    def _counterpart_country(self, off: OffRef) -> None:
        """'his Veldonian counterpart Eliska Novak': the demonym says whose."""
        i = off.start
        if off.country or self.lw(i - 1) not in COUNTERPART:
            return
        dm = self.demonym_at(i - 2) or self.country_at(i - 2)
        if dm and dm[0] == i - 1:
            off.country = dm[1]

    def _led_by(self, i: int) -> bool:
        return (self.lw(i - 1) == "by" and self.lw(i - 2) in ("led", "headed", "chaired")) or (
            self.lw(i - 1) == "to" and self.lw(i - 2) in TRIBUTE_TO
        )  # "paid tribute to Aurel Mardo": a person

    def _honoured_of(self, i: int) -> bool:
        """'the grave of Lena Vask', 'the memory of Aurel Mardo' (lower-case head): a person."""
        return (
            self.lw(i - 1) == "of"
            and self.lw(i - 2) in ("grave", "tomb", "memory", "bust", "statue")
            and not self.d.cap[i - 2]
        )

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
            if self.w(j) in DASHES or self.lw(j) == "and" or self.w(j) == ",":
                p2 = self.parse_post(j + 1, lim)
                if p2 is None and self.w(j) in DASHES:
                    p2 = self._portfolio_post(j + 1, lim)
                    if p2 is not None:
                        posts.append(p2)  # "Deputy Minister – National Armaments Director X"
                        j = p2.end
                        break
                if p2 is not None and (not p2.has_the or self.w(j) == ","):
                    j = j + 1
                    continue
            break
        if not posts:
            return None
        if self.lw(j) == "ambassador" and self.parse_name(j + 1, lim) > j + 1:
            j += 1  # "Permanent Representative to NATO Ambassador Jon Lerche": an address
        k = j
        if self.w(k) == ",":
            k += 1
        # "Pentagon Press Secretary Air Force Brig. Gen. Pat Ryder": the service before a rank
        ih = d.at(IHEAD, k)
        if ih and d.cap[k] and d.at(RANK, ih[0]):
            k = ih[0]
        rank = None
        rk = d.at(RANK, k)
        if rk:
            rank = rk[1]
            k = rk[0]
        k = self._skip_honorifics(k, lim)
        ne = self.parse_titled_name(k, lim) if rank else self.parse_name(k, lim)
        if (
            ne > k
            and not self._name_is_org(ne)
            and not (self.w(j) == "," and self.name_words(k, ne) < 2 and rank is None)
        ):
            # "Ambassador Katrin Vell": a form of address, not a post
            if (
                posts[-1].bare
                and posts[-1].head == "ambassador"
                and not posts[-1].country
                and j == k
            ):
                posts = posts[:-1]
            country = next((p.country for p in posts if p.country), None)
            rule = "post-rank-name" if rank else "post-name"
            conf = 0.95 if rank else 0.9
            if self.name_words(k, ne) == 1:
                conf -= 0.1
            off = OffRef(
                i,
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
        if (
            len(posts) == 1 and not rank and self.lw(i) in ("the", "its", "his", "her", "their")
        ):  # "a Veldonian chief of staff" is no one yet
            self.roles.append(RoleRef(i, posts[0].end, "post", post=posts[0]))
        return None

    def _portfolio_post(self, j: int, lim: int) -> PostRef | None:
        """A post with capitalised portfolio words before its head, right before a name
        ("National Armaments Director X" after a dash): read as an appositive post would be,
        kept only when a name follows."""
        p = self.parse_post(j, lim, appositive=True)
        if p is None or p.end <= j:
            return None
        k = self._skip_honorifics(p.end, lim)
        rk = self.d.at(RANK, k)
        if rk:
            k = self._skip_honorifics(rk[0], lim)
        return p if self.name_words(k, self.parse_name(k, lim)) >= 2 else None

    def _appositive(self, off: OffRef, lim: int) -> bool:
        """', <post>[, <org>]' after a name: add the posts. Returns True when one was read."""
        d = self.d
        j = off.end
        if self.w(j) != ",":
            return False
        if self.lw(j + 1) == "who":
            # "Oskar Brandt, who serves as Director General of ...", "..., who took over as
            # Minister of ... in January": the post after "as"
            k = j + 2
            while k < j + 5 and self.lw(k) in WHO_AS_VERBS:
                k += 1
            if k > j + 2 and self.lw(k) == "as":
                j = k
        p = self.parse_post(j + 1, lim, appositive=True)
        if p is None:
            return False
        if off.posts and self.w(j) == ",":
            # "attended by Chief of Staff X, Secretary of the Defence Council Y and ...": in a
            # list of post-name pairs, a post chain followed by a name is the next person's
            alt = self.parse_post(j + 1, lim)
            if alt is not None and alt.end < p.end and self.parse_name(alt.end, lim) > alt.end:
                return False
        if self.name_words(p.end, self.parse_name(p.end, lim)) >= 2:
            return False  # "President X, Prime Minister Y and ...": a post and the next person
        nxt = self.skip_space(p.end)
        if (
            (p.has_the or p.lower)
            and nxt < lim
            and self.d.words[nxt][:1].islower()
            and self.lw(nxt) not in APPOSITIVE_END
        ):
            return False  # "..., the General Staff chief emphasized": a new subject
        if off.posts and self.w(p.end) == ",":
            # "Minister of Defence Ulrike Hahn, the Chief of Defence, Vice Admiral Peter
            # Lindqvist, ...": a post then a rank and name after a comma is the next person's
            k = p.end + 1
            rk = d.at(RANK, k)
            if rk and self.parse_titled_name(self._skip_honorifics(rk[0], lim), lim) > rk[0]:
                return False
        posts = [p]
        k = p.end
        # ", Ostmark Defence Staff" after the post: its institution
        if self.w(k) == "," and k + 1 < lim:
            b = self.org_run(k + 1, lim, "appositive")
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
        """Countries the lexicon does not know ("Ruritania"), from how the text uses them."""
        d = self.d
        words = d.words
        n = self.n
        nouns: dict[str, float] = {}
        self._dateline_words = set()
        for k in range(min(n - 3, 40)):
            w = words[k]
            if not (d.cap[k] and w.isalpha() and words[k + 1] == "," and d.cap[k + 2]):
                continue
            if (
                k > 0
                and words[k - 1] not in ("(", ")", "\n", "\n\n")
                and not d.space[k - 1]
                and k != d.sents[d.sent_of[k]][0]
            ):
                continue
            after = d.lower[k + 3] if k + 3 < n else ""
            if after in (",", "(", ".") or k + 4 < n and d.lower[k + 4] in _MONTHS:
                self._dateline_words.add(w.title())
                c2 = words[k + 2]
                if c2.isalpha() and not d.cover[k + 2] & NAME_BLOCK:
                    nouns[c2] = nouns.get(c2, 0) + 2  # the country of a dateline
        name_ok = self._name_ok
        suffixes = ("ia", "land", "stan", "mark", "burg", "istan")
        for i in range(0, n - 1):
            if not name_ok[i]:
                continue
            w = words[i]
            if not w.isalpha() or len(w) < 4 or w.isupper():
                continue
            if d.lower[i] in GEO_SUFFIXES or w in GEO_OF_HEADS:
                continue  # "the Island Defence Command": a geographic noun, no country
            first = i == d.sents[d.sent_of[i]][0]
            if (
                i > 0
                and d.cap[i - 1]
                and d.lower[i - 1] not in FUNCTION
                and not first
                and words[i - 1] not in (",",)
            ):
                continue  # inside a longer name
            nxt = words[i + 1]
            score = 0
            prev = d.lower[i - 1] if i > 0 else ""
            if nxt in POSS and i + 2 < n and d.cover[i + 2] & (POST_START | BIT[IHEAD]):
                score = 2  # "Ruritania's Minister", "Veldonia's Armed Forces"
            elif nxt in POSS and w.endswith(suffixes) and name_ok[i + 2] if i + 2 < n else False:
                score = 2  # "Veldonia's Piet Oran"
            elif d.cover[i + 1] & POST_START and (first or not d.cap[i - 1]):
                score = 1  # "Ostmark Minister of National Defence"
            elif (
                d.cap[i + 1]
                and i + 2 < n
                and d.cover[i + 2] & BIT[IHEAD]
                and d.cover[i + 1] & (BIT[ORGW] | BIT[DOMAIN])
            ):
                score = 1  # "Ostmark Defence Staff"
            elif w.endswith(suffixes) and (
                (d.cap[i + 1] and d.cover[i + 1] & BIT[IHEAD] and not d.cover[i + 1] & BIT[SHEAD])
                or d.lower[i + 1] in COUNTERPART
            ):
                score = 1  # "Ostmark Land Forces", "his Ostmark counterpart"
            elif prev in (
                "of",
                "to",
                "in",
                "from",
                "visiting",
                "visited",
                "visit",
                "visits",
                "with",
                "and",
                "between",
                "that",
            ):
                score = 0.5  # cities take these prepositions too ("said that X would")
                if (
                    d.cap[i + 1]
                    and nxt not in POSS
                    and not d.cover[i + 1] & BIT[IHEAD]
                    and not (
                        w.endswith(suffixes)
                        and (
                            d.cover[i + 1] & (BIT[RANK] | BIT[HONOR])
                            or (i > 1 and d.cover[i - 2] & BIT[PHEAD])
                        )
                    )
                ):
                    # "of Grand Duke ...": part of a name; but "Ambassador to Morvania Liisa
                    # Kangur", "Attaché ... in Morvania Colonel X" name the country first
                    score = 0
            if score:
                nouns[w] = nouns.get(w, 0) + score
        dems: dict[str, str] = {}
        capwords = {
            words[i]: 1
            for i in range(n)
            if name_ok[i] and d.cap[i] and words[i].isalpha() and len(words[i]) >= 4
        }
        text_bases: set[str] = set()
        # a word written right after a capitalised post head or rank somewhere in the text
        # ("Minister Asatrian", "General Asatrian") is a surname wherever it occurs
        surnames = {
            words[i]
            for i in range(1, n)
            if d.cap[i] and d.cap[i - 1] and d.cover[i - 1] & (BIT[PHEAD] | BIT[RANK])
        }
        for i in range(n - 1):
            if not name_ok[i]:
                continue
            w = words[i]
            if not w.isalpha() or len(w) < 5:
                continue
            if not w.endswith(("ian", "ean", "ese", "ish", "an", "i")):
                continue
            if w in surnames:
                continue  # "Deputy Minister Asatrian laid flowers": a surname, not a demonym
            nxt_cap = d.cap[i + 1]
            if (
                d.cover[i + 1] & (POST_START | BIT[IHEAD] | BIT[RANK] | BIT[ORGW])
                or (not nxt_cap and words[i + 1].isalpha() and d.lower[i + 1] not in FUNCTION)
                or (nxt_cap and i + 2 < n and d.cover[i + 2] & BIT[IHEAD])
            ):
                base = _demonym_base(w, nouns)
                if (
                    base not in nouns
                    and w.endswith("an")
                    and d.cap[i + 1]
                    and d.cover[i + 1] & (POST_START | BIT[IHEAD] | BIT[RANK] | BIT[ORGW])
                ):
                    # "Calvessan Prime Minister" and "Calvessa" elsewhere as a bare noun:
                    # the demonym's own noun form in the text names the country
                    opts = _demonym_base(w, capwords)
                    if opts and opts in capwords:
                        base = opts
                        text_bases.add(opts)
                if base and dems.get(w) not in text_bases:
                    dems[w] = base  # a noun the text uses is not replaced by a later guess
        bases = set(dems.values())
        # "the Halvic Sea": a word that names a sea is a regional adjective ("Halvic Defence
        # Council"), not a country, unless the text also uses it as a possessive noun
        sea_words = {
            words[i - 1]
            for i in range(1, n)
            if d.lower[i] in ("sea", "ocean") and d.cap[i] and d.cap[i - 1]
        } - {words[i] for i in range(n - 1) if words[i + 1] in POSS}
        for w, s in nouns.items():
            if w in dems:
                continue  # "British and Veldonian light infantry": an adjective
            if w in sea_words:
                continue
            if w.endswith(("ish", "ian", "ese")):
                continue  # "the Flemish side": a demonym, never a country
            if w in self._dateline_words:
                continue  # "NORDHAVEN, Ruritania, June 6.": a city
            if w in bases or s >= 2 or w.endswith(suffixes) and s >= 0.5:
                self.dyn_countries[w] = w
        for w, base in dems.items():
            if (
                base in self.dyn_countries
                or base in nouns
                or base in text_bases
                or (w.endswith("ian") and len(w) > 7)
            ):
                self.dyn_demonyms[w] = base
                self.dyn_countries.setdefault(base, base)
        # cities named in datelines: "KARELBY, Ruritania, March 21." / "KYIV, March 9."
        for name, _kind, code, aliases in self.lx.places:
            if code and code in self.countries:
                for a in [name] + aliases:
                    self.city_country[a] = self.countries[code]
        for k in range(min(n - 3, 40)):
            w = words[k]
            if w.title() in self._dateline_words and words[k + 1] == ",":
                c = self.country_at(k + 2)
                if c:
                    self.city_country.setdefault(w.title(), c[1])

    # ------------------------------------------------------------------ institutions
    def read_institutions(self) -> None:
        """Institutions named outside of post chains."""
        self._read_ships()
        d = self.d
        n = self.n
        taken = [False] * n
        for o in self.orgs:
            for k in range(o.start, o.end):
                taken[k] = True
        for off in self.officials:
            for p in off.posts:
                for o in p.orgs:
                    for k in range(o.start, o.end):
                        taken[k] = True
        # distance to the next institution head: a capitalised word far from any head
        # starts no institution name
        head_bits = BIT[KINST] | BIT[IHEAD]
        next_head = [n + 100] * (n + 1)
        for k in range(n - 1, -1, -1):
            next_head[k] = k if d.cover[k] & head_bits else next_head[k + 1]
        i = 0
        while i < n:
            if taken[i] or d.space[i] or self.site_tok[i] or next_head[i] - i > 9:
                i += 1
                continue
            c = d.cover[i]
            if (
                not c & head_bits
                and not d.cap[i]
                and not (d.words[i][:1].isdigit() and i + 1 < n and d.cap[i + 1])
            ):
                i += 1
                continue
            lead = self._led_prefix(i)
            if lead:
                # "the NATO-led Kosovo Force", "the Canada-led battle group": the leader is
                # no part of the led body's name; a known body that leads is one itself
                kh = d.at(KINST, i)
                if kh and kh[0] == i + 1:
                    org = self.make_org(i, i + 1)
                    taken[i] = self.protected[i] = True
                    self.orgs.append(org)
                i = lead
                continue
            res = self._institution_at(i)
            if res is None:
                i += 1
                continue
            if (
                res.country is None
                and res.head in FORCE_HEADS
                and res.known is None
                and res.start >= 2
                and d.cap[res.start]
                and self.w(res.start - 1) in POSS
            ):
                # "Veldonia's Armed Forces": the possessive country says whose forces these are
                for s0 in range(max(res.start - 4, 0), res.start - 1):
                    cc = self.country_at(s0)
                    if cc and cc[0] == res.start - 1 and d.cap[s0]:
                        res.country = cc[1]
                        poss = d.span_text(s0, res.start - 1) + self.w(res.start - 1)
                        res.name = f"{poss} {res.name}"
                        res.bare = False
                        break
            for k in range(res.start, res.end):
                taken[k] = True
                self.protected[k] = True
            self.orgs.append(res)
            i = res.end

    def _read_ships(self) -> None:
        """'HMS Albion', 'the minehunter HNoMS Hinnøy': a commissioned ship is a unit (an
        institution) named by its navy's prefix; the name alone is an alias."""
        d = self.d
        for i in range(self.n - 1):
            if not SHIP_PREFIX.match(d.words[i]) or self.used[i] or not d.cap[i + 1]:
                continue
            e = i + 1
            while e < self.n and e < i + 3 and d.cap[e] and d.words[e].isalpha():
                e += 1
            if e == i + 1 or d.cover[i + 1] & (BIT[RANK] | BIT[PHEAD] | BIT[IHEAD]):
                continue
            org = OrgRef(i, e, d.span_text(i, e), "ship", "unit", rule="ship", conf=0.8)
            org.aliases.append(d.span_text(i + 1, e))
            self.orgs.append(org)
            for k in range(i, e):
                self.protected[k] = True

    def _led_prefix(self, i: int) -> int:
        """End of an 'X-led' modifier at i that stands before a capitalised name (0 if none)."""
        d = self.d
        if (
            i + 3 < self.n
            and d.words[i + 1] == "-"
            and self.attached(i + 1)
            and self.attached(i + 2)
            and d.lower[i + 2] == "led"
            and (d.cap[i + 3] or self.is_acr_tok(i + 3))
        ):
            return i + 3
        return 0

    def _institution_at(self, i: int) -> OrgRef | None:  # noqa: C901
        d = self.d
        n = self.n
        if d.cover[i] & BIT[OUTLET] or self.used[i]:
            return None
        # "the President's Office"
        ph = d.at(PHEAD, i)
        if ph and self.w(ph[0]) in POSS and d.at(IHEAD, ph[0] + 1):
            h = d.at(IHEAD, ph[0] + 1)
            org = self.make_org(i, h[0])
            org.name = d.span_text(i, h[0])
            org.aliases.append(f"{d.span_text(ph[0] + 1, h[0])} of the {d.span_text(i, ph[0])}")
            org.bare = False
            return org
        b = self._standalone_run(i)
        short_alias = None
        low_ok = False
        and_at = -1
        if b > i:
            cls = self.classify_seg(i, b)
            m = next((x for x in range(i + 1, b - 1) if d.lower[x] == "and"), -1)
            if cls != "inst" and m > 0 and self.classify_seg(i, m) == "inst":
                if d.cover[b - 1] & BIT[DOMAIN] and self.classify_seg(m + 1, b) != "inst":
                    and_at = m  # "the Air Force and Air Defence": one name with a portfolio
                else:
                    b = m  # "the Land Forces and Civil Protection Agency ...": the first body
                cls = "inst"
        else:
            cls = "none"
            b = self.org_run(i, n, "appositive")
            if b <= i:
                return None
        if any(self.used[k] for k in range(i, b)):
            k = i
            while k < b and not self.used[k]:
                k += 1
            b = k
            if b <= i:
                return None
            cls = self.classify_seg(i, b)
        # a lower-case head after a name: "European Union observation mission",
        # "Resolute Support non-combat mission", "NATO eFP battlegroup", "Ruritanian armed forces"
        k = b
        mids: list[int] = []
        while (
            k < n
            and len(mids) < 4
            and (
                d.words[k][:1].islower()
                or d.words[k] == "-"
                or self.is_acr_tok(k)
                or d.cover[k] & BIT[ORGW]
            )
            and not self.low_ok[k]
        ):
            if d.lower[k] in FUNCTION or d.cover[k] & (BIT[EVENT] | BIT[PHEAD]):
                break
            if d.words[k] != "-":
                mids.append(k)
            k += 1
        h = d.at(IHEAD, k)
        if (
            h
            and self.low_ok[k]
            and not d.cap[k]
            and cls in ("country", "inst", "other", "none")
            and all(
                self.is_name_tok(x)
                or d.cover[x] & ORG_BITS
                or self.is_acr_tok(x)
                or d.words[x] in ("-", "and")
                for x in range(i, b)
            )
        ):
            name_part = d.span_text(i, b)
            if mids and not d.at(KINST, i) and not d.at(KINST, i + 1):
                short_alias = name_part + " " + d.span_text(k, h[0])
            if cls == "other" or cls == "none":
                self._pending_alias = name_part
            b = h[0]
            low_ok = True
            cls = "inst"
        if cls != "inst":
            # lower-case head followed by "of <Country>": "armed forces of Veldonia"
            ih = d.at(IHEAD, i)
            if (
                ih
                and not d.cap[i]
                and self.low_ok[i]
                and self.lw(ih[0]) == "of"
                and self.country_at(ih[0] + 1)
            ):
                b = ih[0]
                cls = "inst"
                low_ok = True
            else:
                return self._known_modifier(i, b)
        if not d.cap[i] and not low_ok and not d.at(KINST, i) and not d.words[i][:1].isdigit():
            return None
        if any(d.cover[x] & BIT[OUTLET] or d.lower[x] == "news" for x in range(max(i - 1, 0), b)):
            return None  # "(MENAFN- Ostmark News Agency)": a source, not an institution
        if self.lw(i - 1) in ("for", "of") and self.lw(i - 2) in AWARD_WORDS:
            return None  # "the Medal for Distinguished Service": an award, not an institution
        if self._in_award_title(i):
            return None  # medals "For Merit in Border Service": a quoted award title
        if self.lw(b - 1) in AWARD_WORDS and not d.at(KINST, i):
            return None  # "the Border Service Medal": an award named after a body
        if self.lw(b - 2) == "contact" and self.lw(b - 1) == "group":
            return None  # "the Ukraine Defense Contact Group": a meeting format
        org = self.make_org(i, b)
        if and_at > 0:
            for x in range(i, and_at):
                h = d.at(IHEAD, x)
                if h and h[0] == and_at:
                    org.head = d.norm_text(x, and_at).lower()
                    org.kind = self.lx.inst_heads.get(h[1], ("body", False))[0]
                    break
        if org.bare and self.lw(b) == "of" and org.head not in OF_TAKING:
            k = b + 1 + (self.lw(b + 1) == "the")
            b3 = self.org_run(k, n, "appositive")
            if b3 > k and self.classify_seg(k, b3) == "inst":
                return None  # "Command of Headquarters Multinational Corps ...": the body is
                # the complement, read next
        last = b - 1
        if d.words[last] == ")" and self.w(last - 2) == "(":
            last -= 3  # "Ostmark Land Forces Academy (OLFA)": the head before the acronym
        if not d.cap[last] and not self.is_acr_tok(last) and not d.at(KINST, i):
            # lower-case head with only an adjective before it: an alias, never a name
            if not any(
                self.is_name_tok(x) or d.cover[x] & (BIT[KINST] | BIT[ORGW])
                for x in range(org.start, last)
            ):
                org.alias_only = True
        if low_ok and org.known is None:
            kh = d.at(KINST, org.start)
            if kh:
                ki = self._known.get(kh[1])
                rest = d.span_text(kh[0], b)
                if ki is not None:
                    for form in [ki.name] + ki.aliases:
                        if form != d.span_text(org.start, kh[0]) and (
                            form.isupper() or len(form) > 4
                        ):
                            org.aliases.append(f"{form} {rest}")
                org.parent = None
            if short_alias:
                org.aliases.append(short_alias)
            pend = getattr(self, "_pending_alias", None)
            if pend:
                org.aliases.append(pend)
                self._pending_alias = None
        # complements: "of Defense", "of the Azerbaijan Army", "for Defence Investment",
        # "named after ...", "(ACR)"
        j = b
        acr = None
        head_last = org.head.split()[-1] if org.head else ""
        if (
            org.head
            and (head_last in OF_TAKING or org.head in FORCE_HEADS)
            and self.lw(j) in ("of", "for", "on", "to")
            and j + 1 < n
            # "to" names only a mission's host ("Permanent Representation to NATO"), not the
            # beneficiary ("contribution of the Armed Forces to the Alliance's mission")
            and (self.lw(j) != "to" or head_last in DIPLOMATIC_ORGS or org.head in DIPLOMATIC_ORGS)
            # "visited the Naval Academy on 12 March": a date, no complement of the name
            and not self._date_at(j + 1 + (self.lw(j + 1) == "the"))
        ):
            k = j + 1
            if self.lw(k) == "the":
                k += 1
            prep = self.lw(j)
            dom = d.at(DOMAIN, k)
            cty = self.country_at(k)
            b2 = self._standalone_run(k) if not cty else cty[0]
            if prep == "of":
                b2 = self._office_post_end(head_last, k, b2)
            acr = None
            if b2 > k + 2 and d.words[b2 - 1] == ")":
                q = b2 - 1
                while q > k and d.words[q] != "(":
                    q -= 1
                if q > k:
                    acr = (d.span_text(q + 1, b2 - 1), b2, q)
                    b2 = q
            if dom and head_last in ("ministry", "ministries") and not cty:
                org.domain = dom[1]
                end = max(dom[0], b2) if prep != "of" or b2 == dom[0] else dom[0]
                dom2 = d.at(DOMAIN, end + 1) if self.lw(end) == "and" else None
                if (
                    dom2
                    and d.cap[end + 1]
                    and not d.cover[dom2[0]] & (BIT[IHEAD] | BIT[PHEAD])
                    and not (dom2[0] < n and d.cap[dom2[0]] and d.words[dom2[0]].isalpha())
                ):
                    end = dom2[0]  # "Ministry of Industry and Energy": a two-portfolio ministry
                org.name = f"{org.name} {prep} {d.span_text(k, end)}"
                j = end
                org.end = j
                jc = j + 1 + (self.lw(j + 1) == "the" and self.w(j + 2) == "Republic")
                if self.lw(j) == "of" and self.country_at(jc):
                    # "... of Latvia", "... of the Republic of Latvia"
                    c = self.country_at(jc)
                    org.country = c[1]
                    org.aliases.append(org.name)
                    org.name = d.span_text(org.start, c[0])
                    j = c[0]
                    org.end = j
            elif cty and prep in ("of", "to"):
                if prep == "of":
                    org.country = cty[1]
                    org.aliases.append(org.name)
                org.name = d.span_text(org.start, cty[0])
                j = cty[0]
                org.end = j
            elif b2 > k and prep in ("of", "for", "on", "to"):
                cls2 = self.classify_seg(k, b2)
                if (
                    cls2 == "inst"
                    and prep == "of"
                    and head_last
                    not in (
                        "ministry",
                        "academy",
                        "university",
                        "institute",
                        "college",
                        "lyceum",
                        "school",
                        "office",
                        "department",
                    )
                ):
                    # "General Staff of the Azerbaijan Army": parent (or one name, decided later)
                    sub = self._institution_at(k) if self.lw(b2) in ("of", "for") else None
                    if sub is not None and sub.start == k and sub.end > b2:
                        b2 = sub.end  # "Press Service of the Ministry of Foreign Affairs"
                        org.parent = sub
                    else:
                        org.parent = self.make_org(k, b2)
                    org.of_name = d.span_text(org.start, b2)
                    j = b2
                    org.end = j
                elif cls2 in ("inst", "other", "domain"):
                    if cls2 == "inst" and self.lw(b2) in ("of", "for"):
                        # "Press Office of the Ministry of Defence": the complement is a body
                        # with its own "of" complement
                        sub = self._institution_at(k)
                        if sub is not None and sub.start == k and sub.end > b2:
                            b2 = sub.end
                    org.aliases.append(org.name)
                    org.name = d.span_text(org.start, b2)
                    j = b2
                    org.end = j
                    # "... of Latvia", "... of the Republic of Latvia"
                    jc = j + 1 + (self.lw(j + 1) == "the" and self.w(j + 2) == "Republic")
                    if self.lw(j) == "of" and self.country_at(jc):
                        c = self.country_at(jc)
                        org.country = org.country or c[1]
                        org.aliases.append(org.name)
                        org.name = d.span_text(org.start, c[0])
                        j = c[0]
                        org.end = j
        elif org.head and self.lw(j) == "of" and j + 1 < n:
            k = j + 1
            if self.lw(k) == "the":
                k += 1
            cty = self.country_at(k)
            kh = d.at(KINST, k)
            if cty:
                org.country = cty[1]
                org.aliases.append(org.name)
                org.name = d.span_text(org.start, cty[0])
                j = cty[0]
                org.end = j
            elif kh and not org.known:
                # "the Joint Staff of the Collective Security Treaty Organization": the known
                # body is read on its own; this one is also "<CSTO> Joint Staff"
                ki = self._known.get(kh[1])
                forms = [kh[1]] + (ki.aliases if ki is not None else [])
                org.aliases.append(d.span_text(org.start, kh[0]))
                for form in forms:
                    if form.isupper() and f"{form} {org.name}" not in org.aliases:
                        org.aliases.append(f"{form} {org.name}")
        if self.lw(j) == "in" and _diplomatic_org(org):
            # "the Embassy of Karvenia in Ruritania", "the EU Training Mission in Somalia"
            c = self.country_at(j + 1)
            e = c[0] if c else (d.at(PLACE, j + 1) or (self._acronymed_place_end(j + 1),))[0]
            if e > j + 1:
                org.aliases.append(org.name)
                org.name = f"{org.name} in {d.span_text(j + 1, e)}"
                j = e
                org.end = j
        if self.lw(j) == "named" and self.lw(j + 1) == "after":
            k = self._skip_honorifics(j + 2, n)
            rk = d.at(RANK, k)
            if rk:
                k = self._skip_honorifics(rk[0], n)
            ne = self.parse_name(k, n)
            if ne > k:
                org.aliases.append(org.name)
                org.name = f"{org.name} named after {d.span_text(j + 2, ne)}"
                j = ne
                org.end = j
        pa = self.paren_acronym(j)
        if pa:
            org.acronym = pa[1]
            org.end = pa[0]
        elif head_last and acr is not None and org.end == acr[2]:
            org.acronym = acr[0]
            org.end = acr[1]
        if org.bare and (org.end - org.start > 1 or org.acronym):
            org.bare = False  # "Ministry" + "of Defense"
        return org

    def _known_modifier(self, i: int, b: int) -> OrgRef | None:
        """A known body before the capitalised name of one of its meetings ("the NATO Summit",
        "the OSCE Ministerial Council Meeting"): the body that meets is named all the same."""
        d = self.d
        kh = d.at(KINST, i)
        if kh is None or not i < kh[0] < b or not d.cap[kh[0]]:
            return None
        if d.lower[b - 1] not in BODY_MEETINGS:
            return None  # "the EU Cohesion Fund": a programme, the body is only its owner
        return self.make_org(i, kh[0])

    def _in_award_title(self, i: int) -> bool:
        """Token i is inside a quoted title right after an award word (medals "For ...")."""
        d = self.d
        a = d.sents[d.sent_of[i]][0]
        for q in range(i - 1, max(a, i - 10) - 1, -1):
            if d.words[q] in ('"', "“", "”", "«", "»"):
                return q > a and self.lw(q - 1) in AWARD_WORDS
        return False

    def _standalone_run(self, i: int) -> int:
        """An organisation run read on its own: the whole capitalised run, less a trailing
        two-word person name ("the Royal Military Academy Sandhurst" keeps "Sandhurst")."""
        d = self.d
        b = self.org_run(i, self.n, "appositive")
        # cut at the last institution head when two or more name-like words trail it
        last_head = -1
        for k in range(i, b):
            if d.cover[k] & (BIT[IHEAD] | BIT[KINST]) or self.is_acr_tok(k):
                last_head = k
        if (
            last_head >= i
            and b - (last_head + 1) >= 2
            and all(self.is_name_tok(k) for k in range(last_head + 1, b))
            and d.lower[b - 1] not in NOT_BODY_TAILS  # "EU Cohesion Fund": no "EU" alone
        ):
            h = d.at(IHEAD, last_head)
            b = h[0] if h else last_head + 1
        return b

    # ------------------------------------------------------------------ sites
    def read_sites(self) -> None:  # noqa: C901
        d = self.d
        n = self.n
        heads = sorted(d.spans[SHEAD].items())
        heads += [(a, (b, "standalone")) for a, (b, _p) in d.spans[SSITE].items()]
        heads.sort()
        # "<Org> Headquarters" / "Headquarters of <Org>" in a locative context
        for a, (b, payload) in d.spans[IHEAD].items():
            if payload == "headquarters" and d.cap[a]:
                heads.append((a, (b, "headquarters")))
        heads.sort()
        # "visited the Emil Varsk Centre": a centre named after a person, as a place visited
        for a, (b, _payload) in d.spans[IHEAD].items():
            if b != a + 1 or d.lower[a] not in ("center", "centre") or not d.cap[a]:
                continue
            s = a
            while s > 0 and s > a - 4 and self.is_name_tok(s - 1) and not self.used[s - 1]:
                s -= 1
            if (
                a - s >= 2
                and self.lw(b) not in ("for", "of", "on")
                and (self._locative(s) or self.lw(s - 2) in ("visited", "toured"))
            ):
                site = self._add_site(s, b, d.span_text(s, b), rule="site-named-centre", conf=0.7)
                self._site_place(site, b)
        # "Fort Sill", "Camp Lemonnier": a military post named after its prefix
        for a in range(n - 1):
            if (
                d.words[a] in ("Fort", "Camp")
                and d.cap[a + 1]
                and d.words[a + 1][:1].isalpha()
                and not d.cover[a + 1] & (ORG_BITS | BIT[SHEAD] | BIT[RANK])
                and d.lower[a + 1] not in FUNCTION
                and not self.used[a]
                and not self.used[a + 1]
                and not self.site_tok[a]
                and (a == 0 or not d.cap[a - 1] or d.lower[a - 1] in FUNCTION)
            ):
                e = a + 2
                # "Camp Ivo Daskal": a camp named after a person keeps the whole name
                while (
                    e < n
                    and e < a + 4
                    and d.cap[e]
                    and self.is_name_tok(e)
                    and not d.cover[e] & (ORG_BITS | BIT[SHEAD] | BIT[RANK] | BIT[PHEAD])
                    and d.lower[e] not in FUNCTION
                    and d.lower[e] not in self.lx.common
                    and not self.used[e]
                ):
                    e += 1
                site = self._add_site(a, e, d.span_text(a, e), rule="site-prefix", conf=0.7)
                self._site_place(site, e)
        for a, (b, payload) in heads:
            if self.used[a] or self.site_tok[a]:
                continue
            if (
                b < n
                and d.cover[b] & BIT[SHEAD]
                and (d.cap[b] or self.lx.site_heads.get(d.spans[SHEAD].get(b, (0, ""))[1], False))
            ):
                continue  # "Green Valley National Park", "Eternal Flame monument": the last head
            k = b
            while k < n and k < b + 2 and d.cap[k] and not d.cover[k] & BIT[SHEAD]:
                k += 1
            if (
                k > b
                and d.cap[a]
                and k < n
                and d.cap[k]
                and d.cover[k] & BIT[SHEAD]
                and not any(self.used[x] or d.lower[x] in FUNCTION for x in range(b, k + 1))
            ):
                continue  # "Olm Hill Military Cemetery": the head of the whole name comes later
            if payload == "standalone":
                name = d.span_text(a, b)
                site = self._add_site(a, b, name, rule="site-known", conf=0.8)
                self._site_place(site, b)
                continue
            if d.cover[a] & BIT[KINST]:
                continue  # "the Red Cross": a known institution, no site
            low_ok = self.lx.site_heads.get(payload, False)
            if not d.cap[a] and not low_ok and payload != "headquarters":
                continue
            if b < n and d.cap[b] and d.cover[b] & BIT[IHEAD] and payload != "headquarters":
                continue  # "Naval Base Command": an institution
            # name before the head: capitalised words, a quoted name, or none
            s = a
            while s > 0 and not d.space[s - 1]:
                p = s - 1
                if self.used[p] or self.site_tok[p]:
                    break
                if (
                    d.cap[p]
                    and not d.cover[p] & (BIT[RANK] | BIT[OUTLET] | BIT[PHEAD])
                    and (d.lower[p] not in FUNCTION)
                    and not (
                        p == d.sents[d.sent_of[p]][0]
                        and d.lower[p] in self.lx.common
                        and not d.cover[p] & ORG_BITS
                        and not (d.cap[a] and d.lower[p] in MEMORIAL_WORDS)
                    )
                ):
                    s = p
                    continue
                if (
                    d.cap[p]
                    and d.cover[p] & (BIT[RANK] | BIT[PHEAD])
                    and s < a
                    and d.cap[a]
                    and (p == 0 or not d.cap[p - 1])
                    and all(self.is_name_tok(x) and not d.cover[x] & ORG_BITS for x in range(s, a))
                ):
                    s = p  # "the Queen Mireva Mausoleum": a title inside the name of the person
                    break
                if (
                    d.lower[p] == "and"
                    and p > 0
                    and d.cap[p - 1]
                    and d.cap[s]
                    and (s < a or b - a >= 2 and not d.cover[p - 1] & ORG_BITS)
                    and d.cap[a]
                    and not self.site_tok[p - 1]
                    and not self._after_named(p - 1)
                ):
                    s = p  # "Karsten Restoration and Production Military Complex"
                    continue
                if d.words[p] == "-" and self.attached(p) and self.attached(p + 1) and s > 1:
                    s = p
                    continue
                if self._particle_in_name(p, s):
                    s = p  # "the Tal al-Shuhada memorial", "Ponte da Barca pier"
                    continue
                if (
                    d.lower[p] in ("of", "for")
                    and p > 0
                    and d.cap[p - 1]
                    and d.cap[s]
                    and d.cover[p - 1] & (BIT[IHEAD] | BIT[DOMAIN] | BIT[ORGW])
                ):
                    s = p  # "Ministry of Defence Main Building"
                    continue
                if self.is_acr_tok(p):
                    s = p
                    continue
                if (
                    d.words[p] == "'"
                    and p > 0
                    and self.attached(p)
                    and d.cap[p - 1]
                    and d.cap[s]
                    and d.words[p - 1].isalpha()
                    and d.lower[p - 1].endswith("s")
                    and not self.used[p - 1]
                    and not d.cover[p - 1] & (BIT[COUNTRY] | BIT[DEMONYM] | BIT[KINST])
                ):
                    s = p  # "the Defenders' Monument": a plural possessive inside the name
                    continue
                if (
                    d.words[p] == "'s"
                    and p > 1
                    and self.attached(p)
                    and d.cap[s]
                    and self.is_name_tok(p - 1)
                    and d.lower[p - 2] in ("st", "st.", "saint")
                ):
                    s = p  # "St Olav's Church": a saint's name
                    continue
                if d.words[p] == ")" and p >= 2:
                    q = p - 1
                    while q > 0 and q > p - 5 and d.words[q] != "(":
                        q -= 1
                    if d.words[q] == "(" and q > 0 and d.cap[q - 1]:
                        s = q  # "Joint Forces Corps (JFC) Headquarters"
                        continue
                break
            while s < a and d.lower[s] in ("of", "for", "-"):
                s += 1  # "confidence-building talks": a compound word, no name
            quoted = None
            if s == a and a >= 2 and d.words[a - 1] == '"':
                q = a - 2
                while q > 0 and d.words[q] != '"' and a - q < 10:
                    q -= 1
                if d.words[q] == '"' and q < a - 2:
                    quoted = d.span_text(q + 1, a - 1)  # the "Wings of Memory" monument
                    s = q
            if payload == "headquarters":
                if not self._locative(s) and not self._locative(a):
                    continue
            person_end = 0
            monument = payload in ("monument", "statue") and self.lw(b) in ("of", "to")
            if s == a and not d.cap[a] and monument:
                # "the monument of National Leader Emil Varsk (erected in Karelby)": a monument
                # named by the person it honours (a bust is not a named site)
                k = self._skip_honorifics(b + 1, n)
                rk = d.at(RANK, k)
                if rk:
                    k = rk[0]
                ne = self.parse_name(k, n) if d.cap[k] else k
                if ne > k + 1:
                    person_end = ne
            if s == a and not d.cap[a] and not person_end:
                q = self._quoted_name_after(b)
                if q is not None:
                    site = self._add_site(q[0], q[1], d.span_text(q[0], q[1]), rule="site-quoted")
                    self._site_place(site, q[1] + 1)
                continue  # "the monument", "the bust of X": no name
            if (
                not d.cap[a]
                and not quoted
                and s < a
                and all(self.demonym_at(x) for x in range(s, a))
            ):
                continue  # "the Veldonian reserve", "a Ruritanian base": an adjective, no name
            if s == a and payload in (
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
                "building",
                "area",
                "wall",
                "valley",
                "hill",
                "headquarters",
                "plain",
            ):
                if self.lw(b) not in ("of", "for"):
                    continue  # a bare capitalised "Park" is too weak without "of"
            if payload == "stone" and self.lw(b) != "of":
                continue  # "Stone" alone is mostly a surname: only "Stone of <...>" is a site
            if payload in ("cross", "stone"):
                k = s - 1 - (self.lw(s - 1) == "the")
                if self.lw(k) not in ("at", "near", "beside", "before", "inside", "visited"):
                    continue  # "awarded the Naval Cross", "the Cross of Merit": a decoration
            if payload == "building" and not d.cap[a]:
                # "the Ministry of National Defense building": the body's building, no site
                if any(d.cover[x] & (BIT[IHEAD] | BIT[KINST]) for x in range(s, a)):
                    continue
            end = max(b, person_end)
            aliases: list[str] = []
            # "the Emil Varsk Mausoleum and Museum": a second head word with no name of its own
            if self.lw(end) == "and" and d.cap[a] and end + 1 < n and d.cap[end + 1]:
                k = end + 1
                while k < n and d.cap[k] and d.cover[k] & BIT[SHEAD] and not self.used[k]:
                    k += 1
                h = d.spans[SHEAD].get(end + 1)
                if h and h[0] == k and not (k < n and d.cap[k]):
                    end = k
            # "Alley of Shehids (Martyrs)", "Wall of Remembrance of the Fallen for Ukraine"
            room_of = False
            while (
                self.lw(end) in ("of", "for")
                or self.lw(end) == "to"
                and payload in ("monument", "memorial", "statue", "obelisk", "memorial complex")
            ) and end + 1 < n:
                k = end + 1
                if self.lw(k) == "the":
                    k += 1
                k2 = k
                while (
                    k2 < n
                    and (d.cap[k2] or d.words[k2] in ("and",))
                    and not d.cover[k2] & (BIT[RANK])
                    and not self.used[k2]
                ):
                    k2 += 1
                while k2 > k and d.words[k2 - 1] == "and":
                    k2 -= 1
                if k2 <= k:
                    break
                if payload == "hall" and self._names_building(k, k2):
                    room_of = True  # "the Marble Hall of Mariinsky Palace": the palace is the site
                    break
                if payload == "headquarters" and self.classify_seg(k, k2) not in ("inst",):
                    break
                if payload in OWNED_SITES and self._org_words(k, k2):
                    # "the Olm Plant of Varn Heavy Industries": the owner is an institution
                    if not any(self.used[x] or d.cover[x] & BIT[KINST] for x in range(k, k2)):
                        self.orgs.append(self.make_org(k, k2, rule="site-owner", conf=0.75))
                    break
                end = k2
            if room_of:
                continue
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
                rk = d.at(RANK, k)
                if rk:
                    k = rk[0]
                ne = self.parse_name(k, n)
                if ne > k:
                    end = ne
            if s == a and end == b and not quoted:
                continue  # a head alone ("the park") is no name
            name = _strip_paren_alias(d, s, end)
            literal = d.span_text(s, end)
            if literal != name and "(" in literal:
                aliases.append(literal)  # "Joint Forces Corps (JFC) Headquarters" as written
            if quoted:
                aliases.append(" ".join(name.replace('"', " ").split()))
                name = quoted
            elif not d.cap[a] and s < a:
                aliases.append(d.span_text(s, a))  # "Jidir Duzu" for "Jidir Duzu plain"
            for k in range(s, end):
                pa = self.paren_acronym(k)
                if pa and pa[0] <= end and payload != "headquarters":
                    aliases.append(pa[1])  # "(ACR)" inside the name (a unit's is the unit's)
            rule = "site-headquarters" if payload == "headquarters" else "site"
            site = self._add_site(s, end, name, aliases=aliases, rule=rule, conf=0.85)
            self._site_place(site, end)
            if payload == "headquarters":
                # the body whose headquarters this is: "Joint Forces Corps (JFC) Headquarters",
                # "Headquarters of the Estonian Defence Forces"
                if s < a:
                    self.orgs.append(self.make_org(s, a, rule="headquarters-of", conf=0.8))
                elif end > b + 1:
                    k = b + 1 + (self.lw(b + 1) == "the")
                    if k < end:
                        self.orgs.append(self.make_org(k, end, rule="headquarters-of", conf=0.8))

    def _names_building(self, a: int, b: int) -> bool:
        """The words a..b name a building of its own: capitalised words ending in a site head."""
        h = next((x for x in range(a, b) if self.d.cover[x] & BIT[SHEAD]), None)
        return h is not None and h > a and self.d.spans[SHEAD].get(h, (0, ""))[0] == b

    def _particle_in_name(self, p: int, s: int) -> bool:
        """A lower-case particle at p joins the capitalised words before it to the name that
        starts at s (after a hyphen: "al-Awfiya")."""
        d = self.d
        first = s + 1 if d.words[s] == "-" else s
        return (
            d.lower[p] in PLACE_PARTICLES
            and not d.cap[p]
            and p > 0
            and d.cap[p - 1]
            and d.words[p - 1].isalpha()
            and not self.used[p - 1]
            and d.cap[first]
            and not d.cover[p - 1] & (BIT[RANK] | BIT[PHEAD] | BIT[OUTLET])
        )

    def _quoted_name_after(self, b: int) -> tuple[int, int] | None:
        """A quoted capitalised name right after a lower-case site head: the memorial complex
        "Heroes of the Pass" -> (start, end) of the words inside the quotes."""
        d = self.d
        if self.w(b) not in ('"', "“") or b + 1 >= self.n or not d.cap[b + 1]:
            return None
        q = b + 1
        while q < self.n and q < b + 9 and d.words[q] not in ('"', "”"):
            q += 1
        if q >= self.n or d.words[q] not in ('"', "”") or q == b + 1:
            return None
        return b + 1, q

    def _acronymed_place_end(self, k: int) -> int:
        """End of an unknown place name at k that the mission's acronym follows ("Mission in
        Ostria (MINUSO)": the acronym shows the place is part of the name), else k."""
        e = k
        while e < k + 2 and self.d.cap[e] and self.w(e).isalpha() and not self.is_acr_tok(e):
            e += 1
        return e if e > k and self.paren_acronym(e) else k

    def _org_words(self, a: int, b: int) -> bool:
        """The words a..b name an institution (a known one, or one with an institution word)."""
        d = self.d
        if self.classify_seg(a, b) == "inst":
            return True
        return any(d.cover[x] & (BIT[IHEAD] | BIT[ORGW] | BIT[KINST]) for x in range(a, b))

    def _date_at(self, k: int) -> bool:
        """Token k starts a date: "12 March", "March 12", "Monday", "the 12th of March"."""
        w = self.lw(k)
        if w in _WEEKDAYS:
            return True
        if w in _MONTHS:
            return self.w(k + 1)[:1].isdigit()
        if w[:1].isdigit() and len(w) <= 4 and w.rstrip("stndrh").isdigit():
            return self.lw(k + 1 + (self.lw(k + 1) == "of")) in _MONTHS
        return False

    def _after_named(self, p: int) -> bool:
        """Token p ends a capitalised run that follows "named after" (a person, no site)."""
        q = p
        while q > 0 and self.d.cap[q - 1]:
            q -= 1
        return self.lw(q - 1) == "after"

    def _locative(self, i: int) -> bool:
        k = i - 1
        if self.lw(k) == "the":
            k -= 1
        if self.lw(k) == "and" and self.site_tok[k - 1] if k > 0 else False:
            # "toured the Blue Lake National Park and the JAC Headquarters": the list's verb
            q = k - 1
            while q > 0 and self.site_tok[q - 1]:
                q -= 1
            return self._locative(q)
        return (
            self.lw(k) in LOCATIVE
            or self.lw(k) == "of"
            and self.lw(k - 1)
            in (
                "arrival",
                "visit",
                "building",
                "premises",
                "territory",
            )
        )

    def _site_place(self, site: SiteRef, end: int) -> None:
        d = self.d
        n = self.n
        if self._site_possessor(site):
            return
        # "the Museum of Independence, located in Marvik", "the monument ... erected in Karelby"
        k = end + (self.w(end) == ",")
        if self.lw(k) in SITE_PARTICIPLES:
            end = k + 1
        if self.lw(end) != "in" or end + 1 >= n:
            return
        k = end + 1
        # "erected in the main square of Karelby city": the place of the square
        if self.lw(k) == "the":
            q = k + 1
            while q < k + 4 and self.lw(q).isalpha() and not d.cap[q] and self.lw(q) != "of":
                q += 1
            if q > k + 1 and self.lw(q) == "of" and q + 1 < n and d.cap[q + 1]:
                k = q + 1
        ph = d.at(PLACE, k)
        cty = self.country_at(k)
        if ph:
            site.place = ph[1].split(SEP)[0]
            site.place_kind = ph[1].split(SEP)[1]
            site.place_span = (k, ph[0])
        elif cty:
            site.place = cty[1]
            site.place_kind = "country"
            site.place_span = (k, cty[0])
        else:
            e = self._place_run(k)
            if e > k:
                site.place = d.span_text(k, e)
                site.place_span = (k, e)
                site.place_kind = (
                    "region"
                    if d.cover[e - 1] & BIT[IHEAD]
                    or d.lower[e - 1]
                    in (
                        "county",
                        "province",
                        "region",
                        "district",
                        "oblast",
                    )
                    else "city"
                )

    def _site_possessor(self, site: SiteRef) -> bool:
        """A place before the site's possessive places it ("Karelby's Victory Park")."""
        d = self.d
        p = site.start - 1
        if self.lw(p) == "the":
            return False
        if self.w(p) != "'s" or not self.attached(p) or p < 1:
            return False
        e = p
        k = e - 1
        while k > 0 and d.cap[k - 1] and not self.used[k - 1] and e - k < 3:
            k -= 1
        while k < e and not d.cap[k]:
            k += 1
        if k >= e or any(self.used[x] or d.cover[x] & ORG_BITS for x in range(k, e)):
            return False
        ph = d.at(PLACE, k)
        cty = self.country_at(k)
        if ph and ph[0] == e:
            site.place, site.place_kind = ph[1].split(SEP)[0], ph[1].split(SEP)[1]
        elif cty and cty[0] == e:
            site.place, site.place_kind = cty[1], "country"
        elif self._place_run(k) == e and not any(self.demonym_at(x) for x in range(k, e)):
            site.place, site.place_kind = d.span_text(k, e), "city"
        else:
            return False
        site.place_span = (k, e)
        return True

    def _listed_places(self, seen_spans: set[int], surnames: set[str]) -> None:
        """An unknown one-word name listed with a place the text names ("Tartu and Narva",
        "Latvia, Estonia and Lithuania") names a place too."""
        d = self.d
        n = self.n
        known = {p.name for p in self.places if p.end == p.start + 1}
        for i in range(2, n - 1):
            w = d.words[i]
            if (
                not d.cap[i]
                or not w.isalpha()
                or w in known
                or w in surnames
                or i in seen_spans
                or d.cover[i] & (NAME_BLOCK | BIT[EVENT])
                or self.used[i]
                or self.protected[i]
                or self.is_acr_tok(i)
                or d.lower[i] in self.lx.common
                or self.demonym_at(i)
                or w in self.dyn_demonyms
                or (d.cap[i + 1] and d.words[i + 1][:1].isalpha())
                or d.words[i + 1] in POSS
                or d.words[i + 1] in DASHES
            ):
                continue
            # after a comma only inside a list: "Riga, Tallinn agree" is a headline's pair
            before = d.words[i - 2] in known and (
                d.words[i - 1] == "and" or d.words[i - 1] == "," and d.lower[i + 1] in (",", "and")
            )
            after = (
                d.words[i + 1] in (",", "and")
                and i + 2 < n
                and d.words[i + 2] in known
                and d.words[i - 1] in (",", "and", "of", "between")
            )
            if before or after:
                self._local_place(i, i + 1, w, "city", "place-listed", conf=0.6)
                seen_spans.add(i)
                known.add(w)

    def _place_particle_end(self, e: int) -> int:
        """Start of the word after the particles at e that join a place name ("Ponte do
        Vale", "San Pedro de la Sierra", "Wadi al-Sahra"), else e."""
        d = self.d
        k = e
        while k < e + 2 and self.lw(k) in PLACE_PARTICLES and not d.cap[k]:
            k += 1
            if self.w(k) == "-" and self.attached(k) and self.attached(k + 1):
                k += 1
        if k > e and k < self.n and d.cap[k] and d.words[k].isalpha():
            if d.lower[k] not in self.lx.common and not d.cover[k] & PLACE_RUN_STOP:
                return k
        return e

    def _place_words(self, k: int, e: int) -> int:
        """Capitalised words in a place name (its particles and hyphens not counted)."""
        return sum(1 for x in range(k, e) if self.d.cap[x])

    def _place_run(self, k: int) -> int:
        """An unknown place name: "Karelby", "Lääne-Viru County", "Ponte do Vale"."""
        d = self.d
        e = k
        while e < self.n and self._place_words(k, e) < 4:
            if (
                d.cap[e]
                and d.words[e].isalpha()
                and not d.cover[e] & PLACE_RUN_STOP
                and d.lower[e] not in self.lx.common
            ):
                e += 1
                if self.w(e) == "-" and self.attached(e) and self.attached(e + 1):
                    e += 1
                else:
                    e = self._place_particle_end(e)
                continue
            if (
                d.lower[e] in ("county", "province", "region", "district", "oblast") and e > k
            ):  # "Ristvik city" is the city "Ristvik" (as "Nakhchivan city")
                e += 1
                break
            break
        while e > k and self.w(e - 1) == "-":
            e -= 1
        return e

    def _add_site(self, a: int, b: int, name: str, aliases=None, rule="site", conf=0.85) -> SiteRef:
        if name.lower().startswith("the "):
            name = name[4:]
        s = SiteRef(a, b, name, aliases=list(aliases or []), rule=rule, conf=conf)
        self.sites.append(s)
        for x in range(a, b):
            self.site_tok[x] = True
            self.protected[x] = True
        return s

    # ------------------------------------------------------------------ places
    def _multiword_dateline(self, starts: set[int], seen_spans: set[int]) -> None:
        """An upper-case dateline of two or three words ("KOTA DAMAR —", "PORTO NOVO,"), named
        as the text spells it elsewhere, else in title case."""
        d = self.d
        for a in sorted(starts):
            e = a
            while e < self.n and e < a + 5 and d.words[e].isupper() and len(d.words[e]) > 1:
                e += 1
                if self.w(e) == "-" and self.attached(e) and self.attached(e + 1):
                    e += 1
            words = [x for x in range(a, e) if d.words[x].isalpha()]
            if not 2 <= len(words) <= 3 or self.w(e) not in (",", "–", "—"):
                continue
            if a in seen_spans or any(
                d.cover[x] & NAME_BLOCK or d.lower[x] in self.lx.common for x in words
            ):
                continue
            caps = d.span_text(a, e)
            spelt = [
                t for t in re.findall(re.escape(caps), d.text, re.IGNORECASE) if not t.isupper()
            ]
            self._local_place(a, e, spelt[0] if spelt else caps.title(), "city", "place-dateline")
            seen_spans.add(a)

    def _geo_suffix_places(self, seen_spans: set[int]) -> None:
        """A name before a geographic noun: "the Tarvo Passage", "the Kaya Peninsula", "the
        Halme Pass"; before a lower-case "islet"/"islands" the name alone ("the Kolu Ada
        islet" -> "Kolu Ada"). Not inside "<Name> of <Name> Pass" ("Battle of ... Pass")."""
        d = self.d
        for i in range(1, self.n):
            kind = GEO_SUFFIXES.get(d.lower[i])
            if kind is None or not (d.cap[i] or d.lower[i] in LOWER_GEO_SUFFIXES):
                continue
            if i + 1 < self.n and (d.cap[i + 1] or d.words[i + 1][:1].isdigit()):
                continue  # "Island Defence Command", "Iron Pass 2025": a longer name
            if self.lw(i + 1) in EXERCISE_WORDS:
                continue  # "the Eagle Pass exercise"
            k = i
            while k > 0 and i - k < 3 and self._geo_name_tok(k - 1):
                k -= 1
            if k == i or (self.lw(k - 1) == "of" and d.cap[k - 2]):
                continue
            end = i + 1 if d.cap[i] else i
            if any(x in seen_spans and not self.country_at(x) for x in range(k, end)):
                continue  # read already; a country names its peninsula ("Veldonia Peninsula")
            name = d.span_text(k, end)
            self.places.append(PlaceRef(k, end, name, kind, rule="place-geo-suffix", conf=0.7))
            seen_spans.add(k)

    def _geo_name_tok(self, k: int) -> bool:
        """Token k may be part of the name before a geographic noun."""
        d = self.d
        if d.cover[k] & (BIT[COUNTRY] | BIT[PLACE]):
            return True  # "the Korea Strait", "the Veldonia Peninsula"
        return (
            d.cap[k]
            and d.words[k].isalpha()
            and d.lower[k] not in self.lx.common
            and d.lower[k] not in FUNCTION
            and not d.cover[k] & NAME_BLOCK
            and not (self.used[k] or self.protected[k] or self.site_tok[k])
            and k != d.sents[d.sent_of[k]][0]
        )

    def _official_name_tokens(self) -> set[int]:
        """Tokens inside a person's name: a surname spelt like a country is no place."""
        return {k for off in self.officials for k in range(off.name_start, off.name_end)}

    def read_places(self) -> None:  # noqa: C901
        d = self.d
        n = self.n
        skip_to = 0
        surnames = {off.name.split()[-1] for off in self.officials if off.name}
        name_toks = self._official_name_tokens()
        seen_spans: set[int] = set()
        dyn = self.dyn_countries
        place_bits = BIT[PLACE] | BIT[COUNTRY]
        # "the Gulf of Karel", "the Bay of Biscay": a water body or island named by "of <Name>"
        of_named: dict[int, int] = {}
        for i in range(n - 2):
            kind = GEO_OF_HEADS.get(d.words[i])
            if kind is None or d.lower[i + 1] != "of" or self.used[i] or self.protected[i]:
                continue
            k = i + 2
            e = k
            while (
                e < n
                and self._place_words(k, e) < 3
                and d.cap[e]
                and d.words[e].isalpha()
                and not d.cover[e] & (NAME_BLOCK & ~(BIT[PLACE] | BIT[COUNTRY]))
                and d.lower[e] not in self.lx.common
            ):
                e = self._place_particle_end(e + 1)  # "the Strait of Bab al-Rih"
            if e == k or self.w(e) in POSS:
                continue
            of_named[i] = e
            self.places.append(
                PlaceRef(i, e, d.span_text(i, e), kind, rule="place-of-name", conf=0.75)
            )
            seen_spans.add(i)
        for i in range(n):
            if i < skip_to or not (d.cover[i] & place_bits or (dyn and d.words[i] in dyn)):
                continue
            if i in of_named:
                skip_to = i + 1
                continue
            hit = d.at(PLACE, i)
            if hit:
                name, kind, code = hit[1].split(SEP)
                skip_to = hit[0]
                nxt = hit[0]
                if (
                    nxt < n
                    and d.cap[nxt]
                    and not d.space[nxt]
                    and self.w(nxt) not in POSS
                    and not d.cover[nxt] & (BIT[IHEAD] | BIT[SHEAD])
                ):
                    continue  # modifier of a name: "Karabakh War"
                if kind == "region" and self.lw(nxt) in PORTFOLIO_HEADS:
                    continue  # "the Central Asia Department": a ministry's portfolio, no place
                if (
                    i > 0
                    and d.cap[i - 1]
                    and d.lower[i - 1] not in FUNCTION
                    and not d.cover[i - 1] & (BIT[COUNTRY] | BIT[PLACE] | BIT[DEMONYM])
                    and i - 1 != d.sents[d.sent_of[i]][0]
                    and not self.site_tok[i - 1]
                    and d.words[i - 1] not in (",",)
                ):
                    continue
                self.places.append(
                    PlaceRef(
                        i,
                        hit[0],
                        name,
                        kind,
                        country=self.countries.get(code) if code else None,
                        rule="place-lexicon",
                    )
                )
                seen_spans.add(i)
                continue
            c = self.country_at(i)
            if not c or i in name_toks:
                continue
            e = c[0]
            skip_to = e
            nxt_w = self.w(e)
            if nxt_w == "-" and self.attached(e) and self.lw(e + 1) in ("led", "based"):
                continue  # "Veldonia-led"
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
                    and not (d.cover[e] & BIT[IHEAD] and not _abbrev(d.span_text(i, e)))
                ):
                    continue  # "U.S. Army", "U.S. support": an adjective ("Azerbaijan Army" is
                    # a name with the country in it)
            self.places.append(PlaceRef(i, e, c[1], "country", rule="place-country"))
            seen_spans.add(i)
        # datelines: "NORDHAVEN, Ruritania, March 9." / "KARELBY – ..." / "Marvik, Veldonia,"
        starts = {a for a, _ in d.sents[:6]}
        for a in range(min(n - 1, 40)):
            w = d.words[a]
            caps_line = (
                a in starts
                and w.isupper()
                and w.isalpha()
                and len(w) > 2
                and d.words[a + 1] in (",", "–", "—", "-")
            )
            if not (caps_line or w.title() in self._dateline_words) or a in seen_spans:
                continue
            if d.at(PLACE, a) or self.country_at(a) or d.at(KINST, a) or d.at(OUTLET, a):
                continue
            name = w.title() if w.isupper() else w
            self._local_place(a, a + 1, name, "city", "place-dateline")
            seen_spans.add(a)
        self._multiword_dateline(starts, seen_spans)
        for i in range(1, n):
            lw = d.lower[i]
            if (
                lw in ("sea", "ocean", "strait", "straits")
                and d.cap[i]
                and d.cap[i - 1]
                and d.words[i - 1].isalpha()
                and not d.at(PLACE, i - 1)
                and (i - 1) not in seen_spans
                and not d.cover[i - 1] & BIT[PLACE]
                and d.lower[i - 1] not in self.lx.common
            ):
                a = i - 2 if i > 1 and d.cap[i - 2] and d.lower[i - 2] in COMPASS else i - 1
                self.places.append(
                    PlaceRef(a, i + 1, d.span_text(a, i + 1), "sea", rule="place-sea")
                )
        self._geo_suffix_places(seen_spans)
        # "the Nakhchivan Autonomous Republic": a region named after its capital or people
        for i in range(1, n - 1):
            if (
                d.lower[i] == "autonomous"
                and d.cap[i]
                and d.lower[i + 1] in ("republic", "region", "okrug", "oblast", "province")
                and d.cap[i - 1]
                and d.words[i - 1][:1].isalpha()
                and not d.cover[i - 1] & (BIT[DEMONYM] | BIT[KINST])
            ):
                self.places.append(
                    PlaceRef(
                        i - 1, i + 2, d.span_text(i - 1, i + 2), "region", rule="place-autonomous"
                    )
                )
        # "in Osaka", "to Karelby", "between Tessel and Hallstadt": an unknown capitalised word
        # after a place preposition, or after "and" that continues a place read after one
        place_preps = ("in", "to", "from", "near", "between")
        after_prep = {p.end for p in self.places if self.lw(p.start - 1) in place_preps}
        for i in range(1, n - 1):
            if not d.cap[i + 1]:
                continue
            if d.lower[i] not in place_preps and not (d.lower[i] == "and" and i in after_prep):
                continue
            if d.lower[i] == "to" and d.lower[i - 1] in TRIBUTE_TO:
                continue  # "paid tribute to Aurel Mardo": a person
            if d.lower[i] == "between" and (
                d.cover[i - 1] & BIT[EVENT]
                or d.cover[i] & BIT[EVENT]
                or self.lw(i - 1) in BETWEEN_PERSONS
            ):
                continue  # "the talks between Brandt and Holm": persons
            k = i + 1
            if self.demonym_at(k) or self.w(k) in self.dyn_demonyms:
                continue
            if (
                k in seen_spans
                or d.cover[k] & (NAME_BLOCK | BIT[EVENT])
                or self.used[k]
                or self.protected[k]
                or self.is_acr_tok(k)
            ):
                continue
            e = self._place_run(k)
            if (
                e <= k
                or self._place_words(k, e) > 3
                or (e < n and d.cap[e] and d.words[e][:1].isalpha())
            ):
                continue
            name = d.span_text(k, e)
            if name in surnames or d.lower[k] in self.lx.common or name.split()[-1] in surnames:
                continue
            if e == k + 1 and d.lower[k] in LANGUAGES:
                continue  # "the ode was read in English"
            if e < n and d.words[e] in POSS:
                continue
            kind = (
                "region"
                if d.lower[e - 1] in ("county", "province", "region", "district", "oblast")
                else "city"
            )
            self._local_place(k, e, name, kind, "place-preposition", conf=0.6)
            seen_spans.add(k)
            after_prep.add(e)
        # "the northern town of Halvard", "the village of Vesk": a settlement named after "of"
        for i in range(1, n - 2):
            if d.lower[i] not in SETTLEMENT_WORDS or self.lw(i + 1) != "of" or d.cap[i]:
                continue
            k = i + 2
            if (
                not d.cap[k]
                or k in seen_spans
                or d.cover[k] & (NAME_BLOCK & ~BIT[PLACE])
                or self.used[k]
                or self.protected[k]
            ):
                continue
            e = self._place_run(k)
            if (
                e <= k
                or self._place_words(k, e) > 3
                or (e < n and d.cap[e] and d.words[e][:1].isalpha())
            ):
                continue
            name = d.span_text(k, e)
            if name in surnames or name.split()[-1] in surnames:
                continue
            kind = "region" if d.lower[i] in REGION_WORDS else "city"
            self._local_place(k, e, name, kind, "place-settlement-of", conf=0.7)
            seen_spans.add(k)
        # "the Brenn region", "the Southern Region": a region named by its own word(s)
        for i in range(2, n):
            if d.lower[i] not in REGION_WORDS or not d.cap[i - 1] or (i - 1) in seen_spans:
                continue
            k = i - 1
            while k > 0 and k > i - 3 and d.cap[k - 1] and not d.cover[k - 1] & NAME_BLOCK:
                k -= 1
            if self.lw(k - 1) != "the" or d.cover[k] & (BIT[DEMONYM] | BIT[COUNTRY]):
                continue
            if any(
                d.cover[x] & (NAME_BLOCK & ~BIT[PLACE]) or self.w(x) in self.dyn_demonyms
                for x in range(k, i)
            ):
                continue
            e = i + 1 if d.cap[i] else i
            self.places.append(
                PlaceRef(k, e, d.span_text(k, e), "region", rule="place-region", conf=0.6)
            )
            seen_spans.add(k)
        self._listed_places(seen_spans, surnames)
        # a section label ("World › Europe") is page furniture, not a place mention
        crumbs = [k for k, w in enumerate(d.words) if w in ("›", "»")]
        if crumbs:
            lines = {d.text.rfind("\n", 0, d.starts[k]) for k in crumbs}
            self.places = [
                p for p in self.places if d.text.rfind("\n", 0, d.starts[p.start]) not in lines
            ]
        for s in self.sites:
            if s.place and s.place_span and s.place_span[0] not in seen_spans:
                a, b = s.place_span
                self.places.append(
                    PlaceRef(a, b, s.place, s.place_kind, rule="site-in-place", conf=0.75)
                )
                seen_spans.add(a)


def _diplomatic_org(o: OrgRef) -> bool:
    """A mission, embassy, representation or consulate (takes "to/in <Country>" in its name)."""
    words = o.head.split()
    return bool(words) and (o.head in DIPLOMATIC_ORGS or words[-1] in DIPLOMATIC_ORGS)


def _abbrev(w: str) -> bool:
    """A country written as an abbreviation ("U.S.", "UK")."""
    return "." in w or (w.isupper() and len(w) <= 4)


def _acronym(w: str) -> bool:
    letters = w.replace("-", "").replace("&", "")
    return (
        2 <= len(letters) <= 8 and letters[:1].isupper() and sum(c.isupper() for c in letters) >= 2
    )


def _clean_title(t: str) -> str:
    t = " ".join(re.sub(r"\s*\([^)]*\)", "", t).split())
    low = t.lower()
    if low.startswith("the "):
        t = t[4:]
        low = low[4:]
    changed = True
    while changed:
        changed = False
        for p in TITLE_DROP:
            if low.startswith(p) and len(t) > len(p) + 2:
                t = t[len(p) :]
                low = low[len(p) :]
                changed = True
    return t.strip(" ,")


def _strip_paren_alias(d: TDoc, a: int, b: int) -> str:
    keep = []
    k = a
    while k < b:
        if d.words[k] == "(":
            m = k
            while m < b and d.words[m] != ")":
                m += 1
            k = m + 1
            continue
        keep.append(k)
        k += 1
    if not keep:
        return ""
    out = []
    run_start = keep[0]
    prev = keep[0]
    for k in keep[1:]:
        if k != prev + 1:
            out.append(d.span_text(run_start, prev + 1))
            run_start = k
        prev = k
    out.append(d.span_text(run_start, prev + 1))
    return " ".join(out)


def _demonym_base(w: str, nouns: dict[str, int]) -> str | None:
    """'Ruritanian' -> 'Ruritania' when the text uses that noun; else a plausible guess."""
    for o in demonym_options(w):
        if o in nouns:
            return o
    if w.endswith("ian") and len(w) > 6:
        return w[:-1]
    return None


def demonym_options(w: str) -> list[str]:
    """The country nouns a demonym may come from ('Canadian' -> 'Canada', ...)."""
    options = []
    if w.endswith("ian"):
        # "Canadian" -> "Canada" is the last shape tried
        options += [w[:-1], w[:-3] + "y", w[:-3] + "ia", w[:-3], w[:-3] + "a"]
    if w.endswith("ean"):
        options += [w[:-1], w[:-3] + "a"]
    if w.endswith("an"):
        options += [w[:-1], w[:-2], w[:-2] + "a", w[:-2] + "o"]
    if w.endswith("ese"):
        options += [w[:-3], w[:-3] + "a"]
    if w.endswith("ish"):
        options += [w[:-3] + "land", w[:-3], w[:-3] + "mark"]
    if w.endswith("i"):
        options += [w[:-1], w[:-1] + "stan", w[:-1] + "a"]
    return options
