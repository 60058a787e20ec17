using Territorio.CareManagement.Application.Common;
using Territorio.Web.Ats;

namespace Territorio.Web.Pages.Gestore;

/// <summary>The Gestore's patients (active pacts) whose level changed with the latest stratification: the PAI and the tariff may have to follow.</summary>
public sealed class CambiLivelloModel(LevelChanges changes, CareCatalogues catalogues) : LevelChangesPageModel(changes, catalogues)
{
    public override string PagePath => "/Gestore/CambiLivello";

    public override string PatientPath(string patientId) => "/Gestore/Paziente/" + Uri.EscapeDataString(patientId);

    protected override string Resource => "pagina Cambi di livello dei pazienti";
}
