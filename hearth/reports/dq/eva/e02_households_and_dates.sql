-- Eva "dq" checks on households and dates (EvaChecks.csv IDs in brackets).

-- [1] Duplicate Entries: the same client twice in a project with the same project start.
INSERT INTO eva_finding
SELECT 1, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Another enrollment in this project starts on ' || EntryDate
FROM eva_enrollment
QUALIFY count(*) OVER (PARTITION BY PersonalID, ProjectID, EntryDate) > 1;

-- [2] No Head of Household, [3] Too Many Heads of Household (households of the checked enrollments).
INSERT INTO eva_finding
SELECT CASE WHEN heads = 0 THEN 2 ELSE 3 END, ProjectID, PersonalID, EnrollmentID, HouseholdID,
       'Household ' || HouseholdID || ' has ' || heads || ' heads of household'
FROM (
    SELECT *, count(*) FILTER (WHERE RelationshipToHoH = 1) OVER (PARTITION BY HouseholdID) AS heads
    FROM eva_enrollment
)
WHERE heads <> 1;

-- [4] Missing Relationship to Head of Household.
INSERT INTO eva_finding
SELECT 4, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'RelationshipToHoH is ' || coalesce(CAST(RelationshipToHoH AS VARCHAR), 'missing')
FROM eva_enrollment
WHERE RelationshipToHoH IS NULL OR RelationshipToHoH NOT IN (1, 2, 3, 4, 5);

-- [86] Oldest Household Member Under 12.
INSERT INTO eva_finding
SELECT 86, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Oldest member is ' || oldest
FROM (SELECT *, max(AgeAtEntry) OVER (PARTITION BY HouseholdID) AS oldest FROM eva_enrollment)
WHERE oldest < 12 AND RelationshipToHoH = 1;

-- [14] Future Exit Date, [75] Future Entry Date: after the export (or check) date.
INSERT INTO eva_finding
SELECT 14, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Exit date ' || ExitDate
FROM eva_enrollment CROSS JOIN eva_parameters r WHERE ExitDate > r.AsOf;
INSERT INTO eva_finding
SELECT 75, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Project start date ' || EntryDate
FROM eva_enrollment CROSS JOIN eva_parameters r WHERE EntryDate > r.AsOf;

-- [99] Project Exit Before Start.
INSERT INTO eva_finding
SELECT 99, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Exit ' || ExitDate || ' before start ' || EntryDate
FROM eva_enrollment WHERE ExitDate < EntryDate;

-- [84] Incorrect DOB or Entry Date: born after the project start.
INSERT INTO eva_finding
SELECT 84, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'DOB ' || DOB || ' after project start ' || EntryDate
FROM eva_enrollment WHERE DOB > EntryDate;

-- [143] Possible Incorrect DOB - Age Over 100 at project start.
INSERT INTO eva_finding
SELECT 143, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Age ' || AgeAtEntry || ' at project start'
FROM eva_enrollment WHERE AgeAtEntry > 100;

-- [40] Invalid Move-In Date: before project start or after exit (PSH, PH, RRH heads of household).
INSERT INTO eva_finding
SELECT 40, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Move-in ' || MoveInDate
FROM eva_enrollment
WHERE ProjectType IN (3, 9, 10, 13) AND RelationshipToHoH = 1
  AND (MoveInDate < EntryDate OR MoveInDate > ExitDate);

-- Operating period (2.02.3, 2.02.4): [116] starts after it ended, [118] ends before it started,
-- [117] crosses its start, [119] crosses its end, [120] crosses both.
INSERT INTO eva_finding
SELECT
    CASE
        WHEN EntryDate > OperatingEndDate THEN 116
        WHEN ExitDate < OperatingStartDate THEN 118
        WHEN EntryDate < OperatingStartDate AND OperatingEndDate IS NOT NULL
             AND (ExitDate IS NULL OR ExitDate > OperatingEndDate) THEN 120
        WHEN EntryDate < OperatingStartDate THEN 117
        ELSE 119
    END,
    ProjectID, PersonalID, EnrollmentID, HouseholdID,
    'Operating ' || OperatingStartDate || ' to ' || coalesce(CAST(OperatingEndDate AS VARCHAR), 'open')
FROM eva_enrollment
WHERE EntryDate > OperatingEndDate
   OR ExitDate < OperatingStartDate
   OR EntryDate < OperatingStartDate
   OR (OperatingEndDate IS NOT NULL AND (ExitDate IS NULL OR ExitDate > OperatingEndDate));

-- HMIS participation period (2.08, participating records): [111] starts after it, [113] ends
-- before it, [112] crosses its start, [114] crosses its end, [115] crosses both.
INSERT INTO eva_finding
SELECT
    CASE
        WHEN e.EntryDate > h.EndDate THEN 111
        WHEN e.ExitDate < h.StartDate THEN 113
        WHEN e.EntryDate < h.StartDate AND h.EndDate IS NOT NULL AND (e.ExitDate IS NULL OR e.ExitDate > h.EndDate) THEN 115
        WHEN e.EntryDate < h.StartDate THEN 112
        ELSE 114
    END,
    e.ProjectID, e.PersonalID, e.EnrollmentID, e.HouseholdID,
    'Participating ' || h.StartDate || ' to ' || coalesce(CAST(h.EndDate AS VARCHAR), 'open')
FROM eva_enrollment e
JOIN (
    SELECT ProjectID, min(HMISParticipationStatusStartDate) AS StartDate,
           CASE WHEN bool_or(HMISParticipationStatusEndDate IS NULL) THEN NULL ELSE max(HMISParticipationStatusEndDate) END AS EndDate
    FROM hmis_HMISParticipation
    WHERE DateDeleted IS NULL AND HMISParticipationType = 1
    GROUP BY ProjectID
) h USING (ProjectID)
WHERE e.EntryDate > h.EndDate
   OR e.ExitDate < h.StartDate
   OR e.EntryDate < h.StartDate
   OR (h.EndDate IS NOT NULL AND (e.ExitDate IS NULL OR e.ExitDate > h.EndDate));

-- [107] No bed night on Entry Date, [108] Bed night entered on Project Exit Date (ES night-by-night).
INSERT INTO eva_finding
SELECT 107, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'No bed night on ' || EntryDate
FROM eva_enrollment e
WHERE ProjectType = 1 AND NOT EXISTS (
    SELECT 1 FROM hmis_Services s
    WHERE s.EnrollmentID = e.EnrollmentID AND s.DateDeleted IS NULL AND s.RecordType = 200 AND s.DateProvided = e.EntryDate
);
INSERT INTO eva_finding
SELECT 108, ProjectID, PersonalID, EnrollmentID, HouseholdID, 'Bed night on exit date ' || ExitDate
FROM eva_enrollment e
WHERE ProjectType = 1 AND EXISTS (
    SELECT 1 FROM hmis_Services s
    WHERE s.EnrollmentID = e.EnrollmentID AND s.DateDeleted IS NULL AND s.RecordType = 200 AND s.DateProvided = e.ExitDate
);

-- [77] Project Overlaps: nights in two residential projects at once (PSH, PH and RRH from move-in).
INSERT INTO eva_finding
SELECT DISTINCT 77, a.ProjectID, a.PersonalID, a.EnrollmentID, a.HouseholdID, 'Overlaps enrollment ' || b.EnrollmentID
FROM eva_enrollment a
JOIN eva_enrollment b ON b.PersonalID = a.PersonalID AND b.EnrollmentID <> a.EnrollmentID AND b.ProjectID <> a.ProjectID
WHERE a.IsResidential AND b.IsResidential
  AND CASE WHEN a.ProjectType IN (3, 9, 10, 13) THEN a.MoveInDate ELSE a.EntryDate END
      < coalesce(b.ExitDate, DATE '9999-12-31')
  AND CASE WHEN b.ProjectType IN (3, 9, 10, 13) THEN b.MoveInDate ELSE b.EntryDate END
      < coalesce(a.ExitDate, DATE '9999-12-31');
