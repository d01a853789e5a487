"""The seed article of the shared corpus: every official, institution, site and event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from communique.extract import extract
from communique.model import Article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEED = CORPUS / "seed-news-az-2024-10-09.txt"

pytestmark = pytest.mark.skipif(
    not SEED.exists(), reason=f"shared corpus not found at {CORPUS} (it lies beside the repo)"
)


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text("utf-8")
    return text, extract(Article(id="seed", text=text, date=dt.date(2024, 10, 9)))


def by_name(items):
    return {i.name: i for i in items}


def test_officials_ranks_posts_countries(seed):
    _, x = seed
    offs = by_name(x.officials)
    assert set(offs) == {"Karim Valiyev", "Janusz Adamczak", "Ilham Aliyev"}
    v = offs["Karim Valiyev"]
    assert v.rank == "Colonel General"
    assert [p.title for p in v.posts] == [
        "First Deputy Minister of Defense",
        "Chief of the General Staff",
    ]
    assert v.country == "Azerbaijan"
    assert "Valiyev" in v.aliases
    a = offs["Janusz Adamczak"]
    assert a.rank == "Lieutenant General"
    assert [p.title for p in a.posts] == [
        "Director General of the NATO International Military Staff"
    ]
    assert a.country is None
    al = offs["Ilham Aliyev"]
    assert [p.title for p in al.posts] == [
        "President",
        "Supreme Commander-in-Chief of the Armed Forces",
    ]
    assert al.country == "Azerbaijan"


def test_post_institutions_and_hierarchy(seed):
    _, x = seed
    insts = {i.key: i for i in x.institutions}
    v = by_name(x.officials)["Karim Valiyev"]
    first, second = (insts[p.institution] for p in v.posts)
    assert "Ministry of Defense" in {first.name, *first.aliases}
    assert second.name == "General Staff"
    assert insts[second.parent].name == "Azerbaijan Army"
    a = by_name(x.officials)["Janusz Adamczak"]
    ims = insts[a.posts[0].institution]
    assert ims.name == "NATO International Military Staff"
    assert insts[ims.parent].name == "NATO"


def test_institutions(seed):
    _, x = seed
    forms = {i.name: {i.name, *i.aliases} for i in x.institutions}
    expected = [
        "Azerbaijan Army",
        "Ministry of Defense",
        "General Staff",
        "NATO",
        "NATO International Military Staff",
        "Armed Forces",
        "EU observation mission",
        "Resolute Support",
        "Military Institute named after Heydar Aliyev",
        "Naval Forces",
    ]
    for name in expected:
        assert any(name in f for f in forms.values()), name
    assert len(x.institutions) == len(expected)
    assert "Alliance" in forms["NATO"]
    assert not any("News.Az" in n for n in forms)


def test_sites_and_places(seed):
    _, x = seed
    sites = by_name(x.sites)
    assert set(sites) == {"Alley of Shehids", "Military Trophy Park"}
    assert "Alley of Martyrs" in sites["Alley of Shehids"].aliases
    assert {p.name for p in x.places} == {
        "Azerbaijan",
        "Armenia",
        "France",
        "South Caucasus",
        "Afghanistan",
    }


def test_events(seed):
    _, x = seed
    names = {o.key: o.name for o in x.officials} | {i.key: i.name for i in x.institutions}
    names |= {p.key: p.name for p in x.places}
    sites = {s.key: s.name for s in x.sites}

    def parts(e):
        return {names[p.ref] for p in e.participants}

    meetings = [e for e in x.events if e.type == "Meeting"]
    assert len(meetings) == 1
    assert {"Karim Valiyev", "Janusz Adamczak"} <= parts(meetings[0])
    assert {names[p.ref] for p in meetings[0].participants if p.role == "host"} == {"Karim Valiyev"}
    visits = [e for e in x.events if e.type == "Visit"]
    assert len(visits) == 4
    country_visit = next(v for v in visits if "Azerbaijan" in parts(v))
    assert {"Janusz Adamczak", "NATO"} <= parts(country_visit)
    assert {sites[v.site] for v in visits if v.site} == {"Military Trophy Park"}
    visited = set().union(*(parts(v) for v in visits))
    assert {"Military Institute named after Heydar Aliyev", "Naval Forces"} <= visited
    assert all("NATO" in parts(v) for v in visits)
    (comm,) = [e for e in x.events if e.type == "Commemoration"]
    assert sites[comm.site] == "Alley of Shehids"
    assert "NATO" in parts(comm)
    statements = [e for e in x.events if e.type == "Statement"]
    assert {next(iter(parts(s))) for s in statements} == {"Karim Valiyev", "Janusz Adamczak"}
    assert all(e.date == dt.date(2024, 10, 9) for e in x.events)


def test_evidence_slices(seed):
    text, x = seed
    v = by_name(x.officials)["Karim Valiyev"]
    m = v.mentions[0]
    assert text[m.start : m.end].startswith("First Deputy Minister of Defense")
    assert text[m.start : m.end].endswith("Karim Valiyev")
    assert m.confidence >= 0.9
    assert text[m.sentence_start : m.sentence_end].endswith("Janusz Adamczak.")
    surname = [m for m in v.mentions if m.rule == "coref-surname"]
    assert surname and all(text[m.start : m.end] == "Valiyev" for m in surname)
    assert all(m.confidence <= 0.7 for m in surname)
    for e in x.events:
        ev = e.evidence
        assert text[ev.start : ev.end] and ev.sentence_start <= ev.start < ev.end
