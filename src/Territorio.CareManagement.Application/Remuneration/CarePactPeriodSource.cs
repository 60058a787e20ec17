using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Remuneration.Yearly;

namespace Territorio.CareManagement.Application.Remuneration;

/// <summary>
/// The pact periods of a year read from the care-management tables (decisions 0063, 0056): every
/// Patto di Cura active in the year, split where its level history (an approved reclassification)
/// changes the main pathology or level in force; the end is the pact's last day (a change of Gestore closed the old
/// pact the day before the new one), the death date comes from the registry. The GP is the pact's
/// MMG: a member of the Gestore cooperative (8% share), a collaborator who wrote PAI versions the
/// Gestore validated (per-PAI fee), or only informed. Reads the pacts in batches ordered by id.
/// </summary>
public sealed class CarePactPeriodSource(TerritorioDbContext db, int batchSize = 2_000) : IPactPeriodSource
{
    public async IAsyncEnumerable<PactPeriod> ReadAsync(int year, string? atsId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var kinds = await db.Set<Gestore>().AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Kind, StringComparer.Ordinal, ct);
        var members = (await db.Set<CooperativeMember>().AsNoTracking().ToListAsync(ct)).ToLookup(m => (m.GestoreId, m.MmgId));

        long after = 0;
        while (true)
        {
            var pacts = await db.Set<PattoDiCura>().AsNoTracking()
                .Where(p => p.Id > after && p.StartDate <= yearEnd && p.EndDate >= yearStart && (atsId == null || p.Ats == atsId))
                .OrderBy(p => p.Id)
                .Take(batchSize)
                .ToListAsync(ct);
            if (pacts.Count == 0)
            {
                yield break;
            }

            after = pacts[^1].Id;
            var patients = pacts.Select(p => p.PatientId).Distinct().ToList();
            var pactIds = pacts.Select(p => p.Id).ToList();
            var deaths = await db.Residents.AsNoTracking()
                .Where(r => patients.Contains(r.Id) && r.DeathDate != null)
                .ToDictionaryAsync(r => r.Id, r => r.DeathDate, StringComparer.Ordinal, ct);
            var mmgVersions = (await (
                from version in db.Set<PaiVersion>()
                join pai in db.Set<Pai>() on EF.Property<long>(version, "pai_id") equals pai.Id
                where pactIds.Contains(pai.PactId) && version.AuthorRole == ActorRole.Mmg
                    && (version.Status == PaiVersionStatus.Active || version.Status == PaiVersionStatus.Superseded)
                select new { pai.PactId, version.DecidedAtUtc, version.CreatedAtUtc })
                .ToListAsync(ct))
                .ToLookup(v => v.PactId, v => RomeCalendar.DateOf(v.DecidedAtUtc ?? v.CreatedAtUtc));

            foreach (var pact in pacts)
            {
                // A pact annulled on or before its first day never ran (its last day precedes its first).
                if (!pact.WasEverInForce)
                {
                    continue;
                }

                var segments = Segments(pact);
                for (int i = 0; i < segments.Count; i++)
                {
                    var (start, pathology, level) = segments[i];
                    var end = i + 1 < segments.Count ? segments[i + 1].Start.AddDays(-1) : pact.EndDate;
                    if (start > yearEnd || end < yearStart)
                    {
                        continue;
                    }

                    var (role, pais) = RoleOf(pact, kinds, members, mmgVersions[pact.Id], Later(start, yearStart), Earlier(end, yearEnd));
                    yield return new PactPeriod(pact.Id.ToString(CultureInfo.InvariantCulture), pact.PatientId, pact.GestoreId, pact.Ats, pact.MmgId, role,
                        start, end, pathology, level, deaths.GetValueOrDefault(pact.PatientId), pais);
                }
            }
        }
    }

    /// <summary>
    /// Where the main pathology and level in force change within the pact: its level history
    /// (<see cref="PattoDiCura.LevelPeriods"/>: the level it was signed at, then each approved
    /// reclassification from its decision day), consecutive periods at the same tariff joined.
    /// </summary>
    public static List<(DateOnly Start, int Pathology, int Level)> Segments(PattoDiCura pact)
    {
        var segments = new List<(DateOnly Start, int Pathology, int Level)>();
        foreach (var period in pact.LevelPeriods)
        {
            var next = (period.From, Code(period.MainPathology), period.Level);
            if (segments.Count == 0 || segments[^1].Pathology != next.Item2 || segments[^1].Level != next.Level)
            {
                segments.Add(next);
            }
        }

        return segments;
    }

    // DGR X/6164/2017 allegato 1, "Ruolo del MMG": member of the cooperative that is Gestore (8% of
    // amb), collaborator paid per PAI written, or only informed.
    private static (MmgRole Role, int Pais) RoleOf(PattoDiCura pact, Dictionary<string, GestoreKind> kinds, ILookup<(string, string), CooperativeMember> members,
        IEnumerable<DateOnly> mmgPais, DateOnly from, DateOnly to)
    {
        if (pact.MmgId is not { } mmg)
        {
            return (MmgRole.BusinessAsUsual, 0);
        }

        // Membership on the first paid day of the period decides it (decision 0056).
        if (kinds.GetValueOrDefault(pact.GestoreId) == GestoreKind.CooperativaMmg && members[(pact.GestoreId, mmg)].Any(m => m.IsMemberOn(from)))
        {
            return (MmgRole.GestoreMember, 0);
        }

        var written = mmgPais.ToList();
        return written.Count == 0 ? (MmgRole.BusinessAsUsual, 0) : (MmgRole.Collaborator, written.Count(day => day >= from && day <= to));
    }

    /// <summary>A pathology code of the regional catalogue; 0 (no tariff, reported) when missing.</summary>
    private static int Code(string? pathology) =>
        int.TryParse(pathology, NumberStyles.None, CultureInfo.InvariantCulture, out int code) ? code : 0;

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;
}
