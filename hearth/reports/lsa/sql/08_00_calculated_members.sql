-- Drill-down for LSACalculated: the ids (HoHIDs, PersonalIDs, HouseholdIDs or EnrollmentIDs) behind
-- each value, keyed as the value is (sections 8, 9 and 10 add their members here).

CREATE OR REPLACE TABLE lsa_calculated_members (
    Cohort INTEGER, Universe INTEGER, HHType INTEGER, Population INTEGER, SystemPath INTEGER,
    ProjectID VARCHAR, ReportRow INTEGER, MemberID VARCHAR
);
