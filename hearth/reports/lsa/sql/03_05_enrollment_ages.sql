-- LSA Programming Specifications v8, section 3.5: enrollment ages (tlsa_Enrollment EntryAge,
-- ActiveAge, Exit1Age, Exit2Age). An unusable date of birth makes every enrollment of the person
-- 99; ActiveAge and the exit ages differ from EntryAge only for enrollments that started before
-- the period they are counted in.

ALTER TABLE tlsa_Enrollment ADD COLUMN EntryAge INTEGER;
ALTER TABLE tlsa_Enrollment ADD COLUMN ActiveAge INTEGER;
ALTER TABLE tlsa_Enrollment ADD COLUMN Exit1Age INTEGER;
ALTER TABLE tlsa_Enrollment ADD COLUMN Exit2Age INTEGER;

UPDATE tlsa_Enrollment n
SET EntryAge = CASE WHEN c.DOBDataQuality IN (8, 9) THEN 98
        WHEN c.DOB IS NULL
          OR c.DOB = DATE '1900-01-01'
          OR c.DOB > n.EntryDate
          OR (n.RelationshipToHoH = 1 AND c.DOB = n.EntryDate)
          OR add_years(c.DOB, 105) <= n.EntryDate
          OR c.DOBDataQuality IS NULL
          OR c.DOBDataQuality NOT IN (1, 2) THEN 99
        ELSE age_group(c.DOB, n.EntryDate) END
FROM hmis_Client c
WHERE c.PersonalID = n.PersonalID;

UPDATE tlsa_Enrollment SET EntryAge = 99
WHERE PersonalID IN (SELECT PersonalID FROM tlsa_Enrollment WHERE EntryAge = 99);

UPDATE tlsa_Enrollment n
SET ActiveAge = CASE WHEN n.ExitDate < rpt.ReportStart OR n.EntryDate >= rpt.ReportStart
          OR n.EntryAge IN (98, 99) THEN n.EntryAge
        ELSE age_group(c.DOB, rpt.ReportStart) END
FROM hmis_Client c, lsa_Report rpt
WHERE c.PersonalID = n.PersonalID;

UPDATE tlsa_Enrollment n
SET Exit1Age = CASE WHEN n.EntryDate >= cd.CohortStart
          OR n.ExitDate IS NULL OR n.ExitDate NOT BETWEEN cd.CohortStart AND cd.CohortEnd
          OR n.EntryAge IN (98, 99) THEN n.EntryAge
        ELSE age_group(c.DOB, cd.CohortStart) END
FROM hmis_Client c, tlsa_CohortDates cd
WHERE c.PersonalID = n.PersonalID AND cd.Cohort = -1;

UPDATE tlsa_Enrollment n
SET Exit2Age = CASE WHEN n.EntryDate >= cd.CohortStart
          OR n.ExitDate IS NULL OR n.ExitDate NOT BETWEEN cd.CohortStart AND cd.CohortEnd
          OR n.EntryAge IN (98, 99) THEN n.EntryAge
        ELSE age_group(c.DOB, cd.CohortStart) END
FROM hmis_Client c, tlsa_CohortDates cd
WHERE c.PersonalID = n.PersonalID AND cd.Cohort = -2;

-- In the HIC scope there are no exit cohorts: exit ages equal entry ages.
UPDATE tlsa_Enrollment SET Exit1Age = EntryAge WHERE Exit1Age IS NULL;
UPDATE tlsa_Enrollment SET Exit2Age = EntryAge WHERE Exit2Age IS NULL;

-- HIV, SMI and SUD of adults (section 5.4), kept per enrollment: any record on or before ReportEnd.
ALTER TABLE tlsa_Enrollment ADD COLUMN HIV INTEGER DEFAULT 0;
ALTER TABLE tlsa_Enrollment ADD COLUMN SMI INTEGER DEFAULT 0;
ALTER TABLE tlsa_Enrollment ADD COLUMN SUD INTEGER DEFAULT 0;
CREATE OR REPLACE TABLE lsa_enrollment_disabilities AS
SELECT d.EnrollmentID,
    max(CASE WHEN d.DisabilityType = 8 AND d.DisabilityResponse = 1 THEN 1 ELSE 0 END) AS HIV,
    max(CASE WHEN d.DisabilityType = 9 AND d.DisabilityResponse = 1 AND d.IndefiniteAndImpairs = 1
             THEN 1 ELSE 0 END) AS SMI,
    max(CASE WHEN d.DisabilityType = 10 AND d.DisabilityResponse IN (1, 2, 3) AND d.IndefiniteAndImpairs = 1
             THEN 1 ELSE 0 END) AS SUD
FROM hmis_Disabilities d CROSS JOIN lsa_Report rpt
WHERE d.DateDeleted IS NULL AND d.InformationDate <= rpt.ReportEnd AND d.DisabilityType IN (8, 9, 10)
  AND d.EnrollmentID IN (SELECT EnrollmentID FROM tlsa_Enrollment WHERE ActiveAge BETWEEN 18 AND 65)
GROUP BY d.EnrollmentID;

UPDATE tlsa_Enrollment n
SET HIV = d.HIV, SMI = d.SMI, SUD = d.SUD
FROM lsa_enrollment_disabilities d
WHERE d.EnrollmentID = n.EnrollmentID;
