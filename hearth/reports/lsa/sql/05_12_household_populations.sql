-- LSA Programming Specifications v8, section 5.12: population identifiers of active households
-- (tlsa_HHID HHChronic, HHVet, HHDisability, HHFleeingDV, HHAdultAge, HHParent, AC3Plus), from
-- the ages and relationships of their active members and the tlsa_Person values of those members.

CREATE OR REPLACE TABLE lsa_household_populations AS
WITH members AS (
    SELECT n.HouseholdID, n.ActiveAge, n.RelationshipToHoH, h.ActiveHHType,
        (n.RelationshipToHoH = 1 OR n.ActiveAge BETWEEN 18 AND 65) AS is_hoh_or_adult,
        lp.PersonalID IS NOT NULL AS is_person, lp.CHTime, lp.CHTimeStatus, lp.DisabilityStatus,
        lp.VetStatus, lp.DVStatus
    FROM tlsa_Enrollment n
    JOIN tlsa_HHID h ON h.HouseholdID = n.HouseholdID AND h.Active = 1
    LEFT JOIN tlsa_Person lp ON lp.PersonalID = n.PersonalID
    WHERE n.Active = 1
)
SELECT HouseholdID,
    -- the most chronic status among the HoH and adult members
    coalesce(min(CASE
        WHEN ((CHTime = 365 AND CHTimeStatus IN (1, 2)) OR (CHTime = 400 AND CHTimeStatus = 2))
             AND DisabilityStatus = 1 THEN 1
        WHEN CHTime IN (365, 400) AND DisabilityStatus = 1 THEN 2
        WHEN CHTime IN (365, 400) AND DisabilityStatus = 99 THEN 3
        WHEN CHTime IN (365, 400) AND DisabilityStatus = 0 THEN 4
        WHEN CHTime = 270 AND DisabilityStatus = 1 AND CHTimeStatus = 99 THEN 5
        WHEN CHTime = 270 AND DisabilityStatus = 1 AND CHTimeStatus <> 99 THEN 6
        WHEN CHTimeStatus = 99 AND DisabilityStatus <> 0 THEN 9 END) FILTER (is_person AND is_hoh_or_adult), 0)
        AS HHChronic,
    coalesce(max(CASE WHEN VetStatus = 1 AND ActiveAge BETWEEN 18 AND 65 AND ActiveHHType <> 3 THEN 1 ELSE 0 END)
        FILTER (is_person), 0) AS HHVet,
    coalesce(max(CASE WHEN DisabilityStatus = 1 AND is_hoh_or_adult THEN 1 ELSE 0 END) FILTER (is_person), 0)
        AS HHDisability,
    coalesce(min(CASE WHEN DVStatus = 1 AND is_hoh_or_adult THEN 1
                      WHEN DVStatus IN (2, 3) AND is_hoh_or_adult THEN 2 END) FILTER (is_person), 0) AS HHFleeingDV,
    -- adult ages: 18-21, 22-24, all 55+, or any other combination (25); AO and AC households only
    CASE WHEN any_value(ActiveHHType) NOT IN (1, 2) THEN -1
         WHEN max(ActiveAge) >= 98 THEN -1
         WHEN max(ActiveAge) = 21 THEN 18
         WHEN max(ActiveAge) = 24 THEN 24
         WHEN min(ActiveAge) BETWEEN 64 AND 65 THEN 55
         ELSE 25 END AS HHAdultAge,
    max(CASE WHEN RelationshipToHoH = 2 THEN 1 ELSE 0 END) AS HHParent,
    CASE WHEN count(*) FILTER (ActiveAge <= 17 AND ActiveHHType = 2) >= 3 THEN 1 ELSE 0 END AS AC3Plus
FROM members
GROUP BY HouseholdID;

UPDATE tlsa_HHID hhid
SET HHChronic = pop.HHChronic, HHVet = pop.HHVet, HHDisability = pop.HHDisability,
    HHFleeingDV = pop.HHFleeingDV, HHAdultAge = pop.HHAdultAge, HHParent = pop.HHParent, AC3Plus = pop.AC3Plus
FROM lsa_household_populations pop
WHERE pop.HouseholdID = hhid.HouseholdID;
