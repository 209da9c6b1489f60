"""The assessments by stage: which questions to ask whom, and what the answers write.

At each data collection stage (project start, update, annual assessment, exit) HUD requires the
elements that ``hearth.hud.collection.elements_for`` names for the project type, the project's
funders on the day and the person (head of household, adult or child).  Each element's fields
come from the spec's column map (``COLUMNS``, by data element number), its code lists from
``LISTS`` (active codes only for new data) and the rules for when a field applies from
``LIST_RULES`` ("dependent": stored only when the parent holds the triggering value, FMT-08).

Where HUD states a rule in prose rather than in the list rules, this module reads it as noted at
the rule (``_HEARTH_RULES``).  Nothing here touches the database.
"""

import datetime
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise

from hearth.enrollments import conditions, labels
from hearth.enrollments.conditions import Any_, Comparison, Condition
from hearth.hud.age import anniversary
from hearth.hud.collection import APPLICABILITY, elements_for, prior_living_situation_variant
from hearth.hud.columndefs import Column
from hearth.hud.funders import Program, program_of
from hearth.hud.generated.columns import COLUMNS
from hearth.hud.generated.lists import LISTS, DataCollectionStage, DisabilityType
from hearth.hud.generated.rules import LIST_RULES, LIVING_SITUATIONS
from hearth.hud.ruledefs import DataElement

Stage = DataCollectionStage

# The files a stage form writes, and the prefix of their questions' input names.
PREFIXES: Mapping[str, str] = {
    "Enrollment.csv": "enrollment",
    "Exit.csv": "exit",
    "IncomeBenefits.csv": "income",
    "HealthAndDV.csv": "health",
    "EmploymentEducation.csv": "employment",
    "Disabilities.csv": "disability",
    "YouthEducationStatus.csv": "youth",
    "CurrentLivingSituation.csv": "contact",
}
STAGE_FILES = ("IncomeBenefits.csv", "HealthAndDV.csv", "EmploymentEducation.csv", "YouthEducationStatus.csv")

# Recorded elsewhere than on a stage form: the household (3.10, 3.15, 3.16 at enrollment), the
# move-in date (3.20, its own form), contacts (4.12), services and bed nights, coordinated entry.
_NOT_ON_STAGE_FORMS = frozenset({"3.10", "3.15", "3.16", "3.20", "4.12"})
_METADATA = frozenset({"InformationDate"})
# TotalMonthlyIncome is the sum of the amounts (IB-01), computed rather than asked.
_COMPUTED = frozenset({"TotalMonthlyIncome"})

# Codes that do not answer the question (HUD's "reasons for missing data").
MISSING_CODES = frozenset({8, 9, 99})

# Disabilities.csv: DisabilityType 5-10 records elements 4.05-4.10 (FY2024 Data Dictionary 4.05-4.10).
DISABILITY_ELEMENTS: Mapping[str, int] = {f"4.{code:02d}": code for code in DisabilityType.values}
HIV_AIDS = DisabilityType.HIV_AIDS.value
# "Expected to be of long-continued and indefinite duration and substantially impairs ability to
# live independently" is asked after a "yes" to physical disability, chronic health condition,
# mental health disorder and substance use disorder (FY2024 Data Dictionary 4.05, 4.07, 4.09, 4.10);
# developmental disability and HIV/AIDS are disabling by definition.  Substance use answers yes
# with 1, 2 or 3 (list 4.10.2).
_INDEFINITE_WHEN: Mapping[int, tuple[int, ...]] = {5: (1,), 7: (1,), 9: (1,), 10: (1, 2, 3)}


class Kind(StrEnum):
    CHOICE = "choice"
    CHECKBOX = "checkbox"
    DATE = "date"
    MONEY = "money"
    INTEGER = "integer"
    TEXT = "text"


@dataclass(frozen=True)
class Choice:
    code: int | str
    label: Promise | str


@dataclass(frozen=True)
class ChoiceGroup:
    label: Promise | str | None  # HUD's living situation category, or None
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Question:
    """One HUD field on a form."""

    file: str
    column: Column
    element: str
    label: Promise | str
    kind: Kind
    disability_type: int | None = None
    shown_if: Condition | None = None
    required: bool = False
    any_source: str | None = None  # the "from any source" question this source answers to (IB-01)

    @property
    def field(self) -> str:
        return self.column.field

    @property
    def row(self) -> tuple[str, int | None]:
        """The record this field belongs to: its file, and for Disabilities the DisabilityType."""
        return self.file, self.disability_type

    @property
    def name(self) -> str:
        return input_name(self.file, self.column.name, self.disability_type)

    @property
    def choice_groups(self) -> tuple[ChoiceGroup, ...]:
        return _choice_groups(self.file, self.column.name, self.disability_type)

    @property
    def codes(self) -> frozenset[int | str]:
        return frozenset(choice.code for group in self.choice_groups for choice in group.choices)

    @property
    def shows_as_radios(self) -> bool:
        groups = self.choice_groups
        return self.kind == Kind.CHOICE and len(groups) == 1 and len(groups[0].choices) <= 6

    def condition_data(self) -> dict[str, Any] | None:
        """The condition for the page's script, with column names turned into input names."""
        if self.shown_if is None:
            return None
        return self.shown_if.as_data(lambda name: input_name(self.file, name, self.disability_type))


@dataclass(frozen=True)
class Section:
    element: str
    title: Promise | str
    questions: tuple[Question, ...]
    # Asked at exit but collected up to 180 days after it (R20): not missing when blank at exit.
    is_post_exit: bool = False


@dataclass(frozen=True)
class Questionnaire:
    stage: Stage
    sections: tuple[Section, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    @property
    def elements(self) -> tuple[str, ...]:
        return tuple(section.element for section in self.sections)

    @property
    def rows(self) -> tuple[tuple[str, int | None], ...]:
        """The records the answers write, in form order, without repeats."""
        return tuple(dict.fromkeys(q.row for q in self.questions))

    def __bool__(self) -> bool:
        return bool(self.sections)


@dataclass(frozen=True)
class Situation:
    """What decides which elements HUD requires: the project, its funders that day, and the person."""

    project_type: int
    rrh_sub_type: int | None
    funding_sources: frozenset[int]
    provides_coordinated_entry: bool
    relationship_to_hoh: int | None
    age: int | None
    is_veteran: bool | None
    has_hiv_aids: bool | None

    @property
    def has_hopwa(self) -> bool:
        return any(program_of(code) == Program.HOPWA for code in self.funding_sources)


def input_name(file: str, column_name: str, disability_type: int | None = None) -> str:
    prefix = PREFIXES[file] + (f"{disability_type}" if disability_type is not None else "")
    return f"{prefix}-{_COLUMNS[file, column_name].field}"


_COLUMNS: Mapping[tuple[str, str], Column] = {(c.file, c.name): c for c in COLUMNS}
_ELEMENT_NAMES = frozenset(APPLICABILITY)


def _element_of(column: Column) -> str | None:
    """The element a column records: "4.02.A" -> "4.02", "R13.9" -> "R13", "3.917.2A & ..." -> "3.917"."""
    if not column.data_element:
        return None
    parts = column.data_element.split(" & ")[0].split(".")
    for size in range(len(parts), 0, -1):
        candidate = ".".join(parts[:size])
        if candidate in _ELEMENT_NAMES:
            return candidate
    return None


def _columns_by_element() -> Mapping[tuple[str, str], tuple[Column, ...]]:
    grouped: dict[tuple[str, str], list[Column]] = {}
    for column in COLUMNS:
        element = _element_of(column)
        if element is not None and column.file in PREFIXES:
            grouped.setdefault((column.file, element), []).append(column)
    return {key: tuple(columns) for key, columns in grouped.items()}


def _dependent_rules() -> Mapping[tuple[str, str], Condition]:
    """Each dependent column's condition (LIST_RULES, rule_type "dependent")."""
    found: dict[tuple[str, str], Condition] = {}
    for rule in LIST_RULES:
        if rule.rule_type != "dependent" or rule.file not in (*PREFIXES, "Services.csv"):
            continue
        condition = conditions.parse(rule.condition)
        # "(null)": the column is null WHEN the condition holds (SubsidyInformation, W5).
        found[rule.file, rule.column] = conditions.Not(condition) if rule.values == "(null)" else condition
    return found


def _allowed_values_rules() -> Mapping[tuple[str, str], tuple[tuple[Condition, frozenset[int]], ...]]:
    """Columns whose valid codes depend on another column (LIST_RULES, rule_type "allowed_values")."""
    found: dict[tuple[str, str], list[tuple[Condition, frozenset[int]]]] = {}
    for rule in LIST_RULES:
        if rule.rule_type == "allowed_values" and rule.file in PREFIXES:
            codes = frozenset(int(code) for code in rule.values.split(","))
            found.setdefault((rule.file, rule.column), []).append((conditions.parse(rule.condition), codes))
    return {key: tuple(value) for key, value in found.items()}


def _excluded_codes() -> Mapping[tuple[str, str], frozenset[int]]:
    """Codes of the shared list a column may not use (LIST_RULES, "exclude_values" always)."""
    return {
        (rule.file, rule.column): frozenset(int(code) for code in rule.values.split(","))
        for rule in LIST_RULES
        if rule.rule_type == "exclude_values" and rule.condition == "always"
    }


def _conditional_lists() -> Mapping[tuple[str, str], tuple[tuple[Condition, str], ...]]:
    found: dict[tuple[str, str], list[tuple[Condition, str]]] = {}
    for rule in LIST_RULES:
        if rule.rule_type == "conditional_list" and rule.list:
            found.setdefault((rule.file, rule.column), []).append(
                (conditions.parse(rule.condition), rule.list)
            )
    return {key: tuple(value) for key, value in found.items()}


COLUMNS_BY_ELEMENT = _columns_by_element()
# list_rules.csv "date_window": AftercareProvided holds a value only with an AftercareDate (R20.2),
# so on a form it is asked once that date is given; the window itself (the 180 days after the
# exit, DT-09) is checked with the other dates (``data_quality.check_aftercare``).
_ASKED_WITH_DATE: Mapping[tuple[str, str], Condition] = {
    ("Exit.csv", "AftercareProvided"): Comparison("AftercareDate", "not null"),
}
DEPENDENT = {**_dependent_rules(), **_ASKED_WITH_DATE}
ALLOWED_VALUES = _allowed_values_rules()
EXCLUDED_CODES = _excluded_codes()
CONDITIONAL_LISTS = _conditional_lists()
_LIVING_SITUATION_ORDER = {s.code: s for s in LIVING_SITUATIONS}
# Which flag of living_situations.csv says a code is valid for a column of list 3.12.1.
_LIVING_SITUATION_USE = {
    ("Enrollment.csv", "LivingSituation"): "prior_living_situation",
    ("CurrentLivingSituation.csv", "CurrentLivingSituation"): "current_living_situation",
    ("Exit.csv", "Destination"): "destination",
}


def list_number(file: str, column_name: str, disability_type: int | None = None) -> str | None:
    """The HUD list of a column; for a conditional list, the one that applies to the row."""
    rules = CONDITIONAL_LISTS.get((file, column_name))
    if rules and disability_type is not None:
        for condition, number in rules:
            if condition.holds({"DisabilityType": disability_type}.get):
                return number
    column = _COLUMNS[file, column_name]
    return column.list if column.list in LISTS else None


@functools.cache
def _choice_groups(file: str, column_name: str, disability_type: int | None) -> tuple[ChoiceGroup, ...]:
    number = list_number(file, column_name, disability_type)
    if number is None:
        return ()
    hud_list = LISTS[number]
    active = hud_list.active_codes - EXCLUDED_CODES.get((file, column_name), frozenset())
    labels_by_code = dict(hud_list.choices.choices)
    use = _LIVING_SITUATION_USE.get((file, column_name))
    if use is None:
        ordered = [code for code in labels_by_code if code in active]
        return (ChoiceGroup(None, tuple(Choice(code, labels_by_code[code]) for code in ordered)),)
    # Living situations: HUD's display order, grouped by category (living_situations.csv).
    groups: dict[str, list[Choice]] = {}
    for situation in sorted(LIVING_SITUATIONS, key=lambda s: s.display_order):
        if getattr(situation, use) and situation.code in active:
            groups.setdefault(situation.category, []).append(
                Choice(situation.code, labels_by_code[situation.code])
            )
    return tuple(
        ChoiceGroup(labels.CATEGORIES.get(category, category), tuple(choices))
        for category, choices in groups.items()
    )


def living_situation_category(code: int | None) -> str | None:
    situation = _LIVING_SITUATION_ORDER.get(code) if code is not None else None
    return situation.category if situation else None


def _kind(column: Column, *, is_source: bool) -> Kind:
    if column.type_code == "D":
        return Kind.DATE
    if column.type_code.startswith("M"):
        return Kind.MONEY
    if column.type_code == "S" and column.list is None:
        return Kind.TEXT
    if column.list is None or column.list.startswith("("):
        return Kind.CHOICE if column.list else Kind.INTEGER
    return Kind.CHECKBOX if is_source else Kind.CHOICE


# --- Building the questionnaire of a stage ---------------------------------------------------------


def _always_asked(column: Column) -> bool:
    """A field the form requires: HUD allows no empty value and no "Data not collected" default.

    Destination and current living situation have code 99, but a stay does not end, nor is a
    contact recorded, without staff choosing an answer (99 included).
    """
    if (column.file, column.name) in {
        ("Exit.csv", "Destination"),
        ("CurrentLivingSituation.csv", "CurrentLivingSituation"),
    }:
        return True
    return not column.nullable and (column.list is None or column.list.startswith("("))


def default_code(question: Question) -> int | None:
    """The code stored for an unanswered field HUD does not allow empty: 99 (FMT-07)."""
    if question.column.nullable or question.kind != Kind.CHOICE:
        return None
    return 99 if 99 in {choice.code for group in question.choice_groups for choice in group.choices} else None


def _with_known(condition: Condition | None, known: Mapping[str, Any]) -> Condition | bool:
    return True if condition is None else conditions.resolve(condition, known)


def _sources_of(columns: Iterable[Column]) -> tuple[str | None, frozenset[str]]:
    """4.02-4.04: the "from any source" column and the source columns answered under it."""
    any_source = next((c.name for c in columns if c.name.endswith("FromAnySource")), None)
    if any_source is None:
        return None, frozenset()
    return any_source, frozenset(c.name for c in columns if c.list == "1.7")


def _amount_source(columns: tuple[Column, ...], column: Column) -> str | None:
    """4.02: an amount column answers the source column just before it ("Earned", "EarnedAmount")."""
    if column.file != "IncomeBenefits.csv" or not column.name.endswith("Amount"):
        return None
    before = [c for c in columns if c.order == column.order - 1]
    return before[0].name if before and before[0].list == "1.7" else None


_PRIOR_LIVING_SITUATION_FLOW = frozenset(
    {
        "LOSUnderThreshold",
        "PreviousStreetESSH",
        "DateToStreetESSH",
        "TimesHomelessPastThreeYears",
        "MonthsHomelessPastThreeYears",
    }
)


@functools.cache
def _prior_living_situation_flow(project_type: int) -> Mapping[str, Condition | bool]:
    """3.917's own order of questions (FY2024 Data Dictionary 3.917A and 3.917B).

    3.917A (street outreach, emergency shelter, safe haven) asks the start of the episode and the
    times and months homeless of everyone, and never asks 2A/2B/2C.  3.917B asks, after a stay in
    an institution (2A: under 90 days?) or in other housing (2B: under 7 nights?), whether the
    client was on the streets or in shelter the night before (2C), and only then, as straight
    after a homeless situation, the start of the episode and the times and months homeless.
    """
    if prior_living_situation_variant(project_type=project_type) == "3.917A":
        return {"LOSUnderThreshold": False, "PreviousStreetESSH": False}
    prior = [s for s in LIVING_SITUATIONS if s.prior_living_situation]
    homeless = tuple(s.code for s in prior if s.category == "Homeless")
    housed = tuple(s.code for s in prior if s.category in ("Institutional", "Temporary", "Permanent"))
    episode = Any_(
        (Comparison("LivingSituation", "in", homeless), Comparison("PreviousStreetESSH", "in", (1,)))
    )
    return {
        "LOSUnderThreshold": Comparison("LivingSituation", "in", housed),
        "PreviousStreetESSH": Comparison("LOSUnderThreshold", "in", (1,)),
        "DateToStreetESSH": episode,
        "TimesHomelessPastThreeYears": episode,
        "MonthsHomelessPastThreeYears": episode,
    }


def _element_questions(
    file: str,
    element: str,
    situation: Situation,
    known: Mapping[str, Any],
    disability_type: int | None = None,
) -> list[Question]:
    columns = COLUMNS_BY_ELEMENT.get((file, element), ())
    any_source, sources = _sources_of(columns)
    questions = []
    for column in columns:
        if column.name in _METADATA or column.name in _COMPUTED:
            continue
        # 4.04.A reasons for no coverage are HOPWA's questions (FY2024 Data Dictionary 4.04 and W3).
        if column.list == "4.04.A" and not situation.has_hopwa:
            continue
        condition: Condition | bool = _with_known(DEPENDENT.get((file, column.name)), known)
        is_source = column.name in sources
        if is_source and any_source is not None:
            # IB-01/IB-02: sources are answered when "from any source" is yes.
            condition = Comparison(any_source, "in", (1,))
        if (source := _amount_source(columns, column)) is not None:
            # IB-01: a source that is yes needs its amount.
            condition = Comparison(source, "in", (1,))
        if file == "Enrollment.csv" and column.name in _PRIOR_LIVING_SITUATION_FLOW:
            condition = _prior_living_situation_flow(situation.project_type).get(column.name, condition)
        if condition is False:
            continue
        label: Promise | str = labels.question(column.name)
        if source is not None:
            label = labels.amount_of(labels.question(source))
        elif column.list == "4.04.A":
            label = labels.reason_for_no(
                labels.question(column.name.removeprefix("No").removesuffix("Reason"))
            )
        questions.append(
            Question(
                file=file,
                column=column,
                element=element,
                label=label,
                kind=_kind(column, is_source=is_source),
                disability_type=disability_type,
                shown_if=None if condition is True else condition,
                required=_always_asked(column),
                any_source=any_source if is_source else None,
            )
        )
    return questions


def _disability_questions(element: str, extra: Iterable[str], situation: Situation) -> list[Question]:
    """One Disabilities row: the response to the disability type, then what HUD asks after a yes."""
    disability_type = DISABILITY_ELEMENTS[element]
    file = "Disabilities.csv"
    response = _COLUMNS[file, "DisabilityResponse"]
    questions = [
        Question(
            file=file,
            column=response,
            element=element,
            label=labels.ELEMENT_TITLES[element],
            kind=Kind.CHOICE,
            disability_type=disability_type,
        )
    ]
    if disability_type in _INDEFINITE_WHEN:
        questions.append(
            Question(
                file=file,
                column=_COLUMNS[file, "IndefiniteAndImpairs"],
                element=element,
                label=labels.question("IndefiniteAndImpairs"),
                kind=Kind.CHOICE,
                disability_type=disability_type,
                shown_if=Comparison("DisabilityResponse", "in", _INDEFINITE_WHEN[disability_type]),
            )
        )
    known = {"DisabilityType": disability_type, "Project.ProjectType": situation.project_type}
    for number in extra:
        questions += _element_questions(file, number, situation, known, disability_type)
    return questions


def _title(element: DataElement) -> Promise | str:
    return labels.ELEMENT_TITLES.get(element.element, element.name)


def _elements_at(situation: Situation, stage: Stage) -> list[DataElement]:
    return elements_for(
        stage=stage,
        project_type=situation.project_type,
        funding_sources=situation.funding_sources,
        relationship_to_hoh=situation.relationship_to_hoh,
        age=situation.age,
        rrh_sub_type=situation.rrh_sub_type,
        provides_coordinated_entry=situation.provides_coordinated_entry,
        is_veteran=situation.is_veteran,
        has_hiv_aids=situation.has_hiv_aids,
    )


def _stage_elements(situation: Situation, stage: Stage) -> list[DataElement]:
    """The elements of a stage form.  At exit, also the post-exit elements kept in Exit.csv (R20
    Aftercare Plans, collected up to 180 days after the exit): Exit.csv is written on the exit
    form, and HUD's stage 6 is "not used in CSV"."""
    elements = _elements_at(situation, stage)
    if stage == Stage.PROJECT_EXIT:
        numbers = {e.element for e in elements}
        elements += [
            e
            for e in _elements_at(situation, Stage.POST_EXIT_NOT_USED_IN_CSV)
            if e.csv_files == "Exit.csv" and e.element not in numbers
        ]
    return elements


@functools.cache
def questionnaire(situation: Situation, stage: Stage) -> Questionnaire:
    """The questions HUD requires about this person at this stage, in Data Dictionary order."""
    elements = _stage_elements(situation, stage)
    post_exit = {e.element for e in elements} - {e.element for e in _elements_at(situation, stage)}
    known = {"Project.ProjectType": situation.project_type, "Enrollment.ProjectType": situation.project_type}
    # W4 and W6 are fields of the HIV/AIDS row of Disabilities.csv (DisabilityType 8).
    hiv_fields = [e.element for e in elements if e.element in ("W4", "W6")]
    sections: list[Section] = []
    for element in elements:
        number = element.element
        if number in _NOT_ON_STAGE_FORMS or number in ("W4", "W6"):
            continue
        if number in DISABILITY_ELEMENTS:
            extra = hiv_fields if DISABILITY_ELEMENTS[number] == HIV_AIDS else ()
            questions = _disability_questions(number, extra, situation)
        else:
            questions = [
                q
                for file in PREFIXES
                if file not in ("Disabilities.csv", "CurrentLivingSituation.csv")
                for q in _element_questions(file, number, situation, known)
            ]
        if questions:
            sections.append(Section(number, _title(element), tuple(questions), number in post_exit))
    if hiv_fields and "4.08" not in {s.element for s in sections}:
        # W4 at the annual assessment: the HIV/AIDS row needs its response to hold the counts.
        hiv = APPLICABILITY["4.08"].element
        sections.append(
            Section("4.08", _title(hiv), tuple(_disability_questions("4.08", hiv_fields, situation)))
        )
    return Questionnaire(stage=stage, sections=tuple(sections))


CONTACT_PROJECT_TYPES: frozenset[int] = frozenset(
    code for group in APPLICABILITY["4.12"].project_type_groups for code in group.project_types
)


@functools.cache
def contact_questionnaire(project_type: int | None) -> Questionnaire:
    """4.12 Current Living Situation, asked at each contact in the project types that collect it
    (street outreach, night-by-night shelter, services only, coordinated entry); empty elsewhere."""
    if project_type not in CONTACT_PROJECT_TYPES:
        return Questionnaire(stage=Stage.UPDATE, sections=())
    situation = Situation(project_type, None, frozenset(), False, None, None, None, None)
    known = {"Project.ProjectType": project_type}
    questions = _element_questions("CurrentLivingSituation.csv", "4.12", situation, known)
    title = labels.question("CurrentLivingSituation")
    return Questionnaire(stage=Stage.UPDATE, sections=(Section("4.12", title, tuple(questions)),))


# --- Answers: what is stored -----------------------------------------------------------------------


def stored_answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The value each question stores, from the typed answers of a form.

    A dependent field whose condition does not hold stores nothing (FMT-08); a source under "from
    any source" = no stores 0, and nothing when that answer is missing (IB-01, IB-02); a checked
    source stores 1; an unanswered field HUD does not allow empty stores 99 (FMT-07).
    """
    stored: dict[str, Any] = {}
    rows: dict[tuple[str, int | None], dict[str, Any]] = {}
    for question in questionnaire.questions:
        row = rows.setdefault(question.row, {})
        value = answers.get(question.name)
        if question.any_source is not None:
            parent = row.get(question.any_source)
            value = (1 if value else 0) if parent == 1 else (0 if parent == 0 else None)
        elif question.kind == Kind.CHECKBOX:
            value = 1 if value else 0
        elif question.shown_if is not None and not question.shown_if.holds(row.get):
            value = None
        if isinstance(value, str):
            value = value.strip() or None
        if value is None:
            value = default_code(question)
        row[question.column.name] = value
        stored[question.name] = value
    return stored


def record_values(
    questionnaire: Questionnaire, stored: Mapping[str, Any]
) -> dict[tuple[str, int | None], dict[str, Any]]:
    """The field values of each record the stage writes, keyed by (file, DisabilityType)."""
    records: dict[tuple[str, int | None], dict[str, Any]] = {}
    for question in questionnaire.questions:
        records.setdefault(question.row, {})[question.field] = stored.get(question.name)
    income = records.get(("IncomeBenefits.csv", None))
    if income is not None and "income_from_any_source" in income:
        income["total_monthly_income"] = total_monthly_income(questionnaire, stored)
    return records


def total_monthly_income(questionnaire: Questionnaire, stored: Mapping[str, Any]) -> Decimal | None:
    """4.02.18: the sum of the amounts of the sources that are yes; 0 with no income (IB-01)."""
    any_income = stored.get(input_name("IncomeBenefits.csv", "IncomeFromAnySource"))
    if any_income == 0:
        return Decimal("0.00")
    if any_income != 1:
        return None
    amounts = [
        stored.get(q.name)
        for q in questionnaire.questions
        if q.file == "IncomeBenefits.csv" and q.kind == Kind.MONEY and q.shown_if is not None
    ]
    return sum((a for a in amounts if a is not None), Decimal("0.00"))


def answers_from(
    questionnaire: Questionnaire, records: Mapping[tuple[str, int | None], Any]
) -> dict[str, Any]:
    """Form answers from stored records (model instances), to show or to carry forward."""
    answers: dict[str, Any] = {}
    for question in questionnaire.questions:
        record = records.get(question.row)
        if record is None:
            continue
        value = getattr(record, question.field, None)
        answers[question.name] = (value == 1) if question.kind == Kind.CHECKBOX else value
    return answers


# --- The annual assessment window (DT-06) ----------------------------------------------------------

ANNUAL_WINDOW = datetime.timedelta(days=30)


@dataclass(frozen=True)
class AnnualWindow:
    anniversary: datetime.date
    opens: datetime.date
    closes: datetime.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.opens <= day <= self.closes


def annual_window(head_entry_date: datetime.date, years: int) -> AnnualWindow:
    """The window of the ``years``-th annual assessment: 30 days either side of the anniversary of
    the head of household's project start (FY2024 Data Dictionary 5.03; DT-06)."""
    day = anniversary(head_entry_date, years)
    return AnnualWindow(day, day - ANNUAL_WINDOW, day + ANNUAL_WINDOW)


def annual_window_holding(head_entry_date: datetime.date, day: datetime.date) -> AnnualWindow | None:
    """The annual assessment window that ``day`` falls in, if any (none near the end of the calendar,
    where a window would pass the last date Python can hold)."""
    years = max(1, day.year - head_entry_date.year)
    for candidate in (years - 1, years, years + 1):
        try:
            window = annual_window(head_entry_date, candidate) if candidate >= 1 else None
        except (OverflowError, ValueError):
            return None
        if window is not None and day in window:
            return window
    return None


def latest_annual_window(head_entry_date: datetime.date, today: datetime.date) -> AnnualWindow | None:
    """The latest window that has opened by ``today`` (None in the first eleven months)."""
    latest = None
    years = 1
    while (window := annual_window(head_entry_date, years)).opens <= today:
        latest = window
        years += 1
    return latest
