"""The shape of the demo Continuum: a city CoC like Baltimore's (MD-501).

About 40 partner organizations (one the HMIS Lead, three victim service providers) run 140
projects of every HUD project type.  Names are invented; streets and ZIP codes are Baltimore's.
Funding sources are the usual ones for each project type (HUD list 2.06.1, active codes only).
"""

from dataclasses import dataclass

from hearth.hud.generated.lists import FundingSource as F
from hearth.hud.generated.lists import HouseholdType as HH
from hearth.hud.generated.lists import ProjectType as PT

COC_CODE = "MD-501"
GEOCODE = "249510"  # HUD geocode of Baltimore City (state 24, county-equivalent 510)
CITY = "Baltimore"
STATE = "MD"
ZIP_CODES = (
    "21201", "21202", "21205", "21206", "21207", "21211", "21212", "21213", "21214", "21215",
    "21216", "21217", "21218", "21223", "21224", "21225", "21226", "21229", "21230", "21231",
)  # fmt: skip
STREETS = (
    "N Charles St", "E Baltimore St", "W North Ave", "Greenmount Ave", "Pennsylvania Ave",
    "Harford Rd", "Eastern Ave", "W Fayette St", "E Monument St", "Edmondson Ave",
    "Park Heights Ave", "Belair Rd", "Light St", "E Fort Ave", "Falls Rd", "Reisterstown Rd",
    "Liberty Heights Ave", "W Franklin St", "N Gay St", "S Broadway", "W Pratt St",
    "Washington Blvd", "Frederick Ave", "E 25th St", "York Rd", "Gwynns Falls Pkwy",
)  # fmt: skip


@dataclass(frozen=True)
class OrganizationPlan:
    name: str
    common_name: str
    kind: str  # lead, shelter, housing, family, youth, veteran, health, outreach, multi, dv

    @property
    def is_victim_service_provider(self) -> bool:
        return self.kind == "dv"


ORGANIZATIONS: tuple[OrganizationPlan, ...] = (
    OrganizationPlan("Baltimore Homeless Services Office", "HMIS Lead", "lead"),
    OrganizationPlan("Harbor Light Shelter Ministries", "Harbor Light", "shelter"),
    OrganizationPlan("Jonestown Community Shelter", "Jonestown", "shelter"),
    OrganizationPlan("Fells Point Mission", "Fells Point", "shelter"),
    OrganizationPlan("Sandtown Hospitality House", "Sandtown", "shelter"),
    OrganizationPlan("Patterson Park Overnight Center", "Patterson Park", "shelter"),
    OrganizationPlan("Mount Vernon Day Center", "Mount Vernon", "shelter"),
    OrganizationPlan("Chesapeake Supportive Housing", "Chesapeake", "housing"),
    OrganizationPlan("Patapsco Housing Partners", "Patapsco", "housing"),
    OrganizationPlan("Druid Hill Housing Alliance", "Druid Hill", "housing"),
    OrganizationPlan("Greenmount Homes, Inc.", "Greenmount", "housing"),
    OrganizationPlan("Waverly Community Housing", "Waverly", "housing"),
    OrganizationPlan("Highlandtown Housing Corporation", "Highlandtown", "housing"),
    OrganizationPlan("Reservoir Hill Residences", "Reservoir Hill", "housing"),
    OrganizationPlan("Federal Hill Housing Collaborative", "Federal Hill", "housing"),
    OrganizationPlan("Locust Point Housing Services", "Locust Point", "housing"),
    OrganizationPlan("Homeward Families Baltimore", "Homeward", "family"),
    OrganizationPlan("Canton Family Center", "Canton", "family"),
    OrganizationPlan("Roland Park Family Services", "Roland Park", "family"),
    OrganizationPlan("Gwynns Falls Family Housing", "Gwynns Falls", "family"),
    OrganizationPlan("Youth Harbor Baltimore", "Youth Harbor", "youth"),
    OrganizationPlan("Next Step Youth Services", "Next Step", "youth"),
    OrganizationPlan("Bright Futures Youth Shelter", "Bright Futures", "youth"),
    OrganizationPlan("Camden Youth Collaborative", "Camden", "youth"),
    OrganizationPlan("Fort McHenry Veterans Alliance", "Fort McHenry", "veteran"),
    OrganizationPlan("Liberty Veterans Housing", "Liberty", "veteran"),
    OrganizationPlan("Old Line Veterans Outreach Center", "Old Line", "veteran"),
    OrganizationPlan("Westside Health Care for the Homeless", "Westside Health", "health"),
    OrganizationPlan("Red Line Recovery Services", "Red Line", "health"),
    OrganizationPlan("Positive Living HIV Housing", "Positive Living", "health"),
    OrganizationPlan("Eastside Behavioral Health", "Eastside", "health"),
    OrganizationPlan("Street Reach Baltimore", "Street Reach", "outreach"),
    OrganizationPlan("Midtown Outreach Partners", "Midtown", "outreach"),
    OrganizationPlan("Northwood Neighbor Outreach", "Northwood", "outreach"),
    OrganizationPlan("United Neighbors Community Action", "United Neighbors", "multi"),
    OrganizationPlan("Charm City Legal and Benefits Center", "Charm City Legal", "multi"),
    OrganizationPlan("Irvington Community Partners", "Irvington", "multi"),
    OrganizationPlan("Willow Tree Survivor Services", "Willow Tree", "dv"),
    OrganizationPlan("Haven of Hope DV Program", "Haven of Hope", "dv"),
    OrganizationPlan("Chesapeake Survivors' Alliance", "Survivors' Alliance", "dv"),
)


@dataclass(frozen=True)
class ProjectTemplate:
    project_type: int
    label: str  # the project name after the organization's common name
    population: str  # single, family, youth, child, veteran, hiv, dv
    funders: tuple[int, ...]
    kinds: tuple[str, ...]  # organization kinds that run this kind of project
    count: int
    household_types: tuple[int, ...] = ()  # Inventory rows (residential projects only)
    beds: tuple[int, int] = (0, 0)  # bed inventory range per household type
    rrh_sub_type: int | None = None
    voucher_beds: bool = False


T = ProjectTemplate
SINGLES, FAMILIES, CHILDREN = (
    (HH.HOUSEHOLDS_WITHOUT_CHILDREN,),
    (HH.HOUSEHOLDS_WITH_AT_LEAST_ONE_ADULT,),
    (HH.HOUSEHOLDS_WITH_ONLY_CHILDREN,),
)
BOTH = SINGLES + FAMILIES
ES, NBN, TH, PSH, SO = (
    PT.EMERGENCY_SHELTER_ENTRY_EXIT,
    PT.EMERGENCY_SHELTER_NIGHT_BY_NIGHT,
    PT.TRANSITIONAL_HOUSING,
    PT.PH_PERMANENT_SUPPORTIVE_HOUSING,
    PT.STREET_OUTREACH,
)
SSO, OTHER, SH, PHHO, PHHS = (
    PT.SERVICES_ONLY,
    PT.OTHER,
    PT.SAFE_HAVEN,
    PT.PH_HOUSING_ONLY,
    PT.PH_HOUSING_WITH_SERVICES_NO_DISABILITY,
)
DAY, HP, RRH, CE = PT.DAY_SHELTER, PT.HOMELESSNESS_PREVENTION, PT.PH_RAPID_RE_HOUSING, PT.COORDINATED_ENTRY
HOUSING_ONLY, SERVICES_ONLY = 2, 1  # RRHSubType (HUD list 2.02.A)
# Funding sources (HUD list 2.06.1) by short name.
ESG_SHELTER = F.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND
LOCAL = F.LOCAL_OR_OTHER_FUNDING_SOURCE_PLEASE
RHY_BCP = F.HHS_RHY_BASIC_CENTER_PROGRAM_PREVENTION
GPD_BRIDGE = F.VA_GRANT_PER_DIEM_BRIDGE_HOUSING
COC_TH = F.HUD_COC_TRANSITIONAL_HOUSING
RHY_TLP = F.HHS_RHY_TRANSITIONAL_LIVING_PROGRAM
RHY_MGH = F.HHS_RHY_MATERNITY_GROUP_HOME_FOR
GPD_SERVICE_INTENSIVE = F.VA_GRANT_PER_DIEM_SERVICE_INTENSIVE
HOPWA_TH = F.HUD_HOPWA_TRANSITIONAL_HOUSING_FACILITY_BASED
COC_PSH = F.HUD_COC_PERMANENT_SUPPORTIVE_HOUSING
HUD_VASH = F.HUD_HUD_VASH
HOPWA_PH = F.HUD_HOPWA_PERMANENT_HOUSING_FACILITY_BASED
UNSHELTERED_NOFO = F.HUD_UNSHELTERED_SPECIAL_NOFO
COC_BUILDS = F.HUD_COC_BUILDS
YHDP = F.HUD_COC_YOUTH_HOMELESS_DEMONSTRATION_PROGRAM
ESG_OUTREACH = F.HUD_ESG_STREET_OUTREACH
PATH = F.HHS_PATH_STREET_OUTREACH_SUPPORTIVE_SERVICES
RHY_OUTREACH = F.HHS_RHY_STREET_OUTREACH_PROJECT
COC_SSO = F.HUD_COC_SUPPORTIVE_SERVICES_ONLY
HOPWA_INFO = F.HUD_HOPWA_HOUSING_INFORMATION
PAY_FOR_SUCCESS = F.HUD_PAY_FOR_SUCCESS
COC_SAFE_HAVEN = F.HUD_COC_SAFE_HAVEN
VA_SAFE_HAVEN = F.VA_COMMUNITY_CONTRACT_SAFE_HAVEN_PROGRAM
PIH = F.HUD_PUBLIC_AND_INDIAN_HOUSING_PIH
EHV = F.HUD_PIH_EMERGENCY_HOUSING_VOUCHER
HOME_ARP = F.HUD_HOME_ARP
HOME = F.HUD_HOME
ESG_PREVENTION = F.HUD_ESG_HOMELESSNESS_PREVENTION
SSVF = F.VA_SUPPORTIVE_SERVICES_FOR_VETERAN_FAMILIES
HOPWA_STRMU = F.HUD_HOPWA_SHORT_TERM_RENT_MORTGAGE
COC_RRH = F.HUD_COC_RAPID_RE_HOUSING
ESG_RRH = F.HUD_ESG_RAPID_REHOUSING
JOINT_TH_RRH = F.HUD_COC_JOINT_COMPONENT_TH_RRH
HOPWA_PHP = F.HUD_HOPWA_PERMANENT_HOUSING_PLACEMENT
ESG_RUSH = F.HUD_ESG_RUSH

PROJECT_TEMPLATES: tuple[ProjectTemplate, ...] = (
    T(ES, "Men's Shelter", "single", (ESG_SHELTER, LOCAL), ("shelter",), 5, SINGLES, (40, 150)),
    T(ES, "Women's Shelter", "single", (ESG_SHELTER,), ("shelter",), 3, SINGLES, (25, 80)),
    T(ES, "Family Shelter", "family", (ESG_SHELTER, LOCAL), ("family",), 4, FAMILIES, (30, 90)),
    T(ES, "Youth Crisis Shelter", "child", (RHY_BCP,), ("youth",), 1, CHILDREN, (8, 16)),
    T(ES, "Young Adult Shelter", "youth", (LOCAL,), ("youth",), 1, SINGLES, (12, 30)),
    T(ES, "Bridge Housing", "veteran", (GPD_BRIDGE,), ("veteran",), 1, SINGLES, (15, 30)),
    T(ES, "Motel Voucher Program", "family", (LOCAL,), ("multi",), 1, BOTH, (20, 60), voucher_beds=True),
    T(ES, "Emergency Safe Shelter", "dv", (ESG_SHELTER,), ("dv",), 2, BOTH, (12, 40)),
    T(NBN, "Night Shelter", "single", (ESG_SHELTER, LOCAL), ("shelter",), 3, SINGLES, (50, 200)),
    T(NBN, "Code Blue Shelter", "single", (LOCAL,), ("shelter", "multi"), 2, SINGLES, (40, 120)),
    T(NBN, "Drop-In Night Center", "single", (ESG_SHELTER,), ("outreach",), 1, SINGLES, (20, 60)),
    T(TH, "Transitional Residence", "single", (COC_TH,), ("housing", "health"), 4, SINGLES, (12, 40)),
    T(TH, "Family Transitional Housing", "family", (COC_TH,), ("family",), 2, FAMILIES, (15, 45)),
    T(TH, "Transitional Living Program", "youth", (RHY_TLP,), ("youth",), 2, SINGLES, (8, 20)),
    T(TH, "Maternity Group Home", "youth", (RHY_MGH,), ("youth",), 1, FAMILIES, (8, 16)),
    T(
        TH,
        "Service-Intensive Transitional Housing",
        "veteran",
        (GPD_SERVICE_INTENSIVE,),
        ("veteran",),
        2,
        SINGLES,
        (15, 40),
    ),
    T(TH, "HOPWA Transitional Housing", "hiv", (HOPWA_TH,), ("health",), 1, SINGLES, (8, 20)),
    T(TH, "Survivor Transitional Housing", "dv", (COC_TH,), ("dv",), 2, FAMILIES, (10, 30)),
    T(PSH, "Permanent Supportive Housing", "single", (COC_PSH,), ("housing",), 12, SINGLES, (15, 80)),
    T(PSH, "Family Supportive Housing", "family", (COC_PSH,), ("housing", "family"), 5, FAMILIES, (20, 60)),
    T(PSH, "HUD-VASH", "veteran", (HUD_VASH,), ("veteran",), 3, BOTH, (30, 120)),
    T(PSH, "HOPWA Permanent Housing", "hiv", (HOPWA_PH,), ("health",), 3, SINGLES, (10, 40)),
    T(PSH, "Unsheltered Initiative PSH", "single", (UNSHELTERED_NOFO,), ("housing",), 2, SINGLES, (15, 50)),
    T(PSH, "CoC Builds Apartments", "single", (COC_BUILDS,), ("housing",), 1, SINGLES, (20, 40)),
    T(PSH, "Youth Permanent Housing", "youth", (YHDP,), ("youth",), 1, SINGLES, (8, 20)),
    T(PSH, "Housing First Apartments", "single", (LOCAL,), ("multi", "health"), 3, SINGLES, (15, 50)),
    T(SO, "Street Outreach Team", "single", (ESG_OUTREACH,), ("outreach",), 3),
    T(SO, "PATH Outreach", "single", (PATH,), ("health", "outreach"), 2),
    T(SO, "Youth Street Outreach", "youth", (RHY_OUTREACH,), ("youth",), 1),
    T(SO, "Encampment Outreach", "single", (COC_SSO,), ("outreach",), 1),
    T(SO, "Veteran Outreach", "veteran", (LOCAL,), ("veteran",), 1),
    T(SSO, "PATH Case Management", "single", (PATH,), ("health",), 2),
    T(SSO, "Housing Case Management", "single", (COC_SSO,), ("multi", "housing"), 3),
    T(SSO, "HOPWA Housing Information", "hiv", (HOPWA_INFO,), ("health",), 1),
    T(SSO, "Legal Services", "single", (LOCAL,), ("multi",), 2),
    T(SSO, "Employment Services", "single", (LOCAL,), ("multi",), 1),
    T(SSO, "Youth Supportive Services", "youth", (YHDP,), ("youth",), 1),
    T(OTHER, "Pay for Success Housing", "single", (PAY_FOR_SUCCESS,), ("housing",), 1),
    T(OTHER, "Community Meals Program", "single", (LOCAL,), ("multi", "shelter"), 2),
    T(SH, "Safe Haven", "single", (COC_SAFE_HAVEN,), ("health",), 1, SINGLES, (10, 25)),
    T(SH, "Veterans Safe Haven", "veteran", (VA_SAFE_HAVEN,), ("veteran",), 1, SINGLES, (10, 20)),
    T(PHHO, "Mainstream Vouchers", "single", (PIH,), ("lead", "housing"), 2, BOTH, (40, 120)),
    T(PHHO, "Emergency Housing Vouchers", "family", (EHV,), ("housing",), 2, BOTH, (30, 90)),
    T(PHHS, "Affordable Housing with Services", "single", (HOME,), ("housing",), 2, SINGLES, (20, 60)),
    T(PHHS, "HOME-ARP Apartments", "family", (HOME_ARP,), ("housing", "family"), 1, FAMILIES, (20, 50)),
    T(PHHS, "Community Housing", "single", (LOCAL,), ("multi",), 2, SINGLES, (15, 40)),
    T(DAY, "Day Center", "single", (LOCAL,), ("shelter",), 3),
    T(HP, "Eviction Prevention", "family", (ESG_PREVENTION,), ("multi", "family"), 3),
    T(HP, "SSVF Homelessness Prevention", "veteran", (SSVF,), ("veteran",), 2),
    T(HP, "HOPWA Rent and Utility Assistance", "hiv", (HOPWA_STRMU,), ("health",), 1),
    T(HP, "Family Reunification Prevention", "child", (RHY_BCP,), ("youth",), 1),
    T(HP, "Tenant Stabilization Fund", "single", (LOCAL,), ("family", "multi"), 1),
    T(RRH, "Rapid Re-Housing", "single", (COC_RRH,), ("housing",), 6, BOTH, (20, 70), HOUSING_ONLY),
    T(
        RRH,
        "ESG Rapid Re-Housing",
        "family",
        (ESG_RRH,),
        ("multi", "family"),
        3,
        BOTH,
        (15, 50),
        HOUSING_ONLY,
    ),
    T(RRH, "SSVF Rapid Re-Housing", "veteran", (SSVF,), ("veteran",), 2, BOTH, (15, 50), HOUSING_ONLY),
    T(RRH, "Youth Rapid Re-Housing", "youth", (YHDP,), ("youth",), 1, BOTH, (10, 25), HOUSING_ONLY),
    T(RRH, "Joint TH-RRH", "single", (JOINT_TH_RRH,), ("housing",), 1, SINGLES, (10, 30), HOUSING_ONLY),
    T(RRH, "Survivor Rapid Re-Housing", "dv", (COC_RRH,), ("dv",), 1, BOTH, (10, 30), HOUSING_ONLY),
    T(RRH, "HOPWA Housing Placement", "hiv", (HOPWA_PHP,), ("health",), 1, SINGLES, (8, 20), HOUSING_ONLY),
    T(
        RRH,
        "ESG-RUSH Rapid Re-Housing",
        "single",
        (ESG_RUSH,),
        ("multi",),
        1,
        SINGLES,
        (10, 30),
        HOUSING_ONLY,
    ),
    T(RRH, "RRH Housing Navigation", "single", (COC_RRH,), ("housing",), 3, rrh_sub_type=SERVICES_ONLY),
    T(
        RRH,
        "ESG RRH Case Management",
        "family",
        (ESG_RRH,),
        ("multi", "family"),
        2,
        rrh_sub_type=SERVICES_ONLY,
    ),
    T(RRH, "SSVF Housing Navigation", "veteran", (SSVF,), ("veteran",), 1, rrh_sub_type=SERVICES_ONLY),
    T(CE, "Coordinated Access", "single", (COC_SSO,), ("lead",), 2),
    T(CE, "Access Point", "single", (LOCAL,), ("multi", "shelter"), 2),
    T(CE, "Youth Access Point", "youth", (YHDP,), ("youth",), 1),
    T(CE, "Veteran Access Point", "veteran", (LOCAL,), ("veteran",), 1),
    T(CE, "Family Access Point", "family", (COC_SSO,), ("family",), 1),
)

OTHER_FUNDER_NAMES = (
    "Baltimore City General Fund",
    "Maryland DHCD Homelessness Solutions Program",
    "United Way of Central Maryland",
    "Private foundation grant",
)

# Populations a household of each kind may be served by (a project's population).
SERVED_BY: dict[str, tuple[str, ...]] = {
    "single": ("single",),
    "couple": ("single",),
    "family": ("family",),
    "youth": ("youth", "single"),
    "parenting_youth": ("youth", "family"),
    "child": ("child",),
    "veteran": ("veteran", "single"),
    "hiv": ("hiv", "single"),
}
