-- LSA Programming Specifications v8, sections 6.3 to 6.8: for each household and project group
-- (ES/SH/TH "EST", RRH, PSH, RRH services-only): status (entered before/during the period, still
-- enrolled or exited), move-in status, geography of the latest enrollment, living situation at the
-- earliest entry, destination of the latest exit, and the group's population identifiers.

CREATE OR REPLACE TABLE lsa_group_hhid AS
SELECT h.*, rpt.ReportStart, rpt.ReportEnd,
    CASE WHEN h.LSAProjectType IN (0, 1, 2, 8) THEN 'EST' WHEN h.LSAProjectType = 13 THEN 'RRH'
         WHEN h.LSAProjectType = 3 THEN 'PSH' WHEN h.LSAProjectType = 15 THEN 'RRHSO' END AS grp
FROM lsa_active_hhid h CROSS JOIN lsa_Report rpt;

CREATE OR REPLACE TABLE lsa_household_groups AS
WITH ranked AS (
    SELECT g.*,
        row_number() OVER (PARTITION BY HoHID, HHType, grp
                           ORDER BY coalesce(ExitDate, DATE '9999-09-09') DESC, EntryDate DESC, EnrollmentID) AS latest,
        row_number() OVER (PARTITION BY HoHID, HHType, grp ORDER BY EntryDate, EnrollmentID) AS earliest,
        row_number() OVER (PARTITION BY HoHID, HHType, grp
                           ORDER BY ExitDate DESC NULLS LAST, EnrollmentID) AS last_exit
    FROM lsa_group_hhid g
)
SELECT r.HoHID, r.HHType, r.grp,
    -- 11 / 12: entered before ReportStart, still enrolled / exited; 21 / 22: entered during the period
    min(CASE WHEN r.EntryDate < r.ReportStart THEN 10 ELSE 20 END)
        + min(CASE WHEN r.ExitDate IS NULL THEN 1 ELSE 2 END) AS Status,
    coalesce(min(CASE WHEN r.MoveInDate >= r.ReportStart THEN 1 ELSE 2 END) FILTER (r.MoveInDate IS NOT NULL), 0)
        AS MoveIn,
    coalesce(any_value(coc.GeographyType) FILTER (r.latest = 1), 99) AS Geography,
    any_value(CASE WHEN hn.EntryDate <> n.EntryDate THEN 99
                   ELSE lsa_living_situation(hn.LivingSituation, hn.RentalSubsidyType) END)
        FILTER (r.earliest = 1) AS LivingSit,
    any_value(r.ExitDest) FILTER (r.last_exit = 1) AS Destination,
    max(r.AC3Plus) AS AC3Plus, max(r.HHVet) AS Vet,
    CASE WHEN max(CASE WHEN r.HHChronic = 1 THEN 1 ELSE 0 END) = 1 THEN 1 ELSE 0 END AS Chronic,
    max(r.HHDisability) AS Disability,
    coalesce(min(nullif(r.HHFleeingDV, 0)), 0) AS FleeingDV,
    max(r.HHParent) AS Parent,
    adult_age_priority(list(r.HHAdultAge)) AS AdultAge
FROM ranked r
LEFT JOIN lsa_ProjectCoC coc ON coc.ProjectID = r.ProjectID AND r.latest = 1
LEFT JOIN hmis_Enrollment hn ON hn.EnrollmentID = r.EnrollmentID AND r.earliest = 1
LEFT JOIN tlsa_Enrollment n ON n.EnrollmentID = r.EnrollmentID AND r.earliest = 1
GROUP BY r.HoHID, r.HHType, r.grp;

CREATE OR REPLACE TABLE lsa_household_group_columns AS
SELECT hh.HoHID, hh.HHType,
    coalesce(est.Status, 0) AS ESTStatus,
    CASE WHEN est.Status IS NULL THEN -1 ELSE est.Geography END AS ESTGeography,
    CASE WHEN est.Status IS NULL THEN -1 ELSE est.LivingSit END AS ESTLivingSit,
    CASE WHEN est.Status IN (12, 22) THEN est.Destination ELSE -1 END AS ESTDestination,
    coalesce(est.Chronic, 0) AS ESTChronic, coalesce(est.Vet, 0) AS ESTVet,
    coalesce(est.Disability, 0) AS ESTDisability, coalesce(est.FleeingDV, 0) AS ESTFleeingDV,
    coalesce(est.AC3Plus, 0) AS ESTAC3Plus, coalesce(est.AdultAge, -1) AS ESTAdultAge,
    coalesce(est.Parent, 0) AS ESTParent,
    coalesce(rrh.Status, 0) AS RRHStatus,
    CASE WHEN rrh.Status IS NULL THEN -1 ELSE rrh.MoveIn END AS RRHMoveIn,
    CASE WHEN rrh.Status IS NULL THEN -1 ELSE rrh.Geography END AS RRHGeography,
    CASE WHEN rrh.Status IS NULL THEN -1 ELSE rrh.LivingSit END AS RRHLivingSit,
    CASE WHEN rrh.Status IN (12, 22) THEN rrh.Destination ELSE -1 END AS RRHDestination,
    coalesce(rrh.Chronic, 0) AS RRHChronic, coalesce(rrh.Vet, 0) AS RRHVet,
    coalesce(rrh.Disability, 0) AS RRHDisability, coalesce(rrh.FleeingDV, 0) AS RRHFleeingDV,
    coalesce(rrh.AC3Plus, 0) AS RRHAC3Plus, coalesce(rrh.AdultAge, -1) AS RRHAdultAge,
    coalesce(rrh.Parent, 0) AS RRHParent,
    coalesce(psh.Status, 0) AS PSHStatus,
    CASE WHEN psh.Status IS NULL THEN -1 ELSE psh.MoveIn END AS PSHMoveIn,
    CASE WHEN psh.Status IS NULL THEN -1 ELSE psh.Geography END AS PSHGeography,
    CASE WHEN psh.Status IS NULL THEN -1 ELSE psh.LivingSit END AS PSHLivingSit,
    CASE WHEN psh.Status IN (12, 22) THEN psh.Destination ELSE -1 END AS PSHDestination,
    coalesce(psh.Chronic, 0) AS PSHChronic, coalesce(psh.Vet, 0) AS PSHVet,
    coalesce(psh.Disability, 0) AS PSHDisability, coalesce(psh.FleeingDV, 0) AS PSHFleeingDV,
    coalesce(psh.AC3Plus, 0) AS PSHAC3Plus, coalesce(psh.AdultAge, -1) AS PSHAdultAge,
    coalesce(psh.Parent, 0) AS PSHParent,
    coalesce(so.Status, 0) AS RRHSOStatus,
    CASE WHEN so.Status IS NULL THEN -1 ELSE so.MoveIn END AS RRHSOMoveIn
FROM tlsa_Household hh
LEFT JOIN lsa_household_groups est ON est.HoHID = hh.HoHID AND est.HHType = hh.HHType AND est.grp = 'EST'
LEFT JOIN lsa_household_groups rrh ON rrh.HoHID = hh.HoHID AND rrh.HHType = hh.HHType AND rrh.grp = 'RRH'
LEFT JOIN lsa_household_groups psh ON psh.HoHID = hh.HoHID AND psh.HHType = hh.HHType AND psh.grp = 'PSH'
LEFT JOIN lsa_household_groups so ON so.HoHID = hh.HoHID AND so.HHType = hh.HHType AND so.grp = 'RRHSO';
