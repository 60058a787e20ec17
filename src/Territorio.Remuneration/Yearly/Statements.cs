using Territorio.Remuneration.Tariffs;

namespace Territorio.Remuneration.Yearly;

/// <summary>
/// What the ATS pays one Gestore for the year: its lines, their total (the sum of the lines),
/// and out of it what the Gestore owes its GPs (8% shares of cooperative members, per-PAI fees
/// of collaborators).
/// </summary>
public sealed class GestoreStatement(string gestoreId, IReadOnlyList<RemunerationLine> lines, IReadOnlyList<MmgPayLine> mmgLines)
{
    public string GestoreId { get; } = gestoreId;

    public IReadOnlyList<RemunerationLine> Lines { get; } = lines;

    /// <summary>The GP pay this Gestore passes on (shares of its members, fees of collaborators).</summary>
    public IReadOnlyList<MmgPayLine> MmgLines { get; } = mmgLines;

    public decimal Total { get; } = lines.Sum(l => l.Amount);

    public decimal MmgShares { get; } = mmgLines.Where(l => l.Kind == MmgPayKind.GpShare).Sum(l => l.Amount);

    public decimal PaiFees { get; } = mmgLines.Where(l => l.Kind == MmgPayKind.PaiFee).Sum(l => l.Amount);

    public int Patients => Lines.Select(l => l.Period.PatientId).Distinct(StringComparer.Ordinal).Count();

    public IEnumerable<string> AtsIds => Lines.Select(l => l.Period.AtsId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public bool UsesProvisionalTariffs => Lines.Any(l => l.Tariff.Provisional);
}

/// <summary>What one GP is owed in the year (by the Gestori it works with), line by line.</summary>
public sealed class MmgStatement(string mmgId, IReadOnlyList<MmgPayLine> lines)
{
    public string MmgId { get; } = mmgId;

    public IReadOnlyList<MmgPayLine> Lines { get; } = lines;

    public decimal Total { get; } = lines.Sum(l => l.Amount);
}

/// <summary>A total of paid lines for one group (an ATS, a pathology), with patients and issues.</summary>
public sealed record PaymentTotal(string Key, int Patients, int Lines, decimal Amount, decimal MmgShares, int PatientsWithIssues);

/// <summary>The whole year: lines, issues, statements per Gestore and GP, totals per ATS and pathology.</summary>
public sealed class RemunerationResult
{
    public RemunerationResult(int year, TariffCatalogueInfo catalogue, IReadOnlyList<RemunerationLine> lines, IReadOnlyList<MmgPayLine> mmgLines, IReadOnlyList<RemunerationIssue> issues)
    {
        Year = year;
        Catalogue = catalogue;
        Lines = lines;
        MmgLines = mmgLines;
        Issues = issues;
        var mmgByGestore = mmgLines.ToLookup(l => l.Period.GestoreId, StringComparer.Ordinal);
        Gestori = lines.GroupBy(l => l.Period.GestoreId, StringComparer.Ordinal)
            .Select(g => new GestoreStatement(g.Key, g.ToList(), mmgByGestore[g.Key].ToList()))
            .OrderBy(s => s.GestoreId, StringComparer.Ordinal)
            .ToList();
        Mmg = mmgLines.GroupBy(l => l.MmgId, StringComparer.Ordinal)
            .Select(g => new MmgStatement(g.Key, g.ToList()))
            .OrderBy(s => s.MmgId, StringComparer.Ordinal)
            .ToList();
        ByAts = Totals(l => l.Period.AtsId, i => i.Period.AtsId);
        ByPathology = Totals(l => l.Tariff.Pathology.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), i => i.Period.Pathology.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
    }

    public int Year { get; }

    public TariffCatalogueInfo Catalogue { get; }

    public IReadOnlyList<RemunerationLine> Lines { get; }

    public IReadOnlyList<MmgPayLine> MmgLines { get; }

    public IReadOnlyList<RemunerationIssue> Issues { get; }

    public IReadOnlyList<GestoreStatement> Gestori { get; }

    public IReadOnlyList<MmgStatement> Mmg { get; }

    public IReadOnlyList<PaymentTotal> ByAts { get; }

    /// <summary>Totals per pathology code (two digits, so they sort as numbers).</summary>
    public IReadOnlyList<PaymentTotal> ByPathology { get; }

    public decimal Total => ByAts.Sum(t => t.Amount);

    private List<PaymentTotal> Totals(Func<RemunerationLine, string> lineKey, Func<RemunerationIssue, string> issueKey)
    {
        var issues = Issues.GroupBy(issueKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Period.PatientId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var totals = Lines.GroupBy(lineKey, StringComparer.Ordinal)
            .Select(g => new PaymentTotal(
                g.Key,
                g.Select(l => l.Period.PatientId).Distinct(StringComparer.Ordinal).Count(),
                g.Count(),
                g.Sum(l => l.Amount),
                g.Sum(l => l.MmgShareAmount),
                issues.GetValueOrDefault(g.Key)))
            .ToList();
        totals.AddRange(issues.Where(i => totals.TrueForAll(t => t.Key != i.Key)).Select(i => new PaymentTotal(i.Key, 0, 0, 0, 0, i.Value)));
        totals.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return totals;
    }
}
