using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Plans;

namespace Territorio.Web.Care;

/// <summary>Italian labels of the care path's states, as the screens show them.</summary>
public static class CareLabels
{
    public static string Of(WorklistReason reason) => reason switch
    {
        WorklistReason.MissedBooking => "appuntamento mancato",
        WorklistReason.OverdueService => "prestazione scaduta",
        WorklistReason.PaiNotWritten => "PAI non ancora scritto",
        WorklistReason.PactExpiring => "patto in scadenza",
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

    public static string Of(PaiVersionStatus status) => status switch
    {
        PaiVersionStatus.Active => "in vigore",
        PaiVersionStatus.Proposed => "proposta del MMG",
        PaiVersionStatus.Superseded => "sostituita",
        PaiVersionStatus.Rejected => "respinta",
        _ => status.ToString().ToLowerInvariant(),
    };
}
