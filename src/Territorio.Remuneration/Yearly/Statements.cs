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
        var linesByGestore = new Dictionary<string, List<RemunerationLine>>(StringComparer.Ordinal);
        var ats = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        var pathologies = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            Bucket(linesByGestore, line.Period.GestoreId).Add(line);
            Accumulator.For(ats, line.Period.AtsId).Add(line);
            Accumulator.For(pathologies, PathologyKey(line.Tariff.Pathology)).Add(line);
        }

        foreach (var issue in issues)
        {
            Accumulator.For(ats, issue.Period.AtsId).AddIssue(issue);
            Accumulator.For(pathologies, PathologyKey(issue.Period.Pathology)).AddIssue(issue);
        }

        var mmgByGestore = new Dictionary<string, List<MmgPayLine>>(StringComparer.Ordinal);
        var mmgByMmg = new Dictionary<string, List<MmgPayLine>>(StringComparer.Ordinal);
        foreach (var line in mmgLines)
        {
            Bucket(mmgByGestore, line.Period.GestoreId).Add(line);
            Bucket(mmgByMmg, line.MmgId).Add(line);
        }

        Gestori = linesByGestore.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GestoreStatement(g.Key, g.Value, mmgByGestore.GetValueOrDefault(g.Key) ?? []))
            .ToList();
        Mmg = mmgByMmg.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new MmgStatement(g.Key, g.Value)).ToList();
        ByAts = Accumulator.Totals(ats);
        ByPathology = Accumulator.Totals(pathologies);
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

    private static string PathologyKey(int code) => code.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    private static List<T> Bucket<T>(Dictionary<string, List<T>> buckets, string key)
    {
        ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(buckets, key, out _);
        return list ??= [];
    }

    /// <summary>Running total of one group: one pass over the lines and issues.</summary>
    private sealed class Accumulator
    {
        private readonly HashSet<string> _patients = new(StringComparer.Ordinal);
        private readonly HashSet<string> _patientsWithIssues = new(StringComparer.Ordinal);
        private int _lines;
        private decimal _amount;
        private decimal _mmgShares;

        public static Accumulator For(Dictionary<string, Accumulator> groups, string key)
        {
            ref var accumulator = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out _);
            return accumulator ??= new Accumulator();
        }

        public void Add(RemunerationLine line)
        {
            _patients.Add(line.Period.PatientId);
            _lines++;
            _amount += line.Amount;
            _mmgShares += line.MmgShareAmount;
        }

        public void AddIssue(RemunerationIssue issue) => _patientsWithIssues.Add(issue.Period.PatientId);

        public static List<PaymentTotal> Totals(Dictionary<string, Accumulator> groups) =>
            groups.OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new PaymentTotal(g.Key, g.Value._patients.Count, g.Value._lines, g.Value._amount, g.Value._mmgShares, g.Value._patientsWithIssues.Count))
                .ToList();
    }
}
