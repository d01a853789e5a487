"""Readers, date handling and page-noise cleanup (communique.articles)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from communique import articles
from communique.articles import (
    NO_DATE,
    article_from_text,
    clean_text,
    iter_articles,
    looks_like_headline,
    parse_date,
    parse_leading_date,
    read_bytes,
    read_file,
    split_title,
)
from communique.errors import ArticleError
from communique.model import Article

DATA = Path(__file__).parent / "data" / "articles"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"  # ../shared
SEED = CORPUS / "seed-news-az-2024-10-09.txt"


def read_all(*paths, **kw) -> list[Article | ArticleError]:
    return list(iter_articles(paths, **kw))


def only_article(path, **kw) -> Article:
    items = list(read_file(path, **kw))
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def only_error(path, **kw) -> ArticleError:
    items = list(read_file(path, **kw))
    assert len(items) == 1, items
    assert isinstance(items[0], ArticleError), items[0]
    return items[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


# ---------------------------------------------------------------------------------------------
# dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-09", dt.date(2024, 10, 9)),
        ("2024-10-09T08:30:00+04:00", dt.date(2024, 10, 9)),
        ("2024-10-09 08:30", dt.date(2024, 10, 9)),
        ("2024-10-09T08:30:00Z", dt.date(2024, 10, 9)),
        ("11/05/2019 - 14:20", dt.date(2019, 5, 11)),  # day first when ambiguous
        ("05/13/2019", dt.date(2019, 5, 13)),  # month first only when the day cannot be first
        ("25/12/2020 09:00", dt.date(2020, 12, 25)),
        ("11.05.2019", dt.date(2019, 5, 11)),
        ("12.04.2024 09:15", dt.date(2024, 4, 12)),
        ("14 March 2023 09:41 (UTC+04:00)", dt.date(2023, 3, 14)),
        ("03 May 2021 11:27 (UTC+04:00)", dt.date(2021, 5, 3)),
        ("9 Oct 2024", dt.date(2024, 10, 9)),
        ("May 3, 2022", dt.date(2022, 5, 3)),
        ("Thursday, May 3, 2022", dt.date(2022, 5, 3)),
        ("2024-13-01", None),
        ("31/02/2020", None),
        ("next Tuesday", None),
        ("March 9", None),  # no year
        ("Today, on 28 May, the minister spoke.", None),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_leading_date_line_with_widget():
    date, rest = parse_leading_date(" date 2024-10-09 + ↺ − 16 px\n\nBody.")
    assert date == dt.date(2024, 10, 9)
    assert rest == "+ ↺ − 16 px\n\nBody."


def test_leading_date_line_without_leading_space_and_crlf():
    date, rest = parse_leading_date("date 2023-03-14\r\nBody.")
    assert date == dt.date(2023, 3, 14)
    assert rest == "Body."


def test_leading_date_line_invalid_raises():
    with pytest.raises(ValueError, match="2024-13-01"):
        parse_leading_date(" date 2024-13-01\nBody.")


def test_date_palms_is_not_a_date_line():
    assert parse_leading_date("date palms grow in the south.") == (
        None,
        "date palms grow in the south.",
    )


def test_cms_stamp_in_head_is_taken_and_removed():
    raw = "Minister Visits Garrison\n11/05/2019 - 14:20\nInternational cooperation\n\nBody."
    date, rest = parse_leading_date(raw)
    assert date == dt.date(2019, 5, 11)
    assert "14:20" not in rest


def test_date_line_wins_over_stamp():
    date, _ = parse_leading_date(" date 2020-01-02\nTitle Of The Piece\n11/05/2019\nBody.")
    assert date == dt.date(2020, 1, 2)


def test_stamp_deep_in_body_is_ignored():
    raw = "\n".join(f"Sentence number {i}." for i in range(10)) + "\n11/05/2019\n"
    assert parse_leading_date(raw)[0] is None


# ---------------------------------------------------------------------------------------------
# cleanup


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the News.Az font-size widget, on the date line or alone
        (" date 2024-10-09 + ↺ − 16 px\n\nThe talks ended.", "The talks ended."),
        ("+ ↺ − 16 px\nThe talks ended.", "The talks ended."),
        # an outlet's name alone as the last line
        ("The talks ended.\n\nNews.Az", "The talks ended."),
        ("The talks ended.\nAzerNews", "The talks ended."),
        ("The talks ended.\n\nAPA\n", "The talks ended."),
        ("The talks ended.\n\nReport.az", "The talks ended."),
        ("The talks ended.\n\nTrend", "The talks ended."),
        ("The talks ended.\n\nUKRINFORM", "The talks ended."),
        # an outlet the body cites, signing at the end
        ("Lanz met Brandt, Nordpress reports.\n\nNordpress", "Lanz met Brandt, Nordpress reports."),
        # an office's signature stays: it names an institution
        (
            "Lanz met Brandt.\n\nRuritanian Department of Defence",
            "Lanz met Brandt.\n\nRuritanian Department of Defence",
        ),
        # ... but not an arbitrary last line
        ("The talks ended.\n\nNordhaven harbour", "The talks ended.\n\nNordhaven harbour"),
        ("The guests said:\n\nThank you all", "The guests said:\n\nThank you all"),
        # re-publisher prefix
        (
            "(MENAFN- Veldonia Wire) NORDHAVEN, Ruritania, March 9. Talks began.",
            "NORDHAVEN, Ruritania, March 9. Talks began.",
        ),
        # a line broken inside a sentence, next line lower case
        ("The minister met\nhis counterpart.", "The minister met his counterpart."),
        (
            "Supreme Commander-\nin-Chief Emil Varsk spoke.",
            "Supreme Commander-in-Chief Emil Varsk spoke.",
        ),
        # a sentence end then a capital stays a line break in ordinary text
        ("The minister arrived.\nThe talks began.", "The minister arrived.\nThe talks began."),
        # short lines without full stops are not joined in ordinary text
        ("Participants\nArvid Lanz\nOskar Brandt", "Participants\nArvid Lanz\nOskar Brandt"),
        # missing spaces after a sentence end
        ("It was not targeted.Lanz noted it.", "It was not targeted. Lanz noted it."),
        ("Was it ready?The answer came.", "Was it ready? The answer came."),
        ("It ended!Then silence.", "It ended! Then silence."),
        ('"We are ready".The guests left.', '"We are ready". The guests left.'),
        (
            'He said it."The army is ready," Lanz added.',
            'He said it. "The army is ready," Lanz added.',
        ),
        ('"It is over."Lanz said nothing more.', '"It is over." Lanz said nothing more.'),
        ("“We are ready”The guests left.", "“We are ready” The guests left."),
        ("“We are ready.”The guests left.", "“We are ready.” The guests left."),
        ("He said so.“We are ready,” Lanz added.", "He said so. “We are ready,” Lanz added."),
        ("Talks held in 2020.The next round is due.", "Talks held in 2020. The next round is due."),
        ("He joined NATO.The talks ended.", "He joined NATO. The talks ended."),
        ("The concept (OCC).It was praised.", "The concept (OCC). It was praised."),
        # ... but not inside abbreviations, initials and domains
        ("the ministry told News.Az that it agreed.", "the ministry told News.Az that it agreed."),
        (
            "as reported by Trend.Az and Report.az today.",
            "as reported by Trend.Az and Report.az today.",
        ),
        ("The U.S.Army sent a team.", "The U.S.Army sent a team."),
        ("Maj.Gen Ilse Moor attended.", "Maj.Gen Ilse Moor attended."),
        ("Lt.Col Ivo Sarr attended.", "Lt.Col Ivo Sarr attended."),
        ("Several units, e.g.The Guard, took part.", "Several units, e.g.The Guard, took part."),
        ("Signed by J.Smith yesterday.", "Signed by J.Smith yesterday."),
        ("A visit to St.Petersburg ended.", "A visit to St.Petersburg ended."),
        ("See www.mod.gov.Az for more.", "See www.mod.gov.Az for more."),
        ("Growth was 3.5 percent.", "Growth was 3.5 percent."),
        # aggregator furniture
        ("Cancel\nThe talks ended.", "The talks ended."),
        ("11 days ago\nThe talks ended.", "The talks ended."),
        ("The talks ended.\n\nShare\nPrint\nTags: Veldonia, Ruritania", "The talks ended."),
        (
            "Cover picture for the articleThe below is attributable to Spokesperson Tom Reyes:",
            "The below is attributable to Spokesperson Tom Reyes:",
        ),
        (
            "The talks ended.\n\nInformation prepared by the Press Section",
            "The talks ended.\n\nInformation prepared by the Press Section",
        ),
        # spaces, line ends, characters kept as they are
        ("The\u00a0talks\u202fended.\r\nLanz   left.\r\n", "The talks ended.\nLanz left."),
        ("Oğuz Kelbeş met Bruåsdal in “Nordhaven”.", "Oğuz Kelbeş met Bruåsdal in “Nordhaven”."),
        ("Zero\u200bwidth and soft\u00adhyphen.", "Zerowidth and softhyphen."),
        ("First paragraph.\n\n\n\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."),
        ("", ""),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


WRAPPED = (
    "(MENAFN- Veldonia Wire) NORDHAVEN, Ruritania, March 9. The Chief\n"
    "of Staff of the Ruritanian Joint Command, Major General Arvid\n"
    "Lanz, who is on an official visit to Veldonia, met the Veldonian\n"
    "Deputy Defence Minister Oskar Brandt in the capital on Monday.\n"
    "\n"
    "The two generals discussed the training of officers and the\n"
    "exchange of cadets between the military academies of both\n"
    "countries, and they agreed to meet again next spring.\n"
)


def test_hard_wrapped_text_is_joined_and_paragraphs_survive():
    text = clean_text(WRAPPED)
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 2
    assert "\n" not in paragraphs[0] and "\n" not in paragraphs[1]
    assert paragraphs[0].startswith("NORDHAVEN, Ruritania, March 9. The Chief of Staff")
    assert "Major General Arvid Lanz, who is on" in paragraphs[0]
    assert "Veldonian Deputy Defence Minister Oskar Brandt" in paragraphs[0]
    assert paragraphs[1].endswith("agreed to meet again next spring.")


def test_first_wrapped_line_short_only_after_the_menafn_prefix_is_joined():
    raw = (
        "(MENAFN- Ostria Press Agency) LUNDEN, Ostria, May 2. Navy\n"
        "Commander Rear Admiral Ivo Sarr received the Veldonian guests at\n"
        "the Lunden Naval Base on Tuesday, the Ostrian Navy said in a\n"
        "statement released after the visit of the two frigates ended.\n"
    )
    assert clean_text(raw).startswith("LUNDEN, Ostria, May 2. Navy Commander Rear Admiral")


def test_wrapped_headline_is_not_joined_to_the_dateline():
    raw = "Veldonian Delegation Visits Ruritanian Naval Academy Today\n" + WRAPPED.replace(
        "(MENAFN- Veldonia Wire) ", ""
    )
    first = clean_text(raw).split("\n")[0]
    assert first == "Veldonian Delegation Visits Ruritanian Naval Academy Today"


def test_wrapped_paragraph_ending_in_full_stop_keeps_its_line_break():
    raw = WRAPPED.replace(" in the capital on Monday.\n\n", " in the capital on Monday.\n")
    text = clean_text(raw)
    assert "on Monday.\nThe two generals" in text


def test_short_last_line_of_a_wrapped_paragraph_is_not_a_label():
    raw = (
        "Ruritania Hosts Talks On Naval Training\n\n"
        "The Chief of the Naval Staff of the Ruritanian Navy, Admiral\n"
        "Hugo Fenwick, received the commander of the Veldonian fleet\n"
        "Rear Admiral\n\n"
        "The talks covered joint search-and-rescue drills in the Baltic and\n"
        "the exchange of cadets between the two naval academies this year.\n"
    )
    assert clean_text(raw) == (
        "Ruritania Hosts Talks On Naval Training\n\n"
        "The Chief of the Naval Staff of the Ruritanian Navy, Admiral Hugo Fenwick, received "
        "the commander of the Veldonian fleet Rear Admiral\n\n"
        "The talks covered joint search-and-rescue drills in the Baltic and the exchange of "
        "cadets between the two naval academies this year."
    )


def test_menafn_tail_is_removed():
    text = clean_text(
        WRAPPED + "\nMENAFN09032022000123011040ID1100000001\n\nLegal Disclaimer:\n"
        "MENAFN passes this content on as received.\n"
    )
    assert "MENAFN" not in text and "Disclaimer" not in text
    assert text.endswith("next spring.")


def test_aggregator_header_keeps_only_the_headline_and_the_offices():
    # a byline signed by an office ("By Office of the Spokesperson") keeps the office's name
    raw = (DATA / "aggregator-call-2023-11-02.txt").read_text(encoding="utf-8")
    text = clean_text(raw)
    assert text.startswith(
        "Secretary Moor’s Call with Veldonian Foreign Minister Oran\n\n"
        "Office of the Spokesperson\nRuritanian Department of Foreign Affairs\n\n"
        "The below is attributable to Spokesperson Tom Reyes:"
    )
    for junk in ("Cancel", "U.S. Politics", "By Office", "days ago", "Cover picture", "Share"):
        assert junk not in text


def test_breadcrumb_and_section_label_are_removed():
    raw = (
        "Politics | Nordnews\nFacts\nVeldonia Opens Its New Embassy In Nordhaven\n"
        "03 May 2021 11:27 (UTC+04:00)\n\nThe embassy opened on Monday.\n"
    )
    a = article_from_text(raw, "x")
    assert a.title == "Veldonia Opens Its New Embassy In Nordhaven"
    assert a.text == "The embassy opened on Monday."
    assert a.source == "Nordnews"
    assert a.date == dt.date(2021, 5, 3)


# ---------------------------------------------------------------------------------------------
# headlines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ruritania's President Meets With Chief Of Veldonian Defence Staff", True),
        ("Secretary Moor’s Call with Veldonian Foreign Minister Oran", True),
        ("Readout of Secretary Lanz's Meeting With Minister for Defence Ilse Moor", True),
        ("U.S. Envoy Visits Nordhaven", True),
        ("The minister met his counterpart in Nordhaven.", False),
        ("Chief of Staff Arvid Lanz met the guests. They discussed training", False),
        ("The ministers discussed training and the exchange of cadets", False),
        ("ANKARA", False),
        ("Two Words", False),
    ],
)
def test_looks_like_headline(line, expected):
    assert looks_like_headline(line) is expected


def test_split_title_title_case():
    assert split_title("Veldonia Opens Embassy In Nordhaven\nThe embassy opened.") == (
        "Veldonia Opens Embassy In Nordhaven",
        "The embassy opened.",
    )


def test_split_title_sentence_case():
    text = "New commander takes the helm of the fleet\n\nThe ceremony was held on Friday."
    assert split_title(text) == (
        "New commander takes the helm of the fleet",
        "The ceremony was held on Friday.",
    )
    for first in ("new commander takes the helm of the fleet", "The new commander, a captain,"):
        text = f"{first}\nThe ceremony was held on Friday."
        assert split_title(text) == (None, text)


def test_split_title_takes_the_last_headline_of_the_head_block():
    text = "Ruritanian Ministry of Defence\n\nLanz welcomes Veldonian cadets\n\nThe cadets came."
    assert split_title(text, skip=["Ruritanian Ministry of Defence"]) == (
        "Lanz welcomes Veldonian cadets",
        "Ruritanian Ministry of Defence\n\nThe cadets came.",
    )


def test_a_dateline_is_not_a_title():
    text = "Nordhaven, Ruritania, May 28 (Nordpress)\n\nThe delegation visited the academy today."
    assert split_title(text) == (None, text)


def test_split_title_known_title_removes_only_a_repeat():
    assert split_title("Talks In Nordhaven\n\nBody.", "Talks in Nordhaven") == (
        "Talks in Nordhaven",
        "Body.",
    )
    assert split_title("Other Headline Words Here\n\nBody.", "Talks") == (
        "Talks",
        "Other Headline Words Here\n\nBody.",
    )


def test_a_lone_headline_is_not_split_off():
    assert split_title("Veldonia Opens Embassy In Nordhaven") == (
        None,
        "Veldonia Opens Embassy In Nordhaven",
    )


# ---------------------------------------------------------------------------------------------
# readers: every format


def test_txt_agency_page():
    a = only_article(DATA / "agency-widget.txt")
    assert a.id == "agency-widget"
    assert a.date == dt.date(2024, 3, 12)
    assert a.source == "AzerNews"
    assert a.path == str(DATA / "agency-widget.txt")
    assert "↺" not in a.text and "px" not in a.text
    assert "third countries. Brandt replied" in a.text
    assert "told News.Az. Lanz" in a.text
    assert "Maj.Gen Ilse Moor" in a.text
    assert not a.text.endswith("AzerNews")


def test_txt_menafn_copy():
    a = only_article(DATA / "menafn-wrapped.txt")
    assert a.title == "Veldonian Delegation Visits Ruritanian Naval Academy"
    assert a.source == "Veldonia Wire"
    assert a.date == dt.date(2022, 3, 9)  # from the MENAFN document id
    assert a.text.startswith("NORDHAVEN, Ruritania, March 9. A delegation of the Veldonian")
    assert "Deputy Minister Oskar Brandt visited" in a.text
    assert a.text.count("\n\n") == 1
    assert "MENAFN" not in a.text


def test_txt_cms_stamp_and_label():
    a = only_article(DATA / "cms-stamp.txt")
    assert a.date == dt.date(2019, 5, 11)
    assert a.title == "Ostmark Defence Minister Visits Nordhaven Garrison"
    assert a.text.startswith("Today, on 11 May, Minister of National Defence")
    assert "International cooperation" not in a.text
    assert a.text.endswith("Information prepared by the Press Section")


def test_txt_azernews_stamp():
    a = only_article(DATA / "azernews-stamp.txt")
    assert a.date == dt.date(2023, 3, 14)
    assert a.title == "Veldonia And Ruritania Sign Memorandum On Military Medicine"
    assert a.text.startswith("The defence ministers")


def test_txt_date_from_file_name_and_aggregator_source():
    a = only_article(DATA / "aggregator-call-2023-11-02.txt")
    assert a.date == dt.date(2023, 11, 2)
    assert a.title == "Secretary Moor’s Call with Veldonian Foreign Minister Oran"
    assert a.source == "Ruritanian Department of Foreign Affairs"
    assert a.text.startswith(
        "Office of the Spokesperson\nRuritanian Department of Foreign Affairs\n\n"
        "The below is attributable to Spokesperson"
    )


def test_txt_ministry_site_head_block():
    a = only_article(DATA / "ministry-site.txt")
    assert a.date == dt.date(2023, 10, 3)  # "Published: 03 October 2023"
    assert a.title == "Chief of the Ruritanian General Staff receives Veldonian cadets"
    assert a.source == "Ruritanian Defence Forces"  # the site's name
    assert a.text.startswith("Ruritanian Defence Forces\n\nOn Tuesday, the Chief of")
    assert "News" not in a.text.split("\n")  # the section label


def test_txt_trend_style_dateline_and_release_stamp():
    a = article_from_text(
        "Release\nSept. 12, 2023 |\n\nNordhaven, Ruritania, Sept 12 (Nordpress)\n\n"
        "The guests toured the naval academy, Nordpress reports citing the ministry.",
        "x",
    )
    assert a.date == dt.date(2023, 9, 12)
    assert a.title is None
    assert a.text.startswith("Nordhaven, Ruritania, Sept 12 (Nordpress)\n\nThe guests toured")


def test_json_single_record():
    a = only_article(DATA / "record.json")
    assert a.id == "ostmark-visit-1"
    assert a.url == "https://example.org/news/ostmark-visit"
    assert a.title == "Ostmark Minister In Veldonia"
    assert a.source == "Veldonia Daily"
    assert a.date == dt.date(2022, 7, 1)
    assert a.text == (
        "The Minister of National Defence of Ostmark, Lena Varga, arrived in Veldonia on an "
        "official visit."
    )


def test_json_list_with_text_and_html():
    first, second = read_file(DATA / "records.json")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "list-a"
    assert first.date == dt.date(2021, 2, 3)  # ISO datetime
    assert first.path == f"{DATA / 'records.json'}:2"
    assert second.id == "records-2"  # no id: stem and record number
    assert second.date == dt.date(2021, 2, 4)
    assert second.title == "Talks In Nordhaven"
    assert second.text.startswith("The Chief of the Naval Staff of Ruritania")


def test_jsonl_records():
    items = list(read_file(DATA / "records.jsonl"))
    assert all(isinstance(i, Article) for i in items), items
    assert [i.id for i in items] == ["jl-1", "records-3", "records-4"]
    assert [i.path.rsplit(":", 1)[1] for i in items] == ["1", "3", "4"]
    assert items[0].title == "Briefing"
    assert items[1].date == dt.date(2020, 1, 16)  # the record's date wins over the date line
    assert items[1].text == "The record date wins over the date line."
    assert items[2].date == dt.date(2020, 1, 17)  # no record date: the date line


def test_html_page():
    a = only_article(DATA / "page.html")
    assert a.id == "page"
    assert a.title == "Veldonian Minister Honours Fallen Sailors"
    assert a.date == dt.date(2019, 6, 27)  # the page's date, not the copyright year
    assert a.source == "Ministry of Defence of Veldonia"
    assert a.text.startswith("Minister of Defence of Veldonia Piet Oran laid a wreath")
    assert "Nordhaven. The guest observed" in a.text
    assert "Home" not in a.text and "Copyright" not in a.text


def test_html_without_date_uses_no_guess(tmp_path):
    p = write(
        tmp_path,
        "nodate.html",
        "<html><body><article><p>The minister of Ruritania met his Veldonian counterpart in "
        "Nordhaven and discussed many questions of common interest.</p></article>"
        "<footer>Copyright 2015</footer></body></html>",
    )
    e = only_error(p)
    assert e.reason == NO_DATE


def test_html_with_no_text(tmp_path):
    p = write(tmp_path, "empty-2020-01-01.html", "<html><body><nav>Home</nav></body></html>")
    e = only_error(p)
    assert "no main text found in the HTML" in str(e)


def test_record_dates_in_other_forms(tmp_path):
    p = write(
        tmp_path,
        "dates.jsonl",
        "\n".join(
            json.dumps({"date": d, "text": "Lanz spoke."})
            for d in ("2021-02-03", "03.02.2021", "3 February 2021", "Feb 3, 2021")
        ),
    )
    assert {a.date for a in read_file(p)} == {dt.date(2021, 2, 3)}


def test_read_bytes_for_uploads():
    items = list(read_bytes(b" date 2022-02-02\nLanz spoke.", "upload.txt"))
    assert items[0].text == "Lanz spoke." and items[0].date == dt.date(2022, 2, 2)
    items = list(read_bytes(b'{"date": "2022-02-02", "text": "Lanz spoke."}\n', "up.jsonl"))
    assert items[0].id == "up-1"


def test_utf8_bom_is_accepted(tmp_path):
    p = write(tmp_path, "bom.txt", "\ufeff date 2022-02-02\nLanz spoke.".encode())
    assert only_article(p).date == dt.date(2022, 2, 2)


# ---------------------------------------------------------------------------------------------
# bad input: one specific error each, naming the file (and line) and the fix


def test_empty_file(tmp_path):
    e = only_error(write(tmp_path, "empty.txt", ""))
    assert str(e).startswith(str(tmp_path / "empty.txt"))
    assert "empty" in e.reason


def test_blank_file(tmp_path):
    e = only_error(write(tmp_path, "blank.json", "  \n\n"))
    assert "only blank space" in e.reason


def test_binary_file(tmp_path):
    e = only_error(write(tmp_path, "bin.txt", b"date 2020-01-01\nabc\x00\x01\x02"))
    assert "binary" in e.reason and "NUL byte at byte offset 19" in e.reason
    assert e.line == 2
    assert str(e).startswith(f"{tmp_path / 'bin.txt'}:2: ")


def test_non_utf8_file(tmp_path):
    e = only_error(write(tmp_path, "latin.txt", b" date 2020-01-01\nCaf\xe9 talks."))
    assert "not UTF-8" in e.reason and "byte offset 20" in e.reason and "0xe9" in e.reason
    assert "re-save" in e.reason
    assert e.line == 2


def test_non_utf8_after_bom_counts_the_bom(tmp_path):
    e = only_error(write(tmp_path, "bomlatin.txt", b"\xef\xbb\xbfab\xe9"))
    assert "byte offset 5" in e.reason


def test_utf16_file(tmp_path):
    e = only_error(write(tmp_path, "wide.txt", " date 2020-01-01\nHi.".encode("utf-16")))
    assert "UTF-16" in e.reason


def test_missing_path(tmp_path):
    (e,) = read_all(tmp_path / "nowhere.txt")
    assert isinstance(e, ArticleError)
    assert "no such file or folder" in e.reason and "nowhere.txt" in str(e)


def test_unreadable_file(tmp_path, monkeypatch):
    p = write(tmp_path, "locked.txt", " date 2020-01-01\nText.")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(articles, "open", deny, raising=False)
    e = only_error(p)
    assert "permission denied" in e.reason and "locked.txt" in str(e)


def test_json_syntax_error_names_line_and_column(tmp_path):
    p = write(tmp_path, "broken.json", '{\n  "date": "2020-01-01",\n  "text": "Hi"\n  "id": 3\n}')
    e = only_error(p)
    assert e.line == 4
    assert "invalid JSON" in e.reason and "line 4, column 3" in e.reason
    assert str(e).startswith(f"{p}:4: ")


def test_jsonl_syntax_error_names_the_line_and_batch_goes_on(tmp_path):
    p = write(
        tmp_path,
        "mixed.jsonl",
        '{"date": "2020-01-01", "text": "One."}\n{"date": oops}\n'
        '{"date": "2020-01-03", "text": "Three."}\n',
    )
    one, bad, three = read_file(p)
    assert isinstance(one, Article) and isinstance(three, Article)
    assert isinstance(bad, ArticleError)
    assert bad.line == 2 and "invalid JSON" in bad.reason and "column 10" in bad.reason


def test_record_not_an_object(tmp_path):
    p = write(tmp_path, "list.json", '[\n  {"date": "2020-01-01", "text": "One."},\n  "two"\n]')
    one, bad = read_file(p)
    assert isinstance(one, Article)
    assert isinstance(bad, ArticleError)
    assert bad.line == 3 and "a string, not an object" in bad.reason
    p = write(tmp_path, "nums.jsonl", "[1, 2]\n")
    e = only_error(p)
    assert e.line == 1 and "a list, not an object" in e.reason


def test_record_without_text(tmp_path):
    e = only_error(write(tmp_path, "notext.json", '{"id": "x", "date": "2020-01-01"}'))
    assert "no `text` (or `html`) field" in e.reason


def test_record_with_empty_text(tmp_path):
    e = only_error(write(tmp_path, "blanktext.jsonl", '{"date": "2020-01-01", "text": "  "}\n'))
    assert e.line == 1 and "`text` is empty" in e.reason


def test_record_with_bad_fields(tmp_path):
    e = only_error(write(tmp_path, "badtext.json", '{"date": "2020-01-01", "text": 5}'))
    assert "`text` is a number" in e.reason
    e = only_error(
        write(tmp_path, "badtitle.json", '{"title": [1], "date": "2020-01-01", "text": "x"}')
    )
    assert "`title` is a list" in e.reason
    e = only_error(write(tmp_path, "badid.json", '{"id": {}, "date": "2020-01-01", "text": "x"}'))
    assert "`id` is an object" in e.reason


def test_record_with_bad_date(tmp_path):
    e = only_error(write(tmp_path, "baddate.jsonl", '{"date": "sometime", "text": "Hi."}\n'))
    assert e.line == 1 and "`date` 'sometime' is not a date" in e.reason


def test_no_date(tmp_path):
    e = only_error(write(tmp_path, "undated.txt", "The minister met his counterpart.\n"))
    assert e.reason == NO_DATE
    assert str(e) == f"{tmp_path / 'undated.txt'}: {NO_DATE}"
    e = only_error(write(tmp_path, "undated.jsonl", '\n{"text": "Hi."}\n'))
    assert e.line == 2 and e.reason == NO_DATE


def test_no_date_allowed_when_not_required(tmp_path):
    p = write(tmp_path, "undated.txt", "The minister met his counterpart.\n")
    (a,) = read_all(p, require_date=False)
    assert isinstance(a, Article) and a.date is None
    p = write(tmp_path, "undated.jsonl", '{"text": "Hi."}\n')
    (a,) = read_all(p, require_date=False)
    assert isinstance(a, Article) and a.date is None


def test_invalid_date_line(tmp_path):
    e = only_error(write(tmp_path, "baddateline.txt", " date 2024-02-30\nText."))
    assert e.line == 1 and "2024-02-30" in e.reason and "YYYY-MM-DD" in e.reason


def test_only_a_date_line(tmp_path):
    e = only_error(write(tmp_path, "onlydate.txt", " date 2024-02-03 + ↺ − 16 px\n\n"))
    assert "no article text" in e.reason


def test_file_over_the_limit(tmp_path):
    p = write(tmp_path, "big.txt", " date 2020-01-01\n" + "word " * 100)
    e = only_error(p, max_bytes=100)
    assert f"{p.stat().st_size:,} bytes" in e.reason and "100-byte limit" in e.reason


def test_jsonl_limit_is_per_line(tmp_path):
    small = json.dumps({"date": "2020-01-01", "text": "Short."})
    big = json.dumps({"date": "2020-01-01", "text": "long " * 200})
    p = write(tmp_path, "big.jsonl", f"{small}\n{big}\n{small}\n")
    one, bad, three = read_file(p, max_bytes=200)
    assert isinstance(one, Article) and isinstance(three, Article)
    assert isinstance(bad, ArticleError) and bad.line == 2 and "200-byte limit" in bad.reason


def test_unsupported_suffix_passed_explicitly(tmp_path):
    p = write(tmp_path, "report.pdf", "%PDF")
    (e,) = read_all(p)
    assert isinstance(e, ArticleError) and "unsupported file type '.pdf'" in e.reason
    assert ".txt" in e.reason


def test_empty_folder(tmp_path):
    (e,) = read_all(tmp_path)
    assert isinstance(e, ArticleError) and "holds no" in e.reason


# ---------------------------------------------------------------------------------------------
# folders


def test_folder_recursion_sorted_and_filtered():
    items = read_all(DATA / "folder")
    assert [i.id for i in items] == ["a-first", "b1", "c1"]  # no hidden, .md or .gold.json


def test_folder_with_a_bad_file_in_the_middle(tmp_path):
    write(tmp_path, "a.txt", " date 2020-01-01\nFirst.")
    write(tmp_path, "m/b.txt", b"\x00\x01binary")
    write(tmp_path, "m/c.json", "{not json")
    write(tmp_path, "m/d.txt", "No date here.")
    write(tmp_path, "z.jsonl", '{"date": "2020-01-04", "text": "Last."}\n')
    items = read_all(tmp_path, str(tmp_path / "a.txt"))  # the second mention is read once
    kinds = [
        (type(i).__name__, Path(i.path if isinstance(i, Article) else i.source).name) for i in items
    ]
    assert kinds == [
        ("Article", "a.txt"),
        ("ArticleError", "b.txt"),
        ("ArticleError", "c.json"),
        ("ArticleError", "d.txt"),
        ("Article", "z.jsonl:1"),
    ]


def test_iter_articles_accepts_strings_and_paths():
    items = read_all(str(DATA / "record.json"), DATA / "azernews-stamp.txt")
    assert [i.id for i in items] == ["ostmark-visit-1", "azernews-stamp"]


# ---------------------------------------------------------------------------------------------
# the real seed page


@pytest.fixture
def seed() -> Article:
    if not SEED.is_file():
        pytest.skip(f"shared corpus not found at {SEED} (it lives beside the repository)")
    return only_article(SEED)


def test_seed_article(seed):
    assert seed.id == "seed-news-az-2024-10-09"
    assert seed.date == dt.date(2024, 10, 9)
    assert "↺" not in seed.text and "16 px" not in seed.text
    assert not seed.text.startswith(" ") and seed.text.startswith("First Deputy Minister")
    assert "targeted. Valiyev noted" in seed.text
    assert "targeted.Valiyev" not in seed.text
    assert "told News.Az. In discussing" in seed.text
    assert "cooperation. He emphasized" in seed.text
    assert "Azerbaijan’s relations" in seed.text  # curly apostrophe kept
    assert seed.source == "News.Az"
    assert seed.title is None


def test_seed_offsets_are_into_the_cleaned_text(seed):
    start = seed.text.index("Karim Valiyev")
    assert seed.text[start : start + len("Karim Valiyev")] == "Karim Valiyev"
    assert clean_text(SEED.read_text(encoding="utf-8")) == seed.text


# ---------------------------------------------------------------------------------------------
# speed: the reader must not be the bottleneck of a 300 articles/s pipeline


def test_reading_is_fast():
    raw = (DATA / "agency-widget.txt").read_text(encoding="utf-8")
    raw = raw.replace("\n\nAzerNews", "") + "\n\n" + (raw.split("\n\n")[2] + "\n\n") * 4
    start = time.perf_counter()
    for i in range(300):
        article_from_text(raw, f"a{i}")
    assert time.perf_counter() - start < 1.0  # about 0.1 s here; leaves room for slow CI


def test_html_paragraphs_are_not_joined_by_length(tmp_path):
    items = "".join(
        f"<p>Delegation member number {i} from the Veldonian naval staff</p>" for i in range(6)
    )
    page = (
        "<html><head><title>Delegation List</title>"
        '<meta name="date" content="2020-05-05"></head><body><article>'
        "<p>The Veldonian delegation that arrived in Nordhaven on Monday had six members.</p>"
        f"{items}</article></body></html>"
    )
    a = only_article(write(tmp_path, "list.html", page))
    assert a.text.count("Delegation member number") == 6
    assert len([ln for ln in a.text.split("\n") if ln.startswith("Delegation member")]) == 6


@pytest.mark.parametrize(
    "name", ["agency-widget.txt", "menafn-wrapped.txt", "cms-stamp.txt", "azernews-stamp.txt"]
)
def test_clean_text_is_idempotent(name):
    once = clean_text((DATA / name).read_text(encoding="utf-8"))
    assert clean_text(once) == once


def test_byline_signed_by_an_office_keeps_the_office_but_a_person_byline_goes():
    raw = (
        " date 2024-05-02\nVeldonia And Ruritania Agree On Cadet Exchange\n"
        "By Press Office of the Veldonian Ministry of Defence\n\n"
        "The two ministries agreed on Monday to exchange cadets.\n"
    )
    a = article_from_text(raw, "x")
    assert a.text.startswith("Press Office of the Veldonian Ministry of Defence\n")
    assert "By " not in a.text
    person = raw.replace("By Press Office of the Veldonian Ministry of Defence", "By Anna Lind")
    assert "Anna Lind" not in article_from_text(person, "x").text
