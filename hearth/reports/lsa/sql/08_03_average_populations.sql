-- LSA Programming Specifications v8, section 8.3: populations for the averages of LSAHousehold
-- (cohort 1) and LSAExit (cohorts 0, -1, -2) households (tlsa_AveragePops), and subpopulations of
-- populations 10-15 (parent * 100 + subpopulation, e.g. 1519). Section 8 applies only outside the
-- HIC scope; there tlsa_Household and tlsa_Exit are empty.

CREATE OR REPLACE TABLE lsa_average_households AS
SELECT 1 AS Cohort, HoHID, HHType, HHAdultAge, HHParent, HHVet, HHChronic, HHDisability, HHFleeingDV, Stat,
    PSHMoveIn, HoHRaceEthnicity, HHChild = 3 AS has_3_children, TRUE AS is_household
FROM lsa_household_values
UNION ALL
SELECT Cohort, HoHID, HHType, HHAdultAge, HHParent, HHVet, HHChronic, HHDisability, HHFleeingDV, Stat,
    NULL, HoHRaceEthnicity, AC3Plus = 1, FALSE
FROM tlsa_Exit;

CREATE OR REPLACE TABLE lsa_base_populations AS
WITH h AS (SELECT *, CAST(HoHRaceEthnicity AS VARCHAR) AS race FROM lsa_average_households)
SELECT 10 AS PopID, Cohort, HoHID, HHType FROM h WHERE HHAdultAge = 18 AND HHType = 1
UNION ALL SELECT 11, Cohort, HoHID, HHType FROM h WHERE HHAdultAge = 24 AND HHType = 1
UNION ALL SELECT 12, Cohort, HoHID, HHType FROM h WHERE HHType = 2 AND HHParent = 1 AND HHAdultAge IN (18, 24)
UNION ALL SELECT 13, Cohort, HoHID, HHType FROM h WHERE HHVet = 1
UNION ALL SELECT 14, Cohort, HoHID, HHType FROM h WHERE HHVet = 0 AND HHAdultAge IN (25, 55) AND HHType = 1
UNION ALL SELECT 15, Cohort, HoHID, HHType FROM h WHERE HHChronic = 1
UNION ALL SELECT 16, Cohort, HoHID, HHType FROM h WHERE HHChronic IN (1, 2)
UNION ALL SELECT 17, Cohort, HoHID, HHType FROM h WHERE HHChronic IN (0, 3)
UNION ALL SELECT 18, Cohort, HoHID, HHType FROM h WHERE HHDisability = 1
UNION ALL SELECT 19, Cohort, HoHID, HHType FROM h WHERE HHFleeingDV = 1
UNION ALL SELECT 20, Cohort, HoHID, HHType FROM h WHERE Stat = 1
UNION ALL SELECT 21, Cohort, HoHID, HHType FROM h WHERE Stat = 2
UNION ALL SELECT 22, Cohort, HoHID, HHType FROM h WHERE is_household AND PSHMoveIn = 1
UNION ALL
SELECT CASE HoHRaceEthnicity WHEN 1 THEN 23 WHEN 16 THEN 24 WHEN 2 THEN 25 WHEN 26 THEN 26 WHEN 3 THEN 27
            WHEN 36 THEN 28 WHEN 6 THEN 29 WHEN 7 THEN 30 WHEN 67 THEN 31 WHEN 4 THEN 32 WHEN 46 THEN 33
            WHEN 5 THEN 34 WHEN 56 THEN 35 END, Cohort, HoHID, HHType
FROM h WHERE HoHRaceEthnicity IN (1, 16, 2, 26, 3, 36, 6, 7, 67, 4, 46, 5, 56)
UNION ALL SELECT 36, Cohort, HoHID, HHType FROM h
    WHERE HoHRaceEthnicity >= 12 AND HoHRaceEthnicity NOT IN (98, 99) AND NOT contains(race, '6')
UNION ALL SELECT 37, Cohort, HoHID, HHType FROM h WHERE HoHRaceEthnicity >= 126 AND contains(race, '6')
    AND HoHRaceEthnicity NOT IN (98, 99)
UNION ALL
SELECT 37 + d.digit_pop, h.Cohort, h.HoHID, h.HHType
FROM h, (VALUES (1, '1'), (2, '2'), (3, '3'), (4, '6'), (5, '7'), (6, '4'), (7, '5')) d(digit_pop, digit)
WHERE h.HoHRaceEthnicity NOT IN (98, 99) AND contains(h.race, d.digit)
UNION ALL SELECT 45, Cohort, HoHID, HHType FROM h WHERE HHAdultAge = 55 AND HHType = 1
UNION ALL SELECT 46, Cohort, HoHID, HHType FROM h WHERE HHParent = 1 AND HHType = 3
UNION ALL SELECT 47, Cohort, HoHID, HHType FROM h WHERE has_3_children AND HHType = 2
UNION ALL SELECT 48, Cohort, HoHID, HHType FROM h WHERE HHFleeingDV = 2;

-- household types reported for each population (0 = all types together)
CREATE OR REPLACE TABLE lsa_population_hhtypes AS
SELECT p.PopID, t.HHType
FROM (SELECT DISTINCT PopID FROM lsa_base_populations UNION SELECT 0) p,
     (VALUES (0), (1), (2), (3), (99)) t(HHType)
WHERE CASE WHEN p.PopID IN (10, 11, 14, 45) THEN t.HHType = 1
           WHEN p.PopID IN (12, 47) THEN t.HHType = 2
           WHEN p.PopID = 46 THEN t.HHType = 3
           WHEN p.PopID = 13 THEN t.HHType IN (0, 1, 2, 99)
           ELSE TRUE END;

CREATE OR REPLACE TABLE tlsa_AveragePops AS
SELECT PopID, Cohort, HoHID, HHType FROM lsa_base_populations
UNION ALL
-- subpopulations of populations 10-15
SELECT parent.PopID * 100 + sub.PopID, parent.Cohort, parent.HoHID, parent.HHType
FROM lsa_base_populations parent
JOIN lsa_base_populations sub ON sub.Cohort = parent.Cohort AND sub.HoHID = parent.HoHID
    AND sub.HHType = parent.HHType
WHERE parent.PopID BETWEEN 10 AND 15
  AND ((sub.PopID = 15 AND parent.PopID < 15)
       OR (sub.PopID = 18 AND parent.PopID < 15)
       OR sub.PopID BETWEEN 19 AND 44 OR sub.PopID = 48
       OR (sub.PopID = 45 AND parent.PopID BETWEEN 13 AND 15)
       OR (sub.PopID = 46 AND parent.PopID = 15)
       OR (sub.PopID = 47 AND parent.PopID IN (13, 15)));

INSERT INTO lsa_population_hhtypes
SELECT DISTINCT a.PopID, pt.HHType
FROM (SELECT DISTINCT PopID FROM tlsa_AveragePops WHERE PopID >= 1000) a
JOIN lsa_population_hhtypes pt ON pt.PopID = a.PopID // 100
JOIN lsa_population_hhtypes st ON st.PopID = a.PopID % 100 AND st.HHType = pt.HHType;
