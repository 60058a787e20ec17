using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Registry;
using Territorio.Data;
using Territorio.Data.Security;

namespace Territorio.Web.Security;

/// <summary>Filters of the access log, as an ATS asks them (dates are Italian calendar days).</summary>
public sealed record AccessLogFilter(string? PatientId, string? UserName, DateOnly? From, DateOnly? To, int Page = 1);

public sealed record AccessLogPage(IReadOnlyList<PatientAccessEntry> Entries, int Total, int Page, int PageSize)
{
    /// <summary>The page's patients as people read them: "Maria Rossi (RSSMRA…)", by id.</summary>
    public IReadOnlyDictionary<string, string> Patients { get; init; } = new Dictionary<string, string>();

    /// <summary>The page's users by account name: "Maria Rossi (mrossi)".</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    public string Patient(string id) => Patients.GetValueOrDefault(id, id);

    public string User(string userName) => Users.GetValueOrDefault(userName, userName);
}

/// <summary>The access log of the patients of an ATS's territory, newest first.</summary>
public sealed class AccessLogQuery(TerritorioDbContext db)
{
    public const int PageSize = 100;

    public async Task<AccessLogPage> FindAsync(Actor actor, AccessLogFilter filter, CancellationToken cancellationToken)
    {
        if (!actor.IsAts)
        {
            return new AccessLogPage([], 0, 1, PageSize);
        }

        var query = db.Set<PatientAccessEntry>().AsNoTracking().Where(e => e.PatientAts == actor.Ats);
        if (filter.PatientId is { Length: > 0 } patient)
        {
            query = query.Where(e => e.PatientId == patient);
        }

        if (filter.UserName is { Length: > 0 } user)
        {
            query = query.Where(e => e.UserName == user);
        }

        if (filter.From is { } from)
        {
            var fromUtc = ItalianTime.StartOfDayUtc(from);
            query = query.Where(e => e.AtUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = ItalianTime.StartOfDayUtc(to.AddDays(1));
            query = query.Where(e => e.AtUtc < toUtc);
        }

        int page = Paging.Clamp(filter.Page);
        int total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        // The register names whom it lists (people, not codes); reading it is not itself logged per patient: its rows are the record of those reads (decision 0250).
        var residents = await PeopleNames.ResidentsAsync(db, entries.Select(e => e.PatientId), cancellationToken);
        var users = entries.Select(e => e.UserName).Distinct().ToList();
        var accounts = await db.Set<TerritorioUser>().AsNoTracking().Where(u => users.Contains(u.UserName!) && u.DisplayName.Length > 0)
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        return new AccessLogPage(entries, total, page, PageSize)
        {
            Patients = residents.Keys.ToDictionary(id => id, id => PeopleNames.Patient(residents, id), StringComparer.Ordinal),
            Users = accounts.ToDictionary(a => a.UserName!, a => $"{a.DisplayName} ({a.UserName})", StringComparer.Ordinal),
        };
    }
}
