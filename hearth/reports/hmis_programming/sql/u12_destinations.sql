-- Exit destinations (3.12) of leavers (HMIS Programming Specifications, CoC APR / ESG CAPER
-- FY2026, Q23c, Q23d, Q23e, Q25i, Q25j, Q27f1, Q27f2; Appendix A "Exit Destinations" as HUD's
-- Data Lab publishes it in its supplemental table DestinationClassification):
--   * street outreach (4): positive destinations are ES (101), SH (118), foster care (215),
--     psychiatric (204) and substance use (205) facilities, long-term care (225), temporary
--     situations 302, 312, 313, 314, 327, 332 and every permanent situation; excluded from the
--     rate: hospital (206), residential project (329), deceased (24);
--   * every other project type: positive destinations are the permanent situations (400s);
--     excluded: hospital (206), foster care (215), long-term care (225), deceased (24).

CREATE OR REPLACE MACRO destination_row(destination) AS
    CASE destination
        WHEN 116 THEN 3 WHEN 101 THEN 4 WHEN 118 THEN 5
        WHEN 215 THEN 8 WHEN 206 THEN 9 WHEN 207 THEN 10 WHEN 225 THEN 11 WHEN 204 THEN 12 WHEN 205 THEN 13
        WHEN 302 THEN 16 WHEN 329 THEN 17 WHEN 314 THEN 18 WHEN 332 THEN 19 WHEN 312 THEN 20 WHEN 313 THEN 21
        WHEN 327 THEN 22
        WHEN 422 THEN 25 WHEN 423 THEN 26 WHEN 426 THEN 27 WHEN 410 THEN 28 WHEN 435 THEN 29 WHEN 421 THEN 30
        WHEN 411 THEN 31
        WHEN 30 THEN 34 WHEN 17 THEN 35 WHEN 24 THEN 36 WHEN 8 THEN 37 WHEN 9 THEN 37
        ELSE 38
    END;

CREATE OR REPLACE MACRO destination_subtotal_row(destination) AS
    CASE
        WHEN destination BETWEEN 100 AND 199 THEN 6
        WHEN destination BETWEEN 200 AND 299 THEN 14
        WHEN destination BETWEEN 300 AND 399 THEN 23
        WHEN destination BETWEEN 400 AND 499 THEN 32
        ELSE 39
    END;

CREATE OR REPLACE MACRO destination_is_positive(destination, project_type) AS
    destination BETWEEN 400 AND 499
    OR (project_type = 4 AND destination IN (101, 118, 215, 204, 205, 225, 302, 312, 313, 314, 327, 332));

CREATE OR REPLACE MACRO destination_is_excluded(destination, project_type) AS
    CASE WHEN project_type = 4 THEN destination IN (206, 329, 24) ELSE destination IN (206, 215, 225, 24) END;

-- Rental subsidy types (3.12.A) in the order of the Q23d shell.
CREATE OR REPLACE MACRO subsidy_row(subsidy) AS
    CASE subsidy
        WHEN 428 THEN 2 WHEN 419 THEN 3 WHEN 431 THEN 4 WHEN 433 THEN 5 WHEN 434 THEN 6 WHEN 420 THEN 7
        WHEN 436 THEN 8 WHEN 437 THEN 9 WHEN 438 THEN 10 WHEN 439 THEN 11 WHEN 440 THEN 12
    END;
