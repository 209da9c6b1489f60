-- Enrollments of the report's projects, and the active ones.
--
-- HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, "Report universe", and the HMIS
-- Reporting Glossary ("Active Clients", "Leavers", "Stayers", "Bed nights"):
--   * records with a DateDeleted are not reported;
--   * an enrollment is active when it starts on or before the report end and has no exit before
--     the report start; in an emergency shelter using the night-by-night method (project type 1)
--     it must also have a bed night (Services RecordType 200) in the report date range, on or
--     after project start and before project exit;
--   * an exit after the report end is not an exit for the report: the client is a stayer.

-- Each enrollment's exit (in the report's projects): the live Exit record (the latest, should an
-- export hold two).
CREATE OR REPLACE TABLE rpt_exit AS
SELECT x.*
FROM hmis_Exit x
JOIN hmis_Enrollment e ON e.EnrollmentID = x.EnrollmentID AND e.DateDeleted IS NULL
JOIN rpt_projects rp ON rp.ProjectID = e.ProjectID
WHERE x.DateDeleted IS NULL
QUALIFY row_number() OVER (
    PARTITION BY x.EnrollmentID ORDER BY x.ExitDate DESC, x.DateUpdated DESC, x.ExitID DESC
) = 1;

CREATE OR REPLACE TABLE rpt_enrollment AS
SELECT
    e.*,
    p.ProjectType,
    p.ProjectName,
    p.OrganizationID,
    p.RRHSubType,
    x.ExitID,
    x.ExitDate AS RecordedExitDate,
    x.Destination,
    x.DestinationSubsidyType,
    x.HousingAssessment,
    x.SubsidyInformation,
    x.DateCreated AS ExitDateCreated
FROM hmis_Enrollment e
JOIN rpt_projects rp ON rp.ProjectID = e.ProjectID
JOIN hmis_Project p ON p.ProjectID = e.ProjectID AND p.DateDeleted IS NULL
LEFT JOIN rpt_exit x ON x.EnrollmentID = e.EnrollmentID
WHERE e.DateDeleted IS NULL;

-- Bed nights (4.14) of night-by-night shelter enrollments within the report date range.
CREATE OR REPLACE TABLE rpt_bed_night AS
SELECT s.EnrollmentID, s.PersonalID, s.DateProvided
FROM hmis_Services s
JOIN rpt_enrollment e ON e.EnrollmentID = s.EnrollmentID
CROSS JOIN rpt_parameters r
WHERE s.DateDeleted IS NULL
  AND s.RecordType = 200
  AND e.ProjectType = 1
  AND s.DateProvided BETWEEN r.ReportStart AND r.ReportEnd
  AND s.DateProvided >= e.EntryDate
  AND (e.RecordedExitDate IS NULL OR s.DateProvided < e.RecordedExitDate)
GROUP BY ALL;

CREATE OR REPLACE TABLE rpt_active AS
SELECT
    e.*,
    CASE WHEN e.RecordedExitDate <= r.ReportEnd THEN e.RecordedExitDate END AS ExitDate
FROM rpt_enrollment e
CROSS JOIN rpt_parameters r
WHERE e.EntryDate <= r.ReportEnd
  AND (e.RecordedExitDate IS NULL OR e.RecordedExitDate >= r.ReportStart)
  AND (e.ProjectType <> 1 OR e.EnrollmentID IN (SELECT EnrollmentID FROM rpt_bed_night));

-- Coordinated Entry APR (CE APR FY2026 programming specifications, "Report universe"): the
-- households assessed (Coordinated Entry Assessment, 4.19) in the report date range in the
-- report's projects, each with its latest assessment. The CE APR reports on the household members
-- enrolled on that assessment's date.
CREATE OR REPLACE TABLE rpt_ce_assessment AS
SELECT a.*, e.HouseholdID, e.ProjectID
FROM hmis_Assessment a
JOIN rpt_enrollment e ON e.EnrollmentID = a.EnrollmentID
CROSS JOIN rpt_parameters r
WHERE a.DateDeleted IS NULL AND a.AssessmentDate BETWEEN r.ReportStart AND r.ReportEnd;

CREATE OR REPLACE TABLE rpt_ce_household AS
SELECT HouseholdID, AssessmentID, AssessmentDate, AssessmentType, AssessmentLevel, PrioritizationStatus
FROM rpt_ce_assessment
QUALIFY row_number() OVER (PARTITION BY HouseholdID ORDER BY AssessmentDate DESC, AssessmentID DESC) = 1;
