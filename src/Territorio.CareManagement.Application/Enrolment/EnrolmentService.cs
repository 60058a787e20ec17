using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Gestori;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;

using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Enrolment;

/// <summary>
/// A patient who may be invited: level 1–3 in the classification in force (latest stratification,
/// or an approved reclassification since), alive, no active pact. <paramref name="ReclassificationId"/>
/// names the Commission's decision when the level comes from it.
/// </summary>
public sealed record EligiblePatient(string PatientId, string Ats, string? MmgId, int Level, string? MainPathology, bool Invited, long? ReclassificationId = null);

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
        var today = Today;
        return await (
            from person in ClassificationQueries.InForceOver(Db, run)
            join resident in Db.Residents on person.PersonId equals resident.Id
            where person.Level <= 3 && resident.Ats == ats && (resident.DeathDate == null || resident.DeathDate >= today)
                && !Db.Set<PattoDiCura>().Any(p => p.PatientId == person.PersonId && p.Status == PactStatus.Active)
            orderby person.Level, person.PersonId
            select new EligiblePatient(person.PersonId, resident.Ats, resident.MmgId, person.Level, person.MainPathology,
                Db.Set<EnrolmentLetter>().Any(l => l.PatientId == person.PersonId && l.RunId == run.Id), person.ReclassificationId))
            .Take(limit).ToListAsync(ct);
    }

    /// <summary>Issues the letters not yet issued for the latest stratification (one per patient), at the level in force.</summary>
    public async Task<IReadOnlyList<LetterContent>> IssueLettersAsync(string ats, int limit, Actor by, CancellationToken ct)
    {
        var run = await ClassificationQueries.LatestRunAsync(Db, ct) ?? throw new CareRuleException("nessuna stratificazione importata");
        var gestori = await new GestoriService(Db, Clock).EligibleAsync(ats, null, ct);
        var patients = (await EligibleAsync(ats, int.MaxValue, ct)).Where(p => !p.Invited).Take(limit).ToList();
        var letters = new List<LetterContent>();
        var (residents, doctors) = await AddresseesAsync(patients.Select(p => p.PatientId).ToList(), ct);
        foreach (var patient in patients)
        {
            var offered = gestori.Where(g => g.Levels.Contains(patient.Level)).ToList();
            string source = patient.ReclassificationId is { } id ? $"riclassificazione n.{id}" : $"stratificazione n.{run.Id}";
            var classification = new Classification(patient.PatientId, patient.Level, patient.MainPathology, "", run.StratifiedOn, source);
            var letter = EnrolmentLetter.Issue(patient.PatientId, ats, classification, run.Id, offered.Select(g => g.Id).ToList(), Now(by));
            Db.Add(letter);
            var resident = residents.GetValueOrDefault(patient.PatientId);
            letters.Add(new LetterContent(letter, patient.MmgId, patient.MainPathology is { } code ? catalogues.Pathologies.GetValueOrDefault(code) : null, offered)
            {
                Patient = resident,
                Doctor = patient.MmgId is null ? null : doctors.GetValueOrDefault(patient.MmgId),
            });
        }

        await CommitAsync(ct, "lettere emesse nel frattempo da un altro operatore: riprovare");
        return letters;
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

    private async Task<(Dictionary<string, Resident> Residents, Dictionary<string, GeneralPractitioner> Doctors)> AddresseesAsync(List<string> patientIds, CancellationToken ct)
    {
        var residents = await Db.Residents.AsNoTracking().Where(r => patientIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var mmgIds = residents.Values.Where(r => r.MmgId != null).Select(r => r.MmgId!).Distinct().ToList();
        var doctors = await Db.GeneralPractitioners.AsNoTracking().Where(g => mmgIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return (residents, doctors);
    }

    public async Task<SignedPact> SignPactAsync(string patientId, string gestoreId, DateOnly? start, string patientSignatory, string gestoreSignatory, Actor by, CancellationToken ct)
    {
        var patient = await PatientAsync(patientId, ct);
        var classification = await ClassificationAsync(patientId, ct)
            ?? throw new CareRuleException($"il paziente {patientId} non risulta stratificato: non è candidabile alla presa in carico");
        var gestore = await GestoreAsync(gestoreId, ct);
        var pacts = await Db.Set<PattoDiCura>().Where(p => p.PatientId == patientId).ToListAsync(ct);
        var startDate = start ?? Today;
        var signing = new PactSigning(patientId, patient.Ats, patient.MmgId, patient.IsAliveOn(startDate), classification, startDate, patientSignatory, gestoreSignatory);
        var signed = PactRules.Sign(signing, gestore, pacts, Now(by));
        await CommitReplacingAsync(signed.Pact, $"il paziente {patientId} ha già un patto di cura attivo", ct);
        return signed;
    }

    public async Task<PattoDiCura> RenewAsync(long pactId, Actor by, CancellationToken ct)
    {
        var pact = await PactAsync(pactId, ct);
        pact.Renew(Now(by));
        await CommitAsync(ct);
        return pact;
    }

    public async Task<PattoDiCura> CancelAsync(long pactId, Actor by, string? reason, CancellationToken ct)
    {
        var pact = await PactAsync(pactId, ct);
        pact.Cancel(Now(by, reason));
        await CommitAsync(ct);
        return pact;
    }

    public async Task<ChangeOfGestoreRequest> RequestChangeAsync(string patientId, string toGestoreId, DateOnly effectiveDate, Actor by, string? reason, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        var to = await GestoreAsync(toGestoreId, ct);
        var request = ChangeOfGestoreRequest.Submit(pact, to, effectiveDate, Now(by, reason));
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

        var pact = await PactAsync(request.PactId, ct);
        var to = await GestoreAsync(request.ToGestoreId, ct);
        var patient = await PatientAsync(request.PatientId, ct);
        var classification = await ClassificationAsync(request.PatientId, ct)
            ?? throw new CareRuleException($"il paziente {request.PatientId} non risulta stratificato");
        var signing = new PactSigning(patient.Id, patient.Ats, patient.MmgId, patient.IsAliveOn(request.EffectiveDate), classification, request.EffectiveDate,
            pact.PatientSignatory, $"Commissione ATS ({by.Id})");
        var signed = request.Approve(pact, to, signing, Now(by, reason));
        await CommitReplacingAsync(signed.Pact, $"il paziente {request.PatientId} ha già un altro patto attivo", ct, () => request.LinkNewPact(signed.Pact.Id));
        return request;
    }

    public async Task<IReadOnlyList<ChangeOfGestoreRequest>> PendingChangesAsync(string ats, CancellationToken ct) =>
        await Db.Set<ChangeOfGestoreRequest>()
            .Where(r => r.Status == RequestStatus.Pending && Db.Set<PattoDiCura>().Any(p => p.Id == r.PactId && p.Ats == ats))
            .OrderBy(r => r.RequestedOn).ToListAsync(ct);

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
