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

    [Theory]
    [InlineData("atc")]
    [InlineData("aic")]
    public void FullRunThenTwoUpdates_GiveTheFullRunsLevelsAndEvidence_PersonByPerson(string drugCoding)
    {
        var all = Generate(6_000);
        if (drugCoding == "aic")
        {
            all["drugs.csv"] = ByAic(all["drugs.csv"]);
        }

        all["exemptions.csv"] = BothGenerations(all["exemptions.csv"]);
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
        string expected = Run(Write("full", full), "full.csv", update: false).Levels;

        var first = Run(Write("s0", stages[0]), "levels.csv", update: false);
        var second = Run(Write("s1", stages[1]), "levels.csv", update: true);
        var third = Run(Write("s2", stages[2]), "levels.csv", update: true);

        var expectedRows = expected.Split('\n');
        var actualRows = third.Levels.Split('\n');
        actualRows.Length.ShouldBe(expectedRows.Length);
        for (int i = 0; i < expectedRows.Length; i++)
        {
            actualRows[i].ShouldBe(expectedRows[i], $"row {i}");
        }

        // Exemptions of both generations and, by AIC, drugs coded through the map (an unknown AIC too) reached the levels.
        expected.ShouldContain("exemptions:0A31:");
        expected.ShouldContain("exemptions:0031:");
        third.Summary.Drugs!.ReadAic.ShouldBe(drugCoding == "aic");
        if (drugCoding == "aic")
        {
            third.Summary.Drugs.Unknown.ShouldContain(u => u.Aic == UnknownAic);
        }

        second.Summary.Changed.ShouldBeGreaterThan(persons.Length - newFrom - 1);
        third.Changes.ShouldContain($"{changedId},");
        third.Changes.Split('\n')[0].ShouldBe(LevelsCsvWriter.ChangesHeader);
    }

    [Fact]
    public void StateKeptForAnotherAsOfDate_IsRefused()
    {
        var run = Run(Write("s0", SmallRegion()), "levels.csv", update: false);
        run.Summary.Persons.ShouldBe(300);

        using var other = KeptState.Open(StatePath("levels.csv"), _criteria, DemoPopulation.DefaultAsOf.AddDays(1));

        other.ShouldBeNull();
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("records")]
    public void DamagedState_IsRefusedNamingTheFile_AndNothingIsWritten(string damage)
    {
        var inputs = Write("s0", SmallRegion());
        Run(inputs, "levels.csv", update: false);
        string state = StatePath("levels.csv");
        var bytes = File.ReadAllBytes(state);
        if (damage == "truncated")
        {
            File.WriteAllBytes(state, bytes[..(bytes.Length * 2 / 3)]);
        }
        else
        {
            // Zeros over records in the middle: lengths and ids no longer make records.
            Array.Clear(bytes, bytes.Length / 2, 64);
            File.WriteAllBytes(state, bytes);
        }

        string levelsBefore = File.ReadAllText(Path.Combine(_dir, "levels.csv"));

        var error = Should.Throw<KeptStateException>(() => Run(inputs, "levels.csv", update: true));

        error.Message.ShouldContain(state);
        error.Message.ShouldContain("danneggiato o troncato");
        error.Message.ShouldContain("serve una stratificazione completa");
        File.ReadAllText(Path.Combine(_dir, "levels.csv")).ShouldBe(levelsBefore);
    }

    [Fact]
    public void LevelsFileOfAnotherRun_IsRefused_TheStateDoesNotBelongToIt()
    {
        var region = SmallRegion();
        Run(Write("s0", region), "levels.csv", update: false);
        string levels = Path.Combine(_dir, "levels.csv");
        // Another run's file under the same name: the same persons less the first.
        File.WriteAllLines(levels, File.ReadAllLines(levels).Where((_, i) => i != 1));
        var update = new Dictionary<string, string[]>(region.Select(kv => KeyValuePair.Create(kv.Key, kv.Key == "persons.csv" ? Array.Empty<string>() : kv.Value[..3])));

        var error = Should.Throw<KeptStateException>(() => Run(Write("s1", update), "levels.csv", update: true));

        error.Message.ShouldContain("non è quello della stratificazione precedente");
    }

    [Fact]
    public void State_HoldsOneRecordPerPerson_ReadByPerson()
    {
        var region = SmallRegion();
        Run(Write("s0", region), "levels.csv", update: false);
        string person = region["persons.csv"][150].Split(',')[0];

        using var state = KeptState.Open(StatePath("levels.csv"), _criteria, DemoPopulation.DefaultAsOf)!;
        state.Engine.TryFindPerson(person, out _).ShouldBeFalse();
        state.Engine.PersonSource = id => state.TryLoad(id, out _);

        state.Engine.TryFindPerson(person, out int found).ShouldBeTrue();
        state.Engine.TryFindPerson("NOBODY", out _).ShouldBeFalse();
        state.Engine.PersonCount.ShouldBe(1);
        state.Engine.IdOf(found).ShouldBe(person);
    }

    private Dictionary<string, string[]> SmallRegion() => Generate(300);

    private string StatePath(string levels) => Path.Combine(_dir, levels) + ".state";

    /// <summary>A full run that keeps its state, or an update from the state kept beside the same levels file.</summary>
    private (string Levels, string Changes, StratificationSummary Summary) Run(StratificationInputs inputs, string levelsName, bool update)
    {
        string levelsPath = Path.Combine(_dir, levelsName);
        string statePath = levelsPath + ".state";
        var changes = new StringWriter();
        var errors = new List<Kernel.Errors.InputError>();
        var coding = new DrugCoding(DrugReference.Load(TestCriteria.Reference.PathOf("aifa", "aic_atc.csv"), null));
        var run = new StratificationRun(TestCriteria.Reference);
        StratificationSummary summary;
        using (var levels = File.Create(levelsPath + ".new"))
        using (var state = File.Create(statePath + ".new"))
        {
            if (update)
            {
                using var previous = KeptState.Open(statePath, _criteria, DemoPopulation.DefaultAsOf);
                previous.ShouldNotBeNull();
                summary = run.Update(inputs, previous, levelsPath, levels, state, changes, errors.Add, drugCoding: coding);
            }
            else
            {
                using var text = new StreamWriter(levels, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                summary = run.Run(inputs, _criteria, DemoPopulation.DefaultAsOf, text, errors.Add, drugCoding: coding, keepState: state);
            }
        }

        errors.ShouldBeEmpty();
        File.Move(levelsPath + ".new", levelsPath, overwrite: true);
        File.Move(statePath + ".new", statePath, overwrite: true);
        return (File.ReadAllText(levelsPath), changes.ToString(), summary);
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

    /// <summary>An AIC no map has: its rows count as uses of services only.</summary>
    private const string UnknownAic = "000000000";

    /// <summary>The drugs as a flow by pack: each ATC's first AIC in the shipped map, <see cref="UnknownAic"/> for an ATC the map lacks.</summary>
    private string[] ByAic(string[] rows)
    {
        var aicOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(TestCriteria.Reference.PathOf("aifa", "aic_atc.csv")).Where(l => !l.StartsWith('#')).Skip(1))
        {
            var fields = line.Split(',');
            aicOf.TryAdd(fields[1], fields[0]);
        }

        _headers["drugs.csv"] = "person_id,date,aic,packs";
        return [.. rows.Select(r => r.Split(',')).Select(f => $"{f[0]},{f[1]},{aicOf.GetValueOrDefault(f[2], UnknownAic)},{f[3]}")];
    }

    private static readonly string[] HypertensionSpellings = ["031", "0031", "0A31", "031A", "031.401"];

    /// <summary>Exemption codes as issued by either generation: hypertension as 031, 0031, 0A31, 031A (HL7 Italia) or 031.401; 013 with its sub-code.</summary>
    private static string[] BothGenerations(string[] rows) => [.. rows.Select((row, i) =>
    {
        var f = row.Split(',');
        f[1] = f[1] switch
        {
            "031" => HypertensionSpellings[i % HypertensionSpellings.Length],
            "013" when i % 2 == 1 => "013.250",
            var code => code,
        };
        return string.Join(',', f);
    })];

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
