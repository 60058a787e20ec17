using System.Runtime.CompilerServices;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Plans;

namespace Territorio.Web.Care;

/// <summary>Italian labels of the care path's states, as the screens show them.</summary>
public static class CareLabels
{
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, IReadOnlyList<KeyValuePair<string, string>>> ByNameOf = new();

    /// <summary>
    /// A catalogue (code → name) in Italian name order, as a filter lists it: sorted once per
    /// catalogue (a singleton), not on every view of the worklist.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ByName(IReadOnlyDictionary<string, string> catalogue) =>
        ByNameOf.GetValue(catalogue, static c => [.. c.OrderBy(p => p.Value, StringComparer.Create(ItalianFormat.Culture, ignoreCase: false))]);

    public static string Of(WorklistReason reason) => reason switch
    {
        WorklistReason.MissedBooking => "appuntamento mancato",
        WorklistReason.OverdueService => "prestazione scaduta",
        WorklistReason.PaiNotWritten => "PAI non ancora scritto",
        WorklistReason.PactExpiring => "patto in scadenza",
        WorklistReason.PaiToWrite => "nuovo patto: PAI da redigere",
        _ => reason.ToString(),
    };

    public static string Of(PaiItemKind kind) => kind switch
    {
        PaiItemKind.Service => "prestazione",
        PaiItemKind.Drug => "terapia farmacologica",
        PaiItemKind.Goal => "obiettivo di salute",
        PaiItemKind.Lifestyle => "stile di vita",
        PaiItemKind.Education => "intervento educativo",
        _ => kind.ToString(),
    };

    /// <summary>The contacts column of the worklist: how many, the last one, and whether the patient was reached about the findings.</summary>
    public static string Of(WorklistEntry entry) => entry.Contacts is not { } contacts
        ? "nessuno"
        : $"{contacts.Recent}, l'ultimo il {contacts.LastOn:dd/MM/yyyy} ({ContactNames.Italian(contacts.LastOutcome!.Value)})"
            + (entry.ContactedOn is { } on ? $" · contattato il {on:dd/MM/yyyy}" : "");

    public static string Of(PaiChangeKind kind) => kind switch
    {
        PaiChangeKind.Added => "aggiunta",
        PaiChangeKind.Removed => "tolta",
        _ => "modificata",
    };

    /// <summary>The state of a request to the ATS Commission, as a status column shows it.</summary>
    public static string Of(CareManagement.Pacts.RequestStatus status) => status switch
    {
        CareManagement.Pacts.RequestStatus.Pending => "in attesa della Commissione",
        CareManagement.Pacts.RequestStatus.Approved => "approvata",
        _ => "respinta",
    };

    public static string Of(PaiVersionStatus status) => status switch
    {
        PaiVersionStatus.Active => "in vigore",
        PaiVersionStatus.Proposed => "proposta del MMG",
        PaiVersionStatus.Superseded => "sostituita",
        PaiVersionStatus.Rejected => "respinta",
        _ => status.ToString().ToLowerInvariant(),
    };
}
