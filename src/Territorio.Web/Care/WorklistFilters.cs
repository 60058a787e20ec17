using Territorio.CareManagement.Application.CaseManagement;

namespace Territorio.Web.Care;

/// <summary>A filter value that could not be used: the query parameter it came from and why, in Italian.</summary>
public sealed record WorklistFilterError(string Parameter, string Message);

/// <summary>
/// The worklist's filters as query parameters, one vocabulary for the screen and its REST route
/// (same names, same values, same checks): <c>livello</c>, <c>patologia</c>, <c>patto</c>,
/// <c>aderenza-sotto</c>, <c>case-manager</c> (an account, <c>miei</c>, <c>nessuno</c>, <c>tutti</c>), <c>ordine</c>.
/// </summary>
public static class WorklistFilters
{
    public const string Mine = "miei";
    public const string Nobody = "nessuno";
    public const string Everyone = "tutti";

    public static readonly IReadOnlyList<(string Code, string Label, WorklistPactState State)> PactStates =
    [
        ("in-scadenza", $"in scadenza (entro {CareManagement.Pacts.PattoDiCura.RenewalWindowDays} giorni)", WorklistPactState.Expiring),
        ("senza-pai", "senza PAI in vigore", WorklistPactState.WithoutPai),
        ("con-pai", "con PAI in vigore", WorklistPactState.WithPai),
    ];

    public static readonly IReadOnlyList<(string Code, string Label, WorklistSort Sort)> Sorts =
    [
        ("urgenza", "urgenza", WorklistSort.Urgency),
        ("livello", "livello", WorklistSort.Level),
        ("aderenza", "aderenza (più bassa prima)", WorklistSort.Adherence),
        ("scadenza", "scadenza del patto", WorklistSort.PactEnd),
    ];

    /// <summary>The filter the values ask for; a value that cannot be used is left out and reported in <paramref name="errors"/>.</summary>
    public static WorklistFilter Parse(
        string? level,
        string? pathology,
        string? pactState,
        string? adherenceBelow,
        string? caseManager,
        string? sort,
        string me,
        IReadOnlyDictionary<string, string> pathologies,
        IEnumerable<CaseManagerAccount> managers,
        List<WorklistFilterError> errors)
    {
        var filter = WorklistFilter.None;
        if (!string.IsNullOrEmpty(level))
        {
            if (int.TryParse(level, out int value) && value is >= 1 and <= 3)
            {
                filter = filter with { Level = value };
            }
            else
            {
                errors.Add(new("livello", $"Livello «{level}» non valido: scegliere 1, 2 o 3."));
            }
        }

        if (!string.IsNullOrEmpty(pathology))
        {
            if (pathologies.ContainsKey(pathology))
            {
                filter = filter with { Pathology = pathology };
            }
            else
            {
                errors.Add(new("patologia", $"La patologia «{pathology}» non è nel catalogo regionale."));
            }
        }

        if (!string.IsNullOrEmpty(pactState))
        {
            var state = PactStates.FirstOrDefault(s => s.Code == pactState);
            if (state.Code is null)
            {
                errors.Add(new("patto", $"Stato del patto «{pactState}» non valido: {string.Join(", ", PactStates.Select(s => s.Code))}."));
            }
            else
            {
                filter = filter with { PactState = state.State };
            }
        }

        if (!string.IsNullOrEmpty(adherenceBelow))
        {
            if (int.TryParse(adherenceBelow, out int threshold) && threshold is >= 1 and <= 100)
            {
                filter = filter with { AdherenceBelow = threshold };
            }
            else
            {
                errors.Add(new("aderenza-sotto", $"Soglia di aderenza «{adherenceBelow}» non valida: un numero da 1 a 100."));
            }
        }

        switch (caseManager)
        {
            case null or "" or Everyone:
                break;
            case Mine:
                filter = filter with { CaseManager = me };
                break;
            case Nobody:
                filter = filter with { Unassigned = true };
                break;
            default:
                if (managers.Any(m => m.UserName == caseManager))
                {
                    filter = filter with { CaseManager = caseManager };
                }
                else
                {
                    errors.Add(new("case-manager", $"«{caseManager}» non è un case manager del Gestore."));
                }

                break;
        }

        if (!string.IsNullOrEmpty(sort))
        {
            var order = Sorts.FirstOrDefault(s => s.Code == sort);
            if (order.Code is null)
            {
                errors.Add(new("ordine", $"Ordine «{sort}» non valido: {string.Join(", ", Sorts.Select(s => s.Code))}."));
            }
            else
            {
                filter = filter with { Sort = order.Sort };
            }
        }

        return filter;
    }
}
