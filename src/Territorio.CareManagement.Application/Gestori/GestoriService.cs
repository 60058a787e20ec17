using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Gestori;

/// <summary>An eligible Gestore of an ATS with the levels it was approved for.</summary>
public sealed record EligibleGestore(string Id, string Name, GestoreKind Kind, IReadOnlyList<int> Levels);

/// <summary>Gestori, their candidatures to the ATS and the list of eligible Gestori.</summary>
public sealed class GestoriService(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    public async Task<Gestore> RegisterAsync(string id, string name, GestoreKind kind, string ats, Actor by, CancellationToken ct)
    {
        var gestore = Gestore.Register(id, name, kind, ats, Now(by));
        Db.Add(gestore);
        await CommitAsync(ct, $"il Gestore {id} esiste già");
        return gestore;
    }

    public async Task<Candidature> ApplyAsync(string gestoreId, string ats, int level, Actor by, CancellationToken ct)
    {
        var gestore = await GestoreAsync(gestoreId, ct);
        var candidature = gestore.Apply(ats, level, Now(by));
        await CommitAsync(ct, $"il Gestore {gestoreId} ha già una candidatura per l'ATS {ats} al livello {level}");
        return candidature;
    }

    public async Task DecideAsync(string gestoreId, string ats, int level, bool approve, Actor by, string? reason, CancellationToken ct)
    {
        var gestore = await GestoreAsync(gestoreId, ct);
        if (approve)
        {
            gestore.Approve(ats, level, Now(by, reason));
        }
        else
        {
            gestore.Reject(ats, level, Now(by, reason));
        }

        await CommitAsync(ct);
    }

    /// <summary>Records a GP as member of a GP cooperative (the 8% share of its patients' tariffs follows).</summary>
    public async Task<CooperativeMember> AddMemberAsync(string gestoreId, string mmgId, DateOnly? since, Actor by, CancellationToken ct)
    {
        var gestore = await GestoreAsync(gestoreId, ct);
        var member = gestore.AddMember(mmgId, since ?? Today, Now(by));
        await CommitAsync(ct, $"l'MMG {mmgId} è già associato a un'altra cooperativa");
        return member;
    }

    public async Task RemoveMemberAsync(string gestoreId, string mmgId, DateOnly? lastDay, Actor by, CancellationToken ct)
    {
        var gestore = await GestoreAsync(gestoreId, ct);
        gestore.RemoveMember(mmgId, lastDay ?? Today, Now(by));
        await CommitAsync(ct);
    }

    public async Task<IReadOnlyList<CooperativeMember>> MembersAsync(string gestoreId, CancellationToken ct)
    {
        _ = await GestoreAsync(gestoreId, ct);
        return await Db.Set<CooperativeMember>().AsNoTracking().Where(m => m.GestoreId == gestoreId).OrderBy(m => m.MmgId).ThenBy(m => m.Since).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Candidature>> PendingCandidaturesAsync(string ats, CancellationToken ct) =>
        await Db.Set<Candidature>().Where(c => c.Ats == ats && c.Status == CandidatureStatus.Pending)
            .OrderBy(c => c.SubmittedOn).ThenBy(c => c.GestoreId).ThenBy(c => c.Level).ToListAsync(ct);

    /// <summary>The ATS's list of eligible Gestori (DGR X/6164/2017: published per territory and level).</summary>
    public async Task<IReadOnlyList<EligibleGestore>> EligibleAsync(string ats, int? level, CancellationToken ct)
    {
        var approved = await Db.Set<Candidature>()
            .Where(c => c.Ats == ats && c.Status == CandidatureStatus.Approved && (level == null || c.Level == level))
            .Select(c => new { c.GestoreId, c.Level })
            .ToListAsync(ct);
        var ids = approved.Select(a => a.GestoreId).Distinct().ToList();
        var gestori = await Db.Set<Gestore>().Where(g => ids.Contains(g.Id)).ToListAsync(ct);
        return gestori
            .Select(g => new EligibleGestore(g.Id, g.Name, g.Kind, approved.Where(a => a.GestoreId == g.Id).Select(a => a.Level).Order().ToList()))
            .OrderBy(g => g.Id, StringComparer.Ordinal)
            .ToList();
    }
}
