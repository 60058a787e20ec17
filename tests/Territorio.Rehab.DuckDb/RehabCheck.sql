-- DM 5 agosto 2021 as SQL (DuckDB): the same decision as Territorio.Rehab's engine, written
-- independently as a differential oracle and a performance peer. The rule set is loaded into
-- the tables annex_code, annex3_exception, annex5, scale_range, transfer_limit, scope_value and
-- param by RehabDuckDbCheck; {sdo} is the CSV path. Assumes clean input (no row validation).

CREATE MACRO icd_compact(c) AS upper(replace(trim(c), '.', ''));
CREATE MACRO icd_dotted(s, h) AS CASE WHEN length(s) > h THEN s[1:h] || '.' || s[h + 1:] ELSE s END;
-- Canonical dotted form: diagnoses have a 3-character head (4 for E codes), procedures 2.
CREATE MACRO icd(c, proc) AS CASE
    WHEN c IS NULL OR trim(c) = '' THEN NULL
    ELSE icd_dotted(icd_compact(c), CASE WHEN proc THEN 2 WHEN icd_compact(c)[1] = 'E' THEN 4 ELSE 3 END)
END;
CREATE MACRO codes(field, proc) AS
    list_filter(list_transform(string_split(coalesce(field, ''), '|'), x -> icd(x, proc)), x -> x IS NOT NULL);
CREATE MACRO p(name) AS (SELECT value FROM param WHERE key = name);

-- Every row, in file order (line as in the file: header is line 1).
CREATE TABLE sdo AS
SELECT (row_number() OVER () + 1)::BIGINT AS line, record_id, patient_id,
       birth_date::DATE AS birth, discipline::INT AS discipline, regime::INT AS regime,
       admission_date::DATE AS adm, discharge_date::DATE AS dis, trim(discharge_mode) AS mode, mdc::INT AS mdc,
       icd(principal_dx, false) AS pdx, codes(secondary_dx, false) AS sdx, codes(procedures, true) AS procs,
       nullif(trim(transfer_from_discipline), '')::INT AS tf,
       nullif(trim(rankin), '')::INT AS rankin, nullif(trim(barthel), '')::INT AS barthel,
       nullif(trim(barthel_dyspnoea), '')::INT AS barthel_dyspnoea,
       nullif(trim(six_minute_walk_m), '')::INT AS six_minute_walk_m, nullif(trim(rcs), '')::INT AS rcs
FROM read_csv('{sdo}', header = true, all_varchar = true);

CREATE TABLE rehab AS SELECT * FROM sdo WHERE discipline IN (28, 56, 75);

-- art.2 c.2: the latest acute discharge in the look-back (ties: the later row).
CREATE TABLE link AS
SELECT r.line, a.record_id AS acute_id, a.dis AS acute_dis, list_prepend(a.pdx, a.sdx) AS acute_dx
FROM rehab r JOIN sdo a
  ON a.patient_id = r.patient_id AND a.discipline NOT IN (28, 56, 75)
 AND a.dis <= r.adm AND a.dis >= (r.adm - to_months(p('lookback_months')::INT))::DATE
QUALIFY row_number() OVER (PARTITION BY r.line ORDER BY a.dis DESC, a.line DESC) = 1;

-- Every code of a rehab record, deduplicated by (code, kind).
CREATE TABLE rcode AS
SELECT DISTINCT line, code, kind, is_principal FROM (
    SELECT line, pdx AS code, 'D' AS kind, true AS is_principal FROM rehab
    UNION ALL SELECT line, unnest(sdx), 'D', false FROM rehab
    UNION ALL SELECT line, unnest(procs), 'P', false FROM rehab);

CREATE TABLE rcode_annex AS SELECT c.*, x.list FROM rcode c JOIN annex_code x USING (code, kind) WHERE x.list IN ('annex1', 'annex2', 'annex3');

-- Annex counts on the rehab SDO (distinct codes; art.4 c.1 counts the codes other than the principal).
CREATE TABLE counts AS
SELECT r.line,
    count(DISTINCT (c.code, c.kind)) FILTER (WHERE c.list = 'annex3') AS a3_all,
    count(DISTINCT (c.code, c.kind)) FILTER (WHERE c.list = 'annex3' AND NOT (c.kind = 'D' AND c.code = r.pdx)) AS a3_others,
    coalesce(bool_or(c.list = 'annex3' AND c.kind = 'D' AND c.code = r.pdx), false) AS principal_a3,
    count(DISTINCT c.code) FILTER (WHERE c.list = 'annex2' AND c.kind = 'D') AS a2_dx,
    count(DISTINCT c.code) FILTER (WHERE c.list = 'annex1' AND c.kind = 'D') AS a1_dx,
    -- art.4 c.3: an Annex-2 code and a different Annex-3 code
    count(DISTINCT (c.code, c.kind)) FILTER (WHERE c.list = 'annex2') AS a2_all,
    min(c.code || c.kind) FILTER (WHERE c.list = 'annex2') AS a2_one,
    min(c.code || c.kind) FILTER (WHERE c.list = 'annex3') AS a3_one
FROM rehab r LEFT JOIN rcode_annex c USING (line)
GROUP BY r.line, r.pdx;

-- Annex-3 exceptions: the lowest 56a count among the exceptions a record matches.
CREATE TABLE need AS
SELECT c.line, least(3, min(e.min_codes)) AS need_56a FROM rcode c JOIN annex3_exception e USING (code, kind) GROUP BY c.line;

-- Annexes 1, 2, 4 on the linked acute stay's diagnoses.
CREATE TABLE acute_annex AS
SELECT l.line,
    bool_or(x.list = 'annex4' AND x.mdc = r.mdc) AS acute_a4,
    bool_or(x.list = 'annex1') AS acute_a1,
    bool_or(x.list = 'annex2') AS acute_a2
FROM (SELECT line, unnest(acute_dx) AS code FROM link) l
JOIN rehab r USING (line)
JOIN annex_code x ON x.kind = 'D' AND x.code = l.code
GROUP BY l.line;

-- art.2 c.8-10, art.6: scale outcome per level: F failed, M missing, P passed (report-only: always P).
CREATE TABLE scale_outcome AS
SELECT r.line, s.level,
    CASE WHEN p('scales_required') = 0 THEN 'P'
         WHEN bool_or(v.value IS NOT NULL AND (v.value < s.min OR v.value > s.max)) THEN 'F'
         WHEN bool_or(v.value IS NULL) THEN 'M' ELSE 'P' END AS outcome
FROM rehab r
JOIN scale_range s ON (s.scale <> 'barthel_dyspnoea' OR r.mdc = 4) AND (s.scale <> 'six_minute_walk_m' OR r.mdc = 5)
CROSS JOIN LATERAL (SELECT CASE s.scale WHEN 'rankin' THEN r.rankin WHEN 'barthel' THEN r.barthel
    WHEN 'barthel_dyspnoea' THEN r.barthel_dyspnoea WHEN 'six_minute_walk_m' THEN r.six_minute_walk_m ELSE r.rcs END AS value) v
GROUP BY r.line, s.level;

CREATE TABLE scales AS
SELECT line,
    max(outcome) FILTER (WHERE level = '56a') AS s56a, max(outcome) FILTER (WHERE level = '56b') AS s56b,
    max(outcome) FILTER (WHERE level = '56c') AS s56c, max(outcome) FILTER (WHERE level = '28') AS s28,
    max(outcome) FILTER (WHERE level = '75') AS s75
FROM scale_outcome GROUP BY line;

-- art.3 c.4: an earlier rehab stay in continuity with the same acute stay.
CREATE TABLE readmission AS
SELECT DISTINCT r.line FROM rehab r JOIN link l USING (line) JOIN rehab e ON e.patient_id = r.patient_id
WHERE e.record_id <> r.record_id AND e.adm >= l.acute_dis AND e.adm - l.acute_dis <= p('continuity_days')
  AND e.adm < r.adm AND e.dis <= r.adm;

-- art.4 c.4: the stay a same-discipline transfer came from (discharged the admission day or the day before).
CREATE TABLE transfer_source AS
SELECT r.line, s.dis - s.adm AS source_los FROM rehab r JOIN rehab s
  ON s.patient_id = r.patient_id AND s.record_id <> r.record_id AND s.discipline = r.discipline
 AND r.adm - s.dis IN (0, 1) AND s.adm <= r.adm
WHERE r.tf = r.discipline
QUALIFY row_number() OVER (PARTITION BY r.line ORDER BY s.dis DESC, s.record_id DESC) = 1;

CREATE TABLE facts AS
SELECT r.*, c.* EXCLUDE (line), l.acute_id, l.acute_dis,
    coalesce(n.need_56a, 3) AS need_56a,
    c.a2_all >= 1 AND c.a3_all >= 1 AND NOT (c.a2_all = 1 AND c.a3_all = 1 AND c.a2_one = c.a3_one) AS spinal_and_complex,
    (r.adm - l.acute_dis) AS interval_days,
    year(r.adm) - year(r.birth) - CASE WHEN month(r.adm) * 100 + day(r.adm) < month(r.birth) * 100 + day(r.birth) THEN 1 ELSE 0 END AS age,
    (r.dis - r.adm) AS los,
    coalesce(aa.acute_a4, false) AS acute_a4, coalesce(aa.acute_a1, false) AS acute_a1, coalesce(aa.acute_a2, false) AS acute_a2,
    ra.line IS NOT NULL AS readmission,
    ts.source_los,
    coalesce(a5.days, a5any.days) AS annex5_limit,
    tl.days AS transfer_limit,
    coalesce(sc.s56a, 'P') AS s56a, coalesce(sc.s56b, 'P') AS s56b, coalesce(sc.s56c, 'P') AS s56c,
    coalesce(sc.s28, 'P') AS s28, coalesce(sc.s75, 'P') AS s75
FROM rehab r
JOIN counts c USING (line)
LEFT JOIN need n USING (line)
LEFT JOIN link l USING (line)
LEFT JOIN acute_annex aa USING (line)
LEFT JOIN readmission ra USING (line)
LEFT JOIN transfer_source ts USING (line)
LEFT JOIN scales sc USING (line)
LEFT JOIN annex5 a5 ON a5.discipline = r.discipline AND a5.mdc = r.mdc
LEFT JOIN annex5 a5any ON a5any.discipline = r.discipline AND a5any.mdc = 0
LEFT JOIN transfer_limit tl ON tl.mdc = r.mdc;

-- Outcomes as 'verdict|article|level'; levels tried from the most complex down (first met with
-- scales passed → appropriate; else first met with scales missing → not assessable).
CREATE TABLE verdicts AS
WITH judged AS (
SELECT f.line, f.record_id, f.acute_id, f.interval_days,
    CASE
        -- art.1 c.1 scope
        WHEN f.discipline NOT IN (SELECT value FROM scope_value WHERE key = 'discipline')
          OR f.regime NOT IN (SELECT value FROM scope_value WHERE key = 'regime')
          OR f.mdc NOT IN (SELECT value FROM scope_value WHERE key = 'mdc')
          OR f.age < p('min_age')
          OR f.mode IN (SELECT mode FROM excluded_mode) THEN 'out_of_scope|art.1 c.1|'
        -- art.4 c.4 transfers
        WHEN f.tf = f.discipline AND f.discipline IN (28, 75) THEN 'appropriate|art.4 c.4|' || f.discipline
        WHEN f.tf = f.discipline AND f.transfer_limit IS NULL THEN 'not_assessable|art.4 c.4|'
        WHEN f.tf = f.discipline THEN CASE WHEN f.los + coalesce(f.source_los, 0) <= f.transfer_limit THEN 'appropriate|art.4 c.4|' ELSE 'inappropriate|art.4 c.4|' END
        -- art.2 c.2-3, art.3 c.4, art.3 c.6 → art.4; else art.3
        WHEN f.acute_id IS NULL OR f.readmission
          OR (f.discipline IN (56, 28) AND f.annex5_limit IS NOT NULL AND f.interval_days > f.annex5_limit) THEN art4
        WHEN f.discipline = 56 THEN CASE
            WHEN f.a3_all >= f.need_56a AND f.s56a = 'P' THEN 'appropriate|art.3 c.1 lett.b|56a'
            WHEN f.a3_all >= 2 AND f.s56b = 'P' THEN 'appropriate|art.3 c.1 lett.c|56b'
            WHEN f.acute_a4 AND f.s56c = 'P' THEN 'appropriate|art.3 c.1 lett.a|56c'
            WHEN f.a3_all >= f.need_56a AND f.s56a = 'M' THEN 'not_assessable|art.3 c.1 lett.b|56a'
            WHEN f.a3_all >= 2 AND f.s56b = 'M' THEN 'not_assessable|art.3 c.1 lett.c|56b'
            WHEN f.acute_a4 AND f.s56c = 'M' THEN 'not_assessable|art.3 c.1 lett.a|56c'
            ELSE 'inappropriate|art.3 c.1|' END
        WHEN f.discipline = 75 THEN CASE
            WHEN NOT (f.mdc = 1 AND f.acute_a1) THEN 'inappropriate|art.3 c.2|'
            WHEN f.s75 = 'P' THEN 'appropriate|art.3 c.2|75'
            WHEN f.s75 = 'M' THEN 'not_assessable|art.3 c.2|75'
            ELSE 'inappropriate|art.3 c.2|' END
        ELSE CASE
            WHEN NOT (f.mdc = 1 AND f.acute_a2) THEN 'inappropriate|art.3 c.3|'
            WHEN f.s28 = 'P' THEN 'appropriate|art.3 c.3|28'
            WHEN f.s28 = 'M' THEN 'not_assessable|art.3 c.3|28'
            ELSE 'inappropriate|art.3 c.3|' END
    END AS outcome
FROM facts f,
LATERAL (SELECT CASE
    -- art.4 c.1 lett.a-d (56)
    WHEN f.discipline = 56 THEN CASE
        WHEN f.principal_a3 AND f.a3_others >= f.need_56a AND f.s56a = 'P' THEN 'appropriate|art.4 c.1 lett.a|56a'
        WHEN f.a2_dx >= 2 AND f.s56a = 'P' THEN 'appropriate|art.4 c.1 lett.b|56a'
        WHEN f.principal_a3 AND f.a3_others >= 2 AND f.s56b = 'P' THEN 'appropriate|art.4 c.1 lett.c|56b'
        WHEN f.principal_a3 AND f.a3_others >= 1 AND f.s56c = 'P' THEN 'appropriate|art.4 c.1 lett.d|56c'
        WHEN f.principal_a3 AND f.a3_others >= f.need_56a AND f.s56a = 'M' THEN 'not_assessable|art.4 c.1 lett.a|56a'
        WHEN f.a2_dx >= 2 AND f.s56a = 'M' THEN 'not_assessable|art.4 c.1 lett.b|56a'
        WHEN f.principal_a3 AND f.a3_others >= 2 AND f.s56b = 'M' THEN 'not_assessable|art.4 c.1 lett.c|56b'
        WHEN f.principal_a3 AND f.a3_others >= 1 AND f.s56c = 'M' THEN 'not_assessable|art.4 c.1 lett.d|56c'
        ELSE 'inappropriate|art.4 c.1|' END
    -- art.4 c.2 (75)
    WHEN f.discipline = 75 THEN CASE
        WHEN NOT (f.mdc = 1 AND f.a1_dx > 0) THEN 'inappropriate|art.4 c.2|'
        WHEN f.s75 = 'P' THEN 'appropriate|art.4 c.2|75'
        WHEN f.s75 = 'M' THEN 'not_assessable|art.4 c.2|75'
        ELSE 'inappropriate|art.4 c.2|' END
    -- art.4 c.3 (28)
    ELSE CASE
        WHEN NOT f.spinal_and_complex THEN 'inappropriate|art.4 c.3|'
        WHEN f.s28 = 'P' THEN 'appropriate|art.4 c.3|28'
        WHEN f.s28 = 'M' THEN 'not_assessable|art.4 c.3|28'
        ELSE 'inappropriate|art.4 c.3|' END
    END AS art4) a4
)
SELECT line, record_id, split_part(outcome, '|', 1) AS verdict, acute_id IS NOT NULL AS post_acute, acute_id AS acute_record_id,
       interval_days, split_part(outcome, '|', 2) AS article, split_part(outcome, '|', 3) AS level
FROM judged;
