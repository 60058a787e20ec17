using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Plans;

/// <summary>An MMG proposal waiting for the Gestore's decision.</summary>
public sealed record PendingProposal(string PatientId, string? MmgId, int Number, string Author, DateTime CreatedAtUtc, string Reason, bool IsDraft);

/// <summary>The PAI the templates of a patient's pathologies give at the patient's level, merged (<see cref="PaiTemplateMerge"/>).</summary>
public sealed record TemplatePlan(IReadOnlyList<PaiTemplate> Templates, int Level, IReadOnlyList<PaiItem> Items)
{
    public bool Provisional => Templates.Any(t => t.Provisional);

    /// <summary>
    /// The merged plan of a main pathology and the '|'-separated list of all pathologies, at a
    /// level: what the PAI editor, the API and the GP's enrolment message all start from.
    /// </summary>
    public static TemplatePlan Of(CareCatalogues catalogues, string? mainPathology, string? pathologies, int level)
    {
        var codes = new[] { mainPathology ?? "" }.Concat((pathologies ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var templates = catalogues.Templates.ForPathologies(codes, level);
        return new TemplatePlan(templates, level, PaiTemplateMerge.Merge(templates, catalogues.Vocabulary));
    }

    /// <summary>For a version's reason: which templates, whether provisional, which pathologies and level.</summary>
    public string Describe() =>
        $"{(Provisional ? "modello provvisorio" : "modello")} {string.Join(", ", Templates.Select(t => t.Version).Distinct())} " +
        $"({(Templates.Count == 1 ? "patologia" : "patologie")} {string.Join(", ", Templates.Select(t => t.Pathology))}, livello {Level})";
}

/// <summary>The PAI: written from a template or by hand, MMG drafts and proposals, shared prescriptions.</summary>
public sealed class PaiService(TerritorioDbContext db, TimeProvider clock, CareCatalogues catalogues) : CareService(db, clock)
{
    private const string OneActiveVersion = "il PAI è stato modificato nel frattempo da un altro operatore: ricaricare e riprovare";

    /// <summary>The PAI of the patient's active pact, or null when none was opened yet.</summary>
    public async Task<Pai?> FindAsync(string patientId, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        return await PaiOfPactAsync(pact.Id, ct);
    }

    /// <summary>
    /// The items the templates of all the patient's pathologies (main first) give at the level in
    /// force, merged into one plan: one item per service, the highest frequency wins.
    /// </summary>
    public async Task<TemplatePlan> TemplateForAsync(string patientId, CancellationToken ct)
    {
        var classification = await ClassificationAsync(patientId, ct)
            ?? throw new CareRuleException($"il paziente {patientId} non risulta stratificato");
        return PlanFor(classification.MainPathology, classification.Pathologies, classification.Level);
    }

    /// <summary>The merged template plan of a main pathology and the '|'-separated list of all pathologies, at a level.</summary>
    public TemplatePlan PlanFor(string? mainPathology, string? pathologies, int level) => TemplatePlan.Of(catalogues, mainPathology, pathologies, level);

    public async Task<PaiVersion> WriteFromTemplateAsync(string patientId, Actor by, string? reason, CancellationToken ct)
    {
        var plan = await TemplateForAsync(patientId, ct);
        return await WriteAsync(patientId, plan.Items, by, reason ?? $"PAI dal {plan.Describe()}", ct);
    }

    public async Task<PaiVersion> WriteAsync(string patientId, IReadOnlyList<PaiItem> items, Actor by, string? reason, CancellationToken ct)
    {
        var pai = await OpenAsync(patientId, ct);
        var version = pai.Write(items, catalogues.Vocabulary, Now(by, reason));
        await CommitAsync(ct, OneActiveVersion);
        return version;
    }

    public async Task<PaiVersion> ProposeAsync(string patientId, IReadOnlyList<PaiItem> items, Actor mmg, string? reason, CancellationToken ct)
    {
        var pai = await OpenAsync(patientId, ct);
        var version = pai.Propose(items, catalogues.Vocabulary, Now(mmg, reason));
        await CommitAsync(ct, $"c'è già una proposta in attesa per il PAI del paziente {patientId}");
        return version;
    }

    /// <summary>
    /// The patient's MMG drafts the first PAI from the template of the patient's pathology and
    /// level, as the Gestore's collaborator (DGR X/6164/2017 allegato 1): the Gestore then
    /// validates it. With a PAI already in force the MMG proposes a change instead.
    /// </summary>
    public async Task<PaiVersion> DraftFromTemplateAsync(string patientId, Actor mmg, string? reason, CancellationToken ct)
    {
        if (await FindAsync(patientId, ct) is { ActiveVersion: { } active })
        {
            throw new CareRuleException($"il paziente {patientId} ha già un PAI in vigore (versione {active.Number}): proporre una modifica invece di una bozza");
        }

        var plan = await TemplateForAsync(patientId, ct);
        return await ProposeAsync(patientId, plan.Items, mmg, reason ?? $"bozza del MMG dal {plan.Describe()}", ct);
    }

    /// <summary>The MMG proposals waiting for a Gestore, oldest first (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<PendingProposal>> PendingProposalsAsync(string gestoreId, int limit, CancellationToken ct)
    {
        // A join rather than SelectMany over the navigation: SQLite has no APPLY.
        var versions = Db.Set<PaiVersion>().AsNoTracking();
        var rows = await (
            from p in Db.Set<Pai>().AsNoTracking().IgnoreAutoIncludes()
            join v in versions on p.Id equals EF.Property<long>(v, "pai_id")
            where p.GestoreId == gestoreId && v.Status == PaiVersionStatus.Proposed
            select new
            {
                p.PatientId,
                p.MmgId,
                v.Number,
                v.Author,
                v.CreatedAtUtc,
                v.Reason,
                IsDraft = !versions.Any(o => EF.Property<long>(o, "pai_id") == p.Id && o.Status == PaiVersionStatus.Active),
            })
            .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.PatientId)
            .Take(limit)
            .ToListAsync(ct);
        return rows.Select(r => new PendingProposal(r.PatientId, r.MmgId, r.Number, r.Author, r.CreatedAtUtc, r.Reason, r.IsDraft)).ToList();
    }

    public async Task<PaiVersion?> DecideProposalAsync(string patientId, bool accept, Actor by, string? reason, CancellationToken ct)
    {
        var pai = await ActivePaiAsync(patientId, ct);
        PaiVersion? accepted = null;
        if (accept)
        {
            accepted = pai.AcceptProposal(Now(by, reason));
        }
        else
        {
            pai.RejectProposal(Now(by, reason));
        }

        await CommitAsync(ct, OneActiveVersion);
        return accepted;
    }

    public async Task<SharedPrescription> RecordSharedPrescriptionAsync(string patientId, PaiItemKind kind, string code, string description, Actor by, string? reason, CancellationToken ct)
    {
        var pai = await ActivePaiAsync(patientId, ct);
        var prescription = SharedPrescription.Record(pai, kind, code, description, Now(by, reason));
        Db.Add(prescription);
        await CommitAsync(ct);
        return prescription;
    }

    public async Task AcknowledgeSharedPrescriptionAsync(long prescriptionId, Actor by, CancellationToken ct)
    {
        var prescription = await Db.Set<SharedPrescription>().SingleOrDefaultAsync(p => p.Id == prescriptionId, ct)
            ?? throw new CareRuleException($"prescrizione {prescriptionId} non trovata");
        var patient = await PatientAsync(prescription.PatientId, ct);
        prescription.Acknowledge(patient.MmgId, Now(by));
        await CommitAsync(ct);
    }

    public async Task<IReadOnlyList<SharedPrescription>> SharedPrescriptionsAsync(string patientId, CancellationToken ct) =>
        await Db.Set<SharedPrescription>().Where(p => p.PatientId == patientId).OrderBy(p => p.PrescribedOn).ThenBy(p => p.Id).ToListAsync(ct);

    /// <summary>The PAI of the active pact, opened on first use.</summary>
    private async Task<Pai> OpenAsync(string patientId, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        var pai = await PaiOfPactAsync(pact.Id, ct);
        if (pai is null)
        {
            pai = Pai.For(pact);
            Db.Add(pai);
        }

        return pai;
    }
}
