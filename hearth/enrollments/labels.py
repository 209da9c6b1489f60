"""What each HUD field asks, in the words a case manager says to a client (FY2024 HMIS Data
Dictionary wording, shortened).  Keyed by HUD CSV column name; the code lists' own labels come from
``hearth.hud.generated.lists``.
"""

from collections.abc import Mapping
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

QUESTIONS: Mapping[str, Promise] = MappingProxyType(
    {
        # Enrollment.csv: project start
        "DisablingCondition": _("Disabling condition"),
        "LivingSituation": _("Prior living situation"),
        "RentalSubsidyType": _("Rental subsidy type"),
        "LengthOfStay": _("Length of stay in the prior living situation"),
        "LOSUnderThreshold": _(
            "Was the stay shorter than 90 days (institution) or 7 nights (other housing)?"
        ),
        "PreviousStreetESSH": _(
            "On the night before, did the client stay on the streets, in an emergency shelter or in a "
            "safe haven?"
        ),
        "DateToStreetESSH": _("Approximate date this episode of homelessness started"),
        "TimesHomelessPastThreeYears": _(
            "Times on the streets, in emergency shelter or in a safe haven in the past three years"
        ),
        "MonthsHomelessPastThreeYears": _(
            "Months on the streets, in emergency shelter or in a safe haven in the past three years"
        ),
        "DateOfEngagement": _("Date of engagement"),
        "MoveInDate": _("Housing move-in date"),
        "DateOfPATHStatus": _("Date of PATH status determination"),
        "ClientEnrolledInPATH": _("Client became enrolled in PATH"),
        "ReasonNotEnrolled": _("Reason not enrolled"),
        "PercentAMI": _("Household income as a percentage of area median income"),
        "ReferralSource": _("Referral source"),
        "CountOutreachReferralApproaches": _("Times approached by outreach before entering the project"),
        "DateOfBCPStatus": _("Date of status determination"),
        "EligibleForRHY": _("Youth eligible for RHY services"),
        "ReasonNoServices": _("Reason services are not funded by the BCP grant"),
        "RunawayYouth": _("Runaway youth"),
        "FormerWardChildWelfare": _("Formerly a ward of child welfare or foster care"),
        "ChildWelfareYears": _("Years in child welfare or foster care"),
        "ChildWelfareMonths": _("Months in child welfare or foster care (under one year)"),
        "FormerWardJuvenileJustice": _("Formerly a ward of the juvenile justice system"),
        "JuvenileJusticeYears": _("Years in the juvenile justice system"),
        "JuvenileJusticeMonths": _("Months in the juvenile justice system (under one year)"),
        "UnemploymentFam": _("Family member unemployed"),
        "MentalHealthDisorderFam": _("Family member with a mental health disorder"),
        "PhysicalDisabilityFam": _("Family member with a physical disability"),
        "AlcoholDrugUseDisorderFam": _("Family member with an alcohol or drug use disorder"),
        "InsufficientIncome": _("Insufficient income to support the youth"),
        "IncarceratedParent": _("Incarcerated parent of the youth"),
        "VAMCStation": _("VA medical center station number"),
        "TargetScreenReqd": _("Required homelessness prevention targeting screening"),
        "TimeToHousingLoss": _("Housing loss expected within"),
        "AnnualPercentAMI": _("Annual household income as a percentage of area median income"),
        "LiteralHomelessHistory": _("Past experience of literal homelessness"),
        "ClientLeaseholder": _("Head of household is not a current leaseholder or renter"),
        "HOHLeaseholder": _("Head of household has never been a leaseholder or renter"),
        "SubsidyAtRisk": _("Currently lives in subsidized housing and is at risk of losing the subsidy"),
        "EvictionHistory": _("Rental evictions in the past seven years"),
        "CriminalRecord": _(
            "Criminal record for arson, drug dealing or a felony against persons or property"
        ),
        "IncarceratedAdult": _("Incarcerated as an adult"),
        "PrisonDischarge": _("Discharged from a correctional facility in the past six months"),
        "SexOffender": _("Registered sex offender"),
        "DisabledHoH": _("Head of household has a disabling condition"),
        "CurrentPregnant": _("Currently pregnant"),
        "SingleParent": _("Single parent with a minor child"),
        "DependentUnder6": _("Young children in the household (age six or under)"),
        "HH5Plus": _("Household of five or more people"),
        "CoCPrioritized": _("Household is prioritized by the Continuum of Care"),
        "HPScreeningScore": _("Homelessness prevention screening score"),
        "ThresholdScore": _("Targeting threshold score"),
        "MentalHealthConsultation": _("Mental health consultation"),
        # IncomeBenefits.csv
        "IncomeFromAnySource": _("Income from any source"),
        "TotalMonthlyIncome": _("Total monthly income"),
        "Earned": _("Earned income (employment)"),
        "Unemployment": _("Unemployment insurance"),
        "SSI": _("Supplemental Security Income (SSI)"),
        "SSDI": _("Social Security Disability Insurance (SSDI)"),
        "VADisabilityService": _("VA service-connected disability compensation"),
        "VADisabilityNonService": _("VA non-service-connected disability pension"),
        "PrivateDisability": _("Private disability insurance"),
        "WorkersComp": _("Worker's compensation"),
        "TANF": _("Temporary Assistance for Needy Families (TANF)"),
        "GA": _("General Assistance (GA)"),
        "SocSecRetirement": _("Retirement income from Social Security"),
        "Pension": _("Pension or retirement income from a former job"),
        "ChildSupport": _("Child support"),
        "Alimony": _("Alimony or other spousal support"),
        "OtherIncomeSource": _("Other income"),
        "OtherIncomeSourceIdentify": _("Name the other income"),
        "BenefitsFromAnySource": _("Non-cash benefits from any source"),
        "SNAP": _("Supplemental Nutrition Assistance Program (SNAP)"),
        "WIC": _("Women, Infants, and Children (WIC)"),
        "TANFChildCare": _("TANF child care services"),
        "TANFTransportation": _("TANF transportation services"),
        "OtherTANF": _("Other TANF-funded services"),
        "OtherBenefitsSource": _("Other benefit"),
        "OtherBenefitsSourceIdentify": _("Name the other benefit"),
        "InsuranceFromAnySource": _("Covered by health insurance"),
        "Medicaid": _("Medicaid"),
        "Medicare": _("Medicare"),
        "SCHIP": _("State Children's Health Insurance Program"),
        "VHAServices": _("Veterans Health Administration (VHA) medical services"),
        "EmployerProvided": _("Employer-provided health insurance"),
        "COBRA": _("Health insurance through COBRA"),
        "PrivatePay": _("Private pay health insurance"),
        "StateHealthIns": _("State health insurance for adults"),
        "IndianHealthServices": _("Indian Health Services program"),
        "OtherInsurance": _("Other health insurance"),
        "OtherInsuranceIdentify": _("Name the other health insurance"),
        "ADAP": _("Receiving AIDS Drug Assistance Program (ADAP)"),
        "NoADAPReason": _("Reason not receiving ADAP"),
        "RyanWhiteMedDent": _("Receiving Ryan White-funded medical or dental assistance"),
        "NoRyanWhiteReason": _("Reason not receiving Ryan White-funded assistance"),
        "ConnectionWithSOAR": _("Connection with SOAR"),
        # HealthAndDV.csv
        "DomesticViolenceSurvivor": _("Survivor of domestic violence"),
        "WhenOccurred": _("When the experience occurred"),
        "CurrentlyFleeing": _("Currently fleeing"),
        "GeneralHealthStatus": _("General health status"),
        "DentalHealthStatus": _("Dental health status"),
        "MentalHealthStatus": _("Mental health status"),
        "PregnancyStatus": _("Pregnancy status"),
        "DueDate": _("Expected due date"),
        # EmploymentEducation.csv
        "LastGradeCompleted": _("Last grade completed"),
        "SchoolStatus": _("School status"),
        "Employed": _("Employed"),
        "EmploymentType": _("Type of employment"),
        "NotEmployedReason": _("Why not employed"),
        # Disabilities.csv (the response's label is the disability type)
        "IndefiniteAndImpairs": _(
            "Expected to be of long, indefinite duration and to substantially impair independent living"
        ),
        "TCellCountAvailable": _("T-cell (CD4) count available"),
        "TCellCount": _("T-cell (CD4) count"),
        "TCellSource": _("How the T-cell count was obtained"),
        "ViralLoadAvailable": _("Viral load information available"),
        "ViralLoad": _("Viral load"),
        "ViralLoadSource": _("How the viral load was obtained"),
        "AntiRetroviral": _("Prescribed anti-retroviral medications"),
        # YouthEducationStatus.csv
        "CurrentSchoolAttend": _("Currently attending school"),
        "MostRecentEdStatus": _("Most recent educational status"),
        "CurrentEdStatus": _("Current educational status"),
        # Exit.csv
        "ExitDate": _("Project exit date"),
        "Destination": _("Destination"),
        "DestinationSubsidyType": _("Rental subsidy type at the destination"),
        "OtherDestination": _("Name the other destination"),
        "HousingAssessment": _("Housing assessment at exit"),
        "SubsidyInformation": _("Subsidy information"),
        "ProjectCompletionStatus": _("Project completion status"),
        "EarlyExitReason": _("Main reason for leaving early"),
        "ExchangeForSex": _("Ever received anything in exchange for sex"),
        "ExchangeForSexPastThreeMonths": _("Received anything in exchange for sex in the last three months"),
        "CountOfExchangeForSex": _("How many times"),
        "AskedOrForcedToExchangeForSex": _("Ever asked or forced to exchange sex for anything"),
        "AskedOrForcedToExchangeForSexPastThreeMonths": _(
            "Asked or forced to exchange sex for anything in the last three months"
        ),
        "WorkplaceViolenceThreats": _("Ever afraid to quit or leave work because of threats of violence"),
        "WorkplacePromiseDifference": _(
            "Ever promised work that turned out different from what was promised"
        ),
        "CoercedToContinueWork": _("Felt forced, coerced or pressured to keep working"),
        "LaborExploitPastThreeMonths": _("Experienced this in the last three months"),
        "CounselingReceived": _("Received counseling"),
        "IndividualCounseling": _("Individual counseling"),
        "FamilyCounseling": _("Family counseling"),
        "GroupCounseling": _("Group counseling, including peer counseling"),
        "SessionCountAtExit": _("Counseling sessions received by exit"),
        "PostExitCounselingPlan": _("Plan to start or continue counseling after exit"),
        "SessionsInPlan": _("Counseling sessions planned after exit"),
        "DestinationSafeClient": _("Client feels the destination is safe"),
        "DestinationSafeWorker": _("Worker's judgment: the destination is safe"),
        "PosAdultConnections": _("Client has lasting positive connections with adults outside the project"),
        "PosPeerConnections": _("Client has lasting positive connections with peers outside the project"),
        "PosCommunityConnections": _("Client has lasting positive connections with the community"),
        "AftercareDate": _("Date of aftercare (within 180 days after exit)"),
        "AftercareProvided": _("Aftercare was provided"),
        "EmailSocialMedia": _("Aftercare by email or social media"),
        "Telephone": _("Aftercare by telephone"),
        "InPersonIndividual": _("Aftercare in person, individually"),
        "InPersonGroup": _("Aftercare in person, in a group"),
        "CMExitReason": _("Reason for leaving case management"),
        # CurrentLivingSituation.csv
        "InformationDate": _("Date"),
        "CurrentLivingSituation": _("Current living situation"),
        "CLSSubsidyType": _("Rental subsidy type"),
        "VerifiedBy": _("Verified by"),
        "LeaveSituation14Days": _("Must the client leave this living situation within 14 days?"),
        "SubsequentResidence": _("Has a next place to live been found?"),
        "ResourcesToObtain": _("Does the household have resources or support to obtain permanent housing?"),
        "LeaseOwn60Day": _("Has the client held a lease or owned permanent housing in the last 60 days?"),
        "MovedTwoOrMore": _("Has the client moved two or more times in the last 60 days?"),
        "LocationDetails": _("Location details"),
        # Services.csv
        "DateProvided": _("Date provided"),
        "RecordType": _("Kind of service"),
        "TypeProvided": _("Service provided"),
        "OtherTypeProvided": _("Name the other service"),
        "MovingOnOtherType": _("Name the other assistance"),
        "SubTypeProvided": _("Kind of assistance"),
        "FAAmount": _("Amount of financial assistance"),
        "FAStartDate": _("Assistance start date"),
        "FAEndDate": _("Assistance end date"),
        "ReferralOutcome": _("Outcome of the referral"),
    }
)


def question(column_name: str) -> Promise | str:
    """What the field asks; HUD's column name when no wording is set."""
    return QUESTIONS.get(column_name, column_name)


def amount_of(source: Promise | str) -> Promise:
    """The label of an income source's monthly amount, e.g. "Earned income (employment): monthly amount"."""
    return format_lazy("{}: {}", source, _("monthly amount"))


def reason_for_no(source: Promise | str) -> Promise:
    """The label of the reason a client has no coverage from a source."""
    return format_lazy("{}: {}", source, _("reason not covered"))


# Section titles of the stage forms, by HUD element number; HUD's element name otherwise.
ELEMENT_TITLES: Mapping[str, Promise] = MappingProxyType(
    {
        "3.08": _("Disabling condition"),
        "3.11": _("Project exit date"),
        "3.12": _("Destination"),
        "3.917": _("Prior living situation"),
        "4.02": _("Income and sources"),
        "4.03": _("Non-cash benefits"),
        "4.04": _("Health insurance"),
        "4.05": _("Physical disability"),
        "4.06": _("Developmental disability"),
        "4.07": _("Chronic health condition"),
        "4.08": _("HIV/AIDS"),
        "4.09": _("Mental health disorder"),
        "4.10": _("Substance use disorder"),
        "4.11": _("Domestic violence"),
        "4.13": _("Date of engagement"),
        "C3": _("Youth education status"),
        "P3": _("PATH status"),
        "P4": _("Connection with SOAR"),
        "R1": _("Referral source"),
        "R2": _("RHY-BCP status"),
        "R4": _("Last grade completed"),
        "R5": _("School status"),
        "R6": _("Employment status"),
        "R7": _("General health status"),
        "R8": _("Dental health status"),
        "R9": _("Mental health status"),
        "R10": _("Pregnancy status"),
        "R11": _("Formerly a ward of child welfare or foster care"),
        "R12": _("Formerly a ward of the juvenile justice system"),
        "R13": _("Family critical issues"),
        "R15": _("Commercial sexual exploitation"),
        "R16": _("Labor exploitation"),
        "R17": _("Project completion status"),
        "R18": _("Counseling"),
        "R19": _("Safe and appropriate exit"),
        "R20": _("Aftercare plans"),
        "V4": _("Percent of area median income"),
        "V6": _("VA medical center station number"),
        "V7": _("Homelessness prevention targeting criteria"),
        "V9": _("HUD-VASH exit information"),
        "V10": _("Mental health consultation"),
        "W3": _("Medical assistance"),
        "W4": _("T-cell (CD4) and viral load"),
        "W5": _("Housing assessment at exit"),
        "W6": _("Prescribed anti-retroviral medications"),
    }
)

# HUD's living situation categories (living_situations.csv), as option group labels.
CATEGORIES: Mapping[str, Promise] = MappingProxyType(
    {
        "Homeless": _("Homeless situations"),
        "Institutional": _("Institutional situations"),
        "Temporary": _("Temporary housing situations"),
        "Permanent": _("Permanent housing situations"),
        "Other/Missing": _("Other situations"),
    }
)
