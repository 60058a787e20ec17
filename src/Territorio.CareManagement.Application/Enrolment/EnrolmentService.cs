using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Gestori;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.CareManagement.Reclassification;
using Territorio.Data;

using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Enrolment;

/// <summary>
/// A patient who may be invited: level 1–3 in the classification in force (latest stratification,
/// or an approved reclassification since), alive, no active pact. <paramref name="ReclassificationId"/>
/// names the Commission's decision when the level comes from it.
/// </summary>
public sealed record EligiblePatient(string PatientId, string Ats, string? MmgId, int Level, string? MainPathology, bool Invited, long? ReclassificationId = null);

/// <summary>An <see cref="EligiblePatient"/> as a query row.</summary>
internal sealed class EligibleRow
{
    public required string PersonId { get; init; }

    public required string Ats { get; init; }

    public string? MmgId { get; init; }

    public int Level { get; init; }

    public string? MainPathology { get; init; }

    public bool Invited { get; init; }

    public long? ReclassificationId { get; init; }
}

/// <summary>The patient's level in force (null: not stratified), the Gestori they may choose, and their requests.</summary>
public sealed record EnrolmentChoice(int? Level, IReadOnlyList<EligibleGestore> Gestori, IReadOnlyList<EnrolmentRequest> Requests);

/// <summary>
/// A change of Gestore offered to the patient: the level in force of their pact is one their
/// Gestore is not accredited for (after <paramref name="Reclassification"/>, when the Commission
/// decided it); <paramref name="Gestori"/> are those of the ATS that are, by name.
/// </summary>
public sealed record ChangeOffer(PattoDiCura Pact, EligibleGestore CurrentGestore, int Level, ReclassificationRequest? Reclassification, IReadOnlyList<EligibleGestore> Gestori);

/// <summary>The content of an enrolment letter, ready to print.</summary>
public sealed record LetterContent(EnrolmentLetter Letter, string? MmgId, string? MainPathologyName, IReadOnlyList<EligibleGestore> Gestori)
{
    /// <summary>The addressee (name, codice fiscale, address); null only for a patient the registry no longer has.</summary>
    public Resident? Patient { get; init; }

    /// <summary>The patient's GP as the letter names them ("Dott.ssa Anna Bianchi").</summary>
    public GeneralPractitioner? Doctor { get; init; }
}

/// <summary>Eligibility, enrolment letters, and the Patto di Cura: sign, renew, cancel, change of Gestore.</summary>
public sealed class EnrolmentService(TerritorioDbContext db, TimeProvider clock, CareCatalogues catalogues) : CareService(db, clock)
{
    public async Task<IReadOnlyList<EligiblePatient>> EligibleAsync(string ats, int limit, CancellationToken ct)
    {
        var run = await ClassificationQueries.LatestRunAsync(Db, ct) ?? throw new CareRuleException("nessuna stratificazione importata: eseguire prima 'territorio enrol import-levels'");
        return await EligibleOver(Db, run, ats, Today).OrderBy(p => p.Level).ThenBy(p => p.PersonId).Take(limit)
            .Select(p => new EligiblePatient(p.PersonId, p.Ats, p.MmgId, p.Level, p.MainPathology, p.Invited, p.ReclassificationId))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The residents of an ATS who may be invited on a day, as rows a query can filter further
    /// (the letter campaigns choose by level, pathology and GP): level 1–3 in force, alive, no active pact.
    /// </summary>
    internal static IQueryable<EligibleRow> EligibleOver(TerritorioDbContext db, StratificationRun run, string ats, DateOnly today) =>
        from person in ClassificationQueries.InForceOver(db, run)
        join resident in db.Residents on person.PersonId equals resident.Id
        where person.Level <= 3 && resident.Ats == ats && (resident.DeathDate == null || resident.DeathDate >= today)
            && !db.Set<PattoDiCura>().Any(p => p.PatientId == person.PersonId && p.Status == PactStatus.Active)
        select new EligibleRow
        {
            PersonId = person.PersonId,
            Ats = resident.Ats,
            MmgId = resident.MmgId,
            Level = person.Level,
            MainPathology = person.MainPathology,
            Invited = db.Set<EnrolmentLetter>().Any(l => l.PatientId == person.PersonId && l.RunId == run.Id),
            ReclassificationId = person.ReclassificationId,
        };

    /// <summary>Issues the letters not yet issued for the latest stratification (one per patient), at the level in force.</summary>
    public async Task<IReadOnlyList<LetterContent>> IssueLettersAsync(string ats, int limit, Actor by, CancellationToken ct)
    {
        var run = await ClassificationQueries.LatestRunAsync(Db, ct) ?? throw new CareRuleException("nessuna stratificazione importata");
        var gestori = await new GestoriService(Db, Clock).EligibleAsync(ats, null, ct);
        var patients = (await EligibleAsync(ats, int.MaxValue, ct)).Where(p => !p.Invited).Take(limit).ToList();
        var (residents, doctors) = await AddresseesAsync(patients.Select(p => p.PatientId).ToList(), ct);
        var letters = patients.Select(patient => Letter(patient, run, gestori, by, null, residents, doctors)).ToList();
        Db.AddRange(letters.Select(l => l.Letter));
        await CommitAsync(ct, "lettere emesse nel frattempo da un altro operatore: riprovare");
        return letters;
    }

    /// <summary>One patient's letter at the level in force, listing the Gestori eligible at that level (not yet saved).</summary>
    internal LetterContent Letter(EligiblePatient patient, StratificationRun run, IReadOnlyList<EligibleGestore> gestori, Actor by, long? campaignId,
        IReadOnlyDictionary<string, Resident> residents, IReadOnlyDictionary<string, GeneralPractitioner> doctors)
    {
        var offered = gestori.Where(g => g.Levels.Contains(patient.Level)).ToList();
        string source = patient.ReclassificationId is { } id ? $"riclassificazione n.{id}" : $"stratificazione n.{run.Id}";
        var classification = new Classification(patient.PatientId, patient.Level, patient.MainPathology, "", run.StratifiedOn, source);
        var letter = EnrolmentLetter.Issue(patient.PatientId, patient.Ats, classification, run.Id, offered.Select(g => g.Id).ToList(), Now(by), campaignId);
        return new LetterContent(letter, patient.MmgId, patient.MainPathology is { } code ? catalogues.Pathologies.GetValueOrDefault(code) : null, offered)
        {
            Patient = residents.GetValueOrDefault(patient.PatientId),
            Doctor = patient.MmgId is null ? null : doctors.GetValueOrDefault(patient.MmgId),
        };
    }

    /// <summary>The latest letter issued to a patient, to print again; null when none was issued.</summary>
    public async Task<LetterContent?> LatestLetterAsync(string patientId, CancellationToken ct)
    {
        var letter = await Db.Set<EnrolmentLetter>().AsNoTracking().Where(l => l.PatientId == patientId)
            .OrderByDescending(l => l.IssuedOn).ThenByDescending(l => l.Id).FirstOrDefaultAsync(ct);
        if (letter is null)
        {
            return null;
        }

        var listed = letter.GestoriListed.Split('|', StringSplitOptions.RemoveEmptyEntries);
        var offered = (await new GestoriService(Db, Clock).EligibleAsync(letter.Ats, null, ct)).Where(g => listed.Contains(g.Id)).ToList();
        var (residents, doctors) = await AddresseesAsync([patientId], ct);
        var resident = residents.GetValueOrDefault(patientId);
        var classification = await ClassificationAsync(patientId, ct);
        return new LetterContent(letter, resident?.MmgId, classification?.MainPathology is { } code ? catalogues.Pathologies.GetValueOrDefault(code) : null, offered)
        {
            Patient = resident,
            Doctor = resident?.MmgId is { } mmg ? doctors.GetValueOrDefault(mmg) : null,
        };
    }

    /// <summary>The residents a set of letters is addressed to, and their GPs.</summary>
    internal async Task<(Dictionary<string, Resident> Residents, Dictionary<string, GeneralPractitioner> Doctors)> AddresseesAsync(List<string> patientIds, CancellationToken ct)
    {
        var residents = await Db.Residents.AsNoTracking().Where(r => patientIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var mmgIds = residents.Values.Where(r => r.MmgId != null).Select(r => r.MmgId!).Distinct().ToList();
        var doctors = await Db.GeneralPractitioners.AsNoTracking().Where(g => mmgIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return (residents, doctors);
    }

    /// <summary>
    /// Signs the pact the patient chose: on the approved change of Gestore, the patient's (or GP's)
    /// open request to this Gestore, or else the ATS's invitation letter (ConsentRules refuses
    /// when there is none); <paramref name="signature"/> says how the patient signed and who witnessed it.
    /// </summary>
    public async Task<SignedPact> SignPactAsync(string patientId, string gestoreId, DateOnly? start, PatientSignature signature, string gestoreSignatory, Actor by, CancellationToken ct)
    {
        var patient = await PatientAsync(patientId, ct);
        var classification = await ClassificationAsync(patientId, ct)
            ?? throw new CareRuleException($"il paziente {patientId} non risulta stratificato: non è candidabile alla presa in carico");
        var gestore = await GestoreAsync(gestoreId, ct);
        var pacts = await Db.Set<PattoDiCura>().Where(p => p.PatientId == patientId).ToListAsync(ct);
        var startDate = start ?? Today;

        // A patient moving to this Gestore by an approved change signs here, on or after the change's date.
        var change = await Db.Set<ChangeOfGestoreRequest>()
            .FirstOrDefaultAsync(r => r.PatientId == patientId && r.ToGestoreId == gestoreId && r.Status == RequestStatus.Approved && r.NewPactId == null, ct);
        var request = change is null ? await OpenRequestAsync(patientId, gestoreId, ct) : null;
        var basis = change is not null ? new ConsentBasis(ConsentGround.ChangeOfGestore, change.Id, patientId, change.ToGestoreId, change.RequestedOn)
            : request?.AsBasis() ?? await InvitationAsync(patientId, ct);
        var signing = new PactSigning(patientId, patient.Ats, patient.MmgId, patient.IsAliveOn(startDate), classification, startDate, basis, signature, gestoreSignatory);

        var current = pacts.FirstOrDefault(p => p.Status == PactStatus.Active);
        if (change is not null && current is not null && current.Id == change.PactId)
        {
            var moved = change.SignNewPact(current, gestore, signing, Now(by));
            await CommitReplacingAsync(moved.Pact, $"il paziente {patientId} ha già un altro patto attivo", ct, () => change.LinkNewPact(moved.Pact.Id));
            return moved;
        }

        var signed = PactRules.Sign(signing, gestore, pacts, Now(by));
        await CommitReplacingAsync(signed.Pact, $"il paziente {patientId} ha già un patto di cura attivo", ct, request is null ? null : () => request.LinkPact(signed.Pact.Id));
        return signed;
    }

    /// <summary>The patient's request to a Gestore not yet signed, if any (the GP's or their own).</summary>
    private Task<EnrolmentRequest?> OpenRequestAsync(string patientId, string gestoreId, CancellationToken ct) =>
        Db.Set<EnrolmentRequest>().Where(r => r.PatientId == patientId && r.GestoreId == gestoreId && r.PactId == null)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>The ATS's latest letter to the patient that the patient did not decline, as a ground for the pact.</summary>
    private async Task<ConsentBasis?> InvitationAsync(string patientId, CancellationToken ct) =>
        await Db.Set<EnrolmentLetter>().AsNoTracking().Where(l => l.PatientId == patientId && l.DeclinedOn == null)
            .OrderByDescending(l => l.IssuedOn).ThenByDescending(l => l.Id)
            .Select(l => new ConsentBasis(ConsentGround.Invitation, l.Id, l.PatientId, null, l.IssuedOn)).FirstOrDefaultAsync(ct);

    /// <summary>"Chiedo la presa in carico": the patient, from their own page, asks an eligible Gestore of their choice.</summary>
    public async Task<EnrolmentRequest> RequestEnrolmentAsync(string patientId, string gestoreId, Actor by, CancellationToken ct)
    {
        var patient = await PatientAsync(patientId, ct);
        if (!patient.IsAliveOn(Today))
        {
            throw new CareRuleException($"il paziente {patientId} risulta deceduto");
        }

        var classification = await ClassificationAsync(patientId, ct)
            ?? throw new CareRuleException($"il paziente {patientId} non risulta stratificato: non è candidabile alla presa in carico");
        if (await Db.Set<PattoDiCura>().AnyAsync(p => p.PatientId == patientId && p.Status == PactStatus.Active && p.EndDate >= Today, ct))
        {
            throw new CareRuleException("ha già un Patto di Cura attivo: per cambiare Gestore serve la richiesta di cambio");
        }

        var gestore = await GestoreAsync(gestoreId, ct);
        var open = await Db.Set<EnrolmentRequest>().Where(r => r.PatientId == patientId && r.PactId == null).ToListAsync(ct);
        var request = EnrolmentRequest.ByPatient(patientId, patient.Ats, classification, gestore, open, Now(by));
        Db.Add(request);
        await CommitAsync(ct);
        return request;
    }

    /// <summary>
    /// What the patient's page offers before a pact: their level in force, the Gestori eligible for
    /// their ATS at that level (none when the level is not of presa in carico), and their requests.
    /// </summary>
    public async Task<EnrolmentChoice> ChoiceOfAsync(string patientId, CancellationToken ct)
    {
        var patient = await PatientAsync(patientId, ct);
        var classification = await ClassificationAsync(patientId, ct);
        var gestori = classification is { IsEligible: true }
            ? await new GestoriService(Db, Clock).EligibleAsync(patient.Ats, classification.Level, ct)
            : [];
        return new EnrolmentChoice(classification?.Level, gestori, await RequestsOfAsync(patientId, ct));
    }

    /// <summary>
    /// The change of Gestore the patient is offered (DGR X/6164/2017 allegato 1: the Gestore takes in
    /// charge the levels it is accredited for; the pact stays until the change): null while their
    /// Gestore serves the level in force of their pact, or once a change is asked (pending, or
    /// approved and waiting for the new pact's signature).
    /// </summary>
    public async Task<ChangeOffer?> ChangeOfferAsync(string patientId, CancellationToken ct)
    {
        var pact = await Db.Set<PattoDiCura>().AsNoTracking().SingleOrDefaultAsync(p => p.PatientId == patientId && p.Status == PactStatus.Active, ct);
        if (pact is null || !CareLevels.IsEligible(pact.Level)
            || await Db.Set<ChangeOfGestoreRequest>().AnyAsync(r => r.PactId == pact.Id && (r.Status == RequestStatus.Pending || (r.Status == RequestStatus.Approved && r.NewPactId == null)), ct))
        {
            return null;
        }

        var gestori = await new GestoriService(Db, Clock).EligibleAsync(pact.Ats, null, ct);
        var current = gestori.FirstOrDefault(g => g.Id == pact.GestoreId);
        if (current is not null && current.Levels.Contains(pact.Level))
        {
            return null;
        }

        var gestore = await Db.Set<Gestore>().AsNoTracking().SingleAsync(g => g.Id == pact.GestoreId, ct);
        var reclassification = await Db.Set<ReclassificationRequest>().AsNoTracking()
            .Where(r => r.PatientId == patientId && r.Status == RequestStatus.Approved && r.DecisionNote != null)
            .OrderByDescending(r => r.DecidedOn).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return new ChangeOffer(pact, current ?? new EligibleGestore(gestore.Id, gestore.Name, gestore.Kind, []), pact.Level, reclassification,
            [.. gestori.Where(g => g.Id != pact.GestoreId && g.Levels.Contains(pact.Level))]);
    }

    /// <summary>The requests addressed to a Gestore and not yet signed, oldest first (the Gestore's enrolment screen).</summary>
    public async Task<IReadOnlyList<EnrolmentRequest>> OpenRequestsToAsync(string gestoreId, CancellationToken ct) =>
        await Db.Set<EnrolmentRequest>().AsNoTracking().Where(r => r.GestoreId == gestoreId && r.PactId == null
                && !Db.Set<PattoDiCura>().Any(p => p.PatientId == r.PatientId && p.Status == PactStatus.Active))
            .OrderBy(r => r.RequestedOn).ThenBy(r => r.Id).Take(200).ToListAsync(ct);

    /// <summary>The patient's requests of presa in carico, newest first.</summary>
    public async Task<IReadOnlyList<EnrolmentRequest>> RequestsOfAsync(string patientId, CancellationToken ct) =>
        await Db.Set<EnrolmentRequest>().AsNoTracking().Where(r => r.PatientId == patientId)
            .OrderByDescending(r => r.RequestedOn).ThenByDescending(r => r.Id).ToListAsync(ct);

    /// <summary>Renews the pact on the patient's signature (on paper with the scan, or their confirmation from their page).</summary>
    public async Task<PattoDiCura> RenewAsync(long pactId, PatientSignature? signature, Actor by, CancellationToken ct)
    {
        var pact = await PactAsync(pactId, ct);
        pact.Renew(signature, Now(by));
        await CommitAsync(ct, $"il patto {pactId} è stato modificato nel frattempo da un altro operatore: riprovare");
        return pact;
    }

    /// <summary>The patient, from their own page, confirms the renewal of their active pact.</summary>
    public async Task<PattoDiCura> ConfirmRenewalAsync(string patientId, Actor by, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        pact.ConfirmRenewal(Now(by));
        await CommitAsync(ct, "il patto è stato modificato nel frattempo: riprovare");
        return pact;
    }

    public async Task<PattoDiCura> CancelAsync(long pactId, Actor by, string? reason, CancellationToken ct)
    {
        var pact = await PactAsync(pactId, ct);
        pact.Cancel(Now(by, reason));
        await CommitAsync(ct);
        return pact;
    }

    /// <summary>
    /// The ATS records a patient's death by hand (the registry import records it too): the pact ends on
    /// that day and later bookings are cancelled, in one transaction; the audit trail keeps who recorded
    /// it, when, and how the death became known (<see cref="DeathRecording"/> says who may and when).
    /// </summary>
    public async Task<(PattoDiCura? Pact, int BookingsCancelled)> RecordDeathAsync(string patientId, DeathNotice notice, Actor by, CancellationToken ct)
    {
        var change = Now(by, notice.Reason);
        var resident = await ResidentAsync(patientId, ct);
        if (DeathRecording.Refusal(resident, notice, by, change.Day) is { } refusal)
        {
            throw refusal;
        }

        resident.RecordDeath(notice.Date);
        var outcome = await PatientDeath.ApplyAsync(Db, patientId, notice.Date, change, ct);
        Db.Add(new AuditEntry(new HistoryEntry("Resident", patientId, patientId, "decesso registrato", by, change.AtUtc, change.Reason, $"data di decesso {notice.Date:yyyy-MM-dd}")));
        await CommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// What recording the death would do, for the confirmation step: the patient, the pact that would
    /// end that day, the bookings after it that would be cancelled (by date), and the refusal, if any.
    /// </summary>
    public async Task<DeathPreview> PreviewDeathAsync(string patientId, DeathNotice notice, Actor by, CancellationToken ct)
    {
        var resident = await ResidentAsync(patientId, ct);
        var refusal = DeathRecording.Refusal(resident, notice, by, Today);
        var pact = await Db.Set<PattoDiCura>().AsNoTracking().SingleOrDefaultAsync(p => p.PatientId == patientId && p.Status == PactStatus.Active, ct);
        var later = await PatientDeath.LaterBookings(Db, patientId, notice.Date).AsNoTracking()
            .OrderBy(b => b.Date).ThenBy(b => b.Start).ThenBy(b => b.Id).ToListAsync(ct);
        return new DeathPreview(resident, notice, pact, later, refusal);
    }

    private async Task<Resident> ResidentAsync(string patientId, CancellationToken ct) =>
        await Db.Residents.SingleOrDefaultAsync(r => r.Id == patientId, ct)
            ?? throw new CareRuleException($"assistito {patientId} non trovato in anagrafe");

    public async Task<ChangeOfGestoreRequest> RequestChangeAsync(string patientId, string toGestoreId, DateOnly effectiveDate, Actor by, string? reason, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        var to = await GestoreAsync(toGestoreId, ct);
        var level = (await ClassificationAsync(patientId, ct))?.Level ?? pact.Level;
        var request = ChangeOfGestoreRequest.Submit(pact, to, effectiveDate, level, Now(by, reason));
        Db.Add(request);
        await CommitAsync(ct, $"il paziente {patientId} ha già una richiesta di cambio Gestore in attesa");
        return request;
    }

    public async Task<ChangeOfGestoreRequest> DecideChangeAsync(long requestId, bool approve, Actor by, string? reason, CancellationToken ct)
    {
        var request = await Db.Set<ChangeOfGestoreRequest>().SingleOrDefaultAsync(r => r.Id == requestId, ct)
            ?? throw new CareRuleException($"richiesta di cambio Gestore {requestId} non trovata");
        if (!approve)
        {
            request.Reject(Now(by, reason));
            await CommitAsync(ct);
            return request;
        }

        request.Approve(Now(by, reason));
        await CommitAsync(ct);
        return request;
    }

    public async Task<IReadOnlyList<ChangeOfGestoreRequest>> PendingChangesAsync(string ats, CancellationToken ct) =>
        await Db.Set<ChangeOfGestoreRequest>()
            .Where(r => r.Status == RequestStatus.Pending && Db.Set<PattoDiCura>().Any(p => p.Id == r.PactId && p.Ats == ats))
            .OrderBy(r => r.RequestedOn).ToListAsync(ct);

    /// <summary>The patient's change-of-Gestore requests, newest first.</summary>
    public async Task<IReadOnlyList<ChangeOfGestoreRequest>> ChangesOfAsync(string patientId, CancellationToken ct) =>
        await Db.Set<ChangeOfGestoreRequest>().AsNoTracking().Where(r => r.PatientId == patientId)
            .OrderByDescending(r => r.RequestedOn).ThenByDescending(r => r.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<PattoDiCura>> PactsOfAsync(string patientId, CancellationToken ct) =>
        await Db.Set<PattoDiCura>().Where(p => p.PatientId == patientId).OrderBy(p => p.StartDate).ThenBy(p => p.Id).ToListAsync(ct);

    /// <summary>What the printed pact shows: the pact, its Gestore and the PAI version in force.</summary>
    public async Task<(PattoDiCura Pact, Gestore Gestore, PaiVersion? Pai)> PactDocumentAsync(long pactId, CancellationToken ct)
    {
        var pact = await PactAsync(pactId, ct);
        var gestore = await GestoreAsync(pact.GestoreId, ct);
        var pai = await PaiOfPactAsync(pact.Id, ct);
        return (pact, gestore, pai?.ActiveVersion);
    }

    public async Task<PattoDiCura> PactAsync(long pactId, CancellationToken ct) =>
        await Db.Set<PattoDiCura>().SingleOrDefaultAsync(p => p.Id == pactId, ct)
            ?? throw new CareRuleException($"patto di cura {pactId} non trovato");
}
