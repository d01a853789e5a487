"""Synthetic articles in the genre's styles, for benchmarks (written for this project).

Deterministic for a given seed, so runs are comparable. Names, countries and units are drawn
from small invented pools; the point is realistic length and phrasing, not truth.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

GIVEN = [
    "Arvid",
    "Lena",
    "Tomas",
    "Ines",
    "Mira",
    "Oskar",
    "Piet",
    "Ilse",
    "Karim",
    "Nora",
    "Emil",
    "Dara",
    "Ivo",
    "Sato",
    "Hugo",
    "Leo",
    "Anja",
    "Rasim",
    "Oğuz",
    "Bruno",
]
FAMILY = [
    "Lanz",
    "Halme",
    "Brandt",
    "Varga",
    "Moor",
    "Oran",
    "Adler",
    "Kell",
    "Sarr",
    "Falk",
    "Vance",
    "Reyes",
    "Ekholm",
    "Varro",
    "Solberg",
    "Bruåsdal",
    "Kovačević",
    "Mammadov",
    "Aliyev",
    "Petrenko",
    "Novak",
    "Jansen",
    "Rossi",
    "Costa",
    "Weber",
]
COUNTRIES = [
    ("Ruritania", "Ruritanian"),
    ("Veldonia", "Veldonian"),
    ("Ostmark", "Ostmark"),
    ("Marenia", "Marenian"),
    ("Kestria", "Kestrian"),
    ("Azerbaijan", "Azerbaijani"),
    ("Latvia", "Latvian"),
    ("Poland", "Polish"),
    ("Türkiye", "Turkish"),
    ("Ukraine", "Ukrainian"),
]
RANKS = [
    "Colonel General",
    "Lieutenant General",
    "Major General",
    "Brigadier General",
    "Colonel",
    "Rear Admiral",
    "Vice Admiral",
    "Lt Gen",
    "Maj. Gen.",
    "Col.",
]
POSTS = [
    "Minister of Defence",
    "Deputy Minister of Defence",
    "Chief of the General Staff",
    "Commander of the Land Forces",
    "Commander of the Naval Forces",
    "Director of the Defence Policy Department",
    "Rector of the War Academy",
]
SITES = [
    "Alley of Honors",
    "Military Trophy Park",
    "Eternal Flame memorial",
    "Museum of Military History",
    "Victory Park",
    "Alley of Martyrs",
]
CITIES = ["Nordhaven", "Tallow", "Kestrel", "Baku", "Riga", "Lviv", "Gdynia"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _person(r: random.Random) -> tuple[str, str]:
    return r.choice(GIVEN) + " " + r.choice(FAMILY), r.choice(RANKS)


def article(i: int, seed: int = 7) -> tuple[str, str]:
    """(id, text) of synthetic article ``i``: an agency-style page with noise."""
    r = random.Random(seed * 100003 + i)
    day = dt.date(2019, 1, 1) + dt.timedelta(days=r.randrange(0, 2000))
    (c1, d1), (c2, d2) = r.sample(COUNTRIES, 2)
    host, host_rank = _person(r)
    guest, guest_rank = _person(r)
    post1, post2 = r.sample(POSTS, 2)
    site, city = r.choice(SITES), r.choice(CITIES)
    host_sur, guest_sur = host.split()[-1], guest.split()[-1]
    paras = [
        f" date {day.isoformat()} + ↺ − 16 px",
        "",
        f"{post1} of the {d1} Army, {host_rank} {host} met with the {post2} of {c2}, "
        f"{guest_rank} {guest}, who is on an official visit to {c1}, the {d1} Defence Ministry "
        f"told Example News.",
        "",
        f"{host_sur} welcomed the guests and noted the importance of cooperation between the "
        f"armed forces of the two countries.The sides discussed military education, regional "
        f"security and joint exercises planned for {day.year + 1}. {guest_sur} stated: "
        f"\u201cOur partnership with {c1} keeps growing.\u201d",
        f"As part of the visit, the {d2} delegation visited the {site} in {city} and laid a "
        f"wreath. On {r.choice(WEEKDAYS)}, the guests also toured the {d1} War Academy, where "
        f"they were briefed on the training of cadets.",
        "",
        "Example News",
    ]
    return f"bench-{seed}-{i:06d}", "\n".join(paras)


# --- a world of overlapping officials, for the identity benchmark ---------------------------
# People have careers (promotions, new posts), several spellings (transliteration variants,
# initials), some share a surname or a whole name with someone of another country, a few are
# mentioned far more than others (Zipf), and a happening is often reported by two or three
# outlets, one of them a day later ("yesterday").

WORLD_COUNTRIES = [
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Türkiye", "Turkish", "Ankara"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("Poland", "Polish", "Warsaw"),
    ("Latvia", "Latvian", "Riga"),
    ("Romania", "Romanian", "Bucharest"),
    ("Moldova", "Moldovan", "Chisinau"),
    ("Georgia", "Georgian", "Tbilisi"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Lithuania", "Lithuanian", "Vilnius"),
    ("Ruritania", "Ruritanian", "Strelsau"),
    ("Veldonia", "Veldonian", "Veld"),
    ("Ostmark", "Ostmark", "Harjuvik"),
    ("Marenia", "Marenian", "Nordhaven"),
    ("Kestria", "Kestrian", "Tallow"),
]
WORLD_RANKS = [
    "Colonel",
    "Brigadier General",
    "Major General",
    "Lieutenant General",
    "Colonel General",
]
WORLD_POSTS = [
    ("Minister of Defence", "Ministry of Defence", None),
    ("Deputy Minister of Defence", "Ministry of Defence", None),
    ("Chief of the General Staff", "General Staff", "Armed Forces"),
    ("Commander of the Land Forces", "Land Forces", "Armed Forces"),
    ("Commander of the Air Force", "Air Force", "Armed Forces"),
    ("Rector of the War Academy", "War Academy", None),
    (
        "Head of the International Cooperation Department",
        "International Cooperation Department",
        "Ministry of Defence",
    ),
]
_SYL = [
    "ka",
    "ri",
    "mo",
    "va",
    "le",
    "sa",
    "di",
    "no",
    "ta",
    "be",
    "ru",
    "zo",
    "ha",
    "mi",
    "ko",
    "el",
    "an",
    "ur",
    "is",
    "ad",
    "ge",
    "lo",
    "pa",
    "ya",
    "shi",
    "kha",
    "zu",
    "ve",
]
_END = ["ov", "ev", "iyev", "enko", "escu", "ski", "sson", "oglu", "dze", "yan", "ic", "as"]
_VARIANTS = [
    ("iyev", "iev"),
    ("ski", "sky"),
    ("enko", "yenko"),
    ("ic", "ich"),
    ("kh", "h"),
    ("oglu", "oğlu"),
    ("ya", "ia"),
    ("sh", "ş"),
]


@dataclass
class Person:
    given: str
    surname: str
    country: int  # index in WORLD_COUNTRIES
    career: list  # [(start date, rank index, post index)], by date
    variants: list  # other spellings of the full name

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    def at(self, day: dt.date) -> tuple[str, tuple]:
        step = self.career[0]
        for s in self.career:
            if s[0] <= day:
                step = s
        return WORLD_RANKS[step[1]], WORLD_POSTS[step[2]]

    def spelling(self, r: random.Random) -> str:
        x = r.random()
        if x < 0.08:
            return f"{self.given[0]}. {self.surname}"
        if x < 0.2 and self.variants:
            return r.choice(self.variants)
        return self.name


class World:
    """Deterministic people and happenings; ``article(i)`` gives the i-th report."""

    def __init__(self, seed: int = 11, people: int = 4000) -> None:
        r = random.Random(seed)
        self.seed = seed
        given = sorted(
            {
                (r.choice(_SYL) + r.choice(_SYL) + r.choice(["", "n", "r", "m"])).title()
                for _ in range(400)
            }
        )
        surnames = sorted(
            {(r.choice(_SYL) + r.choice(_SYL) + r.choice(_END)).title() for _ in range(3000)}
        )
        self.people: list[Person] = []
        for _ in range(people):
            if self.people and r.random() < 0.03:  # a namesake in another country
                twin = r.choice(self.people)
                g, s = twin.given, twin.surname
                c = (twin.country + 1 + r.randrange(len(WORLD_COUNTRIES) - 1)) % len(
                    WORLD_COUNTRIES
                )
            else:
                g, s, c = r.choice(given), r.choice(surnames), r.randrange(len(WORLD_COUNTRIES))
            start = dt.date(2014, 1, 1) + dt.timedelta(days=r.randrange(0, 1500))
            rank, post = r.randrange(0, 3), r.randrange(len(WORLD_POSTS))
            career = [(start, rank, post)]
            for _ in range(r.randrange(0, 3)):
                start = start + dt.timedelta(days=r.randrange(400, 1400))
                rank = min(rank + 1, len(WORLD_RANKS) - 1)
                if r.random() < 0.5:
                    post = r.randrange(len(WORLD_POSTS))
                career.append((start, rank, post))
            variants = []
            for a, b in _VARIANTS:
                if a in s.lower():
                    variants.append(f"{g} {s.replace(a, b).replace(a.title(), b.title())}")
            self.people.append(Person(g, s, c, career, variants[:2]))
        weights = [1.0 / (k + 1) for k in range(people)]
        self._cum = []
        total = 0.0
        for w in weights:
            total += w
            self._cum.append(total)
        self._total = total
        self._reports: list[tuple[int, int]] = []  # (happening, report number)

    def _pick(self, r: random.Random) -> int:
        import bisect

        return bisect.bisect_left(self._cum, r.random() * self._total)

    def _report(self, i: int) -> tuple[int, int]:
        while len(self._reports) <= i:
            h = self._reports[-1][0] + 1 if self._reports else 0
            r = random.Random(self.seed * 7919 + h)
            n = 1 if r.random() < 0.6 else (2 if r.random() < 0.6 else 3)
            self._reports += [(h, k) for k in range(n)]
        return self._reports[i]

    def happening(self, h: int):
        r = random.Random(self.seed * 104729 + h)
        host = self._pick(r)
        guest = self._pick(r)
        while guest == host or self.people[guest].country == self.people[host].country:
            guest = r.randrange(len(self.people))
        day = dt.date(2016, 1, 1) + dt.timedelta(days=r.randrange(0, 3400))
        return host, guest, day

    def article(self, i: int):
        """(id, text, Extraction) of report ``i``: a meeting, the guest's visit, a statement."""
        from communique.model import (
            Article,
            Event,
            Evidence,
            Extraction,
            Institution,
            Official,
            Participant,
            Place,
            PostMention,
        )

        h, k = self._report(i)
        host_i, guest_i, day = self.happening(h)
        r = random.Random(self.seed * 15485863 + i)
        published = day + dt.timedelta(days=1 if k == 2 else 0)
        host, guest = self.people[host_i], self.people[guest_i]
        (hc, _, hcity), (gc, gd, _) = WORLD_COUNTRIES[host.country], WORLD_COUNTRIES[guest.country]
        hname, gname = host.spelling(r), guest.spelling(r)
        hrank, (hpost, hinst, hparent) = host.at(day)
        grank, (gpost, ginst, gparent) = guest.at(day)
        when = "yesterday" if k == 2 else f"on {WEEKDAYS[day.weekday() % 5]}"
        s1 = (
            f"{hpost} of {hc}, {hrank} {hname} met {when} with the {gpost} of {gc}, "
            f"{grank} {gname}, who is on an official visit to {hc}."
        )
        s2 = f" {hname.split()[-1]} said: \u201cOur cooperation with {gc} keeps growing.\u201d"
        s3 = f" The {gd} delegation also visited the War Academy in {hcity}."
        text = s1 + s2 + s3
        aid = f"world-{self.seed}-{i:06d}"

        first = (0, len(s1))

        def ev(span: str, start_at: int = 0, rule: str = "world", sentence=first):
            s = text.index(span, start_at)
            return Evidence(s, s + len(span), sentence[0], sentence[1], rule, 0.9)

        insts = []
        for key, (name, parent, country) in {
            "ih": (hinst, hparent, hc),
            "ig": (ginst, gparent, gc),
        }.items():
            insts.append(
                Institution(key, name, country=country, mentions=[ev(hc if key == "ih" else gc)])
            )
            if parent:
                insts[-1].parent = key + "p"
                insts.append(
                    Institution(
                        key + "p", parent, country=country, mentions=[ev(hc if key == "ih" else gc)]
                    )
                )
        officials = [
            Official("h", hname, hrank, [PostMention(hpost, "ih", ev(hpost))], hc, [], [ev(hname)]),
            Official("g", gname, grank, [PostMention(gpost, "ig", ev(gpost))], gc, [], [ev(gname)]),
        ]
        places = [Place("ph", hc, "country", [ev(hc)]), Place("pg", gc, "country", [ev(gc)])]
        s2_span = (len(s1), len(s1) + len(s2))
        events = [
            Event(
                "e1",
                "Meeting",
                [Participant("h", "host"), Participant("g", "guest")],
                date=day,
                evidence=ev("met"),
            ),
            Event(
                "e2",
                "Visit",
                [Participant("g", "visitor"), Participant("ph", "visited")],
                date=day,
                evidence=ev("official visit"),
            ),
            Event(
                "e3",
                "Statement",
                [Participant("h", "speaker")],
                date=day,
                quote="Our cooperation keeps growing.",
                evidence=ev("said", rule="said-quote", sentence=s2_span),
            ),
        ]
        art = Article(
            aid, text, published, f"{hc} and {gc} discuss cooperation", source="World News"
        )
        ex = Extraction(art, officials, insts, [], places, events, [(0, len(s1)), s2_span])
        return aid, text, ex
