"""Event rules: triggers (lexicon ``events.tsv``) read with the actors of their sentence.

Each trigger has a *frame* that says where its participants are: the subject before the verb,
the object after it, a "by" phrase, a place after "to"/"in". Role anaphora ("the guests", "the
two ministers", "he") are resolved after all explicit events are read, since "the guests" are
whoever the article's meetings and visits show as the visiting side.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Event, Evidence, Participant
from . import dates as _dates
from .lexicons import load
from .nlp import BIT, EVENT, OUTLET, SEP

if TYPE_CHECKING:
    from .extractor import Actor, _Run

_REL_CLAUSE = re.compile(r"(?:,\s*(?:which|who)|\bthat)\s[^,;.]*")
# ", which/who ...", ", under which ..." (not "that": "said that X will visit" is the
# sentence's own plan)
_WHICH_CLAUSE = re.compile(
    r",\s*(?:(?:under|in|by|through|during|after|with|for)\s+)?(?:which|who|whom)\s[^,;.]*"
)
# the clause with the appositions on its last noun: "..., which honours Admiral X, the founder
# of the navy and the victor of the Battle of Y in 1716"
_REL_CLAUSE_APPOS = re.compile(
    r"(?:,\s*(?:which|who|whose)|\b(?:that|who))\s[^,;.]*(?:,\s*the\s(?![^,;.]*\b(?:said|says|added)\b)[^,;.]*)*"
)
# an apposition describing a thing by its past: "the X Mausoleum, a 13th-century monument
# restored last year, ..." dates the monument, not the visit
_APPOS_PAST = re.compile(
    r",\s*(?:(?:a|an)\s[^,;.]*?)?\b(?:built|restored|rebuilt|renovated|erected|founded|"
    r"established|completed|unveiled|inaugurated|opened)\b[^,;.]*"
)
# what a tribute remembers: "laid a wreath in memory of the sailors lost in the Battle of X
# in 1944" dates the battle, not the wreath
_TRIBUTE_OF = re.compile(r"\b(?:in|to) (?:the )?(?:memory|hono(?:u)?r) of\b[^;.]*", re.I)

_OPENED = frozenset(
    "museum monument memorial bust statue complex centre center building hall park school "
    "academy hospital barracks base headquarters exhibition plaque alley chapel".split()
)
_AWARDS = frozenset("medal medals order orders cross star badge award awards decoration".split())
_CEREMONY_VERBS = frozenset(
    "oath command inaugurated unveiled opened awarded decorated in ribbon credentials".split()
)
# "a wreath-laying ceremony", "the memorial ceremony": a tribute told as a ceremony is only a
# Commemoration
_TRIBUTE_CEREMONY = frozenset(
    "wreath-laying laying memorial commemorative commemoration remembrance mourning".split()
)
_CEREMONY_NEEDS = {
    "inaugurated": _OPENED,
    "unveiled": _OPENED,
    "opened": _OPENED,
    "awarded": _AWARDS,
    "decorated": _AWARDS | {"with"},
    # "cadets graduated in the presence of ...", not "she graduated from the academy in 1995"
    "graduated": frozenset("presence ceremony diplomas parade solemn".split()),
}

_TRIBUTE_TO = frozenset("tribute homage respect respects dedicated".split())
_HONOURED_OF = frozenset(
    "tomb grave memory memories bust monument statue mausoleum birthplace legacy".split()
)

MEMORY_WORDS = frozenset(
    "memory memories fallen heroes martyrs victims dead killed died perished".split()
)

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
        "council",
        "gathering",
    )
)
MEETING_NOUNS = frozenset(
    (
        "meeting",
        "meetings",
        "talks",
        "session",
        "discussion",
        "negotiations",
        "consultations",
        "summit",
        "conference",
        "ministerial",
        "gathering",
        "council",
    )
)
SIGN_OBJECTS = frozenset(
    (
        "agreement",
        "agreements",
        "memorandum",
        "memorandums",
        "memoranda",
        "arrangement",
        "arrangements",
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
        "programs",
        "programmes",
        "plans",
        "roadmaps",
        "treaties",
        "accords",
        "declarations",
        "statement",
        "charter",
        "communique",
        "communiqué",
        "intent",  # "a letter of intent"
    )
)
COMMEMORATION_CONTEXT = frozenset(
    (
        "memory",
        "grave",
        "graves",
        "tomb",
        "monument",
        "memorial",
        "wreath",
        "wreaths",
        "flowers",
        "bust",
        "cemetery",
        "fallen",
        "martyrs",
        "victims",
        "alley",
        "eternal",
    )
)
PREPOSITIONS = frozenset(
    (
        "with",
        "to",
        "of",
        "by",
        "from",
        "for",
        "about",
        "on",
        "at",
        "in",
        "including",
        "between",
        "among",
        "than",
        "like",
        "into",
        "toward",
        "towards",
        "via",
    )
)
SUBJECT_ROLES = ("off", "inst", "deleg", "visiting", "hosting", "pronoun", "pair", "home")


class EventReader:
    """Reads events for one extraction run."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.d = run.d
        self.events: list[Event] = []
        self.n_ev = 0
        self.inst_keys = {e.key for e in run.insts}
        self.off_keys = {e.key for e in run.offs}
        self._sent_dates: dict[int, object] = {}
        self.story_date = None
        self.trig_by_sent: dict[int, list[int]] = {}
        # one pass of the date pattern over the text; sentences without a hit skip the resolver
        self._date_sents = (
            {self.d.sent_of[self._tok_of(m.start())] for m in _DATE_HINT.finditer(self.d.norm)}
            if self.d.sents
            else set()
        )
        self._dates_cache: dict[int, list] = {}
        self._acts_cache: dict[int, list] = {}
        self._no_site: set[str] = set()  # events whose site must not be filled from the sentence
        self._each_meeting: set[str] = set()  # "held meetings with X and with Y": kept apart
        self._top_cache: dict[int, tuple] = {}
        self._pending: dict[int, list[Participant]] = {}  # "accompanied by" before its visit
        self._companions: list[Participant] = []  # the guide of an unnamed group's tour
        self._another_document: set[str] = set()  # "also signed ...": kept apart from the last

    def key(self) -> str:
        self.n_ev += 1
        return f"event:{self.n_ev}"

    def read(self) -> list[Event]:
        d = self.d
        if not d.sents:
            return []
        todo = []
        taken: set[int] = set()
        for a, (b, payload) in sorted(d.spans[EVENT].items()):
            if a in taken:
                continue
            etype, frame = payload.split(SEP)
            todo.append((a, b, etype, frame))
            taken.update(range(a, b))
            self.trig_by_sent.setdefault(d.sent_of[a], []).append(a)
        for a, b in self._spoke_with_after_time(taken):
            todo.append((a, b, "Talk", "talk"))
            taken.update(range(a, b))
            self.trig_by_sent.setdefault(d.sent_of[a], []).append(a)
        for a, b in self._given_briefings(taken):
            todo.append((a, b, "Briefing", "brief_given"))
            taken.update(range(a, b))
            self.trig_by_sent.setdefault(d.sent_of[a], []).append(a)
        todo.sort()
        skip: dict[tuple[int, bool], int | None] = {}
        for a, b, etype, frame in todo:
            si = d.sent_of[a]
            # a trigger inside a "that"/"which" clause is dated by that clause too
            inner = self._in_clause(si, a)
            if (si, inner) not in skip:
                skip[si, inner] = (
                    0
                    if self._historical(si, keep_clauses=inner)
                    else self._vague_plan(si, keep_clauses=inner)
                )
            v = skip[si, inner]
            if v is not None and frame != "speech":
                # a plan is no event (saying so is a statement); a plan inside reported
                # speech does not make the event before the speech verb a plan
                if v == 0 or not any(
                    a < t < v and d.spans[EVENT][t][1].endswith(SEP + "speech")
                    for t in self.trig_by_sent.get(si, [])
                ):
                    continue
            handler = getattr(self, "_" + frame, None)
            if handler is not None:
                handler(a, b, etype, si)
        self._resolve_anaphora()
        self._merge_commemorations()
        self._subsume_visits()
        self._sites_from_sentence()
        self._merge_meetings()
        self._merge_statements()
        self._merge_visits()
        self._merge_signings()
        self._country_of_city_visits()
        self._arrival_in_visited_country()
        self._drop_unanchored_visits()
        for e in self.events:
            if e.type == "Visit":
                # the visitor, resolved late from "her", also came in as "the minister"
                # accompanied by someone: one role per participant, the first
                seen: set[str] = set()
                e.participants = [
                    p for p in e.participants if not (p.ref in seen or seen.add(p.ref))
                ]
        return [e for e in self.events if e.participants or e.site or e.type == "Commemoration"]

    def _spoke_with_after_time(self, taken: set[int]) -> list[tuple[int, int]]:
        """'A spoke today, November 2, with B', 'A spoke on Monday by phone with B': a time
        phrase between the verb and its 'with' keeps it a call."""
        d = self.d
        out = []
        for a, w in enumerate(d.lower):
            if w not in ("spoke", "speaks", "talked") or a in taken:
                continue
            _, se = d.sents[d.sent_of[a]]
            timed = False
            for j in range(a + 1, min(a + 10, se)):
                lj = d.lower[j]
                if lj == "with":
                    if timed:
                        out.append((a, j + 1))
                    break
                if lj in _TIME_WORDS or lj in _dates.WEEKDAYS or lj in _dates.MONTHS:
                    timed = True
                elif not (lj in (",", "on", "the", "by", "phone", "telephone") or lj.isdigit()):
                    break
        return out

    def _given_briefings(self, taken: set[int]) -> list[tuple[int, int]]:
        """'B gave Minister A a presentation', 'gave the minister a briefing': the recipients
        stand between the verb and its object; the span runs from the verb to the object."""
        d = self.d
        out = []
        for a, w in enumerate(d.lower):
            if w not in _GIVE or a in taken:
                continue
            _, se = d.sents[d.sent_of[a]]
            for j in range(a + 2, min(a + 14, se - 1)):
                lj = d.lower[j]
                if lj in ("a", "an") and d.lower[j + 1] in _BRIEF_OBJECTS:
                    if not any(t in taken for t in range(a, j + 2)):
                        out.append((a, j + 2))
                    break
                if lj in (".", ";", ":") or lj in _GIVE or (lj == "," and j == a + 1):
                    break
        return out

    def _country_of_city_visits(self) -> None:
        """'X arrived in <city> on an official visit', the city's country unknown: the country
        of the hosts who welcome the guest, when it is not the guest's own and the text names
        it."""
        run = self.run
        country_of = {o.key: o.country for o in run.offs}
        named = {p.name: p for p in run.places.values() if p.kind == "country"}
        for e in self.events:
            if e.type != "Visit" or e.site or e.place is None:
                continue
            if any(p.role == "visited" for p in e.participants):
                continue
            si = self._sent(e)
            a, b = self.d.sents[si]
            if "official" not in self.d.lower[a:b] and "working" not in self.d.lower[a:b]:
                continue  # only an official/working visit is a visit to the country
            own = {country_of.get(p.ref) for p in e.participants if p.role == "visitor"}
            hosts = {
                country_of.get(p.ref)
                for p in e.participants
                if p.role == "host" and country_of.get(p.ref)
            } - own
            if len(hosts) != 1:
                continue
            (c,) = hosts
            if c not in named:
                continue
            ev = e.evidence
            e.participants.append(Participant(named[c].key, "visited", ev))

    def _arrival_in_visited_country(self) -> None:
        """'X, who is in Veldonia on an official visit, ...' and later 'X arrived in
        <city> on Wednesday': the arrival in a city of unknown country is the start of the
        country visit by the same visitor; that visit takes the arrival day."""
        visits = [e for e in self.events if e.type == "Visit" and not e.site]
        countries = [
            e
            for e in visits
            if any(p.role == "visited" and p.ref.startswith("place:") for p in e.participants)
        ]
        drop: set[str] = set()
        for e in visits:
            if (
                e in countries
                or e.place is None
                or any(p.role == "visited" for p in e.participants)
            ):
                continue
            mine = {p.ref for p in e.participants if p.role == "visitor"}
            target = next(
                (
                    c
                    for c in countries
                    if mine & {p.ref for p in c.participants if p.role == "visitor"}
                ),
                None,
            )
            if target is None:
                continue
            have = {p.ref for p in target.participants}
            target.participants += [p for p in e.participants if p.ref not in have]
            if e.date is not None and (target.date is None or e.date < target.date):
                target.date = e.date
            drop.add(e.key)
        self.events = [e for e in self.events if e.key not in drop]

    def _drop_unanchored_visits(self) -> None:
        """A visit with neither a named visitor nor a site says nothing ("the attachés arrived
        in Shusha"); a bare arrival in a city beside a visit to a site is that visit."""
        out = []
        for e in self.events:
            if e.type == "Visit" and not e.site:
                visitors = {p.ref for p in e.participants if p.role == "visitor"}
                if not visitors and not any(
                    p.role == "visited" and not p.ref.startswith("place:") for p in e.participants
                ):
                    continue
                visited = [p for p in e.participants if p.role == "visited"]
                if not visited and any(
                    o is not e
                    and o.type == "Visit"
                    and o.site
                    and visitors & {p.ref for p in o.participants if p.role == "visitor"}
                    for o in self.events
                ):
                    continue
            out.append(e)
        self.events = out

    # ------------------------------------------------------------------ dates
    def _sent_date_hits(self, si: int) -> list:
        if si not in self._date_sents:
            return []
        hits = self._dates_cache.get(si)
        if hits is None:
            a, b = self.d.sent_chars[si]
            hits = list(_dates.find_dates(self.d.norm, a, b, self.run.article.date))
            self._dates_cache[si] = hits
        return hits

    def _explicit_date(self, si: int):
        if si in self._sent_dates:
            return self._sent_dates[si]
        a, b = self.d.sent_chars[si]
        found = None
        for s, _e, dt_, kind in self._sent_date_hits(si):
            if kind in ("day", "relative") and dt_ is not None:
                if kind == "relative" and self._in_quote(s, a, b):
                    continue  # "today" inside a quotation is the speech's day
                found = dt_
                break
        self._sent_dates[si] = found
        return found

    def _also_date(self, si: int):
        """'Tomorrow, 19 May, the minister will visit X. He will also tour Y.': the second stop
        of a dated programme takes the day of the sentence before."""
        if si <= 0:
            return None
        a, b = self.d.sent_chars[si]
        if not _WILL_ALSO.search(self.d.norm, a, b):
            return None
        pa, pb = self.d.sent_chars[si - 1]
        if not re.search(r"\bwill\b", self.d.norm[pa:pb]):
            return None
        found = self._explicit_date(si - 1)
        ref = self.run.article.date
        if found is None or ref is None or found < ref:
            return None
        return found

    def _nearest_date(self, si: int, at: int):
        """Of several day references in one sentence ("will take over on 1 November, after
        the ministers spoke on Wednesday"), the one nearest the trigger dates its event."""
        a, b = self.d.sent_chars[si]
        pos = self.d.starts[at]
        best = None
        hits = self._sent_date_hits(si)
        for s, e, dt_, kind in hits:
            if kind not in ("day", "relative") or dt_ is None:
                continue
            if kind == "relative" and self._in_quote(s, a, b):
                continue
            if kind == "relative" and any(
                k2 == "day" and e <= s2 <= e + 3 for s2, _, _, k2 in hits
            ):
                continue  # "on Sunday, 7 April": the full date says which Sunday
            dist = s - pos if s >= pos else pos - e
            if best is None or dist < best[0]:
                best = (dist, dt_)
        return best[1] if best else None

    def _in_quote(self, pos: int, a: int, b: int) -> bool:
        return self.d.norm.count('"', a, pos) % 2 == 1

    def _date(self, si: int, at: int | None = None):
        found = self._explicit_date(si)
        if found is not None and at is not None:
            found = self._nearest_date(si, at) or found
        if found is None:
            found = self._also_date(si)
            if found is not None:
                return found
        if found is not None:
            if self.story_date is None:
                self.story_date = found
            return found
        return self.story_date or self.run.article.date

    def _in_clause(self, si: int, t: int) -> bool:
        a, b = self.d.sent_chars[si]
        pos = self.d.starts[t]
        return any(m.start() <= pos < m.end() for m in _REL_CLAUSE.finditer(self.d.norm, a, b))

    def _historical(self, si: int, keep_clauses: bool = False) -> bool:
        a, b = self.d.sent_chars[si]
        ref = self.run.article.date
        # a date inside a relative clause ("the hall, which was restored last year") dates the
        # thing described, not the event of the sentence
        rel = (
            []
            if keep_clauses
            else [
                (m.start(), m.end())
                for rx in (_REL_CLAUSE_APPOS, _APPOS_PAST, _TRIBUTE_OF)
                for m in rx.finditer(self.d.norm, a, b)
            ]
        )
        for s, e, _dt, kind in self._sent_date_hits(si):
            if any(x <= s < y for x, y in rel):
                continue
            if kind in ("year", "month"):
                m = re.search(r"\d{4}", self.d.norm[s:e])
                if m and ref is not None and int(m.group()) < ref.year:
                    return True
                if m and ref is None and int(m.group()) < 2000:
                    return True
        low = self.d.norm[a:b]
        merged: list[list[int]] = []
        for x, y in sorted(rel):  # two clause patterns may overlap
            if merged and x <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], y)
            else:
                merged.append([x, y])
        for x, y in reversed(merged):
            low = low[: x - a] + low[y - a :]
        low = low.lower()
        return "last year" in low or "years ago" in low and '"' not in low

    def _vague_plan(self, si: int, keep_clauses: bool = True) -> int | None:
        """'expected to visit ... later this week': a plan without a date is no event.
        Returns the token where the plan phrase starts (None: no plan)."""
        a, b = self.d.sent_chars[si]
        # "briefed him on the piers, which are due to be finished in 2026": the plan of the
        # thing described, not of the sentence's own event
        rel = (
            []
            if keep_clauses
            else [(m.start(), m.end()) for m in _WHICH_CLAUSE.finditer(self.d.norm, a, b)]
        )
        m = next(
            (
                m
                for m in _vague().finditer(self.d.norm, a, b)
                if not any(x <= m.start() < y for x, y in rel)
                # "briefed them on ... the plans to enlarge the unit": the noun "plans" after a
                # determiner is a topic, no plan of the sentence's own event
                if not _PLAN_NOUN.search(self.d.norm, max(a, m.start() - 12), m.end())
            ),
            None,
        )
        if not m or self._explicit_date(si) is not None:
            return None
        if _WILL_ALSO.match(self.d.norm, m.start()) and self._also_date(si) is not None:
            if not any(
                not _WILL_ALSO.match(self.d.norm, x.start())
                for x in _vague().finditer(self.d.norm, a, b)
            ):
                return None
        return max(1, self._tok_of(m.start()))

    # ------------------------------------------------------------------ argument finding
    def _acts(self, si: int) -> list[Actor]:
        acts = self._acts_cache.get(si)
        if acts is None:
            acts = sorted(self.run.actors[si], key=lambda a: (a.start, -a.end))
            self._acts_cache[si] = acts
        return acts

    def _top(self, acts: list[Actor]) -> list[Actor]:
        """Drop actors nested inside a longer person/delegation actor."""
        key = id(acts)
        hit = self._top_cache.get(key)
        if hit is not None and hit[0] is acts:
            return hit[1]
        out = self._top_uncached(acts)
        self._top_cache[key] = (acts, out)
        return out

    def _top_uncached(self, acts: list[Actor]) -> list[Actor]:
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

    def _prev_trigger(self, si: int, t: int) -> int | None:
        prev = [x for x in self.trig_by_sent.get(si, []) if x < t]
        return prev[-1] if prev else None

    def _subject(self, si: int, t: int, kinds=SUBJECT_ROLES, depth: int = 0) -> list[Actor]:
        d = self.d
        sa, _ = d.sents[si]
        k = t - 1
        while k > sa and d.lower[k] in (
            "also",
            "then",
            "later",
            "further",
            "has",
            "have",
            "had",
            "is",
            "was",
            "were",
            "are",
            "will",
            "would",
            "today",
            "yesterday",
            "once",
            "again",
            "subsequently",
            "jointly",
            "briefly",
            "first",
        ):
            k -= 1
        j = self._who_clause_before(sa, k)
        if j is not None:
            # "A and B, who is on a visit to X, signed ...": the subject stands before the clause
            t, k = j, j - 1
        acts = [a for a in self._top(self._acts(si)) if a.end <= t and a.kind in kinds]
        if "off" in kinds and not any(a.start <= k < a.end for a in self._acts(si)):
            role = self._role_anaphor(si, k)
            if role is not None:
                return [role]
            if "visiting" in kinds and self._demonym_guest(sa, k):
                from .extractor import Actor

                return [Actor(k - 2, k + 1, "visiting")]  # "the Ostrian guest travelled"
        if d.lower[k] in ("who", "which"):
            # relative clause: the subject is the phrase before ", who"
            before = [a for a in acts if a.end <= k]
            if before:
                return [before[-1]]
        if d.lower[k] == "and" and depth < 3:
            pt = self._prev_trigger(si, t)
            if pt is not None:
                return self._subject(si, pt, kinds, depth + 1)
        if not acts:
            return []
        for a in reversed(acts):
            prev = d.lower[a.start - 1] if a.start > 0 else ""
            if prev in PREPOSITIONS or self._in_appositive_post(a, acts):
                continue
            group = [a]
            cur = a
            listed = False
            for b in reversed(acts):
                if b.end > cur.start:
                    continue
                if self._joined(b.end, cur.start, strict=True):
                    listed = True
                elif not (listed and self._joined(b.end, cur.start)):
                    # "A, B and C laid wreaths": commas only before the "and" of a list
                    continue
                group.insert(0, b)
                cur = b
            return group
        return []

    def _in_appositive_post(self, a: Actor, acts: list[Actor]) -> bool:
        """'Colonel X, head of the department of the Operations Centre, briefed ...': the
        body closing the post set off by commas after an official is not the subject."""
        low = self.d.lower
        if a.kind != "inst" or a.end >= len(low) or low[a.end] != ",":
            return False
        before = [o for o in acts if o.end <= a.start]
        if not before or before[-1].kind != "off":
            return False
        off = before[-1]
        return low[off.start : a.start].count(",") == 1 and low[a.start - 2 : a.start] == [
            "of",
            "the",
        ]

    def _who_clause_before(self, sa: int, k: int) -> int | None:
        """The comma opening ', who/which ...,' when that clause ends at token k (its closing
        comma), else None."""
        low = self.d.lower
        if k <= sa or low[k] != ",":
            return None
        for j in range(k - 1, max(sa, k - 20), -1):
            if low[j] in (",", ";", ".", '"'):
                return j if j + 1 < k and low[j + 1] in ("who", "which") else None
        return None

    def _demonym_guest(self, sa: int, k: int) -> bool:
        """'the Norwegian guest(s)' ending at k: the visiting side named by its country."""
        if k < sa + 2 or self.d.lower[k] not in ("guest", "guests") or self.d.lower[k - 2] != "the":
            return False
        dm = self.run.r.demonym_at(k - 1)
        return dm is not None and dm[0] == k

    def _role_anaphor(self, si: int, k: int) -> Actor | None:
        """'the general said', 'The Veldonian minister said', 'the new commandant will lay a
        wreath': a lower-case role word naming an official of the text, resolved to the one
        mentioned last whose rank or post has that word (and whose country the demonym
        names)."""
        from .extractor import Actor

        d = self.d
        sa = d.sents[si][0]
        w = d.lower[k]
        if k <= sa or d.cap[k] or not w.isalpha() or w not in self._role_words():
            return None
        j = k - 1
        country = None
        while j >= sa and j >= k - 3 and d.lower[j] != "the":
            dm = self.run.r.demonym_at(j)
            if dm is not None and dm[0] == j + 1:
                country = dm[1]
            elif d.cap[j] or not d.lower[j].isalpha():
                return None
            j -= 1
        if j < sa or d.lower[j] != "the":
            return None
        start = d.starts[j]
        best = None
        for o in self.run.offs:
            if country and o.country != country:
                continue
            words = set((o.rank or "").lower().split())
            for title, *_ in o.posts:
                words |= set(title.lower().split())
            last = max(
                (m.start for m in o.mentions if m.start < start),
                default=None,
            )
            if last is None:
                continue
            fits = w in words
            if not fits and not (country and w in ("minister", "official", "envoy")):
                continue
            rank_ = (fits, last)
            if best is None or rank_ > best[0]:
                best = (rank_, o)
        if best is None:
            return None
        if country and not best[0][0]:
            # only the demonym fits: it must single out one official
            if sum(1 for o in self.run.offs if o.country == country) != 1:
                return None
        return Actor(j, k + 1, "off", best[1].key)

    def _role_anaphor_in(self, si: int, a: int) -> bool:
        """Some 'the minister' in the sentence names an official already met."""
        sa, sb = self.d.sents[si]
        return any(self._role_anaphor(si, k) is not None for k in range(sa + 1, sb))

    def _role_words(self) -> frozenset[str]:
        rw = getattr(self, "_rw", None)
        if rw is None:
            words: set[str] = set()
            for o in self.run.offs:
                words |= set((o.rank or "").lower().split())
                for title, *_ in o.posts:
                    words |= {x for x in title.lower().split() if x not in PREPOSITIONS}
            words |= {"minister", "official", "envoy"}
            rw = self._rw = frozenset(
                x for x in words if x.isalpha() and x not in ("the", "and", "first", "deputy")
            )
        return rw

    def _joined(self, a: int, b: int, strict: bool = False) -> bool:
        for x in range(max(a, b - 3), b):
            dm = self.run.r.demonym_at(x)
            if dm is not None and dm[0] == b:
                b = x  # "A and Dravian Minister B": the demonym left out of B's mention
                break
        between = [w for w in self.d.lower[a:b] if not w.isspace()]
        if between in (
            ["and"],
            [",", "and"],
            ["and", "the"],
            [",", "and", "the"],
            ["and", "his"],
            ["and", "her"],
            ["and", "by"],
            [",", "and", "by"],
        ):
            return True
        return not strict and between in ([","], [",", "the"])

    def _objects(
        self,
        si: int,
        b: int,
        kinds=("off", "inst", "deleg", "visiting", "pair"),
        stop_at_trigger: bool = True,
        first_only: bool = False,
        window: int = 10**6,
    ) -> list[Actor]:
        d = self.d
        _, sb = d.sents[si]
        limit = sb
        if stop_at_trigger:
            for k in self.trig_by_sent.get(si, []):
                if k >= b:
                    hit = d.spans[EVENT].get(k)
                    if hit and hit[1].split(SEP)[1] not in (
                        "meet_noun",
                        "visit_noun",
                        "visit_on",
                        "ceremony",
                    ):
                        limit = min(limit, k)
                        break
        in_reach = [
            a for a in self._top(self._acts(si)) if b <= a.start < limit and a.kind in kinds
        ]
        acts = [a for a in in_reach if a.start < b + window]
        if first_only and acts:
            group = [acts[0]]
            last = acts[0]
            # the window bounds the first object; "A and B" goes on past it ("took place today
            # between President A and Chancellor B")
            more = [a for a in in_reach if a.start >= b + window]
            for a in acts[1:] + more:
                if a.start < last.end:
                    # overlapping forms of one mention ("the President" / "President of X
                    # Ivan Petrak"): the group goes on from the longer one
                    if a.ref != last.ref:
                        group.append(a)
                    if a.end > last.end:
                        last = a
                    continue
                if self._joined(last.end, a.start):
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
            elif a.kind == "home":
                if self.run.home_country:
                    out.append(Participant(self.run.place_key(self.run.home_country), role, ev))
            elif a.kind == "visiting" and self._named_body_before(a.start) is not None:
                # "a LANDCOM delegation": the body named in front of it
                out.append(Participant(self._named_body_before(a.start), role, ev))
            elif a.kind in ("visiting", "hosting", "pair", "pronoun"):
                out.append(Participant(f"?{a.kind}@{a.start}", role, ev))
        return out

    def _named_body_before(self, k: int) -> str | None:
        if k < 1 or self.d.lower[k] not in ("delegation", "delegations"):
            return None
        w = self.d.words[k - 1]
        if not w[:1].isupper():
            return None
        for e in self.run.insts:
            if not e.implicit_only and (w == e.name or w in e.aliases):
                return e.key
        return None

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
        s_a, s_b = self.d.sents[si]
        lo = max(min(starts), s_a)
        hi = min(max(ends), s_b)
        evd = self.run.ev(lo, max(hi, lo + 1), rule, conf)
        e = Event(
            self.key(),
            etype,
            parts,
            site=site,
            place=place,
            date=self._date(si, a),
            quote=quote,
            evidence=evd,
        )
        pending = self._pending.pop(si, None)
        if self._companions and etype == "Visit":
            # a stop of a guided tour where only the unnamed group goes: the guide goes too
            if not any(
                p.ref in self.off_keys for p in parts if p.role in ("visitor", "participant")
            ):
                pending = (pending or []) + self._companions
        if pending and etype in ("Visit", "Commemoration"):
            have = {p.ref for p in e.participants}
            e.participants += [p for p in pending if p.ref not in have]
        self.events.append(e)
        return e

    def _tok_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.d.starts, char) - 1)

    def _sent(self, e: Event) -> int:
        return self.d.sent_of[self._tok_of(e.evidence.start)] if e.evidence else -1

    def _last(self, types: tuple[str, ...], si: int | None = None) -> Event | None:
        for e in reversed(self.events):
            if e.type in types and (si is None or self._sent(e) <= si):
                return e
        return None

    # ------------------------------------------------------------------ meetings
    def _meet(self, a: int, b: int, etype: str, si: int) -> None:
        subj = self._subject(si, a)
        obj = self._objects(si, b, first_only=True, window=12)
        j = obj[0].start - 1 if obj else 0
        if obj and self.d.lower[j] == "the":
            j -= 1
        if obj and self.d.lower[j] in ("at", "in"):
            # "held talks at the Defence Ministry with State Secretary X": where, not whom
            with_ = [
                x
                for x in self._objects(si, obj[-1].end, first_only=True, window=4)
                if self.d.lower[x.start - 1] == "with"
            ]
            # "held bilateral talks at the Ministry of Defence": the place, no guest
            obj = with_ if with_ or len(subj) >= 2 else obj
        if not obj and len(subj) >= 2:
            parts = self._parts(subj, "participant", "meeting-plural", 0.8)
        elif obj:
            if subj and subj[0].kind == "pair":
                parts = self._parts(subj, "participant", "meeting-pair", 0.8)
            else:
                parts = self._parts(subj, "host", "meeting-subject", 0.85)
            parts += self._parts(obj, "guest", "meeting-object", 0.85)
        elif subj and subj[0].kind == "pair":
            parts = self._parts(subj, "participant", "meeting-pair", 0.75)
        else:
            return
        first = self._new("Meeting", si, a, b, parts, "meeting", 0.85)
        if obj and "meetings" in self.d.lower[a:b]:
            # "held bilateral meetings with X, ..., and with Y": one meeting per partner
            k, end = obj[-1].end, self.d.sents[si][1]
            while k < end - 1:
                if self.d.lower[k] == "with" and self.d.lower[k - 1] in ("and", ","):
                    more = self._objects(si, k + 1, first_only=True, window=4)
                    if more:
                        host = self._parts(subj, "host", "meeting-subject", 0.85)
                        more_parts = self._parts(more, "guest", "meeting-object", 0.8)
                        e = self._new("Meeting", si, a, b, host + more_parts, "meeting", 0.8)
                        self._each_meeting.update((first.key, e.key))
                        k = more[-1].end
                        continue
                k += 1

    def _call_on(self, a: int, b: int, etype: str, si: int) -> None:
        """'Rear Admiral X called on Admiral Y at the Naval Staff': a courtesy call, a meeting
        of X (guest) with Y (host); not an appeal ('called on the allies to ...', 'calls on Minister
        Y to resign')."""
        d = self.d
        obj = self._objects(si, b, first_only=True, window=3)
        if not obj or obj[0].kind != "off":
            return
        end = obj[-1].end
        while end < d.sents[si][1] and d.lower[end] == ",":
            # "called on Admiral Y, the Chief of the Naval Staff, to ...": past the post
            end = next((k for k in range(end + 1, d.sents[si][1]) if d.lower[k] == ","), end)
            end += 1
        if end < len(d.lower) and d.lower[end] == "to":
            return
        subj = self._subject(si, a)
        if not subj:
            return
        parts = self._parts(subj, "guest", "call-on-subject", 0.8) + self._parts(
            obj, "host", "call-on-object", 0.8
        )
        self._new("Meeting", si, a, b, parts, "call-on", 0.8)

    def _receive(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        if a > 0 and d.lower[a - 1] in ("the", "its", "their", "our", "his", "her"):
            return  # "told the hosts about ...": a noun, no reception
        j = a - 1
        while j > 0 and d.lower[j] in ("then", "also", "later", "warmly", "first", "officially"):
            j -= 1
        if d.lower[j] in ("was", "were", "being", "been", "be") if a > 0 else False:
            # "was received at the Ministry by Defense Minister X"
            for k in range(b, min(b + 12, d.sents[si][1])):
                if d.lower[k] == "by":
                    self._received_by(a, k + 1, etype, si)
                    return
            if (
                d.lower[b] == "at"
                and d.lower[a] == "received"
                and not any(
                    d.spans[EVENT][t][1].split(SEP)[0] == "Meeting"
                    for t in self.trig_by_sent.get(si, [])
                    if t > a
                )
                and not self._meeting_opens(si + 1)
            ):
                # "the delegation was received at the Naval Academy": a visit there (unless
                # the sentence goes on with the meeting held there)
                self._visit(a, b, "Visit", si)
            return
        obj = self._objects(si, b, first_only=True, window=9)
        if not obj or any(w in ("of", "between") for w in d.lower[b : obj[0].start]):
            # "welcomed the exchange of information between the two navies": the body or
            # people belong to the thing welcomed, nobody is received
            return
        subj = self._subject(si, a)
        if not subj:
            return
        parts = self._parts(subj, "host", "receive-subject", 0.8) + self._parts(
            obj, "guest", "receive-object", 0.8
        )
        self._new("Meeting", si, a, b, parts, "receive", 0.8)

    def _summoned(self, a: int, b: int, etype: str, si: int) -> None:
        """'the chargé d'affaires X was summoned to the Ministry. Director Y handed him a
        note of protest': a meeting of X (guest) with Y (host) when the next sentence says
        who handed the note; with X alone otherwise."""
        subj = self._subject(si, a)
        if not subj:
            return
        d = self.d
        parts = self._parts(subj, "guest", "summoned-subject", 0.8)
        if si + 1 < len(d.sents):
            sa, sb = d.sents[si + 1]
            k = next(
                (x for x in range(sa, sb) if d.lower[x] in ("handed", "delivered", "presented")),
                -1,
            )
            if k > sa:
                host = self._subject(si + 1, k)
                if host:
                    parts += self._parts(host, "host", "summoned-host", 0.75)
        self._new("Meeting", si, a, b, parts, "summoned", 0.75)

    def _received_by(self, a: int, b: int, etype: str, si: int) -> None:
        obj = self._objects(si, b, first_only=True, window=8)
        subj = self._subject(si, a)
        if not obj:
            return
        d = self.d
        sa, sb = d.sents[si]
        visit = None
        arrival = self._on_arrival(sa, a)
        if "received" not in d.lower[a:b]:
            # "was welcomed/greeted/met by X" on arrival: X hosts the visit
            visit = next(
                (e for e in reversed(self.events) if e.type == "Visit" and self._sent(e) == si),
                None,
            )
            last = self._last(("Visit",), si)
            if visit is None and last is not None and self._sent(last) >= si - 2:
                visitors = {p.ref for p in last.participants if p.role == "visitor"}
                subj_refs = {r for x in subj for r in ([x.ref] if x.ref else x.extra)}
                if (
                    any(w in _ARRIVAL for w in d.lower[sa:a])
                    or any(s.kind in ("visiting", "pronoun", "pair") for s in subj)
                    or (subj_refs and subj_refs <= visitors)
                ) and self._last(("Visit", "Meeting", "Talk"), si) is last:
                    # "At the airfield the guest was met by X", "At the base the ministers
                    # were welcomed by Y": a welcome during the visit told just before
                    visit = last
        else:
            # "visited the base, where he was received by its commander"; "... toured the
            # base. There he was received by ...": the commander hosts that visit
            visit = next(
                (
                    e
                    for e in reversed(self.events)
                    if e.type == "Visit" and e.site and self._sent(e) == si
                ),
                None,
            )
            if visit is None and d.lower[sa] in ("there", "here"):
                visit = self._last(("Visit",), si)
                if visit is not None and (not visit.site or self._sent(visit) < si - 1):
                    visit = None
            if visit is None and arrival:
                # "Upon her arrival, the minister was received by X": the welcome of the
                # visit told just before (or, below, of one told only here)
                visit = self._arrival_visit(si)
        if visit is not None:
            visit.participants += self._parts(obj, "host", "welcomed-by", 0.75)
            return
        if not subj:
            return
        if arrival:
            self._arrival_welcome(subj, obj, si, a, b)
            return
        parts = self._parts(subj, "guest", "received-by-subject", 0.8) + self._parts(
            obj, "host", "received-by-object", 0.8
        )
        self._new("Meeting", si, a, b, parts, "received-by", 0.8)

    def _on_arrival(self, sa: int, a: int) -> bool:
        """'Upon her arrival, ...', 'On arriving at the base, ...' before the verb at a: the
        welcome is timed by an arrival (not 'a delegation, who arrived on a visit, was
        received by ...', the sit-down with the host)."""
        low = self.d.lower
        for j in range(sa + 1, a):
            if low[j] not in _ARRIVAL:
                continue
            k = j - 1 if low[j] == "arriving" else j - 1 - (low[j - 1] in _ARRIVAL_OWNERS)
            if k >= sa and low[k] in ("on", "upon", "after"):
                return True
        return False

    def _arrival_visit(self, si: int) -> Event | None:
        """The visit told in this sentence or the two before that a welcome on arrival
        belongs to (none when a meeting or call was told since)."""
        last = self._last(("Visit",), si)
        if last is None or self._sent(last) < si - 2:
            return None
        return last if self._last(("Visit", "Meeting", "Talk"), si) is last else None

    def _arrival_welcome(
        self, subj: list[Actor], obj: list[Actor], si: int, a: int, b: int
    ) -> None:
        """'On arrival, the minister was received by General X' with no visit told before:
        the arrival opens the visit, X its host; the visited country is the host's when it
        is not the guest's own and the text names it."""
        parts = self._parts(subj, "visitor", "arrival-subject", 0.75) + self._parts(
            obj, "host", "arrival-host", 0.75
        )
        e = self._new("Visit", si, a, b, parts, "arrival-welcome", 0.75)
        run = self.run
        country_of = {o.key: o.country for o in run.offs}
        own = {country_of.get(p.ref) for p in parts if p.role == "visitor"}
        hosts = {country_of.get(p.ref) for p in parts if p.role == "host"} - own - {None}
        named = {p.name: p for p in run.places.values() if p.kind == "country"}
        country = next(iter(hosts)) if len(hosts) == 1 else None
        if country in named:
            e.participants.append(Participant(named[country].key, "visited", e.evidence))

    def _meeting_opens(self, si: int) -> bool:
        """The sentence after 'was received at X' goes on with the meeting held there
        ("Minister Y welcomed the guests")."""
        if si >= len(self.d.sents):
            return False
        return any(
            self.d.spans[EVENT][t][1].split(SEP)[1] in ("meet", "receive", "meet_noun")
            for t in self.trig_by_sent.get(si, [])
        )

    def _event_noun_type(self, si: int, a: int, default: str) -> str:
        d = self.d
        sa, _ = d.sents[si]
        for k in range(a - 1, sa - 1, -1):
            w = d.lower[k]
            if w in ("ceremony", "parade", "ceremonies", "event", "celebration", "funeral"):
                return "Ceremony"
            if w in MEETING_NOUNS:
                return "Meeting"
            if w in ("visit", "trip", "tour"):
                return "Visit"
        return default

    def _attended_by(self, a: int, b: int, etype: str, si: int) -> None:
        obj = self._objects(si, b, first_only=True, stop_at_trigger=False)
        if not obj:
            return
        want = self._event_noun_type(si, a, etype)
        parts = self._parts(obj, "attendee", "attended-by", 0.8)
        target = self._last((want,), si)
        if target is not None:
            target.participants.extend(parts)
            return
        self._new(want, si, a, b, parts, "attended-by", 0.75)

    def _part_in(self, a: int, b: int, etype: str, si: int) -> None:
        subj = self._subject(si, a)
        if not subj:
            return
        parts = self._parts(subj, "attendee", "took-part", 0.8)
        if etype == "Talk" or self.d.lower[b - 1] == "conversation":
            # "who joined the call", "also took part in the conversation": the call or
            # conversation told before, whichever it was
            target = self._last(("Talk", "Meeting"), si)
            if target is not None:
                have = {p.ref for p in target.participants}
                target.participants += [p for p in parts if p.ref not in have]
            return
        target = self._last(("Meeting",), si)
        if target is not None:
            target.participants.extend(parts)
            return
        self._new("Meeting", si, a, b, parts, "took-part", 0.75)

    def _accompanied_by(self, a: int, b: int, etype: str, si: int) -> None:
        obj = self._objects(si, b, first_only=True, stop_at_trigger=False, window=8)
        if not obj:
            return
        parts = self._parts(obj, "attendee", "accompanied-by", 0.75)
        subj = self._subject(si, a)
        passive = self.d.lower[a] in _AUX or (
            a > 0 and self.d.lower[a - 1] in ("was", "were", "is", "are", "been")
        )
        named = [
            x
            for x in self._top(self._acts(si))
            if x.kind in ("off", "pronoun", "deleg", "pair")
            and not any(x.ref == o.ref for o in obj)
        ]
        if (
            (subj or not passive)
            and all(x.kind == "visiting" for x in subj)
            and not self._role_anaphor_in(si, a)
            and not named
        ):
            # "23 attachés set off accompanied by Colonel X": X guides the unnamed group
            # through each stop of its tour
            self._companions = parts
        if self._later_trigger(si, a, ("Visit", "Commemoration")):
            # "Accompanied by X, the general toured the base": the visit told after it
            self._pending[si] = self._pending.get(si, []) + parts
            return
        target = self._last(("Visit", "Commemoration", "Meeting"), si)
        if target is not None:
            have = {p.ref for p in target.participants}
            target.participants += [p for p in parts if p.ref not in have]

    def _later_trigger(self, si: int, a: int, types: tuple[str, ...]) -> bool:
        return any(
            t > a and self.d.spans[EVENT][t][1].split(SEP)[0] in types
            for t in self.trig_by_sent.get(si, [])
        )

    def _accompany(self, a: int, b: int, etype: str, si: int) -> None:
        """'X accompanied the ambassador throughout the day': X takes part in the visit."""
        subj = self._subject(si, a, kinds=("off", "inst", "deleg"))
        if not subj:
            return
        target = self._last(("Visit",), si)
        if target is None or self._sent(target) < si - 3:
            return
        target.participants += self._parts(subj, "attendee", "accompanied", 0.7)

    def _show(self, a: int, b: int, etype: str, si: int) -> None:
        """'The battalion commander, X, showed the guests the bridging equipment': X hosts
        the visit told before."""
        subj = self._subject(si, a, kinds=("off",))
        if not subj:
            return
        target = self._last(("Visit",), si)
        if target is None or self._sent(target) < si - 2:
            return
        have = {p.ref for p in target.participants}
        target.participants += [
            p for p in self._parts(subj, "host", "showed-guests", 0.7) if p.ref not in have
        ]

    def _meet_noun(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        if d.lower[b - 1] == "conversation":
            # "had a short conversation on Wednesday with X": the partner after a "with"
            # that a time phrase may push back
            k = next(
                (j for j in range(b, min(b + 5, d.sents[si][1])) if d.lower[j] == "with"), None
            )
            if k is None:
                return
            b = k + 1
        obj = self._objects(si, b, first_only=True, window=4)
        if not obj and d.lower[b] in ("was", "were", "is", "will", "took"):
            # "an inter-delegation meeting was held at the Ministry between A and B": the
            # sides after a 'between' that the verb and a place push back
            sb = d.sents[si][1]
            k = next((j for j in range(b, min(b + 14, sb)) if d.lower[j] == "between"), None)
            if k is not None and {"held", "place", "organised", "organized"} & set(d.lower[b:k]):
                obj = self._objects(si, k + 1, first_only=True, window=4)
                b = k + 1
        if d.lower[b - 1] == "between" and all(x.kind == "visiting" for x in obj):
            # "a meeting between the A and B delegations, led by X and Y respectively", "...
            # was led on the A side by X and on the B side by Y": the heads named after 'by'
            sb = d.sents[si][1]
            k = next((j for j in range(b, min(b + 10, sb - 2)) if d.lower[j] == "led"), None)
            if k is not None and any(w in ("delegation", "delegations") for w in d.lower[b:k]):
                heads = [
                    x
                    for j in range(k + 1, sb)
                    if d.lower[j] == "by" and (j == k + 1 or d.lower[j - 1] == "side")
                    for x in self._objects(si, j + 1, first_only=True, window=4)
                ]
                obj = heads or obj
        if not obj:
            # "a short conversation with several counterparts, including Estonia's X"
            for k in range(b, min(b + 8, self.d.sents[si][1])):
                if self.d.lower[k] == "including":
                    obj = self._objects(si, k + 1, first_only=True, window=3)
                    break
        if not obj:
            return
        subj = self._subject(si, a)
        if self.d.lower[b - 1] == "between":
            parts = self._parts(obj, "participant", "meeting-between", 0.75)
        else:
            parts = self._parts(subj, "host", "meeting-noun-subject", 0.75) + self._parts(
                obj, "guest", "meeting-noun-object", 0.75
            )
        self._new("Meeting", si, a, b, parts, "meeting-noun", 0.75)

    def _talk(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        subj = self._subject(si, a)
        obj = self._objects(si, b, first_only=True, window=6)
        trig = set(d.lower[a:b])
        medium = bool(trig & _TALK_MEDIA)
        if not medium and not obj:
            return  # "where he spoke with the medical staff": no call, no named other side
        sa, sb = d.sents[si]
        if not medium and {"sidelines", "margins", "margin"} & set(d.lower[sa:sb]):
            # "On the sidelines of the summit, A spoke with B": a word face to face
            parts = self._parts(subj, "host", "meeting-subject", 0.75)
            parts += self._parts(obj, "guest", "meeting-object", 0.75)
            self._new("Meeting", si, a, b, parts, "meeting-margins", 0.75)
            return
        if len(subj + obj) < 2:
            # "In a phone call on Tuesday, A had raised the damage with B"
            later = [
                x
                for x in self._top(self._acts(si))
                if x.start >= b and x.kind == "off" and d.lower[x.start - 1] == "with"
            ]
            obj += [x for x in later[:1] if x not in obj]
        prev = self._last(("Talk",), si)
        definite = a > 0 and d.lower[a - 1] in ("the", "this", "that") or "the" in trig
        if prev is not None and (self._sent(prev) == si or definite):
            # "During the video call Kroll said ...", "In a separate phone call, A spoke with
            # B" (two triggers, one call): the call already read, told on
            acts = subj + obj
            if definite and self._sent(prev) != si:
                acts = [x for x in self._top(self._acts(si)) if x.kind == "off"]
            have = {p.ref for p in prev.participants}
            prev.participants += [
                p for p in self._parts(acts, "participant", "talk", 0.7) if p.ref not in have
            ]
            return
        if not subj and not obj:
            return
        parts = self._parts(subj + obj, "participant", "talk", 0.75)
        self._new("Talk", si, a, b, parts, "talk", 0.75)

    # ------------------------------------------------------------------ visits
    def _visit(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        n = len(d.words)
        k = b
        while k < n and d.lower[k] in ("the", "a", "an", "also"):
            k += 1
        if k < n and d.lower[k] == "by":
            return  # "attended by": another frame
        if (
            d.lower[b - 1] == "attended"
            and k < n
            and (
                d.lower[k] in EVENT_NOUNS
                or (k + 1 < n and d.lower[k + 1] in EVENT_NOUNS)
                or (k + 2 < n and d.lower[k + 2] in EVENT_NOUNS)
            )
        ):
            self._attend_event(a, b, si, k)
            return
        if self._invited(si, a):
            return
        objs = self._objects(si, b, kinds=("site", "inst", "place", "home"))
        # "the barracks built with NATO funding": a body after "with"/"by"/"from" is no object
        objs = [
            o
            for o in objs
            if d.lower[o.start - 1] not in ("with", "by", "from", "using")
            and not self._cited_source(o.start)
        ]
        if not objs:
            return
        subj = self._subject(si, a)
        if not subj and a > 0 and d.lower[a - 1] in ("his", "her", "their"):
            # "Her first stop was the hospital": whose stop
            subj = [self._pronoun_actor(a - 1)]
        if not subj:
            subj = [self._visiting_actor(a)]
        last_site: Event | None = None
        made = False
        prev_o = None
        for o in objs:
            parent = (
                prev_o is not None
                and o.kind == "inst"
                and prev_o.kind in ("inst", "site")
                and d.lower[prev_o.end] == "of"
                and o.start - prev_o.end <= 2
            )
            prev_o = o
            if parent:
                continue  # "the Northern Brigade of the Land Forces": the unit, not its parent
            if o.kind == "site":
                parts = self._parts(subj, "visitor", "visit-subject", 0.8)
                last_site = self._new("Visit", si, a, o.end, parts, "visit-site", 0.8, site=o.ref)
                made = True
            elif o.kind == "inst":
                vis = self._parts([o], "visited", "visit-object", 0.8)
                if last_site is not None:
                    last_site.participants += vis
                    continue
                parts = self._parts(subj, "visitor", "visit-subject", 0.8) + vis
                self._new("Visit", si, a, o.end, parts, "visit-institution", 0.8)
                made = True
            else:
                if d.lower[o.start - 1] == "in" and made:
                    continue  # "visited the Alley of Martyrs in Baku": where the site is
                if made:
                    continue
                self._visit_place(subj, o, a, si, "visit-place", 0.8)
                made = True

    def _visit_place(self, subj, o: Actor, a: int, si: int, rule: str, conf: float) -> None:
        run = self.run
        parts = self._parts(subj, "visitor", rule + "-subject", conf)
        place = None
        if o.kind == "home":
            parts += self._parts([o], "visited", rule + "-object", conf)
            place = parts[-1].ref if parts and parts[-1].role == "visited" else None
        else:
            pl = run.places.get(o.ref)
            if pl is not None and pl.kind == "country":
                parts += self._parts([o], "visited", rule + "-object", conf)
                place = o.ref
            elif pl is not None:
                place = o.ref
                country = run.r.city_country.get(pl.name)
                if country and any(p.name == country for p in run.places.values()):
                    ev = run.ev(o.start, o.end, rule + "-city-country", conf - 0.1)
                    parts.append(Participant(run.place_key(country), "visited", ev))
        self._new("Visit", si, a, o.end, parts, rule, conf, place=place)

    def _visiting_actor(self, a: int) -> Actor:
        from .extractor import Actor

        return Actor(a, a, "visiting")

    def _pronoun_actor(self, a: int) -> Actor:
        from .extractor import Actor

        return Actor(a, a + 1, "pronoun")

    def _invited(self, si: int, a: int) -> bool:
        """'invited the Chancellor to visit Karvenia', 'an invitation to visit': a plan."""
        d = self.d
        sa = d.sents[si][0]
        if a < 1 or d.lower[a - 1] != "to":
            return False
        return any(w.startswith("invit") for w in d.lower[max(sa, a - 10) : a])

    def _visit_noun(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        if self._invited(si, a):
            return
        objs = [
            o
            for o in self._objects(
                si, b, kinds=("place", "inst", "site", "home"), stop_at_trigger=False, window=3
            )
        ]
        if not objs:
            # "arrived at the headquarters of the 3rd Army Corps": the body whose ground it is
            for k in range(b + 1, min(b + 4, d.sents[si][1] - 1)):
                if d.lower[k] == "of" and d.lower[k - 1] in _GROUND_HEADS:
                    objs = self._objects(
                        si, k + 1, kinds=("inst", "site"), stop_at_trigger=False, window=3
                    )
                    break
        if not objs:
            # "the first visit by a Veldonian chief of staff to the United Kingdom"
            for k in range(b, min(b + 12, d.sents[si][1])):
                if d.lower[k] == "to":
                    objs = self._objects(
                        si,
                        k + 1,
                        kinds=("place", "inst", "site", "home"),
                        stop_at_trigger=False,
                        window=3,
                    )
                    if objs:
                        break
        if not objs and d.lower[b - 1] in ("visit", "trip"):
            # "who is in Veldonia on a two-day visit": the place stands before the "on"
            self._visit_on(a, b, etype, si)
            return
        if not objs:
            return
        o = objs[0]
        subj = self._subject(si, a)
        if not subj and b < len(d.words) and d.lower[b] in ("of", "by"):
            # "the visit of Minister X to Veldonia"
            subj = [
                x
                for x in self._top(self._acts(si))
                if b < x.start < o.start and x.kind in ("off", "deleg")
            ][:1]
        if not subj and a - d.sents[si][0] <= 5:
            # "Within the visit to Azerbaijan, NATO delegation also attended ..."
            after = [
                x
                for x in self._top(self._acts(si))
                if x.start >= o.end
                and x.kind in ("off", "inst", "deleg", "visiting")
                and not self._cited_source(x.start)
                and not self._agent_of_participle(x.start)
            ]
            subj = after[:1]
        if not subj:
            subj = [self._visiting_actor(a)]
        if o.kind == "site":
            parts = self._parts(subj, "visitor", "visit-noun-subject", 0.75)
            self._new("Visit", si, a, o.end, parts, "visit-noun", 0.75, site=o.ref)
        elif o.kind == "inst":
            parts = self._parts(subj, "visitor", "visit-noun-subject", 0.75) + self._parts(
                [o], "visited", "visit-noun-object", 0.75
            )
            self._new("Visit", si, a, o.end, parts, "visit-noun", 0.75)
        else:
            self._visit_place(subj, o, a, si, "visit-noun", 0.75)

    def _agent_of_participle(self, k: int) -> bool:
        """'... in accordance with the plan approved by General X': X approved, not visited
        ('led by'/'headed by' name the visitor)."""
        low = self.d.lower
        j = k - 1
        if j > 0 and low[j] == "the":
            j -= 1
        return j > 0 and low[j] == "by" and low[j - 1] not in ("led", "headed")

    def _cited_source(self, k: int) -> bool:
        """'..., Agency reports citing the Ministry of Defense': a source, not an actor."""
        low = self.d.lower
        for j in (k - 1, k - 2):
            if j >= 0 and (
                low[j] in ("citing", "via") or (low[j] == "to" and j and low[j - 1] == "according")
            ):
                return True
            if j >= 0 and low[j] != "the":
                break
        return False

    def _arrive(self, a: int, b: int, etype: str, si: int) -> None:
        self._visit_noun(a, b, etype, si)

    def _visit_on(self, a: int, b: int, etype: str, si: int) -> None:
        """'who is in Azerbaijan on an official visit': the place comes before."""
        d = self.d
        sa, _ = d.sents[si]
        if d.lower[a] != "on":
            # "in Ruritania on a two-day official visit": from the "on"
            on = [j for j in range(max(sa, a - 6), a) if d.lower[j] == "on"]
            if not on:
                return
            a = on[-1]
        acts = [
            x
            for x in self._acts(si)
            if x.kind in ("place", "home")
            and x.end <= a
            and x.end >= a - 2
            and d.lower[x.start - 1] in ("in", "to")
        ]
        if not acts:
            return
        t = acts[-1].start - 1
        if t - 1 > sa and d.lower[t - 1] in _ARRIVAL:
            t -= 1  # "X, who arrived in Y on a visit": the subject of "arrived" (X, not whom X met)
        subj = self._subject(si, t)
        if not subj:
            subj = [self._visiting_actor(a)]
        self._visit_place(subj, acts[-1], a, si, "visit-on", 0.75)

    def _shown(self, a: int, b: int, etype: str, si: int) -> None:
        """'At the Cadet Lyceum, the guests ... were shown the dormitories': a visit to the
        place the sentence is at."""
        d = self.d
        if any(e.type == "Visit" and self._sent(e) == si for e in self.events):
            return
        sa = d.sents[si][0]
        where = [
            x
            for x in self._top(self._acts(si))
            if x.kind in ("site", "inst")
            and x.end <= a
            and (
                d.lower[x.start - 1] == "at"
                or d.lower[x.start - 1] == "the"
                and x.start - 2 >= sa
                and d.lower[x.start - 2] == "at"
            )
        ]
        if not where:
            return
        o = where[0]
        subj = [x for x in self._top(self._acts(si)) if o.end <= x.start < a]
        subj = [x for x in subj if x.kind in ("off", "deleg", "visiting", "pronoun")][:1]
        if not subj:
            subj = [self._visiting_actor(a)]
        parts = self._parts(subj, "visitor", "shown-subject", 0.7)
        if o.kind == "site":
            self._new("Visit", si, a, b, parts, "shown", 0.7, site=o.ref)
        else:
            parts += self._parts([o], "visited", "shown-object", 0.7)
            self._new("Visit", si, a, b, parts, "shown", 0.7)

    def _similar(self, a: int, b: int, etype: str, si: int) -> None:
        """'Similar events were held at the State Service ...': one more of the tributes or
        ceremonies told before, by the bodies named after it."""
        kind = next(
            (e.type for e in reversed(self.events) if e.type in ("Commemoration", "Ceremony")),
            None,
        )
        if kind is None:
            return
        objs = self._objects(si, b, kinds=("inst", "off"), first_only=True, window=4)
        if not objs:
            return
        parts = self._parts(objs, "participant", "similar-events", 0.65)
        self._new(kind, si, a, b, parts, "similar-events", 0.65)

    # ------------------------------------------------------------------ statements
    def _speech(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        k = b
        while k < len(d.words) and d.space[k]:
            k += 1
        if k < len(d.words) and d.cover[k] & BIT[OUTLET]:
            return  # "the Ministry told News.Az": attribution, not a statement
        if d.lower[a - 1] in ("was", "were", "is", "are", "be", "been") if a > 0 else False:
            return  # passive: "was noted", "were expressed"
        if a > 0 and d.lower[a - 1] in ("the", "a", "an", "its", "his", "her", "their"):
            return  # "the proposed plan", "a stated aim": an adjective, not a report
        if a > d.sents[si][0] and d.words[a][:1].isupper():
            return  # "the United States", "the Gulf States": part of a name, not a verb
        subj = self._subject(si, a, kinds=("off", "pronoun", "inst", "pair"))
        subj = [s for s in subj if s.kind in ("off", "pronoun")]
        if not subj:
            after = [x for x in self._top(self._acts(si)) if x.start >= b and x.kind == "off"]
            if after and after[0].start <= b + 4 and "that" not in d.lower[b : after[0].start]:
                # '..., said Minister X' (not '..., adding that Colonel Y agreed')
                subj = after[:1]
        if not subj:
            return
        parts = self._parts(subj[:1], "speaker", "speech-subject", 0.8)
        self._new("Statement", si, a, b, parts, "statement", 0.8, quote=_quote(d, si))

    # ------------------------------------------------------------------ commemorations
    def _commemorate(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        sa, sb = d.sents[si]
        words = set(d.lower[sa:sb])
        acts = self._acts(si)
        sites = [x for x in acts if x.kind == "site"]
        verb = d.lower[_head(d.lower, a, b)]
        if verb in ("paid", "pays", "paying") and not sites and not (words & COMMEMORATION_CONTEXT):
            return  # "paid tribute to those who fell" in a speech
        if "laid" in d.lower[a:b] and not (words & _LAID_THINGS):
            return  # "the foundations were laid", "the stone will be laid": no tribute
        if any(w in _HONOUR for w in d.lower[a:b]) and not (words & MEMORY_WORDS):
            return  # "was honoured with an award": not a tribute
        subj = []
        for k in range(b, min(b + 14, sb)):
            if d.words[k] in (",", ";", ":") or (
                k >= b + 3
                and not d.cap[k]
                and d.lower[k] not in ("by", "the", "of", "to", "at", "on")
            ):
                break  # "by" is read only right after the verb or after its "at <Site>" phrase
            if d.lower[k] == "by":  # "Wreaths were laid (at the Cross of Sacrifice) by A and B"
                subj = self._objects(si, k + 1, kinds=("off", "inst", "deleg"), window=20)
                break
        for k in range(sa, sb - 1):
            if not subj and d.lower[k] == "presence" and d.lower[k + 1] == "of":
                # "a minute of silence was observed in the presence of A"
                subj = self._objects(si, k + 2, kinds=("off", "inst", "deleg"), window=20)
        if not subj and (self._passive(a, b, si) or verb not in _ACTIVE_TRIBUTE):
            # "wreaths were laid", "a minute of silence", "a remembrance service will be held"
            subj = self._agents_of_passive(si, a)
        elif not subj:
            subj = self._subject(si, a) or [self._visiting_actor(a)]
        site = None
        same = next(
            (e for e in reversed(self.events) if e.type == "Commemoration" and self._sent(e) == si),
            None,
        )
        if same is not None and same.site:
            site = same.site  # "A wreath was laid at X, and flowers were laid at ...": one act
        elif sites:
            before = [x for x in sites if x.end <= a]
            # "toured the Museum and laid a wreath at the Tomb": where the wreath went
            at = [
                x
                for x in sites
                if b <= x.start <= b + 4 and any(w in _AT for w in d.lower[b : x.start])
            ]
            if at and before and self._memorial_site(before[-1].ref):
                at = []  # "visited the Alley of Martyrs and laid a wreath at the Eternal
                # Flame monument": a monument inside the memorial visited
            visited = next(
                (
                    e.site
                    for e in reversed(self.events[-6:])
                    if e.type == "Visit" and e.site and self._sent(e) >= si - 2
                ),
                None,
            )
            if not before and self._memorial_site(visited):
                site = visited  # the same, told in the sentence before
            else:
                site = (at[0] if at else before[-1] if before else sites[0]).ref
        parts = self._parts(subj, "participant", "commemoration-subject", 0.8)
        if site is None and not self._wider_scope(si):
            for e in reversed(self.events[-6:]):
                if e.type in ("Visit", "Commemoration") and e.site:
                    if self._sent(e) >= si - 2 and self._same_scene(e, parts, si, b):
                        site = e.site
                    break
        self._new("Commemoration", si, a, b, parts, "commemoration", 0.8, site=site)

    def _same_scene(self, e: Event, parts: list[Participant], si: int, b: int) -> bool:
        """Does a tribute with no site of its own happen where ``e`` did? Yes when nobody
        else is named as doing it, or the same people are, or it points back at that site
        ("also laid flowers at the wall"); not when other people do it somewhere they name
        ("In a unit of the Naval Forces, the flags were lowered")."""
        refs = {p.ref for p in parts if not p.ref.startswith("?")}
        if not refs or refs & {p.ref for p in e.participants}:
            return True
        site = self.run.sites.get(e.site)
        heads = set(site.name.lower().split()) if site else set()
        d = self.d
        sb = d.sents[si][1]
        heads |= _BACK_HEADS
        return any(
            d.lower[k] == "the" and d.lower[k + 1] in heads and not d.cap[k + 1]
            for k in range(b, min(b + 6, sb - 1))
        )

    def _passive(self, a: int, b: int, si: int) -> bool:
        """'wreaths were laid', 'a minute of silence was observed': no agent in the verb."""
        d = self.d
        sb = d.sents[si][1]
        return any(w in ("was", "were", "be", "been") for w in d.lower[a:b]) or (
            d.lower[b - 1] in ("silence", "service")
            and any(w in ("was", "were", "be", "is") for w in d.lower[b : min(sb, b + 3)])
        )

    def _agents_of_passive(self, si: int, a: int) -> list[Actor]:
        """Who laid the wreaths nobody is said to lay: a body named in the same sentence
        ("In a unit of the Naval Forces, ... the flags were lowered"); the visitors of a visit
        told just before; the actors of a scene-setting sentence before, with no event of
        its own ("A patrol vessel of the Coastal Flotilla carried relatives to the place");
        else nobody (an agentless commemoration)."""
        sa = self.d.sents[si][0]
        speech = [
            t
            for t in self.trig_by_sent.get(si, [])
            if t < a and self.d.spans[EVENT][t][1].endswith(SEP + "speech")
        ]
        insts = [
            x
            for x in self._top(self._acts(si))
            if x.kind == "inst" and x.end <= a and not any(x.end <= t for t in speech)
        ]  # "The Ministry announced that ... wreaths will be laid": the announcer is no agent
        if insts and not any(self._cited_source(x.start) for x in insts):
            return insts[:1]
        when = self._date(si, a)
        if any(
            e.type == "Visit" and self._sent(e) in (si, si - 1) and e.date == when
            for e in self.events
        ):
            return [self._visiting_actor(a)]  # during the visit (not "on Sunday, 7 April")
        if si > 0 and not self.trig_by_sent.get(si - 1) and sa > 0:
            before = [
                x
                for x in self._top(self._acts(si - 1))
                if x.kind in ("inst", "off", "deleg")
                and (x.start == 0 or self.d.lower[x.start - 1] not in PREPOSITIONS - {"of"})
                and not self._cited_source(x.start)
            ]
            if before:
                return before[:1]
        return []

    def _memorial_site(self, ref: str | None) -> bool:
        site = self.run.sites.get(ref) if ref else None
        if site is None:
            return False
        return bool(set(site.name.lower().split()) & _MEMORIAL_HEADS)

    # ------------------------------------------------------------------ briefings
    def _briefed(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        for k in range(b, min(b + 30, d.sents[si][1])):
            if d.lower[k] == "by":
                by = [
                    x
                    for x in self._top(self._acts(si))
                    if x.start in (k + 1, k + 2) and x.kind in ("off", "inst")
                ]
                if not by:
                    return
                subj = self._subject(si, a)
                parts = self._parts(by, "speaker", "briefed-by", 0.75) + self._parts(
                    subj, "attendee", "briefed-subject", 0.75
                )
                self._new("Briefing", si, a, b, parts, "briefing", 0.75)
                return
        # no briefer named ("the guests were informed in detail"): not a briefing event

    def _brief(self, a: int, b: int, etype: str, si: int) -> None:
        if self.d.lower[a - 1] in ("was", "were") if a > 0 else False:
            self._briefed(a, b, etype, si)
            return
        d = self.d
        if d.lower[a] == "informed" and "that" in d.lower[b : min(b + 8, d.sents[si][1])]:
            return  # "informed her counterpart that ...": reported speech
        subj = self._subject(si, a)
        subj = [s for s in subj if s.kind in ("off", "inst", "pronoun")]
        if not subj:
            return
        obj = self._objects(si, b, first_only=True, window=6)
        if not obj and d.lower[b : b + 1] == ["the"]:
            # "Aasen briefed the admiral on ...": the official named before with that rank
            for k in range(b + 1, min(b + 4, d.sents[si][1])):
                role = self._role_anaphor(si, k)
                if role is not None:
                    if all(role.ref != s.ref for s in subj):
                        obj = [role]
                    break
        parts = self._parts(subj, "speaker", "brief-subject", 0.75) + self._parts(
            obj, "attendee", "brief-object", 0.7
        )
        prev = self._last(("Briefing",), si)
        if prev is not None and self._sent(prev) >= si - 2:
            speakers = {p.ref for p in prev.participants if p.role == "speaker"}
            if {p.ref for p in parts if p.role == "speaker"} <= speakers:
                return  # "He gave an overview of ...": the briefing already read, told on
        self._new("Briefing", si, a, b, parts, "briefing", 0.75)

    def _brief_given(self, a: int, b: int, etype: str, si: int) -> None:
        """'Colonel B gave Ministers A and C a presentation on ...': B speaker, A and C
        attendees (the actors between the verb and "a presentation")."""
        subj = [s for s in self._subject(si, a) if s.kind in ("off", "inst", "pronoun")]
        if not subj:
            return
        kinds = ("off", "deleg", "visiting", "pronoun", "pair")
        obj = [x for x in self._top(self._acts(si)) if a < x.start and x.end <= b - 2]
        obj = [x for x in obj if x.kind in kinds]
        if not obj:
            role = next(
                (r for k in range(a + 1, b - 2) if (r := self._role_anaphor(si, k)) is not None),
                None,
            )
            obj = [role] if role is not None and all(role.ref != x.ref for x in subj) else []
        parts = self._parts(subj, "speaker", "brief-subject", 0.75) + self._parts(
            obj, "attendee", "brief-recipient", 0.7
        )
        self._new("Briefing", si, a, b, parts, "briefing", 0.75)

    def _brief_noun(self, a: int, b: int, etype: str, si: int) -> None:
        """'At a joint press briefing, Wenn said ...': the officials of the sentence."""
        acts = [x for x in self._top(self._acts(si)) if x.kind in ("off", "pronoun")]
        if not acts:
            return
        parts = self._parts(acts, "speaker", "press-briefing", 0.7)
        self._new("Briefing", si, a, b, parts, "press-briefing", 0.7)

    def _brief_by(self, a: int, b: int, etype: str, si: int) -> None:
        by = self._objects(si, b, kinds=("off", "inst"), first_only=True, window=3)
        if not by:
            return
        subj = self._subject(si, a)
        parts = self._parts(by, "speaker", "presentation-by", 0.75) + self._parts(
            subj, "attendee", "presentation-audience", 0.7
        )
        self._new("Briefing", si, a, b, parts, "presentation", 0.75)

    # ------------------------------------------------------------------ signings
    def _sign(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        sb = d.sents[si][1]
        window = d.lower[b : min(b + 8, sb)]
        if "book" in window or not any(w in SIGN_OBJECTS for w in window):
            return
        if d.lower[a - 1] in ("was", "were") if a > 0 else False:
            return
        subj = self._subject(si, a)
        parts = self._parts(subj, "signatory", "sign-subject", 0.75)
        if parts:
            have = {p.ref for p in parts}
            parts += [p for p in self._signed_with(si, b) if p.ref not in have]
        k = a - 1
        while k > 0 and d.lower[k] in ("also", "then", "later", "jointly"):
            k -= 1
        if not parts and k >= 1 and d.lower[k - 1] in ("the", "both") and d.lower[k][-1:] == "s":
            # "The generals went on to sign a plan", "The chiefs also initialled ...": the
            # signatories of the sentence before, else the sides of the meeting before
            prev = self._last(("Signing",), si)
            if prev is not None and self._sent(prev) >= si - 1:
                parts = [Participant(p.ref, p.role, p.evidence) for p in prev.participants]
            else:
                parts = self._meeting_sides(si, reach=3)
        if parts:
            e = self._new("Signing", si, a, b, parts, "signing", 0.75)
            if k < a - 1 and d.lower[k + 1] == "also":
                self._another_document.add(e.key)

    def _signed_with(self, si: int, b: int) -> list[Participant]:
        """'A signed a memorandum on air policing with Minister B': the official after the
        "with" of the signing clause signs too ("in line with", "cooperation with" are topics)."""
        d = self.d
        sb = d.sents[si][1]
        later = set(self.trig_by_sent.get(si, []))
        for k in range(b, min(b + 14, sb)):
            w = d.lower[k]
            if w in _SIGN_CLAUSE_END or k in later:
                return []  # another clause or event ("..., after which A met with B")
            if w == "with" and d.lower[k - 1] not in _WITH_TOPIC:
                obj = self._objects(si, k + 1, kinds=("off", "deleg"), first_only=True, window=6)
                return self._parts(obj, "signatory", "signed-with", 0.7)
        return []

    def _meeting_sides(self, si: int, reach: int = 2) -> list[Participant]:
        meeting = self._last(("Meeting",), si)
        if meeting is None or self._sent(meeting) < si - reach:
            return []
        return [
            Participant(p.ref, "signatory", p.evidence)
            for p in meeting.participants
            if p.role in ("host", "guest", "participant")
        ]

    def _sign_by(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        sa = d.sents[si][0]
        before = d.lower[max(sa, a - 20) : a]
        if "book" in before:
            return
        obj = self._objects(si, b, first_only=True, stop_at_trigger=False, window=4)
        if not obj:
            return
        parts = self._parts(obj, "signatory", "signed-by", 0.75)
        self._new("Signing", si, a, b, parts, "signing", 0.75)

    def _sign_passive(self, a: int, b: int, etype: str, si: int) -> None:
        """'the documents were signed' with no signatory: the sides of the meeting before."""
        d = self.d
        sa, sb = d.sents[si]
        words = d.lower[sa:sb]
        if "book" in words or not any(w in SIGN_OBJECTS for w in words):
            return
        # "The agreement was signed in Kyiv by A and B": a signatory after a later "by"
        for k in range(b, min(b + 6, sb)):
            if d.lower[k] == "by":
                obj = self._objects(si, k + 1, kinds=("off",), stop_at_trigger=False, window=20)
                if obj:
                    parts = self._parts(obj, "signatory", "signed-by", 0.75)
                    self._new("Signing", si, a, b, parts, "signing", 0.75)
                    return
                break
            if d.lower[k] in (",", ".", ";", "and"):
                break
        parts = self._meeting_sides(si)
        if parts:
            self._new("Signing", si, a, b, parts, "signed-passive", 0.65)

    # ------------------------------------------------------------------ ceremonies
    def _ceremony(self, a: int, b: int, etype: str, si: int) -> None:
        d = self.d
        trig = d.lower[b - 1]
        if trig in _CEREMONY_NEEDS:
            # "opened the museum" (not "opened the meeting"), "awarded ... the Order of Glory"
            # (not "awarded a contract"): the verb is a ceremony only with its kind of object
            sa, sb = d.sents[si]
            if not any(w in _CEREMONY_NEEDS[trig] for w in d.lower[b : min(sb, b + 12)]):
                return
        if a >= 2 and d.lower[a - 1] == "the" and d.lower[a - 2] in PREPOSITIONS | {"after"}:
            return  # "after the ceremony": a reference back
        if trig in ("ceremony", "ceremonies") and a >= 1 and d.lower[a - 1] in _TRIBUTE_CEREMONY:
            return  # "a wreath-laying ceremony at the monument": the tribute, not a ceremony
        if trig == "parade" and b < len(d.lower) and d.lower[b] in ("ground", "grounds", "square"):
            return  # "on the parade ground": a place, not a parade
        if (
            trig in ("graduation", "commissioning")
            and a >= 1
            and d.lower[a - 1]
            in (
                "after",
                "before",
                "since",
                "upon",
                "following",
                "his",
                "her",
                "their",
            )
        ):
            return  # "after graduation he served ...": a step of a career, no ceremony
        if self._time_anchor(a):
            return  # "Before the signing ceremony, the leaders held talks": only a time anchor
        if a >= 1 and d.lower[a - 1] == "the" and any(e.type == "Ceremony" for e in self.events):
            return  # "The ceremony was presided over by ...": the one already read
        acts = [
            x for x in self._top(self._acts(si)) if x.kind in ("off", "inst", "deleg", "visiting")
        ]
        if not acts and si + 1 < len(d.sents):
            na, nb = d.sents[si + 1]
            low = " ".join(d.lower[na:nb])
            if (
                "take part" in low
                or "took part" in low
                or "participate" in low
                or "attend" in low
                or self._tells_the_ceremony(si + 1)
            ):
                acts = [
                    x for x in self._top(self._acts(si + 1)) if x.kind in ("off", "inst", "deleg")
                ]
        sites = [x for x in self._acts(si) if x.kind == "site"]
        opened = trig in ("opened", "inaugurated", "unveiled") and any(
            x.start in (b, b + 1) for x in self._acts(si)
        )
        if opened:
            # "opened the Simulation Centre at Vorn Air Base": the opened facility is the
            # ceremony's site, the base only says where the facility is
            sites = [x for x in sites if x.start in (b, b + 1)]
        back = None
        welcome = self._welcome_party(si, a) if not acts else []
        if not acts and not sites and not welcome:
            back = self._inst_back_reference(si)
            if back is None:
                return
        if any(e.type == "Ceremony" and self._sent(e) == si for e in self.events):
            return
        parts = self._parts(acts, "attendee", "ceremony-actor", 0.65) + welcome
        step = trig in _CEREMONY_VERBS and d.lower[a] != "change"  # not "change of command"
        if step or (trig == "parade" and not sites):
            # "Colonel Lund relinquished command ...", "awarded ...", "cut the ribbon", "marched
            # past in a solemn parade": a step of the ceremony told before, not a new one (when
            # the sentence names no other site, however far back the ceremony was told)
            prev = self._last(("Ceremony",), si)
            if prev is not None and (self._sent(prev) >= si - 3 or not sites):
                have = {p.ref for p in prev.participants}
                prev.participants += [p for p in parts if p.ref not in have]
                return
        if back is not None:
            parts.append(back)
        e = self._new(
            "Ceremony", si, a, b, parts, "ceremony", 0.65, site=sites[0].ref if sites else None
        )
        if opened:
            self._no_site.add(e.key)

    def _welcome_party(self, si: int, a: int) -> list[Participant]:
        """'Upon his arrival the guest was welcomed by General X. A welcoming ceremony was
        held ...': a welcome ceremony naming nobody is held by the visit's welcome told in
        the sentence before; the guest and the hosts who welcomed him take part."""
        if a < 1 or self.d.lower[a - 1] not in ("welcome", "welcoming"):
            return []
        last = self._last(("Visit",), si)
        if last is None or self._sent(last) < si - 1:
            return []
        if not any(p.role == "host" and p.ref in self.off_keys for p in last.participants):
            return []
        return [
            Participant(p.ref, "attendee", p.evidence)
            for p in last.participants
            if p.role in ("visitor", "host") and not p.ref.startswith(("place:", "institution:"))
        ]

    def _honour_guard(self, a: int, b: int, etype: str, si: int) -> None:
        """'A guard of honour of the Royal Guards lined up', 'The honour guard was provided by
        the Air Force': the unit takes part in the ceremony of this or the sentence before."""
        prev = self._last(("Ceremony",), si)
        if prev is None or self._sent(prev) < si - 1:
            return
        units = self._objects(si, b, kinds=("inst",), first_only=True, window=3)
        have = {p.ref for p in prev.participants}
        prev.participants += [
            p for p in self._parts(units, "attendee", "honour-guard", 0.7) if p.ref not in have
        ]

    def _tells_the_ceremony(self, si: int) -> bool:
        """'An oath-taking ceremony was held at X. Colonel A received the oath of ...': a
        sentence after an unnamed ceremony with no event of its own (no trigger, or only
        ceremony steps) tells who led it."""
        for t in self.trig_by_sent.get(si, []):
            frame = self.d.spans[EVENT][t][1].split(SEP)[1]
            if frame not in ("ceremony", "receive"):
                return False
        return True

    def _time_anchor(self, a: int) -> bool:
        """'before/after/ahead of/prior to/following the (signing) ceremony': the ceremony
        only dates what the sentence tells."""
        low = self.d.lower
        j = a - 1
        while j >= 0 and a - j <= 3 and low[j] != "the" and low[j].replace("-", "").isalpha():
            j -= 1
        if j < 1 or low[j] != "the":
            return False
        p = low[j - 1]
        return p in ("before", "after", "following", "until") or (
            j >= 2 and (p, low[j - 2]) in (("of", "ahead"), ("to", "prior"))
        )

    def _inst_back_reference(self, si: int) -> Participant | None:
        """'... on the parade ground of the academy': the institution named before with that
        head word."""
        d = self.d
        sa, sb = d.sents[si]
        for k in range(sa + 2, sb):
            if d.lower[k - 1] != "the" or d.lower[k - 2] != "of" or d.cap[k]:
                continue
            w = d.lower[k]
            for e in reversed(self.run.insts):
                if e.implicit_only or not e.head or e.head.split()[-1] != w:
                    continue
                if (
                    k + 1 < sb
                    and d.words[k + 1][:1].isalpha()
                    and d.lower[k + 1]
                    not in (
                        "on",
                        "in",
                        "at",
                        "and",
                    )
                ):
                    break
                return Participant(e.key, "attendee", self.run.ev(k - 1, k + 1, "back-ref", 0.6))
        return None

    def _attend_event(self, a: int, b: int, si: int, k: int) -> None:
        """'X attended the meeting / a meeting of the NATO-Ukraine Council'."""
        subj = self._subject(si, a)
        if not subj:
            return
        # "attended the opening ceremony", "the graduation parade": the head noun may follow
        cer = ("ceremony", "ceremonies", "parade", "opening", "graduation", "funeral")
        want = "Ceremony" if any(w in cer for w in self.d.lower[k : k + 3]) else "Meeting"
        if self.d.lower[k] in ("briefing", "presentation"):
            want = "Briefing"  # "also attended the briefing": one more attendee of it
        parts = self._parts(subj, "attendee", "attended", 0.75)
        det = self.d.lower[k - 1] if k > 0 else ""
        if det == "the":
            target = self._last((want,), si)
            if target is None and want == "Meeting" and self.d.lower[k] in ("session", "hearing"):
                # "X, ..., also attended the session": the briefing told before
                target = self._last(("Briefing",), si)
            if target is not None:
                target.participants.extend(parts)
                return
        others = [
            x
            for x in self._top(self._acts(si))
            if x.start > k and x.kind in ("off", "inst", "deleg")
        ]
        parts += self._parts(others, "participant", "attended-with", 0.7)
        self._new(want, si, a, b, parts, "attended", 0.7)

    # ------------------------------------------------------------------ post-processing
    def _resolve_anaphora(self) -> None:
        """'the guests' -> the visiting side; 'he' -> the official named last; 'the two
        ministers' -> the two sides of the meeting before."""
        run = self.run
        guests: list[str] = []
        visitors: list[str] = []
        hosts: list[str] = []
        for a_list in run.actors:
            for a in a_list:
                if a.kind == "deleg":
                    visitors.extend(k for k in a.extra)
        for e in self.events:
            for p in e.participants:
                if p.ref.startswith("?"):
                    continue
                if p.role == "visitor" and e.type == "Visit":
                    visitors.append(p.ref)
                elif p.role == "guest" and e.type == "Meeting":
                    guests.append(p.ref)
                if p.role == "host":
                    hosts.append(p.ref)
        # "the guests" are the visiting side: the visitors of the visits when the text has
        # any (a meeting's "guest" may be the host official the visitor sat down with)
        guests = [
            g
            for g in dict.fromkeys(visitors or guests)
            if not g.startswith("place:") and g not in hosts
        ] or [g for g in dict.fromkeys(visitors or guests) if not g.startswith("place:")]
        hosts = [h for h in dict.fromkeys(hosts) if h not in guests and not h.startswith("place:")]
        for e in self.events:
            new: list[Participant] = []
            for p in e.participants:
                if not p.ref.startswith("?"):
                    new.append(p)
                    continue
                kind, pos = p.ref[1:].split("@")
                if kind == "visiting":
                    refs = guests
                elif kind == "hosting":
                    refs = hosts
                elif kind == "pronoun":
                    refs = self._where_clause_subject(int(pos), e)
                    if refs is None:
                        refs = self._passive_subject_before(int(pos))
                    if refs is None:
                        last = self._last_official_before(int(pos))
                        refs = [last] if last else []
                else:
                    refs = self._pair(e)
                for r in refs:
                    ev = p.evidence
                    if ev is not None:
                        ev = Evidence(
                            ev.start,
                            ev.end,
                            ev.sentence_start,
                            ev.sentence_end,
                            "coref-" + kind,
                            0.6,
                        )
                    new.append(Participant(r, p.role, ev))
            seen = set()
            e.participants = []
            for p in new:
                if (p.ref, p.role) in seen:
                    continue
                seen.add((p.ref, p.role))
                e.participants.append(p)

    def _where_clause_subject(self, k: int, e: Event) -> list[str] | None:
        """'The guest travelled to X, where he honoured ...': a pronoun in a ', where' clause
        is the actor of the main clause's event, not the official named last."""
        d = self.d
        si = d.sent_of[k]
        sa = d.sents[si][0]
        w = next((j for j in range(k - 1, sa, -1) if d.lower[j] in ("where", ",")), None)
        if w is None or d.lower[w] != "where" or d.lower[w - 1] != ",":
            return None
        for o in self.events:
            if o is e or self._sent(o) != si or o.evidence is None:
                continue
            if o.evidence.start < d.starts[w]:
                refs = [
                    p.ref
                    for p in o.participants
                    if p.role in ("visitor", "participant", "speaker") and not p.ref.startswith("?")
                ]
                return refs or None
        return None

    def _passive_subject_before(self, k: int) -> list[str] | None:
        """'The guest was received by General X. She then laid a wreath': a pronoun opening
        the sentence after a passive with an agent is that sentence's subject, not the
        agent named last."""
        d = self.d
        si = d.sent_of[k]
        if si == 0 or k != d.sents[si][0]:
            return None
        pa, pb = d.sents[si - 1]
        by = next((j for j in range(pb - 1, pa + 1, -1) if d.lower[j] == "by"), None)
        if by is None or not d.lower[by - 1].endswith("ed"):
            return None
        aux = next((j for j in range(by - 2, max(pa, by - 4), -1) if d.lower[j] in _BE), None)
        last = self._last_official_before(k)
        if (
            aux is None
            or last is None
            or not any(a.ref == last and a.start > by for a in self.run.actors[si - 1])
        ):
            return None
        refs = [a.ref for a in self._subject(si - 1, aux, kinds=("off",)) if a.ref]
        return refs or None

    def _pair(self, e: Event) -> list[str]:
        """The two sides: participants of the last meeting/talk/visit before ``e``."""
        idx = self.events.index(e)
        for prev in reversed(self.events[:idx]):
            if prev.type in ("Meeting", "Talk", "Visit", "Signing"):
                refs = [
                    p.ref
                    for p in prev.participants
                    if p.ref in self.off_keys
                    and p.role in ("host", "guest", "participant", "visitor")
                ]
                if len(set(refs)) >= 2:
                    return list(dict.fromkeys(refs))
        offs = [o.key for o in self.run.offs[:2]]
        return offs if len(offs) == 2 else []

    def _last_official_before(self, pos: int) -> str | None:
        best = None
        best_pos = -1
        for acts in self.run.actors:
            for a in acts:
                if (
                    a.kind == "off"
                    and a.end <= pos
                    and a.start > best_pos
                    and not self._honoured(a.start)
                ):
                    best, best_pos = a.ref, a.start
        return best

    def _honoured(self, i: int) -> bool:
        """'tribute to X', 'the grave of X', 'named after X': X is remembered, so a later
        'he'/'she' is someone else."""
        low = self.d.lower
        if i < 2:
            return False
        prev, prev2 = low[i - 1], low[i - 2]
        return (
            (prev == "to" and prev2 in _TRIBUTE_TO)
            or (prev == "of" and prev2 in _HONOURED_OF)
            or (prev == "after" and prev2 == "named")
        )

    def _merge_commemorations(self) -> None:
        """Several commemoration phrases about one act ("laid a wreath ... and paid tribute",
        "flowers were also laid") make one event."""
        out: list[Event] = []
        for e in self.events:
            if e.type != "Commemoration":
                out.append(e)
                continue
            si = self._sent(e)
            target = None
            for o in reversed(out):
                if o.type != "Commemoration":
                    continue
                so = self._sent(o)
                if so != si and self._wider_scope(si):
                    break  # "Across the country / In all units, flowers were laid": others
                if so == si:
                    target = o  # "A wreath was laid at the Tomb, and flowers at the bust"
                elif (
                    so == si - 1
                    and (o.site == e.site or e.site is None or o.site is None)
                    and self._nested(
                        {p.ref for p in e.participants}, {p.ref for p in o.participants}
                    )
                ):
                    # "Flowers were then laid": the same act told on; but "In a unit of the
                    # Navy, the flags were lowered" is another one by other people
                    target = o
                elif o.site and o.site == e.site and si - so <= 3:
                    target = o  # "... also laid flowers at the wall", two sentences on
                break
            if target is None:
                out.append(e)
                continue
            if target.site is None:
                target.site = e.site
            have = {(p.ref, p.role) for p in target.participants}
            for p in e.participants:
                if (p.ref, p.role) not in have:
                    target.participants.append(p)
        self.events = out

    def _wider_scope(self, si: int) -> bool:
        """The sentence marks a tribute of a wider scope than one party's act."""
        a, b = self.d.sent_chars[si]
        return bool(_WIDER_SCOPE.search(self.d.norm, a, b))

    @staticmethod
    def _nested(a: set[str], b: set[str]) -> bool:
        return a <= b or b <= a

    def _subsume_visits(self) -> None:
        """A visit to a site followed by a commemoration there: the commemoration says what
        the visit was; keep that one."""
        comm = [
            (e.site, self._sent(e))
            for e in self.events
            if e.type == "Commemoration" and e.site and not self._briefed_after(e)
        ]
        comm_sents = {self._sent(e) for e in self.events if e.type == "Commemoration"}
        keep = []
        for e in self.events:
            if (
                e.type == "Visit"
                and not e.site
                and not any(p.role == "visited" for p in e.participants)
                and self._sent(e) in comm_sents
            ):
                continue  # "will travel to Canakkale to lay wreaths": the trip is the tribute
            if (
                e.type == "Visit"
                and e.site
                and any(s == e.site and 0 <= cs - self._sent(e) <= 2 for s, cs in comm)
            ):
                for c in self.events:
                    if c.type == "Commemoration" and c.site == e.site:
                        have = {(p.ref, p.role) for p in c.participants}
                        for p in e.participants:
                            if p.role != "visitor" and (p.ref, p.role) not in have:
                                c.participants.append(p)
                        break
                continue
            keep.append(e)
        self.events = keep

    def _briefed_after(self, c: Event) -> bool:
        """'... the memory was honoured. The Director of the Memorial Complex told the guests
        about its history': the visit was more than the tribute, so it stays a visit."""
        sc = self._sent(c)
        for e in self.events:
            se = self._sent(e)
            if se <= sc or e.type in ("Commemoration", "Statement"):
                continue
            return e.type == "Briefing" and se <= sc + 2
        return False

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
                if self._same_meeting(o, e):
                    target = o
                    break
            if target is None:
                out.append(e)
                continue
            refs = {p.ref for p in target.participants}
            for p in e.participants:
                if p.ref not in refs:
                    target.participants.append(p)
                    refs.add(p.ref)
            if target.site is None:
                target.site = e.site
        self.events = out

    def _same_meeting(self, o: Event, e: Event) -> bool:
        ho = {p.ref for p in o.participants if p.role == "host"}
        he = {p.ref for p in e.participants if p.role == "host"}
        if ho and he and not ho & he:
            return False
        if o.key in self._each_meeting and e.key in self._each_meeting:
            return False
        a = {p.ref for p in o.participants}
        b = {p.ref for p in e.participants}
        if not a & b:
            return False
        if o.site and e.site and o.site != e.site:
            return False
        if self._sent(e) != self._sent(o) and self.d.lower[self.d.sents[self._sent(e)][0]] in (
            "earlier",
            "previously",
        ):
            return False  # "Earlier in the day, the two held talks at ...": another episode
        oo = {p.ref for p in o.participants if p.ref in self.off_keys}
        oe = {p.ref for p in e.participants if p.ref in self.off_keys}
        if not (ho and he) and len(oo) >= 2 and len(oe) >= 2 and not (oo <= oe or oe <= oo):
            return False  # two pairs of officials with one in common: two meetings
        go = {p.ref for p in o.participants if p.role != "host"}
        ge = {p.ref for p in e.participants if p.role != "host"}
        return (
            bool(go & ge)
            or not ge
            or not go
            or all(r in self.inst_keys for r in ge)
            or all(r in self.inst_keys for r in go)
            or self._sent(e) == self._sent(o)
        )

    def _merge_statements(self) -> None:
        out: list[Event] = []
        seen: set[str] = set()
        for e in self.events:
            if e.type != "Statement":
                out.append(e)
                continue
            speakers = [p.ref for p in e.participants if p.role == "speaker"]
            if not speakers or speakers[0] in seen:
                continue
            seen.add(speakers[0])
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
            visited = tuple(
                sorted(
                    p.ref
                    for p in e.participants
                    if p.role == "visited" and p.ref.startswith("place:")
                )
            )
            if e.site:
                visited = ()
            k = (
                (e.site, visited)
                if (e.site or visited)
                else ("", tuple(sorted(p.ref for p in e.participants if p.role == "visited")))
            )
            if not e.site and not visited and e.place and k[1] == ():
                # "arrived in Velden on an official visit": two triggers, one arrival
                k = ("place", e.place, self._sent(e))
                visited = (e.place,)
            if not e.site and not visited and k[1] and k in seen:
                # "paid a visit to the Academy ... Afterwards the delegation toured the
                # Academy's library": one visit to the institution by the same visitors
                mine = {p.ref for p in e.participants if p.role == "visitor"}
                theirs = {p.ref for p in seen[k].participants if p.role == "visitor"}
                if mine & theirs:
                    visited = k[1]
            if k in seen and (e.site or visited):
                t = seen[k]
                have = {(p.ref, p.role) for p in t.participants}
                for p in e.participants:
                    if (p.ref, p.role) not in have:
                        t.participants.append(p)
                if t.place is None:
                    t.place = e.place
                continue
            seen[k] = e
            out.append(e)
        self.events = out

    def _merge_signings(self) -> None:
        out: list[Event] = []
        for e in self.events:
            if e.type != "Signing":
                out.append(e)
                continue
            if e.key in self._another_document:
                out.append(e)  # "They also signed a protocol": a second document
                continue
            target = next(
                (o for o in out if o.type == "Signing" and abs(self._sent(o) - self._sent(e)) <= 2),
                None,
            )
            if target is None:
                out.append(e)
                continue
            have = {p.ref for p in target.participants}
            for p in e.participants:
                if p.ref not in have:
                    target.participants.append(p)
                    have.add(p.ref)
        self.events = out

    def _sites_from_sentence(self) -> None:
        """'... at the Ministry of Defence Main Building': the site of the sentence's event."""
        d = self.d
        claimed = {(self._sent(e), e.site, e.type) for e in self.events if e.site}
        for e in self.events:
            if e.site or e.type in ("Statement",) or e.key in self._no_site:
                continue
            si = self._sent(e)
            for a in self._acts(si):
                if any((si, a.ref, t) in claimed for t in _SITE_EVENTS if t != e.type):
                    continue  # "... and laid flowers at the Monument": that event's site
                if (
                    a.kind == "site"
                    and a.start > 0
                    and (
                        d.lower[a.start - 1] in ("at", "in")
                        or d.lower[a.start - 1] == "the"
                        and a.start > 1
                        and d.lower[a.start - 2] in ("at", "in")
                    )
                ):
                    e.site = a.ref
                    break


_ACTIVE_TRIBUTE = frozenset(
    "laid lay lays laying placed place places placing paid pay pays paying honoured honored "
    "honour honor honours honors honouring honoring commemorated bowed to".split()
)
# auxiliaries the {verb} notation of events.tsv puts before a verb ("has laid", "is set to lay")
_AUX = frozenset(
    "has have had is are was were will would also due set expected scheduled plans plan to "
    "been".split()
)


def _head(lower: list[str], a: int, b: int) -> int:
    """The verb of a trigger that starts with auxiliaries ("has laid a wreath" -> "laid")."""
    while a < b - 1 and lower[a] in _AUX:
        a += 1
    return a


_BACK_HEADS = frozenset(
    "monument memorial tomb grave graves bust wall alley cemetery complex statue plaque".split()
)
_LAID_THINGS = frozenset(
    "wreath wreaths flowers flower bouquet bouquets roses carnations garland garlands "
    "candles poppies tulips".split()
)
_HONOUR = frozenset("honour honor honoured honored".split())
_MEMORIAL_HEADS = frozenset(
    "alley memorial cemetery pantheon mausoleum necropolis graves martyrs".split()
)
_AT = frozenset("at to before on near".split())
_SITE_EVENTS = ("Visit", "Commemoration", "Ceremony", "Meeting", "Briefing", "Signing")
_WIDER_SCOPE = re.compile(
    r"(?i)\b(?:nationwide|country-wide|countrywide|across the country|throughout the country"
    r"|all over the country|in all (?:units|garrisons|regions|military units|formations)"
    r"|in every (?:unit|garrison|region))\b"
)
_TIME_WORDS = frozenset(
    ("today", "yesterday", "earlier", "later", "morning", "afternoon", "evening", "tonight")
)
_TALK_MEDIA = frozenset(
    "phone telephone call calls conversation video videoconference conference link".split()
)
_DATE_HINT = re.compile(r"\d+|[Tt]oday|[Yy]esterday|[Tt]omorrow|[a-z]day\b|\bago\b")
_GROUND_HEADS = frozenset(
    "headquarters premises territory grounds compound campus garrison location".split()
)
_PLAN_NOUN = re.compile(
    r"(?i)\b(?:the|its|their|his|her|our|these|those|any|joint|new)\s+plans?\s+to$"
)
_WILL_ALSO = re.compile(r"will also (?:visit|tour|lay|attend)\b", re.IGNORECASE)
# "gave Minister A a presentation": the verb and objects of a briefing with its recipients
_GIVE = frozenset("give gives gave given giving".split())
_ARRIVAL = frozenset(("arrival", "arrived", "arriving"))
_BE = frozenset(("was", "were", "is", "are", "been"))
_ARRIVAL_OWNERS = frozenset(("his", "her", "their", "its", "the"))
_BRIEF_OBJECTS = frozenset("presentation briefing overview".split())
# "in line with", "cooperation with <X>": a "with" after these names no co-signatory
_WITH_TOPIC = frozenset(
    "accordance line compliance cooperation co-operation partnership relations ties "
    "contacts".split()
)
_SIGN_CLAUSE_END = frozenset("; which who while after before following".split())
_VAGUE_FIXED = (
    r"later this (?:week|month|year)|next (?:week|month|year)|in the coming\b|"
    r"in the (?:autumn|spring|summer|winter)\b|is expected to|are expected to|"
    r"plans? to|agreed to (?:meet|hold|prepare)|(?:is|are) (?:due|scheduled|set) to|"
    r"(?:is|are) to (?:visit|travel|meet|sign|attend|hold|lay|tour)\b|"
    r"will (?:also )?(?:visit|travel|meet|lay|tour|hold|sign|attend|pay)|"
    r"programme of the visit|program of the visit|itinerary|"
    r"(?:planned|upcoming|forthcoming) (?:visit|trip)"
)


@lru_cache(maxsize=1)
def _vague() -> re.Pattern[str]:
    """The undated-plan pattern: the fixed phrases above and every trigger of the lexicon in
    its "will" form ("will speak with", "will arrive in", "will hold talks with"), so a verb
    added to events.tsv is known as a plan too."""
    planned = sorted(
        {p[5:].lower() for p, _t, _f in load().events if p.lower().startswith("will ")},
        key=len,
        reverse=True,
    )
    will = "|".join(re.escape(p) for p in planned if not p.startswith("also "))
    return re.compile(rf"\b(?:{_VAGUE_FIXED}|will (?:also )?(?:{will})\b)", re.IGNORECASE)


def _quote(d, si: int) -> str:
    a, b = d.sent_chars[si]
    s = d.norm[a:b]
    m = re.search(r'"([^"]{8,})"?', s)
    if m:
        return " ".join(d.text[a + m.start(1) : a + m.end(1)].split())
    return " ".join(d.text[a:b].split())
