-- LSA Programming Specifications v8, section 5.11: youngest and oldest ActiveAge of each person
-- among active ES/SH/TH, RRH, PSH and RRH services-only enrollments (-1 when none).

CREATE OR REPLACE TABLE lsa_person_ages AS
SELECT PersonalID,
    coalesce(min(ActiveAge) FILTER (LSAProjectType IN (0, 1, 2, 8)), -1) AS ESTAgeMin,
    coalesce(max(ActiveAge) FILTER (LSAProjectType IN (0, 1, 2, 8)), -1) AS ESTAgeMax,
    coalesce(min(ActiveAge) FILTER (LSAProjectType = 13), -1) AS RRHAgeMin,
    coalesce(max(ActiveAge) FILTER (LSAProjectType = 13), -1) AS RRHAgeMax,
    coalesce(min(ActiveAge) FILTER (LSAProjectType = 3), -1) AS PSHAgeMin,
    coalesce(max(ActiveAge) FILTER (LSAProjectType = 3), -1) AS PSHAgeMax,
    coalesce(min(ActiveAge) FILTER (LSAProjectType = 15), -1) AS RRHSOAgeMin,
    coalesce(max(ActiveAge) FILTER (LSAProjectType = 15), -1) AS RRHSOAgeMax
FROM tlsa_Enrollment
WHERE Active = 1
GROUP BY PersonalID;
