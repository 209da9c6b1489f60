-- Eva "pdde" checks: project descriptor data elements (2.01-2.09) of the checked projects
-- (EvaChecks.csv IDs in brackets). Findings name the project; inventory checks name the record.

CREATE OR REPLACE TABLE eva_inventory AS
SELECT i.*
FROM hmis_Inventory i
JOIN eva_project p USING (ProjectID)
WHERE i.DateDeleted IS NULL;

CREATE OR REPLACE TABLE eva_project_coc AS
SELECT c.*
FROM hmis_ProjectCoC c
JOIN eva_project p USING (ProjectID)
WHERE c.DateDeleted IS NULL;

CREATE OR REPLACE MACRO eva_is_residential(project_type, rrh_subtype) AS
    project_type IN (0, 1, 2, 3, 8, 9, 10) OR (project_type = 13 AND coalesce(rrh_subtype, 2) = 2);

-- [35] Project Missing in ProjectCoC file (continuum projects).
INSERT INTO eva_finding
SELECT 35, p.ProjectID, NULL, NULL, NULL, 'No Continuum of Care record'
FROM eva_project p
WHERE p.ContinuumProject = 1 AND NOT EXISTS (SELECT 1 FROM eva_project_coc c WHERE c.ProjectID = p.ProjectID);

-- [5] Missing Geography Information (CoC code, geocode, geography type); [42] Missing Address.
INSERT INTO eva_finding
SELECT 5, ProjectID, NULL, NULL, NULL, 'ProjectCoC ' || ProjectCoCID || ' lacks CoC code, geocode or geography type'
FROM eva_project_coc
WHERE nullif(trim(CoCCode), '') IS NULL OR nullif(trim(Geocode), '') IS NULL OR GeographyType IS NULL OR GeographyType = 99;
INSERT INTO eva_finding
SELECT 42, ProjectID, NULL, NULL, NULL, 'ProjectCoC ' || ProjectCoCID || ' lacks its street address, city, state or ZIP'
FROM eva_project_coc
WHERE nullif(trim(Address1), '') IS NULL OR nullif(trim(City), '') IS NULL OR nullif(trim(State), '') IS NULL
   OR nullif(trim(ZIP), '') IS NULL;

-- [36] Residential Project Missing Housing Type; [110] Missing RRH SubType.
INSERT INTO eva_finding
SELECT 36, ProjectID, NULL, NULL, NULL, 'No housing type'
FROM eva_project WHERE eva_is_residential(ProjectType, RRHSubType) AND HousingType IS NULL;
INSERT INTO eva_finding
SELECT 110, ProjectID, NULL, NULL, NULL, 'No RRH subtype'
FROM eva_project WHERE ProjectType = 13 AND RRHSubType IS NULL;

-- [139] Client-level data in VSP organization; [133] VSP participating in HMIS.
INSERT INTO eva_finding
SELECT 139, p.ProjectID, NULL, NULL, NULL, count(*) || ' enrollments in a victim service provider''s project'
FROM eva_project p JOIN eva_enrollment e USING (ProjectID)
WHERE p.IsVictimServiceProvider
GROUP BY p.ProjectID;
INSERT INTO eva_finding
SELECT DISTINCT 133, p.ProjectID, NULL, NULL, NULL, 'HMIS participating while the organization is a VSP'
FROM eva_project p
JOIN hmis_HMISParticipation h ON h.ProjectID = p.ProjectID AND h.DateDeleted IS NULL AND h.HMISParticipationType = 1
WHERE p.IsVictimServiceProvider;

-- [131] Overlapping HMIS Participation Records, [128] Overlapping CE Participation Records.
INSERT INTO eva_finding
SELECT DISTINCT 131, a.ProjectID, NULL, NULL, NULL, 'Records ' || a.HMISParticipationID || ' and ' || b.HMISParticipationID
FROM hmis_HMISParticipation a
JOIN hmis_HMISParticipation b ON b.ProjectID = a.ProjectID AND b.HMISParticipationID > a.HMISParticipationID
JOIN eva_project p ON p.ProjectID = a.ProjectID
WHERE a.DateDeleted IS NULL AND b.DateDeleted IS NULL
  AND a.HMISParticipationStatusStartDate <= coalesce(b.HMISParticipationStatusEndDate, DATE '9999-12-31')
  AND b.HMISParticipationStatusStartDate <= coalesce(a.HMISParticipationStatusEndDate, DATE '9999-12-31');
INSERT INTO eva_finding
SELECT DISTINCT 128, a.ProjectID, NULL, NULL, NULL, 'Records ' || a.CEParticipationID || ' and ' || b.CEParticipationID
FROM hmis_CEParticipation a
JOIN hmis_CEParticipation b ON b.ProjectID = a.ProjectID AND b.CEParticipationID > a.CEParticipationID
JOIN eva_project p ON p.ProjectID = a.ProjectID
WHERE a.DateDeleted IS NULL AND b.DateDeleted IS NULL
  AND a.CEParticipationStatusStartDate <= coalesce(b.CEParticipationStatusEndDate, DATE '9999-12-31')
  AND b.CEParticipationStatusStartDate <= coalesce(a.CEParticipationStatusEndDate, DATE '9999-12-31');

-- [106] No bed nights entered for ES - NbN project (with enrollments).
INSERT INTO eva_finding
SELECT 106, p.ProjectID, NULL, NULL, NULL, 'No bed nights'
FROM eva_project p
WHERE p.ProjectType = 1
  AND EXISTS (SELECT 1 FROM eva_enrollment e WHERE e.ProjectID = p.ProjectID)
  AND NOT EXISTS (
      SELECT 1 FROM hmis_Services s JOIN eva_enrollment e USING (EnrollmentID)
      WHERE e.ProjectID = p.ProjectID AND s.DateDeleted IS NULL AND s.RecordType = 200
  );

-- [43] No Inventory Records (residential); [132] RRH: Services Only with active bed inventory.
INSERT INTO eva_finding
SELECT 43, p.ProjectID, NULL, NULL, NULL, 'No inventory'
FROM eva_project p
WHERE eva_is_residential(p.ProjectType, p.RRHSubType) AND NOT EXISTS (SELECT 1 FROM eva_inventory i WHERE i.ProjectID = p.ProjectID);
INSERT INTO eva_finding
SELECT 132, p.ProjectID, NULL, NULL, NULL, 'Inventory ' || i.InventoryID || ': ' || i.BedInventory || ' beds'
FROM eva_project p
JOIN eva_inventory i USING (ProjectID)
CROSS JOIN eva_parameters r
WHERE p.ProjectType = 13 AND p.RRHSubType = 1 AND i.BedInventory > 0
  AND i.InventoryStartDate <= r.PeriodEnd AND (i.InventoryEndDate IS NULL OR i.InventoryEndDate >= r.PeriodStart);

-- Inventory records: [44] the project closed before the inventory ended; [46] beds differ from the
-- sum of their categories; [137] a CoC that is not the project's; [138] more units than beds;
-- [37] seasonal for a year or more (or open-ended); [79] starting before the project operated;
-- [135] bed type that does not fit the housing type (ES: facility-based beds on a site).
INSERT INTO eva_finding
SELECT c.check_id, ProjectID, NULL, NULL, NULL, 'Inventory ' || InventoryID || ': ' || c.detail
FROM (
    SELECT i.ProjectID, i.InventoryID, unnest([
        {'check_id': 44, 'flagged': p.OperatingEndDate < coalesce(i.InventoryEndDate, DATE '9999-12-31'),
         'detail': 'ends ' || coalesce(CAST(i.InventoryEndDate AS VARCHAR), 'never') || ', after the project closed'},
        {'check_id': 46, 'flagged': i.BedInventory <> coalesce(i.CHVetBedInventory, 0) + coalesce(i.YouthVetBedInventory, 0)
            + coalesce(i.VetBedInventory, 0) + coalesce(i.CHYouthBedInventory, 0) + coalesce(i.YouthBedInventory, 0)
            + coalesce(i.CHBedInventory, 0) + coalesce(i.OtherBedInventory, 0),
         'detail': i.BedInventory || ' beds in total, not the sum of the categories'},
        {'check_id': 137, 'flagged': i.CoCCode IS NOT NULL AND coc.CoCCode IS NULL,
         'detail': 'CoC ' || coalesce(i.CoCCode, '') || ' is not one of the project''s'},
        {'check_id': 138, 'flagged': i.UnitInventory > i.BedInventory,
         'detail': i.UnitInventory || ' units, ' || i.BedInventory || ' beds'},
        {'check_id': 37, 'flagged': i.Availability = 2
            AND (i.InventoryEndDate IS NULL OR i.InventoryEndDate >= i.InventoryStartDate + INTERVAL 1 YEAR),
         'detail': 'seasonal from ' || i.InventoryStartDate || ' to ' || coalesce(CAST(i.InventoryEndDate AS VARCHAR), 'open')},
        {'check_id': 79, 'flagged': i.InventoryStartDate < p.OperatingStartDate,
         'detail': 'starts ' || i.InventoryStartDate || ', before the project operated'},
        {'check_id': 135, 'flagged': p.ProjectType IN (0, 1)
            AND ((i.ESBedType = 1 AND p.HousingType = 3) OR (i.ESBedType = 2 AND p.HousingType IN (1, 2))),
         'detail': 'bed type ' || coalesce(CAST(i.ESBedType AS VARCHAR), '') || ' with housing type '
            || coalesce(CAST(p.HousingType AS VARCHAR), '')}
    ]) AS c
    FROM eva_inventory i
    JOIN eva_project p USING (ProjectID)
    LEFT JOIN (SELECT DISTINCT ProjectID, CoCCode FROM eva_project_coc) coc
        ON coc.ProjectID = i.ProjectID AND coc.CoCCode = i.CoCCode
)
WHERE coalesce(c.flagged, FALSE);

-- [136] Project CoC missing bed inventory (residential projects in several CoCs).
INSERT INTO eva_finding
SELECT 136, c.ProjectID, NULL, NULL, NULL, 'No inventory for CoC ' || c.CoCCode
FROM eva_project_coc c
JOIN eva_project p USING (ProjectID)
WHERE eva_is_residential(p.ProjectType, p.RRHSubType)
  AND (SELECT count(DISTINCT CoCCode) FROM eva_project_coc o WHERE o.ProjectID = c.ProjectID) > 1
  AND NOT EXISTS (SELECT 1 FROM eva_inventory i WHERE i.ProjectID = c.ProjectID AND i.CoCCode = c.CoCCode);

-- [83] Zero Utilization: active beds in the period and nobody served; [141] No Enrollments within
-- Active Inventory: an inventory record no enrollment overlaps.
INSERT INTO eva_finding
SELECT 83, p.ProjectID, NULL, NULL, NULL, 'Beds available, no clients in the period'
FROM eva_project p
CROSS JOIN eva_parameters r
WHERE EXISTS (
        SELECT 1 FROM eva_inventory i WHERE i.ProjectID = p.ProjectID AND i.BedInventory > 0
          AND i.InventoryStartDate <= r.PeriodEnd AND (i.InventoryEndDate IS NULL OR i.InventoryEndDate >= r.PeriodStart)
    )
  AND NOT EXISTS (SELECT 1 FROM eva_enrollment e WHERE e.ProjectID = p.ProjectID);
INSERT INTO eva_finding
SELECT 141, i.ProjectID, NULL, NULL, NULL, 'Inventory ' || i.InventoryID || ' has no enrollment in its dates'
FROM eva_inventory i
CROSS JOIN eva_parameters r
WHERE i.InventoryStartDate <= r.PeriodEnd AND (i.InventoryEndDate IS NULL OR i.InventoryEndDate >= r.PeriodStart)
  AND EXISTS (SELECT 1 FROM eva_enrollment e WHERE e.ProjectID = i.ProjectID)
  AND NOT EXISTS (
      SELECT 1 FROM eva_enrollment e
      WHERE e.ProjectID = i.ProjectID AND e.EntryDate <= coalesce(i.InventoryEndDate, DATE '9999-12-31')
        AND coalesce(e.ExitDate, DATE '9999-12-31') >= i.InventoryStartDate
  );

-- [81] Potentially Missing Operating End Date: an open project with no one enrolled in the period.
INSERT INTO eva_finding
SELECT 81, p.ProjectID, NULL, NULL, NULL, 'Open since ' || p.OperatingStartDate || ', no clients in the period'
FROM eva_project p
WHERE p.OperatingEndDate IS NULL
  AND EXISTS (SELECT 1 FROM hmis_Enrollment e WHERE e.ProjectID = p.ProjectID AND e.DateDeleted IS NULL)
  AND NOT EXISTS (SELECT 1 FROM eva_enrollment e WHERE e.ProjectID = p.ProjectID);
