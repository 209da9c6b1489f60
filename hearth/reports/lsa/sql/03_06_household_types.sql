-- LSA Programming Specifications v8, section 3.6: household types (tlsa_HHID EntryHHType,
-- ActiveHHType, Exit1HHType, Exit2HHType) from the ages of the members counted in each context.
-- Ages 18-65 in the LSA groups (21..65) are adults, 0-17 children, 98/99 unknown. A household
-- that entered inside the context's period (or left before it) keeps its EntryHHType.

CREATE OR REPLACE TABLE lsa_household_type_values AS
SELECT n.HouseholdID,
    hh_type(count(*) FILTER (n.EntryAge BETWEEN 18 AND 65), count(*) FILTER (n.EntryAge < 18),
            count(*) FILTER (n.EntryAge IN (98, 99))) AS EntryHHType,
    hh_type(count(*) FILTER (n.ActiveAge BETWEEN 18 AND 65 AND n.active_member),
            count(*) FILTER (n.ActiveAge < 18 AND n.active_member),
            count(*) FILTER (n.ActiveAge IN (98, 99) AND n.active_member)) AS ActiveHHType,
    hh_type(count(*) FILTER (n.Exit1Age BETWEEN 18 AND 65 AND n.exit1_member),
            count(*) FILTER (n.Exit1Age < 18 AND n.exit1_member),
            count(*) FILTER (n.Exit1Age IN (98, 99) AND n.exit1_member)) AS Exit1HHType,
    hh_type(count(*) FILTER (n.Exit2Age BETWEEN 18 AND 65 AND n.exit2_member),
            count(*) FILTER (n.Exit2Age < 18 AND n.exit2_member),
            count(*) FILTER (n.Exit2Age IN (98, 99) AND n.exit2_member)) AS Exit2HHType
FROM (
    SELECT e.*,
        coalesce(e.ExitDate >= r.ReportStart, TRUE) AS active_member,
        -- members present at some time in the exit cohort period
        coalesce(e.EntryDate < c1.CohortEnd AND (e.ExitDate IS NULL OR e.ExitDate >= c1.CohortStart), FALSE)
            AS exit1_member,
        coalesce(e.EntryDate < c2.CohortEnd AND (e.ExitDate IS NULL OR e.ExitDate >= c2.CohortStart), FALSE)
            AS exit2_member
    FROM tlsa_Enrollment e
    CROSS JOIN lsa_Report r
    LEFT JOIN tlsa_CohortDates c1 ON c1.Cohort = -1
    LEFT JOIN tlsa_CohortDates c2 ON c2.Cohort = -2
) n
GROUP BY n.HouseholdID;

UPDATE tlsa_HHID hhid
SET EntryHHType = t.EntryHHType,
    ActiveHHType = CASE WHEN hhid.ExitDate < rpt.ReportStart OR hhid.EntryDate >= rpt.ReportStart
        THEN t.EntryHHType ELSE t.ActiveHHType END,
    Exit1HHType = CASE WHEN x1.Cohort IS NULL OR hhid.ExitDate < x1.CohortStart OR hhid.EntryDate >= x1.CohortStart
        THEN t.EntryHHType ELSE t.Exit1HHType END,
    Exit2HHType = CASE WHEN x2.Cohort IS NULL OR hhid.ExitDate < x2.CohortStart OR hhid.EntryDate >= x2.CohortStart
        THEN t.EntryHHType ELSE t.Exit2HHType END
FROM lsa_Report rpt
CROSS JOIN lsa_household_type_values t
LEFT JOIN tlsa_CohortDates x1 ON x1.Cohort = -1
LEFT JOIN tlsa_CohortDates x2 ON x2.Cohort = -2
WHERE t.HouseholdID = hhid.HouseholdID;
