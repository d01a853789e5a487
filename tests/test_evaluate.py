"""Scoring on a hand-made gold/prediction pair with known precision, recall and F1."""

from __future__ import annotations

import json

import pytest

from communique.evaluate import EvalReport, FacetScore, evaluate, post_match, score_article
from communique.model import (
    Article,
    Event,
    Extraction,
    Institution,
    Official,
    Participant,
    Place,
    PostMention,
    Site,
)

GOLD = {
    "id": "a1",
    "officials": [
        {
            "name": "Karim Valiyev",
            "aliases": ["Valiyev"],
            "rank": "Colonel General",
            "posts": ["First Deputy Minister of Defense", "Chief of the General Staff"],
        },
        {
            "name": "Janusz Adamczak",
            "aliases": ["Adamczak"],
            "rank": "Lieutenant General",
            "posts": ["Director General of the NATO International Military Staff"],
        },
        {"name": "Mehmet Oğuz Kaya", "aliases": [], "rank": None, "posts": ["Commander"]},
    ],
    "institutions": [
        {"name": "Ministry of Defense", "aliases": ["Defense Ministry"]},
        {"name": "NATO", "aliases": ["Alliance"]},
    ],
    "sites": [{"name": "Alley of Shehids", "aliases": ["Alley of Martyrs"]}],
    "places": ["Azerbaijan", "Armenia"],
    "events": [
        {"type": "Meeting", "participants": ["Karim Valiyev", "Janusz Adamczak"], "site": None},
        {"type": "Visit", "participants": ["NATO"], "site": "Alley of Shehids"},
        {"type": "Statement", "participants": ["Karim Valiyev"], "site": None},
    ],
}


def prediction() -> Extraction:
    x = Extraction(article=Article(id="a1", text=""))
    x.officials = [
        # full name, rank right, one post right (lenient cut at " of "), one post wrong
        Official(
            "o1",
            "Karim Valiyev",
            "Colonel General",
            [PostMention("First Deputy Minister of Defence"), PostMention("Deputy Chief")],
        ),
        # surname only, transliterated: still the same official; wrong rank
        Official("o2", "Adamczak", "Major General", [PostMention("Director General")]),
        # not in gold
        Official("o3", "Emil Varsk", None, []),
    ]
    x.institutions = [
        Institution("i1", "Defense Ministry", []),
        Institution("i2", "North Atlantic Treaty Organization", ["Alliance"]),
        Institution("i3", "News.Az", []),
    ]
    x.sites = [Site("s1", "Alley of Martyrs")]
    x.places = [Place("p1", "Azerbaijan", "country")]
    x.events = [
        Event("e1", "Meeting", [Participant("o2", "guest"), Participant("o1", "host")]),
        Event("e2", "Visit", [Participant("i2", "visitor")], site="s1"),
        Event("e3", "Visit", [Participant("o3", "visitor")]),
        Event("e4", "Statement", [Participant("o2", "speaker")]),
    ]
    return x


@pytest.fixture()
def res():
    return score_article(GOLD, prediction())


def counts(s: FacetScore) -> tuple[int, int, int]:
    return s.tp, s.fp, s.fn


def test_officials(res):
    assert counts(res.facets["officials"]) == (2, 1, 1)
    s = res.facets["officials"]
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert res.missed["officials"] == ["Mehmet Oğuz Kaya"]
    assert res.spurious["officials"] == ["Emil Varsk"]


def test_ranks(res):
    # Valiyev right; Adamczak's wrong rank counts as one spurious and one missed
    assert counts(res.facets["ranks"]) == (1, 1, 1)


def test_posts(res):
    # right: Minister of Defence (Defence ≡ Defense), Director General (cut at " of ");
    # spurious: Deputy Chief; missed: Chief of the General Staff, Kaya's Commander
    assert counts(res.facets["posts"]) == (2, 1, 2)
    assert res.facets["posts"].f1 == pytest.approx(2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4))


def test_institutions_sites_places(res):
    assert counts(res.facets["institutions"]) == (2, 1, 0)
    assert counts(res.facets["sites"]) == (1, 0, 0)
    assert counts(res.facets["places"]) == (1, 0, 1)


def test_events(res):
    assert counts(res.facets["meetings"]) == (1, 0, 0)
    assert counts(res.facets["visits"]) == (1, 1, 0)  # e3 shares no participant
    assert counts(res.facets["statements"]) == (0, 1, 1)  # wrong speaker


def test_post_match_rules():
    assert post_match(
        "the Chief of the General Staff", "Chief of the General Staff of the Azerbaijan Army"
    )
    assert post_match("Minister of Defence", "minister of defense")
    assert post_match("Director General", "Director General of the NATO Staff")
    assert not post_match("Deputy Minister of Defense", "Minister of Defense")


def test_micro_average_and_report(tmp_path):
    gold2 = {
        "id": "a2",
        "officials": [{"name": "Ida Borg", "aliases": [], "rank": "General", "posts": []}],
    }
    (tmp_path / "a1.gold.json").write_text(json.dumps(GOLD), "utf-8")
    (tmp_path / "a2.gold.json").write_text(json.dumps(gold2), "utf-8")
    (tmp_path / "a2.txt").write_text(" date 2024-01-02\n\nGeneral Ida Borg arrived.\n", "utf-8")
    preds = {"a1": prediction()}

    def fake_extract(article):
        return preds.get(article.id) or Extraction(
            article=article, officials=[Official("x", "Ida Borg", "General")]
        )

    # a1 has no article file: it counts as all missed; a2 is extracted
    rep = evaluate(tmp_path, tmp_path, extract=fake_extract)
    assert isinstance(rep, EvalReport)
    ids = [a.id for a in rep.articles]
    assert ids == ["a1", "a2"]
    assert rep.articles[0].error
    off = rep.facets["officials"]
    assert counts(off) == (1, 0, 3)
    assert off.recall == pytest.approx(1 / 4)
    table = rep.to_table()
    assert "officials" in table and "0.250" in table
    d = rep.to_dict()
    assert d["facets"]["officials"]["tp"] == 1
    assert d["articles"][1]["id"] == "a2"
    assert "a1" in rep.details()


def test_cli_evaluate_details_lists_the_misses(tmp_path):
    from click.testing import CliRunner

    from communique.cli import main

    gold = {
        "id": "a1",
        "date": "2024-01-02",
        "officials": [
            {"name": "Ida Borg", "aliases": [], "rank": "General", "posts": []},
            {"name": "Olle Frisk", "aliases": [], "rank": None, "posts": []},
        ],
    }
    (tmp_path / "a1.gold.json").write_text(json.dumps(gold), "utf-8")
    (tmp_path / "a1.txt").write_text(" date 2024-01-02\n\nGeneral Ida Borg arrived.\n", "utf-8")
    args = ["evaluate", "--gold", str(tmp_path), "--articles", str(tmp_path)]
    plain = CliRunner().invoke(main, args, catch_exceptions=False)
    assert plain.exit_code == 0 and "Olle Frisk" not in plain.output
    res = CliRunner().invoke(main, [*args, "--details"], catch_exceptions=False)
    assert res.exit_code == 0
    assert "== a1" in res.output
    assert "officials: missed=['Olle Frisk'] spurious=[]" in res.output
