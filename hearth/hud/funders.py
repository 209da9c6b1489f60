"""HUD's federal partner programs and their components, as the HMIS Data Dictionary names them.

A project's funders are FundingSource codes (list 2.06.1). The Data Dictionary, however, states
its requirements per *program* ("CoC", "ESG", "RHY") and per *component* ("SSO-CE", "ES-NbN",
"BCP"). This module bridges the two:

* ``Program`` families are derived from the prefixes of the list 2.06.1 labels ("HUD: CoC – ...",
  "HHS: RHY – ..."), so a code added to the list joins its family without an edit here.
* ``Component`` says how a component shows in the data: by funding source (RHY "MGH" is code 23)
  or by project type (ESG "ES-NbN" is ESG funding on a project of type 1).
* ``parse_funders`` reads the Data Dictionary's funder text ("CoC (all except SSO-CE); ESG (all
  except ES-NbN); ...", "As 4.02 but RHY: all components") into a ``FunderRule``. Text it does not
  understand raises ``SpecTextError``.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from django.utils import translation

from hearth.hud.generated.lists import FundingSource, ProjectType


class Program(StrEnum):
    """A federal partner program whose funding carries its own data-collection requirements."""

    COC = "CoC"
    COC_BUILDS = "CoC Builds"
    ESG = "ESG"
    ESG_RUSH = "ESG-RUSH"
    HOPWA = "HOPWA"
    HUD_VASH = "HUD-VASH"
    PAY_FOR_SUCCESS = "PFS"
    UNSHELTERED_SPECIAL_NOFO = "Unsheltered Special NOFO"
    RURAL_SPECIAL_NOFO = "Rural Special NOFO"
    PATH = "PATH"
    RHY = "RHY"
    SSVF = "SSVF"
    GPD = "GPD"
    VA_CRS = "VA CRS"
    VA_CCSH = "VA CCSH"


# Label prefixes of list 2.06.1. Where one prefix extends another ("HUD: ESG – RUSH" and
# "HUD: ESG –"), the longer one comes first.
LABEL_PREFIXES: tuple[tuple[str, Program], ...] = (
    ("HUD: CoC Builds", Program.COC_BUILDS),
    ("HUD: CoC –", Program.COC),
    ("HUD: ESG – RUSH", Program.ESG_RUSH),
    ("HUD: ESG –", Program.ESG),
    ("HUD: HOPWA –", Program.HOPWA),
    ("HUD: HUD/VASH", Program.HUD_VASH),
    ("HUD: Pay for Success", Program.PAY_FOR_SUCCESS),
    ("HUD: Unsheltered Special NOFO", Program.UNSHELTERED_SPECIAL_NOFO),
    ("HUD: Rural Special NOFO", Program.RURAL_SPECIAL_NOFO),
    ("HHS: PATH –", Program.PATH),
    ("HHS: RHY –", Program.RHY),
    ("VA: Supportive Services for Veteran Families", Program.SSVF),
    ("VA: Grant Per Diem –", Program.GPD),
    ("VA: CRS", Program.VA_CRS),
    ("VA: Community Contract Safe Haven", Program.VA_CCSH),
)


@cache
def programs_by_funding_source() -> Mapping[int, Program]:
    """Every FundingSource code that belongs to a federal partner program, with its program.

    Codes outside every program (local funding, HOME, PIH, N/A...) are absent: only requirements
    that HUD states for "All Programs" apply to them.
    """
    # Labels are lazy translations; prefixes are matched against HUD's English text.
    with translation.override(None):
        labels = {int(code): str(label) for code, label in FundingSource.choices}
    programs: dict[int, Program] = {}
    for code, label in labels.items():
        for prefix, program in LABEL_PREFIXES:
            if label.startswith(prefix):
                programs[code] = program
                break
    return programs


def program_of(funding_source: int) -> Program | None:
    """The program a FundingSource code belongs to, or None for funding outside every program."""
    return programs_by_funding_source().get(funding_source)


def funding_sources_of(program: Program) -> frozenset[int]:
    return frozenset(code for code, owner in programs_by_funding_source().items() if owner == program)


COORDINATED_ENTRY_PROJECT_TYPE = ProjectType.COORDINATED_ENTRY.value
PERMANENT_HOUSING_PROJECT_TYPES = frozenset(
    int(project_type)
    for project_type in (
        ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING,
        ProjectType.PH_HOUSING_ONLY,
        ProjectType.PH_HOUSING_WITH_SERVICES_NO_DISABILITY,
        ProjectType.PH_RAPID_RE_HOUSING,
    )
)


@dataclass(frozen=True)
class Component:
    """A program component as the Data Dictionary names it, and how to recognize it.

    ``funding_sources``: the component is funded by one of these codes (None: any code of the
    program). ``project_types``: the project has one of these types (None: any type).
    ``coordinated_entry``: the project provides coordinated entry (type 14, or another type that
    the CoC's CE design makes an access point). ``inexact``: why HUD's wording could not be mapped
    exactly, if it could not.
    """

    name: str
    funding_sources: frozenset[int] | None = None
    project_types: frozenset[int] | None = None
    coordinated_entry: bool = False
    inexact: str | None = None

    def applies(
        self, *, funding_source: int | None, project_type: int, provides_coordinated_entry: bool
    ) -> bool:
        if self.funding_sources is not None and funding_source not in self.funding_sources:
            return False
        if self.project_types is not None and project_type not in self.project_types:
            return False
        is_ce_project = project_type == COORDINATED_ENTRY_PROJECT_TYPE or provides_coordinated_entry
        return is_ce_project or not self.coordinated_entry


def _types(*project_types: ProjectType) -> frozenset[int]:
    return frozenset(int(project_type) for project_type in project_types)


def _sources(*codes: FundingSource) -> frozenset[int]:
    return frozenset(int(code) for code in codes)


_ES = _types(ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT)
_NBN = _types(ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT)
_SO = _types(ProjectType.STREET_OUTREACH)
_HP = _types(ProjectType.HOMELESSNESS_PREVENTION)
_BCP = _sources(FundingSource.HHS_RHY_BASIC_CENTER_PROGRAM_PREVENTION)
_RHY_SO = _sources(FundingSource.HHS_RHY_STREET_OUTREACH_PROJECT)
_YHDP = _sources(FundingSource.HUD_COC_YOUTH_HOMELESS_DEMONSTRATION_PROGRAM)
_VASH_COMPONENTS = (
    "HUD-VASH components (collaborative case management, continuum) share one FundingSource code "
    "(20), so the requirement is applied to every HUD/VASH-funded project"
)

# Components recognized by project type, whatever the program ("ESG (SO)" is ESG funding on a
# street outreach project). Keys are HUD's names in lower case.
GENERIC_COMPONENTS: Mapping[str, Component] = {
    "es": Component("ES", project_types=_ES),
    "es-nbn": Component("ES-NbN", project_types=_NBN),
    "so": Component("SO", project_types=_SO),
    "sso-so": Component("SSO-SO", project_types=_SO),
    "sso-street outreach": Component("SSO-Street Outreach", project_types=_SO),
    "hp": Component("HP", project_types=_HP),
    "rrh": Component("RRH", project_types=_types(ProjectType.PH_RAPID_RE_HOUSING)),
    "psh": Component("PSH", project_types=_types(ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING)),
    "ph": Component("PH", project_types=PERMANENT_HOUSING_PROJECT_TYPES),
    "all permanent housing components": Component("PH", project_types=PERMANENT_HOUSING_PROJECT_TYPES),
    # SSO-CE: coordinated entry funded as supportive services only; a CE project (type 14), or a
    # services-only project (type 6) that the CoC's CE design makes an access point.
    "sso-ce": Component(
        "SSO-CE",
        project_types=_types(ProjectType.SERVICES_ONLY, ProjectType.COORDINATED_ENTRY),
        coordinated_entry=True,
    ),
    "ce": Component("CE", coordinated_entry=True),
    "all components providing coordinated entry": Component("CE", coordinated_entry=True),
}

# Components that a program defines by its own funding source codes.
PROGRAM_COMPONENTS: Mapping[Program, Mapping[str, Component]] = {
    Program.RHY: {
        "bcp": Component("BCP", funding_sources=_BCP),
        "bcp (hp and es)": Component("BCP (HP and ES)", funding_sources=_BCP, project_types=_HP | _ES),
        "bcp-prevention": Component("BCP-Prevention", funding_sources=_BCP, project_types=_HP),
        # RHY's only prevention component is BCP prevention.
        "hp": Component("HP", funding_sources=_BCP, project_types=_HP),
        "mgh": Component("MGH", funding_sources=_sources(FundingSource.HHS_RHY_MATERNITY_GROUP_HOME_FOR)),
        "tlp": Component("TLP", funding_sources=_sources(FundingSource.HHS_RHY_TRANSITIONAL_LIVING_PROGRAM)),
        "demo": Component("Demo", funding_sources=_sources(FundingSource.HHS_RHY_DEMONSTRATION_PROJECT)),
        "so": Component("SO", funding_sources=_RHY_SO),
        "street outreach": Component("Street Outreach", funding_sources=_RHY_SO),
    },
    Program.HOPWA: {
        "php": Component(
            "PHP", funding_sources=_sources(FundingSource.HUD_HOPWA_PERMANENT_HOUSING_PLACEMENT)
        ),
        "strmu": Component(
            "STRMU", funding_sources=_sources(FundingSource.HUD_HOPWA_SHORT_TERM_RENT_MORTGAGE)
        ),
    },
    Program.COC: {
        "yhdp": Component("YHDP", funding_sources=_YHDP),
        "yhdp serving homeless categories 2/3": Component(
            "YHDP serving homeless categories 2/3",
            funding_sources=_YHDP,
            inexact=(
                "the homeless category a YHDP project serves is not recorded in the HMIS CSV, so "
                "every YHDP-funded project of the listed types collects it"
            ),
        ),
    },
    Program.HUD_VASH: {
        "ccm": Component("CCM", inexact=_VASH_COMPONENTS),
        "collaborative case management": Component("CCM", inexact=_VASH_COMPONENTS),
        "continuum": Component("Continuum", inexact=_VASH_COMPONENTS),
    },
}


class SpecTextError(ValueError):
    """The spec's applicability text for an element could not be understood."""


@dataclass(frozen=True)
class FunderClause:
    """One program's share of an element's funders: its components, minus exceptions.

    ``program`` None stands for "All Programs": the clause holds whatever funds the project.
    """

    program: Program | None
    include: tuple[Component, ...] = ()  # empty: every component
    exclude: tuple[Component, ...] = ()

    def applies(
        self, *, funding_sources: Iterable[int], project_type: int, provides_coordinated_entry: bool
    ) -> bool:
        def fits(funding_source: int | None) -> bool:
            def matches(component: Component) -> bool:
                return component.applies(
                    funding_source=funding_source,
                    project_type=project_type,
                    provides_coordinated_entry=provides_coordinated_entry,
                )

            included = not self.include or any(matches(component) for component in self.include)
            return included and not any(matches(component) for component in self.exclude)

        if self.program is None:
            return fits(None)
        return any(program_of(code) == self.program and fits(code) for code in funding_sources)


@dataclass(frozen=True)
class FunderRule:
    """An element's funders: it applies when any clause holds."""

    clauses: tuple[FunderClause, ...]
    inexact: tuple[str, ...] = ()  # why HUD's text could not be mapped exactly, if it could not

    def applies(
        self, *, funding_sources: Iterable[int], project_type: int, provides_coordinated_entry: bool
    ) -> bool:
        sources = tuple(funding_sources)
        return any(
            clause.applies(
                funding_sources=sources,
                project_type=project_type,
                provides_coordinated_entry=provides_coordinated_entry,
            )
            for clause in self.clauses
        )


# How the Data Dictionary names programs; None stands for every program.
_PROGRAM_NAMES: Mapping[str, tuple[Program, ...] | None] = {
    "all programs": None,
    "coc": (Program.COC,),
    "hud: coc builds": (Program.COC_BUILDS,),
    "esg": (Program.ESG,),
    "esg-rush": (Program.ESG_RUSH,),
    "hopwa": (Program.HOPWA,),
    "hud-vash": (Program.HUD_VASH,),
    "pfs": (Program.PAY_FOR_SUCCESS,),
    "pay for success": (Program.PAY_FOR_SUCCESS,),
    "unsheltered/rural special nofo": (Program.UNSHELTERED_SPECIAL_NOFO, Program.RURAL_SPECIAL_NOFO),
    "unsheltered/rural nofo": (Program.UNSHELTERED_SPECIAL_NOFO, Program.RURAL_SPECIAL_NOFO),
    "path": (Program.PATH,),
    "rhy": (Program.RHY,),
    "ssvf": (Program.SSVF,),
    "gpd": (Program.GPD,),
    "va ccsh": (Program.VA_CCSH,),
    "va crs": (Program.VA_CRS,),
}
_NAMES_LONGEST_FIRST = sorted(_PROGRAM_NAMES, key=len, reverse=True)

# Whole clauses that read as prose rather than "program (components)".
_PHRASES: Mapping[str, FunderClause] = {
    "applies to all nbn shelters participating in hmis": FunderClause(None, (GENERIC_COMPONENTS["es-nbn"],)),
}

_REFERENCE = re.compile(
    r"as (?P<base>[0-9A-Z.]+)(?: without (?P<without>.+)| but (?P<program>[\w -]+): (?P<components>.+))?",
    re.IGNORECASE,
)
_ALSO_LISTED = re.compile(r"\.\s+FY2026 rules also list (?P<names>.+)$")
_EXCEPT = re.compile(r"(?:all\s+)?except\s+(?P<names>.+)")
_FY2026_RULE = (
    "{program}: the FY2024 Data Dictionary and the FY2026 rules differ ({text}); the FY2026 rule is applied"
)
_UNNAMED_COMPONENTS = "HUD says 'component specific' without naming the components; every component applies"


def split_outside_parentheses(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth == 0 and char in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def read_program_names(text: str) -> tuple[list[Program | None], str]:
    """The program names that open a clause ("CoC and ESG - ...") and the rest of it."""
    programs: list[Program | None] = []
    rest = text.strip()
    while True:
        lowered = rest.lower()
        name = next(
            (
                name
                for name in _NAMES_LONGEST_FIRST
                if lowered.startswith(name) and (len(lowered) == len(name) or lowered[len(name)] in " (-")
            ),
            None,
        )
        if name is None:
            raise SpecTextError(f"no program name at the start of {text!r}")
        named = _PROGRAM_NAMES[name]
        programs.extend(named if named is not None else [None])
        rest = rest[len(name) :].strip()
        if not rest.lower().startswith("and "):
            return programs, rest
        rest = rest[4:]


def _component(name: str, program: Program | None, reasons: list[str]) -> Component:
    name = name.strip().lower()
    component = PROGRAM_COMPONENTS.get(program, {}).get(name) if program else None
    component = component or GENERIC_COMPONENTS.get(name)
    if component is None:
        raise SpecTextError(f"unknown component {name!r} of {program or 'All Programs'}")
    if component.inexact:
        reasons.append(component.inexact)
    return component


def _components(text: str, program: Program | None, reasons: list[str]) -> tuple[tuple[Component, ...], ...]:
    """(include, exclude) from component text such as "all except ES and SO" or "RRH, HP"."""
    if "FY2026 rules:" in text:
        reasons.append(_FY2026_RULE.format(program=program or "All Programs", text=text.strip()))
        text = text.split("FY2026 rules:", 1)[1]
    text = text.strip()
    lowered = text.lower()
    if lowered in ("", "all", "all components"):
        return (), ()
    if lowered == "component specific":
        reasons.append(_UNNAMED_COMPONENTS)
        return (), ()
    if match := _EXCEPT.fullmatch(lowered):
        names = re.split(r"\s*,\s*|\s+and\s+|/", match["names"])
        return (), tuple(_component(name, program, reasons) for name in names)
    names = [
        name
        for part in split_outside_parentheses(text.removesuffix(" only"), ",")
        for name in ([part] if "(" in part else re.split(r"\s+and\s+", part))
    ]
    return tuple(_component(name, program, reasons) for name in names), ()


def _clauses(text: str, reasons: list[str]) -> list[FunderClause]:
    if (phrase := _PHRASES.get(text.lower())) is not None:
        return [phrase]
    programs, rest = read_program_names(text)
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]
    elif rest.startswith("-"):
        rest = rest[1:]
    return [FunderClause(program, *_components(rest, program, reasons)) for program in programs]


def parse_funders(text: str, *, earlier: Mapping[str, FunderRule]) -> FunderRule:
    """Read an element's funder text; ``earlier`` holds the rules of elements it may refer to."""
    reasons: list[str] = []
    if reference := _REFERENCE.fullmatch(text.strip()):
        base = earlier.get(reference["base"])
        if base is None:
            raise SpecTextError(f"{text!r} refers to an element not read before it")
        clauses = list(base.clauses)
        reasons.extend(base.inexact)
        if reference["without"]:
            names = reference["without"].split(" and ")
            dropped = {program for name in names for program in read_program_names(name)[0]}
            clauses = [clause for clause in clauses if clause.program not in dropped]
        elif reference["program"]:
            programs, _ = read_program_names(reference["program"])
            clauses = [clause for clause in clauses if clause.program not in programs] + [
                FunderClause(program, *_components(reference["components"], program, reasons))
                for program in programs
            ]
        return FunderRule(tuple(clauses), tuple(dict.fromkeys(reasons)))
    also: list[str] = []
    if match := _ALSO_LISTED.search(text):
        also.append(match["names"])
        text = text[: match.start()]
    parts = split_outside_parentheses(text, ";,") + also
    clauses = [clause for part in parts for clause in _clauses(part, reasons)]
    return FunderRule(tuple(clauses), tuple(dict.fromkeys(reasons)))
