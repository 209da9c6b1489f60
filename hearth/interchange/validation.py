"""Problems found in an import, in plain words, with the rule they break (validation_rules.csv).

Severity comes from the rule table: ``reject`` is a rejecting error (nothing is imported), ``error``
and ``info`` are warnings (the data is imported and the problem listed).  Three exceptions:

* A value or row that cannot be imported at all (not UTF-8, broken quoting, a row of the wrong
  width, a value that is not of its column's type) rejects whatever rule it is filed under.
* Tolerated findings: well-formed data that breaks a rejecting rule in a way HUD's own test
  exports do (the FY2026 LSA sample, the FY2022 Data Lab kit): a column name in other letter
  case (FMT-01), a code outside its list (FMT-03), a dependent field holding a value its parent
  field does not allow (FMT-08, CL-01), earlier exports' rows in Export.csv (FMT-11), a SourceID
  that is not a CoC code (FMT-13), UserIDs without a User.csv row (REF-04), repeated
  project-start or exit records (REF-09).  They are imported as sent and listed as warnings
  marked tolerated; a strict import rejects them.
* Refused for privacy: a name, SSN or date of birth of a client enrolled only in victim service
  providers' projects rejects under PD-05 (VAWA), which the rule table files as an error.
  docs/adr/0002-import-severities.md gives the reasons.

The log keeps the first ``PER_KIND`` problems of each kind (file, rule, column) and counts the
rest, so a file with a million bad dates costs a bounded amount of memory and report space.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from hearth.hud.generated.rules import VALIDATION_RULES

SEVERITY: dict[str, str] = {rule.rule_id: rule.severity for rule in VALIDATION_RULES}
RULE_TEXT: dict[str, str] = {rule.rule_id: rule.rule for rule in VALIDATION_RULES}
PER_KIND = 100
# Rules of validation_rules.csv the import does not check, and why (tests hold this list true).
NOT_CHECKED = {
    "FMT-14": "ImplementationID stays constant across a source's exports: no history of sources is kept yet",
    "FMT-15": "info: what an export period holds is the exporter's choice",
    "FMT-18": "info: applied rather than checked (DateDeleted soft-deletes the record)",
    "FMT-19": "info: how an exporter dates combined records",
    "DT-06": "annual assessments' timing needs each household's anniversaries: the data-quality report's job",
}
# Rules whose every finding is tolerated (see above); other tolerances are chosen where found.
TOLERATED_RULES = frozenset({"FMT-13"})
VALUE_SHOWN = 80


@dataclass(frozen=True)
class Issue:
    """One problem: where it is, what it is, and which rule says so."""

    rule_id: str
    file: str  # as found in the source: "Enrollment.csv", "rrh/Enrollment.csv"
    message: str  # what is wrong, in plain words, without the location
    row: int | None = None  # spreadsheet row number (the header is row 1)
    column: str = ""
    value: str | None = None
    is_rejecting: bool = False
    is_tolerated: bool = False  # breaks a rejecting rule, imported as sent (see above)

    def __str__(self) -> str:
        where = self.file or "The import"
        if self.row is not None:
            where += f" row {self.row:,}"
        if self.column:
            where += f", {self.column}"
            if self.value is not None:
                where += f" '{shown(self.value)}'"
        tolerated = "; imported as sent" if self.is_tolerated and not self.is_rejecting else ""
        return f"{where}: {self.message}{tolerated} [{self.rule_id}]"

    @property
    def severity(self) -> str:
        if self.is_rejecting:
            return "reject"
        return "tolerated" if self.is_tolerated else "warning"


def issue(
    rule_id: str,
    file: str,
    message: str,
    *,
    row: int | None = None,
    column: str = "",
    value: str | None = None,
    cannot_import: bool = False,
    is_tolerated: bool = False,
) -> Issue:
    """An Issue whose severity follows the rule table (or rejects, when nothing can be imported)."""
    if rule_id not in SEVERITY:
        raise KeyError(f"{rule_id} is not a rule of validation_rules.csv")
    is_tolerated = is_tolerated or rule_id in TOLERATED_RULES
    is_rejecting = cannot_import or (SEVERITY[rule_id] == "reject" and not is_tolerated)
    return Issue(rule_id, file, message, row, column, storable(value), is_rejecting, is_tolerated)


def storable(value: str | None) -> str | None:
    """A value as the report keeps it: undecodable bytes and NUL written as escapes, cut to 200."""
    if value is None:
        return None
    if not value.isascii():
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return value.replace("\x00", "\\x00")[:200]


def shown(value: str) -> str:
    """A value as the report prints it: control characters made visible, long values cut."""
    text = value.encode("unicode_escape").decode("ascii") if not value.isprintable() else value
    return text if len(text) <= VALUE_SHOWN else text[: VALUE_SHOWN - 1] + "…"


@dataclass
class KindCount:
    first: Issue
    count: int = 0


class IssueLog:
    """Every problem of an import, the first ``PER_KIND`` of each kind in full."""

    def __init__(self, per_kind: int = PER_KIND, *, is_strict: bool = False) -> None:
        self.per_kind = per_kind
        self.is_strict = is_strict  # tolerated findings reject
        self.kept: list[Issue] = []
        self.kinds: dict[tuple[str, str, str], KindCount] = {}
        self.rejecting = 0
        self.warnings = 0
        self.warnings_by_file: dict[str, int] = {}

    def add(self, found: Issue) -> None:
        if self.is_strict and found.is_tolerated and not found.is_rejecting:
            found = replace(found, is_rejecting=True)
        key = (found.file, found.rule_id, found.column)
        kind = self.kinds.get(key)
        if kind is None:
            kind = self.kinds[key] = KindCount(found)
        kind.count += 1
        if kind.count <= self.per_kind:
            self.kept.append(found)
        if found.is_rejecting:
            self.rejecting += 1
        else:
            self.warnings += 1
            self.warnings_by_file[found.file] = self.warnings_by_file.get(found.file, 0) + 1

    def add_more(self, like: Issue, count: int) -> None:
        """Count ``count`` more problems of the kind of ``like`` without listing them."""
        if count <= 0:
            return
        if self.is_strict and like.is_tolerated:
            like = replace(like, is_rejecting=True)
        kind = self.kinds.setdefault((like.file, like.rule_id, like.column), KindCount(like))
        kind.count += count
        if like.is_rejecting:
            self.rejecting += count
        else:
            self.warnings += count
            self.warnings_by_file[like.file] = self.warnings_by_file.get(like.file, 0) + count

    def extend(self, found: Iterable[Issue]) -> None:
        for one in found:
            self.add(one)

    def merge(self, other: "IssueLog") -> None:
        """Take in the problems ``other`` logged (another process read other files, with the same
        ``per_kind`` and strictness): afterwards this log is as if they had been added here."""
        kept_rejecting, kept_warnings_by_file = 0, dict.fromkeys(other.warnings_by_file, 0)
        kept_by_kind: dict[tuple[str, str, str], int] = {}
        for found in other.kept:
            self.add(found)
            key = (found.file, found.rule_id, found.column)
            kept_by_kind[key] = kept_by_kind.get(key, 0) + 1
            if found.is_rejecting:
                kept_rejecting += 1
            else:
                kept_warnings_by_file[found.file] = kept_warnings_by_file.get(found.file, 0) + 1
        for key, kind in other.kinds.items():
            more = kind.count - kept_by_kind.get(key, 0)
            if more:
                self.kinds.setdefault(key, KindCount(kind.first)).count += more
        self.rejecting += other.rejecting - kept_rejecting
        for file, count in other.warnings_by_file.items():
            more = count - kept_warnings_by_file.get(file, 0)
            if more:
                self.warnings_by_file[file] = self.warnings_by_file.get(file, 0) + more
                self.warnings += more

    @property
    def has_rejecting(self) -> bool:
        return self.rejecting > 0

    def summaries(self) -> Iterator[Issue]:
        """One line per kind with more problems than were kept: how many more there are."""
        for kind in self.kinds.values():
            if kind.count > self.per_kind:
                first = kind.first
                more = kind.count - self.per_kind
                column = f"{first.column} " if first.column else ""
                yield Issue(
                    first.rule_id,
                    first.file,
                    f"{more:,} more rows with this problem in {column}(not listed one by one)",
                    is_rejecting=first.is_rejecting,
                    is_tolerated=first.is_tolerated,
                )

    def report(self) -> list[Issue]:
        """Rejecting errors first, then warnings; each in file and row order."""
        everything = [*self.kept, *self.summaries()]
        return sorted(everything, key=lambda i: (not i.is_rejecting, i.file, i.row or 0, i.column))
