"""Rule tests on sentences written for these tests (invented people, countries and units).

The rules were not tuned on these sentences; each table row is one phrasing from the catalogue
of naming forms, coreference forms and event types.
"""

from __future__ import annotations

import datetime as dt

import pytest

from communique.articles import article_from_text
from communique.extract import Extractor, extract
from communique.model import Article, Extraction

DATE = dt.date(2024, 3, 14)  # a Thursday


def run(text: str, date: dt.date | None = DATE) -> Extraction:
    return extract(Article(id="t", text=text, date=date))


def official(x: Extraction, name: str):
    for o in x.officials:
        if o.name == name:
            return o
    raise AssertionError(f"{name!r} not among {[o.name for o in x.officials]}")


def titles(o) -> list[str]:
    return [p.title for p in o.posts]


def names(x: Extraction, kind: str) -> list[str]:
    return [e.name for e in getattr(x, kind)]


def events(x: Extraction, etype: str):
    return [e for e in x.events if e.type == etype]


def refs(x: Extraction, e, role: str | None = None) -> set[str]:
    by_key = {o.key: o.name for o in x.officials}
    by_key.update({i.key: i.name for i in x.institutions})
    by_key.update({p.key: p.name for p in x.places})
    return {by_key.get(p.ref, p.ref) for p in e.participants if role is None or p.role == role}


# --------------------------------------------------------------------------- naming forms
NAMING = [
    # 1.1 post chain, comma, rank, name
    (
        "Chief of Staff of the Ostrian Joint Command, Major General Arvid Lanz, arrived.",
        "Arvid Lanz",
        "Major General",
        ["Chief of Staff of the Ostrian Joint Command"],
        None,
    ),
    # 1.2 dash-joined double post
    (
        "First Deputy Minister of Transport – Chief of the Central Staff of the Ruritanian "
        "Guard, Colonel General Tarvo Halme received the guests.",
        "Tarvo Halme",
        "Colonel General",
        ["First Deputy Minister of Transport", "Chief of the Central Staff"],
        "Ruritania",
    ),
    # 1.3 nationality + post + name, no comma
    (
        "Veldonian Deputy Defence Minister Oskar Brandt opened the forum.",
        "Oskar Brandt",
        None,
        ["Deputy Defence Minister"],
        "Veldonia",
    ),
    (
        "Ostmark Minister of National Defence Lena Varga opened the forum.",
        "Lena Varga",
        None,
        ["Minister of National Defence"],
        "Ostmark",
    ),
    (
        "Azerbaijani Defense Minister Zaur Mammadli spoke to reporters.",
        "Zaur Mammadli",
        None,
        ["Defense Minister"],
        "Azerbaijan",
    ),
    # 1.4 country possessive
    (
        "Ruritania's Minister of Foreign Affairs Ilse Moor arrived in Marvik.",
        "Ilse Moor",
        None,
        ["Minister of Foreign Affairs"],
        "Ruritania",
    ),
    (
        "Georgia's Minister of Defence Tamar Beridze arrived in Baku.",
        "Tamar Beridze",
        None,
        ["Minister of Defence"],
        "Georgia",
    ),
    # 1.5 name first, post after it
    (
        "The forum was attended by Admiral Mateo Ruiz Peña, Deputy Defence Minister of Veldonia.",
        "Mateo Ruiz Peña",
        "Admiral",
        ["Deputy Defence Minister"],
        "Veldonia",
    ),
    (
        "Ambassador Dara Kell, Ruritania's permanent representative to the Alliance, spoke.",
        "Dara Kell",
        None,
        ["permanent representative to the Alliance"],
        "Ruritania",
    ),
    # 1.6 honorifics are not part of the name
    ("Admiral Sir Hugo Fenwick inspected the guard.", "Hugo Fenwick", "Admiral", [], None),
    (
        "A speech was given by the renowned surgeon, academician Lale Orucova.",
        "Lale Orucova",
        None,
        [],
        None,
    ),
    # 1.7 abbreviated ranks
    ("Lt Gen Leo Falk inspected the troops.", "Leo Falk", "Lieutenant General", [], None),
    ("Cmdr. Nora Vance briefed the press.", "Nora Vance", "Commander", [], None),
    # 1.8 spokesperson lines
    (
        "Ministry Spokesperson Cmdr. Nora Vance provided the following readout:",
        "Nora Vance",
        "Commander",
        ["Spokesperson"],
        None,
    ),
    (
        "The below is attributable to Spokesperson Tom Reyes:",
        "Tom Reyes",
        None,
        ["Spokesperson"],
        None,
    ),
    # 1.10 family name first
    (
        "Ruritanian Foreign Minister Sato Hiroshi met the press.",
        "Sato Hiroshi",
        None,
        ["Foreign Minister"],
        "Ruritania",
    ),
    # 1.11 heads of state
    ("President Emil Varsk addressed the nation.", "Emil Varsk", None, ["President"], None),
    # "of <Country>" after the post gives the country and is not part of the title
    (
        "The Chief of Defence of Veldonia, General Marek Dvorak, visited the base.",
        "Marek Dvorak",
        "General",
        ["Chief of Defence"],
        "Veldonia",
    ),
    # "to <Country>" of an attaché stays in the title
    (
        "The Veldonian Defence Attaché to Ruritania, Col. Ivo Brankov, was present.",
        "Ivo Brankov",
        "Colonel",
        ["Defence Attaché to Ruritania"],
        "Veldonia",
    ),
    # demonym before a rank
    (
        "Command passed to Danish Lieutenant General Anders Holm at a ceremony.",
        "Anders Holm",
        "Lieutenant General",
        [],
        "Denmark",
    ),
]


NAMING += [
    # overlapping post heads: "Deputy Secretary" + "Secretary of State"
    (
        "Deputy Secretary of State Mirja Lund called Minister Tarvo Halme.",
        "Mirja Lund",
        None,
        ["Deputy Secretary of State"],
        None,
    ),
    # "and" inside the "for" complement of a post before the name
    (
        "Assistant Secretary of State for Nordic and Baltic Affairs Kieran O'Shea spoke.",
        "Kieran O'Shea",
        None,
        ["Assistant Secretary of State for Nordic and Baltic Affairs"],
        None,
    ),
    # a rank that is also a post word, right before the name, is the rank
    (
        "The head of the diving school, Commander Ines Moravec, met the cadets.",
        "Ines Moravec",
        "Commander",
        ["head of the diving school"],
        None,
    ),
    (
        "The guests were met by Chief Warrant Officer Hugo Ranta.",
        "Hugo Ranta",
        "Chief Warrant Officer",
        [],
        None,
    ),
    # a given name that is also a common word, after a rank
    (
        "Chief of the Signals Division of the Ostrian Army, Colonel Jan Vossberg, spoke.",
        "Jan Vossberg",
        "Colonel",
        ["Chief of the Signals Division"],
        None,
    ),
    # "his <Demonym> counterpart <Name>"
    (
        "Premier Aldo Ferri spoke by phone with his Veldonian counterpart Eliska Navratil.",
        "Eliska Navratil",
        None,
        [],
        "Veldonia",
    ),
]


NAMING += [
    # an invented country inside the "of" complement, "to" of a representative kept as written
    (
        "Permanent Representative of Ostria to NATO Jon Lerche spoke. Ostria's army is small.",
        "Jon Lerche",
        None,
        ["Permanent Representative of Ostria to NATO"],
        "Ostria",
    ),
    # "Ambassador" right before the name is a form of address, also after another post
    (
        "Ostria's Permanent Representative to NATO Ambassador Jon Lerche spoke.",
        "Jon Lerche",
        None,
        ["Permanent Representative to NATO"],
        "Ostria",
    ),
    # "to the <post>" belongs to the post
    (
        "The Chief of Staff to the President of Ostria, Erik Holm, met them. Ostria is far.",
        "Erik Holm",
        None,
        ["Chief of Staff to the President"],
        "Ostria",
    ),
]


@pytest.mark.parametrize("text,name,rank,posts,country", NAMING)
def test_naming_forms(text, name, rank, posts, country):
    x = run(text)
    o = official(x, name)
    assert o.rank == rank
    for p in posts:
        assert p in titles(o), titles(o)
    if country is not None:
        assert o.country == country


RANKS = [
    ("Lt Gen", "Lieutenant General"),
    ("Lt. Gen.", "Lieutenant General"),
    ("Maj. Gen.", "Major General"),
    ("Maj Gen", "Major General"),
    ("Brig. Gen.", "Brigadier General"),
    ("Col.", "Colonel"),
    ("Lt. Col.", "Lieutenant Colonel"),
    ("Lt Col", "Lieutenant Colonel"),
    ("Cmdr.", "Commander"),
    ("Capt.", "Captain"),
    ("Vice Adm.", "Vice Admiral"),
    ("Rear Admiral", "Rear Admiral"),
    ("Colonel General", "Colonel General"),
    ("Lieutenant-Colonel", "Lieutenant Colonel"),
    ("Sgt.", "Sergeant"),
    ("Captain 1st Rank", "Captain First Rank"),
]


@pytest.mark.parametrize("abbr,full", RANKS)
def test_rank_abbreviations_are_written_out(abbr, full):
    x = run(f"On Monday {abbr} Pavel Kirov met the cadets. Then he left.")
    assert official(x, "Pavel Kirov").rank == full


def test_rank_abbreviation_does_not_end_a_sentence():
    x = run("The parade was led by Lt. Gen. Leo Falk. Maj. Gen. Ida Borg followed.")
    assert len(x.sentences) == 2
    assert {"Leo Falk", "Ida Borg"} <= set(names(x, "officials"))


def test_initials_stay_in_the_name():
    x = run("Secretary of Defense Lloyd J. Kestrel III hosted the minister. J. Doe was absent.")
    o = official(x, "Lloyd J. Kestrel III")
    assert titles(o) == ["Secretary of Defense"]


def test_double_post_institutions_and_parent():
    x = run(
        "First Deputy Minister of Defense – Chief of the General Staff of the Ostrian Army, "
        "Colonel General Petr Volk met the guests. The Ostrian Army is growing."
    )
    o = official(x, "Petr Volk")
    assert titles(o) == ["First Deputy Minister of Defense", "Chief of the General Staff"]
    insts = {i.key: i for i in x.institutions}
    gs = insts[o.posts[1].institution]
    assert gs.name == "General Staff"
    assert insts[gs.parent].name == "Ostrian Army"


def test_comma_separated_posts_before_a_name():
    x = run(
        "Under the leadership of Ruritanian President, Supreme Commander-in-Chief of the "
        "Armed Forces, Emil Varsk, the army was rebuilt."
    )
    o = official(x, "Emil Varsk")
    assert titles(o) == ["President", "Supreme Commander-in-Chief of the Armed Forces"]
    assert o.country == "Ruritania"


# --------------------------------------------------------------------------- not officials
def test_epithet_alone_is_no_official():
    x = run(
        "National Leader Emil Varsk founded the state. The Great Leader's legacy was "
        "honoured by the cadets."
    )
    assert names(x, "officials") == ["Emil Varsk"]


def test_person_inside_an_institution_name_is_no_official():
    x = run("The delegation visited the Military Lyceum named after Jonas Varsk in Marvik.")
    assert names(x, "officials") == []
    assert "Military Lyceum named after Jonas Varsk" in names(x, "institutions")


def test_outlets_are_not_institutions():
    x = run(
        "Minister Ilse Moor met the ambassador, Reuters reports. The Defense Ministry told "
        "News.Az and APA that AzerTac, Trend, MENAFN and Ukrinform were invited."
    )
    inst = names(x, "institutions")
    for outlet in ("Reuters", "News.Az", "APA", "AzerTac", "Trend", "MENAFN", "Ukrinform"):
        assert not any(outlet in n for n in inst)
    assert any("Ministry" in n for n in inst)


def test_programmes_and_exercises_are_not_institutions():
    x = run(
        "The units trained within the Alliance's Interoperability Capabilities Concept (ICC) "
        "and took part in the Certification Exercise (CERTEX) of NATO."
    )
    inst = names(x, "institutions")
    assert "NATO" in inst
    assert not any("Concept" in n or "Exercise" in n for n in inst)


# --------------------------------------------------------------------------- institutions
def test_ministry_word_orders_are_one_institution():
    x = run(
        "Veldonian Defence Minister Oskar Brandt met the press at the Defence Ministry. "
        "The Ministry of Defence of Veldonia later issued a statement."
    )
    ministries = [i for i in x.institutions if "Ministry" in i.name or "Ministry" in str(i.aliases)]
    assert len(ministries) == 1
    forms = {ministries[0].name, *ministries[0].aliases}
    assert "Defence Ministry" in forms
    assert "Ministry of Defence of Veldonia" in forms


def test_acronym_in_parentheses_is_an_alias():
    x = run("Officers of the Joint Forces Corps (JFC) met at dawn. The JFC trains every week.")
    jfc = next(i for i in x.institutions if i.name.startswith("Joint Forces Corps"))
    assert "JFC" in jfc.aliases


def test_alliance_is_nato_when_nato_is_named():
    x = run("NATO officers arrived. The Alliance's contribution was praised.")
    assert names(x, "institutions") == ["NATO"]
    assert "Alliance" in x.institutions[0].aliases


def test_known_institution_prefix_is_the_parent():
    x = run("The NATO Military Committee met. NATO ministers attended.")
    by = {i.key: i for i in x.institutions}
    mc = next(i for i in x.institutions if i.name == "NATO Military Committee")
    assert by[mc.parent].name == "NATO"


# --------------------------------------------------------------------------- sites, places
def test_sites_with_place_and_translation_alias():
    x = run(
        "The guests visited the Alley of Shehids (Martyrs) in Baku and the Victory Park in Marvik."
    )
    sites = {s.name: s for s in x.sites}
    assert "Alley of Martyrs" in sites["Alley of Shehids"].aliases
    places = {p.key: p.name for p in x.places}
    assert places[sites["Alley of Shehids"].place] == "Baku"
    assert places[sites["Victory Park"].place] == "Marvik"


def test_quoted_monument_and_lower_case_base():
    x = run(
        "He laid a wreath at the “Veldonian Fallen” monument and toured the Osterby military base."
    )
    s = {s.name for s in x.sites}
    assert "Veldonian Fallen" in s
    assert "Osterby military base" in s


def test_places_are_nouns_not_adjectives():
    x = run("The Veldonian officers flew from Ruritania to Marvik over the Black Sea.")
    p = set(names(x, "places"))
    assert {"Ruritania", "Black Sea"} <= p
    assert "Veldonian" not in p


# --------------------------------------------------------------------------- coreference
COREF = [
    # surname only
    ("Colonel General Karim Oruclu met the guests. Oruclu thanked them.", "Karim Oruclu", "Oruclu"),
    # post + surname
    (
        "Veldonian Deputy Defence Minister Oskar Brandt arrived. Minister Brandt said it was "
        "useful.",
        "Oskar Brandt",
        "Brandt",
    ),
    # abbreviated post + surname
    (
        "Ruritania's Minister of Foreign Affairs Ilse Moor spoke. FM Moor added a remark.",
        "Ilse Moor",
        "Moor",
    ),
    # another transliteration of the surname
    ("General Tarik Oğlu received the guests. Oghlu stressed the ties.", "Tarik Oğlu", "Oghlu"),
    (
        "President Taras Zelenskyi met the guests. Zelensky thanked them.",
        "Taras Zelenskyi",
        "Zelensky",
    ),
]


@pytest.mark.parametrize("text,name,alias", COREF)
def test_later_mentions_join_the_official(text, name, alias):
    x = run(text)
    assert len(x.officials) == 1
    o = official(x, name)
    assert alias in o.aliases
    assert len(o.mentions) >= 2


def test_role_anaphora_resolves_to_the_post_holder():
    x = run(
        "Chief of the General Staff of the Ostrian Army, Colonel General Petr Volk met the "
        "Ruritanian delegation. The Chief of the General Staff emphasized the ties."
    )
    st = events(x, "Statement")
    assert st and refs(x, st[0], "speaker") == {"Petr Volk"}
    assert any(m.rule == "coref-role" for m in official(x, "Petr Volk").mentions)


def test_head_of_state_and_guests():
    x = run(
        "President Emil Varsk received the delegation led by Lieutenant General Ivo Sarr. "
        '"We value this partnership," the head of state said. The guests also visited the '
        "Victory Park."
    )
    st = events(x, "Statement")
    assert refs(x, st[0], "speaker") == {"Emil Varsk"}
    visit = next(e for e in events(x, "Visit") if e.site)
    assert "Ivo Sarr" in refs(x, visit, "visitor")


def test_pronoun_speaker():
    x = run("General Tarik Oglu met the guests. He emphasized the ties between the armies.")
    st = events(x, "Statement")
    assert refs(x, st[0], "speaker") == {"Tarik Oglu"}


# --------------------------------------------------------------------------- events
def test_meeting_host_and_guest():
    x = run("Defence Minister Oskar Brandt met with Ostrian Chief of Defence General Ida Borg.")
    (m,) = events(x, "Meeting")
    assert refs(x, m, "host") == {"Oskar Brandt"}
    assert refs(x, m, "guest") == {"Ida Borg"}


def test_received_and_attended_by():
    x = run(
        "President Emil Varsk received Veldonian Foreign Minister Milo Tarr. The meeting was "
        "also attended by Deputy Foreign Minister Ana Lind."
    )
    (m,) = events(x, "Meeting")
    assert refs(x, m) == {"Emil Varsk", "Milo Tarr", "Ana Lind"}
    assert refs(x, m, "attendee") == {"Ana Lind"}


def test_visit_to_a_country_by_relative_clause():
    x = run(
        "Minister Oskar Brandt met with General Ida Borg, who is on an official visit to Veldonia."
    )
    (v,) = events(x, "Visit")
    assert refs(x, v, "visitor") == {"Ida Borg"}
    assert refs(x, v, "visited") == {"Veldonia"}


def test_itinerary_each_step_a_visit():
    x = run(
        "General Ida Borg is on a visit to Veldonia. First, the guest visited the Marvik "
        "War Museum. Then she toured the Veldonian Naval Academy."
    )
    vis = events(x, "Visit")
    sites = {s.key: s.name for s in x.sites}
    assert {sites.get(v.site) for v in vis if v.site} == {"Marvik War Museum"}
    inst_visits = [v for v in vis if "Veldonian Naval Academy" in refs(x, v, "visited")]
    assert inst_visits and refs(x, inst_visits[0], "visitor") == {"Ida Borg"}


def test_delegation_institution_is_the_visitor():
    x = run(
        "As part of the visit, the NATO delegation visited the Victory Park. The guests also "
        "visited the Naval Academy of Ostria."
    )
    vis = events(x, "Visit")
    assert all("NATO" in refs(x, v, "visitor") for v in vis)


def test_commemoration_at_a_site():
    x = run(
        "The Ostrian delegation led by General Ida Borg visited the Alley of Honors and laid "
        "a wreath at the grave of National Leader Emil Varsk."
    )
    (c,) = events(x, "Commemoration")
    assert {s.name for s in x.sites if s.key == c.site} == {"Alley of Honors"}
    assert refs(x, c) == {"Ida Borg"}
    assert not [v for v in events(x, "Visit") if v.site == c.site]


def test_statement_quote_and_merge_per_speaker():
    x = run(
        'General Ida Borg noted: "Our armies train together every year." Borg also stressed '
        "that the exercises would continue."
    )
    (s,) = events(x, "Statement")
    assert s.quote == "Our armies train together every year."


def test_briefing_needs_a_briefer():
    x = run(
        "The guests were informed in detail about the situation. Colonel Rein Tamm briefed "
        "the guests on the training."
    )
    (b,) = events(x, "Briefing")
    assert refs(x, b, "speaker") == {"Rein Tamm"}


def test_ceremony_and_talk():
    x = run(
        "A change of command ceremony was held at the Marvik Barracks with General Ida Borg. "
        "Minister Oskar Brandt held a telephone conversation with Minister Lena Varga."
    )
    (c,) = events(x, "Ceremony")
    assert "Ida Borg" in refs(x, c)
    (t,) = events(x, "Talk")
    assert refs(x, t) == {"Oskar Brandt", "Lena Varga"}


def test_background_war_is_no_event():
    x = run("The victory achieved in the Patriotic War in 2020 was discussed by the sides.")
    assert x.events == []


def test_agency_attribution_is_no_statement():
    x = run("Minister Oskar Brandt met the guests, the Defense Ministry told News.Az.")
    assert events(x, "Statement") == []


# --------------------------------------------------------------------------- dates
DATES = [
    ("General Ida Borg met with Minister Oskar Brandt on March 9.", dt.date(2024, 3, 9)),
    ("General Ida Borg met with Minister Oskar Brandt on 28 February.", dt.date(2024, 2, 28)),
    ("Today General Ida Borg met with Minister Oskar Brandt.", DATE),
    ("Yesterday General Ida Borg met with Minister Oskar Brandt.", dt.date(2024, 3, 13)),
    ("General Ida Borg met with Minister Oskar Brandt on Monday.", dt.date(2024, 3, 11)),
    ("General Ida Borg met with Minister Oskar Brandt.", DATE),
    ("General Ida Borg met with Minister Oskar Brandt on 2 March 2023.", dt.date(2023, 3, 2)),
]


@pytest.mark.parametrize("text,expected", DATES)
def test_event_dates(text, expected):
    (m,) = events(run(text), "Meeting")
    assert m.date == expected


def test_no_article_date_no_event_date():
    (m,) = events(run("General Ida Borg met with Minister Oskar Brandt.", date=None), "Meeting")
    assert m.date is None


def test_december_date_read_in_january_is_last_year():
    x = run(
        "General Ida Borg met with Minister Oskar Brandt on 30 December.", date=dt.date(2024, 1, 3)
    )
    assert events(x, "Meeting")[0].date == dt.date(2023, 12, 30)


# --------------------------------------------------------------------------- evidence
def test_evidence_spans_slice_back_to_the_text():
    text = (
        "KARELBY, Ruritania, March 21. The Chief of Defence of Veldonia, General Marek "
        "Dvorak, visited Tervola Air Base, where he was welcomed by the Commander of the "
        "Ruritanian Air Force, Major General Paivi Lahti.\n\nDvorak said the visit was useful."
    )
    x = run(text)
    o = official(x, "Marek Dvorak")
    first = o.mentions[0]
    assert text[first.start : first.end].endswith("General Marek Dvorak")
    assert text[first.sentence_start : first.sentence_end].startswith("The Chief of Defence")
    assert 0.0 < first.confidence <= 1.0
    assert any(
        text[m.start : m.end] == "Dvorak" and m.confidence < first.confidence for m in o.mentions
    )
    for inst in x.institutions:
        for m in inst.mentions:
            assert text[m.start : m.end]
    for e in x.events:
        assert e.evidence is not None
        assert e.evidence.sentence_start <= e.evidence.start < e.evidence.end
        assert e.evidence.end <= e.evidence.sentence_end
        for p in e.participants:
            assert p.evidence is not None and text[p.evidence.start : p.evidence.end]
    for s in x.sentences:
        assert text[s[0] : s[1]].strip() == text[s[0] : s[1]]


def test_keys_are_unique_and_references_resolve():
    x = run(
        "First Deputy Minister of Defense – Chief of the General Staff of the Ostrian Army, "
        "Colonel General Petr Volk met with the Director General of the NATO International "
        "Military Staff, Lieutenant General Jan Adamski. The guests visited the Victory Park."
    )
    keys = [o.key for o in x.officials] + [i.key for i in x.institutions]
    keys += [s.key for s in x.sites] + [p.key for p in x.places] + [e.key for e in x.events]
    assert len(keys) == len(set(keys))
    known = set(keys)
    for o in x.officials:
        for p in o.posts:
            assert p.institution is None or p.institution in known
    for i in x.institutions:
        assert i.parent is None or i.parent in known
    for e in x.events:
        for p in e.participants:
            assert p.ref in known
        assert e.site is None or e.site in known


def test_empty_and_noise_articles():
    assert run("").officials == []
    x = run(" date 2024-10-09 + ↺ − 16 px\n\nNews.Az")
    assert x.officials == [] and x.institutions == []


def test_extractor_is_reusable():
    ex = Extractor()
    a = ex.extract(Article(id="a", text="Lt Gen Leo Falk arrived."))
    b = ex.extract(Article(id="b", text="Lt Gen Leo Falk arrived."))
    assert [o.name for o in a.officials] == [o.name for o in b.officials] == ["Leo Falk"]


def test_one_on_one_talks_are_a_meeting_not_a_talk():
    x = run("Minister Oskar Vennberg and General Ida Borg held one-on-one talks in Marvik.")
    assert events(x, "Talk") == []
    (m,) = events(x, "Meeting")
    assert refs(x, m) == {"Oskar Vennberg", "Ida Borg"}


def test_press_briefing_and_statement_despite_a_plan_in_the_quote():
    x = run(
        "Lieutenant General Arne Falk met the guests. At a joint press briefing after the "
        "visit, Falk said that the corps would hold an exercise in the autumn."
    )
    (b,) = events(x, "Briefing")
    assert refs(x, b) == {"Arne Falk"}
    (s,) = events(x, "Statement")
    assert refs(x, s) == {"Arne Falk"}


def test_informed_the_delegation_is_a_briefing_but_informed_that_is_not():
    x = run(
        "The commander of the 2nd Frigate Squadron, Commander Ada Ruud, informed the "
        "delegation about the patrols."
    )
    (b,) = events(x, "Briefing")
    assert refs(x, b, "speaker") == {"Ada Ruud"}
    x = run("Minister Ada Ruud informed the counterpart that a trade office would open.")
    assert events(x, "Briefing") == []


def test_programme_of_the_visit_is_a_plan():
    x = run(
        "Minister Oskar Vennberg arrived in Marvik. The programme of the visit also includes "
        "a trip to Selby, where he will lay a wreath at the Selby War Memorial."
    )
    assert events(x, "Commemoration") == []
    assert [e.site for e in events(x, "Visit") if e.site] == []


def test_site_name_forms():
    x = run(
        "The guests laid flowers at the Monument to the Fallen Pilots in Marvik, toured the "
        "Blue Lake National Park and the Joint Air Corps (JAC) Headquarters in Selby, and "
        "laid a wreath at the Eternal Flame."
    )
    sites = {s.name: s.aliases for s in x.sites}
    assert "Monument to the Fallen Pilots" in sites
    assert "Blue Lake National Park" in sites and "Blue Lake" not in sites
    assert "Eternal Flame" in sites
    assert any("Joint Air Corps (JAC) Headquarters" in a for a in sites.values())


def test_received_at_an_institution_is_a_visit_unless_a_meeting_follows():
    x = run("The delegation led by Rear Admiral Tove Lind was received at the Naval Academy.")
    (v,) = events(x, "Visit")
    assert refs(x, v) == {"Tove Lind", "Naval Academy"}
    x = run(
        "Rear Admiral Tove Lind was received at the Naval Academy, where she met with the "
        "Head of the Academy, Colonel Aino Sepp."
    )
    assert events(x, "Visit") == []
    assert len(events(x, "Meeting")) == 1


def test_other_event_phrasings():
    x = run(
        "Colonel Aino Sepp paid a courtesy call on General Ivo Raud. The commander of the "
        "brigade, Colonel Rein Org, gave the guests an overview of the unit's tasks. Minister "
        "Lars Grund and Minister Olga Brisk discussed regional security over the phone. "
        "Minister Lars Grund presented state awards to servicemen of the 5th Infantry Brigade."
    )
    (m,) = events(x, "Meeting")
    assert refs(x, m) == {"Aino Sepp", "Ivo Raud"}
    (b,) = events(x, "Briefing")
    assert refs(x, b, "speaker") == {"Rein Org"}
    (t,) = events(x, "Talk")
    assert refs(x, t) == {"Lars Grund", "Olga Brisk"}
    (c,) = events(x, "Ceremony")
    assert "Lars Grund" in refs(x, c)


def test_inspected_and_went_to_a_site_are_visits():
    x = run("General Ivo Raud inspected the Selby Air Base. He then went to the Marvik Museum.")
    assert {e.site for e in events(x, "Visit")} == {s.key for s in x.sites}
    x = run("General Ivo Raud inspected the guard of honour.")
    assert events(x, "Visit") == []


def test_ceremony_of_the_unit_named_before():
    x = run(
        "Colonel Rein Org took command of the Ostrian Signals School. A graduation ceremony "
        "was held later on the parade ground of the school, where 90 cadets took the oath."
    )
    assert any("Ostrian Signals School" in refs(x, c) for c in events(x, "Ceremony"))


def test_awards_and_contact_groups_are_not_institutions():
    x = run(
        "General Ragnar Holt awarded Colonel Erik Lund the Medal for Distinguished Service. "
        "They discussed the next meeting of the Ukraine Defense Contact Group."
    )
    inst = names(x, "institutions")
    assert not any("Distinguished" in i or "Contact" in i for i in inst)


def test_attending_an_opening_ceremony_is_no_meeting():
    x = run("President Tomas Varsk attended the opening ceremony of the Karelby Museum.")
    assert not events(x, "Meeting")
    assert len(events(x, "Ceremony")) == 1


def test_telling_the_guests_about_a_history_is_a_briefing():
    x = run(
        "The Director of the Museum, Helga Stein, told the guests about the history of the "
        "memorial."
    )
    (b,) = events(x, "Briefing")
    assert refs(x, b) == {"Helga Stein"}
    assert not events(x, "Statement")


def test_last_year_in_a_relative_clause_does_not_make_the_event_historical():
    x = run(
        "Director Helga Stein told the guests about the restoration of the Hall of Glory, "
        "which was completed last year."
    )
    assert len(events(x, "Briefing")) == 1
    x = run("Minister Oskar Brandt visited Marvik last year.")
    assert not events(x, "Visit")


@pytest.mark.parametrize(
    "text",
    [
        "Minister Oskar Brandt spoke by video link with Minister Lena Varga.",
        "Minister Oskar Brandt had a call with Minister Lena Varga on Tuesday.",
        "Minister Oskar Brandt held a phone conversation with Minister Lena Varga.",
    ],
)
def test_calls_and_video_links_are_talks(text):
    x = run(text)
    (t,) = events(x, "Talk")
    assert refs(x, t) == {"Oskar Brandt", "Lena Varga"}
    assert not events(x, "Meeting")


@pytest.mark.parametrize(
    "text",
    [
        "The young soldiers of the 2nd Brigade took the military oath in the presence of "
        "Minister Oskar Brandt.",
        "Minister Oskar Brandt opened the new museum of the 2nd Brigade in Marvik.",
        "Colonel Erik Lund took over command of the 2nd Brigade.",
        "Minister Oskar Brandt inaugurated the Monument to the Fallen Sailors in Marvik.",
        "Minister Oskar Brandt awarded General Ida Borg the Order of Glory.",
    ],
)
def test_oaths_openings_commands_and_awards_are_ceremonies(text):
    x = run(text)
    assert len(events(x, "Ceremony")) == 1


@pytest.mark.parametrize(
    "text, who",
    [
        (
            "Minister Oskar Brandt visited the 2nd Brigade. The memory of the fallen heroes "
            "was honoured.",
            {"Oskar Brandt"},
        ),
        (
            "General Ida Borg paid homage to the fallen soldiers at the Marvik War Memorial.",
            {"Ida Borg"},
        ),
        (
            "A minute of silence was observed in memory of the fallen in the presence of General "
            "Ida Borg.",
            {"Ida Borg"},
        ),
        (
            "Wreaths were laid by General Ida Borg and Minister Oskar Brandt at the Marvik War "
            "Memorial.",
            {"Ida Borg", "Oskar Brandt"},
        ),
    ],
)
def test_passive_and_homage_commemorations(text, who):
    x = run(text)
    (c,) = events(x, "Commemoration")
    assert refs(x, c) == who


def test_cited_ministry_is_not_the_visitor_of_an_attache_tour():
    x = run(
        "A visit of military attachés accredited in Ruritania to the Southern Region was "
        "organized, Nordpress reports citing the Ministry of Defense. First, the military "
        "attachés visited the Selvik Garrison Museum."
    )
    assert all(not refs(x, v) for v in events(x, "Visit"))


def test_name_after_a_lower_case_epithet_chain():
    x = run(
        "A museum dedicated to National Leader, architect and founder of the independent "
        "Ruritanian state Emil Varsk was opened in Karelby."
    )
    assert official(x, "Emil Varsk")


# ---------------------------------------------------------------------------------------------
# Mention rules added for dev4/dev5 (officials, posts, institutions, sites, places)
# ---------------------------------------------------------------------------------------------


def test_common_word_given_name_in_an_attendee_list():
    x = run(
        "The Veldonian side included General Ola Berg, Chief of Defence, and Jan Horak, "
        "Veldonia's Consul General in Lunden."
    )
    assert titles(official(x, "Jan Horak")) == ["Consul General"]
    assert official(x, "Jan Horak").country == "Veldonia"


def test_month_or_opener_is_no_given_name():
    x = run("The plan was approved in May Brandt, the minister, said on Friday.")
    assert not [o for o in x.officials if o.name.startswith(("May", "In"))]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "At the brigade's gate the brigade commander, Colonel Erik Sand, greeted the guests.",
            "Erik Sand",
            "brigade commander",
        ),
        (
            "The squadron commander, Major Lea Holm, showed the minister the hangars.",
            "Lea Holm",
            "squadron commander",
        ),
    ],
)
def test_unit_noun_before_lower_case_post_head(text, name, title):
    assert titles(official(run(text), name)) == [title]


@pytest.mark.parametrize(
    "clause",
    [
        "who took over as Veldonia's Minister of Finance in May",
        "who was appointed as Veldonia's Minister of Finance last year",
    ],
)
def test_post_in_a_who_as_relative_clause(clause):
    x = run(f"Minister Ilse Moor told Tomas Brun, {clause}, that the bridge would open.")
    assert titles(official(x, "Tomas Brun")) == ["Minister of Finance"]


def test_water_body_named_with_of():
    x = run("Two corvettes patrolled the Gulf of Lorvik and the Bay of Tamsk on Monday.")
    assert {"Gulf of Lorvik", "Bay of Tamsk"} <= set(names(x, "places"))
    assert "Gulf" not in names(x, "places")


def test_persons_between_are_no_places():
    x = run("The talks between Brandt and Holm went well; a call took place between Falk and Moe.")
    assert not {"Brandt", "Holm", "Falk", "Moe"} & set(names(x, "places"))


def test_abbreviated_country_before_a_body_is_an_adjective():
    x = run("A detachment of the U.S. Army arrived at the air base near Lunden.")
    assert "United States" not in names(x, "places")
    assert "U.S. Army" in names(x, "institutions")


def test_mission_to_a_country_in_a_post_chain():
    x = run(
        "They were followed by the Head of the UN Mission to Veldonia, Ambassador Eva Lind, "
        "and by the attachés."
    )
    assert titles(official(x, "Eva Lind")) == ["Head of the UN Mission to Veldonia"]
    assert "UN Mission to Veldonia" in names(x, "institutions")


def test_embassy_and_mission_in_a_country():
    x = run(
        "The event was organised by the Embassy of Veldonia in Ostria. Flowers were laid at "
        "the grave of Captain Ivo Lind, a Veldonian officer of the UN Monitoring Mission in "
        "Ostria (UNMO) who died in 1995."
    )
    assert {"Embassy of Veldonia in Ostria", "UN Monitoring Mission in Ostria"} <= set(
        names(x, "institutions")
    )
    assert titles(official(x, "Ivo Lind")) == []


def test_post_of_a_past_holder_is_not_recorded():
    x = run(
        "Flowers were laid at the grave of the first Chief of the General Staff of Veldonia, "
        "Tomas Arnell, and at the bust of former Minister Eva Lunde."
    )
    assert titles(official(x, "Tomas Arnell")) == []
    assert titles(official(x, "Eva Lunde")) == []


def test_post_before_a_rank_and_name_is_the_next_persons():
    x = run(
        "In the morning Minister of Defence Eva Brun, the Chief of the General Staff, Lieutenant "
        "General Ivo Sarr, and the Commander of the Navy, Rear Admiral Ola Dahl, laid wreaths."
    )
    assert titles(official(x, "Eva Brun")) == ["Minister of Defence"]
    assert titles(official(x, "Ivo Sarr")) == ["Chief of the General Staff"]


def test_centre_named_after_a_person_visited_is_a_site():
    x = run(
        "The cadets visited the Emil Varsk Centre in Lunden and met experts of the Veldonian "
        "Centre for Strategic Studies."
    )
    assert names(x, "sites") == ["Emil Varsk Centre"]
    assert names(x, "institutions") == ["Veldonian Centre for Strategic Studies"]


def test_countries_named_only_in_the_headline_are_places_without_mentions():
    x = extract(
        Article(
            id="t",
            title="Veldonia and Karsovia agree on joint border patrols",
            text="Veldonian and Karsovian guards will patrol the river together, the Veldonian "
            "ministry said. The U.S. Army observed.",
            date=DATE,
        )
    )
    by_name = {p.name: p for p in x.places}
    assert {"Veldonia", "Karsovia"} <= set(by_name)
    assert by_name["Veldonia"].mentions == []


def test_abbreviated_country_in_a_headline_is_no_place():
    x = extract(Article(id="t", title="U.S. Army Opens Depot", text="The depot opened.", date=DATE))
    assert names(x, "places") == []


@pytest.mark.parametrize(
    "text",
    [
        "A parade of the Lindmark Land Forces was held on Friday.",
        "Minister Eva Brun spoke by phone with her Lindmark counterpart Ola Berg.",
    ],
)
def test_invented_country_before_a_body_or_counterpart_is_a_place(text):
    assert "Lindmark" in names(run(text), "places")


def test_senior_enlisted_appointment_starting_with_a_unit_noun():
    x = run(
        "He was welcomed by the Brigade Sergeant Major, Master Sergeant Ivo Holm, and by "
        "Regimental Sergeant Major Ola Dahl."
    )
    assert titles(official(x, "Ivo Holm")) == ["Brigade Sergeant Major"]
    assert official(x, "Ivo Holm").rank == "Master Sergeant"
    assert titles(official(x, "Ola Dahl")) == ["Regimental Sergeant Major"]


# =========================================================================== dev4 event rules
# Sentences written for these tests (not from any development article): welcomes during a
# visit, follow-up mentions of a call, domestic trips, role anaphora and relative dates.


def test_welcome_on_arrival_hosts_the_visit_and_names_the_country():
    x = run(
        "Ostria's Chief of Defence, Admiral Petra Holm, arrived in Velden on an official visit. "
        "At the airport the guest was greeted by the Chief of the Naval Staff of Borovia, Vice "
        "Admiral Lukas Brandl, and by the Ostrian Naval Attaché to Borovia, Captain Eva Lind."
    )
    assert events(x, "Meeting") == []
    (v,) = events(x, "Visit")
    assert {"Petra Holm", "Lukas Brandl", "Eva Lind", "Borovia"} <= refs(x, v)


def test_received_there_after_a_site_visit_hosts_that_visit():
    x = run(
        "Minister Karl Obst toured the Sandvik Naval Base. There he was received by the "
        "commander of the base, Captain Ole Dahl, who showed the guest the new dry dock."
    )
    assert events(x, "Meeting") == []
    (v,) = events(x, "Visit")
    assert refs(x, v, "host") == {"Ole Dahl"}


def test_accompanied_by_before_the_visit_joins_that_visit():
    x = run(
        "Minister Jon Berg held talks with General Ola Ruud. Later, accompanied by Colonel "
        "Tor Moen, the minister toured the Lysfjord Air Base."
    )
    (v,) = [e for e in events(x, "Visit") if e.site]
    assert "Tor Moen" in refs(x, v)
    (m,) = events(x, "Meeting")
    assert "Tor Moen" not in refs(x, m)


@pytest.mark.parametrize(
    "text,who",
    [
        ("General Ida Borg observed that the exercise had gone well.", "Ida Borg"),
        ("General Ida Borg proposed a second round of exercises.", "Ida Borg"),
        ("General Ida Borg, for her part, was grateful for the support.", "Ida Borg"),
        ("General Ida Borg welcomed the proposal of the allies.", "Ida Borg"),
    ],
)
def test_further_reporting_verbs_are_statements(text, who):
    x = run(text)
    (s,) = events(x, "Statement")
    assert refs(x, s) == {who}


def test_gave_the_visitors_a_briefing():
    x = run(
        "Minister Karl Obst visited the Tarn Signals Regiment. In the workshop Colonel Ivo "
        "Kask gave the visitors a briefing on the new radios."
    )
    (b,) = events(x, "Briefing")
    assert "Ivo Kask" in refs(x, b, "speaker")


def test_follow_up_mentions_of_a_call_are_the_same_talk():
    x = run(
        "Minister Anna Sild held a video call with Minister Pekka Rauta. During the video "
        "call Sild said the drills would go ahead. General Tomas Aro, who joined the call, "
        "proposed a joint staff. In a separate phone call, Sild spoke with Admiral Eva Moor."
    )
    talks = events(x, "Talk")
    assert len(talks) == 2
    assert refs(x, talks[0]) == {"Anna Sild", "Pekka Rauta", "Tomas Aro"}
    assert refs(x, talks[1]) == {"Anna Sild", "Eva Moor"}


def test_spoke_with_unnamed_people_on_a_visit_is_no_talk():
    x = run(
        "Minister Karl Obst paid a visit to the Tarn Military Hospital, where he spoke with "
        "the nurses about their shifts."
    )
    assert events(x, "Talk") == []


def test_received_at_a_ministry_with_the_meeting_told_next_is_no_visit():
    x = run(
        "The delegation led by Rear Admiral Tove Lind was received at the Ministry of Defence "
        "of Borovia. Minister Ivan Petrak welcomed the guests."
    )
    assert events(x, "Visit") == []
    assert len(events(x, "Meeting")) == 1


def test_future_passive_received_by_has_the_receiver_as_host():
    x = run(
        "On 16 March the delegation led by General Ola Ruud will be received at the Ministry "
        "of Defence by Deputy Minister Ivan Petrak."
    )
    (m,) = events(x, "Meeting")
    assert refs(x, m, "host") == {"Ivan Petrak"}


def test_day_without_year_is_the_nearest_occurrence():
    x = run(
        "General Ida Borg met with Minister Oskar Brandt to prepare the handover on 2 June.",
        date=dt.date(2024, 4, 20),
    )
    assert events(x, "Meeting")[0].date == dt.date(2024, 6, 2)


def test_the_date_nearest_the_trigger_dates_the_event():
    x = run(
        "The new brigade will be formed on 1 May, after Minister Oskar Brandt met with General "
        "Ida Borg on Tuesday.",
    )
    assert events(x, "Meeting")[0].date == dt.date(2024, 3, 12)


def test_spent_a_weekday_dates_the_trip():
    x = run("General Ida Borg spent Monday on a working trip to the Tarn Signals Regiment.")
    (v,) = events(x, "Visit")
    assert v.date == dt.date(2024, 3, 11)
    assert refs(x, v) == {"Ida Borg", "Tarn Signals Regiment"}


def test_stops_of_a_domestic_trip_are_visits():
    x = run(
        "Minister Karl Obst spent Friday on a working trip to the Tarn region. His first stop "
        "was the Tarn Military Hospital. Together with its director, Colonel Ivo Kask, the "
        "minister went through the wards. He then drove on to the barracks of the 4th Signals "
        "Battalion."
    )
    visits = events(x, "Visit")
    assert len(visits) == 3
    assert refs(x, visits[1]) == {"Karl Obst", "Tarn Military Hospital", "Ivo Kask"}
    assert refs(x, visits[2]) == {"Karl Obst", "4th Signals Battalion"}


def test_announced_trip_with_a_date_is_a_visit_but_an_invitation_is_not():
    x = run("General Ida Borg is due to travel to Borovia on 20 March for staff talks.")
    (v,) = events(x, "Visit")
    assert refs(x, v) == {"Ida Borg", "Borovia"}
    x = run("President Ivan Petrak invited Minister Hanna Salo to visit Borovia in the summer.")
    assert events(x, "Visit") == []


def test_conversation_with_a_time_phrase_before_with_is_a_meeting():
    x = run(
        "At the summit, Minister Anna Sild had a brief conversation on Friday with Minister "
        "Pekka Rauta. General Tomas Aro also took part in the conversation."
    )
    (m,) = events(x, "Meeting")
    assert refs(x, m) == {"Anna Sild", "Pekka Rauta", "Tomas Aro"}
    assert events(x, "Talk") == []


def test_wreath_after_a_museum_tour_is_at_the_named_monument():
    x = run(
        "General Ola Ruud toured the Museum of the Navy and laid a wreath at the Sailors' Monument."
    )
    (c,) = events(x, "Commemoration")
    assert {s.key: s.name for s in x.sites}[c.site] == "Sailors' Monument"


def test_visit_then_tour_of_the_same_institution_is_one_visit():
    x = run(
        "A delegation of the Borovian War College led by its Rector, General Ola Ruud, paid a "
        "visit to the Ostrian Staff Academy. Afterwards the delegation toured the Ostrian Staff "
        "Academy's library and laid flowers at the Monument to the Cadets."
    )
    (v,) = events(x, "Visit")
    assert v.site is None
    (c,) = events(x, "Commemoration")
    assert {s.key: s.name for s in x.sites}[c.site] == "Monument to the Cadets"


def test_lower_case_role_after_a_quote_is_the_official():
    x = run(
        "Minister Ivan Petrak spoke by phone with his Borovian counterpart Hanna Salo. "
        '"We stand together," the Borovian minister said. "Our staffs are ready," the general '
        "said, adding that Colonel Eva Moor agreed. Lieutenant General Ola Ruud had joined the "
        'call. "Drills start soon," the general said.'
    )
    speakers = {next(iter(refs(x, s))) for s in events(x, "Statement")}
    assert speakers == {"Hanna Salo", "Ola Ruud"}


def site_name(x: Extraction, e) -> str | None:
    return {s.key: s.name for s in x.sites}.get(e.site)


def test_agentless_tribute_takes_the_body_of_its_own_sentence_not_the_one_before():
    x = run(
        "Soldiers of the Eastern Corps laid flowers at the Liberty Monument in Tarnow. In a "
        "unit of the Coastal Guard, the flags were lowered at noon."
    )
    cs = events(x, "Commemoration")
    assert len(cs) == 2
    assert refs(x, cs[1]) == {"Coastal Guard"}
    assert cs[1].site is None


def test_announced_tribute_is_not_by_the_announcer_nor_by_yesterdays_visitors():
    x = run(
        "Minister Karl Obst visited the Tarn Military Hospital. The Defence Ministry said that "
        "on 20 March wreaths will be laid at the Harbour Memorial in Tarnow."
    )
    (c,) = events(x, "Commemoration")
    assert refs(x, c) == set()
    assert site_name(x, c) == "Harbour Memorial"
    assert c.date == dt.date(2024, 3, 20)


def test_wreath_in_a_memorial_visited_just_before_is_at_that_memorial():
    x = run(
        "General Ola Ruud visited the Alley of Heroes in Tarnow. The guests laid a wreath at the "
        "Eternal Flame and a minute of silence was observed."
    )
    (c,) = events(x, "Commemoration")
    assert site_name(x, c) == "Alley of Heroes"
    assert events(x, "Visit") == []


def test_visit_with_a_briefing_after_the_tribute_stays_a_visit():
    x = run(
        "General Ola Ruud visited the Alley of Heroes in Tarnow. A wreath was laid at the "
        "Eternal Flame. The director of the alley, Dr. Ivo Kask, told the guests about its "
        "history."
    )
    (v,) = events(x, "Visit")
    assert site_name(x, v) == "Alley of Heroes"
    (c,) = events(x, "Commemoration")
    assert site_name(x, c) == "Alley of Heroes"


def test_delegation_named_by_its_body_travelling_to_lay_wreaths():
    x = run(
        "The Northern Corps (NORCOR) held its annual parade. On 20 March a NORCOR delegation "
        "will travel to Tarnow to lay wreaths at the Harbour Memorial."
    )
    (c,) = events(x, "Commemoration")
    assert refs(x, c) == {"Northern Corps"}
    assert events(x, "Visit") == []


def test_guide_who_told_the_minister_about_a_museum_briefs_her():
    x = run(
        "Minister Ida Borg visited the Tarn House Museum. Its director, Dr. Ivo Kask, guided "
        "her through the rooms and told her about the letters that the family donated last year."
    )
    (b,) = events(x, "Briefing")
    assert refs(x, b, "speaker") == {"Ivo Kask"}
    (v,) = events(x, "Visit")
    assert "Ivo Kask" in refs(x, v)


def test_remembrance_service_on_a_weekday_with_its_date():
    x = run(
        "A remembrance service for the crew will be held at the Tarn Naval Memorial on "
        "Sunday, 17 March, the Navy said."
    )
    (c,) = events(x, "Commemoration")
    assert c.date == dt.date(2024, 3, 17)


def test_similar_events_at_a_body_are_one_more_tribute():
    x = run(
        "Wreaths were laid by the Tarn Brigade at the Harbour Memorial. Similar events were "
        "held at the Coastal Guard and its regional commands."
    )
    cs = events(x, "Commemoration")
    assert [refs(x, c) for c in cs] == [{"Tarn Brigade"}, {"Coastal Guard"}]


@pytest.mark.parametrize(
    "text,etype",
    [
        (
            "The foundation stone of the new chapel was laid by Minister Karl Obst on Friday.",
            "Commemoration",
        ),
        ("Minister Karl Obst discussed the proposed budget with the staff.", "Statement"),
    ],
)
def test_laid_foundations_and_adjective_participles_are_no_events(text, etype):
    assert events(run(text), etype) == []


def test_the_guests_are_the_visitors_not_the_official_they_met():
    x = run(
        "Admiral Tove Rask arrived in Borovia on an official visit. She held talks with General "
        "Ola Ruud. Afterwards the guests toured the Tarn Naval Base."
    )
    (v,) = [e for e in events(x, "Visit") if e.site]
    assert refs(x, v, "visitor") == {"Tove Rask"}


def test_past_event_inside_a_that_clause_stays_historical():
    x = run(
        "Minister Karl Obst recalled that the two armies signed a cooperation plan in 2019, and "
        "Colonel Ivo Kask showed the letters that the family donated last year."
    )
    assert events(x, "Signing") == []
    assert len(events(x, "Statement")) == 1


def test_trip_someone_is_due_to_make_without_a_date_is_a_plan():
    x = run("General Ida Borg is due to travel to Borovia for staff talks with General Ola Ruud.")
    assert events(x, "Visit") == []
    assert events(x, "Meeting") == []


def test_spoke_with_on_the_sidelines_is_a_meeting():
    x = run("On the sidelines of the forum, Minister Anna Sild spoke with Minister Pekka Rauta.")
    assert events(x, "Talk") == []
    (m,) = events(x, "Meeting")
    assert refs(x, m) == {"Anna Sild", "Pekka Rauta"}


# --------------------------------------------------------------------------- dev6
def test_dev6_demonym_and_its_bare_noun_name_an_invented_country():
    x = run(
        "Tolvesan Prime Minister visits Borovia. Prime Minister of Tolvesa Jana Kersti-Vold met "
        "the mayor. Tolvesa pledged more aid."
    )
    o = official(x, "Jana Kersti-Vold")
    assert o.country == "Tolvesa"
    assert "Tolvesa" in names(x, "places")


def test_dev6_a_known_body_after_and_is_a_second_body():
    x = run("The ministers discussed coordination between the European Union and NATO.")
    assert {"European Union", "NATO"} <= set(names(x, "institutions"))
    assert not any(" and " in n for n in names(x, "institutions"))


def test_dev6_agentless_siteless_tribute_is_a_commemoration():
    x = run("On Sunday a nationwide minute of silence was observed at noon.")
    (c,) = events(x, "Commemoration")
    assert c.participants == [] and c.site is None


def test_dev6_a_tribute_of_wider_scope_does_not_join_the_wreath_laying_before_it():
    x = run(
        "General Ida Borg laid a wreath at the Harbour Memorial. In all units, flowers were "
        "laid in memory of the fallen."
    )
    cs = events(x, "Commemoration")
    assert len(cs) == 2
    assert refs(x, cs[1]) == set() and cs[1].site is None


# --------------------------------------------------------------------------- dev6, part 2
def test_dev6b_briefing_on_the_plans_to_is_no_plan_of_the_briefing():
    x = run(
        "Colonel Mira Telk briefed the visitors on the exercise schedule and the plans to "
        "enlarge the regiment after the summit in Oslo."
    )
    (b,) = events(x, "Briefing")
    assert refs(x, b, "speaker") == {"Mira Telk"}


def test_dev6b_visitors_welcomed_by_a_commander_are_hosts_of_the_visit():
    x = run(
        "Defence Minister Juno Pald and Minister of Defence of Borovia Sara Vint visited the "
        "Tarn naval base. On the pier the ministers were welcomed by the base commander, "
        "Captain Olli Nerr."
    )
    assert not events(x, "Meeting")
    (v,) = events(x, "Visit")
    assert "Olli Nerr" in refs(x, v, "host")


def test_dev6b_a_ceremony_named_only_as_a_time_anchor_is_no_ceremony():
    x = run(
        "Ahead of the award ceremony, President Lena Voss held talks with Prime Minister Arno "
        "Kell at the Winter Palace."
    )
    assert not events(x, "Ceremony")
    assert len(events(x, "Meeting")) == 1


def test_dev6b_arrival_at_the_headquarters_of_a_unit_visits_the_unit():
    x = run("The attachés then arrived at the headquarters of the 5th Coastal Brigade.")
    (v,) = events(x, "Visit")
    assert refs(x, v, "visited") == {"5th Coastal Brigade"}


def test_dev6b_an_excursion_to_a_site_is_a_visit():
    x = run("Finally, an excursion was arranged for the attachés to the Old Tarn Fortress.")
    (v,) = events(x, "Visit")
    assert v.site is not None


def test_dev6b_the_guide_of_an_unnamed_group_goes_to_each_stop():
    x = run(
        "Twelve foreign defence attachés left the capital accompanied by Major Eva Lund of the "
        "International Cooperation Department. The attachés visited the Northern Naval Academy. "
        "Later the guests toured the Old Tarn Fortress."
    )
    vs = events(x, "Visit")
    assert len(vs) == 2
    assert all("Eva Lund" in refs(x, v) for v in vs)


def test_dev6b_a_holiday_named_after_a_body_and_allied_forces_are_no_institutions():
    x = run(
        "On Navy Day, Admiral Ivo Kask said the port would serve as a hub for Allied forces "
        "in the region."
    )
    assert not {"Navy Day", "Allied forces"} & set(names(x, "institutions"))


def test_dev6b_a_surname_that_becomes_or_takes_over_as_a_post_gets_the_post():
    x = run(
        "Rear Admiral Ulla Brek handed over command of the Borovian Fleet on Friday. After two "
        "years at sea, Brek becomes Deputy Chief of Defence – Head of the Joint Logistics "
        "Command. Colonel Aron Vik left the academy in May. Vik took over as Commandant of the "
        "Tarn Naval School."
    )
    assert titles(official(x, "Ulla Brek")) == [
        "Deputy Chief of Defence",
        "Head of the Joint Logistics Command",
    ]
    assert "Commandant of the Tarn Naval School" in titles(official(x, "Aron Vik"))


# --------------------------------------------------------------------------- catalogue audit
def test_acronym_of_a_ministry_inside_a_post_is_an_alias_not_part_of_the_name():
    x = run(
        "Rear Admiral Ole Brun, Spokesman of the Ministry of National Defence (MND), spoke in "
        "Tallvik."
    )
    (p,) = official(x, "Ole Brun").posts
    assert p.title == "Spokesman of the Ministry of National Defence"
    (inst,) = x.institutions
    assert inst.name == "Ministry of National Defence"
    assert "MND" in inst.aliases
    assert p.institution == inst.key


def test_adviser_posts_with_a_portfolio_or_to_a_post():
    x = run(
        "Rear Admiral Ole Brun, Press and Public Relations Adviser of the Ministry of National "
        "Defence (MND), gave the briefing. Colonel Ari Kask, Senior Political Adviser, and "
        "Colonel Tove Lind, Adviser to the Kestrian Prime Minister, also attended."
    )
    assert titles(official(x, "Ole Brun")) == [
        "Press and Public Relations Adviser of the Ministry of National Defence"
    ]
    assert names(x, "institutions") == ["Ministry of National Defence"]
    assert titles(official(x, "Ari Kask")) == ["Senior Political Adviser"]
    lind = official(x, "Tove Lind")
    assert titles(lind) == ["Adviser to the Kestrian Prime Minister"]
    assert lind.country == "Kestria"


def test_adviser_to_a_minister_of_a_portfolio_with_its_acronym():
    x = run(
        "Colonel Aro Vell, Adviser to the Minister of National Defence (MND), met Kestrian "
        "officers. The Ministry of National Defence hosted them."
    )
    (p,) = official(x, "Aro Vell").posts
    assert p.title == "Adviser to the Minister of National Defence"
    (inst,) = x.institutions
    assert inst.name == "Ministry of National Defence" and "MND" in inst.aliases
    assert p.institution == inst.key


def test_invented_country_of_a_diplomat_before_the_name_is_a_place():
    x = run(
        "Kestrian Ambassador to Morvania Liisa Kangur and Defence Attaché of Kestria in Brevonia "
        "Colonel Jaan Tamm visited the academy."
    )
    assert {"Morvania", "Brevonia"} <= set(names(x, "places"))
    assert titles(official(x, "Liisa Kangur")) == ["Ambassador to Morvania"]
    assert titles(official(x, "Jaan Tamm")) == ["Defence Attaché"]


def test_country_possessive_before_armed_forces_gives_their_country():
    x = run("Brevonia's Armed Forces thanked the Kestrian Navy for the joint drill.")
    forces = next(i for i in x.institutions if i.name.endswith("Armed Forces"))
    assert forces.name == "Brevonia's Armed Forces"
    assert forces.country == "Brevonia"
    x = run("The Brevonian Armed Forces and Brevonia's Armed Forces are one body.")
    (forces,) = x.institutions
    assert forces.name == "Brevonian Armed Forces"
    assert "Brevonia's Armed Forces" in forces.aliases


def test_invented_country_named_once_after_visited_is_the_visited_country():
    x = run(
        "A delegation led by Ivo Rand, the Chief of the Kestrian General Staff, visited Morvania."
    )
    assert "Morvania" in names(x, "places")
    (v,) = events(x, "Visit")
    assert refs(x, v) == {"Ivo Rand", "Morvania"}


def test_of_country_right_after_a_name_gives_the_country():
    x = run(
        "Colonel Ivo Rand of Kestria arrived in Morvania on Monday. Minister Aino Kask of "
        "Latvia met him."
    )
    assert official(x, "Ivo Rand").country == "Kestria"
    assert official(x, "Aino Kask").country == "Latvia"


def test_person_honoured_by_a_tribute_is_an_official_not_a_place_nor_the_next_she():
    x = run(
        "Kestrian Defence Minister Aino Kask visited the Alley of Heroes to pay tribute to Aurel "
        "Mardo. She laid a wreath at the tomb of Aurel Mardo and flowers at the grave of Lena "
        "Vask."
    )
    assert "Aurel Mardo" not in names(x, "places")
    assert {"Aurel Mardo", "Lena Vask"} <= set(names(x, "officials"))
    (c,) = events(x, "Commemoration")
    assert refs(x, c) == {"Aino Kask"}
    assert not events(x, "Visit")


@pytest.mark.parametrize(
    "text",
    [
        "On Friday, 140 cadets of the Kestrian Naval Academy graduated in the presence of "
        "Defence Minister Aino Kask.",
        "The frigate Valour was commissioned into the Kestrian Navy on Friday in the presence "
        "of Admiral Olli Peltonen.",
        "President Aurel Mardo cut the ribbon at the new Tallvik Naval Museum.",
    ],
)
def test_graduation_commissioning_and_ribbon_cutting_are_ceremonies(text):
    x = run(text)
    assert len(events(x, "Ceremony")) == 1
    assert all(" on " not in n for n in names(x, "institutions"))


# --------------------------------------------------------------------------- site forms (2)
def site_places(x: Extraction) -> dict[str, str | None]:
    places = {p.key: p.name for p in x.places}
    return {s.name: places.get(s.place) if s.place else None for s in x.sites}


def test_monument_named_by_the_person_it_honours_is_a_site():
    x = run(
        "The attachés laid flowers at the monument of Founding Father Tarmo Velling erected in "
        "the central square of Ristvik city. A bust of Admiral Ott Lepp stands nearby."
    )
    assert site_places(x) == {"monument of Founding Father Tarmo Velling": "Ristvik"}


def test_site_placed_by_a_participle_or_a_possessive():
    x = run(
        "The guests visited the Museum of the Coastal Guard, located in Tervik, and then "
        "Halden's Liberation Park."
    )
    assert site_places(x) == {"Museum of the Coastal Guard": "Tervik", "Liberation Park": "Halden"}
    assert {"Tervik", "Halden"} <= set(names(x, "places"))


def test_a_shortened_second_mention_of_a_site_is_an_alias():
    x = run(
        "Admiral Leif Dahl visited the Korsvik Naval Base. At Korsvik base, he met the crews. "
        "The Memorial Complex of Ternby was the last stop; the Memorial Complex was opened in "
        "1995."
    )
    sites = {s.name: s.aliases for s in x.sites}
    assert set(sites) == {"Korsvik Naval Base", "Memorial Complex of Ternby"}
    assert "Korsvik base" in sites["Korsvik Naval Base"]
    assert "Memorial Complex" in sites["Memorial Complex of Ternby"]


@pytest.mark.parametrize(
    "text",
    [
        "The guests visited a military unit, the museum and the base near the border.",
        "The delegation visited the Naval Academy, the Cadet Lyceum and the Military Hospital.",
        "The attachés observed drills at the training ground of the 4th Brigade near Ternby.",
        "The attachés were received at the headquarters of the 2nd Infantry Brigade.",
        "The Base Commander and the Museum Director welcomed the guests at the Ministry of "
        "Defence.",
        "The guests laid flowers at the bust of Colonel Aivar Kukk and at the monument to the "
        "fallen.",
    ],
)
def test_generic_places_and_institutions_are_no_sites(text):
    assert run(text).sites == []


# --------------------------------------------------------------------------- dates (2)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Colonel Aivar Kukk met with Minister Tiina Roos on the 11th of March.", (2024, 3, 11)),
        ("Colonel Aivar Kukk met with Minister Tiina Roos on 12.03.2024.", (2024, 3, 12)),
        ("Colonel Aivar Kukk met with Minister Tiina Roos three days ago.", (2024, 3, 11)),
        ("Colonel Aivar Kukk will meet Minister Tiina Roos on 19 March.", (2024, 3, 19)),
        ("On 21 March, Colonel Aivar Kukk will visit Korvania.", (2024, 3, 21)),
    ],
)
def test_more_event_date_forms(text, expected):
    (e,) = [e for e in run(text).events if e.type in ("Meeting", "Visit")]
    assert e.date == dt.date(*expected)


def test_a_date_after_a_visited_body_is_no_part_of_its_name():
    x = run("Colonel Aivar Kukk visited the Korvanian Naval Academy on 12 March.")
    assert names(x, "institutions") == ["Korvanian Naval Academy"]
    (v,) = events(x, "Visit")
    assert v.date == dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    "text",
    [
        "Colonel Aivar Kukk will meet Minister Tiina Roos later this week.",
        "Colonel Aivar Kukk will visit Korvania next month.",
        "Colonel Aivar Kukk met with Minister Tiina Roos last year.",
    ],
)
def test_vague_or_background_events_are_no_events(text):
    assert [e for e in run(text).events if e.type in ("Meeting", "Visit")] == []


# --------------------------------------------------------------------------- dev7 ceremonies
def test_wreath_laying_ceremony_is_only_a_commemoration():
    x = run(
        "Veldonia on Monday marked the 60th anniversary of the Battle of Ostrel Ford with a "
        "wreath-laying ceremony at the Monument to the River Defenders in Marvik."
    )
    assert not events(x, "Ceremony")
    assert events(x, "Commemoration")


def test_ribbon_cutting_joins_the_opening():
    x = run(
        "Minister of Defence Oskar Brandt on Monday opened the Veldonian Cyber Training Centre at "
        "Marvik Air Base. Brandt cut the ribbon together with the Commander of the Veldonian Air "
        "Force, Major General Ivo Sarr."
    )
    (c,) = events(x, "Ceremony")
    assert {"Oskar Brandt", "Ivo Sarr"} <= refs(x, c)
    site = {s.key: s.name for s in x.sites}.get(c.site)
    assert site != "Marvik Air Base"


def test_ian_surname_after_a_post_is_no_demonym():
    x = run(
        "Deputy Minister of Defence Mirela Dovratian arrived in Marvik on Monday. Later, "
        "Deputy Minister Dovratian laid flowers at the memorial. Dovratian then met the mayor."
    )
    assert official(x, "Mirela Dovratian")


def test_invented_strait_and_a_sea_named_by_a_regional_adjective_are_places():
    x = run(
        "The Ostrevic Defence Council and the Ostrevic Security Forum met in Tarvik. Minister "
        "Aino Kask of Dravia discussed patrols in the Ostrevic Sea and near the Tolvar Strait."
    )
    assert {"Ostrevic Sea", "Tolvar Strait"} <= set(names(x, "places"))
    assert "Ostrevic" not in names(x, "places")


def test_agency_of_a_menafn_prefix_is_no_person_where_the_body_cites_it():
    x = run(
        "(MENAFN- Tarvik Courier) TARVIK, Dravia, March 12. President of Dravia Aino Kask met "
        "President of Velmar Lukas\nOrm, Tarvik Courier reports."
    )
    assert "Tarvik Courier" not in names(x, "officials")
    assert titles(official(x, "Lukas Orm")) == ["President of Velmar"]
    x = extract(
        Article(
            id="t",
            text="President of Dravia Aino Kask met President of Velmar Lukas\nOrm, Tarvik "
            "Courier reports citing the presidential press service.",
            date=DATE,
            source="Tarvik Courier",
        )
    )
    assert "Tarvik Courier" not in names(x, "officials")


def test_office_of_a_post_ending_in_general_keeps_the_whole_post():
    x = run("Aino Kask, Chief of Staff of the Office of the Secretary General, attended.")
    assert "Office of the Secretary General" in names(x, "institutions")
    assert titles(official(x, "Aino Kask")) == [
        "Chief of Staff of the Office of the Secretary General"
    ]


def test_summoning_a_charge_d_affaires_is_a_meeting_with_the_official_handing_the_note():
    x = run(
        "The Velmari Coast Guard detained a Dravian boat. On Wednesday, the Chargé d'affaires "
        "a.i. of Velmar in Dravia, Lukas Orm, was summoned to the Ministry. Director of the "
        "Consular Department Aino Kask handed him a note of protest."
    )
    assert titles(official(x, "Lukas Orm")) == ["Chargé d'affaires a.i."]
    (m,) = events(x, "Meeting")
    assert {(p.ref, p.role) for p in m.participants} == {
        ("official:lukas-orm", "guest"),
        ("official:aino-kask", "host"),
    }


def test_a_list_of_post_name_pairs_gives_each_post_to_its_own_name():
    x = run(
        "The meeting was attended by Chief of Staff of the Presidential Office Aino Kask, "
        "Secretary of the National Security Council Lukas Orm and Ambassador Olek Varn."
    )
    assert titles(official(x, "Aino Kask")) == ["Chief of Staff of the Presidential Office"]
    assert titles(official(x, "Lukas Orm")) == ["Secretary of the National Security Council"]


def test_bilateral_meetings_with_x_and_with_y_are_two_meetings_despite_a_whose_clause_year():
    x = run(
        "On the margins of the summit, Chairman Aldo Renz held bilateral meetings with Ostrian "
        "Minister of Defence Tove Lind, whose country joined the pact in 2020, and with "
        "Dravia's Minister of Defence, Bo Kask."
    )
    assert sorted(sorted(refs(x, m)) for m in events(x, "Meeting")) == [
        ["Aldo Renz", "Bo Kask"],
        ["Aldo Renz", "Tove Lind"],
    ]


# --------------------------------------------------------------------------- site names (dev7)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title of the person inside a site name
        (
            "The attachés stopped at the King Toma Mausoleum, a 14th-century tomb.",
            "King Toma Mausoleum",
        ),
        # a camp named after a person keeps the whole name
        ("The parade took place at Camp Ivo Daskal near the village of Perna.", "Camp Ivo Daskal"),
        # a place word inside the name is not a site of its own
        (
            "Veterans gathered at the Olm Hill Military Cemetery on Sunday.",
            "Olm Hill Military Cemetery",
        ),
        # named memorial objects
        (
            "The minister laid flowers at the Varnian Pilots' Cross near the chapel.",
            "Varnian Pilots' Cross",
        ),
        ("Wreaths were laid at the Cross of Valour by the veterans.", "Cross of Valour"),
        (
            "The officers laid a wreath at the Stone of the Lost Sailors.",
            "Stone of the Lost Sailors",
        ),
        ("A salute of 19 guns was fired from Norrby Bastion at noon.", "Norrby Bastion"),
    ],
)
def test_site_names_with_persons_titles_and_memorial_objects(text, expected):
    assert names(run(text), "sites") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Colonel Aivar Kukk was awarded the Korvanian Naval Cross for bravery.",
        "The Cross of Merit was presented to Colonel Aivar Kukk.",
        "The Red Cross delivered blankets to Ternby.",
        "The film starring Emma Stone was shown in Ternby.",
    ],
)
def test_decorations_and_known_bodies_are_no_memorial_sites(text):
    assert run(text).sites == []


@pytest.mark.parametrize(
    ("text", "site", "inst"),
    [
        (
            "On Friday the minister will visit the Olm Tractor Plant of Varn Heavy Industries, "
            "where he will meet the workers.",
            "Olm Tractor Plant",
            "Varn Heavy Industries",
        ),
        (
            "Then the guests visited the Pell border outpost of the State Customs Service.",
            "Pell border outpost",
            "State Customs Service",
        ),
    ],
)
def test_the_owner_of_a_plant_or_outpost_is_an_institution_not_part_of_the_site(text, site, inst):
    x = run(text)
    assert names(x, "sites") == [site]
    assert inst in names(x, "institutions")


def test_a_past_date_in_an_apposition_on_a_site_keeps_the_visit():
    x = run(
        "Colonel Aivar Kukk visited the Pell Fortress, a bastion rebuilt last year, and then "
        "the Ternby City Museum."
    )
    assert {e.site for e in events(x, "Visit")} == {"site:pell-fortress", "site:ternby-city-museum"}


def test_the_guide_of_a_tour_visits_with_the_group_but_lays_no_flowers():
    x = run(
        "Twelve attachés toured the Ternby region, accompanied by Colonel Aivar Kukk. The "
        "attachés visited the Ternby City Museum and laid flowers at the Olm Memorial."
    )
    (v,) = events(x, "Visit")
    assert refs(x, v) == {"Aivar Kukk"}
    (c,) = events(x, "Commemoration")
    assert refs(x, c) == set()


def test_a_further_stop_announced_with_will_also_takes_the_day_of_the_programme():
    x = run(
        "Tomorrow, 15 March, Minister Aivar Kukk will visit the Olm Tractor Plant. The minister "
        "will also tour the Pell Naval Shipyard, where a frigate is being built."
    )
    visits = {e.site: e.date for e in events(x, "Visit")}
    assert visits == {
        "site:olm-tractor-plant": dt.date(2024, 3, 15),
        "site:pell-naval-shipyard": dt.date(2024, 3, 15),
    }


def test_will_also_with_a_vague_time_stays_a_plan():
    x = run(
        "Tomorrow, 15 March, Minister Aivar Kukk will visit the Olm Tractor Plant. He will "
        "also tour the Pell Naval Shipyard next month."
    )
    assert [e.site for e in events(x, "Visit")] == ["site:olm-tractor-plant"]


def test_a_multiword_head_after_and_keeps_the_facility_name():
    x = run("President Tiina Roos on Thursday opened the Joint Flight and Training Centre at Olm.")
    assert names(x, "sites") == ["Joint Flight and Training Centre"]
    assert names(x, "institutions") == []


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Hanne Vold welcomed her Ostrian and Pelmark counterparts, Mira Castell "
        "and Joren Blum, for lunch in Tarvik. Castell said the talks were useful.",
        "The two ministers, Mira Castell and Joren Blum, visited the port. Castell said the "
        "talks were useful.",
    ],
)
def test_names_listed_after_a_plural_role_noun_are_officials(text):
    x = run(text)
    official(x, "Mira Castell")
    official(x, "Joren Blum")
    assert any(
        p.ref == "official:mira-castell" for e in events(x, "Statement") for p in e.participants
    )


def test_committee_speakers_named_with_who_heads_or_a_place_given_name():
    x = run(
        "Minister Carlo Venn briefed the Budget Committee in a closed session on Tuesday. "
        "Marek Volan, who chairs the committee, said the answers were frank. "
        "Sofia Tarrant, the committee's deputy chair, who also attended the session, said the "
        "plan was late."
    )
    official(x, "Marek Volan")
    assert titles(official(x, "Sofia Tarrant")) == ["deputy chair"]
    speakers = {p.ref for e in events(x, "Statement") for p in e.participants}
    assert {"official:marek-volan", "official:sofia-tarrant"} <= speakers
    assert not events(x, "Meeting")  # attending the session joins the briefing
    (b,) = events(x, "Briefing")
    assert "official:sofia-tarrant" in {p.ref for p in b.participants}


def test_a_plan_inside_a_which_clause_does_not_cancel_the_event():
    x = run(
        "Rear Admiral Ole Brun visited Tarvik Naval Base on Monday. Commander Liv Haga briefed "
        "the admiral on the new docks, which are due to be finished in 2027."
    )
    (b,) = events(x, "Briefing")
    refs = {p.ref for p in b.participants}
    assert {"official:liv-haga", "official:ole-brun"} <= refs


def test_briefed_the_admiral_names_the_admiral_met_before():
    x = run(
        "Rear Admiral Ole Brun visited Tarvik Naval Base on Monday. Commander Liv Haga briefed "
        "the admiral on the state of the docks."
    )
    (b,) = events(x, "Briefing")
    assert "official:ole-brun" in {p.ref for p in b.participants}


# ------------------------------------------------------------- one phrasing, one assertion
# Small rule tests of the same shape, as tables: each row is one invented phrasing and keeps
# the name of the test it was (its id), so a failure still names its rule.


# the entities of one kind read from the text, in order
def test_a_weekday_in_a_planned_clause_is_the_coming_one():
    # DATE is a Thursday: the plan is for the next day, the report of the past for Monday
    x = run(
        "Brigadier General Tomas Vell is set to meet Defence Minister Anna Kirsch on Friday. "
        "On Saturday, Vell will visit the Olm Naval Base. The ministry said on Monday that "
        "Vell had met Colonel Per Lund."
    )
    assert sorted(e.date for e in x.events if e.type in ("Meeting", "Visit")) == [
        dt.date(2024, 3, 11),
        dt.date(2024, 3, 15),
        dt.date(2024, 3, 16),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Minister Anna Kirsch will speak with General Tomas Vell about the air defence reform.",
        "Minister Anna Kirsch will arrive in Olm to open the exhibition.",
        "General Tomas Vell will hold talks with Minister Anna Kirsch.",
    ],
)
def test_an_undated_plan_with_any_lexicon_verb_is_no_event(text):
    assert run(text).events == []


def test_a_change_of_command_ceremony_after_a_commissioning_is_its_own_ceremony():
    x = run(
        "The frigate Olm was commissioned into the Ostrian Navy at Narva Naval Base on "
        "Saturday. Right after the commissioning, a change of command ceremony took place at "
        "the north pier. Captain Per Lund handed over the 3rd Frigate Squadron to Captain Jens "
        "Holt."
    )
    first, second = events(x, "Ceremony")
    assert refs(x, first) == {"Ostrian Navy"}
    assert {"Per Lund", "Jens Holt"} <= refs(x, second)


def test_the_official_who_approved_a_tour_plan_is_no_visitor():
    x = run(
        "A visit of military attachés to Olm County was organized on Wednesday in line with the "
        "plan approved by the Chief of Defence, General Ivo Rand. The guests arrived at Narva "
        "Air Base."
    )
    assert all(refs(x, e) == set() for e in events(x, "Visit"))


def test_a_pronoun_in_a_where_clause_is_the_demonym_guest_of_the_main_clause():
    x = run(
        "A delegation of the Norwegian Armed Forces led by General Ivo Rand is on a working "
        "visit to Finland. After the talks, Rand and Ambassador Lars Berg laid a wreath at the "
        "Olm War Memorial. Today the Norwegian guest travelled to Narva, where he laid flowers "
        "at the Narva Military Cemetery."
    )
    (e,) = [c for c in events(x, "Commemoration") if c.site == "site:narva-military-cemetery"]
    assert "Ivo Rand" in refs(x, e)
    assert "Lars Berg" not in refs(x, e)


NAMES_ARE = [
    pytest.param(
        "The Ostrian Army’s representatives thanked the Ostrian Army for its support.",
        "institutions",
        ["Ostrian Army"],
        id="glued_possessive_is_stripped",
    ),
    pytest.param(
        "Ostria's Deputy Minister of Foreign Affairs Ilse Marten arrived, the press service of "
        "the Ministry of Foreign Affairs of Veldonia said. Consultations were held at the "
        "Foreign Ministry.",
        "institutions",
        ["Ministry of Foreign Affairs of Veldonia"],
        id="foreign_ministry_is_the_named_ministry_of_foreign_affairs",
    ),
    pytest.param(
        "Minister Oskar Brandt met with Colonel Ivo Sarr, Commander of the 3rd Air Defence "
        "Regiment, and Lieutenant Colonel Mia Holm, the regiment's Chief of Staff.",
        "institutions",
        ["3rd Air Defence Regiment"],
        id="lower_case_head_alone_is_no_new_institution",
    ),
    pytest.param(
        "The minister awarded the Border Service Medal to nine guards of the Border Service.",
        "institutions",
        ["Border Service"],
        id="award_named_after_a_body_is_no_institution",
    ),
    pytest.param(
        "Veldonia will pay for the fuel of the Veldonian reserve, the ministry said.",
        "sites",
        [],
        id="demonym_before_a_lower_case_site_head_is_no_site",
    ),
    pytest.param(
        "The museum was renovated with money from the EU Cohesion Fund and the National "
        "Heritage Fund.",
        "institutions",
        [],
        id="funds_are_no_institutions",
    ),
    pytest.param(
        "The poem was read in English and in Latin by cadets in Lunden.",
        "places",
        ["Lunden"],
        id="language_after_in_is_no_place",
    ),
    pytest.param(
        "The wreath was laid with the Veldonian-Ostrian Friendship Society on Sunday.",
        "institutions",
        ["Veldonian-Ostrian Friendship Society"],
        id="society_is_an_institution_head",
    ),
    pytest.param(
        "Four jets of the Navy and Coastal Defence flew over the harbour.",
        "institutions",
        ["Navy and Coastal Defence"],
        id="body_joined_with_a_portfolio_is_one_name",
    ),
    pytest.param(
        "A delegation of the Military Staff of the European Union arrived in Lunden. The Chief "
        "of the EU Military Staff, General Ivo Sarr, laid a wreath.",
        "institutions",
        ["Military Staff", "European Union"],
        id="body_of_a_known_organisation_and_its_acronym_form_are_one",
    ),
    pytest.param(
        "General Ivo Sarr arrived in Lunden, the Veldonian News Agency (VNA) reports.",
        "institutions",
        [],
        id="agency_after_news_is_an_outlet_not_a_body",
    ),
    pytest.param(
        "News › Europe\n\nThe minister met cadets in Lunden.",
        "places",
        ["Lunden"],
        id="section_label_is_no_place",
    ),
    pytest.param(
        "Aino Kask met Lukas Orm.\n\nInformation prepared by the Press and Information "
        "Department\nPrint version\n",
        "institutions",
        ["Press and Information Department"],
        id="a_short_furniture_line_is_not_glued_to_the_body_that_ends_the_line_before",
    ),
    pytest.param(
        "Officers attend courses at the Vessish Defence University. The Vessish side was "
        "represented by the Vessish Defence Attaché, Colonel Ivo Marn.",
        "places",
        [],
        id="a_demonym_in_ish_is_never_a_country",
    ),
    pytest.param(
        "Major General Ebbe Garro, Head of the Higher Military School, met the cadets. The "
        "Higher Military School was founded in Pellin.",
        "places",
        ["Pellin"],
        id="higher_before_a_school_is_no_country",
    ),
    pytest.param(
        "Dana Senna, Head of the Central Asia Department of the Ministry of Foreign Affairs, "
        "arrived in Pellin.",
        "places",
        ["Pellin"],
        id="a_region_naming_a_ministry_department_is_its_portfolio_not_a_place",
    ),
    pytest.param(
        "The minister honoured the heroes of the Great Skoll Campaign.",
        "officials",
        [],
        id="a_named_campaign_after_an_epithet_is_no_person",
    ),
    pytest.param(
        "Colonel Ivo Tarrin previously served as chief of staff of the Northern Military District.",
        "institutions",
        ["Northern Military District"],
        id="military_district_is_an_institution",
    ),
    pytest.param(
        "Deputy Chief of the Royal Navy – Chief of Naval Staff, Commodore May-Lis Tarrin, also "
        "took part.",
        "officials",
        ["May-Lis Tarrin"],
        id="a_common_word_hyphened_to_a_name_is_a_given_name",
    ),
    pytest.param(
        'The minister presented medals "For Merit in Border Service" to 12 officers.',
        "institutions",
        [],
        id="a_body_word_inside_a_quoted_award_title_is_no_institution",
    ),
    pytest.param(
        "Officers of both armies had served together in the UN Interim Force in Lebanon.",
        "institutions",
        ["UN Interim Force in Lebanon"],
        id="unifil_is_a_known_mission",
    ),
    pytest.param(
        "Residents watched as the minehunter HNoMS Tarrvik was commissioned at Pellin.",
        "institutions",
        ["HNoMS Tarrvik"],
        id="a_ship_named_with_its_navy_prefix_is_an_institution",
    ),
    pytest.param(
        "Defence Minister Baek Ji-woon received Ambassador Seo Yeon-hwa in Hanbyeol.",
        "officials",
        ["Baek Ji-woon", "Seo Yeon-hwa"],
        id="korean_given_name_with_a_lower_case_syllable_after_the_hyphen",
    ),
    pytest.param(
        "Minister Lucía Beatriz Torres de la Fuente met Colonel Jorge Ramos de los Santos.",
        "officials",
        ["Lucía Beatriz Torres de la Fuente", "Jorge Ramos de los Santos"],
        id="two_particles_inside_a_compound_surname",
    ),
    pytest.param(
        "The meeting was attended by General Ana Costa Portugal, the Army Chief of Staff.",
        "places",
        [],
        id="surname_spelt_like_a_country_is_no_place",
    ),
    pytest.param(
        "Admiral Paulo Ricardo Souza Lima met the guests in Marvik. Souza Lima said the fleet "
        "was ready.",
        "officials",
        ["Paulo Ricardo Souza Lima"],
        id="double_surname_later_is_the_full_name_before",
    ),
    pytest.param(
        "The ministers met in Ponte do Vale and then flew to Wadi al-Sahra.",
        "places",
        ["Ponte do Vale", "Wadi al-Sahra"],
        id="place_names_with_particles",
    ),
    pytest.param(
        "The frigates sailed through the Strait of Ras al-Kalb on Monday.",
        "places",
        ["Strait of Ras al-Kalb"],
        id="water_body_of_a_name_with_a_particle",
    ),
    pytest.param(
        "The minister laid a wreath at the Tal al-Shuhada memorial.",
        "sites",
        ["Tal al-Shuhada memorial"],
        id="site_name_with_an_arabic_particle",
    ),
    pytest.param(
        "The frigates patrolled the Kaya Passage and the border along the Tarim Pass. Troops "
        "trained on the Batu Peninsula.",
        "places",
        ["Kaya Passage", "Tarim Pass", "Batu Peninsula"],
        id="name_before_a_geographic_noun_is_a_place",
    ),
    pytest.param(
        "Two boats collided near the Kolu Ada islet in the Veran Sea.",
        "places",
        ["Veran Sea", "Kolu Ada"],
        id="name_before_a_lower_case_islet_is_the_place",
    ),
    pytest.param(
        "The drills took place during the Eagle Pass 2026 exercise.",
        "places",
        [],
        id="geographic_noun_in_an_exercise_name_is_no_place",
    ),
    pytest.param(
        "The exercise is held in the South Atlantic every year.",
        "places",
        ["South Atlantic"],
        id="south_atlantic_is_a_sea",
    ),
    pytest.param(
        "KOTA BARU — Defence Minister Ivo Sarr said the navy would double its patrols.",
        "places",
        ["Kota Baru"],
        id="two_word_upper_case_dateline_is_a_place",
    ),
    pytest.param(
        "Liaison officers will meet at the Tarnow Coordination Centre every month.",
        "institutions",
        ["Tarnow Coordination Centre"],
        id="coordination_centre_is_an_institution_not_a_centre_named_after_a_person",
    ),
    pytest.param(
        "The frigate berthed at the Alfama Quay and the crew walked to the Kastro Pier.",
        "sites",
        ["Alfama Quay", "Kastro Pier"],
        id="quays_and_piers_are_sites",
    ),
    pytest.param(
        "The next round of confidence-building talks will take place in Marvik.",
        "sites",
        [],
        id="hyphenated_compound_before_a_site_head_is_no_site",
    ),
    pytest.param(
        "Troops back from the United Nations Assistance Mission in Veldara (UNAMVE) marched.",
        "institutions",
        ["United Nations Assistance Mission in Veldara"],
        id="mission_in_an_unknown_place_before_its_acronym_keeps_the_place",
    ),
    pytest.param(
        "Minister Ivo Sarr spoke with Minister Tor Lund.\n\nOffice of the Ministry Spokesperson",
        "institutions",
        ["Office of the Ministry Spokesperson"],
        id="office_of_a_body_post_is_one_name",
    ),
    pytest.param(
        "The officers of the Island Defence Command met the Ostrian attachés.",
        "places",
        [],
        id="geographic_noun_before_a_body_is_no_invented_country",
    ),
    pytest.param(
        "Minister Sarr said that Veldara would host the next meeting. Veldaran officers will "
        "attend.",
        "places",
        ["Veldara"],
        id="noun_after_said_that_is_the_country_of_its_demonym",
    ),
    pytest.param(
        "Air Force Commander Major General Ilse Marten met officers of the Ostrian Air Force.",
        "institutions",
        ["Ostrian Air Force"],
        id="service_noun_kept_in_a_post_is_no_body_of_its_own",
    ),
    pytest.param(
        'The minister laid a wreath at the memorial complex "Defenders of Tarim Ridge" in '
        "Sevlan. He then visited the museum.",
        "sites",
        ["Defenders of Tarim Ridge"],
        id="quoted_name_after_a_lower_case_site_head_is_the_site",
    ),
    pytest.param(
        "Colonel Ivo Sarr, who now takes over as Commander of Joint Task Group South, said the "
        "unit was ready.",
        "officials",
        ["Ivo Sarr"],
        id="compass_point_after_a_unit_head_is_the_units_sector",
    ),
    pytest.param(
        "The contract was signed by Colonel Pavel Orsk, who as chairman of the Naval "
        "Acquisitions Board oversaw the purchase.",
        "officials",
        ["Pavel Orsk"],
        id="board_is_an_institution_head",
    ),
    pytest.param(
        "The exhibition was opened by the Director of the Research Centre of Naval History, the "
        "historian Lina Karst, who guided the guests.",
        "officials",
        ["Lina Karst"],
        id="history_is_a_word_of_institution_names",
    ),
    pytest.param(
        "The ministers then held a video call with OSTO Secretary General Ilse Marten.",
        "institutions",
        ["OSTO"],
        id="acronym_before_a_post_head_is_the_body_of_the_post",
    ),
    pytest.param(
        "Colonel Ivo Sarr, director of training of Squadron 7, met the guests.",
        "institutions",
        ["Squadron 7"],
        id="numbered_unit_after_a_lower_case_post_is_an_institution",
    ),
    pytest.param(
        "The leaders prepared the agenda of the next EU Summit.",
        "institutions",
        ["European Union"],
        id="known_body_before_the_name_of_its_meeting_is_named",
    ),
    pytest.param(
        "The museum was renovated with money from the EU Cohesion Fund.",
        "institutions",
        [],
        id="known_body_before_the_name_of_its_fund_is_not_named",
    ),
    pytest.param(
        "The Office of the President of the Republic of Ostria said the visit went well.",
        "institutions",
        ["Office of the President of the Republic of Ostria"],
        id="office_of_a_post_keeps_its_republic_of_country",
    ),
]


@pytest.mark.parametrize("text, kind, expected", NAMES_ARE)
def test_names_are(text, kind, expected):
    x = run(text)
    assert names(x, kind) == expected


# exactly one event of the type, with exactly these participants
ONE_EVENT_WITH = [
    pytest.param(
        "Today President of Finland Anna Virta accepted the letters of credence of four new "
        "ambassadors at a ceremony in the Olm Palace. Among those who presented their "
        "credentials were the Ambassador of Sweden, Lars Berg, and the Ambassador of Chile, "
        "Rosa Vidal.",
        "Ceremony",
        {"Anna Virta", "Lars Berg", "Rosa Vidal"},
        id="those_who_presented_their_credentials_join_the_ceremony",
    ),
    pytest.param(
        "Later the same day, Minister Anna Virta sat down with General Lars Berg.",
        "Meeting",
        {"Anna Virta", "Lars Berg"},
        id="sat_down_with_is_a_meeting",
    ),
    pytest.param(
        "The meeting between the delegations was led on the Finnish side by Deputy Minister of "
        "Foreign Affairs Anna Virta and on the Swedish side by State Secretary Lars Berg.",
        "Meeting",
        {"Anna Virta", "Lars Berg"},
        id="a_meeting_led_on_each_side_by_a_head_has_both_heads",
    ),
    pytest.param(
        "An oath-taking ceremony for new recruits was held at the Narva Training Centre. The "
        "commander of the 2nd Infantry Brigade, Colonel Ivo Rand, received the oath of 300 "
        "recruits.",
        "Ceremony",
        {"Ivo Rand"},
        id="an_unnamed_ceremony_takes_the_official_of_the_next_sentence",
    ),
    pytest.param(
        "General Tomas Vell met Colonel Per Lund in Olm. Lund, who until May commanded the Olm "
        "Garrison Brigade, said the unit was ready for the exercise.",
        "Statement",
        {"Per Lund"},
        id="the_subject_stands_before_a_who_clause_naming_a_unit",
    ),
    pytest.param(
        "Colonel Aino Tamm, head of the Planning Directorate, gave Minister Peter Ostrov and "
        "General Carla Lind a presentation on the new radar network.",
        "Briefing",
        {"Aino Tamm", "Peter Ostrov", "Carla Lind"},
        id="gave_named_recipients_a_presentation_is_a_briefing",
    ),
    pytest.param(
        "Minister of Defence Peter Ostrov visited the Olm Naval Base. The base commander, "
        "Colonel Aino Tamm, gave the minister a briefing on the state of the fleet.",
        "Briefing",
        {"Aino Tamm", "Peter Ostrov"},
        id="gave_the_minister_a_briefing_names_the_minister",
    ),
    pytest.param(
        "Colonel Aino Tamm gave Minister Peter Ostrov a presentation on the radar network. "
        "Rear Admiral Jens Holt, Deputy Chief of Staff, also attended the briefing.",
        "Briefing",
        {"Aino Tamm", "Peter Ostrov", "Jens Holt"},
        id="also_attended_the_briefing_joins_the_briefing",
    ),
    pytest.param(
        "Finnish Minister of Defence Peter Ostrov and Norwegian Minister of Defence Carla Lind, "
        "who is on an official visit to Finland, put their signatures to an agreement on "
        "military education.",
        "Signing",
        {"Peter Ostrov", "Carla Lind"},
        id="put_their_signatures_by_a_demonym_list_before_a_who_clause",
    ),
    pytest.param(
        "The Deputy Minister of Defence, Janis Berg, and General Tomas Vell exchanged signed "
        "copies of a technical arrangement on fuel supply.",
        "Signing",
        {"Janis Berg", "Tomas Vell"},
        id="exchanged_signed_copies_of_an_arrangement_is_a_signing",
    ),
    pytest.param(
        "Minister Peter Ostrov presented departmental medals to twelve sailors of the "
        "flotilla, among them Lieutenant Anna Sepp and Chief Petty Officer Ivo Kask.",
        "Ceremony",
        {"Peter Ostrov", "Anna Sepp", "Ivo Kask"},
        id="presented_departmental_medals_is_an_award_ceremony",
    ),
    pytest.param(
        "Upon his arrival at the Olm Castle, General Tomas Vell was welcomed with military "
        "honours. A guard of honour of the Presidential Guard Regiment lined up in the yard.",
        "Ceremony",
        {"Tomas Vell", "Presidential Guard Regiment"},
        id="welcomed_with_military_honours_with_the_guard_unit",
    ),
    pytest.param(
        "A flag-raising ceremony was held at Narva Air Base in the presence of General Tomas "
        "Vell. The honour guard was provided by the Ostrian Air Force.",
        "Ceremony",
        {"Tomas Vell", "Ostrian Air Force"},
        id="the_unit_providing_the_honour_guard_joins_the_ceremony",
    ),
    pytest.param(
        "General Tomas Vell signed a memorandum of understanding on air policing with "
        "Defence Minister Anna Kirsch.",
        "Signing",
        {"Tomas Vell", "Anna Kirsch"},
        id="signed_a_memorandum_with_an_official_makes_both_signatories",
    ),
    pytest.param(
        "General Tomas Vell signed a memorandum on cooperation with the Ostrian Air Force, "
        "after which he met with Minister Anna Kirsch.",
        "Signing",
        {"Tomas Vell"},
        id="cooperation_with_and_a_later_meeting_add_no_signatory",
    ),
    pytest.param(
        "At the end of the meeting, Minister Oskar Brandt and General Ida Borg signed a "
        "memorandum of understanding. The guest also signed the Book of Honor.",
        "Signing",
        {"Oskar Brandt", "Ida Borg"},
        id="signing_and_passive_signing",
    ),
    pytest.param(
        "Minister Tarvo Lind also had a short exchange with several counterparts, including "
        "Ostria's Oskar Vennberg.",
        "Meeting",
        {"Tarvo Lind", "Oskar Vennberg"},
        id="short_exchange_with_counterparts_is_a_meeting",
    ),
    pytest.param(
        "Minister Oskar Vennberg received General Ida Borg. Following the meeting, the "
        "documents were signed: a cooperation plan and a protocol.",
        "Signing",
        {"Oskar Vennberg", "Ida Borg"},
        id="agentless_signing_after_a_meeting_takes_its_sides",
    ),
    pytest.param(
        "The visit of Minister Lars Grund to Veldonia began with a welcome ceremony.",
        "Visit",
        {"Lars Grund", "Veldonia"},
        id="visit_of_x_to_a_country",
    ),
    pytest.param(
        "The agreement was signed in Marvik by President of Veldonia Oskar Brandt and "
        "Prime Minister of Ostmark Lena Varga.",
        "Signing",
        {"Oskar Brandt", "Lena Varga"},
        id="passive_signing_with_place_before_the_signatories",
    ),
    pytest.param(
        "Admiral Tove Rask met with Admiral Nils Hauge in Velden. Both praised the talks. "
        "The admirals went on to sign a protocol on joint patrols.",
        "Signing",
        {"Tove Rask", "Nils Hauge"},
        id="plural_subject_signs_for_the_sides_of_the_meeting",
    ),
    pytest.param(
        "A telephone conversation was held yesterday between the President of Borovia Ivan "
        "Petrak and the Prime Minister of Ostria Hanna Salo.",
        "Talk",
        {"Ivan Petrak", "Hanna Salo"},
        id="talk_between_two_long_names_takes_both",
    ),
    pytest.param(
        "At sunrise a corvette of the Southern Squadron took the families to the wreck site. "
        "Wreaths were lowered onto the waves and a minute of silence was observed.",
        "Commemoration",
        {"Southern Squadron"},
        id="tribute_after_a_scene_setting_sentence_takes_its_actors",
    ),
    pytest.param(
        "Borovia on Sunday commemorated the victims of the Tarn flood. Prime Minister Ivan "
        "Petrak and Minister Hanna Salo laid wreaths at the Flood Memorial.",
        "Commemoration",
        {"Ivan Petrak", "Hanna Salo"},
        id="umbrella_commemoration_joins_the_wreaths_told_next",
    ),
    pytest.param(
        "Minister Karl Obst, the Chief of Defence, General Ola Ruud, and the Commander of the "
        "Navy, Admiral Tove Rask, laid wreaths at the Sailors' Monument.",
        "Commemoration",
        {"Karl Obst", "Ola Ruud", "Tove Rask"},
        id="lists_of_three_before_the_verb_are_all_subjects",
    ),
    pytest.param(
        "The attachés were then received at the headquarters of the Tarn Brigade of the "
        "Borovian Land Forces.",
        "Visit",
        {"Tarn Brigade"},
        id="received_at_the_hq_of_a_unit_of_a_force_is_one_visit_to_the_unit",
    ),
    pytest.param(
        "General Ola Ruud, who is in Borovia on a four-day official visit, met the press.",
        "Visit",
        {"Ola Ruud", "Borovia"},
        id="official_visit_with_a_length_is_a_visit_to_the_country",
    ),
    pytest.param(
        "General Ola Ruud held talks at the Ministry of Defence of Borovia with State "
        "Secretary Hanna Salo.",
        "Meeting",
        {"Ola Ruud", "Hanna Salo"},
        id="talks_at_a_ministry_are_with_the_person_not_the_building",
    ),
    pytest.param(
        "Minister Ola Berg spoke today, March 12, with Tarvian Foreign Minister Piet Oran.",
        "Talk",
        {"Ola Berg", "Piet Oran"},
        id="dev6_spoke_with_a_date_between_verb_and_with_is_a_call",
    ),
    pytest.param(
        "Commodore Aki Rask then laid a wreath at the Harbour Memorial, which honours Admiral "
        "Olav Brenn, the victor of the Battle of Tarn in 1802.",
        "Commemoration",
        {"Aki Rask"},
        id="dev6_a_year_in_an_apposition_to_a_relative_clause_dates_the_person_not_the_act",
    ),
    pytest.param(
        "Minister Juno Pald and Minister Sara Vint held bilateral talks at the Ministry of "
        "Defence.",
        "Meeting",
        {"Juno Pald", "Sara Vint"},
        id="dev6b_talks_at_a_ministry_name_no_guest_body",
    ),
    pytest.param(
        "Prime Minister of Borovia Lena Voss arrived in Tarn on Monday. The Borovian head of "
        "government said that her country would stand with Tarnia.",
        "Statement",
        {"Lena Voss"},
        id="dev6b_head_of_government_points_back_to_the_prime_minister",
    ),
    pytest.param(
        "An inter-delegation meeting was held at the Kestrian Ministry of Defence between "
        "Kestrian Defence Minister Aino Kask and Morvanian Deputy Defence Minister Ivo Rand. "
        "The meeting was also attended by Defence Attaché Colonel Tiit Saar.",
        "Meeting",
        {"Aino Kask", "Ivo Rand", "Tiit Saar"},
        id="meeting_held_at_a_place_between_two_sides",
    ),
    pytest.param(
        "Colonel Tiit Saar, spokesman of the Kestrian Ministry of Defence, held a press "
        "conference for foreign journalists.",
        "Briefing",
        {"Tiit Saar"},
        id="holding_a_press_conference_is_a_briefing",
    ),
    pytest.param(
        "Today, Minister Aldo Renz is due to meet the Governor of Mirel Province, Tove Lind.",
        "Meeting",
        {"Aldo Renz", "Tove Lind"},
        id="is_due_to_meet_on_a_concrete_day_is_a_meeting",
    ),
    pytest.param(
        "On the same day, a meeting was held between Minister Aldo Renz and the Chair of the "
        "Budget Committee, Tove Lind, at which the budget was discussed.",
        "Meeting",
        {"Aldo Renz", "Tove Lind"},
        id="a_meeting_was_held_between_two_officials",
    ),
    pytest.param(
        "Deputy Minister Aldo Renz and State Secretary Tove Lind signed the plan. The signing "
        "was preceded by a meeting between the Ostrian and Dravian delegations, led by Aldo "
        "Renz and Tove Lind respectively.",
        "Meeting",
        {"Aldo Renz", "Tove Lind"},
        id="a_meeting_between_delegations_led_by_x_and_y_has_the_heads_as_sides",
    ),
    pytest.param(
        "On Sunday, upon her arrival, the Chilean defence minister Rosa Vidal was received by "
        "Lieutenant General Rui Matos, Chief of the General Staff of Portugal.",
        "Visit",
        {"Rosa Vidal", "Rui Matos", "Portugal"},
        id="received_by_upon_arrival_opens_a_visit_hosted_by_the_agent",
    ),
    pytest.param(
        "Upon his arrival, Minister Omar Haddad of Jordan was received by Admiral Lena Berg, "
        "Chief of Defence of Sweden. He then laid a wreath at the Monument to the Fallen "
        "Sailors.",
        "Commemoration",
        {"Omar Haddad"},
        id="a_pronoun_after_a_passive_with_an_agent_is_its_subject",
    ),
    pytest.param(
        "The delegation then toured the Naval Academy, where Captain Ines Moreau, head of the "
        "navigation faculty of the Naval Academy, briefed the guests on cadet training.",
        "Briefing",
        {"Ines Moreau"},
        id="the_body_closing_an_appositive_post_is_not_the_briefer",
    ),
    pytest.param(
        "Minister Rosa Vidal of Chile arrived in Lisbon on Monday. Upon her arrival at the "
        "General Staff, the guest was welcomed by Lieutenant General Rui Matos. A welcome "
        "ceremony with a military band was held in the courtyard of the headquarters.",
        "Ceremony",
        {"Rosa Vidal", "Rui Matos"},
        id="a_welcome_ceremony_naming_nobody_has_the_guest_and_the_welcoming_host",
    ),
    pytest.param(
        "On Tuesday Captain Lena Berg called on Vice Admiral Omar Haddad at the Fleet "
        "Headquarters.",
        "Meeting",
        {"Lena Berg", "Omar Haddad"},
        id="called_on_an_official_is_a_courtesy_call",
    ),
    pytest.param(
        "Minister Lena Berg met Minister Omar Haddad in Amman. At the end of the talks, the two "
        "ministers signed a letter of intent on cooperation in military medicine.",
        "Signing",
        {"Lena Berg", "Omar Haddad"},
        id="a_letter_of_intent_is_a_signed_document",
    ),
    pytest.param(
        "Today Minister of Defence of Sweden Lena Berg met with the Minister of Defence of "
        "Jordan, Omar Haddad, who arrived in Sweden on a three-day official visit.",
        "Visit",
        {"Omar Haddad", "Sweden"},
        id="who_arrived_in_a_country_on_a_visit_names_only_the_guest",
    ),
    pytest.param(
        "At the Harbour Memorial, Admiral Lena Berg laid a wreath in memory of the crew of the "
        "submarine lost in the Baltic Sea in 1957.",
        "Commemoration",
        {"Lena Berg"},
        id="a_past_year_of_what_a_tribute_remembers_does_not_make_it_history",
    ),
    pytest.param(
        "Deputy Secretary General Omar Haddad, who is in Chile on a three-day visit, also "
        "attended the opening of the Naval Simulation Centre.",
        "Visit",
        {"Omar Haddad", "Chile"},
        id="in_a_country_on_a_several_day_visit_is_a_visit_to_it",
    ),
    pytest.param(
        "On the margins of the summit, Minister Lena Berg and General Omar Haddad held a brief "
        "meeting on pilot training.",
        "Meeting",
        {"Lena Berg", "Omar Haddad"},
        id="held_a_brief_meeting_is_a_meeting",
    ),
    pytest.param(
        "The defence ministers then heard a briefing from the Chief of the Defence Staff, "
        "General Omar Haddad, on air policing.",
        "Briefing",
        {"Omar Haddad"},
        id="a_briefing_from_an_official_names_the_briefer",
    ),
]


@pytest.mark.parametrize("text, etype, expected", ONE_EVENT_WITH)
def test_one_event_with(text, etype, expected):
    x = run(text)
    (e,) = events(x, etype)
    assert refs(x, e) == expected


# the posts read for one official
POSTS_ARE = [
    pytest.param(
        "Flowers were laid at the grave of General Ilse Varga, the first Chief of the "
        "General Staff of the Ostrian Army.",
        "Ilse Varga",
        [],
        id="ordinal_before_a_capitalised_post_is_a_past_holder",
    ),
    pytest.param(
        "First Deputy Minister of Foreign Affairs of Veldonia Piet Aro met the guests. "
        "First Deputy Minister Aro said the talks went well.",
        "Piet Aro",
        ["First Deputy Minister of Foreign Affairs"],
        id="short_post_later_is_the_full_post_before",
    ),
    pytest.param(
        "(MENAFN- Balt News) MARVIK, Veldonia, May 2. Ostria's Deputy Minister of\n"
        "Foreign Affairs Ilse Marten arrived in Marvik on Monday.",
        "Ilse Marten",
        ["Deputy Minister of Foreign Affairs"],
        id="hard_line_break_after_a_preposition_is_soft",
    ),
    pytest.param(
        "Ostria's Permanent Representative to NATO, Ambassador Jon Lerche, spoke.",
        "Jon Lerche",
        ["Permanent Representative to NATO"],
        id="address_ambassador_after_a_comma_post_is_dropped",
    ),
    pytest.param(
        "Oskar Brandt, who serves as Director General of the Defence Resources Agency, met "
        "General Ida Borg.",
        "Oskar Brandt",
        ["Director General of the Defence Resources Agency"],
        id="post_after_who_serves_as",
    ),
    pytest.param(
        "President Ana Morales spoke with Federal Chancellor of Austria Rolf Berger.",
        "Rolf Berger",
        ["Federal Chancellor"],
        id="federal_post_modifier",
    ),
    pytest.param(
        "The Navy chaplain, Major Tor Lie, led a prayer for the fallen.",
        "Tor Lie",
        ["chaplain"],
        id="chaplain_is_a_post",
    ),
    pytest.param(
        "The service was led by the Bishop of Marvik, Tomas Ravel, who read out the names of "
        "the fallen.",
        "Tomas Ravel",
        ["Bishop of Marvik"],
        id="bishop_is_a_post",
    ),
    pytest.param(
        "The meeting was attended by Olek Varn, Surgeon General of the Dravian Navy.",
        "Olek Varn",
        ["Surgeon General of the Dravian Navy"],
        id="surgeon_general_is_a_post",
    ),
    pytest.param(
        "President of Morsava Runa Lisk praised the Morsavian Land Forces and Morsavian air "
        "defence units.",
        "Runa Lisk",
        ["President"],
        id="of_country_named_only_through_its_demonym_is_dropped_from_the_post",
    ),
    pytest.param(
        "Colonel Ivo Tarrin handed the flag to the minister. Tarrin has been appointed deputy "
        "commander of the 3rd Army Corps – chief of staff.",
        "Ivo Tarrin",
        ["deputy commander of the 3rd Army Corps", "chief of staff"],
        id="has_been_appointed_gives_a_lower_case_double_post",
    ),
    pytest.param(
        "The guests were met by Major Ebbe Garro. As commander of the Skoll Rifle Battalion, "
        "Garro gave a presentation.",
        "Ebbe Garro",
        ["commander of the Skoll Rifle Battalion"],
        id="as_post_comma_surname_gives_the_post",
    ),
    pytest.param(
        "Minister of Defence of the Republic of Tarvistan, Colonel General Ivo Tarrin, received "
        "the guest.",
        "Ivo Tarrin",
        ["Minister of Defence"],
        id="of_the_republic_of_an_unknown_country_is_dropped_from_the_post",
    ),
    pytest.param(
        "Colonel Ivo Tarrin, the ship's first commanding officer, reported.",
        "Ivo Tarrin",
        ["commanding officer"],
        id="first_holder_of_a_relative_post_after_a_possessor_is_the_post",
    ),
    pytest.param(
        "Colonel Dainis Tarrin, the centre's first director, gave a presentation.",
        "Dainis Tarrin",
        ["director"],
        id="lower_case_first_before_a_relative_post_is_dropped",
    ),
    pytest.param(
        "Colonel Dainis Tarrin, the first deputy director of the centre, spoke.",
        "Dainis Tarrin",
        ["first deputy director of the centre"],
        id="lower_case_first_deputy_stays_in_the_post",
    ),
    pytest.param(
        "The base commander, Colonel Ivo Tarrin, informed them.",
        "Ivo Tarrin",
        ["base commander"],
        id="base_commander_is_a_post",
    ),
    pytest.param(
        "Sergeant Major Ebbe Garro, the brigade's senior non-commissioned officer, received the "
        "medal.",
        "Ebbe Garro",
        ["senior non-commissioned officer"],
        id="senior_non_commissioned_officer_is_a_post",
    ),
    pytest.param(
        "Talks were held with the Chairperson-in-Office of the OSCE, Foreign Minister of Estonia "
        "Ivo Tarrin.",
        "Ivo Tarrin",
        ["Chairperson-in-Office of the OSCE", "Foreign Minister"],
        id="chairperson_in_office_is_a_post",
    ),
    pytest.param(
        "Later the same day, the minister sat down with Jon Varg. Varg, who serves as "
        "Quellia's State Secretary for Defence, invited the guests.",
        "Jon Varg",
        ["State Secretary for Defence"],
        id="a_name_whose_surname_later_serves_as_a_post_is_an_official_with_that_post",
    ),
    pytest.param(
        "Captain Ebbe Tarrin arrived at the harbour. Tarrin, the new commander of the 4th "
        "Patrol Squadron, promised to keep the ships at sea.",
        "Ebbe Tarrin",
        ["commander of the 4th Patrol Squadron"],
        id="an_appositive_post_after_a_surname_met_again_is_read",
    ),
    pytest.param(
        "Captain Ebbe Tarrin arrived. Tarrin, the minister said, was late.",
        "Ebbe Tarrin",
        [],
        id="a_bare_lower_case_head_after_a_surname_is_a_new_subject",
    ),
    pytest.param(
        "Navy Commander Rear Admiral Tiago Brandão welcomed the guests.",
        "Tiago Brandão",
        ["Navy Commander"],
        id="service_noun_written_into_a_capitalised_post_is_kept",
    ),
    pytest.param(
        "Air Force Commander Major General Ilse Marten welcomed the guests.",
        "Ilse Marten",
        ["Air Force Commander"],
        id="two_word_service_noun_written_into_a_capitalised_post_is_kept",
    ),
    pytest.param(
        "Navy spokesperson Captain Ilse Marten said the talks went well.",
        "Ilse Marten",
        ["spokesperson"],
        id="service_noun_before_a_lower_case_post_is_not_kept",
    ),
    pytest.param(
        "The attachés toured Tarvik Naval Base, where the base commander, Captain Ilse Marten, "
        "briefed them.",
        "Ilse Marten",
        ["base commander"],
        id="lower_case_site_noun_before_a_lower_case_post_is_kept",
    ),
    pytest.param(
        "Colonel Ivo Sarr, director of training of Squadron 7, met the guests.",
        "Ivo Sarr",
        ["director of training of Squadron 7"],
        id="lower_case_field_between_a_post_and_its_body_is_part_of_the_post",
    ),
    pytest.param(
        "The delegation was received by Ambassador Ivo Sarr, Deputy Chief of Mission Lena Holm "
        "and the defence attaché.",
        "Lena Holm",
        ["Deputy Chief of Mission"],
        id="post_and_full_name_after_a_comma_is_the_next_person_in_a_list",
    ),
    pytest.param(
        "The minister was joined by State Secretary – Federal Cyber Security Director Ivo Sarr, "
        "who answered questions.",
        "Ivo Sarr",
        ["State Secretary", "Federal Cyber Security Director"],
        id="portfolio_post_after_a_dash_before_a_name_is_a_second_post",
    ),
]


@pytest.mark.parametrize("text, name, expected", POSTS_ARE)
def test_posts_are(text, name, expected):
    x = run(text)
    assert titles(official(x, name)) == expected


# exactly one event of the type, these among its participants
ONE_EVENT_AMONG = [
    pytest.param(
        "Minister Oskar Vennberg met Admiral Ida Borg. The host side was represented by "
        "Colonel Edvin Moss, Chief of Staff of the Ostrian Navy.",
        "Meeting",
        {"Edvin Moss"},
        id="side_represented_by_attends_the_meeting",
    ),
    pytest.param(
        "The command of the 2nd Brigade changed hands at a ceremony held at Tarn Barracks. "
        "Colonel Erik Lund relinquished command of the brigade to Colonel Maja Brandvik. "
        "Major General Ragnar Holt officiated and awarded Colonel Lund the Medal for Service.",
        "Ceremony",
        {"Erik Lund", "Maja Brandvik", "Ragnar Holt"},
        id="steps_of_a_change_of_command_join_the_ceremony",
    ),
    pytest.param(
        "General Rita Vos visited the Tarn Signals Regiment. Its commander, Colonel Ivo Kask, "
        "showed the visitors the new radio vans. Colonel Ada Pihl accompanied the general "
        "throughout the day.",
        "Visit",
        {"Rita Vos", "Ivo Kask", "Ada Pihl"},
        id="showing_the_guests_and_accompanying_join_the_visit",
    ),
    pytest.param(
        "Colonel Ida Borg laid a wreath at the Sailors' Monument in Tarnow. The admiral was "
        "accompanied by Captain Ole Dahl. Members of the Tarnow Veterans' Union also laid "
        "flowers at the foot of the monument.",
        "Commemoration",
        {"Ida Borg", "Tarnow Veterans' Union"},
        id="tributes_at_one_site_a_sentence_apart_are_one_and_a_later_list_joins",
    ),
    pytest.param(
        "A parade was held along Harbour Avenue. Marching units included the Tarn Brigade and "
        "the Borovian Naval Academy.",
        "Ceremony",
        {"Tarn Brigade"},
        id="marching_units_join_the_parade",
    ),
    pytest.param(
        "Command of the 3rd Veldonian Rifle Regiment changed hands on Monday at a ceremony at "
        "Camp Dorvel. The ceremony on the camp's parade ground was presided over by Major "
        "General Ilmar Tossa, Commander of the Veldonian Land Forces.",
        "Ceremony",
        {"Ilmar Tossa"},
        id="parade_ground_is_no_parade",
    ),
    pytest.param(
        "On Monday, the graduation ceremony of the Veldonian Naval Academy was held on Harbour "
        "Square in Marvik. The ceremony was attended by Minister of Defence Oskar Brandt. "
        "Minister Brandt addressed the graduates. The anthem was played. Then the minister "
        "handed over the diplomas. Ensign Lara Quist was awarded the Silver Medal of the "
        "Academy. At the end, the young ensigns marched past the minister in a solemn parade.",
        "Ceremony",
        {"Lara Quist"},
        id="later_steps_of_a_ceremony_join_it",
    ),
    pytest.param(
        "Wreaths were then laid at the Monument to the River Defenders by Defence Minister "
        "Oskar Brandt and Mayor Lena Varga.",
        "Commemoration",
        {"Oskar Brandt", "Lena Varga"},
        id="wreaths_then_laid_at_a_site_by_agents",
    ),
]


@pytest.mark.parametrize("text, etype, expected", ONE_EVENT_AMONG)
def test_one_event_among(text, etype, expected):
    x = run(text)
    (e,) = events(x, etype)
    assert expected <= refs(x, e)


# entities of one kind that must be among those read
NAMES_INCLUDE = [
    pytest.param(
        "Minister Ada Ruud praised the Alliance's mission in the Baltic Sea.",
        "institutions",
        {"Alliance"},
        id="alliance_without_nato_is_still_an_institution",
    ),
    pytest.param(
        "Minister Ada Ruud valued the contribution of the Ostrian Armed Forces to the "
        "Alliance's mission.",
        "institutions",
        {"Ostrian Armed Forces"},
        id="to_after_armed_forces_is_no_part_of_the_name",
    ),
    pytest.param(
        "Minister Ada Ruud thanked them for help after the floods in the Brenn region. The "
        "attachés then toured the Northern Region.",
        "places",
        {"Brenn", "Northern Region"},
        id="region_named_by_its_own_word",
    ),
    pytest.param(
        "Minister of Defence Oskar Brandt of the Ministry of Defence of the Republic of Latvia "
        "visited Marvik.",
        "institutions",
        {"Ministry of Defence of the Republic of Latvia"},
        id="ministry_of_the_republic_of_a_country_is_one_name",
    ),
    pytest.param(
        "A visit of military attachés to the Nakhchivan Autonomous Republic was organized.",
        "places",
        {"Nakhchivan Autonomous Republic"},
        id="autonomous_republic_is_a_place",
    ),
    pytest.param(
        "Minister Oskar Brandt visited Fort Sill and Camp Lemonnier in Djibouti.",
        "sites",
        {"Fort Sill", "Camp Lemonnier"},
        id="fort_and_camp_prefix_sites",
    ),
    pytest.param(
        "The Ministry of Foreign Affairs said Ivo Kant would travel. The statement was issued "
        "by the Media Office of the Ministry of Foreign Affairs on Monday.",
        "institutions",
        {
            "Ministry of Foreign Affairs",
            "Media Office of the Ministry of Foreign Affairs",
        },
        id="office_of_a_ministry_of_a_portfolio",
    ),
    pytest.param(
        "The guests laid flowers at the Pilots' Memorial near the airfield and at the Sailors’ "
        "Monument by the harbour.",
        "sites",
        {"Pilots' Memorial", "Sailors’ Monument"},
        id="plural_possessive_inside_a_site_name",
    ),
    pytest.param(
        "The ministers reviewed the new railway between Osterby and Lunden.",
        "places",
        {"Osterby", "Lunden"},
        id="places_in_a_between_and_list",
    ),
    pytest.param(
        "The presidents discussed the situation in the Danube region.",
        "places",
        {"Danube region"},
        id="river_region_keeps_its_region_word",
    ),
    pytest.param(
        "Two jets of the Air Force of the Veldonian Armed Forces flew over the square.",
        "institutions",
        {"Air Force", "Veldonian Armed Forces"},
        id="sub_body_of_a_named_parent_is_two_institutions",
    ),
    pytest.param(
        "A ceremony took place at the Veldonian Land Forces Academy (VLFA) in Lunden.",
        "institutions",
        {"Veldonian Land Forces Academy"},
        id="body_with_an_acronym_after_its_capitalised_head_is_a_name",
    ),
    pytest.param(
        "The attachés travelled to the small coastal town of Brekkvik on Monday.",
        "places",
        {"Brekkvik"},
        id="settlement_named_after_of",
    ),
    pytest.param(
        "A service will be held at St Brigid's Chapel in Lunden on Sunday.",
        "sites",
        {"St Brigid's Chapel"},
        id="saints_possessive_inside_a_site_name",
    ),
    pytest.param(
        "The group drove to the Moorvik training area, where a battery fired.",
        "sites",
        {"Moorvik training area"},
        id="named_training_area_with_a_lower_case_head",
    ),
    pytest.param(
        "The Veldonian Navy will keep supporting the EU mission in Somalia (EUMS).",
        "institutions",
        {"European Union"},
        id="known_body_right_before_a_lower_case_head_is_named_too",
    ),
    pytest.param(
        "Borovia joined the Council for Maritime Co-operation and Safety (CMCS) in 2019.",
        "institutions",
        {"Council for Maritime Co-operation and Safety"},
        id="dev6_lower_case_part_of_a_hyphenated_word_stays_in_a_body_name",
    ),
    pytest.param(
        "A Borovian platoon joined the NATO-led Kosovo Force (KFOR) in the spring.",
        "institutions",
        {"NATO", "Kosovo Force"},
        id="dev6_x_led_modifier_is_no_part_of_the_led_body",
    ),
    pytest.param(
        "The corvette sailed with the Standing Ruritanian Maritime Group 3 last month.",
        "institutions",
        {"Standing Ruritanian Maritime Group 3"},
        id="dev6_a_numbered_body_keeps_its_number",
    ),
    pytest.param(
        "The frigate Tarn patrolled the Aegean and the Eastern Mediterranean before sailing "
        "to the High North.",
        "places",
        {"Aegean", "Eastern Mediterranean", "High North"},
        id="dev6b_bare_sea_and_subregion_names_are_places",
    ),
    pytest.param(
        "The two ministers instructed Dravia's Ministry of Industry and Energy to finish it.",
        "institutions",
        {"Ministry of Industry and Energy"},
        id="a_ministry_of_two_portfolios_keeps_both",
    ),
    pytest.param(
        "President of Morsava Runa Lisk praised the Morsavian Land Forces and Morsavian air "
        "defence units.",
        "places",
        {"Morsava"},
        id="demonym_in_ian_names_the_country_in_a_as_the_text_writes_it",
    ),
    pytest.param(
        "The centre will merge the radar pictures of Quellia, Telmora and Vessmark.",
        "places",
        {"Quellia", "Telmora", "Vessmark"},
        id="an_unknown_name_listed_between_countries_is_a_place",
    ),
    pytest.param(
        '"We want Pellin and Istren to be linked by ferries," the minister said in Pellin.',
        "places",
        {"Pellin", "Istren"},
        id="an_unknown_name_joined_by_and_to_a_city_is_a_place",
    ),
    pytest.param(
        "Yrsa Baltar was received at the Ministry of Foreign Affairs. Baltar previously headed "
        "the Europe Department of the Telmoran Ministry of Foreign Affairs.",
        "institutions",
        {
            "Ministry of Foreign Affairs",
            "Europe Department of the Telmoran Ministry of Foreign Affairs",
        },
        id="a_department_of_another_ministry_is_not_merged_into_the_ministry",
    ),
]


@pytest.mark.parametrize("text, kind, expected", NAMES_INCLUDE)
def test_names_include(text, kind, expected):
    x = run(text)
    assert expected <= set(names(x, kind))


# how many events of one type the text yields (0: none)
EVENT_COUNT = [
    pytest.param(
        "Minister Peter Ostrov and Ambassador Lars Berg discussed the schedule of visits for "
        "the year, including the planned visit of the Finnish foreign minister to Olm.",
        "Visit",
        0,
        id="a_planned_visit_without_a_day_is_no_visit",
    ),
    pytest.param(
        "General Ivo Rand hosted General Tomas Vell in Olm. At the end of the talks, the two "
        "generals signed a memorandum on training, under which twenty cadets a year will "
        "attend the Ostrian Naval Academy. The generals also initialled an arrangement on the "
        "use of the Narva ranges.",
        "Signing",
        2,
        id="a_plan_under_which_and_an_initialled_second_document",
    ),
    pytest.param(
        "Colonel Aino Tamm gave Minister Peter Ostrov a presentation on the radar network. "
        "Rear Admiral Jens Holt, Deputy Chief of Staff, also attended the briefing.",
        "Meeting",
        0,
        id="attending_a_briefing_is_no_meeting",
    ),
    pytest.param(
        "General Ivo Raud gave a briefing on the security situation to the attachés. General "
        "Raud gave an overview of the threats in the region.",
        "Briefing",
        1,
        id="overview_after_a_briefing_is_the_same_briefing",
    ),
    pytest.param(
        "Minister Oskar Brandt also toured the new barracks built with NATO funding.",
        "Visit",
        0,
        id="body_named_after_with_is_not_visited",
    ),
    pytest.param(
        "The ministry awarded a contract to the Marvik Shipyard. Minister Oskar Brandt opened "
        "the meeting with Minister Lena Varga.",
        "Ceremony",
        0,
        id="verbs_that_are_not_ceremonies_without_their_object",
    ),
    pytest.param(
        "General Ida Borg was honoured with the Order of Glory.",
        "Commemoration",
        0,
        id="honoured_with_an_award_is_no_commemoration",
    ),
    pytest.param(
        "The tour began at the Liberty Monument. On the second day the group drove to the "
        "Kessel Range. At the Tarn Cadet Lyceum, the guests were shown the dormitories. The "
        "programme ended at the Tarn Naval Museum.",
        "Visit",
        4,
        id="stages_of_an_attache_tour_are_visits",
    ),
    pytest.param(
        "On Monday Speaker Lia Horn received Minister Juno Pald at the parliament. "
        "Later, Minister Pald and Deputy Minister Ott Sarm held political consultations at "
        "the Foreign Ministry.",
        "Meeting",
        2,
        id="dev6b_two_pairs_of_talks_with_one_official_in_common_stay_apart",
    ),
    pytest.param(
        "Minister Ott Sarm received Minister Juno Pald and Deputy Minister Ivo Kask. Earlier in "
        "the day, Juno Pald and Ott Sarm held one-on-one talks at the Ministry of Defence.",
        "Meeting",
        2,
        id="dev6b_an_earlier_episode_is_another_meeting",
    ),
    pytest.param(
        "Rear Admiral Ilka Varn, Borovia's Chief of Naval Staff, and Ambassador Tove Rinn, "
        "Borovia's ambassador to the United States, also took part in the meeting.",
        "Statement",
        0,
        id="dev6b_states_inside_a_country_name_is_no_speech_verb",
    ),
    pytest.param(
        "Defence Minister Aino Kask graduated from the Kestrian Naval Academy in 1995. After "
        "graduation, Colonel Tiit Saar served in the fleet.",
        "Ceremony",
        0,
        id="graduating_long_ago_is_no_ceremony",
    ),
    pytest.param(
        "In the evening, wreaths were also laid at the Monument to the River Defenders.",
        "Commemoration",
        1,
        id="wreaths_also_laid_is_a_commemoration",
    ),
    pytest.param(
        "General Ivo Rand met Colonel Per Lund in Tarvik on Monday. Lund thanked the Norlund "
        "side for its hospitality and told the hosts about the reform of the Ostrian Army.",
        "Meeting",
        1,
        id="the_hosts_as_a_noun_is_no_reception",
    ),
    pytest.param(
        "On Sunday, upon her arrival, the Chilean defence minister Rosa Vidal was received by "
        "Lieutenant General Rui Matos, Chief of the General Staff of Portugal.",
        "Meeting",
        0,
        id="received_by_upon_arrival_is_no_meeting",
    ),
    pytest.param(
        "Minister Lena Berg called on Minister Omar Haddad, the Defence Minister of Jordan, to "
        "release the detained sailors.",
        "Meeting",
        0,
        id="called_on_an_official_to_do_something_is_an_appeal",
    ),
    pytest.param(
        "Minister Lena Berg spoke today with Minister Omar Haddad. Minister Berg welcomed the "
        "rapid sharing of radar data between the two air forces.",
        "Meeting",
        0,
        id="welcomed_a_thing_of_or_between_others_is_no_reception",
    ),
]


@pytest.mark.parametrize("text, etype, expected", EVENT_COUNT)
def test_event_count(text, etype, expected):
    x = run(text)
    assert len(events(x, etype)) == expected


# the (site, place) pairs read
SITE_PLACES_ARE = [
    pytest.param(
        "The guests toured the Oskar Halme Mausoleum and Museum and the Valour Museum and "
        "Memorial Complex, then walked through Freedom Park and Harbour Square.",
        {
            "Oskar Halme Mausoleum and Museum",
            "Valour Museum and Memorial Complex",
            "Freedom Park",
            "Harbour Square",
        },
        id="two_head_words_joined_by_and_are_one_site",
    ),
    pytest.param(
        "The delegation visited the Concert Hall named after Riina Saar and Kōtaru military base.",
        {"Concert Hall named after Riina Saar", "Kōtaru military base"},
        id="a_site_named_after_a_person_and_a_second_site_stay_two",
    ),
    pytest.param(
        "Minister Aino Kask visited the Skarvik Lighthouse and the Ulla border outpost.",
        {"Skarvik Lighthouse", "Ulla border outpost"},
        id="lighthouse_and_border_outpost_are_sites",
    ),
    pytest.param(
        "The attachés flew from Hollin Airfield to Skjold Naval Station, then visited the "
        "Tarvas Proving Ground and the Myrdal firing range.",
        {
            "Hollin Airfield",
            "Skjold Naval Station",
            "Tarvas Proving Ground",
            "Myrdal firing range",
        },
        id="airfields_stations_and_ranges_are_sites",
    ),
    pytest.param(
        "Heroes Square was closed to traffic. Victory Park hosted the parade.",
        {"Heroes Square", "Victory Park"},
        id="a_memorial_word_opening_a_sentence_starts_a_site_name",
    ),
    pytest.param(
        "The minister toured Brunnvik Naval Yard and watched an exercise at the Tarrin Ranges.",
        {"Brunnvik Naval Yard", "Tarrin Ranges"},
        id="naval_yards_and_plural_ranges_are_sites",
    ),
    pytest.param(
        "The ceremony took place in the Mirror Hall of Solvik Palace in Pellin.",
        {"Solvik Palace"},
        id="a_hall_of_a_named_palace_is_a_room_and_the_palace_is_the_site",
    ),
]


@pytest.mark.parametrize("text, expected", SITE_PLACES_ARE)
def test_site_places_are(text, expected):
    x = run(text)
    assert set(site_places(x)) == expected


def test_information_prepared_by_is_no_headline_and_its_office_is_an_institution():
    raw = (
        " date 2024-03-14\nMinistry of Defence\n"
        "Morsava and Quellia sign protocol on border security\n"
        "Information prepared by the Public Relations Division\n\n"
        "Today Morsavian Minister of Defence Ivo Tarrin and Quellian Minister of Defence Ebbe "
        "Garro signed a protocol on border security in Pellin.\n"
    )
    a = article_from_text(raw, "t")
    assert a.title == "Morsava and Quellia sign protocol on border security"
    x = extract(a)
    assert "Public Relations Division" in names(x, "institutions")
    assert {"Morsava", "Quellia"} <= set(names(x, "places"))  # headline nouns of body demonyms


def test_a_bureau_line_under_an_office_byline_is_an_institution():
    raw = (
        " date 2024-03-14\nCancel\nU.S. Politics\nDeputy Secretary Holt's Call with Minister "
        "Tarrin\nBy Office of the Spokesperson\nBureau of Arms Control and Nonproliferation\n"
        "3 days ago\nCover picture for the articleThe below is attributable to Spokesperson "
        "Ebbe Garro:\nDeputy Secretary of State Ivo Holt spoke today with Foreign Minister "
        "Runa Tarrin.\n"
    )
    a = article_from_text(raw, "t")
    assert a.source == "Office of the Spokesperson"
    x = extract(a)
    assert "Bureau of Arms Control and Nonproliferation" in names(x, "institutions")


def test_an_office_of_a_ministry_keeps_the_ministry_portfolio_in_its_name():
    x = run("The Press Service of the Ministry of Defence of Quellia said the talks ended.")
    forms = {f for i in x.institutions for f in [i.name, *i.aliases]}
    assert "Press Service of the Ministry of Defence of Quellia" in forms
    assert "Press Service of the Ministry" not in forms


def test_staff_ranks_of_arab_armies_are_whole_ranks():
    x = run("Staff Major General Nasser bin Salem al-Harbi met Chief of Staff Colonel Ivo Sarr.")
    assert official(x, "Nasser bin Salem al-Harbi").rank == "Staff Major General"
    sarr = official(x, "Ivo Sarr")
    assert (sarr.rank, titles(sarr)) == ("Colonel", ["Chief of Staff"])


def test_a_surname_spelt_like_a_country_ends_the_name():
    x = run("The meeting was attended by General Ana Costa Portugal, the Army Chief of Staff.")
    assert names(x, "officials") == ["Ana Costa Portugal"]


def test_an_arrival_in_a_city_starts_the_country_visit_of_the_same_guest():
    x = run(
        "Minister Lena Berg, who is in Chile on an official visit, today met General Omar "
        "Haddad. Berg arrived in Orvel on Monday, when she toured the port."
    )
    (v,) = events(x, "Visit")
    assert refs(x, v) == {"Lena Berg", "Chile"}
    assert v.date == dt.date(2024, 3, 11)
