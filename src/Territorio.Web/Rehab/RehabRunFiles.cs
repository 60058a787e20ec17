using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territorio.Flows.Reference;
using Territorio.Rehab.Contests;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Rehab;

/// <summary>
/// The downloads of a run, in the layouts of <c>territorio rehab check</c> (<c>--out</c>,
/// <c>--json</c>, <c>--errors</c>), streamed from the database row by row. A structure gets its
/// own admissions only, and no rejected rows. The verdicts carry their contest (decision 0200):
/// columns after the CLI's in the CSV, a <c>contest</c> object in the JSON lines.
/// </summary>
public sealed class RehabRunFiles(RehabRunQuery query, VerdictContests contests, ReferenceData reference)
{
    public const string ErrorsHeader = "file,line,column,value,reason";

    /// <summary>Added after the CLI's columns, which keep their names and order; empty for a verdict nobody contested.</summary>
    public const string ContestColumns = "contest_state,contest_note,contested_by,contested_at,contest_decided_by,contest_decided_at,contest_decision_reason";

    /// <summary>Added last (issue 16, people read names): the admission's discipline and its name ("32", "Neurologia").</summary>
    public const string DisciplineColumns = "discipline,discipline_name";

    public IResult VerdictsCsv(HttpContext http, RehabRunView view) =>
        Download(http, "text/csv; charset=utf-8", $"giudizi-{view.Run.Id}.csv", (writer, ct) => WriteCsvAsync(view, writer, ct));

    public IResult VerdictsJsonLines(HttpContext http, RehabRunView view) =>
        Download(http, "application/x-ndjson; charset=utf-8", $"giudizi-{view.Run.Id}.jsonl", (writer, ct) => WriteJsonLinesAsync(view, writer, ct));

    public IResult ErrorsCsv(HttpContext http, RehabRunView view) =>
        Download(http, "text/csv; charset=utf-8", $"scarti-{view.Run.Id}.csv", (writer, ct) => WriteErrorsAsync(view, writer, ct));

    /// <summary>For a page handler: the download when the account may see the run, else 404.</summary>
    public async Task<IActionResult> ForPageAsync(HttpContext http, long runId, Func<HttpContext, RehabRunView, IResult> file, CancellationToken ct) =>
        await query.OpenAsync(Actor.From(http.User), runId, ct) is { } view ? new HttpResultAction(file(http, view)) : new NotFoundResult();

    private static PushStreamHttpResult Download(HttpContext http, string contentType, string fileName, Func<StreamWriter, CancellationToken, Task> write)
    {
        // Health data: never kept by a browser or proxy cache.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            await write(writer, http.RequestAborted);
        }, contentType, fileName);
    }

    private async Task WriteCsvAsync(RehabRunView view, StreamWriter writer, CancellationToken ct)
    {
        string ruleSet = RehabPipelineAdapter.CsvField($"{view.Run.RuleSetId} {view.Run.RuleSetVersion}{(view.Run.RuleSetProvisional ? " PROVISIONAL" : "")}");
        var contested = await contests.OfRunAsync(view, ct);
        var disciplines = reference.Disciplines;
        await writer.WriteAsync(RehabPipelineAdapter.VerdictCsvHeader + "," + ContestColumns + "," + DisciplineColumns + "\n");
        await foreach (var v in query.AllVerdicts(view).WithCancellation(ct))
        {
            string reasons = StoredVerdicts.ReasonsOf(StoredVerdicts.ChecksOf(v));
            var c = contested.GetValueOrDefault(v.Line);
            await writer.WriteAsync(string.Join(',',
                RehabPipelineAdapter.CsvField(v.RecordId),
                v.Verdict,
                v.PostAcute ? "true" : "false",
                RehabPipelineAdapter.CsvField(v.AcuteRecordId ?? ""),
                v.IntervalDays?.ToString(CultureInfo.InvariantCulture) ?? "",
                v.Article,
                v.Level,
                RehabPipelineAdapter.CsvField(reasons),
                ruleSet,
                c is null ? "" : VerdictContest.Code(c.State),
                RehabPipelineAdapter.CsvField(c?.Note ?? ""),
                RehabPipelineAdapter.CsvField(c?.OpenedBy ?? ""),
                Instant(c?.OpenedAtUtc),
                RehabPipelineAdapter.CsvField(c?.DecidedBy ?? ""),
                Instant(c?.DecidedAtUtc),
                RehabPipelineAdapter.CsvField(c?.DecisionReason ?? ""),
                v.Discipline.ToString("00", CultureInfo.InvariantCulture),
                RehabPipelineAdapter.CsvField(disciplines.NameOf(v.Discipline) ?? "")) + "\n");
        }
    }

    private async Task WriteJsonLinesAsync(RehabRunView view, StreamWriter writer, CancellationToken ct)
    {
        var ruleSet = new Dictionary<string, string>
        {
            ["id"] = view.Run.RuleSetId,
            ["version"] = view.Run.RuleSetVersion,
            ["status"] = view.Run.RuleSetProvisional ? "PROVISIONAL" : view.Run.RuleSetStatus,
        };
        var contested = await contests.OfRunAsync(view, ct);
        await foreach (var v in query.AllVerdicts(view).WithCancellation(ct))
        {
            var checks = StoredVerdicts.ChecksOf(v);
            var line = new Dictionary<string, object?>
            {
                ["record_id"] = v.RecordId,
                ["line"] = v.Line,
                ["verdict"] = v.Verdict,
                ["post_acute"] = v.PostAcute,
                ["acute_record_id"] = v.AcuteRecordId,
                ["interval_days"] = v.IntervalDays,
                ["article"] = v.Article,
                ["level"] = v.Level,
                ["ruleset"] = ruleSet,
                ["checks"] = checks,
                ["reasons"] = StoredVerdicts.ReasonsOf(checks),
                ["contest"] = contested.TryGetValue(v.Line, out var c) ? ContestDto.Of(c) : null,
            };
            await writer.WriteAsync(StoredVerdicts.Serialize(line) + "\n");
        }
    }

    /// <summary>An instant in UTC, ISO 8601 to the second (machine-readable, like the CLI's dates); empty when absent.</summary>
    private static string Instant(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private async Task WriteErrorsAsync(RehabRunView view, StreamWriter writer, CancellationToken ct)
    {
        string file = RehabPipelineAdapter.CsvField(view.Run.FileName);
        await writer.WriteAsync(ErrorsHeader + "\n");
        await foreach (var e in query.AllErrors(view).WithCancellation(ct))
        {
            await writer.WriteAsync(string.Join(',',
                file,
                e.Line.ToString(CultureInfo.InvariantCulture),
                RehabPipelineAdapter.CsvField(e.Column),
                RehabPipelineAdapter.CsvField(e.Value),
                RehabPipelineAdapter.CsvField(e.Reason)) + "\n");
        }
    }
}

/// <summary>Lets a page handler answer with a minimal-API result (the downloads are shared with the API).</summary>
public sealed class HttpResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
