"""Whole invented articles in tests/data/extract/: agency style with hard line breaks and a
dateline, and an attaché tour with an organiser who takes no part."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from communique.extract import extract
from communique.model import Article

DATA = Path(__file__).parent / "data" / "extract"


def load(name: str, date: dt.date) -> tuple[str, object]:
    text = (DATA / name).read_text("utf-8")
    return text, extract(Article(id=name, text=text, date=date))


def test_agency_article_with_hard_line_breaks():
    text, x = load("menafn-ostmark-2024-06-06.txt", dt.date(2024, 6, 6))
    offs = {o.name: o for o in x.officials}
    assert set(offs) == {"Erik Sundvall", "Hugo Fenwick", "Lina Holt"}
    assert offs["Hugo Fenwick"].rank == "Admiral"  # "Sir" is no part of the name
    assert [p.title for p in offs["Hugo Fenwick"].posts] == ["Chief of the Ostmark Defence Staff"]
    assert offs["Hugo Fenwick"].country == "Ostmark"
    assert offs["Erik Sundvall"].country == "Ruritania"
    assert [p.title for p in offs["Lina Holt"].posts] == ["Commander of the Ruritanian Navy"]
    inst = {i.name for i in x.institutions}
    assert not any("Agency" in n or "MENAFN" in n for n in inst)  # the source
    assert {"Ostmark Armed Forces", "Ruritanian Defence Ministry", "Ruritanian Navy"} <= inst
    places = {p.name: p.kind for p in x.places}
    assert places["Nordhaven"] == "city" and places["Ruritania"] == "country"
    names = {o.key: o.name for o in x.officials} | {p.key: p.name for p in x.places}
    (m,) = [e for e in x.events if e.type == "Meeting"]
    assert {names[p.ref] for p in m.participants} == {"Erik Sundvall", "Hugo Fenwick", "Lina Holt"}
    (v,) = [e for e in x.events if e.type == "Visit"]
    assert {names[p.ref] for p in v.participants} == {"Hugo Fenwick", "Ruritania"}
    assert v.date == dt.date(2024, 6, 5)  # "on Wednesday"
    speakers = {names[p.ref] for e in x.events if e.type == "Statement" for p in e.participants}
    assert speakers == {"Erik Sundvall", "Hugo Fenwick"}  # "the minister said"
    (c,) = [e for e in x.events if e.type == "Commemoration"]
    assert {s.name for s in x.sites if s.key == c.site} == {"Hall of Glory"}
    assert not [e for e in x.events if e.type == "Signing"]  # the Book of Honor
    for o in x.officials:
        for mnt in o.mentions:
            assert " ".join(text[mnt.start : mnt.end].split())


def test_attache_tour_organiser_is_no_participant():
    _, x = load("trend-veldonia-2023-05-28.txt", dt.date(2023, 5, 28))
    offs = {o.name for o in x.officials}
    assert offs == {"Dan Ivo", "Emil Varsk"}
    sites = {s.key: s.name for s in x.sites}
    assert set(sites.values()) == {
        "Memorial of the Fallen Defenders",
        "Karsten Restoration and Production Military Complex",
        "Victory Museum",
    }
    evs = [e for e in x.events if e.type in ("Visit", "Commemoration")]
    assert {sites[e.site] for e in evs} == {
        "Memorial of the Fallen Defenders",
        "Karsten Restoration and Production Military Complex",
    }
    assert all(not e.participants for e in evs)  # unnamed attachés; the minister only approved
    (s,) = [e for e in x.events if e.type == "Statement"]
    assert s.quote.startswith("Independence is the result")
    assert {p.name: p.kind for p in x.places}["Veldonia"] == "country"


def test_delegation_arrival_welcome_and_headquarters():
    _, x = load("agency-veldonia-2024-04-03.txt", dt.date(2024, 4, 3))
    names = {o.key: o.name for o in x.officials} | {i.key: i.name for i in x.institutions}
    names |= {p.key: p.name for p in x.places}
    sites = {s.key: s.name for s in x.sites}
    (m,) = [e for e in x.events if e.type == "Meeting"]  # "was received by"
    assert {names[p.ref] for p in m.participants if p.role == "host"} == {"Marko Brun"}
    assert {names[p.ref] for p in m.participants if p.role == "guest"} == {"Aino Lehto"}
    hq = next(
        e
        for e in x.events
        if e.type == "Visit" and e.site and sites[e.site] == "Joint Forces Corps Headquarters"
    )
    assert {names[p.ref] for p in hq.participants if p.role == "host"} == {"Teo Saar"}
    jfc = next(i for i in x.institutions if i.name == "Joint Forces Corps")
    assert "JFC" in jfc.aliases
    (b,) = [e for e in x.events if e.type == "Briefing"]
    assert {names[p.ref] for p in b.participants if p.role == "speaker"} == {"Rasmus Kalda"}
    (t,) = [e for e in x.events if e.type == "Talk"]
    assert {names[p.ref] for p in t.participants} == {"Aino Lehto", "Vera Koss"}
    assert {o.name: o.country for o in x.officials}["Vera Koss"] == "Ostmark"
