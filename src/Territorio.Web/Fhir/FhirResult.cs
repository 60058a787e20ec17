using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Territorio.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Territorio.Web.Fhir;

/// <summary>A FHIR resource as the answer, in the format the request asks for (<see cref="FhirFormat"/>).</summary>
internal sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK) : IResult
{
    public Resource Resource => resource;

    public int Status => status;

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext.Response, resource, status);

    /// <summary>Writes the resource; an unknown <c>_format</c> answers 406 with an OperationOutcome in JSON.</summary>
    public static Task WriteAsync(HttpResponse response, Resource resource, int status)
    {
        var request = response.HttpContext.Request;
        FhirFormat format;
        if (request.Query.TryGetValue("_format", out var asked) && asked.ToString() is { Length: > 0 } value)
        {
            if (FhirFormat.FromParameter(value) is not { } named)
            {
                return Write(response, FhirFormat.Json, FhirOutcomes.Error(OperationOutcome.IssueType.NotSupported, $"formato '{value}' non supportato: usare json o xml"), StatusCodes.Status406NotAcceptable);
            }

            format = named;
        }
        else
        {
            format = FhirFormat.FromAccept(request.GetTypedHeaders().Accept.Select(a => (a.MediaType.ToString(), a.Quality ?? 1.0)));
        }

        return Write(response, format, resource, status);
    }

    private static Task Write(HttpResponse response, FhirFormat format, Resource resource, int status)
    {
        response.StatusCode = status;
        response.ContentType = format.MediaType + "; charset=utf-8";
        response.Headers[HeaderNames.Vary] = HeaderNames.Accept;
        return response.WriteAsync(format.Serialize(resource), System.Text.Encoding.UTF8);
    }
}

/// <summary>The OperationOutcomes the FHIR interface answers instead of an empty body or an HTML page.</summary>
internal static class FhirOutcomes
{
    public static OperationOutcome Error(OperationOutcome.IssueType type, string text) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = text }],
    };

    /// <summary>For a status written without a body (the bearer challenge, a refused policy, an unmatched route).</summary>
    public static OperationOutcome ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Error(OperationOutcome.IssueType.Login, "autenticazione richiesta: inviare 'Authorization: Bearer <token>' (POST /api/token)"),
        StatusCodes.Status403Forbidden => Error(OperationOutcome.IssueType.Forbidden, "il ruolo dell'utente non consente questa richiesta"),
        StatusCodes.Status404NotFound => Error(OperationOutcome.IssueType.NotFound, "risorsa non trovata"),
        StatusCodes.Status405MethodNotAllowed => Error(OperationOutcome.IssueType.NotSupported, "operazione non supportata su questa risorsa"),
        >= 500 => Error(OperationOutcome.IssueType.Exception, "errore interno del server: la richiesta non è stata eseguita"),
        _ => Error(OperationOutcome.IssueType.Invalid, $"richiesta non valida (HTTP {status})"),
    };
}
