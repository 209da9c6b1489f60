"""Search before create: find a person among the clients this user may see, and say why each matched.

1. The box is read into name words, a date of birth, SSN last four, a PersonalID (query.py).
2. The query becomes blocking keys (search_keys.py); one indexed lookup names the candidates,
   which are ranked by how many keys they share and cut to ``MAX_CANDIDATES``.
3. The candidates are read through ``Client.objects.visible_to(user)`` (the policy decides;
   a client the user may not see is never scored) and scored here: names with nicknames, sound
   and spelling (rapidfuzz's Jaro-Winkler), date of birth, SSN last four.
4. Every search writes an audit entry with the query, not the results.
"""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Case, Sum, Value, When
from django.utils.translation import gettext as _
from rapidfuzz.distance import JaroWinkler

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.clients.models import Client, ClientSearchKey
from hearth.clients.names import fold, given_parts, given_sounds, nickname_table, sound, surname_parts, words
from hearth.clients.query import Query, parse
from hearth.clients.search_keys import dob_key, ssn_key, typo_keys
from hearth.clients.ssn import display as ssn_display

LIMIT = 25
MAX_CANDIDATES = 150
RESULT_FIELDS = (
    "personal_id",
    "first_name",
    "middle_name",
    "last_name",
    "name_suffix",
    "dob",
    "ssn",
    "name_data_quality",
    "dob_data_quality",
)
# How much each kind of evidence weighs in the score (names, date of birth, SSN last four).
NAME, DOB, SSN, YEAR = 0.55, 0.3, 0.25, 0.1
NAME_FLOOR, NAME_EVIDENCE, PARTIAL_SURNAME, MINIMUM = 0.6, 0.8, 0.97, 0.3
SIMILAR, RUN_TOGETHER = 0.84, 0.95  # Jaro-Winkler similarity from which two spellings are "similar"
# Evidence a candidate needs from the keys it shares before it is read (see ``candidates``).
STRONG_KEYS, STRONG = frozenset("dsnfl"), 3


@dataclass
class Match:
    personal_id: str
    first_name: str | None
    middle_name: str | None
    last_name: str | None
    name_suffix: str | None
    dob: datetime.date | None
    ssn_last_four: str
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name, self.name_suffix) if p)


@dataclass
class SearchResult:
    query: Query
    matches: list[Match]
    has_more: bool = False

    @property
    def problems(self) -> list[str]:
        return self.query.problems


# -- keys -----------------------------------------------------------------------------------------


def _typo_keys(kind: str, initial: str, part: str) -> set[str]:
    """Keys that find ``part`` with one typo, whatever length the stored spelling has."""
    return typo_keys(kind, initial, part, (len(part) - 1, len(part), len(part) + 1))


def query_keys(query: Query) -> set[str]:
    keys: set[str] = set()
    if query.dob is not None:
        keys.add(dob_key(query.dob))
        if query.swapped_dob is not None:
            keys.add(dob_key(query.swapped_dob))
    if query.last_four:
        keys.add(ssn_key(query.last_four))
    names = query.names
    if len(names) == 1 and not keys:
        keys |= {f"f:{code}" for code in given_sounds(names[0])} | {f"l:{sound(names[0])}"}
    for given, surname in name_pairs(names):
        keys |= {f"n:{g}:{sound(surname)}" for g in given_sounds(given)}
        keys |= _typo_keys("a", sound(given), surname) | _typo_keys("b", sound(surname), given)
    return keys


def name_pairs(names: list[str]) -> list[tuple[str, str]]:
    """Every (given, surname) reading of the words typed: each word as the given name, each other
    word, and each other pair of neighbouring words run together (``garcia lopez``), as the surname."""
    pairs = []
    for i, given in enumerate(names):
        pairs += [(given, surname) for j, surname in enumerate(names) if j != i]
        pairs += [(given, names[j] + names[j + 1]) for j in range(len(names) - 1) if i not in (j, j + 1)]
    return pairs


def candidates(query: Query) -> list[str]:
    """The PersonalIDs worth scoring, most evidence first (at most MAX_CANDIDATES).

    A shared DOB, SSN last four or name sound counts STRONG; a shared half of a name (with the
    other name's sound) counts one.
    """
    keys = query_keys(query)
    found: list[str] = []
    if keys:
        strong = [k for k in keys if k[0] in STRONG_KEYS]
        weight = Case(When(key__in=strong, then=Value(STRONG)), default=Value(1)) if strong else Value(1)
        found = list(
            ClientSearchKey.objects.filter(key__in=keys)
            .values("client_id")
            .annotate(weight=Sum(weight))
            .order_by("-weight", "client_id")
            .values_list("client_id", flat=True)[:MAX_CANDIDATES]
        )
    if query.personal_id:
        found.insert(0, query.personal_id)
    return found


# -- scoring --------------------------------------------------------------------------------------


@lru_cache(maxsize=131072)
def similarity(typed: str, stored: str, *, is_given: bool) -> tuple[float, str]:
    """How alike two folded name words are, and how: exact, nickname, sound, spelling, or ""."""
    if typed == stored:
        return 1.0, "exact"
    if is_given and nickname_table().link(typed, stored):
        return 0.95, "nickname"
    spelled = JaroWinkler.normalized_similarity(typed, stored)
    if sound(typed) == sound(stored) and len(typed) > 1:
        return max(0.9, spelled), "sound"
    return spelled, "spelling" if spelled >= SIMILAR else ""


def _best(typed: str, parts: list[str], *, is_given: bool) -> tuple[float, str, str]:
    best = (0.0, "", "")
    for part in parts:
        score, how = similarity(typed, part, is_given=is_given)
        if score > best[0]:
            best = (score, how, part)
    return best


def _word_reason(how: str, typed: str, stored: str) -> str | None:
    names = {"typed": typed.title(), "stored": stored.title()}
    if how == "nickname":
        return _("nickname %(typed)s = %(stored)s") % names
    if how == "sound":
        return _("sounds like %(typed)s ~ %(stored)s") % names
    if how == "spelling":
        return _("similar spelling %(typed)s ~ %(stored)s") % names
    return None


def _surname_score(
    typed: list[str], surnames: list[str]
) -> tuple[float, list[tuple[str, str, str]], str | None]:
    """Score the words typed for the surname against the surname's parts.

    Returns the score, the (how, typed, stored) word matches, and what was partial: "stored" when
    only one of the client's two surnames was typed, "typed" when two were typed and the client has
    one of them.
    """
    if not typed or not surnames:
        return 0.0, [], None
    stored_words = len(surnames) - 1 if len(surnames) > 1 else 1
    joined = "".join(typed)
    score, how, part = _best(joined, surnames, is_given=False)
    # The whole surname (run together when it has two words); typed words run together against a
    # one-word surname only when they spell it (García López is not García).
    whole = part == surnames[-1] and (len(typed) == 1 or len(surnames) > 1 or score >= RUN_TOGETHER)
    if score >= SIMILAR and whole:
        return score, [(how, joined, part)], None
    found = [_best(word, surnames, is_given=False) for word in typed]
    matched = [(f, word) for f, word in zip(found, typed, strict=True) if f[0] >= SIMILAR]
    if len(typed) == 1:
        return score, [(how, joined, part)], "stored" if stored_words > 1 else None
    if matched and len(matched) < len(typed) and stored_words == 1:
        best = max(matched)
        return best[0][0] * PARTIAL_SURNAME, [(best[0][1], best[1], best[0][2])], "typed"
    average = sum(f[0] for f in found) / len(found)
    partial = "stored" if len(typed) < stored_words else None
    return average, [(f[1], word, f[2]) for f, word in zip(found, typed, strict=True)], partial


def _given_score(
    typed: list[str], givens: list[str], middles: list[str]
) -> tuple[float, list[tuple[str, str, str]], bool]:
    """Score the words typed for the given name (first name, or first and middle names)."""
    if not givens and not middles:
        return 0.0, [], False
    found, goes_by_middle = [], False
    for word in typed:
        best = _best(word, givens, is_given=True)
        middle = _best(word, middles, is_given=True)
        if middle[0] - 0.05 > best[0]:  # goes by the middle name: nearly as good
            best, goes_by_middle = (middle[0] - 0.05, middle[1], middle[2]), len(typed) == 1
        found.append((best, word))
    average = sum(f[0][0] for f in found) / len(found)
    return average, [(f[1], word, f[2]) for f, word in found], goes_by_middle


def _readings(query: Query) -> list[tuple[list[str], list[str], bool]]:
    """Every way to read the name words as (given words, surname words, surname typed first)."""
    names, found = query.names, []
    for cut in range(1, len(names)):
        found.append((names[:cut], names[cut:], False))
        found.append((names[cut:], names[:cut], True))
    return found


def name_score(query: Query, row: dict[str, Any]) -> tuple[float, list[str]]:
    givens = given_parts(row["first_name"])
    middles = words(row["middle_name"])
    surnames = surname_parts(row["last_name"])
    names = query.names
    if len(names) == 1:
        as_given = _best(names[0], givens, is_given=True)
        as_surname = _best(names[0], surnames, is_given=False)
        if len(surnames) > 1:
            as_surname = (as_surname[0] * PARTIAL_SURNAME, as_surname[1], as_surname[2])
        value, how, part = max(as_given, as_surname)
        reason = _word_reason(how, names[0], part)
        return value, [reason] if reason else []
    best: tuple[float, list[str]] = (0.0, [])
    for typed_given, typed_surname, surname_typed_first in _readings(query):
        given, given_matches, goes_by_middle = _given_score(typed_given, givens, middles)
        surname, surname_matches, partial = _surname_score(typed_surname, surnames)
        if partial == "stored":
            surname *= PARTIAL_SURNAME
        total = (given + surname) / 2
        if total <= best[0]:
            continue
        reasons = [r for r in (_word_reason(*m) for m in given_matches + surname_matches) if r]
        if goes_by_middle:
            reasons.append(_("goes by the middle name"))
        if surname_typed_first and not query.surname_first:
            reasons.append(_("first and last names in the other order"))
        if partial == "stored":
            reasons.append(_("one of the surnames %(surname)s") % {"surname": row["last_name"]})
        elif partial == "typed":
            reasons.append(_("recorded with one surname, %(surname)s") % {"surname": row["last_name"]})
        if not reasons:
            reasons.append(_("same name"))
        best = (total, reasons)
    return best


def _initials_fit(query: Query, row: dict[str, Any]) -> bool:
    starts = {w[0] for w in words(row["first_name"]) + words(row["middle_name"]) + words(row["last_name"])}
    return all(initial in starts for initial in query.initials)


def score(query: Query, row: dict[str, Any]) -> Match | None:
    """The match of one candidate with its reasons, or None when the evidence is too weak to show."""
    reasons: list[str] = []
    earned, possible, has_evidence = 0.0, 0.0, False
    if query.names:
        value, name_reasons = name_score(query, row)
        # Names below NAME_FLOOR earn nothing: unrelated names are still 0.5-0.6 alike.
        earned, possible = NAME * max(0.0, (value - NAME_FLOOR) / (1 - NAME_FLOOR)), NAME
        has_evidence = value >= NAME_EVIDENCE
        if has_evidence:  # a weak name resemblance is no reason to show
            reasons += name_reasons
    if query.dob is not None:
        possible += DOB
        if row["dob"] == query.dob:
            earned += DOB
            reasons.append(_("same date of birth"))
            has_evidence = True
        elif row["dob"] is not None and row["dob"] == query.swapped_dob:
            earned += DOB * 0.7
            reasons.append(_("date of birth with day and month swapped"))
            has_evidence = True
    last_four = (row["ssn"] or "")[-4:]
    if query.last_four:
        possible += SSN
        if last_four == query.last_four:
            earned += SSN
            reasons.append(_("same SSN last four"))
            has_evidence = True
    if query.birth_year and row["dob"] is not None and row["dob"].year == query.birth_year:
        earned += YEAR
        reasons.append(_("born in %(year)s") % {"year": query.birth_year})
    if query.personal_id and row["personal_id"] == query.personal_id:
        earned, possible, has_evidence = 2.0, 1.0, True
        reasons.insert(0, _("PersonalID"))
    if not has_evidence or (query.initials and not _initials_fit(query, row)):
        return None
    value = min(earned / possible, 2.0) if possible else 0.0
    if value < MINIMUM:
        return None
    return Match(
        personal_id=row["personal_id"],
        first_name=row["first_name"],
        middle_name=row["middle_name"],
        last_name=row["last_name"],
        name_suffix=row["name_suffix"],
        dob=row["dob"],
        ssn_last_four=ssn_display(row["ssn"]),
        score=round(value, 4),
        reasons=reasons,
    )


def rank(query: Query, rows: list[dict[str, Any]], limit: int = LIMIT) -> tuple[list[Match], bool]:
    matches = [m for m in (score(query, row) for row in rows) if m is not None]
    matches.sort(key=lambda m: (-m.score, fold(m.last_name), fold(m.first_name), m.personal_id))
    return matches[:limit], len(matches) > limit


# -- the search -----------------------------------------------------------------------------------


def search_clients(
    user: Any, text: str, *, actor: audit.Actor | None = None, limit: int = LIMIT, exclude: str = ""
) -> SearchResult:
    """The clients visible to ``user`` that match ``text``, best first; the search is audited."""
    query = parse(text)
    audit.record(
        AuditAction.SEARCH,
        actor=actor or audit.Actor.of(user),
        object_type="clients.Client",
        detail={"query": query.text},
    )
    if query.is_empty:
        return SearchResult(query, [])
    ids = [pk for pk in candidates(query) if pk != exclude]
    rows = list(Client.objects.visible_to(user).filter(pk__in=ids).values(*RESULT_FIELDS)) if ids else []
    matches, has_more = rank(query, rows, limit)
    return SearchResult(query, matches, has_more)
