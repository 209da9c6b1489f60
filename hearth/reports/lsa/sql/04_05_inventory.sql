-- LSA Programming Specifications v8, section 4.5: Inventory.csv records (lsa_Inventory) in the
-- ReportCoC for lsa_Project projects other than RRH services-only, open during or after the
-- report period. Dedicated-bed counts HDX requires are 0 when not recorded.

CREATE OR REPLACE TABLE lsa_Inventory AS
SELECT i.InventoryID, i.ProjectID, i.CoCCode, i.HouseholdType,
    CASE WHEN p.ProjectType IN (0, 1) THEN i.Availability END AS Availability,
    i.UnitInventory, i.BedInventory,
    coalesce(i.CHVetBedInventory, 0) AS CHVetBedInventory,
    coalesce(i.YouthVetBedInventory, 0) AS YouthVetBedInventory,
    coalesce(i.VetBedInventory, 0) AS VetBedInventory,
    coalesce(i.CHYouthBedInventory, 0) AS CHYouthBedInventory,
    coalesce(i.YouthBedInventory, 0) AS YouthBedInventory,
    coalesce(i.CHBedInventory, 0) AS CHBedInventory,
    coalesce(i.OtherBedInventory, 0) AS OtherBedInventory,
    CASE WHEN p.ProjectType IN (0, 1) THEN i.ESBedType END AS ESBedType,
    i.InventoryStartDate, i.InventoryEndDate, i.DateCreated, i.DateUpdated,
    CAST(NULL AS VARCHAR) AS UserID, CAST(NULL AS TIMESTAMP) AS DateDeleted,
    CAST(rpt.ReportID AS VARCHAR) AS ExportID
FROM hmis_Inventory i
CROSS JOIN lsa_Report rpt
JOIN lsa_Project p ON p.ProjectID = i.ProjectID
WHERE i.DateDeleted IS NULL
  AND (p.ProjectType <> 13 OR p.RRHSubType = 2)
  AND i.CoCCode = rpt.ReportCoC
  AND (i.InventoryEndDate IS NULL OR (i.InventoryEndDate >= rpt.ReportStart AND i.InventoryEndDate > i.InventoryStartDate));
