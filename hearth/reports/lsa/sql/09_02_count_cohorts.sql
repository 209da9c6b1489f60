-- LSA Programming Specifications v8, section 9.2: enrollments active in residence on the four
-- point-in-time dates (tlsa_Enrollment PITOctober, PITJanuary, PITApril, PITJuly), and the
-- populations counted in sections 9.3 to 9.5 (tlsa_CountPops).

ALTER TABLE tlsa_Enrollment ADD COLUMN PITOctober INTEGER DEFAULT 0;
ALTER TABLE tlsa_Enrollment ADD COLUMN PITJanuary INTEGER DEFAULT 0;
ALTER TABLE tlsa_Enrollment ADD COLUMN PITApril INTEGER DEFAULT 0;
ALTER TABLE tlsa_Enrollment ADD COLUMN PITJuly INTEGER DEFAULT 0;

CREATE OR REPLACE TABLE lsa_count_cohort_enrollments AS
SELECT 1 AS Cohort, n.EnrollmentID
FROM tlsa_Enrollment n WHERE n.AIR = 1
UNION ALL
SELECT cd.Cohort, n.EnrollmentID
FROM tlsa_Enrollment n
JOIN tlsa_CohortDates cd ON cd.Cohort BETWEEN 10 AND 13
WHERE n.AIR = 1
  AND (n.LSAProjectType NOT IN (3, 13) OR n.MoveInDate <= cd.CohortEnd)
  AND (n.LSAProjectType NOT IN (0, 1, 2, 8) OR n.EntryDate <= cd.CohortEnd)
  AND (n.LSAProjectType <> 1 OR EXISTS (
        SELECT 1 FROM hmis_Services s
        WHERE s.EnrollmentID = n.EnrollmentID AND s.RecordType = 200 AND s.DateDeleted IS NULL
          AND s.DateProvided = cd.CohortStart))
  AND (n.ExitDate IS NULL OR n.ExitDate > cd.CohortStart);

UPDATE tlsa_Enrollment n
SET PITOctober = CASE WHEN EXISTS (SELECT 1 FROM lsa_count_cohort_enrollments c
                                   WHERE c.EnrollmentID = n.EnrollmentID AND c.Cohort = 10) THEN 1 ELSE 0 END,
    PITJanuary = CASE WHEN EXISTS (SELECT 1 FROM lsa_count_cohort_enrollments c
                                   WHERE c.EnrollmentID = n.EnrollmentID AND c.Cohort = 11) THEN 1 ELSE 0 END,
    PITApril = CASE WHEN EXISTS (SELECT 1 FROM lsa_count_cohort_enrollments c
                                 WHERE c.EnrollmentID = n.EnrollmentID AND c.Cohort = 12) THEN 1 ELSE 0 END,
    PITJuly = CASE WHEN EXISTS (SELECT 1 FROM lsa_count_cohort_enrollments c
                                WHERE c.EnrollmentID = n.EnrollmentID AND c.Cohort = 13) THEN 1 ELSE 0 END;

-- each counted enrollment with its household, project group (Universe 11-16) and the values that
-- place it in populations
CREATE OR REPLACE TABLE lsa_count_enrollments AS
SELECT c.Cohort, n.EnrollmentID, n.PersonalID, n.HouseholdID, n.LSAProjectType, n.EntryDate, n.MoveInDate,
    n.ExitDate, n.ActiveAge, n.RelationshipToHoH, h.HoHID, h.ProjectID, h.ActiveHHType AS HHType,
    h.HHAdultAge, h.HHParent, h.HHVet, h.HHChronic, h.HHDisability, h.HHFleeingDV
FROM lsa_count_cohort_enrollments c
JOIN tlsa_Enrollment n ON n.EnrollmentID = c.EnrollmentID
JOIN tlsa_HHID h ON h.HouseholdID = n.HouseholdID;

CREATE OR REPLACE TABLE lsa_count_universes AS
SELECT e.Cohort, e.EnrollmentID, u.Universe, CASE WHEN u.Universe = 10 THEN e.ProjectID END AS ProjectID
FROM lsa_count_enrollments e,
LATERAL (VALUES (10, TRUE), (11, e.LSAProjectType IN (0, 1)), (12, e.LSAProjectType = 8),
                (13, e.LSAProjectType = 2), (14, e.LSAProjectType = 13), (15, e.LSAProjectType = 3),
                (16, e.LSAProjectType IN (0, 1, 2, 8))) u(Universe, applies)
WHERE u.applies;

-- household populations (from tlsa_HHID) and personal populations (from tlsa_Person)
CREATE OR REPLACE TABLE tlsa_CountPops AS
WITH households AS (SELECT DISTINCT HouseholdID, HHType, HHAdultAge, HHParent, HHVet, HHChronic, HHDisability,
                        HHFleeingDV FROM lsa_count_enrollments),
people AS (
    SELECT lp.*, CAST(lp.RaceEthnicity AS VARCHAR) AS race,
        (lp.DisabilityStatus = 1 AND ((lp.CHTime = 365 AND lp.CHTimeStatus IN (1, 2))
                                       OR (lp.CHTime = 400 AND lp.CHTimeStatus = 2))) AS is_chronic,
        (SELECT max(e.ActiveAge) FROM tlsa_Enrollment e WHERE e.PersonalID = lp.PersonalID AND e.AIR = 1) AS MaxAge
    FROM tlsa_Person lp
    WHERE lp.PersonalID IN (SELECT PersonalID FROM lsa_count_enrollments)
)
SELECT 10 AS PopID, NULL AS PersonalID, HouseholdID FROM households WHERE HHAdultAge = 18 AND HHType = 1
UNION ALL SELECT 11, NULL, HouseholdID FROM households WHERE HHAdultAge = 24 AND HHType = 1
UNION ALL SELECT 12, NULL, HouseholdID FROM households WHERE HHType = 2 AND HHParent = 1 AND HHAdultAge IN (18, 24)
UNION ALL SELECT 13, NULL, HouseholdID FROM households WHERE HHVet = 1
UNION ALL SELECT 14, NULL, HouseholdID FROM households WHERE HHVet = 0 AND HHAdultAge IN (25, 55) AND HHType = 1
UNION ALL SELECT 15, NULL, HouseholdID FROM households WHERE HHChronic = 1
UNION ALL SELECT 18, NULL, HouseholdID FROM households WHERE HHDisability = 1
UNION ALL SELECT 19, NULL, HouseholdID FROM households WHERE HHFleeingDV = 1
UNION ALL SELECT 45, NULL, HouseholdID FROM households WHERE HHAdultAge = 55 AND HHType = 1
UNION ALL SELECT 46, NULL, HouseholdID FROM households WHERE HHParent = 1 AND HHType = 3
UNION ALL SELECT 48, NULL, HouseholdID FROM households WHERE HHFleeingDV = 2
UNION ALL SELECT 50, PersonalID, NULL FROM people WHERE VetStatus = 1
-- parenting youth and parenting children: the heads of those households
UNION ALL SELECT DISTINCT 51, PersonalID, HouseholdID FROM lsa_count_enrollments
    WHERE HHType = 2 AND HHParent = 1 AND HHAdultAge IN (18, 24) AND RelationshipToHoH = 1
UNION ALL SELECT DISTINCT 52, PersonalID, HouseholdID FROM lsa_count_enrollments
    WHERE HHType = 3 AND HHParent = 1 AND RelationshipToHoH = 1
UNION ALL SELECT 53, PersonalID, NULL FROM people WHERE is_chronic
UNION ALL SELECT 54, PersonalID, NULL FROM people WHERE DisabilityStatus = 1
UNION ALL SELECT 55, PersonalID, NULL FROM people WHERE DVStatus = 1
UNION ALL
SELECT CASE RaceEthnicity WHEN 1 THEN 56 WHEN 16 THEN 57 WHEN 2 THEN 58 WHEN 26 THEN 59 WHEN 3 THEN 60
            WHEN 36 THEN 61 WHEN 6 THEN 62 WHEN 7 THEN 63 WHEN 67 THEN 64 WHEN 4 THEN 65 WHEN 46 THEN 66
            WHEN 5 THEN 67 WHEN 56 THEN 68 END, PersonalID, NULL
FROM people WHERE RaceEthnicity IN (1, 16, 2, 26, 3, 36, 6, 7, 67, 4, 46, 5, 56)
UNION ALL SELECT 69, PersonalID, NULL FROM people
    WHERE RaceEthnicity >= 12 AND RaceEthnicity NOT IN (98, 99) AND NOT contains(race, '6')
UNION ALL SELECT 70, PersonalID, NULL FROM people
    WHERE RaceEthnicity >= 126 AND RaceEthnicity NOT IN (98, 99) AND contains(race, '6')
UNION ALL
SELECT 70 + d.digit_pop, p.PersonalID, NULL
FROM people p, (VALUES (1, '1'), (2, '2'), (3, '3'), (4, '6'), (5, '7'), (6, '4'), (7, '5')) d(digit_pop, digit)
WHERE p.RaceEthnicity NOT IN (98, 99) AND contains(p.race, d.digit)
UNION ALL
SELECT CASE MaxAge WHEN 0 THEN 86 WHEN 2 THEN 87 WHEN 5 THEN 88 WHEN 17 THEN 89 WHEN 21 THEN 90 WHEN 24 THEN 91
            WHEN 34 THEN 92 WHEN 44 THEN 93 WHEN 54 THEN 94 WHEN 64 THEN 95 WHEN 65 THEN 96 END, PersonalID, NULL
FROM people WHERE MaxAge IN (0, 2, 5, 17, 21, 24, 34, 44, 54, 64, 65)
UNION ALL SELECT 97, PersonalID, NULL FROM people WHERE DVStatus IN (2, 3)
UNION ALL SELECT DISTINCT 1190, PersonalID, HouseholdID FROM lsa_count_enrollments
    WHERE ActiveAge = 21 AND HHAdultAge IN (18, 24) AND HHType = 1
UNION ALL SELECT DISTINCT 1191, PersonalID, HouseholdID FROM lsa_count_enrollments
    WHERE ActiveAge = 24 AND HHAdultAge IN (18, 24) AND HHType = 1
UNION ALL SELECT DISTINCT 1290, PersonalID, HouseholdID FROM lsa_count_enrollments
    WHERE ActiveAge = 21 AND HHParent = 1 AND HHAdultAge IN (18, 24) AND HHType = 2
UNION ALL SELECT DISTINCT 1291, PersonalID, HouseholdID FROM lsa_count_enrollments
    WHERE ActiveAge = 24 AND HHParent = 1 AND HHAdultAge IN (18, 24) AND HHType = 2;

-- subpopulations of veterans (50), parenting youth (51) and parenting children (52)
INSERT INTO tlsa_CountPops
SELECT DISTINCT parent.PopID * 100 + sub.PopID, sub.PersonalID, parent.HouseholdID
FROM tlsa_CountPops parent
JOIN tlsa_CountPops sub ON sub.PersonalID = parent.PersonalID
WHERE parent.PopID IN (50, 51, 52) AND (sub.PopID BETWEEN 53 AND 77 OR sub.PopID = 97);

-- household types reported for each population (0 = all types together)
CREATE OR REPLACE TABLE lsa_count_population_hhtypes AS
SELECT p.PopID, t.HHType
FROM (SELECT DISTINCT PopID FROM tlsa_CountPops UNION SELECT 0) p, (VALUES (0), (1), (2), (3), (99)) t(HHType)
WHERE CASE WHEN p.PopID IN (10, 11, 14, 45, 1190, 1191) THEN t.HHType = 1
           WHEN p.PopID IN (12, 51, 1290, 1291) OR p.PopID // 100 = 51 THEN t.HHType = 2
           WHEN p.PopID IN (46, 52) OR p.PopID // 100 = 52 THEN t.HHType = 3
           WHEN p.PopID IN (13, 50) OR p.PopID // 100 = 50 THEN t.HHType IN (0, 1, 2, 99)
           WHEN p.PopID BETWEEN 86 AND 89 THEN t.HHType IN (0, 2, 3, 99)
           WHEN p.PopID BETWEEN 90 AND 96 THEN t.HHType IN (0, 1, 2, 99)
           ELSE TRUE END;
