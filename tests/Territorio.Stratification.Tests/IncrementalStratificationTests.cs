using System.Text;
using Territorio.Flows.Sdo;
using Territorio.Flows.Stratification;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;
using Territorio.Synthetic;

namespace Territorio.Stratification.Tests;

/// <summary>
/// <c>stratify --update</c>: a full run over part of the rows followed by updates with the rest
/// gives, person by person, the levels and evidence of one full run over all the rows.
/// </summary>
public sealed class IncrementalStratificationTests : IDisposable
{
    private static readonly string[] Flows = ["persons.csv", "sdo.csv", "drugs.csv", "exemptions.csv", "outpatient.csv"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "territorio-incr-" + Guid.NewGuid().ToString("N"));
    private readonly StratificationCriteria _criteria = CriteriaFiles.Load(TestCriteria.Reference);

    public IncrementalStratificationTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FullRunThenTwoUpdates_GiveTheFullRunsLevelsAndEvidence_PersonByPerson()
    {
        var all = Generate(6_000);
        var persons = all["persons.csv"];
        int newFrom = persons.Length * 9 / 10;
        string changedId = persons[1].Split(',')[0];
        string[] changedFields = persons[1].Split(',');
        changedFields[5] = "2025-06-01"; // death_date (the sixth column, before the identity's): died before the as-of date
        string changedRow = string.Join(',', changedFields);
        var baseIds = persons[..newFrom].Select(p => p.Split(',')[0]).ToHashSet();

        // Stage 0: base persons and 70% of their rows; 1: new persons and rows up to 85%; 2: a changed person and the rest.
        var stages = new Dictionary<string, string[]>[3];
        for (int s = 0; s < 3; s++)
        {
            stages[s] = [];
        }

        stages[0]["persons.csv"] = [.. persons[..newFrom]];
        stages[1]["persons.csv"] = [.. persons[newFrom..]];
        stages[2]["persons.csv"] = [changedRow];
        foreach (string flow in Flows[1..])
        {
            var rows = all[flow];
            int idColumn = flow == "sdo.csv" ? 1 : 0;
            bool InBase(string row, int i) => i < rows.Length * 7 / 10 && baseIds.Contains(row.Split(',')[idColumn]);
            stages[0][flow] = [.. rows.Where(InBase)];
            var rest = rows.Where((row, i) => !InBase(row, i)).ToArray();
            int half = rest.Length / 2;
            stages[1][flow] = rest[..half];
            stages[2][flow] = rest[half..];
        }

        // The full run reads the same rows in the same order, the changed person's row in place of the old one.
        var full = Flows.ToDictionary(flow => flow, flow => stages.SelectMany(s => s[flow]).ToArray());
        full["persons.csv"] = [.. persons.Select(p => p.StartsWith(changedId + ",", StringComparison.Ordinal) ? changedRow : p)];
        string expected = Run(Write("full", full), previous: null).Levels;

        var first = Run(Write("s0", stages[0]), previous: null);
        var second = Run(Write("s1", stages[1]), first.State);
        var third = Run(Write("s2", stages[2]), second.State);

        var expectedRows = expected.Split('\n');
        var actualRows = third.Levels.Split('\n');
        actualRows.Length.ShouldBe(expectedRows.Length);
        for (int i = 0; i < expectedRows.Length; i++)
        {
            actualRows[i].ShouldBe(expectedRows[i], $"row {i}");
        }

        second.Summary.Changed.ShouldBeGreaterThan(persons.Length - newFrom - 1);
        third.Changes.ShouldContain($"{changedId},");
        third.Changes.Split('\n')[0].ShouldBe(LevelsCsvWriter.ChangesHeader);
    }

    [Fact]
    public void StateKeptForOtherCriteria_IsRefused()
    {
        var engine = new Stratifier(_criteria, DemoPopulation.DefaultAsOf);
        using var stream = new MemoryStream();
        engine.WriteState(new BinaryWriter(stream));
        stream.Position = 0;

        Stratifier.ReadState(new BinaryReader(stream), _criteria, DemoPopulation.DefaultAsOf.AddDays(1)).ShouldBeNull();
    }

    private (string Levels, byte[] State, string Changes, StratificationSummary Summary) Run(StratificationInputs inputs, byte[]? previous)
    {
        Stratifier? engine = null;
        if (previous is not null)
        {
            engine = Stratifier.ReadState(new BinaryReader(new MemoryStream(previous)), _criteria, DemoPopulation.DefaultAsOf);
            engine.ShouldNotBeNull();
        }

        var levels = new StringWriter();
        var changes = new StringWriter();
        using var state = new MemoryStream();
        var errors = new List<Kernel.Errors.InputError>();
        var summary = new StratificationRun(TestCriteria.Reference).Run(inputs, _criteria, DemoPopulation.DefaultAsOf, levels, errors.Add,
            continuity: new StratificationContinuity(engine, changes, new BinaryWriter(state)));
        errors.ShouldBeEmpty();
        return (levels.ToString(), state.ToArray(), changes.ToString(), summary);
    }

    private Dictionary<string, string[]> Generate(int people)
    {
        var writers = Flows.Select(_ => new StringWriter()).ToArray();
        DemoPopulation.Generate(people, 11, DemoPopulation.DefaultAsOf, SdoCsvReader.Columns, new PopulationWriters(writers[0], writers[1], writers[2], writers[3], writers[4]), TestCriteria.Identities);
        var rows = new Dictionary<string, string[]>();
        for (int i = 0; i < Flows.Length; i++)
        {
            var lines = writers[i].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            _headers[Flows[i]] = lines[0];
            rows[Flows[i]] = lines[1..];
        }

        return rows;
    }

    private readonly Dictionary<string, string> _headers = [];

    private StratificationInputs Write(string stage, Dictionary<string, string[]> rows)
    {
        string folder = Path.Combine(_dir, stage);
        Directory.CreateDirectory(folder);
        foreach (string flow in Flows)
        {
            File.WriteAllLines(Path.Combine(folder, flow), [_headers[flow], .. rows[flow]], new UTF8Encoding(false));
        }

        return new StratificationInputs(Path.Combine(folder, Flows[0]), Path.Combine(folder, Flows[1]), Path.Combine(folder, Flows[2]), Path.Combine(folder, Flows[3]), Path.Combine(folder, Flows[4]));
    }
}
