"""Personal names as search compares them: folded, split into parts, sounded out, and nicknamed.

- ``fold``: lower case, accents removed (``García`` -> ``garcia``, ``Peña`` -> ``pena``), apostrophes
  dropped (``O'Brien`` -> ``obrien``), every other non-letter a separator.
- Surnames: ``García-López`` and ``García López`` both give the parts ``garcia`` and ``lopez``
  and the joined form ``garcialopez``, so a search by either surname, by both with or without the
  hyphen, finds the person.  Particles (``de la Cruz``) are kept out of the parts.
- ``sound``: the Metaphone key of a part (``Catherine`` and ``Kathryn`` -> ``K0RN``), from the
  `jellyfish` package.
- Nicknames: ``Bill`` = ``William``, ``Paco`` = ``Francisco``, ``Guillermo`` = ``William``.  Two
  given names are the same person's when they share a *root*: a formal name that one is, or that
  has the other among its nicknames.  The table is the `nicknames` package (English) plus
  hearth/clients/data/nicknames_es.csv (Spanish; see the README beside it).
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import jellyfish
import nicknames

DATA = Path(__file__).resolve().parent / "data"
PARTICLES = frozenset({"da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "las", "le"})
PARTICLES |= frozenset({"los", "van", "von", "y"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_SEPARATORS = re.compile(r"[^a-z]+")
MAX_CODE = 12


def fold(text: str | None) -> str:
    """Lower-case ASCII letters and single spaces: accents and apostrophes removed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    letters = letters.replace("'", "").replace("\u2019", "").replace("ß", "ss")
    return _SEPARATORS.sub(" ", letters).strip()


def words(text: str | None) -> list[str]:
    return fold(text).split()


def surname_parts(last_name: str | None) -> list[str]:
    """The parts a surname is searched by: each word but particles, then the joined form."""
    tokens = [w for w in words(last_name) if w not in SUFFIXES]
    parts = [w for w in tokens if w not in PARTICLES] or tokens
    if len(tokens) > 1:
        parts.append("".join(tokens))
    return list(dict.fromkeys(parts))


def given_parts(first_name: str | None) -> list[str]:
    """The parts a given name is searched by: each word, then the joined form (``Mary Ann``)."""
    tokens = words(first_name)
    if len(tokens) > 1:
        tokens.append("".join(tokens))
    return list(dict.fromkeys(tokens))


@lru_cache(maxsize=65536)
def sound(part: str) -> str:
    """The Metaphone key of one folded name part (at most 12 letters).

    CH before a consonant sounds K in names (Christopher, Chloe), which Metaphone writes X.
    """
    if part.startswith("ch") and len(part) > 2 and part[2] not in "aeiouy":
        part = "k" + part[2:]
    return (jellyfish.metaphone(part) or part)[:MAX_CODE].upper()


@dataclass(frozen=True)
class NicknameTable:
    roots: dict[str, frozenset[str]]  # name -> the formal names it may stand for (itself included)
    families: dict[str, frozenset[str]]  # formal name -> itself, its nicknames and its translations

    def roots_of(self, name: str) -> frozenset[str]:
        return self.roots.get(name, frozenset({name}))

    def family_of(self, name: str) -> frozenset[str]:
        """Every name that may be written for this one: its formal names and all their nicknames."""
        found = {name}
        for root in self.roots_of(name):
            found |= self.families.get(root, frozenset())
        return frozenset(found)

    def is_direct(self, a: str, b: str) -> bool:
        """One name is the other's formal name (Bill -> William), not two nicknames of a third."""
        return a in self.roots_of(b) or b in self.roots_of(a)

    def link(self, a: str, b: str) -> str | None:
        """The formal name that makes ``a`` and ``b`` the same given name, or None."""
        if a == b:
            return None
        shared = self.roots_of(a) & self.roots_of(b)
        return min(shared) if shared else None


def _rows() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = [(t.name1, t.relationship, t.name2) for t in nicknames.name_triplets()]
    with (DATA / "nicknames_es.csv").open(encoding="utf-8", newline="") as handle:
        rows += [(r["name1"], r["relationship"], r["name2"]) for r in csv.DictReader(handle)]
    return rows


@cache
def nickname_table() -> NicknameTable:
    roots: dict[str, set[str]] = {}
    families: dict[str, set[str]] = {}
    for name1, relationship, name2 in _rows():
        formal, other = fold(name1), fold(name2)
        if not formal or not other or " " in formal or " " in other:
            continue
        roots.setdefault(formal, {formal})
        roots.setdefault(other, {other}).add(formal)
        families.setdefault(formal, {formal}).add(other)
        if relationship == "is_translation_of":
            # Both spellings are formal names: each stands for the other.
            roots[formal].add(other)
            families.setdefault(other, {other}).add(formal)
    return NicknameTable(
        {k: frozenset(v) for k, v in roots.items()}, {k: frozenset(v) for k, v in families.items()}
    )


def given_sounds(part: str) -> set[str]:
    """Metaphone keys of every name that may be written for this given name (query side)."""
    return {sound(name) for name in nickname_table().family_of(part)}
