"""Small text helpers: length-preserving normalisation, folding for comparison."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# One character in, one character out: offsets into the normalised text are offsets into the
# original text.
_NORM_TABLE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\t": " ",
        "\r": " ",
    }
)

# str.translate with a dict is slow on long non-ASCII strings; a few str.replace calls are not.
_NORM_PAIRS = tuple((chr(k), v) for k, v in _NORM_TABLE.items())

_LINE_END_PUNCT = frozenset(".!?:;\"'")


def normalise(text: str) -> str:
    """Return ``text`` with quotes, apostrophes and odd spaces unified, same length.

    Single line breaks inside a paragraph (hard-wrapped copies) become spaces, so names and
    phrases that span a break still match; blank lines and breaks after a finished sentence
    or a headline stay.

    >>> t = "The minister met the Chief of the Ruritanian General Staff, Colonel"
    >>> normalise(t + "\\nGeneral Karim Valiyev\u2019s aide.\\n\\nNext")[53:]
    "Staff, Colonel General Karim Valiyev's aide.\\n\\nNext"
    """
    out = text
    for ch, rep in _NORM_PAIRS:
        if ch in out:
            out = out.replace(ch, rep)
    if "\n" not in out:
        return out
    soft = []
    n = len(out)
    pos = out.find("\n")
    while pos != -1:
        if (pos == 0 or out[pos - 1] != "\n") and (pos + 1 >= n or out[pos + 1] != "\n"):
            if _is_soft_break(out, pos):
                soft.append(pos)
        pos = out.find("\n", pos + 1)
    if not soft:
        return out
    chars = list(out)
    for pos in soft:
        chars[pos] = " "
    return "".join(chars)


_OPEN_ENDS = frozenset("of for to the a an and in at on with by from".split())


def _is_soft_break(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    prev = text[line_start:pos].rstrip()
    nxt_end = text.find("\n", pos + 1)
    nxt = text[pos + 1 : nxt_end if nxt_end != -1 else len(text)].lstrip()
    if not prev or not nxt:
        return False
    if prev[-1] in _LINE_END_PUNCT:
        return False
    first = nxt[0]
    if first.islower() or first.isdigit() and not prev[-1].isdigit():
        return True
    if first in "(-•*#":
        return False
    if len(prev) < 45:
        return False
    words = [w for w in prev.split() if w[:1].isalpha()]
    if words and words[-1] in _OPEN_ENDS:
        return True  # "... Deputy Minister of" / "Foreign Affairs": no line ends on "of"
    if ". " in prev:
        return True  # a sentence ended inside the line: body text, not a headline
    # A headline in Title Case is its own sentence.
    if words and sum(w[0].isupper() for w in words) / len(words) > 0.8:
        return False
    return True


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower-case ASCII form used for comparing names: diacritics and apostrophes dropped.

    >>> fold("Oğuz Bruåsdal’s")
    'oguz bruasdal'
    """
    s = anyascii(s).lower()
    s = s.replace("'s ", " ")
    if s.endswith("'s"):
        s = s[:-2]
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


@lru_cache(maxsize=65536)
def fold_token(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(s).lower())


def collapse_ws(s: str) -> str:
    return " ".join(s.split())
