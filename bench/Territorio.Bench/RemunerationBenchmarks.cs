using BenchmarkDotNet.Attributes;
using Territorio.Flows.Reference;
using Territorio.Flows.Remuneration;
using Territorio.Remuneration.Tariffs;
using Territorio.Remuneration.Yearly;

namespace Territorio.Bench;

/// <summary>
/// The yearly remuneration over 1M pact periods (shipped catalogue; ~5% with a change of Gestore,
/// ~3% deaths, ~2% without a tariff): engine, statements and totals, everything in memory.
/// Run: dotnet run -c Release --project bench/Territorio.Bench -- --filter '*YearlyRemuneration*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InProcess]
[WarmupCount(1)]
[IterationCount(5)]
public class YearlyRemuneration
{
    private PactPeriod[] _periods = [];
    private TariffCatalogue _catalogue = null!;

    [Params(1_000_000)]
    public int Periods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = ReferenceData.Default();
        _catalogue = TariffCatalogueJson.Read(data.PathOf("remuneration", "tariffe.json"), ChronicPathologies.Load(data).Codes);
        _periods = Generate(Periods, _catalogue, seed: 42).ToArray();
    }

    [Benchmark]
    public decimal Year2024() => RemunerationEngine.Run(_periods, _catalogue, 2024, new RemunerationOptions { PaiFee = 30m }).Total;

    /// <summary>Synthetic pact periods: patients with one pact, some split by a change of Gestore.</summary>
    public static IEnumerable<PactPeriod> Generate(int count, TariffCatalogue catalogue, int seed)
    {
        var random = new Random(seed);
        int[] pathologies = catalogue.Rows.Select(r => r.Pathology).Distinct().ToArray();
        var yearStart = new DateOnly(2024, 1, 1);
        int made = 0;
        for (int patient = 0; made < count; patient++)
        {
            string id = $"PAZ{patient:D8}";
            string ats = $"32{random.Next(8)}";
            var role = (MmgRole)random.Next(3);
            string mmg = $"MMG{random.Next(6_000):D5}";
            int pathology = random.Next(50) == 0 ? 12 : pathologies[random.Next(pathologies.Length)];
            int level = 1 + random.Next(3);
            var start = yearStart.AddDays(random.Next(-400, 300));
            DateOnly? death = random.Next(33) == 0 ? yearStart.AddDays(random.Next(0, 366)) : null;
            if (random.Next(20) == 0 && made + 1 < count)
            {
                var change = yearStart.AddDays(random.Next(30, 330));
                yield return new PactPeriod($"{id}-1", id, $"G{random.Next(400):D3}", ats, mmg, role, start < change ? start : change.AddDays(-30), change.AddDays(-1), pathology, level, death, random.Next(2));
                yield return new PactPeriod($"{id}-2", id, $"G{random.Next(400):D3}", ats, mmg, role, change, null, pathology, level, death is { } d && d < change ? null : death, random.Next(2));
                made += 2;
            }
            else
            {
                yield return new PactPeriod($"{id}-1", id, $"G{random.Next(400):D3}", ats, mmg, role, start, null, pathology, level, death is { } d && d < start ? null : death, random.Next(2));
                made++;
            }
        }
    }
}
