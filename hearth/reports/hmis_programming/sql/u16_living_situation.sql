-- Rows of the prior living situation tables (HMIS Programming Specifications, CoC APR / ESG CAPER
-- FY2026, Q15 and Q27d): each situation of list 3.12.1 valid for 3.917, and the subtotal of its
-- group (homeless, institutional, temporary, permanent, other).

CREATE OR REPLACE MACRO q15_row(situation) AS
    CASE situation
        WHEN 116 THEN 3 WHEN 101 THEN 4 WHEN 118 THEN 5
        WHEN 215 THEN 8 WHEN 206 THEN 9 WHEN 207 THEN 10 WHEN 225 THEN 11 WHEN 204 THEN 12 WHEN 205 THEN 13
        WHEN 302 THEN 16 WHEN 329 THEN 17 WHEN 314 THEN 18 WHEN 332 THEN 19 WHEN 336 THEN 20 WHEN 335 THEN 21
        WHEN 410 THEN 24 WHEN 435 THEN 25 WHEN 421 THEN 26 WHEN 411 THEN 27
        WHEN 8 THEN 29 WHEN 9 THEN 29
        ELSE 30
    END;
CREATE OR REPLACE MACRO q15_subtotal_row(situation) AS
    CASE
        WHEN situation IN (116, 101, 118) THEN 6
        WHEN situation IN (215, 206, 207, 225, 204, 205) THEN 14
        WHEN situation IN (302, 329, 314, 332, 336, 335) THEN 22
        WHEN situation IN (410, 435, 421, 411) THEN 28
        ELSE 31
    END;
