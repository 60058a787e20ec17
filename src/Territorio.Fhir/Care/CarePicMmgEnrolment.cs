using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Plans;
using Territorio.CareManagement.Application.Registry;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Fhir.Messaging;
using Territorio.Fhir.Messaging.PicMmg;
using Territorio.Kernel.Population;

namespace Territorio.Fhir.Care;

/// <summary>
/// The picMMG port over care management (issue 5), in one transaction (decision 0073): find or
/// register the patient (Resident id = codice fiscale), settle the acting GP, sign the Patto di
/// Cura with the GP's cooperative when none is active, and write (GP's cooperative is the
/// Gestore) or propose (GP is collaborator) a PAI version prefilled from the template of the
/// primary pathology and level plus the drug therapy. Any refusal rolls everything back.
/// </summary>
public sealed class CarePicMmgEnrolment(TerritorioDbContext db, CareCatalogues catalogues, PicMmgOptions options, ErrorCatalogue errors, TimeProvider clock)
    : IPicMmgEnrolment
{
    public async Task<EnrolmentOutcome> EnrolAsync(PicMmgRequest request, string? actingGp, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var outcome = await EnrolInTransactionAsync(request, actingGp ?? options.ActingMmg, cancellationToken);
            if (outcome is EnrolmentOutcome.Accepted)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return outcome;
        }
        catch (CareRuleException ex)
        {
            // Named after the rollback: a refused write may have left the transaction unusable.
            await transaction.RollbackAsync(cancellationToken);
            return new EnrolmentOutcome.Refused(errors.Create("T.18", await CareRefusals.NameAsync(db, catalogues, ex.Message, cancellationToken)));
        }
    }

    private async Task<EnrolmentOutcome> EnrolInTransactionAsync(PicMmgRequest request, string? actingGp, CancellationToken ct)
    {
        var message = request.Patient;
        string patientId = message.CodiceFiscale.Value;
        var resident = await db.Residents.SingleOrDefaultAsync(r => r.Id == patientId, ct);
        string? gp = actingGp ?? resident?.MmgId;
        if (gp is null)
        {
            return Refuse(resident is null ? errors.Create("T.16", patientId) : errors.Create("4.3"));
        }

        if (resident is not null && Refusal(resident, message, gp) is { } mismatch)
        {
            return Refuse(mismatch);
        }

        var cooperative = await CooperativeOfAsync(gp, ct);
        bool registered = resident is null;
        if (resident is null)
        {
            string? ats = cooperative?.Ats ?? await AtsOfGpAsync(gp, ct);
            if (ats is null)
            {
                return Refuse(errors.Create("4.2"));
            }

            // Territorio's own rule (issue 16): nobody enters the registry without a name. The
            // message's Patient gives the codice fiscale, names, sex and birth date; a code that
            // disagrees with them is refused rather than stored.
            var sex = message.Sex == "female" ? Sex.Female : Sex.Male;
            var birthplace = new Municipality(message.CodiceFiscale.BirthplaceCode, message.CodiceFiscale.BirthplaceCode);
            if (string.IsNullOrWhiteSpace(message.FamilyName) || string.IsNullOrWhiteSpace(message.GivenNames))
            {
                return Refuse(errors.Create("T.18", $"il messaggio non indica cognome e nome del paziente {patientId}: non è registrato in anagrafe"));
            }

            if (message.CodiceFiscale.MismatchWith(message.BirthDate, sex) is { } disagreement)
            {
                return Refuse(errors.Create("T.18", $"codice fiscale {patientId} {disagreement}: il paziente non è registrato in anagrafe"));
            }

            resident = new Resident(patientId, message.BirthDate, sex, ats, gp, null, new ResidentIdentity(
                message.CodiceFiscale, message.FamilyName.Trim(), message.GivenNames.Trim(), birthplace,
                new PostalAddress("", "", new Municipality("", "")), null, null));
            db.Residents.Add(resident);
            await CareUnitOfWork.CommitAsync(db, clock, ct);
        }

        var pacts = await db.Set<PattoDiCura>().Where(p => p.PatientId == patientId).ToListAsync(ct);
        var today = RomeCalendar.Today(clock);
        var pact = pacts.SingleOrDefault(p => p.Status == PactStatus.Active && p.EndDate >= today);
        if (pact is null)
        {
            if (cooperative is null)
            {
                return Refuse(errors.Create("T.17", gp));
            }

            pact = await SignAsync(request, resident, gp, cooperative, pacts, ct);
        }

        var role = pact.GestoreId == cooperative?.Id ? GpRole.GestoreViaCooperative : GpRole.Collaborator;
        var (pai, version) = await PrefillAsync(request, pact, gp, role, ct);
        return new EnrolmentOutcome.Accepted(patientId, pai.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), version.Number, ProtocolNumber(pai), role, registered);
    }

    /// <summary>The PI's unique identifier, as answered and as the CarePlan's identifier.</summary>
    public static string ProtocolNumber(Pai pai) => $"PI-{pai.Id:D10}";

    // The registry (here: Territorio's residents) must agree with the message (codes 9.16, 4.4).
    private MessageError? Refusal(Resident resident, PicPatient message, string gp)
    {
        if (resident.BirthDate != message.BirthDate)
        {
            return errors.Create("9.16", $"{message.BirthDate:yyyy-MM-dd}, data di nascita in anagrafe = {resident.BirthDate:yyyy-MM-dd}");
        }

        if (resident.MmgId is null)
        {
            return errors.Create("4.3");
        }

        return resident.MmgId != gp ? errors.Create("4.4", resident.MmgId, "-", gp) : null;
    }

    private async Task<PattoDiCura> SignAsync(PicMmgRequest request, Resident resident, string gp, Gestore cooperative, List<PattoDiCura> pacts, CancellationToken ct)
    {
        // The stratification in force decides the level; without one, the level the GP attests in the message.
        var classification = await ClassificationQueries.EffectiveAsync(db, resident.Id, ct)
            ?? new Classification(resident.Id, request.ChronicityLevel, request.PrimaryPathology.RegionalCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join('|', new[] { request.PrimaryPathology }.Concat(request.OtherProblems).Select(p => p.RegionalCode).OfType<int>().Distinct()),
                RomeCalendar.Today(clock), $"messaggio picMMG {request.MessageId} del MMG {gp}");
        // DGR X/6164/2017: the GP's message is the request (the patient chose their GP's cooperative); the
        // patient signed the pre-filled pact at the GP's office, the GP witnessing, and the form stays with the GP.
        var today = RomeCalendar.Today(clock);
        var change = Change(Actor.System, $"attivazione dalla cartella del MMG {gp} (picMMG {request.MessageId})");
        var enrolment = EnrolmentRequest.ByMmg(resident.Id, resident.Ats, classification, cooperative, request.MessageId, change);
        string witness = await db.GeneralPractitioners.Where(g => g.Id == gp).Select(g => g.DisplayName).FirstOrDefaultAsync(ct) is { Length: > 0 } name ? $"{name} ({gp})" : $"MMG {gp}";
        var signing = new PactSigning(resident.Id, resident.Ats, gp, resident.IsAliveOn(today), classification, today,
            null, new PatientSignature(SignatureMethod.PaperAtMmg, witness), $"MMG {gp} per {cooperative.Name}");
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Add(enrolment);
        await CareUnitOfWork.CommitAsync(db, clock, ct);
        var signed = PactRules.Sign(signing with { Basis = enrolment.AsBasis() }, cooperative, pacts, change);
        db.Add(signed.Pact);
        await CareUnitOfWork.CommitAsync(db, clock, ct, $"il paziente {resident.Id} ha già un patto di cura attivo");
        enrolment.LinkPact(signed.Pact.Id);
        await CareUnitOfWork.CommitAsync(db, clock, ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return signed.Pact;
    }

    private async Task<(Pai Pai, PaiVersion Version)> PrefillAsync(PicMmgRequest request, PattoDiCura pact, string gp, GpRole role, CancellationToken ct)
    {
        var pai = await db.Set<Pai>().SingleOrDefaultAsync(p => p.PactId == pact.Id, ct);
        if (pai is null)
        {
            pai = Pai.For(pact);
            db.Add(pai);
        }

        // All the patient's pathologies, merged as the PAI editor does (decision 0130): those in
        // force, else those the GP's message names.
        string pathology = request.PrimaryPathology.RegionalCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? pact.MainPathology ?? string.Empty;
        var classification = await ClassificationQueries.EffectiveAsync(db, pact.PatientId, ct);
        string pathologies = classification?.Pathologies
            ?? string.Join('|', new[] { request.PrimaryPathology }.Concat(request.OtherProblems).Select(p => p.RegionalCode).OfType<int>().Distinct());
        var plan = TemplatePlan.Of(catalogues, pathology, pathologies, pact.Level);
        var items = plan.Items.ToList();
        var skipped = new List<string>();
        foreach (var drug in request.DrugTherapy)
        {
            if (DrugItem(drug) is { } item && items.TrueForAll(i => i.Kind != PaiItemKind.Drug || i.Code != item.Code))
            {
                items.Add(item);
            }
            else
            {
                skipped.Add($"{drug.Description} (ATC {drug.AtcCode ?? "assente"})");
            }
        }

        string reason = $"precompilato dal messaggio picMMG {request.MessageId}: {plan.Describe()}" +
                        (skipped.Count > 0 ? $"; farmaci senza codice ATC valido non riportati: {string.Join(", ", skipped)}" : string.Empty);
        var version = role == GpRole.GestoreViaCooperative
            ? pai.Write(items, catalogues.Vocabulary, Change(new Actor(ActorRole.ClinicalManager, gp, pact.GestoreId), reason))
            : pai.Propose(items, catalogues.Vocabulary, Change(new Actor(ActorRole.Mmg, gp), reason));
        await CareUnitOfWork.CommitAsync(db, clock, ct, "il PAI è stato modificato nel frattempo da un altro operatore: riprovare");
        return (pai, version);
    }

    // The PAI records drugs by ATC (PaiItem.Drug checks the code); the message may carry only AIC or group codes.
    private static PaiItem? DrugItem(PicDrugTherapy drug)
    {
        try
        {
            return drug.AtcCode is { } atc ? PaiItem.Drug(atc, drug.Description, drug.DosageText ?? "secondo prescrizione") : null;
        }
        catch (CareRuleException)
        {
            return null;
        }
    }

    private async Task<Gestore?> CooperativeOfAsync(string gp, CancellationToken ct)
    {
        string? id = options.Cooperatives.TryGetValue(gp, out string? configured) ? configured : await (
            from pact in db.Set<PattoDiCura>()
            join gestore in db.Set<Gestore>() on pact.GestoreId equals gestore.Id
            where pact.MmgId == gp && gestore.Kind == GestoreKind.CooperativaMmg
            group pact by pact.GestoreId into g
            orderby g.Count() descending, g.Key
            select g.Key).FirstOrDefaultAsync(ct);
        return id is null ? null : await db.Set<Gestore>().Include(g => g.Candidatures).SingleOrDefaultAsync(g => g.Id == id && g.Kind == GestoreKind.CooperativaMmg, ct);
    }

    private async Task<string?> AtsOfGpAsync(string gp, CancellationToken ct) =>
        await db.Residents.Where(r => r.MmgId == gp).GroupBy(r => r.Ats).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(ct);

    private Change Change(Actor by, string reason) => new(by, clock.GetUtcNow().UtcDateTime, reason);

    private static EnrolmentOutcome.Refused Refuse(MessageError error) => new(error);
}
