-- LSA Programming Specifications v8, sections 10.8-10.19 and 11.5-11.7: the enrollments the data
-- quality counts are based on, those active in residence or, outside the HIC scope, active.

CREATE OR REPLACE TABLE lsa_reported_enrollments AS
SELECT n.*
FROM tlsa_Enrollment n CROSS JOIN lsa_Report rpt
WHERE n.AIR = 1 OR (n.Active = 1 AND rpt.LSAScope <> 3);
