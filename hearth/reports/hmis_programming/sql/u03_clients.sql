-- The report universe: one row per active client, from the client's most recent active enrollment.
--
-- HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, "Report universe" and glossary
-- (the CE APR takes the members of assessed households instead, u02):
--   * a client with several active enrollments in the report's projects is reported once, from
--     the enrollment with the latest project start (ties: the one still open, then the latest
--     exit, then the latest created);
--   * age is the age on the later of the report start and the project start; a client with no
--     date of birth is "Client Doesn't Know/Prefers Not to Answer" when DOBDataQuality is 8 or 9,
--     otherwise "Data Not Collected";
--   * household type comes from the ages of the household's active members (same HouseholdID):
--     with children and adults (at least one adult and one child), without children (adults
--     only), with only children, else unknown (any member of unknown age);
--   * Housing Move-In Date (PSH and RRH, 3.20) is the head of household's, when it falls on or
--     before the report end and the head's exit; a member who joined after the move-in (or a
--     head whose recorded move-in precedes the project start) is housed from their own project
--     start.

CREATE OR REPLACE TABLE apr_enrollment AS
SELECT *
FROM (
    SELECT a.* FROM rpt_active a CROSS JOIN rpt_parameters r WHERE r.Universe = 'active'
    UNION ALL
    -- CE APR: the members of an assessed household enrolled on the date of its latest assessment.
    SELECT e.*, CASE WHEN e.RecordedExitDate <= r.ReportEnd THEN e.RecordedExitDate END AS ExitDate
    FROM rpt_enrollment e
    JOIN rpt_ce_household h ON h.HouseholdID = e.HouseholdID
    CROSS JOIN rpt_parameters r
    WHERE r.Universe = 'assessed'
      AND e.EntryDate <= h.AssessmentDate
      AND (e.RecordedExitDate IS NULL OR e.RecordedExitDate >= h.AssessmentDate)
)
QUALIFY row_number() OVER (
    PARTITION BY PersonalID
    ORDER BY EntryDate DESC, ExitDate DESC NULLS FIRST, DateCreated DESC, EnrollmentID DESC
) = 1;

-- The head of household's valid Housing Move-In Date, per household (PSH and RRH only).
CREATE OR REPLACE TABLE apr_household_move_in AS
SELECT e.HouseholdID, min(e.MoveInDate) AS HoHMoveInDate
FROM rpt_enrollment e
CROSS JOIN rpt_parameters r
WHERE e.RelationshipToHoH = 1
  AND e.ProjectType IN (3, 13)
  AND e.MoveInDate IS NOT NULL
  AND e.MoveInDate <= r.ReportEnd
  AND (e.RecordedExitDate IS NULL OR e.MoveInDate <= e.RecordedExitDate)
GROUP BY e.HouseholdID;

CREATE OR REPLACE TABLE apr_client_base AS
SELECT
    e.*,
    c.FirstName, c.LastName, c.NameDataQuality, c.SSN, c.SSNDataQuality,
    c.DOB, c.DOBDataQuality, c.Sex, c.VeteranStatus,
    c.AmIndAKNative, c.Asian, c.BlackAfAmerican, c.HispanicLatinao, c.MidEastNAfrican,
    c.NativeHIPacific, c.White, c.RaceNone,
    c.DateCreated AS ClientDateCreated,
    greatest(e.EntryDate, r.ReportStart) AS AgeDate,
    CASE WHEN age_on(c.DOB, greatest(e.EntryDate, r.ReportStart)) >= 0
         THEN age_on(c.DOB, greatest(e.EntryDate, r.ReportStart)) END AS Age,
    e.ExitDate IS NOT NULL AS IsLeaver,
    e.RelationshipToHoH = 1 AS IsHeadOfHousehold
FROM apr_enrollment e
CROSS JOIN rpt_parameters r
LEFT JOIN hmis_Client c ON c.PersonalID = e.PersonalID AND c.DateDeleted IS NULL;

CREATE OR REPLACE TABLE apr_household AS
SELECT
    HouseholdID,
    CASE
        WHEN bool_or(Age >= 18) AND bool_or(Age < 18) THEN 'AC'
        WHEN bool_or(Age IS NULL) THEN 'UK'
        WHEN bool_or(Age >= 18) THEN 'AO'
        ELSE 'CO'
    END AS HouseholdType,
    max(Age) AS OldestAge,
    bool_or(Age IS NULL) AS HasUnknownAge
FROM apr_client_base
GROUP BY HouseholdID;

CREATE OR REPLACE TABLE apr_client_core AS
SELECT
    b.*,
    CASE
        WHEN b.Age >= 18 THEN 'adult'
        WHEN b.Age < 18 THEN 'child'
        WHEN b.DOBDataQuality IN (8, 9) THEN 'dkpnta'
        ELSE 'dnc'
    END AS AgeGroup,
    h.HouseholdType,
    m.HoHMoveInDate,
    CASE
        WHEN m.HoHMoveInDate IS NULL THEN NULL
        WHEN b.ExitDate IS NOT NULL AND m.HoHMoveInDate > b.ExitDate THEN NULL
        WHEN m.HoHMoveInDate >= b.EntryDate THEN m.HoHMoveInDate
        ELSE b.EntryDate
    END AS MoveInDateAdj
FROM apr_client_base b
JOIN apr_household h USING (HouseholdID)
LEFT JOIN apr_household_move_in m USING (HouseholdID);
