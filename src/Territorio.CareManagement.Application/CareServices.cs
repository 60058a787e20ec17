using Territorio.CareManagement.Application.Bookings;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Application.Gestori;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Application.Plans;
using Territorio.CareManagement.Application.Reclassification;
using Territorio.CareManagement.Application.Registry;
using Territorio.CareManagement.Application.Stratification;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Kernel.Organisations;

namespace Territorio.CareManagement.Application;

/// <summary>
/// The care-management use cases on one database context (one scope): what the CLI, the web
/// application and the FHIR interface call. Each operation commits its own transaction.
/// </summary>
public sealed class CareServices(TerritorioDbContext db, TimeProvider clock, CareCatalogues catalogues)
{
    public TerritorioDbContext Db { get; } = db;

    public CareCatalogues Catalogues { get; } = catalogues;

    public GestoriService Gestori => new(Db, clock);

    public NetworkService Network => new(Db, clock, Catalogues.Branche);

    public OrganisationRegistry Organisations => new(Db, clock, Catalogues.Branche);

    public ResidentRegistryImport Residents => new(Db, clock);

    public LevelsImport Levels => new(Db, clock, Catalogues);

    public EnrolmentService Enrolment => new(Db, clock, Catalogues);

    public PaiService Pai => new(Db, clock, Catalogues);

    public BookingService Bookings => new(Db, clock);

    public DeliveredImport Delivered => new(Db, clock);

    public CaseQueries Cases => new(Db, clock);

    public ContactService Contacts => new(Db, clock);

    public CaseloadService Caseloads => new(Db, clock);

    public LetterCampaignService Letters => new(Db, clock, Catalogues);

    public ReclassificationService Reclassification => new(Db, clock, Catalogues);

    /// <summary>The Patto di Cura's PDF with every party by name: the patient, the GP and the Gestore's seat from the registries.</summary>
    public async Task WritePactAsync(PattoDiCura pact, Gestore gestore, PaiVersion? activePai, Stream output, CancellationToken ct)
    {
        var patient = await Db.Residents.FindAsync([pact.PatientId], ct);
        var doctor = pact.MmgId is null ? null : await Db.GeneralPractitioners.FindAsync([pact.MmgId], ct);
        var seat = await Organisations.FindAsync(OrganisationKind.Gestore, gestore.Id, ct);
        CareDocuments.WritePact(pact, gestore, activePai, output, Catalogues, patient, doctor, seat);
    }
}
