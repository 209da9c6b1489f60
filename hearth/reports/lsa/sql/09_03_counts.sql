-- LSA Programming Specifications v8, sections 9.3 to 9.6: counts of people (row 53) and households
-- (row 54) by household characteristics, of people by personal characteristics (row 55), of bed
-- nights (rows 56, 57), by project (Universe 10) and project group (11-16), for the active cohort
-- in residence and the four point-in-time dates; and, for the HIC, people housed in OPH projects.

-- 9.3: rows 53 and 54
CREATE OR REPLACE TABLE lsa_count_members AS
WITH household_pops AS (
    SELECT 0 AS PopID, HouseholdID FROM (SELECT DISTINCT HouseholdID FROM lsa_count_enrollments)
    UNION ALL SELECT PopID, HouseholdID FROM tlsa_CountPops WHERE PopID < 50
)
SELECT e.Cohort, u.Universe, pt.HHType, hp.PopID AS Population, u.ProjectID, r.ReportRow,
    CASE r.ReportRow WHEN 53 THEN e.PersonalID ELSE e.HoHID || '|' || e.HHType END AS MemberID, '9.3.1' AS Step
FROM lsa_count_enrollments e
JOIN lsa_count_universes u ON u.Cohort = e.Cohort AND u.EnrollmentID = e.EnrollmentID
JOIN household_pops hp ON hp.HouseholdID = e.HouseholdID
JOIN lsa_count_population_hhtypes pt ON pt.PopID = hp.PopID AND (pt.HHType = e.HHType OR pt.HHType = 0)
CROSS JOIN (VALUES (53), (54)) r(ReportRow);

-- 9.4: row 55
INSERT INTO lsa_count_members
SELECT e.Cohort, u.Universe, pt.HHType, p.PopID, u.ProjectID, 55, e.PersonalID, '9.4.1'
FROM lsa_count_enrollments e
JOIN lsa_count_universes u ON u.Cohort = e.Cohort AND u.EnrollmentID = e.EnrollmentID
JOIN tlsa_CountPops p ON p.PersonalID = e.PersonalID AND (p.HouseholdID IS NULL OR p.HouseholdID = e.HouseholdID)
JOIN lsa_count_population_hhtypes pt ON pt.PopID = p.PopID AND (pt.HHType = e.HHType OR pt.HHType = 0)
WHERE p.PopID >= 50
  AND CASE WHEN u.Universe = 10 THEN p.PopID IN (50, 53, 1190, 1191, 1290, 1291) ELSE TRUE END;

-- each member once per row (Step follows ReportRow), then counted
CREATE OR REPLACE TABLE lsa_count_distinct_members AS
SELECT DISTINCT Cohort, Universe, HHType, Population, ProjectID, ReportRow, MemberID, Step FROM lsa_count_members;

INSERT INTO lsa_Calculated
SELECT CAST(count(*) AS INTEGER), Cohort, Universe, HHType, Population, -1, ProjectID, ReportRow,
    any_value(rpt.ReportID), any_value(Step)
FROM lsa_count_distinct_members CROSS JOIN lsa_Report rpt
GROUP BY Cohort, Universe, HHType, Population, ProjectID, ReportRow;

INSERT INTO lsa_calculated_members
SELECT Cohort, Universe, HHType, Population, -1, ProjectID, ReportRow, MemberID FROM lsa_count_distinct_members;
