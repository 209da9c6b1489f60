-- The enrollments HUD's Eva checks (abtassociates/eva, EvaChecks.csv, sources "dq" and "pdde"):
-- every live enrollment in the checked projects that is open at some point of the check period,
-- with its project, exit and client, and what the checks ask of it. Findings go to eva_finding
-- (check ID, project, client, enrollment, household, detail).

CREATE OR REPLACE TABLE eva_finding (
    CheckID INTEGER, ProjectID VARCHAR, PersonalID VARCHAR, EnrollmentID VARCHAR, HouseholdID VARCHAR,
    Detail VARCHAR
);

CREATE OR REPLACE TABLE eva_project AS
SELECT p.*, coalesce(o.VictimServiceProvider, 0) = 1 AS IsVictimServiceProvider
FROM hmis_Project p
JOIN eva_projects sel USING (ProjectID)
LEFT JOIN hmis_Organization o ON o.OrganizationID = p.OrganizationID AND o.DateDeleted IS NULL
WHERE p.DateDeleted IS NULL;

CREATE OR REPLACE TABLE eva_enrollment AS
SELECT
    e.*,
    p.ProjectType, p.RRHSubType, p.OperatingStartDate, p.OperatingEndDate,
    x.ExitDate, x.Destination, x.DestinationSubsidyType,
    c.DOB, c.DOBDataQuality, c.NameDataQuality, c.SSNDataQuality, c.RaceNone, c.VeteranStatus,
    c.YearEnteredService, c.YearSeparated, c.MilitaryBranch, c.DischargeStatus,
    c.WorldWarII, c.KoreanWar, c.VietnamWar, c.DesertStorm, c.AfghanistanOEF, c.IraqOIF, c.IraqOND, c.OtherTheater,
    age_on(c.DOB, e.EntryDate) AS AgeAtEntry,
    e.RelationshipToHoH = 1 OR age_on(c.DOB, e.EntryDate) >= 18 AS IsAdultOrHead,
    p.ProjectType IN (0, 1, 2, 3, 8, 9, 10) OR (p.ProjectType = 13 AND coalesce(p.RRHSubType, 2) = 2) AS IsResidential,
    EXISTS (
        SELECT 1 FROM hmis_Funder f
        WHERE f.ProjectID = e.ProjectID AND f.DateDeleted IS NULL AND f.Funder IN (27, 30, 33, 37, 38, 39, 40, 41, 42, 45)
    ) AS IsVaFunded,
    EXISTS (
        SELECT 1 FROM hmis_Funder f WHERE f.ProjectID = e.ProjectID AND f.DateDeleted IS NULL AND f.Funder = 33
    ) AS IsSsvfFunded
FROM hmis_Enrollment e
JOIN eva_project p ON p.ProjectID = e.ProjectID
CROSS JOIN eva_parameters r
LEFT JOIN hmis_Exit x ON x.EnrollmentID = e.EnrollmentID AND x.DateDeleted IS NULL
LEFT JOIN hmis_Client c ON c.PersonalID = e.PersonalID AND c.DateDeleted IS NULL
WHERE e.DateDeleted IS NULL
  AND e.EntryDate <= r.PeriodEnd
  AND (x.ExitDate IS NULL OR x.ExitDate >= r.PeriodStart);

-- Homeless history applies (3.917.3-5): ES, SH, SO, a homeless situation, or an institution under
-- 90 days or another situation under 7 nights after the street, ES or SH.
CREATE OR REPLACE MACRO eva_asks_history(project_type, situation, los_under_threshold, previous_street) AS
    project_type IN (0, 1, 4, 8)
    OR situation BETWEEN 100 AND 199
    OR (los_under_threshold = 1 AND previous_street = 1);
