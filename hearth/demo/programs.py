"""Which federal partner programs fund a project, deciding which program-specific elements it collects.

Applicability follows data_elements.csv (project types and funders per element).
"""

from hearth.demo.agencies import ProjectPlan

RHY = frozenset({22, 23, 24, 25, 26})
PATH = frozenset({21})
HOPWA = frozenset(range(13, 20))
SSVF = frozenset({33})
VASH = frozenset({20})
GPD = frozenset({37, 38, 39, 40, 41, 42, 45})
YHDP = frozenset({43})
COC_PSH = frozenset({2})
# Universal and common elements (4.02-4.05, 4.11) are not collected by night-by-night shelters,
# day shelters or coordinated entry (CoC/ESG rules: "all except ES-NbN", "all except SSO-CE").
NO_STAGE_RECORDS = frozenset({1, 11, 14})


def funded_by(project: ProjectPlan, program: frozenset[int]) -> bool:
    return bool(project.funders & program)


def collects_stage_records(project: ProjectPlan) -> bool:
    return project.project_type not in NO_STAGE_RECORDS


def collects_employment(project: ProjectPlan) -> bool:
    """R4-R6 (EmploymentEducation): RHY, HUD-VASH, SSVF and GPD projects."""
    return bool(project.funders & (RHY | VASH | SSVF | GPD)) and project.project_type != 4


def collects_health_status(project: ProjectPlan) -> bool:
    """R7-R10 (general, dental, mental health, pregnancy): RHY and HUD-VASH projects."""
    return bool(project.funders & (RHY | VASH)) and project.project_type in {0, 2, 3, 12}


def collects_youth_education(project: ProjectPlan) -> bool:
    """C3 Youth Education Status: CoC YHDP projects of types 2, 3, 6 and 13."""
    return funded_by(project, YHDP) and project.project_type in {2, 3, 6, 13}
