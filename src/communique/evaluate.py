"""Score extraction against hand-made gold files.

Gold files are ``<article id>.gold.json`` (the format of the seed gold: ``officials``,
``institutions``, ``sites``, ``places``, ``events``). Each facet is scored by precision, recall
and F1, micro-averaged over articles (true/false positives and false negatives are summed over
all articles before the ratios are taken). Matching is one-to-one and lenient where the gold
conventions allow variation:

* officials: full name, any alias, or a compatible surname (diacritics and transliteration
  folded: "Oğlu" ≈ "Oghlu");
* ranks: (official, rank) pairs of matched officials;
* posts: (official, post) pairs; titles are folded (case, diacritics, a leading "the",
  Defence ≡ Defense) and a title matches another that is equal to it cut at one of its " of "
  ("Chief of the General Staff" ≈ "Chief of the General Staff of the Azerbaijan Army");
* institutions and sites: the name or any alias on either side;
* places: the name;
* events (one facet per type): same type, participant sets that share an official or an
  institution (or a visited country), and the same site when both name one.

>>> from communique.model import Article, Extraction, Official
>>> gold = {"officials": [{"name": "Karim Valiyev", "aliases": ["Valiyev"], "rank": None,
...                        "posts": []}]}
>>> x = Extraction(Article(id="a", text=""), officials=[Official("o1", "Valiyev")])
>>> score_article(gold, x).facets["officials"].tp
1
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anyascii import anyascii
from rapidfuzz.distance import Indel

from .model import Extraction

FACETS = (
    "officials",
    "ranks",
    "posts",
    "institutions",
    "sites",
    "places",
    "meetings",
    "visits",
    "statements",
    "commemorations",
    "briefings",
    "signings",
    "ceremonies",
    "talks",
)
EVENT_FACETS = {
    "Meeting": "meetings",
    "Visit": "visits",
    "Statement": "statements",
    "Commemoration": "commemorations",
    "Briefing": "briefings",
    "Signing": "signings",
    "Ceremony": "ceremonies",
    "Talk": "talks",
}
SURNAME_SIMILARITY = 0.86


# ---------------------------------------------------------------------- scores
@dataclass
class FacetScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: FacetScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class ArticleResult:
    """Scores of one article, with what was missed and what was spurious per facet."""

    id: str
    facets: dict[str, FacetScore] = field(default_factory=dict)
    missed: dict[str, list[str]] = field(default_factory=dict)  # gold items not found
    spurious: dict[str, list[str]] = field(default_factory=dict)  # predictions not in gold
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "facets": {k: v.to_dict() for k, v in self.facets.items()},
            "missed": {k: v for k, v in self.missed.items() if v},
            "spurious": {k: v for k, v in self.spurious.items() if v},
            "error": self.error,
        }


@dataclass
class EvalReport:
    facets: dict[str, FacetScore] = field(default_factory=dict)
    articles: list[ArticleResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "facets": {k: v.to_dict() for k, v in self.facets.items()},
            "articles": [a.to_dict() for a in self.articles],
        }

    def to_table(self) -> str:
        lines = [
            f"{'facet':<15} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
            "-" * 52,
        ]
        for name in FACETS:
            s = self.facets.get(name)
            if s is None:
                continue
            lines.append(
                f"{name:<15} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
                f"{s.tp:>5} {s.fp:>5} {s.fn:>5}"
            )
        lines.append(f"({len(self.articles)} articles)")
        return "\n".join(lines)

    def details(self) -> str:
        """Per-article misses and spurious predictions, for debugging rules."""
        out = []
        for a in self.articles:
            out.append(f"== {a.id}" + (f"  ERROR: {a.error}" if a.error else ""))
            for f in FACETS:
                miss = a.missed.get(f) or []
                spur = a.spurious.get(f) or []
                if miss or spur:
                    out.append(f"  {f}: missed={miss} spurious={spur}")
        return "\n".join(out)


# ---------------------------------------------------------------------- normalisation
def _fold(s: str | None) -> str:
    s = anyascii(s or "").lower()
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"\bdefense\b", "defence", s)
    if s.startswith("the "):
        s = s[4:]
    return s


def _cuts(s: str) -> set[str]:
    return {s[: m.start()] for m in re.finditer(r" of ", s)}


def post_match(a: str, b: str) -> bool:
    """Lenient post-title equality.

    >>> post_match("Chief of the General Staff", "chief of the General Staff of the Army")
    True
    >>> post_match("Minister of Defense", "Minister of Defence")
    True
    >>> post_match("Deputy Minister", "Minister")
    False
    """
    fa, fb = _fold(a), _fold(b)
    return fa == fb or fa in _cuts(fb) or fb in _cuts(fa)


def _toks(name: str) -> list[str]:
    return _fold(name).split()


def name_score(pred: Iterable[str], gold: Iterable[str]) -> int:
    """3: a full form equal; 2: the same surname with compatible given names; 0: no match."""
    pred = [p for p in pred if p]
    gold = [g for g in gold if g]
    pf = {_fold(p) for p in pred}
    gf = {_fold(g) for g in gold}
    if pf & gf:
        return 3
    best = 0
    for p in pred:
        pt = _toks(p)
        for g in gold:
            gt = _toks(g)
            if not pt or not gt:
                continue
            if not _similar(pt[-1], gt[-1]):
                # "Sato Hiroshi" / "Sato": family name first
                if len(pt) == 1 and pt[0] in gt or len(gt) == 1 and gt[0] in pt:
                    best = max(best, 2)
                continue
            if len(pt) == 1 or len(gt) == 1 or pt[0][0] == gt[0][0]:
                best = max(best, 2)
    return best


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    return Indel.normalized_similarity(a, b) >= SURNAME_SIMILARITY


def alias_score(pred: Iterable[str], gold: Iterable[str]) -> int:
    pf = {_fold(p) for p in pred if p}
    gf = {_fold(g) for g in gold if g}
    pf.discard("")
    gf.discard("")
    return 1 if pf & gf else 0


def _assign(
    preds: list[Any], golds: list[Any], score: Callable[[Any, Any], float]
) -> list[tuple[int, int]]:
    """Greedy one-to-one assignment by descending score (score 0 = no match)."""
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            s = score(p, g)
            if s > 0:
                cands.append((s, i, j))
    cands.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _s, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


# ---------------------------------------------------------------------- scoring one article
def score_article(gold: dict[str, Any], x: Extraction) -> ArticleResult:
    res = ArticleResult(id=str(gold.get("id") or x.article.id))
    for f in FACETS:
        res.facets[f] = FacetScore()
        res.missed[f] = []
        res.spurious[f] = []

    def tally(facet: str, pairs, preds, golds, plabel, glabel) -> None:
        s = res.facets[facet]
        s.tp += len(pairs)
        mp = {i for i, _ in pairs}
        mg = {j for _, j in pairs}
        for i, p in enumerate(preds):
            if i not in mp:
                s.fp += 1
                res.spurious[facet].append(plabel(p))
        for j, g in enumerate(golds):
            if j not in mg:
                s.fn += 1
                res.missed[facet].append(glabel(g))

    # officials
    g_off = list(gold.get("officials") or [])
    p_off = list(x.officials)
    off_pairs = _assign(
        p_off,
        g_off,
        lambda p, g: name_score([p.name, *p.aliases], [g["name"], *(g.get("aliases") or [])]),
    )
    tally("officials", off_pairs, p_off, g_off, lambda p: p.name, lambda g: g["name"])
    g_of_p = dict(off_pairs)

    # ranks
    s = res.facets["ranks"]
    for i, p in enumerate(p_off):
        j = g_of_p.get(i)
        g = g_off[j] if j is not None else None
        g_rank = _fold(g.get("rank")) if g else ""
        p_rank = _fold(p.rank)
        if p_rank and g_rank and p_rank == g_rank:
            s.tp += 1
        else:
            if p_rank:
                s.fp += 1
                res.spurious["ranks"].append(f"{p.name}: {p.rank}")
            if g_rank:
                s.fn += 1
                res.missed["ranks"].append(f"{g['name']}: {g.get('rank')}")
    for j, g in enumerate(g_off):
        if j not in g_of_p.values() and _fold(g.get("rank")):
            s.fn += 1
            res.missed["ranks"].append(f"{g['name']}: {g.get('rank')}")

    # posts
    s = res.facets["posts"]
    for i, p in enumerate(p_off):
        j = g_of_p.get(i)
        gposts = list((g_off[j].get("posts") or []) if j is not None else [])
        pposts = [pm.title for pm in p.posts]
        pairs = _assign(pposts, gposts, lambda a, b: 1 if post_match(a, b) else 0)
        s.tp += len(pairs)
        mp = {a for a, _ in pairs}
        mg = {b for _, b in pairs}
        for a, t in enumerate(pposts):
            if a not in mp:
                s.fp += 1
                res.spurious["posts"].append(f"{p.name}: {t}")
        for b, t in enumerate(gposts):
            if b not in mg:
                s.fn += 1
                res.missed["posts"].append(f"{g_off[j]['name']}: {t}")
    for j, g in enumerate(g_off):
        if j not in g_of_p.values():
            for t in g.get("posts") or []:
                s.fn += 1
                res.missed["posts"].append(f"{g['name']}: {t}")

    # institutions, sites, places
    g_inst = list(gold.get("institutions") or [])
    p_inst = list(x.institutions)
    inst_pairs = _assign(
        p_inst,
        g_inst,
        lambda p, g: alias_score([p.name, *p.aliases], [g["name"], *(g.get("aliases") or [])]),
    )
    tally("institutions", inst_pairs, p_inst, g_inst, lambda p: p.name, lambda g: g["name"])
    g_site = list(gold.get("sites") or [])
    p_site = list(x.sites)
    site_pairs = _assign(
        p_site,
        g_site,
        lambda p, g: alias_score([p.name, *p.aliases], [g["name"], *(g.get("aliases") or [])]),
    )
    tally("sites", site_pairs, p_site, g_site, lambda p: p.name, lambda g: g["name"])
    g_pl = [p if isinstance(p, str) else p.get("name", "") for p in gold.get("places") or []]
    p_pl = list(x.places)
    pl_pairs = _assign(p_pl, g_pl, lambda p, g: alias_score([p.name], [g]))
    tally("places", pl_pairs, p_pl, g_pl, lambda p: p.name, lambda g: g)

    # events
    names_of_ref: dict[str, list[str]] = {}
    for o in x.officials:
        names_of_ref[o.key] = [o.name, *o.aliases]
    for inst in x.institutions:
        names_of_ref[inst.key] = [inst.name, *inst.aliases]
    for pl in x.places:
        names_of_ref[pl.key] = [pl.name]
    site_names = {st.key: [st.name, *st.aliases] for st in x.sites}
    gold_names: dict[str, list[str]] = {}
    for g in g_off:
        gold_names[_fold(g["name"])] = [g["name"], *(g.get("aliases") or [])]
    for g in g_inst:
        gold_names[_fold(g["name"])] = [g["name"], *(g.get("aliases") or [])]
    gold_sites = {_fold(g["name"]): [g["name"], *(g.get("aliases") or [])] for g in g_site}
    gold_off_names = {_fold(g["name"]) for g in g_off}

    def part_match(ref: str, gname: str) -> bool:
        pn = names_of_ref.get(ref)
        if not pn:
            return False
        gn = gold_names.get(_fold(gname), [gname])
        if ref.startswith("official") or _fold(gname) in gold_off_names:
            return name_score(pn, gn) >= 2
        return alias_score(pn, gn) > 0

    def ev_score(p, g) -> float:
        if p.type != g.get("type"):
            return 0
        gs = g.get("site")
        if p.site and gs:
            if not alias_score(site_names.get(p.site, []), gold_sites.get(_fold(gs), [gs])):
                return 0
        gparts = g.get("participants") or []
        prefs = [pt.ref for pt in p.participants]
        hits = sum(1 for gp in gparts if any(part_match(r, gp) for r in prefs))
        if hits:
            return hits + (0.5 if p.site and gs else 0)
        if not gparts and not prefs:
            # unnamed collective visitors: same site is enough
            if p.site and gs:
                return 0.5
            if not p.site and not gs:
                return 0.25
        return 0

    def ev_label(e) -> str:
        if isinstance(e, dict):
            return (
                f"{e.get('type')}({', '.join(e.get('participants') or [])}; site={e.get('site')})"
            )
        parts = ", ".join(
            f"{(names_of_ref.get(p.ref) or [p.ref])[0]}:{p.role}" for p in e.participants
        )
        site = (site_names.get(e.site) or [None])[0] if e.site else None
        return f"{e.type}({parts}; site={site})"

    g_ev = list(gold.get("events") or [])
    for etype, facet in EVENT_FACETS.items():
        ge = [e for e in g_ev if e.get("type") == etype]
        pe = [e for e in x.events if e.type == etype]
        pairs = _assign(pe, ge, ev_score)
        tally(facet, pairs, pe, ge, ev_label, ev_label)
    return res


# ---------------------------------------------------------------------- the whole set
def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for p in sorted(Path(gold_dir).glob("*.gold.json")):
        data = json.loads(p.read_text("utf-8"))
        out[str(data.get("id") or p.name[: -len(".gold.json")])] = data
    return out


def evaluate(
    gold_dir: Path,
    articles_dir: Path,
    extract: Callable[[Any], Extraction] | None = None,
) -> EvalReport:
    """Read the gold files in ``gold_dir`` and the articles in ``articles_dir``, run the
    extractor and score every article that has a gold file.

    An article whose gold exists but which cannot be read counts as all missed.
    """
    from .articles import iter_articles
    from .errors import ArticleError

    if extract is None:
        from .extract import extract as _extract

        extract = _extract
    golds = load_gold(Path(gold_dir))
    report = EvalReport(facets={f: FacetScore() for f in FACETS})
    seen: set[str] = set()
    for item in iter_articles([Path(articles_dir)], require_date=False):
        if isinstance(item, ArticleError):
            continue
        gold = golds.get(item.id)
        if gold is None:
            continue
        seen.add(item.id)
        try:
            x = extract(item)
        except Exception as exc:  # a crash on one article must not hide the others' scores
            from .model import Article

            res = score_article(gold, Extraction(article=Article(id=item.id, text="")))
            res.error = f"extraction failed: {type(exc).__name__}: {exc}"
        else:
            res = score_article(gold, x)
        report.articles.append(res)
    for gid, gold in golds.items():
        if gid in seen:
            continue
        from .model import Article

        empty = Extraction(article=Article(id=gid, text=""))
        res = score_article(gold, empty)
        res.error = "article not found or not readable"
        report.articles.append(res)
    report.articles.sort(key=lambda a: a.id)
    for a in report.articles:
        for f, s in a.facets.items():
            report.facets[f].add(s)
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Score extraction against gold files.")
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("articles_dir", type=Path, nargs="?")
    ap.add_argument("--details", action="store_true", help="list misses per article")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rep = evaluate(args.gold_dir, args.articles_dir or args.gold_dir)
    if args.json:
        print(json.dumps(rep.to_dict(), indent=1, ensure_ascii=False))
    else:
        print(rep.to_table())
        if args.details:
            print(rep.details())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
