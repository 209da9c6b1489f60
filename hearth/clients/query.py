"""Reading the search box: name words, a date of birth, SSN digits, a PersonalID.

One box takes any mix, in any order: ``Bill Smith 3/12/1985``, ``garcia lopez, maria``,
``1234``, ``xxx-xx-1234``, ``March 12 1985``, ``12 de marzo de 1985``, a PersonalID.  What cannot
be read is named in ``problems``, in words a case manager can act on.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.clients.names import fold

MAX_QUERY = 200
MAX_NAME_WORDS = 5
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "enero", "ene"),
            ("february", "feb", "febrero"),
            ("march", "mar", "marzo"),
            ("april", "apr", "abril", "abr"),
            ("may", "mayo"),
            ("june", "jun", "junio"),
            ("july", "jul", "julio"),
            ("august", "aug", "agosto", "ago"),
            ("september", "sep", "sept", "septiembre", "setiembre"),
            ("october", "oct", "octubre"),
            ("november", "nov", "noviembre"),
            ("december", "dec", "diciembre", "dic"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_FIRST = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_FIRST = re.compile(
    rf"\b(\d{{1,2}})\s+(?:de\s+)?({_MONTH})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})\b", re.IGNORECASE
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_FULL_SSN = re.compile(r"^\d{3}-?\d{2}-?(\d{4})$")
_MASKED_SSN = re.compile(r"^[x*#]{3}-?[x*#]{2}-?(\d{4})$", re.IGNORECASE)
_PERSONAL_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


@dataclass
class Query:
    text: str
    names: list[str] = field(default_factory=list)  # folded name words, as typed
    initials: list[str] = field(default_factory=list)
    surname_first: bool = False  # "Garcia Lopez, Maria": the words before the comma are the surname
    dob: datetime.date | None = None
    last_four: str | None = None
    birth_year: int | None = None
    personal_id: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.names or self.initials or self.dob or self.last_four or self.personal_id)

    @property
    def swapped_dob(self) -> datetime.date | None:
        """The date with day and month exchanged, when that is a date too (12/03 typed for 03/12)."""
        if self.dob is None or self.dob.day > 12 or self.dob.day == self.dob.month:
            return None
        return self.dob.replace(month=self.dob.day, day=self.dob.month)


def _date(year: int, month: int, day: int, typed: str, query: Query) -> datetime.date | None:
    try:
        value = datetime.date(year, month, day)
    except ValueError:
        query.problems.append(
            _("“%(typed)s” is not a date: write a date of birth as 1985-03-12 or 03/12/1985.")
            % {"typed": typed}
        )
        return None
    if value > timezone.localdate() or value.year < 1900:
        query.problems.append(
            _("“%(typed)s” cannot be a date of birth: it is in the future or before 1900.") % {"typed": typed}
        )
        return None
    return value


def _two_digit_year(year: int) -> int:
    this_year = timezone.localdate().year
    century = this_year - this_year % 100
    return century + year if century + year <= this_year else century - 100 + year


def _read_date(token: str, query: Query) -> datetime.date | bool | None:
    """A date of birth in the token; False when the token is not date-shaped at all."""
    if match := _ISO.match(token):
        return _date(int(match[1]), int(match[2]), int(match[3]), token, query)
    if match := _US.match(token):
        year = int(match[3]) if len(match[3]) == 4 else _two_digit_year(int(match[3]))
        return _date(year, int(match[1]), int(match[2]), token, query)
    if len(token) == 8 and token.isdigit():
        if token[:2] in ("19", "20"):
            return _date(int(token[:4]), int(token[4:6]), int(token[6:]), token, query)
        return _date(int(token[4:]), int(token[:2]), int(token[2:4]), token, query)
    if len(token) == 6 and token.isdigit():
        return _date(_two_digit_year(int(token[4:])), int(token[:2]), int(token[2:4]), token, query)
    return False


def _spelled_dates(text: str, query: Query) -> str:
    """Take dates written with a month name out of the text ("March 12, 1985", "12 de marzo de 1985")."""

    def month_first(match: re.Match[str]) -> str:
        query.dob = _date(int(match[3]), MONTHS[match[1].lower()], int(match[2]), match[0], query)
        return " "

    def day_first(match: re.Match[str]) -> str:
        query.dob = _date(int(match[3]), MONTHS[match[2].lower()], int(match[1]), match[0], query)
        return " "

    return _DAY_FIRST.sub(day_first, _MONTH_FIRST.sub(month_first, text))


def parse(text: str) -> Query:
    text = " ".join(text.split())[:MAX_QUERY]
    query = Query(text=text)
    if _PERSONAL_ID.match(text) and not text.isdigit():
        query.personal_id = text
    rest = _spelled_dates(text, query)
    if "," in rest:
        before, _comma, _after = rest.partition(",")
        query.surname_first = bool(fold(before)) and not any(ch.isdigit() for ch in before)
    for raw in rest.replace(",", " ").split():
        token = raw.strip(".;:()")
        if not token:
            continue
        if match := _FULL_SSN.match(token) or _MASKED_SSN.match(token):
            query.last_four = match[1]
            continue
        if len(token) == 4 and token.isdigit():
            query.last_four = token
            if 1900 <= int(token) <= timezone.localdate().year:
                query.birth_year = int(token)
            continue
        found = _read_date(token, query)
        if found is not False:
            query.dob = found or query.dob  # type: ignore[assignment]  # False was handled above
            continue
        if any(ch.isdigit() for ch in token):
            if query.personal_id is None:
                query.problems.append(
                    _(
                        "“%(typed)s” is not a name, a date of birth, the last four digits of an SSN "
                        "or a PersonalID."
                    )
                    % {"typed": token}
                )
            continue
        for word in fold(token).split():
            target = query.initials if len(word) == 1 else query.names
            if word not in target:
                target.append(word)
    del query.names[MAX_NAME_WORDS:]
    return query
