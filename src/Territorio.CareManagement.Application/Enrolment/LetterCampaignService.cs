using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Gestori;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Enrolment;

/// <summary>Which eligible patients a campaign writes to (null: any).</summary>
public sealed record LetterTarget(int? Level, string? Pathology, string? MmgId);

/// <summary>A page of the patients a campaign would write to, and how many there are.</summary>
public sealed record InvitablePage(int Total, IReadOnlyList<EligiblePatient> Patients);

/// <summary>A campaign and what came of it: letters whose patient declined, or signed a pact since.</summary>
public sealed record CampaignProgress(LetterCampaign Campaign, int Declined, int Enrolled);

/// <summary>One letter of a campaign and its outcome.</summary>
public sealed record CampaignLetter(EnrolmentLetter Letter, string? MmgId, bool Enrolled);

/// <summary>
/// The ATS's letter campaigns (DGR X/6164/2017 allegato 1: the ATS informs each eligible patient):
/// choose the patients, preview the letter, issue them at once (one letter per patient and
/// stratification), print them, then follow who declined and who enrolled.
/// </summary>
public sealed class LetterCampaignService(TerritorioDbContext db, TimeProvider clock, CareCatalogues catalogues) : CareService(db, clock)
{
    /// <summary>Letters of one campaign at most: one merged PDF the ATS prints in one go.</summary>
    public const int MaxLetters = 2_000;

    /// <summary>The eligible patients of the ATS not yet invited for the latest stratification who match the target.</summary>
    public async Task<InvitablePage> InvitableAsync(string ats, LetterTarget target, int skip, int take, CancellationToken ct)
    {
        var run = await RunAsync(ct);
        var query = Invitable(run, ats, target);
        int total = await query.CountAsync(ct);
        var page = await query.OrderBy(p => p.Level).ThenBy(p => p.PersonId).Skip(skip).Take(take)
            .Select(p => new EligiblePatient(p.PersonId, p.Ats, p.MmgId, p.Level, p.MainPathology, p.Invited, p.ReclassificationId)).ToListAsync(ct);
        return new InvitablePage(total, page);
    }

    /// <summary>The letter the first matching patient would receive, not saved (the preview); null when nobody matches.</summary>
    public async Task<LetterContent?> PreviewAsync(string ats, LetterTarget target, Actor by, CancellationToken ct)
    {
        var first = (await InvitableAsync(ats, target, 0, 1, ct)).Patients;
        if (first.Count == 0)
        {
            return null;
        }

        var (residents, doctors) = await Enrolment.AddresseesAsync([first[0].PatientId], ct);
        return Enrolment.Letter(first[0], await RunAsync(ct), await new GestoriService(Db, Clock).EligibleAsync(ats, null, ct), by, null, residents, doctors);
    }

    /// <summary>Issues the campaign's letters (at most <see cref="MaxLetters"/>, level then patient order) in one transaction.</summary>
    public async Task<LetterCampaign> IssueAsync(string ats, LetterTarget target, Actor by, CancellationToken ct)
    {
        var campaign = LetterCampaign.Start(ats, target.Level, target.Pathology, target.MmgId, Now(by));
        var run = await RunAsync(ct);
        var patients = (await InvitableAsync(ats, target, 0, MaxLetters, ct)).Patients;
        if (patients.Count == 0)
        {
            throw new CareRuleException("nessun paziente candidabile ancora da invitare con questi criteri");
        }

        var gestori = await new GestoriService(Db, Clock).EligibleAsync(ats, null, ct);
        var (residents, doctors) = await Enrolment.AddresseesAsync(patients.Select(p => p.PatientId).ToList(), ct);
        await using var tx = await OwnTransactionAsync(ct);
        campaign.RecordLetters(patients.Count);
        Db.Add(campaign);
        await Db.SaveChangesAsync(ct);
        Db.AddRange(patients.Select(p => Enrolment.Letter(p, run, gestori, by, campaign.Id, residents, doctors).Letter));
        await CommitAsync(ct, "lettere emesse nel frattempo da un altro operatore: riprovare");
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return campaign;
    }

    /// <summary>The ATS's campaigns, newest first, with their outcomes.</summary>
    public async Task<IReadOnlyList<CampaignProgress>> CampaignsAsync(string ats, CancellationToken ct) =>
        await Progress(Db.Set<LetterCampaign>().AsNoTracking().Where(c => c.Ats == ats).OrderByDescending(c => c.Id)).ToListAsync(ct);

    /// <summary>One campaign of the ATS; null for another ATS's (tenancy) or an unknown one.</summary>
    public async Task<CampaignProgress?> CampaignAsync(string ats, long campaignId, CancellationToken ct) =>
        await Progress(Db.Set<LetterCampaign>().AsNoTracking().Where(c => c.Ats == ats && c.Id == campaignId)).FirstOrDefaultAsync(ct);

    /// <summary>A page of a campaign's letters, by patient.</summary>
    public async Task<(int Total, IReadOnlyList<CampaignLetter> Letters)> LettersAsync(long campaignId, int skip, int take, CancellationToken ct)
    {
        var letters = Db.Set<EnrolmentLetter>().AsNoTracking().Where(l => l.CampaignId == campaignId);
        int total = await letters.CountAsync(ct);
        var page = await letters.OrderBy(l => l.PatientId).Skip(skip).Take(take)
            .Select(l => new
            {
                Letter = l,
                Db.Residents.First(r => r.Id == l.PatientId).MmgId,
                Enrolled = Db.Set<PattoDiCura>().Any(p => p.PatientId == l.PatientId && p.SignedOn >= l.IssuedOn),
            }).ToListAsync(ct);
        return (total, page.Select(x => new CampaignLetter(x.Letter, x.MmgId, x.Enrolled)).ToList());
    }

    /// <summary>The printable letters of a campaign (one patient's, or all), as issued.</summary>
    public async Task<IReadOnlyList<LetterContent>> ContentsAsync(long campaignId, string? patientId, CancellationToken ct)
    {
        var letters = await Db.Set<EnrolmentLetter>().AsNoTracking()
            .Where(l => l.CampaignId == campaignId && (patientId == null || l.PatientId == patientId))
            .OrderBy(l => l.PatientId).ToListAsync(ct);
        var patients = letters.Select(l => l.PatientId).ToList();
        var (residents, doctors) = await Enrolment.AddresseesAsync(patients, ct);
        var classifications = await ClassificationQueries.EffectiveOfAsync(Db, patients, ct);
        var listed = letters.SelectMany(l => l.GestoriListed.Split('|', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        var gestori = await Db.Set<Gestore>().AsNoTracking().Where(g => listed.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => new EligibleGestore(g.Id, g.Name, g.Kind, []), ct);
        return letters.Select(l => new LetterContent(
            l,
            residents.GetValueOrDefault(l.PatientId)?.MmgId,
            classifications.GetValueOrDefault(l.PatientId)?.MainPathology is { } code ? catalogues.Pathologies.GetValueOrDefault(code) : null,
            l.GestoriListed.Split('|', StringSplitOptions.RemoveEmptyEntries).Where(gestori.ContainsKey).Select(id => gestori[id]).ToList())
        {
            Patient = residents.GetValueOrDefault(l.PatientId),
            Doctor = residents.GetValueOrDefault(l.PatientId)?.MmgId is { } mmg ? doctors.GetValueOrDefault(mmg) : null,
        }).ToList();
    }

    /// <summary>Records that the patient of a campaign's letter declines the presa in carico.</summary>
    public async Task<EnrolmentLetter> DeclineAsync(long campaignId, string patientId, Actor by, string? reason, CancellationToken ct)
    {
        var letter = await Db.Set<EnrolmentLetter>().SingleOrDefaultAsync(l => l.CampaignId == campaignId && l.PatientId == patientId, ct)
            ?? throw new CareRuleException($"nessuna lettera della campagna {campaignId} per il paziente {patientId}");
        letter.Decline(Now(by, reason));
        await CommitAsync(ct);
        return letter;
    }

    private EnrolmentService Enrolment => new(Db, Clock, catalogues);

    private async Task<StratificationRun> RunAsync(CancellationToken ct) =>
        await ClassificationQueries.LatestRunAsync(Db, ct) ?? throw new CareRuleException("nessuna stratificazione importata: nessun paziente da invitare");

    private IQueryable<EligibleRow> Invitable(StratificationRun run, string ats, LetterTarget target)
    {
        var query = EnrolmentService.EligibleOver(Db, run, ats, Today).Where(p => !p.Invited);
        if (target.Level is { } level)
        {
            query = query.Where(p => p.Level == level);
        }

        if (target.Pathology is { Length: > 0 } pathology)
        {
            query = query.Where(p => p.MainPathology == pathology);
        }

        if (target.MmgId is { Length: > 0 } mmg)
        {
            query = query.Where(p => p.MmgId == mmg);
        }

        return query;
    }

    private IQueryable<CampaignProgress> Progress(IQueryable<LetterCampaign> campaigns) =>
        campaigns.Select(c => new CampaignProgress(
            c,
            Db.Set<EnrolmentLetter>().Count(l => l.CampaignId == c.Id && l.DeclinedOn != null),
            Db.Set<EnrolmentLetter>().Count(l => l.CampaignId == c.Id && Db.Set<PattoDiCura>().Any(p => p.PatientId == l.PatientId && p.SignedOn >= l.IssuedOn))));
}
