"""How HUD's CSV names map onto Hearth's Python names.

Names are derived mechanically (``RelationshipToHoH`` -> ``relationship_to_hoh``); the tables below
hold only what cannot be derived: which app owns each record type, and what a foreign key is
called on the Python side (``Enrollment.PersonalID`` is the field ``client``).
"""

import re

# Which domain app owns the model of each HUD CSV file (see docs/architecture.md).
FILE_APPS: dict[str, str] = {
    "Export": "interchange",
    "Organization": "agencies",
    "User": "access",
    "Project": "agencies",
    "Funder": "agencies",
    "ProjectCoC": "agencies",
    "Inventory": "agencies",
    "Affiliation": "agencies",
    "HMISParticipation": "agencies",
    "CEParticipation": "agencies",
    "Client": "clients",
    "Enrollment": "enrollments",
    "Exit": "enrollments",
    "IncomeBenefits": "enrollments",
    "HealthAndDV": "enrollments",
    "EmploymentEducation": "enrollments",
    "Disabilities": "enrollments",
    "Services": "enrollments",
    "CurrentLivingSituation": "enrollments",
    "Assessment": "coordinated_entry",
    "AssessmentQuestions": "coordinated_entry",
    "AssessmentResults": "coordinated_entry",
    "Event": "coordinated_entry",
    "YouthEducationStatus": "enrollments",
}

# Model class names: HUD's file names, except User, which would read as the sign-in account.
MODEL_NAMES: dict[str, str] = {stem: stem for stem in FILE_APPS} | {"User": "HMISUser"}

# CSV key column -> Python name of the foreign key field (its column is ``<name>_id``).
FOREIGN_KEY_FIELDS: dict[str, str] = {
    "PersonalID": "client",
    "EnrollmentID": "enrollment",
    "ProjectID": "project",
    "OrganizationID": "organization",
    "AssessmentID": "assessment",
    "UserID": "user",
    "ResProjectID": "res_project",
}

# (file, key column) -> reverse accessor on the referenced model; keys not listed get none ("+").
_PLURALS: dict[str, str] = {
    "Project": "projects",
    "Funder": "funders",
    "ProjectCoC": "project_cocs",
    "Inventory": "inventories",
    "Affiliation": "affiliations",
    "HMISParticipation": "hmis_participations",
    "CEParticipation": "ce_participations",
    "Enrollment": "enrollments",
    "Exit": "exits",
    "IncomeBenefits": "income_benefits",
    "HealthAndDV": "health_and_dv",
    "EmploymentEducation": "employment_education",
    "Disabilities": "disabilities",
    "Services": "services",
    "CurrentLivingSituation": "current_living_situations",
    "Assessment": "assessments",
    "AssessmentQuestions": "assessment_questions",
    "AssessmentResults": "assessment_results",
    "Event": "events",
    "YouthEducationStatus": "youth_education_statuses",
}
RELATED_NAMES: dict[tuple[str, str], str] = {
    (stem, key): plural
    for stem, plural in _PLURALS.items()
    for key in ("PersonalID", "EnrollmentID", "ProjectID")
} | {
    ("Project", "OrganizationID"): "projects",
    ("Affiliation", "ResProjectID"): "residential_affiliations",
    ("AssessmentQuestions", "AssessmentID"): "questions",
    ("AssessmentResults", "AssessmentID"): "results",
}

_ACRONYMS = (("CoC", "Coc"), ("HoH", "Hoh"), ("AndDVID", "AndDvID"))


def field_name(column: str) -> str:
    """The snake_case Python name of a HUD CSV column: ``DOBDataQuality`` -> ``dob_data_quality``."""
    for acronym, word in _ACRONYMS:
        column = column.replace(acronym, word)
    column = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", column)
    column = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", column)
    return column.lower()
