-- LSA Programming Specifications v8, sections 5.3 and 5.4: one tlsa_Person row per active client
-- (in the HIC scope, per client active in residence) with the demographics of LSAPerson.
-- HoHAdult: 1 served as an adult, 2 as a head of household, 3 both, 0 neither.

CREATE OR REPLACE TABLE lsa_person_enrollments AS
SELECT n.*
FROM tlsa_Enrollment n CROSS JOIN lsa_Report rpt
WHERE n.EntryDate <= rpt.ReportEnd AND (n.AIR = 1 OR (n.Active = 1 AND rpt.LSAScope <> 3));

CREATE OR REPLACE TABLE tlsa_Person AS
WITH per_person AS (
    SELECT PersonalID,
        max(CASE WHEN ActiveAge BETWEEN 18 AND 65 THEN 1 ELSE 0 END)
          + max(CASE WHEN RelationshipToHoH = 1 THEN 2 ELSE 0 END) AS HoHAdult,
        -- 1 over 0 over -2 ("doesn't know / prefers not to answer") over missing
        max(DisabilityStatus) AS Disability,
        min(DVStatus) AS DV
    FROM lsa_person_enrollments
    GROUP BY PersonalID
)
SELECT pp.PersonalID, pp.HoHAdult,
    CAST(NULL AS DATE) AS CHStart, CAST(NULL AS DATE) AS LastActive,
    CASE WHEN c.RaceNone IN (8, 9) THEN 98
         WHEN c.RaceNone = 99 THEN 99
         WHEN 1 IN (c.AmIndAKNative, c.Asian, c.BlackAfAmerican, c.NativeHIPacific, c.White,
                    c.HispanicLatinao, c.MidEastNAfrican)
         THEN CAST(concat(
                CASE WHEN c.AmIndAKNative = 1 THEN '1' ELSE '' END,
                CASE WHEN c.Asian = 1 THEN '2' ELSE '' END,
                CASE WHEN c.BlackAfAmerican = 1 THEN '3' ELSE '' END,
                CASE WHEN c.NativeHIPacific = 1 THEN '4' ELSE '' END,
                CASE WHEN c.White = 1 THEN '5' ELSE '' END,
                CASE WHEN c.HispanicLatinao = 1 THEN '6' ELSE '' END,
                CASE WHEN c.MidEastNAfrican = 1 THEN '7' ELSE '' END) AS INTEGER)
         ELSE 99 END AS RaceEthnicity,
    CASE WHEN pp.HoHAdult NOT IN (1, 3) THEN -1
         WHEN c.VeteranStatus IN (8, 9) THEN 98
         WHEN c.VeteranStatus IN (0, 1) THEN c.VeteranStatus
         ELSE 99 END AS VetStatus,
    CASE WHEN pp.HoHAdult = 0 THEN -1
         WHEN pp.Disability = -2 THEN 98
         WHEN pp.Disability IS NULL THEN 99
         ELSE pp.Disability END AS DisabilityStatus,
    CAST(NULL AS INTEGER) AS CHTime, CAST(NULL AS INTEGER) AS CHTimeStatus,
    CASE WHEN pp.HoHAdult = 0 THEN -1
         WHEN pp.DV = 10 THEN 0
         WHEN pp.DV IS NULL THEN 99
         ELSE pp.DV END AS DVStatus
FROM per_person pp
JOIN hmis_Client c ON c.PersonalID = pp.PersonalID;

-- HIV, SMI, SUD: adults active in residence (5.4); -1 for everyone else.
ALTER TABLE tlsa_Person ADD COLUMN HIV INTEGER;
ALTER TABLE tlsa_Person ADD COLUMN SMI INTEGER;
ALTER TABLE tlsa_Person ADD COLUMN SUD INTEGER;
UPDATE tlsa_Person lp SET HIV = -1, SMI = -1, SUD = -1;
UPDATE tlsa_Person lp
SET HIV = air.HIV, SMI = air.SMI, SUD = air.SUD
FROM (
    SELECT PersonalID, max(HIV) AS HIV, max(SMI) AS SMI, max(SUD) AS SUD
    FROM tlsa_Enrollment WHERE AIR = 1 AND ActiveAge BETWEEN 18 AND 65
    GROUP BY PersonalID
) air
WHERE air.PersonalID = lp.PersonalID;

UPDATE tlsa_Person SET DisabilityStatus = 1
WHERE DisabilityStatus <> 1 AND (HIV = 1 OR SMI = 1 OR SUD = 1);
