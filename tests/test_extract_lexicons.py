"""The {verb} notation of events.tsv: its expansion."""

from __future__ import annotations

import pytest

from communique.extract.lexicons import expand_phrase, verbs


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
