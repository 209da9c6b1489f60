-- LSA Programming Specifications v8, section 8.1: the LSACalculated columns. Sections 8, 9 and 10
-- add their rows here; Step names the section that produced each row (not part of the upload).

CREATE OR REPLACE TABLE lsa_Calculated (
    Value INTEGER, Cohort INTEGER, Universe INTEGER, HHType INTEGER, Population INTEGER, SystemPath INTEGER,
    ProjectID VARCHAR, ReportRow INTEGER, ReportID INTEGER, Step VARCHAR
);
