"""Person names as keys: transliteration-folded tokens, a consonant skeleton per token, and
the order-free name key that cross-article identity looks people up by.

The skeleton keeps the first letter (any vowel becomes ``a``) and the consonants after it,
each mapped to a class, so that the usual transliteration variants of one name meet:

>>> [skeleton(t) for t in ("Valiyev", "Valiev", "Veliyev")]
['vlv', 'vlv', 'vlv']
>>> [skeleton(t) for t in ("Oğuz", "Oguz", "Oghuz")]
['akz', 'akz', 'akz']
>>> skeleton("Hasanov") == skeleton("Gasanov"), skeleton("Zelenskyi") == skeleton("Zelensky")
(True, True)
>>> name_info("Kim Yong-hyun").key == name_info("Yong-hyun Kim").key
True
>>> name_info("K. Valiyev").partial, name_info("Karim Valiyev").partial
(True, False)
>>> compatible(name_info("K. Valiyev"), name_info("Karim Valiyev"))
True
>>> compatible(name_info("A. Kõiv"), name_info("Tõnis Kõiv"))
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

_VOWELS = set("aeiouy")
# consonant classes: letters that transliterations swap for one another share a class
_CLASS = {
    "k": "k",
    "g": "k",
    "q": "k",
    "h": "k",  # Hasanov / Gasanov, Oğuz / Oghuz
    "c": "c",
    "j": "j",
    "d": "t",
    "t": "t",  # Ahmed / Ahmet
    "b": "p",
    "p": "p",  # Habib / Habip
    "v": "v",
    "w": "v",
    "f": "f",
    "s": "s",
    "z": "z",
    "x": "ks",
    "l": "l",
    "r": "r",
    "m": "m",
    "n": "n",
}
_DIGRAPHS = (("sch", "s"), ("sh", "s"), ("ch", "c"), ("zh", "z"), ("kh", "k"), ("ph", "f"))
_SPLIT = re.compile(r"[\s,]+")
_NOT_LETTER = re.compile(r"[^a-z]+")
# words that are written next to names but are not part of them
_NOT_NAME = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "jr", "sr"})


def fold_token(token: str) -> str:
    """ASCII lower-case letters only: ``"Kõiv's" -> "koivs"``, ``"Yong-hyun" -> "yonghyun"``."""
    return _NOT_LETTER.sub("", anyascii(token).lower())


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """The consonant skeleton of one name token (see the module doc)."""
    t = fold_token(token)
    if not t:
        return ""
    for a, b in _DIGRAPHS:
        t = t.replace(a, b)
    first = "a" if t[0] in _VOWELS else _CLASS.get(t[0], t[0])
    out = [first]
    for ch in t[1:]:
        if ch in _VOWELS:
            continue
        cls = _CLASS.get(ch, ch)
        if out[-1] != cls:
            out.append(cls)
    return "".join(out)


@dataclass(frozen=True)
class NameInfo:
    """What identity needs to know of a written name."""

    text: str  # as written
    tokens: tuple[str, ...]  # folded full tokens (initials left out)
    skeletons: tuple[str, ...]  # skeleton of each full token
    initials: tuple[str, ...]  # first letters given as initials ("k" for "K.")
    key: str  # order-free key: sorted skeletons, then the initials as "k."

    @property
    def partial(self) -> bool:
        """An initial stands for a given name, or only one name is written ("Aliyev")."""
        return bool(self.initials) or len(self.skeletons) < 2

    @property
    def surnames(self) -> tuple[str, ...]:
        """Skeletons to look a partial name up by (every full token it has)."""
        return tuple(sorted(set(self.skeletons)))


@lru_cache(maxsize=65536)
def name_info(name: str) -> NameInfo:
    """Tokens, skeletons and key of a person's name."""
    raw = [t for t in _SPLIT.split(name.strip()) if t]
    tokens: list[str] = []
    skels: list[str] = []
    initials: list[str] = []
    for tok in raw:
        f = fold_token(tok)
        if not f or f in _NOT_NAME:
            continue
        is_initial = len(f) == 1 or (len(f) <= 2 and tok.endswith(".") and "-" not in tok)
        if is_initial:
            # "K." or a two-letter initial such as "Yu." stands for a given name
            initials.append(f[0])
        else:
            tokens.append(f)
            skels.append(skeleton(tok))
    key = " ".join(sorted(skels) + sorted(i + "." for i in initials))
    return NameInfo(name, tuple(tokens), tuple(skels), tuple(initials), key or "x")


def compatible(short: NameInfo, full: NameInfo) -> bool:
    """True when ``short`` can be a less complete way of writing ``full``: each full token of
    ``short`` has the skeleton of a distinct token of ``full``, and each initial is the first
    letter of another remaining token. At least one full token must match."""
    if not short.skeletons:
        return False
    remaining = list(full.skeletons)
    first_letters = [t[0] for t in full.tokens]
    used: list[int] = []
    for s in short.skeletons:
        idx = next((i for i, r in enumerate(remaining) if r == s and i not in used), None)
        if idx is None:
            return False
        used.append(idx)
    for ini in short.initials:
        idx = next(
            (i for i, f in enumerate(first_letters) if f == ini and i not in used),
            None,
        )
        if idx is None:
            return False
        used.append(idx)
    return True


# --- ranks ------------------------------------------------------------------------------
# Seniority, so that a rank history can be checked for a demotion (an incompatible date).
# NATO-style grades (OF-1 … OF-10); ranks not listed here are never compared.
_SENIORITY = {
    "second lieutenant": 1,
    "lieutenant": 2,
    "first lieutenant": 2,
    "senior lieutenant": 2,
    "captain": 3,
    "major": 4,
    "lieutenant colonel": 5,
    "commander": 5,
    "colonel": 6,
    "captain first rank": 6,
    "brigadier": 7,
    "brigadier general": 7,
    "commodore": 7,
    "air commodore": 7,
    "rear admiral": 8,
    "major general": 8,
    "air vice-marshal": 8,
    "lieutenant general": 9,
    "vice admiral": 9,
    "air marshal": 9,
    "colonel general": 10,
    "admiral": 10,
    "general": 11,
    "army general": 11,
    "general of the army": 11,
    "air chief marshal": 10,
    "marshal": 12,
    "field marshal": 12,
}


def seniority(rank: str | None) -> int | None:
    """Grade of a rank written out in full, or None when it is not in the table."""
    if not rank:
        return None
    return _SENIORITY.get(" ".join(anyascii(rank).lower().split()))
