using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

public sealed record AccessLogEntryDto(DateTime AtUtc, string UserName, string Roles, string PatientId, string Resource, bool Granted, long? PactId = null)
{
    /// <summary>"Maria Rossi (RSSMRA…)" beside <see cref="PatientId"/>; the id when the registry has no name.</summary>
    public string? PatientName { get; init; }

    /// <summary>The account's display name with its user name beside <see cref="UserName"/>.</summary>
    public string? UserDisplayName { get; init; }
}

public sealed record AccessLogResponse(int Total, int Page, int PageSize, IReadOnlyList<AccessLogEntryDto> Entries);

public static class AuditEndpoints
{
    public static void MapAuditApi(this RouteGroupBuilder api) =>
        api.MapGet("/ats/accessi", FindAsync)
            .RequireAuthorization(Policies.Ats)
            .WithTags("ATS")
            .WithSummary("Registro delle letture dei dati degli assistiti del territorio dell'ATS (date gg/mm/aaaa o aaaa-mm-gg).");

    private static async Task<Results<Ok<AccessLogResponse>, ValidationProblem>> FindAsync(
        HttpContext http, AccessLogQuery query, string? paziente, string? utente, string? dal, string? al, int? pagina, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation();
        var from = ParseDay(dal, "dal", validation);
        var to = ParseDay(al, "al", validation);
        if (from > to)
        {
            validation.Add("al", "la data finale precede la data iniziale");
        }

        if (!Paging.IsValid(pagina))
        {
            validation.Add("pagina", Paging.Refusal);
        }

        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.Problem();
        }

        var page = await query.FindAsync(Actor.From(http.User), new AccessLogFilter(paziente, utente, from, to, pagina ?? 1), ct);
        return TypedResults.Ok(new AccessLogResponse(page.Total, page.Page, page.PageSize,
            [.. page.Entries.Select(e => new AccessLogEntryDto(DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), e.UserName, e.Roles, e.PatientId, e.Resource, e.Granted, e.PactId)
            {
                PatientName = page.Patient(e.PatientId),
                UserDisplayName = page.User(e.UserName),
            })]));
    }

    /// <summary>A day typed as gg/mm/aaaa (or aaaa-mm-gg, as links carry it); the error names the field by its <paramref name="label"/> when given.</summary>
    internal static DateOnly? ParseDay(string? text, string field, ApiProblems.Validation validation, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ItalianFormat.TryParseDate(text, out var day))
        {
            return day;
        }

        validation.Add(field, $"{(label is null ? "" : label + ": ")}data non valida: \"{(text.Length > 40 ? text[..40] + "…" : text)}\" (usare gg/mm/aaaa, dal 1900 al 2199)");
        return null;
    }
}
