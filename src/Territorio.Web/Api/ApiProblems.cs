using Microsoft.AspNetCore.Http;

namespace Territorio.Web.Api;

/// <summary>RFC 7807 problem details in Italian, the users' terms.</summary>
public static class ApiProblems
{
    private static readonly Dictionary<int, string> Titles = new()
    {
        [StatusCodes.Status400BadRequest] = "Richiesta non valida",
        [StatusCodes.Status401Unauthorized] = "Autenticazione richiesta",
        [StatusCodes.Status403Forbidden] = "Accesso non consentito",
        [StatusCodes.Status404NotFound] = "Risorsa non trovata",
        [StatusCodes.Status405MethodNotAllowed] = "Metodo non consentito",
        [StatusCodes.Status409Conflict] = "Operazione in conflitto con lo stato attuale",
        [StatusCodes.Status413PayloadTooLarge] = "Richiesta troppo grande",
        [StatusCodes.Status415UnsupportedMediaType] = "Formato non supportato",
        [StatusCodes.Status422UnprocessableEntity] = "Dati non elaborabili",
        [StatusCodes.Status429TooManyRequests] = "Troppe richieste",
        [StatusCodes.Status500InternalServerError] = "Errore interno del server",
    };

    // The framework's English defaults; a title we set ourselves is kept.
    private static readonly HashSet<string> EnglishDefaults = new(StringComparer.Ordinal)
    {
        "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Conflict",
        "Unsupported Media Type", "Payload Too Large", "Unprocessable Entity", "Too Many Requests", "Internal Server Error",
        "An error occurred while processing your request.", "One or more validation errors occurred.",
    };

    public static string TitleOf(int status) => Titles.GetValueOrDefault(status, "Errore");

    /// <summary>Longest detail of a problem.</summary>
    public const int MaxDetailLength = 500;

    public static void Translate(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        int status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Title is null || EnglishDefaults.Contains(problem.Title))
        {
            problem.Title = problem is HttpValidationProblemDetails ? "Dati non validi" : TitleOf(status);
        }

        // Framework details (binding failures) are in English and may echo internals.
        if (problem.Detail is { } detail && (detail.StartsWith("Failed to", StringComparison.Ordinal) || detail.StartsWith("Required parameter", StringComparison.Ordinal) || detail.StartsWith("Implicit body", StringComparison.Ordinal)))
        {
            problem.Detail = "Il corpo o i parametri della richiesta non sono nel formato atteso.";
        }

        if (problem.Detail is null && status == StatusCodes.Status400BadRequest && problem is not HttpValidationProblemDetails)
        {
            problem.Detail = "Il corpo o i parametri della richiesta non sono nel formato atteso.";
        }

        problem.Extensions.Remove("exception");

        // A detail may quote what the caller sent: never at length (a 1 MB id must not come back).
        if (problem.Detail is { Length: > MaxDetailLength } detailText)
        {
            problem.Detail = detailText[..MaxDetailLength] + "…";
        }
    }

    /// <summary>Collects field errors, then answers 400 with all of them at once.</summary>
    public sealed class Validation
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public bool IsValid => _errors.Count == 0;

        public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

        public Validation Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(message);
            return this;
        }

        /// <summary>A required text of at most <paramref name="maxLength"/> characters (reasons, notes, codes: docs/security.md, "Limits").</summary>
        public Validation Required(string field, string? value, string label, int maxLength = CareManagement.Common.Change.MaxReasonLength) =>
            string.IsNullOrWhiteSpace(value) ? Add(field, $"{label}: campo obbligatorio")
            : value.Length > maxLength ? Add(field, $"{label}: al massimo {maxLength} caratteri")
            : this;

        public IResult Problem() => TypedResults.ValidationProblem(
            Errors,
            title: "Dati non validi",
            detail: "Correggere i campi indicati e riprovare.");
    }
}
