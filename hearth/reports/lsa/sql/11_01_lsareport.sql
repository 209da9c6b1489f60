-- LSA Programming Specifications v8, section 11: LSAReport data quality counts and the report row
-- (lsa_ReportFile). ReportDate is the time the report's data were complete (11.8).

-- 11.6: SSNValid of each person (9 not provided, 4 last four digits only, 0 missing/invalid, 1 valid)
ALTER TABLE tlsa_Person ADD COLUMN SSNValid INTEGER;
UPDATE tlsa_Person lp
SET SSNValid = CASE
    WHEN c.SSNDataQuality IN (8, 9) THEN 9
    WHEN c.SSNDataQuality = 2 AND regexp_full_match(c.SSN, '[xX]{5}[0-9]{4}') AND right(c.SSN, 4) <> '0000' THEN 4
    WHEN length(c.SSN) <> 9 OR c.SSN IS NULL
      OR left(c.SSN, 3) IN ('000', '666') OR left(c.SSN, 1) = '9'
      OR substr(c.SSN, 4, 2) = '00' OR right(c.SSN, 4) = '0000'
      OR NOT regexp_full_match(c.SSN, '[0-9]{9}')
      OR c.SSN IN ('111111111', '222222222', '333333333', '444444444', '555555555', '777777777', '888888888',
                   '123456789', '234567890', '345678901', '456789012', '567890123', '678901234', '789012345',
                   '890123456', '901234567') THEN 0
    ELSE 1 END
FROM hmis_Client c
WHERE c.PersonalID = lp.PersonalID;

CREATE OR REPLACE TABLE lsa_report_ssn AS
WITH valid AS (
    SELECT lp.PersonalID, c.SSN FROM tlsa_Person lp JOIN hmis_Client c USING (PersonalID) WHERE lp.SSNValid = 1
),
shared AS (
    SELECT v.PersonalID, v.SSN FROM valid v
    WHERE EXISTS (SELECT 1 FROM valid o WHERE o.SSN = v.SSN AND o.PersonalID <> v.PersonalID)
),
reported AS (SELECT DISTINCT PersonalID FROM lsa_reported_enrollments)
SELECT
    (SELECT count(*) FROM tlsa_Person lp JOIN reported USING (PersonalID) WHERE lp.SSNValid = 4) AS SSN4Digit,
    (SELECT count(*) FROM tlsa_Person lp JOIN reported USING (PersonalID) WHERE lp.SSNValid = 9) AS SSNNotProvided,
    (SELECT count(*) FROM tlsa_Person lp JOIN reported USING (PersonalID) WHERE lp.SSNValid = 0)
        AS SSNMissingOrInvalid,
    (SELECT count(*) FROM shared JOIN reported USING (PersonalID)) AS ClientSSNNotUnique,
    (SELECT count(DISTINCT SSN) FROM shared JOIN reported USING (PersonalID)) AS DistinctSSNValueNotUnique;

CREATE OR REPLACE TABLE lsa_ReportFile AS
WITH rpt AS (SELECT * FROM lsa_Report),
lsa_hoh AS (
    SELECT hn.*, x.ExitDate AS RecordedExit
    FROM hmis_Enrollment hn
    CROSS JOIN rpt
    JOIN lsa_Project p ON p.ProjectID = hn.ProjectID AND p.ProjectType IN (0, 1, 2, 3, 8, 13)
    JOIN hmis_Organization o ON o.OrganizationID = p.OrganizationID AND o.VictimServiceProvider = 0
        AND o.DateDeleted IS NULL
    LEFT JOIN hmis_Exit x ON x.EnrollmentID = hn.EnrollmentID AND x.DateDeleted IS NULL
    WHERE hn.DateDeleted IS NULL AND hn.EntryDate <= rpt.ReportEnd
      AND (x.ExitDate IS NULL OR x.ExitDate >= rpt.ReportStart)
),
entry_values AS (
    SELECT n.EnrollmentID, n.PersonalID, n.HouseholdID, n.ActiveAge, n.RelationshipToHoH, n.LSAProjectType,
        n.ExitDate, n.DisabilityStatus,
        (n.ActiveAge BETWEEN 18 AND 65 OR n.RelationshipToHoH = 1) AS is_adult_or_hoh,
        hn.LivingSituation, hn.LengthOfStay, hn.DateToStreetESSH, hn.EntryDate AS RecordedEntry,
        hn.TimesHomelessPastThreeYears, hn.MonthsHomelessPastThreeYears, hn.PreviousStreetESSH,
        (n.LSAProjectType IN (0, 1, 8) OR hn.LivingSituation IN (101, 116, 118) OR hn.PreviousStreetESSH = 1)
            AS is_street_es_sh,
        x.Destination, x.DestinationSubsidyType
    FROM lsa_reported_enrollments n
    JOIN hmis_Enrollment hn ON hn.EnrollmentID = n.EnrollmentID
    LEFT JOIN hmis_Exit x ON x.EnrollmentID = n.EnrollmentID AND x.DateDeleted IS NULL
)
SELECT rpt.ReportID, rpt.ReportDate, rpt.ReportStart, rpt.ReportEnd, rpt.ReportCoC,
    rpt.SoftwareVendor, rpt.SoftwareName, rpt.VendorContact, rpt.VendorEmail, rpt.LSAScope, rpt.LookbackDate,
    -- 11.1
    (SELECT CAST(count(DISTINCT h.HouseholdID) AS INTEGER) FROM lsa_hoh h
     WHERE h.RelationshipToHoH = 1
       AND (h.EnrollmentCoC IS NULL OR h.EnrollmentCoC NOT IN (
            SELECT pc.CoCCode FROM hmis_ProjectCoC pc WHERE pc.ProjectID = h.ProjectID AND pc.DateDeleted IS NULL)))
        AS NoCoC,
    -- 11.2
    (SELECT CAST(count(DISTINCT h.HouseholdID) AS INTEGER) FROM lsa_hoh h
     WHERE h.HouseholdID IN (SELECT hn.HouseholdID FROM hmis_Enrollment hn WHERE hn.DateDeleted IS NULL
                             AND hn.EnrollmentCoC = rpt.ReportCoC)
       AND (SELECT count(*) FROM hmis_Enrollment hoh WHERE hoh.HouseholdID = h.HouseholdID
            AND hoh.RelationshipToHoH = 1 AND hoh.DateDeleted IS NULL) <> 1) AS NotOneHoH,
    -- 11.3
    (SELECT CAST(count(DISTINCT hn.EnrollmentID) AS INTEGER)
     FROM hmis_Enrollment hn
     LEFT JOIN hmis_Exit x ON x.EnrollmentID = hn.EnrollmentID AND x.DateDeleted IS NULL
     WHERE (hn.RelationshipToHoH IS NULL OR hn.RelationshipToHoH NOT IN (1, 2, 3, 4, 5))
       AND hn.DateDeleted IS NULL AND hn.EntryDate <= rpt.ReportEnd
       AND (x.ExitDate IS NULL OR x.ExitDate >= rpt.ReportStart)
       AND hn.HouseholdID IN (SELECT HouseholdID FROM tlsa_HHID WHERE Active = 1)) AS RelationshipToHoH,
    -- 11.4
    (SELECT CAST(count(DISTINCT h.EnrollmentID) AS INTEGER)
     FROM tlsa_HHID h JOIN hmis_Enrollment hn ON hn.EnrollmentID = h.EnrollmentID
     WHERE h.LSAProjectType IN (3, 13, 15) AND h.Active = 1 AND h.MoveInDate IS NULL
       AND hn.MoveInDate <= rpt.ReportEnd) AS MoveInDate,
    -- 11.5
    (SELECT CAST(count(DISTINCT PersonalID) AS INTEGER) FROM entry_values) AS UnduplicatedClient,
    (SELECT CAST(count(DISTINCT HouseholdID) AS INTEGER) FROM tlsa_HHID
     WHERE AIR = 1 OR (Active = 1 AND rpt.LSAScope <> 3)) AS HouseholdEntry,
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values) AS ClientEntry,
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values WHERE is_adult_or_hoh) AS AdultHoHEntry,
    -- counted per enrollment, as HDX reads it (the ClientEntry enrollments that ended)
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values WHERE ExitDate IS NOT NULL) AS ClientExit,
    -- 11.6
    CAST(ssn.SSNNotProvided AS INTEGER) AS SSNNotProvided,
    CAST(ssn.SSNMissingOrInvalid AS INTEGER) AS SSNMissingOrInvalid,
    CAST(ssn.ClientSSNNotUnique AS INTEGER) AS ClientSSNNotUnique,
    CAST(ssn.DistinctSSNValueNotUnique AS INTEGER) AS DistinctSSNValueNotUnique,
    -- 11.7
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values
     WHERE DisabilityStatus IS NULL OR DisabilityStatus NOT IN (0, 1)) AS DisablingCond,
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values
     WHERE is_adult_or_hoh AND (LivingSituation IN (8, 9, 99) OR LivingSituation IS NULL)) AS LivingSituation,
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values
     WHERE is_adult_or_hoh AND (LengthOfStay IN (8, 9, 99) OR LengthOfStay IS NULL)) AS LengthOfStay,
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values
     WHERE is_adult_or_hoh
       AND (DateToStreetESSH > RecordedEntry OR (DateToStreetESSH IS NULL AND is_street_es_sh))) AS HomelessDate,
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values
     WHERE is_adult_or_hoh AND is_street_es_sh
       AND (TimesHomelessPastThreeYears IS NULL OR TimesHomelessPastThreeYears NOT IN (1, 2, 3, 4)))
        AS TimesHomeless,
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values
     WHERE is_adult_or_hoh AND is_street_es_sh
       AND (MonthsHomelessPastThreeYears IS NULL OR MonthsHomelessPastThreeYears NOT BETWEEN 101 AND 113))
        AS MonthsHomeless,
    (SELECT CAST(count(DISTINCT EnrollmentID) AS INTEGER) FROM entry_values
     WHERE ExitDate IS NOT NULL
       AND (Destination IS NULL OR Destination IN (8, 9, 17, 30, 99)
            OR (Destination = 435 AND DestinationSubsidyType IS NULL))) AS Destination,
    CAST(ssn.SSN4Digit AS INTEGER) AS SSN4Digit
FROM rpt CROSS JOIN lsa_report_ssn ssn;
