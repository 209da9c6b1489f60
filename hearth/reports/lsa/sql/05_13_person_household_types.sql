-- LSA Programming Specifications v8, sections 5.13 to 5.15: for each person, the set of household
-- types in which they were active in each project group (ES/SH/TH "EST", RRH, PSH, RRH
-- services-only, ES, SH, TH), as HoH, as an adult, in residence, and in households of each
-- population; the adult-age population of their AO and AC households; then LSAPerson, one row per
-- distinct combination of values with RowTotal people.

CREATE OR REPLACE TABLE lsa_person_memberships AS
SELECT n.PersonalID, n.EnrollmentID, n.HouseholdID, n.LSAProjectType, n.AIR, n.MoveInDate,
    CASE WHEN n.LSAProjectType IN (0, 1, 2, 8) THEN 'EST' WHEN n.LSAProjectType = 13 THEN 'RRH'
         WHEN n.LSAProjectType = 3 THEN 'PSH' WHEN n.LSAProjectType = 15 THEN 'RRHSO' END AS grp,
    n.RelationshipToHoH = 1 AS is_hoh, n.ActiveAge BETWEEN 18 AND 65 AS is_adult,
    hh_type_digit(h.ActiveHHType) AS t, h.ActiveHHType, h.HHChronic, h.HHVet, h.HHDisability, h.HHFleeingDV,
    h.HHParent, h.AC3Plus, h.HHAdultAge
FROM tlsa_Enrollment n
JOIN tlsa_HHID h ON h.HouseholdID = n.HouseholdID
WHERE n.Active = 1;

CREATE OR REPLACE TABLE lsa_person_types AS
SELECT PersonalID,
    type_set(list(t) FILTER (grp = 'EST')) AS HHTypeEST,
    type_set(list(t) FILTER (grp = 'EST' AND is_hoh)) AS HoHEST,
    type_set(list(t) FILTER (grp = 'EST' AND is_adult)) AS AdultEST,
    type_set(list(t) FILTER (grp = 'EST' AND AIR = 1 AND is_adult)) AS AIRAdultEST,
    type_set(list(t) FILTER (grp = 'EST' AND HHChronic = 1)) AS HHChronicEST,
    type_set(list(t) FILTER (grp = 'EST' AND HHVet = 1)) AS HHVetEST,
    type_set(list(t) FILTER (grp = 'EST' AND HHDisability = 1)) AS HHDisabilityEST,
    type_set(list(t) FILTER (grp = 'EST' AND HHFleeingDV = 1)) AS HHFleeingDVEST,
    type_set(list(t) FILTER (grp = 'EST' AND HHParent = 1)) AS HHParentEST,
    coalesce(max(CASE WHEN AC3Plus = 1 THEN 1 ELSE 0 END) FILTER (grp = 'EST'), -1) AS AC3PlusEST,
    type_set(list(t) FILTER (grp = 'EST' AND AIR = 1)) AS AIREST,
    type_set(list(t) FILTER (grp = 'EST' AND AIR = 1 AND is_hoh)) AS AIRHoHEST,
    type_set(list(t) FILTER (grp = 'RRH')) AS HHTypeRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND is_hoh)) AS HoHRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND is_adult)) AS AdultRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND AIR = 1 AND is_adult)) AS AIRAdultRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND HHChronic = 1)) AS HHChronicRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND HHVet = 1)) AS HHVetRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND HHDisability = 1)) AS HHDisabilityRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND HHFleeingDV = 1)) AS HHFleeingDVRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND HHParent = 1)) AS HHParentRRH,
    coalesce(max(CASE WHEN AC3Plus = 1 THEN 1 ELSE 0 END) FILTER (grp = 'RRH'), -1) AS AC3PlusRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND AIR = 1)) AS AIRRRH,
    type_set(list(t) FILTER (grp = 'RRH' AND AIR = 1 AND is_hoh)) AS AIRHoHRRH,
    type_set(list(t) FILTER (grp = 'PSH')) AS HHTypePSH,
    type_set(list(t) FILTER (grp = 'PSH' AND is_hoh)) AS HoHPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND is_adult)) AS AdultPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND AIR = 1 AND is_adult)) AS AIRAdultPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND HHChronic = 1)) AS HHChronicPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND HHVet = 1)) AS HHVetPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND HHDisability = 1)) AS HHDisabilityPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND HHFleeingDV = 1)) AS HHFleeingDVPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND HHParent = 1)) AS HHParentPSH,
    coalesce(max(CASE WHEN AC3Plus = 1 THEN 1 ELSE 0 END) FILTER (grp = 'PSH'), -1) AS AC3PlusPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND AIR = 1)) AS AIRPSH,
    type_set(list(t) FILTER (grp = 'PSH' AND AIR = 1 AND is_hoh)) AS AIRHoHPSH,
    type_set(list(t) FILTER (grp = 'RRHSO' AND MoveInDate IS NULL)) AS HHTypeRRHSONoMI,
    type_set(list(t) FILTER (grp = 'RRHSO' AND MoveInDate IS NOT NULL)) AS HHTypeRRHSOMI,
    type_set(list(t) FILTER (LSAProjectType IN (0, 1))) AS HHTypeES,
    type_set(list(t) FILTER (LSAProjectType = 8)) AS HHTypeSH,
    type_set(list(t) FILTER (LSAProjectType = 2)) AS HHTypeTH,
    -- 5.14: the youngest adult-age group among 18-24 households, else the oldest
    adult_age_population(list(HHAdultAge) FILTER (grp = 'EST' AND ActiveHHType = 1)) AS HHAdultAgeAOEST,
    adult_age_population(list(HHAdultAge) FILTER (grp = 'EST' AND ActiveHHType = 2)) AS HHAdultAgeACEST,
    adult_age_population(list(HHAdultAge) FILTER (grp = 'RRH' AND ActiveHHType = 1)) AS HHAdultAgeAORRH,
    adult_age_population(list(HHAdultAge) FILTER (grp = 'RRH' AND ActiveHHType = 2)) AS HHAdultAgeACRRH,
    adult_age_population(list(HHAdultAge) FILTER (grp = 'PSH' AND ActiveHHType = 1)) AS HHAdultAgeAOPSH,
    adult_age_population(list(HHAdultAge) FILTER (grp = 'PSH' AND ActiveHHType = 2)) AS HHAdultAgeACPSH
FROM lsa_person_memberships
GROUP BY PersonalID;

CREATE OR REPLACE VIEW lsa_person_values AS
SELECT p.PersonalID, p.RaceEthnicity, p.VetStatus, p.DisabilityStatus, p.CHTime, p.CHTimeStatus, p.DVStatus,
    coalesce(a.ESTAgeMin, -1) AS ESTAgeMin, coalesce(a.ESTAgeMax, -1) AS ESTAgeMax,
    coalesce(t.HHTypeEST, -1) AS HHTypeEST, coalesce(t.HoHEST, -1) AS HoHEST,
    coalesce(t.AdultEST, -1) AS AdultEST, coalesce(t.AIRAdultEST, -1) AS AIRAdultEST,
    coalesce(t.HHChronicEST, -1) AS HHChronicEST, coalesce(t.HHVetEST, -1) AS HHVetEST,
    coalesce(t.HHDisabilityEST, -1) AS HHDisabilityEST, coalesce(t.HHFleeingDVEST, -1) AS HHFleeingDVEST,
    coalesce(t.HHAdultAgeAOEST, -1) AS HHAdultAgeAOEST, coalesce(t.HHAdultAgeACEST, -1) AS HHAdultAgeACEST,
    coalesce(t.HHParentEST, -1) AS HHParentEST, coalesce(t.AC3PlusEST, -1) AS AC3PlusEST,
    coalesce(t.AIREST, -1) AS AIREST, coalesce(t.AIRHoHEST, -1) AS AIRHoHEST,
    coalesce(a.RRHAgeMin, -1) AS RRHAgeMin, coalesce(a.RRHAgeMax, -1) AS RRHAgeMax,
    coalesce(t.HHTypeRRH, -1) AS HHTypeRRH, coalesce(t.HoHRRH, -1) AS HoHRRH,
    coalesce(t.AdultRRH, -1) AS AdultRRH, coalesce(t.AIRAdultRRH, -1) AS AIRAdultRRH,
    coalesce(t.HHChronicRRH, -1) AS HHChronicRRH, coalesce(t.HHVetRRH, -1) AS HHVetRRH,
    coalesce(t.HHDisabilityRRH, -1) AS HHDisabilityRRH, coalesce(t.HHFleeingDVRRH, -1) AS HHFleeingDVRRH,
    coalesce(t.HHAdultAgeAORRH, -1) AS HHAdultAgeAORRH, coalesce(t.HHAdultAgeACRRH, -1) AS HHAdultAgeACRRH,
    coalesce(t.HHParentRRH, -1) AS HHParentRRH, coalesce(t.AC3PlusRRH, -1) AS AC3PlusRRH,
    coalesce(t.AIRRRH, -1) AS AIRRRH, coalesce(t.AIRHoHRRH, -1) AS AIRHoHRRH,
    coalesce(a.PSHAgeMin, -1) AS PSHAgeMin, coalesce(a.PSHAgeMax, -1) AS PSHAgeMax,
    coalesce(t.HHTypePSH, -1) AS HHTypePSH, coalesce(t.HoHPSH, -1) AS HoHPSH,
    coalesce(t.AdultPSH, -1) AS AdultPSH, coalesce(t.AIRAdultPSH, -1) AS AIRAdultPSH,
    coalesce(t.HHChronicPSH, -1) AS HHChronicPSH, coalesce(t.HHVetPSH, -1) AS HHVetPSH,
    coalesce(t.HHDisabilityPSH, -1) AS HHDisabilityPSH, coalesce(t.HHFleeingDVPSH, -1) AS HHFleeingDVPSH,
    coalesce(t.HHAdultAgeAOPSH, -1) AS HHAdultAgeAOPSH, coalesce(t.HHAdultAgeACPSH, -1) AS HHAdultAgeACPSH,
    coalesce(t.HHParentPSH, -1) AS HHParentPSH, coalesce(t.AC3PlusPSH, -1) AS AC3PlusPSH,
    coalesce(t.AIRPSH, -1) AS AIRPSH, coalesce(t.AIRHoHPSH, -1) AS AIRHoHPSH,
    coalesce(a.RRHSOAgeMin, -1) AS RRHSOAgeMin, coalesce(a.RRHSOAgeMax, -1) AS RRHSOAgeMax,
    coalesce(t.HHTypeRRHSONoMI, -1) AS HHTypeRRHSONoMI, coalesce(t.HHTypeRRHSOMI, -1) AS HHTypeRRHSOMI,
    coalesce(t.HHTypeES, -1) AS HHTypeES, coalesce(t.HHTypeSH, -1) AS HHTypeSH, coalesce(t.HHTypeTH, -1) AS HHTypeTH,
    p.HIV, p.SMI, p.SUD
FROM tlsa_Person p
LEFT JOIN lsa_person_ages a USING (PersonalID)
LEFT JOIN lsa_person_types t USING (PersonalID);

CREATE OR REPLACE TABLE lsa_Person AS
SELECT grouped.*, rpt.ReportID
FROM (SELECT CAST(count(*) AS INTEGER) AS RowTotal, COLUMNS(* EXCLUDE (PersonalID))
      FROM lsa_person_values GROUP BY ALL) grouped
CROSS JOIN lsa_Report rpt;
