-- LSA Programming Specifications v8, section 9.5: bed nights in the report period (distinct
-- person-nights) by project and project group, for all households and youth households (row 56)
-- and for veterans and chronically homeless adults/HoH (row 57). Not produced for the HIC.
-- Nights are kept as date ranges (FirstNight..LastNight): an entry/exit or housed stay is one
-- range, night-by-night bed nights are runs of consecutive dates (lsa_bed_night_runs, 3.3); the
-- distinct nights of a person in a row are the length of the union of their ranges.

CREATE OR REPLACE TABLE lsa_bed_nights AS
WITH stays AS (
    SELECT e.EnrollmentID, e.PersonalID, e.HouseholdID, e.HHType,
        greatest(CASE WHEN e.LSAProjectType IN (3, 13) THEN e.MoveInDate ELSE e.EntryDate END, rpt.ReportStart)
            AS FirstNight,
        coalesce(e.ExitDate - 1, rpt.ReportEnd) AS LastNight
    FROM lsa_count_enrollments e CROSS JOIN lsa_Report rpt
    WHERE e.Cohort = 1 AND rpt.LSAScope <> 3 AND e.LSAProjectType IN (0, 2, 3, 8, 13)
),
bed_nights AS (
    -- in the report period, from entry to the day before exit
    SELECT e.EnrollmentID, e.PersonalID, e.HouseholdID, e.HHType,
        greatest(bn.FirstNight, rpt.ReportStart, e.EntryDate) AS FirstNight,
        least(bn.LastNight, rpt.ReportEnd, e.ExitDate - 1) AS LastNight
    FROM lsa_count_enrollments e CROSS JOIN lsa_Report rpt
    JOIN lsa_bed_night_runs bn ON bn.EnrollmentID = e.EnrollmentID
    WHERE e.Cohort = 1 AND rpt.LSAScope <> 3 AND e.LSAProjectType = 1
)
SELECT EnrollmentID, PersonalID, HouseholdID, HHType, FirstNight, LastNight
FROM stays WHERE FirstNight <= LastNight
UNION ALL
SELECT EnrollmentID, PersonalID, HouseholdID, HHType, FirstNight, LastNight
FROM bed_nights WHERE FirstNight <= LastNight;

CREATE OR REPLACE TABLE lsa_bed_night_groups AS
WITH household_pops AS (
    SELECT 56 AS ReportRow, 0 AS PopID, HouseholdID
    FROM (SELECT DISTINCT HouseholdID FROM lsa_count_enrollments WHERE Cohort = 1)
    UNION ALL SELECT 56, PopID, HouseholdID FROM tlsa_CountPops WHERE PopID IN (10, 11)
),
person_pops AS (SELECT DISTINCT 57 AS ReportRow, PopID, PersonalID FROM tlsa_CountPops WHERE PopID IN (50, 53)),
members AS (
    SELECT b.*, p.ReportRow, p.PopID FROM lsa_bed_nights b JOIN household_pops p USING (HouseholdID)
    UNION ALL
    SELECT b.*, p.ReportRow, p.PopID FROM lsa_bed_nights b JOIN person_pops p USING (PersonalID)
)
SELECT u.Universe, u.ProjectID, pt.HHType, m.PopID AS Population, m.ReportRow, m.PersonalID,
    m.FirstNight, m.LastNight
FROM members m
JOIN lsa_count_universes u ON u.Cohort = 1 AND u.EnrollmentID = m.EnrollmentID
JOIN lsa_count_population_hhtypes pt ON pt.PopID = m.PopID AND (pt.HHType = m.HHType OR pt.HHType = 0);

-- each range counts the nights after the latest night of the person's earlier ranges in the row
CREATE OR REPLACE TABLE lsa_bed_night_people AS
SELECT Universe, HHType, Population, ProjectID, ReportRow, PersonalID,
    sum(greatest(LastNight - greatest(FirstNight - 1, coalesce(covered, FirstNight - 1)), 0)) AS nights
FROM (
    SELECT *, max(LastNight) OVER (
            PARTITION BY Universe, HHType, Population, ProjectID, ReportRow, PersonalID
            ORDER BY FirstNight, LastNight ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered
    FROM lsa_bed_night_groups
) ranges
GROUP BY Universe, HHType, Population, ProjectID, ReportRow, PersonalID;

INSERT INTO lsa_Calculated
SELECT CAST(sum(nights) AS INTEGER), 1, Universe, HHType, Population, -1, ProjectID, ReportRow,
    any_value(rpt.ReportID), '9.5'
FROM lsa_bed_night_people CROSS JOIN lsa_Report rpt
GROUP BY Universe, HHType, Population, ProjectID, ReportRow;

INSERT INTO lsa_calculated_members
SELECT 1, Universe, HHType, Population, -1, ProjectID, ReportRow, PersonalID FROM lsa_bed_night_people;
