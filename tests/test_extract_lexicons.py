"""The {verb} notation of events.tsv: its expansion, and sentences that only its forms read.

The sentences are written for these tests (invented people and countries); each one uses a verb
form that the written-out lexicon did not list.
"""

from __future__ import annotations

import datetime as dt

import pytest

from communique.extract import extract
from communique.extract.lexicons import expand_phrase, load, verbs
from communique.model import Article, Extraction

DATE = dt.date(2024, 3, 14)


def triggers(frame: str) -> set[str]:
    return {p.lower() for p, _, f in load().events if f == frame}


# --------------------------------------------------------------------------- expansion
def test_regular_verb_takes_every_active_form():
    forms = set(expand_phrase("{sign}", "sign", verbs()))
    assert {"signed", "signs", "has signed", "have signed", "had signed"} <= forms
    assert {"is signing", "were signing", "will sign", "is due to sign", "plans to sign"} <= forms
    assert "sign" not in forms  # a bare base form is also a noun or an imperative
    assert "was signed" not in forms  # passive: another frame


def test_irregular_verb_uses_its_own_past_and_participle():
    forms = set(expand_phrase("{speak} with", "talk", verbs()))
    assert {"spoke with", "speaks with", "has spoken with", "is speaking with"} <= forms
    assert "has spoke with" not in forms
    gave = set(expand_phrase("{give} a briefing", "brief", verbs()))
    assert {"gave a briefing", "gives a briefing", "had given a briefing"} <= gave
    laid = set(expand_phrase("{lay} a wreath", "commemorate", verbs()))
    assert {"laid a wreath", "lays a wreath", "have laid a wreath", "are laying a wreath"} <= laid


def test_spelling_variants_are_all_forms():
    forms = set(expand_phrase("{travel} to", "visit", verbs()))
    assert {"travelled to", "traveled to", "is travelling to", "is traveling to"} <= forms


def test_passive_frame_takes_be_and_participle_only():
    forms = set(expand_phrase("{receive} by", "received_by", verbs()))
    assert forms == {
        f"{aux} received by"
        for aux in ("is", "are", "was", "were", "has been", "have been", "had been")
    }


def test_frames_without_a_future():
    assert "will say" not in expand_phrase("{say}", "speech", verbs())
    assert "has said" in expand_phrase("{say}", "speech", verbs())
    # "..., where General X will host the guests": the host of a planned visit, no meeting
    assert "will host" not in expand_phrase("{host}", "receive", verbs())
    assert "will meet" in expand_phrase("{meet}", "meet", verbs())


def test_notation_errors_are_loud():
    with pytest.raises(ValueError, match="verbs.tsv"):
        expand_phrase("{parley} with", "meet", verbs())
    with pytest.raises(ValueError, match="reads no verb"):
        expand_phrase("{visit} to", "visit_noun", verbs())


def test_noun_reading_is_kept_and_no_phrase_is_doubled():
    assert "meeting with" in triggers("meet_noun")
    meet = triggers("meet")
    assert "is meeting with" not in meet and "is meeting" not in meet
    assert {"met with", "has met with", "will meet with", "is set to meet"} <= meet
    phrases = [p.lower() for p, _, _ in load().events]
    assert len(phrases) == len(set(phrases))


# --------------------------------------------------------------------------- extraction
def run(text: str) -> Extraction:
    return extract(Article(id="t", text=text, date=DATE))


def roles(x: Extraction, etype: str) -> set[tuple[str, str]]:
    by_key = {o.key: o.name for o in x.officials}
    by_key.update({p.key: p.name for p in x.places})
    (e,) = [e for e in x.events if e.type == etype]
    return {(by_key.get(p.ref, p.ref), p.role) for p in e.participants}


def site(x: Extraction, etype: str) -> str | None:
    (e,) = [e for e in x.events if e.type == etype]
    return next((s.name for s in x.sites if s.key == e.site), None)


# an invented sentence, the event type it must yield and that event's (participant, role)s
ROLES_ARE = [
    pytest.param(
        "General Tomas Ruud is set to meet his Ostrian counterpart, General Piet Vanh, on Friday.",
        "Meeting",
        {("Tomas Ruud", "host"), ("Piet Vanh", "guest")},
        id="is_set_to_meet",
    ),
    pytest.param(
        "Minister Ana Lode and Minister Juri Palm are holding talks in Tallinn today.",
        "Meeting",
        {("Ana Lode", "participant"), ("Juri Palm", "participant")},
        id="are_holding_talks",
    ),
    pytest.param(
        "Minister Ana Lode is hosting Minister Juri Palm in Tallinn today.",
        "Meeting",
        {("Ana Lode", "host"), ("Juri Palm", "guest")},
        id="is_hosting",
    ),
    pytest.param(
        "Colonel Ivo Sepp was briefing Minister Ana Lode on the exercise.",
        "Briefing",
        {("Ivo Sepp", "speaker"), ("Ana Lode", "attendee")},
        id="was_briefing",
    ),
    pytest.param(
        "Minister Ana Lode has given the delegation an overview of the reform.",
        "Briefing",
        {("Ana Lode", "speaker")},
        id="has_given_an_overview",
    ),
    pytest.param(
        "Minister Ana Lode and Minister Juri Palm were signing a memorandum on cyber defence "
        "when the alarm sounded.",
        "Signing",
        {("Ana Lode", "signatory"), ("Juri Palm", "signatory")},
        id="were_signing_a_memorandum",
    ),
    pytest.param(
        "Minister Ana Lode and Minister Juri Palm are due to sign a memorandum on cyber defence "
        "on Friday.",
        "Signing",
        {("Ana Lode", "signatory"), ("Juri Palm", "signatory")},
        id="are_due_to_sign_on_a_day",
    ),
    pytest.param(
        "Minister Ana Lode has spoken with Minister Juri Palm by phone.",
        "Talk",
        {("Ana Lode", "participant"), ("Juri Palm", "participant")},
        id="has_spoken_with_by_phone",
    ),
    pytest.param(
        "Minister Ana Lode has spoken about the exercise.",
        "Statement",
        {("Ana Lode", "speaker")},
        id="has_spoken_about_is_a_statement",
    ),
    pytest.param(
        "Minister Ana Lode, in turn, pays tribute to the fallen at the Tomb of the Unknown "
        "Soldier.",
        "Commemoration",
        {("Ana Lode", "participant")},
        id="pays_tribute",
    ),
    pytest.param(
        "Minister Ana Lode is travelling to Veldonia today.",
        "Visit",
        {("Ana Lode", "visitor"), ("Veldonia", "visited")},
        id="is_travelling_to_a_country",
    ),
]


@pytest.mark.parametrize("text, etype, expected", ROLES_ARE)
def test_roles_are(text, etype, expected):
    assert roles(run(text), etype) == expected


def test_is_laying_a_wreath_has_its_subject():
    x = run("Minister Ana Lode is laying a wreath at the Tomb of the Unknown Soldier today.")
    assert roles(x, "Commemoration") == {("Ana Lode", "participant")}
    assert site(x, "Commemoration") == "Tomb of the Unknown Soldier"
