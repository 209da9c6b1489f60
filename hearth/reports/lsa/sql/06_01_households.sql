-- LSA Programming Specifications v8, sections 6.1 and 6.2: one tlsa_Household row per head of
-- household and household type among active households (none in the HIC scope), with population
-- identifiers across all of the HoH's active households of that type, and counts of adults,
-- children and members of unknown age (3 meaning three or more).

CREATE OR REPLACE TABLE lsa_active_hhid AS
SELECT hhid.*, hhid.ActiveHHType AS HHType
FROM tlsa_HHID hhid CROSS JOIN lsa_Report rpt
WHERE hhid.Active = 1 AND rpt.LSAScope <> 3;

CREATE OR REPLACE TABLE tlsa_Household AS
SELECT h.HoHID, h.HHType,
    coalesce(min(nullif(h.HHChronic, 0)), 0) AS HHChronic,
    max(h.HHVet) AS HHVet,
    max(h.HHDisability) AS HHDisability,
    coalesce(min(nullif(h.HHFleeingDV, 0)), 0) AS HHFleeingDV,
    any_value(lp.RaceEthnicity) AS HoHRaceEthnicity,
    max(h.HHParent) AS HHParent
FROM lsa_active_hhid h
JOIN tlsa_Person lp ON lp.PersonalID = h.HoHID
GROUP BY h.HoHID, h.HHType;

CREATE OR REPLACE TABLE lsa_household_members AS
SELECT DISTINCT h.HoHID, h.HHType, n.PersonalID, n.ActiveAge
FROM lsa_active_hhid h
JOIN tlsa_Enrollment n ON n.HouseholdID = h.HouseholdID AND n.Active = 1;

CREATE OR REPLACE TABLE lsa_household_counts AS
WITH children AS (SELECT DISTINCT HoHID, HHType, PersonalID FROM lsa_household_members WHERE ActiveAge < 18)
SELECT m.HoHID, m.HHType,
    least(count(DISTINCT m.PersonalID) FILTER (m.ActiveAge BETWEEN 18 AND 65 AND c.PersonalID IS NULL), 3) AS HHAdult,
    least(count(DISTINCT m.PersonalID) FILTER (m.ActiveAge < 18), 3) AS HHChild,
    least(count(DISTINCT m.PersonalID) FILTER (m.ActiveAge IN (98, 99)), 3) AS HHNoDOB
FROM lsa_household_members m
LEFT JOIN children c ON c.HoHID = m.HoHID AND c.HHType = m.HHType AND c.PersonalID = m.PersonalID
GROUP BY m.HoHID, m.HHType;

ALTER TABLE tlsa_Household ADD COLUMN HHAdult INTEGER;
ALTER TABLE tlsa_Household ADD COLUMN HHChild INTEGER;
ALTER TABLE tlsa_Household ADD COLUMN HHNoDOB INTEGER;
ALTER TABLE tlsa_Household ADD COLUMN HHAdultAge INTEGER;
UPDATE tlsa_Household hh
SET HHAdult = c.HHAdult, HHChild = c.HHChild, HHNoDOB = c.HHNoDOB
FROM lsa_household_counts c
WHERE c.HoHID = hh.HoHID AND c.HHType = hh.HHType;

-- HHAdultAge: 18-21 over 22-24 over 55+ over other adult combinations, across the HoH's households
UPDATE tlsa_Household hh
SET HHAdultAge = coalesce(a.HHAdultAge, -1)
FROM (SELECT hh2.HoHID, hh2.HHType, adult_age_priority(list(h.HHAdultAge)) AS HHAdultAge
      FROM tlsa_Household hh2
      LEFT JOIN lsa_active_hhid h ON h.HoHID = hh2.HoHID AND h.HHType = hh2.HHType
      GROUP BY hh2.HoHID, hh2.HHType) a
WHERE a.HoHID = hh.HoHID AND a.HHType = hh.HHType;
