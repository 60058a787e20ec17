using System.Runtime.InteropServices;
using Territorio.Remuneration.Tariffs;

namespace Territorio.Remuneration.Yearly;

/// <summary>Settings of a yearly run that are not in the tariff catalogue.</summary>
public sealed record RemunerationOptions
{
    /// <summary>
    /// Fee a Gestore pays a collaborating GP per PAI written (DGR X/6164/2017: "remunerazione in
    /// accordo con i singoli gestori"); null = not configured, reported if any PAI needs it.
    /// </summary>
    public decimal? PaiFee { get; init; }
}

/// <summary>
/// The ATS's yearly payment of the Gestori (DGR X/6164/2017: one all-inclusive yearly tariff per
/// patient, by main pathology and level), pro rata by the days each pact period is active in the
/// year; the GPs' pay follows from their role in each pact.
/// </summary>
public static class RemunerationEngine
{
    public static RemunerationResult Run(IEnumerable<PactPeriod> periods, TariffCatalogue catalogue, int year, RemunerationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        options ??= new RemunerationOptions();
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        int daysInYear = yearEnd.DayNumber - yearStart.DayNumber + 1;
        var lines = new List<RemunerationLine>();
        var mmgLines = new List<MmgPayLine>();
        var issues = new List<RemunerationIssue>();
        var spans = new PatientSpans();

        foreach (var period in periods)
        {
            if (Invalid(period) is { } invalid)
            {
                issues.Add(new RemunerationIssue(period, IssueKind.InvalidPeriod, invalid));
                continue;
            }

            // Active from the later of start and 1 January to the earliest of end, death, 31 December.
            var from = period.Start > yearStart ? period.Start : yearStart;
            var to = Earliest(Earliest(period.End, period.DeathDate) ?? yearEnd, yearEnd);
            if (to < from)
            {
                continue;
            }

            if (spans.Overlapping(period, from, to) is { } other)
            {
                issues.Add(new RemunerationIssue(period, IssueKind.OverlappingPeriods,
                    $"assistito {period.PatientId}: il periodo del patto {period.PactId} ({from:dd/MM/yyyy}–{to:dd/MM/yyyy}) si sovrappone al patto {other}: non pagato"));
                continue;
            }

            if (catalogue.Find(period.Pathology, period.Level) is not { } tariff)
            {
                issues.Add(new RemunerationIssue(period, IssueKind.MissingTariff,
                    $"assistito {period.PatientId}: nessuna tariffa nel catalogo {catalogue.Info.Label} per la patologia {period.Pathology} al livello {period.Level}: non pagato"));
                continue;
            }

            int days = to.DayNumber - from.DayNumber + 1;
            bool endedByDeath = period.DeathDate == to;
            decimal amount = ProRata(tariff.Total, days, daysInYear);
            decimal share = period.MmgRole == MmgRole.GestoreMember && period.MmgId is not null ? ProRata(tariff.MmgShare, days, daysInYear) : 0;
            var line = new RemunerationLine(period, tariff, from, to, days, daysInYear, endedByDeath, amount, share);
            lines.Add(line);
            AddMmgPay(line, options, mmgLines, issues);
        }

        return new RemunerationResult(year, catalogue.Info, lines, mmgLines, issues);
    }

    /// <summary>A yearly amount for the days active: rounded to the cent once, per line.</summary>
    // Territorio's own rule: the DGR X/6164/2017 tariff is yearly per pathology and level and does not
    // say how to pay a part of a year; by days is the only split that keeps a year of periods (a
    // reclassification, a change of Gestore) equal to one yearly tariff (decision 0062).
    public static decimal ProRata(decimal yearly, int days, int daysInYear) =>
        days == daysInYear ? yearly : Euro.ToCent(yearly * days / daysInYear);

    private static void AddMmgPay(RemunerationLine line, RemunerationOptions options, List<MmgPayLine> mmgLines, List<RemunerationIssue> issues)
    {
        var period = line.Period;
        if (period.MmgId is not { } mmg)
        {
            return;
        }

        if (period.MmgRole == MmgRole.GestoreMember)
        {
            // DGR X/6164/2017, MMG Gestore: 8% of the ambulatory component of the patients whose PAI it manages.
            mmgLines.Add(new MmgPayLine(mmg, line, MmgPayKind.GpShare, line.MmgShareAmount));
        }
        else if (period.MmgRole == MmgRole.Collaborator && period.PaisByMmg > 0)
        {
            // DGR X/6164/2017, MMG collaborator: paid by the Gestore per PAI written.
            if (options.PaiFee is not { } fee)
            {
                issues.Add(new RemunerationIssue(period, IssueKind.PaiFeeNotConfigured,
                    $"MMG {mmg}: {period.PaisByMmg} PAI scritti per l'assistito {period.PatientId} ma il compenso per PAI non è configurato"));
                return;
            }

            mmgLines.Add(new MmgPayLine(mmg, line, MmgPayKind.PaiFee, period.PaisByMmg * fee, period.PaisByMmg, fee));
        }
    }

    private static string? Invalid(PactPeriod period)
    {
        if (period.End < period.Start)
        {
            return $"assistito {period.PatientId}: il patto {period.PactId} finisce ({period.End:dd/MM/yyyy}) prima di iniziare ({period.Start:dd/MM/yyyy})";
        }

        if (period.DeathDate < period.Start)
        {
            return $"assistito {period.PatientId}: decesso ({period.DeathDate:dd/MM/yyyy}) prima dell'inizio del patto {period.PactId} ({period.Start:dd/MM/yyyy})";
        }

        return period.PaisByMmg < 0 ? $"assistito {period.PatientId}: numero di PAI negativo ({period.PaisByMmg})" : null;
    }

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateOnly Earliest(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The active spans of each patient in the year, to refuse paying one patient twice.</summary>
    private sealed class PatientSpans
    {
        private readonly Dictionary<string, int> _lastByPatient = new(StringComparer.Ordinal);
        private readonly List<(DateOnly From, DateOnly To, string PactId, int Previous)> _spans = [];

        /// <summary>The pact id of an already accepted overlapping span, or null (then this span is recorded).</summary>
        public string? Overlapping(PactPeriod period, DateOnly from, DateOnly to)
        {
            ref int last = ref CollectionsMarshal.GetValueRefOrAddDefault(_lastByPatient, period.PatientId, out bool seen);
            for (int i = seen ? last : -1; i >= 0; i = _spans[i].Previous)
            {
                var span = _spans[i];
                if (span.From <= to && from <= span.To)
                {
                    return span.PactId;
                }
            }

            _spans.Add((from, to, period.PactId, seen ? last : -1));
            last = _spans.Count - 1;
            return null;
        }
    }
}
