"""Which HUD data elements are collected, about whom, at which stage, in which project.

The rules are HUD's own text, read from the generated ``DATA_ELEMENTS`` (which mirrors
``../shared/spec/data_elements.csv``, the FY2024 HMIS Data Dictionary's element tables and its
"Required Collection Points" table, with FY2026 status). At import, every row's "project types"
and "funders" text is parsed into structured applicability; text this module does not understand
is an error at import, so a changed spec cannot be misread silently.

Where HUD's wording cannot be mapped exactly onto what the HMIS records, the mapping errs towards
collecting the element, and the element is listed with the reason in ``INEXACT_MAPPINGS``. The
same rule applies to facts the caller does not know: an unknown age counts as possibly adult, an
unknown relationship as possibly head of household, an unknown RRH subtype as matching.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Literal, NamedTuple

from hearth.hud.age import ADULT_AGE
from hearth.hud.funders import (
    FunderRule,
    Program,
    SpecTextError,
    parse_funders,
    program_of,
    read_program_names,
    split_outside_parentheses,
)
from hearth.hud.generated.lists import (
    DataCollectionStage,
    FundingSource,
    ProjectType,
    RelationshipToHoH,
    RRHSubType,
)
from hearth.hud.generated.rules import DATA_ELEMENTS
from hearth.hud.ruledefs import DataElement

__all__ = [
    "APPLICABILITY",
    "INEXACT_MAPPINGS",
    "Applicability",
    "CollectionRuleError",
    "ProjectTypeGroup",
    "SpecTextError",
    "Stage",
    "Subjects",
    "elements_for",
    "is_collected",
    "prior_living_situation_variant",
    "project_setup_elements",
    "read_applicability",
]

Stage = DataCollectionStage | Literal["record_creation"]


class CollectionRuleError(ValueError):
    """A question about data collection was asked with values outside HUD's lists."""


class Subjects(StrEnum):
    """Whom an element is collected about (the Data Dictionary's "Data Collected About")."""

    ALL_CLIENTS = "all clients"
    HEAD_OF_HOUSEHOLD = "head of household"
    HEAD_OF_HOUSEHOLD_AND_ADULTS = "head of household and adults"
    ADULTS = "adults"
    VETERANS = "veterans"
    WITH_HIV_AIDS = "household members with HIV/AIDS"
    PROJECT = "the project, not a person"


_COLLECTED_ABOUT: Mapping[str, Subjects] = {
    "All Clients": Subjects.ALL_CLIENTS,
    # Service and assistance records exist for whoever receives them, of any age.
    "All clients receiving services": Subjects.ALL_CLIENTS,
    "All clients receiving financial assistance": Subjects.ALL_CLIENTS,
    "Head of Household": Subjects.HEAD_OF_HOUSEHOLD,
    # HUD-VASH: the veteran holds the voucher and is the head of household.
    "Head of Household/Veteran": Subjects.HEAD_OF_HOUSEHOLD,
    "Head of Household and Adults": Subjects.HEAD_OF_HOUSEHOLD_AND_ADULTS,
    "All Adults": Subjects.ADULTS,
    "All Veterans": Subjects.VETERANS,
    "All household members with HIV/AIDS": Subjects.WITH_HIV_AIDS,
    "All Organizations": Subjects.PROJECT,
    "All Projects": Subjects.PROJECT,
    "All Continuum Projects": Subjects.PROJECT,
    "Residential projects except RRH: Services Only": Subjects.PROJECT,
}

_COLLECTION_POINTS: Mapping[DataCollectionStage | str, str] = {
    "record_creation": "record_creation",
    DataCollectionStage.PROJECT_ENTRY: "project_start",
    DataCollectionStage.UPDATE: "update_occurrence",
    DataCollectionStage.PROJECT_EXIT: "project_exit",
    DataCollectionStage.ANNUAL_ASSESSMENT: "annual_assessment",
    DataCollectionStage.POST_EXIT_NOT_USED_IN_CSV: "post_exit",
}


class _Assumption(NamedTuple):
    collected_about: str
    collection_points: Mapping[str, str]
    project_types: str
    funders: str
    reason: str


# New FY2026 elements whose Data Dictionary entry was not available (see ../shared/spec/README.md,
# "Known gaps"). Each gets the reading that collects it rather than the empty one.
_ASSUMED: Mapping[str, _Assumption] = {
    "4.21": _Assumption(
        collected_about="All Clients",
        collection_points={"record_creation": "Y"},
        project_types="All",
        funders="All Programs - All Components",
        reason="FY2026 Data Dictionary entry not available; Client.csv holds one Sex per client, so it "
        "is asked at record creation about every client in every project",
    ),
    "V10": _Assumption(
        collected_about="All Clients",
        collection_points={"project_start": "Y"},
        project_types="6,12,13",
        funders="SSVF; GPD",
        reason="FY2026 Data Dictionary entry not available; Enrollment.csv holds one value per "
        "enrollment, so it is asked at project start about every client of SSVF- or GPD-funded "
        "projects of types 6, 12 and 13, the only ones HUD's Data Lab FY2026 sample fills",
    ),
}


@dataclass(frozen=True)
class ProjectTypeGroup:
    """Project types for which an element applies, with HUD's qualifier on the group if any."""

    project_types: frozenset[int]
    variant: str | None = None  # e.g. "3.917A"
    rrh_sub_types: frozenset[int] | None = None  # for project type 13 only
    only_with: Program | None = None  # e.g. type 7 "(Pay for Success only)"


@dataclass(frozen=True)
class Applicability:
    element: DataElement
    subjects: Subjects
    project_type_groups: tuple[ProjectTypeGroup, ...]
    coordinated_entry_projects: bool  # "(or other per CoC CE design)"
    funders: FunderRule
    inexact: tuple[str, ...]  # why the mapping is not exact, if it is not


@dataclass(frozen=True)
class _Project:
    project_type: int
    rrh_sub_type: int | None
    funding_sources: frozenset[int]
    provides_coordinated_entry: bool


@dataclass(frozen=True)
class _Person:
    relationship_to_hoh: int | None
    age: int | None
    is_veteran: bool | None
    has_hiv_aids: bool | None

    @property
    def may_be_head_of_household(self) -> bool:
        return self.relationship_to_hoh in (
            None,
            RelationshipToHoH.SELF_HEAD_OF_HOUSEHOLD,
            RelationshipToHoH.DATA_NOT_COLLECTED,
        )

    @property
    def may_be_adult(self) -> bool:
        return self.age is None or self.age >= ADULT_AGE


# --- Reading HUD's applicability text ------------------------------------------------------------

_TYPE_GROUP = re.compile(
    r"(?:(?P<variant>[0-9A-Z.]+):\s*)?(?P<codes>\d+(?:\s*,\s*\d+)*)\s*(?:\((?P<qualifier>.+)\))?"
)
_RRH_SUB_TYPES = re.compile(r"RRHSubType (?P<codes>\d+(?:\s*,\s*\d+)*)")


def _codes(text: str) -> frozenset[int]:
    return frozenset(int(code) for code in text.split(","))


def _parse_project_types(text: str) -> tuple[tuple[ProjectTypeGroup, ...], bool]:
    if text.strip() == "All":
        return (ProjectTypeGroup(frozenset(ProjectType.values)),), False
    groups, coordinated_entry_projects = [], False
    for part in split_outside_parentheses(text, ";"):
        match = _TYPE_GROUP.fullmatch(part)
        if match is None:
            raise SpecTextError(f"unreadable project types {part!r}")
        codes, qualifier = _codes(match["codes"]), (match["qualifier"] or "").strip()
        unknown = codes - set(ProjectType.values)
        if unknown:
            raise SpecTextError(f"project types {sorted(unknown)} in {part!r} are not in list 2.02.6")
        group = ProjectTypeGroup(codes, variant=match["variant"])
        if sub_types := _RRH_SUB_TYPES.fullmatch(qualifier):
            group = replace(group, rrh_sub_types=_codes(sub_types["codes"]))
        elif qualifier == "or other per CoC CE design":
            coordinated_entry_projects = True
        elif qualifier.endswith(" only"):
            programs, rest = read_program_names(qualifier.removesuffix(" only"))
            if len(programs) != 1 or programs[0] is None or rest:
                raise SpecTextError(f"unreadable project type qualifier {qualifier!r}")
            group = replace(group, only_with=programs[0])
        elif qualifier:
            raise SpecTextError(f"unreadable project type qualifier {qualifier!r}")
        groups.append(group)
    return tuple(groups), coordinated_entry_projects


def read_applicability(elements: Iterable[DataElement]) -> Mapping[str, Applicability]:
    """Each element's applicability, parsed from its text.

    Raises SpecTextError, naming the element, on text it does not understand.
    """
    parsed: dict[str, Applicability] = {}
    funders: dict[str, FunderRule] = {}
    for element in elements:
        reasons: tuple[str, ...] = ()
        if element.element in _ASSUMED:
            assumed = _ASSUMED[element.element]
            element = replace(
                element,
                collected_about=assumed.collected_about,
                collection_points=dict(assumed.collection_points),
                project_types=assumed.project_types,
                funders=assumed.funders,
            )
            reasons = (assumed.reason,)
        try:
            subjects = _COLLECTED_ABOUT.get(element.collected_about)
            if subjects is None:
                raise SpecTextError(f"unknown 'data collected about' {element.collected_about!r}")
            groups, coordinated_entry_projects = _parse_project_types(element.project_types)
            funders[element.element] = parse_funders(element.funders, earlier=funders)
        except SpecTextError as error:
            raise SpecTextError(f"data element {element.element} ({element.name}): {error}") from error
        parsed[element.element] = Applicability(
            element=element,
            subjects=subjects,
            project_type_groups=groups,
            coordinated_entry_projects=coordinated_entry_projects,
            funders=funders[element.element],
            inexact=reasons + funders[element.element].inexact,
        )
    return MappingProxyType(parsed)


APPLICABILITY: Mapping[str, Applicability] = read_applicability(DATA_ELEMENTS)

# Elements whose applicability could not be mapped exactly from HUD's text, with the reasons.
INEXACT_MAPPINGS: Mapping[str, str] = MappingProxyType(
    {number: "; ".join(app.inexact) for number, app in APPLICABILITY.items() if app.inexact}
)


# --- Evaluating applicability ----------------------------------------------------------------------


def _has_program(project: _Project, program: Program) -> bool:
    return any(program_of(code) == program for code in project.funding_sources)


def _in_project_types(app: Applicability, project: _Project) -> bool:
    if app.coordinated_entry_projects and project.provides_coordinated_entry:
        return True
    for group in app.project_type_groups:
        if project.project_type not in group.project_types:
            continue
        if (
            group.rrh_sub_types is not None
            and project.project_type == ProjectType.PH_RAPID_RE_HOUSING
            and project.rrh_sub_type is not None
            and project.rrh_sub_type not in group.rrh_sub_types
        ):
            continue
        if group.only_with is not None and not _has_program(project, group.only_with):
            continue
        return True
    return False


def _is_about(subjects: Subjects, person: _Person) -> bool:
    match subjects:
        case Subjects.ALL_CLIENTS:
            return True
        case Subjects.HEAD_OF_HOUSEHOLD:
            return person.may_be_head_of_household
        case Subjects.HEAD_OF_HOUSEHOLD_AND_ADULTS:
            return person.may_be_head_of_household or person.may_be_adult
        case Subjects.ADULTS:
            return person.may_be_adult
        case Subjects.VETERANS:
            return person.may_be_adult and person.is_veteran is not False
        case Subjects.WITH_HIV_AIDS:
            return person.has_hiv_aids is not False
    return False  # Subjects.PROJECT


def _applies_to_project(app: Applicability, project: _Project) -> bool:
    return (
        app.element.status != "removed"
        and _in_project_types(app, project)
        and app.funders.applies(
            funding_sources=project.funding_sources,
            project_type=project.project_type,
            provides_coordinated_entry=project.provides_coordinated_entry,
        )
    )


# --- Public API ------------------------------------------------------------------------------------


def _check_project(
    *,
    project_type: int,
    rrh_sub_type: int | None,
    funding_sources: Iterable[int],
    provides_coordinated_entry: bool,
) -> _Project:
    if project_type not in ProjectType.values:
        raise CollectionRuleError(f"project_type {project_type!r} is not a HUD project type (list 2.02.6)")
    if rrh_sub_type is not None:
        if project_type != ProjectType.PH_RAPID_RE_HOUSING:
            raise CollectionRuleError(
                f"rrh_sub_type is only recorded for project type 13 (rapid re-housing), not {project_type}"
            )
        if rrh_sub_type not in RRHSubType.values:
            raise CollectionRuleError(f"rrh_sub_type {rrh_sub_type!r} is not an RRH subtype (list 2.02.A)")
    if isinstance(funding_sources, str | bytes):
        raise CollectionRuleError("funding_sources must be a collection of FundingSource codes, not a string")
    sources = frozenset(funding_sources)
    unknown = sorted(map(repr, sources - set(FundingSource.values)))
    if unknown:
        raise CollectionRuleError(f"funding sources {', '.join(unknown)} are not in HUD list 2.06.1")
    return _Project(project_type, rrh_sub_type, sources, provides_coordinated_entry)


def _check_person(
    *, relationship_to_hoh: int | None, age: int | None, is_veteran: bool | None, has_hiv_aids: bool | None
) -> _Person:
    if relationship_to_hoh is not None and relationship_to_hoh not in RelationshipToHoH.values:
        raise CollectionRuleError(
            f"relationship_to_hoh {relationship_to_hoh!r} is not a HUD relationship (list 3.15.1)"
        )
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or age < 0):
        raise CollectionRuleError(f"age must be a whole number of years, 0 or more, or None; got {age!r}")
    return _Person(relationship_to_hoh, age, is_veteran, has_hiv_aids)


def _collection_point(stage: Stage) -> str:
    if stage == "record_creation":
        return "record_creation"
    try:
        return _COLLECTION_POINTS[DataCollectionStage(stage)]
    except (ValueError, KeyError):
        raise CollectionRuleError(
            f"stage {stage!r} is not a data collection stage: use a DataCollectionStage "
            "(1 project start, 2 update, 3 exit, 5 annual, 6 post-exit) or 'record_creation'"
        ) from None


def elements_for(
    *,
    stage: Stage,
    project_type: int,
    funding_sources: Iterable[int],
    relationship_to_hoh: int | None,
    age: int | None,
    rrh_sub_type: int | None = None,
    provides_coordinated_entry: bool = False,
    is_veteran: bool | None = None,
    has_hiv_aids: bool | None = None,
) -> list[DataElement]:
    """The data elements HUD requires about this person, in this project, at this stage.

    ``stage``: a DataCollectionStage (project entry, update, exit, annual assessment, post-exit)
    or ``"record_creation"`` for the client record itself. ``funding_sources``: the project's
    FundingSource codes (list 2.06.1). ``provides_coordinated_entry``: the project is part of the
    CoC's coordinated entry (type 14 always is). ``age``, ``relationship_to_hoh``, ``is_veteran``,
    ``has_hiv_aids``: None when unknown, which keeps every element that might apply.

    Elements come in Data Dictionary order; removed elements never appear.
    """
    point = _collection_point(stage)
    project = _check_project(
        project_type=project_type,
        rrh_sub_type=rrh_sub_type,
        funding_sources=funding_sources,
        provides_coordinated_entry=provides_coordinated_entry,
    )
    person = _check_person(
        relationship_to_hoh=relationship_to_hoh, age=age, is_veteran=is_veteran, has_hiv_aids=has_hiv_aids
    )
    return [
        app.element
        for app in APPLICABILITY.values()
        if point in app.element.collection_points
        and _is_about(app.subjects, person)
        and _applies_to_project(app, project)
    ]


def is_collected(
    element_number: str,
    *,
    stage: Stage,
    project_type: int,
    funding_sources: Iterable[int],
    relationship_to_hoh: int | None,
    age: int | None,
    rrh_sub_type: int | None = None,
    provides_coordinated_entry: bool = False,
    is_veteran: bool | None = None,
    has_hiv_aids: bool | None = None,
) -> bool:
    """Whether HUD requires element ``element_number`` (e.g. "4.02", "R4") in that situation."""
    if element_number not in APPLICABILITY:
        raise CollectionRuleError(f"{element_number!r} is not a HUD data element number")
    return any(
        element.element == element_number
        for element in elements_for(
            stage=stage,
            project_type=project_type,
            funding_sources=funding_sources,
            relationship_to_hoh=relationship_to_hoh,
            age=age,
            rrh_sub_type=rrh_sub_type,
            provides_coordinated_entry=provides_coordinated_entry,
            is_veteran=is_veteran,
            has_hiv_aids=has_hiv_aids,
        )
    )


def project_setup_elements(
    *,
    project_type: int,
    funding_sources: Iterable[int],
    rrh_sub_type: int | None = None,
    provides_coordinated_entry: bool = False,
) -> list[DataElement]:
    """The project descriptor elements (2.01-2.09) HUD requires when setting up this project."""
    project = _check_project(
        project_type=project_type,
        rrh_sub_type=rrh_sub_type,
        funding_sources=funding_sources,
        provides_coordinated_entry=provides_coordinated_entry,
    )
    return [
        app.element
        for app in APPLICABILITY.values()
        if "project_setup" in app.element.collection_points and _applies_to_project(app, project)
    ]


def prior_living_situation_variant(*, project_type: int) -> str:
    """Which form of 3.917 Prior Living Situation a project type uses: "3.917A" or "3.917B"."""
    if project_type not in ProjectType.values:
        raise CollectionRuleError(f"project_type {project_type!r} is not a HUD project type (list 2.02.6)")
    for group in APPLICABILITY["3.917"].project_type_groups:
        if project_type in group.project_types and group.variant:
            return group.variant
    raise CollectionRuleError(f"the spec names no 3.917 variant for project type {project_type}")
