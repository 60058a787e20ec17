using Territorio.CareManagement.Application.Common;
using Territorio.Web.Ats;

namespace Territorio.Web.Pages.Ats;

/// <summary>
/// The ATS's new eligible persons (levels 1–3) since the previous stratification, those who left,
/// and every other change of level among 1–3 in its territory (DGR X/6164/2017: the ATS stratifies
/// the population yearly and on new data; the eligible are informed).
/// </summary>
public sealed class VariazioniModel(LevelChanges changes, CareCatalogues catalogues) : LevelChangesPageModel(changes, catalogues)
{
    public override string PagePath => "/Ats/Variazioni";

    public override string PatientPath(string patientId) => "/Assistiti/Scheda/" + Uri.EscapeDataString(patientId);

    protected override string Resource => "pagina Nuovi eleggibili e variazioni di livello";
}
