using Microsoft.EntityFrameworkCore;
using Territorio.Kernel.Population;
using Territorio.Web.Security;

namespace Territorio.Web.Care;

/// <summary>A page of residents found, in name order, and how many there are in all.</summary>
public sealed record PatientSearchPage(IReadOnlyList<Resident> Patients, int Total, int PageNumber, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Finds residents the actor may see by surname (prefix, accents and apostrophes ignored), codice
/// fiscale (prefix) or id (exact), in name order, a page at a time. Both prefixes are ranges on
/// indexed columns (residents' (ats, surname_key, given_name, id) and unique fiscal_code), so a
/// search stays fast on a region of millions on PostgreSQL and SQLite alike.
/// </summary>
public sealed class PatientSearch(PatientAccess access)
{
    public const int PageSize = 25;

    /// <summary>Shortest text searched: one or two letters would match a good part of a territory.</summary>
    public const int MinimumLength = 2;

    public static bool IsSearchable(string? text) => PersonNames.Letters(text).Length + (text ?? "").Count(char.IsAsciiDigit) >= MinimumLength;

    /// <summary>
    /// Residents visible to <paramref name="actor"/> matching <paramref name="text"/> (all of them
    /// when empty), sorted by surname and name (<paramref name="descending"/> reverses); each page is logged as read.
    /// </summary>
    public async Task<PatientSearchPage> FindAsync(Actor actor, IQueryable<Resident> scope, string? text, int pageNumber, bool descending, string resource, CancellationToken ct)
    {
        var found = Matching(scope, text);
        int total = await found.CountAsync(ct);
        int pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pages);
        var ordered = descending
            ? found.OrderByDescending(r => r.SurnameKey).ThenByDescending(r => r.GivenName).ThenByDescending(r => r.Id)
            : found.OrderBy(r => r.SurnameKey).ThenBy(r => r.GivenName).ThenBy(r => r.Id);
        var patients = await ordered.Skip((pageNumber - 1) * PageSize).Take(PageSize).AsNoTracking().ToListAsync(ct);
        await access.RecordListAsync(actor, patients, resource, ct);
        return new PatientSearchPage(patients, total, pageNumber, PageSize);
    }

    private static IQueryable<Resident> Matching(IQueryable<Resident> scope, string? text)
    {
        string trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return scope;
        }

        string upper = trimmed.ToUpperInvariant();
        string surname = PersonNames.SearchKey(trimmed);
        string surnameEnd = After(surname);
        string codeEnd = After(upper);

        // Ranges, not LIKE: a B-tree serves them whatever the database's collation (keys are A–Z and digits).
        return surname.Length == 0
            ? scope.Where(r => r.Id == trimmed || (string.Compare(r.FiscalCode, upper) >= 0 && string.Compare(r.FiscalCode, codeEnd) < 0))
            : scope.Where(r => r.Id == trimmed
                || (string.Compare(r.FiscalCode, upper) >= 0 && string.Compare(r.FiscalCode, codeEnd) < 0)
                || (string.Compare(r.SurnameKey, surname) >= 0 && string.Compare(r.SurnameKey, surnameEnd) < 0));
    }

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> (last character + 1).</summary>
    private static string After(string prefix) => prefix.Length == 0 ? "" : string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(prefix[^1] + 1)]);
}
