"""The spaCy side: a blank English pipeline with a tuned tokenizer and the lexicon phrase
matchers, plus sentence splitting. Built once per process and reused.

Sentences are split over the token arrays with the sentencizer's rule (end at . ! ? and the
closing quotes after it) rather than by running the ``sentencizer`` component: the component
walks spaCy Token objects in Python and cost ~3 ms per article here, more than everything
else together.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .lexicons import Lexicons

# Labels of lexicon spans. Kept short: they are bit positions in a per-token mask too.
RANK = "RANK"
PHEAD = "PHEAD"
PMOD = "PMOD"
PABBR = "PABBR"
DOMAIN = "DOMAIN"
IHEAD = "IHEAD"
KINST = "KINST"
OUTLET = "OUTLET"
COUNTRY = "COUNTRY"
DEMONYM = "DEMONYM"
PLACE = "PLACE"
SHEAD = "SHEAD"
HONOR = "HONOR"
EVENT = "EVENT"
ANAPH = "ANAPH"
ORGW = "ORGW"
SSITE = "SSITE"
LABELS = (
    RANK,
    PHEAD,
    PMOD,
    PABBR,
    DOMAIN,
    IHEAD,
    KINST,
    OUTLET,
    COUNTRY,
    DEMONYM,
    PLACE,
    SHEAD,
    HONOR,
    EVENT,
    ANAPH,
    ORGW,
    SSITE,
)
BIT = {lab: 1 << i for i, lab in enumerate(LABELS)}

SEP = "\x1f"

# Abbreviations that must stay one token (and so never end a sentence).
_EXTRA_SPECIAL = (
    "U.S.",
    "U.K.",
    "U.N.",
    "U.S.A.",
    "E.U.",
    "D.C.",
    "H.E.",
    "Sr.",
    "Jr.",
    "No.",
    "St.",
    "Hon.",
    "Rev.",
    "Prof.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Gov.",
    "Sen.",
    "Rep.",
    "Amb.",
    "Dep.",
    "Min.",
    "Lt.",
    "Maj.",
    "Col.",
    "Cmdr.",
    "Cdr.",
    "Capt.",
    "Cpt.",
    "Brig.",
    "Sgt.",
    "Cpl.",
    "Pvt.",
    "Adm.",
    "Gen.",
    "Cmdre.",
    "Cdre.",
    "Commo.",
)
# NB: a special case with an infix inside ("News.Az", "Lt.Gen.") switches on spaCy's special-case
# matcher and makes tokenizing ~30x slower; such forms are matched as token sequences instead.


def build_nlp(lx: Lexicons) -> Language:
    nlp = spacy.blank("en")
    tok = nlp.tokenizer
    # Keep only the abbreviation exceptions: the emoticon/contraction special cases make the
    # tokenizer ~40x slower here and add nothing for this genre.
    tok.rules = {k: v for k, v in tok.rules.items() if "." in k and k[0].isalpha()}
    specials = set(_EXTRA_SPECIAL)
    for surface in list(lx.ranks) + list(lx.honorifics):
        for part in surface.split():
            if part.endswith(".") and part[:-1].isalpha():
                specials.add(part)
    for s in specials:
        if " " not in s:
            tok.add_special_case(s, [{ORTH: s}])
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]{2})\.(?=[A-Z][a-z])"]
    tok.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def build_matchers(nlp: Language, lx: Lexicons) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Two phrase matchers: case-insensitive (LOWER) and as-written (ORTH)."""
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    pats: dict[tuple[str, str], list[str]] = {}

    def add(kind: str, label: str, payload: str, surface: str) -> None:
        pats.setdefault((kind, label + SEP + payload), []).append(surface)

    for surface, full in lx.ranks.items():
        add("orth" if surface in lx.rank_abbrevs else "lower", RANK, full, surface)
    for h in lx.post_heads:
        add("lower", PHEAD, h, h)
    for m in lx.post_mods:
        add("lower", PMOD, m, m)
    for a, full in lx.post_abbrevs.items():
        add("orth", PABBR, full, a)
    for d, portfolio in lx.domains.items():
        add("lower", DOMAIN, portfolio, d)
    for h in lx.inst_heads:
        add("lower", IHEAD, h, h)
    for ki in lx.institutions:
        for form in [ki.name] + ki.aliases:
            is_acr = form.replace(".", "").replace(" ", "").isupper() or len(form) <= 4
            add("orth" if is_acr else "lower", KINST, ki.name, form)
    for o in lx.outlets:
        add("orth", OUTLET, o, o)
    for code, c in lx.countries.items():
        for n in c.names:
            add("orth", COUNTRY, code, n)
            if n.upper() != n:
                add("orth", COUNTRY, code, n.upper())
        for d in c.demonyms:
            add("orth", DEMONYM, code, d)
    for name, kind, code, aliases in lx.places:
        payload = SEP.join((name, kind, code))
        for n in [name] + aliases:
            add("lower" if " " in n else "orth", PLACE, payload, n)
            add("orth", PLACE, payload, n.upper())
    for h in lx.site_heads:
        add("lower", SHEAD, h, h)
    for name in lx.standalone_sites:
        add("orth", SSITE, name, name)
    for w in lx.org_words:
        add("lower", ORGW, w, w)
    for h, kind in lx.honorifics.items():
        add("orth", HONOR, kind, h)
    for phrase, etype, frame in lx.events:
        add("lower", EVENT, etype + SEP + frame, phrase)
    for phrase, kind in lx.anaphora.items():
        add("lower", ANAPH, kind, phrase)

    for (kind, key), surfaces in pats.items():
        docs = [nlp.make_doc(s) for s in dict.fromkeys(surfaces)]
        (lower if kind == "lower" else orth).add(key, docs)
    return lower, orth


@dataclass
class TDoc:
    """Token arrays of one article plus lexicon spans, for fast rule code."""

    text: str  # original article text
    norm: str  # normalised copy (same length)
    doc: Doc
    words: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    cap: list[bool]  # first character upper-case
    space: list[bool]  # token is whitespace
    sent_of: list[int]  # sentence index of each token
    sents: list[tuple[int, int]]  # token ranges
    sent_chars: list[tuple[int, int]]  # character ranges
    spans: dict[str, dict[int, tuple[int, str]]]  # label -> start -> (end, payload), longest
    cover: list[int]  # bitmask of labels covering each token

    def __len__(self) -> int:
        return len(self.words)

    def at(self, label: str, i: int) -> tuple[int, str] | None:
        return self.spans[label].get(i)

    def end_of(self, label: str, i: int) -> int:
        hit = self.spans[label].get(i)
        return hit[0] if hit else 0

    def has(self, label: str, i: int) -> bool:
        return 0 <= i < len(self.cover) and bool(self.cover[i] & BIT[label])

    def span_text(self, i: int, j: int) -> str:
        """Original text of tokens i..j-1, whitespace collapsed."""
        if j <= i:
            return ""
        return " ".join(self.text[self.starts[i] : self.ends[j - 1]].split())

    def norm_text(self, i: int, j: int) -> str:
        if j <= i:
            return ""
        return " ".join(self.norm[self.starts[i] : self.ends[j - 1]].split())


_END_PUNCT = frozenset((".", "!", "?", "...", "…", "!?", "?!"))
_CLOSERS = frozenset(('"', "'", ")", "]", "»", "”", "’"))


def make_tdoc(
    nlp: Language,
    matchers: tuple[PhraseMatcher, PhraseMatcher],
    text: str,
    norm: str,
    source: str | None = None,
) -> TDoc:
    doc = nlp.make_doc(norm)
    arr = doc.to_array([IDX, LENGTH]).tolist()
    starts = [s for s, _ in arr]
    ends = [s + n for s, n in arr]
    words = [norm[s:e] for s, e in zip(starts, ends, strict=True)]
    n = len(words)
    space = [w.isspace() for w in words]

    spans: dict[str, dict[int, tuple[int, str]]] = {lab: {} for lab in LABELS}
    cover = [0] * n
    strings = nlp.vocab.strings
    for m in matchers:
        for match_id, a, b in m(doc):
            label, payload = strings[match_id].split(SEP, 1)
            d = spans[label]
            prev = d.get(a)
            if prev is None or prev[0] < b:
                d[a] = (b, payload)
            bit = BIT[label]
            for k in range(a, b):
                cover[k] |= bit

    # "(MENAFN- Vallen Times)": the agency named in a re-publication prefix is an outlet
    # wherever the text names it ("..., Vallen Times reports citing ...")
    _mark_prefix_outlets(words, spans, cover, source)

    # Sentence boundaries, as spaCy's sentencizer draws them (a sentence ends at . ! ? and
    # the closing quotes/brackets after it), plus: never inside an outlet name ("News.Az"),
    # never before a lower-case word, always at a line break the normaliser kept.
    # Abbreviations ("Lt.", "Gen.", "U.S.", initials) are single tokens, so they never split.
    outlet_bit = BIT[OUTLET]
    sents: list[tuple[int, int]] = []
    cur = 0
    for i in [i for i, w in enumerate(words) if w in _END_PUNCT or "\n" in w]:
        if i < cur:
            continue
        if space[i]:
            cut = i + 1
        elif cover[i] & outlet_bit:
            continue
        else:
            j = i + 1
            while j < n and (words[j] in _CLOSERS or words[j] in _END_PUNCT):
                j += 1
            k = j
            while k < n and space[k]:
                k += 1
            if k < n and words[k][:1].islower():
                continue
            cut = j
        _add_sent(sents, space, cur, cut)
        cur = cut
    _add_sent(sents, space, cur, n)
    # sentence of each token; whitespace between sentences goes with the one before
    sent_of = [0] * n
    prev_end = 0
    for si, (a, b) in enumerate(sents):
        if a > prev_end and si > 0:
            sent_of[prev_end:a] = [si - 1] * (a - prev_end)
        sent_of[a:b] = [si] * (b - a)
        prev_end = b
    if sents and prev_end < n:
        sent_of[prev_end:n] = [len(sents) - 1] * (n - prev_end)
    sent_chars = [(starts[a], ends[b - 1]) for a, b in sents]
    cap = [w[:1].isupper() for w in words]
    return TDoc(
        text=text,
        norm=norm,
        doc=doc,
        words=words,
        lower=[w.lower() for w in words],
        starts=starts,
        ends=ends,
        cap=cap,
        space=space,
        sent_of=sent_of,
        sents=sents,
        sent_chars=sent_chars,
        spans=spans,
        cover=cover,
    )


def _add_sent(sents: list[tuple[int, int]], space: list[bool], a: int, b: int) -> None:
    while a < b and space[a]:
        a += 1
    while b > a and space[b - 1]:
        b -= 1
    if b > a:
        sents.append((a, b))


def _mark_prefix_outlets(
    words: list[str],
    spans: dict[str, dict[int, tuple[int, str]]],
    cover: list[int],
    source: str | None,
) -> None:
    """Mark the re-publisher's agency as an outlet: from a "(MENAFN- X)" prefix in the text,
    or the page's source when it reads as an outlet name (capitalised words, no institution
    head or organisation word: "Vallen Times", not "Ministry of Defence")."""
    n = len(words)
    names: set[tuple[str, ...]] = set()
    if source:
        seq = tuple(source.split())
        if 1 < len(seq) <= 4 and all(w[:1].isupper() and w.isalpha() for w in seq):
            names.add(seq)
    for i in range(n - 3):
        if words[i].rstrip("-–—") != "MENAFN":
            continue
        j = i + 1
        if words[i] == "MENAFN":
            if words[i + 1] not in ("-", "–", "—"):
                continue
            j = i + 2
        seq: list[str] = []
        while j < n and j < i + 12 and words[j] != ")":
            if not words[j].isspace():
                seq.append(words[j])
            j += 1
        if j < n and seq and all(w[:1].isupper() or not w.isalpha() for w in seq):
            names.add(tuple(seq))
    if not names:
        return
    bit = BIT[OUTLET]
    for seq in names:
        k = len(seq)
        for a in range(n - k + 1):
            if words[a] != seq[0]:
                continue
            idx = [a]
            b = a + 1
            while len(idx) < k and b < n:
                if not words[b].isspace():
                    if words[b] != seq[len(idx)]:
                        break
                    idx.append(b)
                b += 1
            if len(idx) == k and [words[x] for x in idx] == list(seq):
                if any(cover[x] & (BIT[IHEAD] | BIT[ORGW] | BIT[KINST]) for x in idx):
                    continue
                spans[OUTLET].setdefault(a, (idx[-1] + 1, " ".join(seq)))
                for x in range(a, idx[-1] + 1):
                    cover[x] |= bit
