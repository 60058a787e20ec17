using System.Reflection;
using DuckDB.NET.Data;
using Territorio.Kernel.Codes;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.DuckDb;

/// <summary>One verdict as the SQL decides it (no reasons: the oracle compares decisions).</summary>
public sealed record SqlVerdict(long Line, string RecordId, string Verdict, bool PostAcute, string? AcuteRecordId, int? IntervalDays, string Article, string Level);

/// <summary>
/// DM 5/8/2021 written as SQL over the SDO CSV in DuckDB (RehabCheck.sql): the differential
/// oracle of the engine and its performance peer. The rule set becomes tables; the SQL reads the
/// CSV itself.
/// </summary>
public sealed class RehabDuckDbCheck(RuleSet rules)
{
    public static string Sql
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RehabCheck.sql")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Runs the decision and returns every verdict in file order.</summary>
    public List<SqlVerdict> Run(string sdoPath, string? memoryLimit = null)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        if (memoryLimit is not null)
        {
            Execute(connection, $"SET memory_limit = '{memoryLimit}'");
        }

        LoadRules(connection);
        Execute(connection, Sql.Replace("{sdo}", sdoPath.Replace("'", "''"), StringComparison.Ordinal));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT line, record_id, verdict, post_acute, acute_record_id, interval_days::INT, article, level FROM verdicts ORDER BY line";
        using var reader = command.ExecuteReader();
        var verdicts = new List<SqlVerdict>();
        while (reader.Read())
        {
            verdicts.Add(new SqlVerdict(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetString(6), reader.GetString(7)));
        }

        return verdicts;
    }

    private void LoadRules(DuckDBConnection connection)
    {
        Execute(connection, """
            CREATE TABLE annex_code (list VARCHAR, mdc INT, kind VARCHAR, code VARCHAR);
            CREATE TABLE annex3_exception (code VARCHAR, kind VARCHAR, min_codes INT);
            CREATE TABLE annex5 (discipline INT, mdc INT, days INT);
            CREATE TABLE scale_range (level VARCHAR, scale VARCHAR, min INT, max INT);
            CREATE TABLE transfer_limit (mdc INT, days INT);
            CREATE TABLE scope_value (key VARCHAR, value INT);
            CREATE TABLE excluded_mode (mode VARCHAR);
            CREATE TABLE param (key VARCHAR, value INT);
            """);
        using (var annex = connection.CreateAppender("annex_code"))
        {
            void Add(string list, int mdc, CodeList codes)
            {
                foreach (var code in codes.Codes)
                {
                    annex.CreateRow().AppendValue(list).AppendValue(mdc).AppendValue(Kind(code)).AppendValue(code.Value).EndRow();
                }
            }

            Add("annex1", 0, rules.Annex1);
            Add("annex2", 0, rules.Annex2);
            Add("annex3", 0, rules.Annex3);
            foreach (var (mdc, list) in rules.Annex4)
            {
                Add("annex4", mdc, list);
            }
        }

        using (var exceptions = connection.CreateAppender("annex3_exception"))
        {
            foreach (var exception in rules.Annex3Exceptions)
            {
                foreach (var code in exception.Codes.Codes)
                {
                    exceptions.CreateRow().AppendValue(code.Value).AppendValue(Kind(code)).AppendValue(exception.MinCodes).EndRow();
                }
            }
        }

        using (var annex5 = connection.CreateAppender("annex5"))
        {
            foreach (var ((discipline, mdc), days) in rules.Annex5.Days)
            {
                annex5.CreateRow().AppendValue(discipline).AppendValue(mdc).AppendValue(days).EndRow();
            }
        }

        using (var scales = connection.CreateAppender("scale_range"))
        {
            foreach (var (level, ranges) in rules.Scales.ByLevel)
            {
                foreach (var range in ranges)
                {
                    scales.CreateRow().AppendValue(level).AppendValue(ScaleNames.Of(range.Scale)).AppendValue(range.Min).AppendValue(range.Max).EndRow();
                }
            }
        }

        using (var transfers = connection.CreateAppender("transfer_limit"))
        {
            foreach (var (mdc, days) in rules.Transfers.MaxStayByMdc)
            {
                transfers.CreateRow().AppendValue(mdc).AppendValue(days).EndRow();
            }
        }

        using (var scope = connection.CreateAppender("scope_value"))
        {
            foreach (var (key, values) in new[] { ("discipline", rules.Scope.Disciplines), ("regime", rules.Scope.Regimes), ("mdc", rules.Scope.Mdcs) })
            {
                foreach (int value in values)
                {
                    scope.CreateRow().AppendValue(key).AppendValue(value).EndRow();
                }
            }
        }

        using (var modes = connection.CreateAppender("excluded_mode"))
        {
            foreach (string mode in rules.Scope.ExcludedDischargeModes)
            {
                modes.CreateRow().AppendValue(mode).EndRow();
            }
        }

        using var parameters = connection.CreateAppender("param");
        foreach (var (key, value) in new[]
        {
            ("lookback_months", rules.Linkage.LookbackMonths), ("continuity_days", rules.Linkage.ContinuityDays),
            ("min_age", rules.Scope.MinAge), ("scales_required", rules.Scales.Mode == ScaleMode.Required ? 1 : 0),
        })
        {
            parameters.CreateRow().AppendValue(key).AppendValue(value).EndRow();
        }
    }

    private static string Kind(Icd9CmCode code) => code.Kind == Icd9CmKind.Diagnosis ? "D" : "P";

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
