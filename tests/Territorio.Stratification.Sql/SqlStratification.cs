using System.Globalization;
using DuckDB.NET.Data;
using Territorio.Stratification.Criteria;

namespace Territorio.Stratification.Sql;

/// <summary>The five input files of a stratification, for the SQL version.</summary>
public sealed record SqlInputs(string Persons, string Sdo, string Drugs, string Exemptions, string Outpatient);

/// <summary>One person's result in SQL: level (0 = deceased, excluded) and pathologies, main first.</summary>
public sealed record SqlOutcome(int Level, string Pathologies);

/// <summary>
/// The same classification as the engine, written as SQL for DuckDB over the same CSV files:
/// the criteria become a table, each flow is joined to it, thresholds are GROUP BY / HAVING,
/// hierarchies an anti-join, levels a CASE. It writes no evidence. Serves as a benchmark peer
/// and as the differential test oracle (docs/decisions/0044-sql-oracle.md).
/// </summary>
public sealed class SqlStratification(StratificationCriteria criteria, DateOnly asOf)
{
    /// <summary>Runs the classification; the result is the table <c>levels</c> of the connection.</summary>
    public void Run(DuckDBConnection connection, SqlInputs inputs)
    {
        foreach (string statement in Statements(inputs))
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Writes <c>levels</c> as CSV (person_id, level, main_pathology, pathologies).</summary>
    public static void CopyTo(DuckDBConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT person_id, CASE WHEN level = 0 THEN NULL ELSE level END AS level, main_pathology, pathologies FROM levels) TO {Literal(path)} (HEADER, DELIMITER ',')";
        command.ExecuteNonQuery();
    }

    public static Dictionary<string, SqlOutcome> Read(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT person_id, level, coalesce(pathologies, '') FROM levels";
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, SqlOutcome>(StringComparer.Ordinal);
        while (reader.Read())
        {
            result[reader.GetString(0)] = new SqlOutcome(reader.GetInt32(1), reader.GetString(2));
        }

        return result;
    }

    private IEnumerable<string> Statements(SqlInputs inputs)
    {
        string asOfSql = $"DATE '{asOf:yyyy-MM-dd}'";
        string useStart = $"DATE '{DateOnly.FromDayNumber(Engine.Stratifier.WindowStart(asOf, criteria.UseWindowMonths)):yyyy-MM-dd}'";
        yield return "CREATE OR REPLACE TEMP TABLE crit AS SELECT * FROM (VALUES " + CriteriaRows() + ") t(ci, pi, kind, code, window_start, min_count, min_packs, min_ddd, min_dates, min_age, max_age)";
        yield return "CREATE OR REPLACE TEMP TABLE path AS SELECT * FROM (VALUES " + PathologyRows() + ") t(pi, code, weight, cat_order)";
        var replaces = ReplaceRows().ToList();
        yield return "CREATE OR REPLACE TEMP TABLE hier (replacer INTEGER, replaced INTEGER)";
        if (replaces.Count > 0)
        {
            yield return "INSERT INTO hier VALUES " + string.Join(',', replaces);
        }

        yield return $"""
            CREATE OR REPLACE TEMP TABLE persons AS
            SELECT trim(person_id) AS person_id, CAST(birth_date AS DATE) AS birth, CAST(nullif(trim(death_date), '') AS DATE) AS death, row_number() OVER () AS ord
            FROM read_csv({Literal(inputs.Persons)}, header = true, all_varchar = true)
            """;
        yield return $"""
            CREATE OR REPLACE TEMP TABLE sdo AS
            SELECT record_id, trim(patient_id) AS person_id, CAST(discharge_date AS DATE) AS d, principal_dx, secondary_dx, procedures
            FROM read_csv({Literal(inputs.Sdo)}, header = true, all_varchar = true)
            WHERE CAST(discharge_date AS DATE) <= {asOfSql}
            """;
        yield return $"""
            CREATE OR REPLACE TEMP TABLE drugs AS
            SELECT trim(person_id) AS person_id, CAST(date AS DATE) AS d, trim(atc) AS atc, CAST(packs AS DOUBLE) AS packs, CAST(ddd AS DOUBLE) AS ddd
            FROM read_csv({Literal(inputs.Drugs)}, header = true, all_varchar = true)
            WHERE CAST(date AS DATE) <= {asOfSql}
            """;
        yield return $"""
            CREATE OR REPLACE TEMP TABLE outpatient AS
            SELECT trim(person_id) AS person_id, CAST(date AS DATE) AS d, trim(code) AS code
            FROM read_csv({Literal(inputs.Outpatient)}, header = true, all_varchar = true)
            WHERE CAST(date AS DATE) <= {asOfSql}
            """;
        yield return $"""
            CREATE OR REPLACE TEMP TABLE hits AS
            WITH sdo_codes AS (
                SELECT person_id, record_id, d, 0 AS kind, upper(replace(trim(c), '.', '')) AS code
                FROM sdo, unnest(string_split(principal_dx || '|' || coalesce(secondary_dx, ''), '|')) AS t(c) WHERE trim(c) <> ''
                UNION ALL
                SELECT person_id, record_id, d, 1 AS kind, upper(replace(trim(c), '.', '')) AS code
                FROM sdo, unnest(string_split(coalesce(procedures, ''), '|')) AS t(c) WHERE trim(c) <> ''
            ),
            sdo_prefixes AS (
                SELECT s.person_id, s.record_id, s.d, s.kind, left(s.code, n) AS prefix
                FROM sdo_codes s, range(2, 6) AS t(n) WHERE n <= length(s.code)
            ),
            sdo_hits AS (
                SELECT s.person_id, c.ci FROM sdo_prefixes s JOIN crit c ON c.kind = s.kind AND c.code = s.prefix AND s.d >= c.window_start
                GROUP BY s.person_id, c.ci, c.min_count HAVING count(DISTINCT s.record_id) >= c.min_count
            ),
            drug_hits AS (
                SELECT r.person_id, c.ci
                FROM (SELECT r.*, left(r.atc, n) AS prefix FROM drugs r, (VALUES (1), (3), (4), (5), (7)) AS t(n)) r
                JOIN crit c ON c.kind = 2 AND c.code = r.prefix AND r.d >= c.window_start
                GROUP BY r.person_id, c.ci, c.min_packs, c.min_ddd, c.min_dates
                HAVING sum(r.packs) >= c.min_packs AND sum(r.ddd) >= c.min_ddd AND count(DISTINCT r.d) >= c.min_dates
            ),
            exemption_hits AS (
                SELECT DISTINCT trim(e.person_id) AS person_id, c.ci
                FROM read_csv({Literal(inputs.Exemptions)}, header = true, all_varchar = true) e
                JOIN crit c ON c.kind = 3 AND trim(e.code) = c.code
                WHERE CAST(e.start_date AS DATE) <= {asOfSql} AND (nullif(trim(e.end_date), '') IS NULL OR CAST(nullif(trim(e.end_date), '') AS DATE) >= {asOfSql})
            ),
            outpatient_hits AS (
                SELECT o.person_id, c.ci
                FROM (SELECT o.*, o.code AS prefix FROM outpatient o
                      UNION ALL
                      SELECT o.*, array_to_string(list_slice(string_split(o.code, '.'), 1, n), '.') AS prefix
                      FROM outpatient o, range(1, 4) AS t(n) WHERE n < len(string_split(o.code, '.'))) o
                JOIN crit c ON c.kind = 4 AND c.code = o.prefix AND o.d >= c.window_start
                GROUP BY o.person_id, c.ci, c.min_count HAVING count(*) >= c.min_count
            ),
            all_hits AS (
                SELECT * FROM sdo_hits UNION ALL SELECT * FROM drug_hits UNION ALL SELECT * FROM exemption_hits UNION ALL SELECT * FROM outpatient_hits
            )
            SELECT DISTINCT h.person_id, c.pi
            FROM all_hits h JOIN crit c ON c.ci = h.ci JOIN persons p ON p.person_id = h.person_id
            WHERE date_sub('year', p.birth, {asOfSql}) BETWEEN c.min_age AND c.max_age
            """;
        yield return """
            CREATE OR REPLACE TEMP TABLE present AS
            SELECT h.* FROM hits h
            WHERE NOT EXISTS (SELECT 1 FROM hier r JOIN hits h2 ON h2.pi = r.replacer WHERE r.replaced = h.pi AND h2.person_id = h.person_id)
            """;
        yield return $"""
            CREATE OR REPLACE TEMP TABLE levels AS
            WITH used AS (
                SELECT person_id, max(d) AS last_use FROM (
                    SELECT person_id, d FROM sdo UNION ALL SELECT person_id, d FROM drugs UNION ALL SELECT person_id, d FROM outpatient)
                GROUP BY person_id
            ),
            ranked AS (
                SELECT p.person_id, count(*) AS n,
                       string_agg(CAST(path.code AS VARCHAR), '|' ORDER BY path.weight DESC, path.cat_order) AS pathologies,
                       arg_max(path.code, path.weight * 1000 - path.cat_order) AS main_pathology
                FROM present p JOIN path ON path.pi = p.pi GROUP BY p.person_id
            )
            SELECT p.person_id, p.ord,
                   CASE WHEN p.death < {asOfSql} THEN 0
                        WHEN r.n >= 4 THEN 1 WHEN r.n >= 2 THEN 2 WHEN r.n = 1 THEN 3
                        WHEN u.last_use >= {useStart} THEN 4 ELSE 5 END AS level,
                   CASE WHEN p.death < {asOfSql} THEN NULL ELSE r.main_pathology END AS main_pathology,
                   CASE WHEN p.death < {asOfSql} THEN NULL ELSE r.pathologies END AS pathologies
            FROM persons p LEFT JOIN ranked r ON r.person_id = p.person_id LEFT JOIN used u ON u.person_id = p.person_id
            ORDER BY p.ord
            """;
    }

    private string CriteriaRows()
    {
        var rows = new List<string>();
        int ci = 0;
        for (int pi = 0; pi < criteria.Pathologies.Count; pi++)
        {
            foreach (var c in criteria.Pathologies[pi].Criteria)
            {
                int kind = (int)c.Kind;
                string windowStart = c.Kind == CriterionKind.Exemption ? "1900-01-01" : $"{DateOnly.FromDayNumber(Engine.Stratifier.WindowStart(asOf, c.WindowMonths)):yyyy-MM-dd}";
                foreach (string code in c.Codes)
                {
                    string compact = c.Kind is CriterionKind.SdoDiagnosis or CriterionKind.SdoProcedure ? code.Replace(".", "", StringComparison.Ordinal) : code;
                    rows.Add(string.Create(CultureInfo.InvariantCulture,
                        $"({ci}, {pi}, {kind}, {Literal(compact)}, DATE '{windowStart}', {c.MinCount}, {c.MinPacks}::DOUBLE, {c.MinDdd}::DOUBLE, {c.MinDates}, {c.MinAge}, {Math.Min(c.MaxAge, 1000)})"));
                }

                ci++;
            }
        }

        return string.Join(",\n", rows);
    }

    private string PathologyRows() => string.Join(",\n", criteria.Pathologies.Select((p, pi) =>
        string.Create(CultureInfo.InvariantCulture, $"({pi}, {p.Pathology.Code}, {p.Weight}::DOUBLE, {p.Pathology.Order})")));

    private IEnumerable<string> ReplaceRows()
    {
        var index = criteria.Pathologies.Select((p, pi) => (p.Pathology.Code, pi)).ToDictionary(x => x.Code, x => x.pi);
        for (int pi = 0; pi < criteria.Pathologies.Count; pi++)
        {
            foreach (int replaced in criteria.Pathologies[pi].Replaces)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"({pi}, {index[replaced]})");
            }
        }
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
