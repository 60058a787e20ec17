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
/// Finds residents the actor may see by surname (prefix, accents and apostrophes ignored), surname
/// and given name ("Rossi Maria": whole surname, start of the given name), codice
/// fiscale (prefix) or id (exact), in name order, a page at a time. Each way of matching is its own
/// branch of a UNION, a range on its own index (residents' (ats, surname_key, given_name, id),
/// unique fiscal_code, the primary key), and the branches read only the sort keys, so the surname
/// branch is answered from the index alone; the whole rows are read for the page only
/// (docs/decisions/0190-patient-search-by-index-branches.md).
/// </summary>
public sealed class PatientSearch(PatientAccess access)
{
    public const int PageSize = 25;

    /// <summary>Shortest text searched: one or two letters would match a good part of a territory.</summary>
    public const int MinimumLength = 2;

    /// <summary>
    /// Up to this many matches are read in one statement (their ids, in order) and counted and
    /// paged from memory; more are counted and paged by the database (a statement each).
    /// </summary>
    public const int ReadWhole = 1_000;

    public static bool IsSearchable(string? text) => PersonNames.Letters(text).Length + (text ?? "").Count(char.IsAsciiDigit) >= MinimumLength;

    /// <summary>
    /// Residents visible to <paramref name="actor"/> matching <paramref name="text"/> (all of them
    /// when empty), sorted by surname and name (<paramref name="descending"/> reverses); each page is logged as read.
    /// </summary>
    public async Task<PatientSearchPage> FindAsync(Actor actor, IQueryable<Resident> scope, string? text, int pageNumber, bool descending, string resource, CancellationToken ct)
    {
        var found = Matching(scope, text);
        var ordered = descending
            ? found.OrderByDescending(k => k.SurnameKey).ThenByDescending(k => k.GivenName).ThenByDescending(k => k.Id)
            : found.OrderBy(k => k.SurnameKey).ThenBy(k => k.GivenName).ThenBy(k => k.Id);
        var first = await ordered.Select(k => k.Id).Take(ReadWhole + 1).ToListAsync(ct);
        int total = first.Count <= ReadWhole ? first.Count : await found.CountAsync(ct);
        int pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pages);
        int skip = (pageNumber - 1) * PageSize;
        var pageIds = total == first.Count || skip + PageSize <= first.Count
            ? first.Skip(skip).Take(PageSize).ToList()
            : await ordered.Skip(skip).Take(PageSize).Select(k => k.Id).ToListAsync(ct);

        var rows = await scope.Where(r => pageIds.Contains(r.Id)).AsNoTracking().ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        List<Resident> patients = [.. pageIds.Where(rows.ContainsKey).Select(id => rows[id])];
        await access.RecordListAsync(actor, patients, resource, ct);
        return new PatientSearchPage(patients, total, pageNumber, PageSize);
    }

    private static IQueryable<SortKey> Matching(IQueryable<Resident> scope, string? text)
    {
        string trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return KeysOf(scope);
        }

        string upper = trimmed.ToUpperInvariant();
        string surname = PersonNames.SearchKey(trimmed);
        string surnameEnd = After(surname);
        string codeEnd = After(upper);

        // Ranges, not LIKE: a B-tree serves them whatever the database's collation (keys are A–Z and digits).
        // A UNION, not an OR: each branch uses its own index (an OR of the three read every row the surname range found).
        var found = KeysOf(scope.Where(r => r.Id == trimmed))
            .Union(KeysOf(scope.Where(r => string.Compare(r.FiscalCode, upper) >= 0 && string.Compare(r.FiscalCode, codeEnd) < 0)));
        if (surname.Length == 0)
        {
            return found;
        }

        found = found.Union(KeysOf(scope.Where(r => string.Compare(r.SurnameKey, surname) >= 0 && string.Compare(r.SurnameKey, surnameEnd) < 0)));
        // "Rossi Maria", "De Luca Anna": each way to split the words into surname (whole) and given name (its start).
        string[] words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int split = 1; split < Math.Min(words.Length, MaxSurnameWords + 1); split++)
        {
            string wholeSurname = PersonNames.SearchKey(string.Join(' ', words[..split]));
            string given = string.Join(' ', words[split..]).ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // SQL's upper() and LIKE: no .NET culture applies
            found = found.Union(KeysOf(scope.Where(r => r.SurnameKey == wholeSurname && r.GivenName!.ToUpper().StartsWith(given))));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return found;
    }

    /// <summary>Words of a surname tried before the given name ("De Luca Anna"); more would only add branches.</summary>
    private const int MaxSurnameWords = 3;

    private static IQueryable<SortKey> KeysOf(IQueryable<Resident> residents) =>
        residents.Select(r => new SortKey { Id = r.Id, SurnameKey = r.SurnameKey, GivenName = r.GivenName });

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> (last character + 1).</summary>
    private static string After(string prefix) => prefix.Length == 0 ? "" : string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(prefix[^1] + 1)]);

    /// <summary>What a match is sorted by (and its id): all of it in the residents' name index.</summary>
    private sealed class SortKey
    {
        public required string Id { get; init; }

        public string? SurnameKey { get; init; }

        public string? GivenName { get; init; }
    }
}
