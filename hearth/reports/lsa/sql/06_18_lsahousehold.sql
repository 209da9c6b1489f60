-- LSA Programming Specifications v8, sections 6.16, 6.18 and 6.19: statuses from system use,
-- the household's system path, and LSAHousehold, one row per distinct combination of values with
-- RowTotal households (day counts and return time in the LSA's groupings).

CREATE OR REPLACE TABLE lsa_household_values AS
SELECT hh.HoHID, hh.HHType, hh.Stat, hh.ReturnTime, hh.HHChronic, hh.HHVet, hh.HHDisability, hh.HHFleeingDV,
    hh.HoHRaceEthnicity, hh.HHAdult, hh.HHChild, hh.HHNoDOB, hh.HHAdultAge, hh.HHParent,
    CASE WHEN g.ESTStatus = 0 AND d.has_est_days THEN 2 ELSE g.ESTStatus END AS ESTStatus,
    g.ESTGeography, g.ESTLivingSit, g.ESTDestination, g.ESTChronic, g.ESTVet, g.ESTDisability,
    g.ESTFleeingDV, g.ESTAC3Plus, g.ESTAdultAge, g.ESTParent,
    CASE WHEN g.RRHStatus = 0 AND d.has_rrh_days THEN 2 ELSE g.RRHStatus END AS RRHStatus,
    g.RRHMoveIn, g.RRHGeography, g.RRHLivingSit, g.RRHDestination, hh.RRHPreMoveInDays,
    g.RRHChronic, g.RRHVet, g.RRHDisability, g.RRHFleeingDV, g.RRHAC3Plus, g.RRHAdultAge, g.RRHParent,
    CASE WHEN g.PSHStatus = 0 AND d.has_psh_days THEN 2 ELSE g.PSHStatus END AS PSHStatus,
    g.PSHMoveIn, g.PSHGeography, g.PSHLivingSit, g.PSHDestination, d.PSHHousedDays,
    g.PSHChronic, g.PSHVet, g.PSHDisability, g.PSHFleeingDV, g.PSHAC3Plus, g.PSHAdultAge, g.PSHParent,
    d.ESDays, d.THDays, d.ESTDays, d.RRHPSHPreMoveInDays, d.RRHHousedDays, d.SystemDaysNotPSHHoused,
    d.SystemHomelessDays, d.Other3917Days, d.TotalHomelessDays,
    coalesce(a.ESTAIR, 0) AS ESTAIR, coalesce(a.RRHAIR, 0) AS RRHAIR, coalesce(a.PSHAIR, 0) AS PSHAIR,
    g.RRHSOStatus, g.RRHSOMoveIn, hh.FirstEntry, hh.LastInactive, hh.StatEnrollmentID
FROM tlsa_Household hh
JOIN lsa_household_group_columns g ON g.HoHID = hh.HoHID AND g.HHType = hh.HHType
JOIN lsa_household_days d ON d.HoHID = hh.HoHID AND d.HHType = hh.HHType
LEFT JOIN lsa_household_air a ON a.HoHID = hh.HoHID AND a.HHType = hh.HHType;

-- 6.18: the combination of project types in the household's continuous period of system use
ALTER TABLE lsa_household_values ADD COLUMN SystemPath INTEGER;
UPDATE lsa_household_values
SET SystemPath = CASE
    WHEN ESTStatus NOT IN (21, 22) AND RRHStatus NOT IN (21, 22) AND PSHMoveIn = 2 THEN -1
    WHEN ESDays >= 1 AND THDays = 0 AND RRHStatus = 0 AND PSHStatus = 0 THEN 1
    WHEN ESDays = 0 AND THDays >= 1 AND RRHStatus = 0 AND PSHStatus = 0 THEN 2
    WHEN ESDays >= 1 AND THDays >= 1 AND RRHStatus = 0 AND PSHStatus = 0 THEN 3
    WHEN ESTStatus = 0 AND RRHStatus >= 11 AND PSHStatus = 0 THEN 4
    WHEN ESDays >= 1 AND THDays = 0 AND RRHStatus >= 2 AND PSHStatus = 0 THEN 5
    WHEN ESDays = 0 AND THDays >= 1 AND RRHStatus >= 2 AND PSHStatus = 0 THEN 6
    WHEN ESDays >= 1 AND THDays >= 1 AND RRHStatus >= 2 AND PSHStatus = 0 THEN 7
    WHEN ESTStatus = 0 AND RRHStatus = 0 AND PSHStatus >= 11 AND PSHMoveIn <> 2 THEN 8
    WHEN ESDays >= 1 AND THDays = 0 AND RRHStatus = 0 AND PSHStatus >= 11 AND PSHMoveIn <> 2 THEN 9
    WHEN ESTStatus IN (21, 22) AND ESDays >= 1 AND THDays = 0 AND RRHStatus = 0 AND PSHStatus >= 11
         AND PSHMoveIn = 2 THEN 9
    WHEN ESDays >= 1 AND THDays = 0 AND RRHStatus >= 2 AND PSHStatus >= 11 AND PSHMoveIn <> 2 THEN 10
    WHEN ESTStatus IN (21, 22) AND ESDays >= 1 AND THDays = 0 AND RRHStatus IN (21, 22) AND PSHStatus >= 11
         AND PSHMoveIn = 2 THEN 10
    WHEN ESTStatus = 0 AND RRHStatus >= 2 AND PSHStatus >= 11 AND PSHMoveIn <> 2 THEN 11
    WHEN ESTStatus = 0 AND RRHStatus IN (21, 22) AND PSHStatus >= 11 AND PSHMoveIn = 2 THEN 11
    ELSE 12 END;

-- one row per household with the values LSAHousehold reports (kept for drill-down)
CREATE OR REPLACE TABLE lsa_household_rows AS
SELECT HoHID, HHType AS HouseholdType, Stat,
    CASE WHEN Stat IN (1, 5) THEN -1 ELSE return_time_group(ReturnTime) END AS ReturnTime,
    HHType, HHChronic, HHVet, HHDisability, HHFleeingDV, HoHRaceEthnicity, HHAdult, HHChild, HHNoDOB,
    HHAdultAge, HHParent,
    ESTStatus, ESTGeography, ESTLivingSit, ESTDestination, ESTChronic, ESTVet, ESTDisability, ESTFleeingDV,
    ESTAC3Plus, ESTAdultAge, ESTParent,
    RRHStatus, RRHMoveIn, RRHGeography, RRHLivingSit, RRHDestination, days_group(RRHPreMoveInDays) AS RRHPreMoveInDays,
    RRHChronic, RRHVet, RRHDisability, RRHFleeingDV, RRHAC3Plus, RRHAdultAge, RRHParent,
    PSHStatus, PSHMoveIn, PSHGeography, PSHLivingSit, PSHDestination, psh_housed_group(PSHHousedDays) AS PSHHousedDays,
    PSHChronic, PSHVet, PSHDisability, PSHFleeingDV, PSHAC3Plus, PSHAdultAge, PSHParent,
    days_group(ESDays) AS ESDays, days_group(THDays) AS THDays, days_group(ESTDays) AS ESTDays,
    days_group(RRHPSHPreMoveInDays) AS RRHPSHPreMoveInDays, days_group(RRHHousedDays) AS RRHHousedDays,
    days_group(SystemDaysNotPSHHoused) AS SystemDaysNotPSHHoused, days_group(SystemHomelessDays) AS SystemHomelessDays,
    days_group(Other3917Days) AS Other3917Days, days_group(TotalHomelessDays) AS TotalHomelessDays,
    SystemPath, ESTAIR, RRHAIR, PSHAIR, RRHSOStatus, RRHSOMoveIn
FROM lsa_household_values;

CREATE OR REPLACE TABLE lsa_Household AS
SELECT grouped.*, rpt.ReportID
FROM (SELECT CAST(count(*) AS INTEGER) AS RowTotal, COLUMNS(* EXCLUDE (HoHID, HouseholdType))
      FROM lsa_household_rows GROUP BY ALL) grouped
CROSS JOIN lsa_Report rpt;

-- drill-down: the HMIS households (HouseholdIDs) behind each LSAHousehold household
CREATE OR REPLACE TABLE lsa_household_members_by_row AS
SELECT r.*, h.HouseholdID
FROM lsa_household_rows r
JOIN lsa_active_hhid h ON h.HoHID = r.HoHID AND h.HHType = r.HouseholdType;
