"""Synthetic articles in the genre's styles, for benchmarks (written for this project).

Deterministic for a given seed, so runs are comparable. Names, countries and units are drawn
from small invented pools; the point is realistic length and phrasing, not truth.
"""

from __future__ import annotations

import datetime as dt
import random

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
