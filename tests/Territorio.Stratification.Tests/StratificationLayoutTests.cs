using System.Globalization;
using System.Text;
using Territorio.Flows.Layouts;
using Territorio.Flows.Sdo;
using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Criteria;
using Territorio.Synthetic;

namespace Territorio.Stratification.Tests;

/// <summary>
/// Issue 20 part 3: each input of <c>stratify</c> read through the shipped regional layout gives,
/// person by person, the levels and evidence of Territorio's own file (differential), and a bad
/// layout or a bad regional row is refused naming the file, the line, the source column and why.
/// </summary>
public sealed class StratificationLayoutTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "territorio-strat-layout-" + Guid.NewGuid().ToString("N"));
    private readonly StratificationCriteria _criteria = CriteriaFiles.Load(TestCriteria.Reference);
    private readonly StratificationInputs _canonical;

    public StratificationLayoutTests()
    {
        Directory.CreateDirectory(_dir);
        string[] names = ["persons.csv", "sdo.csv", "drugs.csv", "exemptions.csv", "outpatient.csv"];
        var writers = names.Select(n => new StreamWriter(Path.Combine(_dir, n), false, new UTF8Encoding(false))).ToArray();
        DemoPopulation.Generate(3_000, 20, DemoPopulation.DefaultAsOf, SdoCsvReader.Columns, new PopulationWriters(writers[0], writers[1], writers[2], writers[3], writers[4]), TestCriteria.Identities);
        foreach (var writer in writers)
        {
            writer.Dispose();
        }

        string[] paths = [.. names.Select(n => Path.Combine(_dir, n))];
        _canonical = new StratificationInputs(paths[0], paths[1], paths[2], paths[3], paths[4]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Inputs => ["persons", "drugs-atc", "drugs-aic", "exemptions", "outpatient"];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void InputReadThroughTheRegionalLayout_GivesTheLevelsAndEvidenceOfTheCanonicalFile(string input)
    {
        var canonical = input == "drugs-aic" ? _canonical with { Drugs = DrugsByAic() } : _canonical;
        var (layoutFile, schema, file, with) = input switch
        {
            "persons" => ("anagrafe", StratificationSchemas.Persons, canonical.Persons,
                (Func<string, string, StratificationInputs>)((f, l) => canonical with { Persons = f, PersonsLayout = l })),
            "drugs-atc" => ("farmaceutica-atc", StratificationSchemas.DrugsByAtc, canonical.Drugs, (f, l) => canonical with { Drugs = f, DrugsLayout = l }),
            "drugs-aic" => ("farmaceutica-aic", StratificationSchemas.DrugsByAic, canonical.Drugs, (f, l) => canonical with { Drugs = f, DrugsLayout = l }),
            "exemptions" => ("esenzioni", StratificationSchemas.Exemptions, canonical.Exemptions, (f, l) => canonical with { Exemptions = f, ExemptionsLayout = l }),
            _ => ("specialistica", StratificationSchemas.Outpatient, canonical.Outpatient, (f, l) => canonical with { Outpatient = f, OutpatientLayout = l }),
        };
        string layout = LayoutPath($"{layoutFile}-esempio-regionale.json");
        string regional = WriteRegional(file, layout, schema);

        var (expected, expectedErrors) = Run(canonical);
        var (actual, errors) = Run(with(regional, layout));

        expectedErrors.ShouldBeEmpty();
        errors.ShouldBeEmpty();
        actual.ShouldBe(expected);
        // Every person is there, many of them with pathologies found in this input.
        expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThan(3_000);
    }

    [Fact]
    public void LayoutOfTerritoriosOwnColumns_ReadsTheFileAsItIs()
    {
        string own = Path.Combine(_dir, "own.json");
        File.WriteAllText(own, """{"person_id": "person_id", "date": "date", "code": "code"}""");

        FlowLayout.Load(own, StratificationSchemas.Outpatient).IsCanonical.ShouldBeTrue();
        Run(_canonical with { OutpatientLayout = own }).Levels.ShouldBe(Run(_canonical).Levels);
    }

    [Fact]
    public void RegionalRowWithABadDate_IsReportedWithTheSourceFileLineAndColumn()
    {
        string layout = LayoutPath("esenzioni-esempio-regionale.json");
        string regional = WriteRegional(_canonical.Exemptions, layout, StratificationSchemas.Exemptions);
        var lines = File.ReadAllLines(regional);
        lines[3] = lines[3].Replace("/20", "-20", StringComparison.Ordinal);
        File.WriteAllLines(regional, lines);

        var (_, errors) = Run(_canonical with { Exemptions = regional, ExemptionsLayout = layout });

        var error = errors.ShouldHaveSingleItem();
        error.File.ShouldBe(regional);
        error.Line.ShouldBe(4);
        error.Field.ShouldStartWith("start_date (DATA_INIZIO_VALIDITA)");
        error.Reason.ShouldBe("data non valida (formati del layout: dd/MM/yyyy)");
    }

    [Fact]
    public void RegionalRowWithAnUnknownPerson_IsReportedOnItsSourceLineWithBothNamesOfTheColumn()
    {
        string layout = LayoutPath("specialistica-esempio-regionale.json");
        string regional = WriteRegional(_canonical.Outpatient, layout, StratificationSchemas.Outpatient);
        File.AppendAllText(regional, "89.7\t202501150930\tNESSUNO\tnota\n");

        var (_, errors) = Run(_canonical with { Outpatient = regional, OutpatientLayout = layout });

        var error = errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(File.ReadAllLines(regional).Length);
        error.Field.ShouldBe("person_id (ID_ASSISTITO)");
        error.Reason.ShouldBe("persona assente da persons.csv");
    }

    [Fact]
    public void ColumnTheLayoutNamesButTheFileLacks_IsRefusedBeforeAnyRow()
    {
        string layout = LayoutPath("anagrafe-esempio-regionale.json");
        string regional = WriteRegional(_canonical.Persons, layout, StratificationSchemas.Persons);
        var lines = File.ReadAllLines(regional);
        lines[0] = lines[0].Replace("COD_ATS_RESIDENZA", "ATS", StringComparison.Ordinal);
        File.WriteAllLines(regional, lines);

        var refusal = Should.Throw<InputDataException>(() => Run(_canonical with { Persons = regional, PersonsLayout = layout }));

        var error = refusal.Error.ShouldNotBeNull();
        error.File.ShouldBe(Path.GetFileName(regional));
        error.Line.ShouldBe(1);
        error.Field.ShouldBe("COD_ATS_RESIDENZA");
        error.Reason.ShouldContain("colonna assente nell'intestazione");
        error.Reason.ShouldContain("per ats");
    }

    [Theory]
    [InlineData("""{"person_id": "ID", "date": "DATA", "aic": "AIC", "packs": "CONF", "ddd": "DDD"}""", "ddd", "campo sconosciuto nel layout farmaceutica per AIC")]
    [InlineData("""{"person_id": "ID", "date": "DATA", "atc": "ATC"}""", "packs", "campo obbligatorio senza colonna nel layout")]
    [InlineData("""{"person_id": "ID", "date": ["D1", "D2"], "atc": "ATC", "packs": "CONF"}""", "date", "più colonne solo per i campi elenco")]
    [InlineData("""{"person_id": "ID", "date": {"column": "DATA", "first": 0}, "atc": "ATC", "packs": "CONF"}""", "date", "atteso {\"column\": \"COLONNA\"}")]
    [InlineData("""{"date_format": "", "person_id": "ID", "date": "DATA", "atc": "ATC", "packs": "CONF"}""", "date_format", "formato di data non valido")]
    public void BadDrugsLayout_IsRefusedNamingTheLayoutAndTheKey(string json, string key, string reason)
    {
        string layout = Path.Combine(_dir, "farmaci.json");
        File.WriteAllText(layout, json);

        var refusal = Should.Throw<InputDataException>(() => Run(_canonical with { DrugsLayout = layout }));

        var error = refusal.Error.ShouldNotBeNull();
        error.File.ShouldBe("farmaci.json");
        error.Field.ShouldBe(key);
        error.Reason.ShouldStartWith(reason);
    }

    private static string LayoutPath(string name) => TestCriteria.Reference.PathOf("stratification", "layouts", name);

    private (string Levels, List<InputError> Errors) Run(StratificationInputs inputs)
    {
        var levels = new StringWriter();
        var errors = new List<InputError>();
        var coding = new DrugCoding(DrugReference.Load(MapPath(), null));
        new StratificationRun(TestCriteria.Reference).Run(inputs, _criteria, DemoPopulation.DefaultAsOf, levels, errors.Add, drugCoding: coding);
        return (levels.ToString(), errors);
    }

    /// <summary>The canonical drugs by ATC as a flow by pack: each ATC's first AIC in the shipped map (rows of ATCs the map lacks left out).</summary>
    private string DrugsByAic()
    {
        var aicOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(MapPath()).Where(l => !l.StartsWith('#')).Skip(1))
        {
            var fields = line.Split(',');
            aicOf.TryAdd(fields[1], fields[0]);
        }

        string path = Path.Combine(_dir, "drugs-aic.csv");
        var rows = File.ReadLines(_canonical.Drugs).Skip(1).Select(l => l.Split(','))
            .Where(f => aicOf.ContainsKey(f[2]))
            .Select(f => $"{f[0]},{f[1]},{aicOf[f[2]]},{f[3]}");
        File.WriteAllLines(path, ["person_id,date,aic,packs", .. rows]);
        return path;
    }

    private static string MapPath() => TestCriteria.Reference.PathOf("aifa", "aic_atc.csv");

    /// <summary>
    /// A canonical file rewritten as the region would send it by the layout: its columns in reverse
    /// order plus one the layout ignores, its separator, its first date format, cut fields widened.
    /// </summary>
    private string WriteRegional(string canonicalPath, string layoutPath, FlowSchema schema)
    {
        var layout = FlowLayout.Load(layoutPath, schema);
        var lines = File.ReadAllLines(canonicalPath);
        var header = lines[0].Split(',');
        var mapped = layout.Fields.Reverse().ToList();
        string delimiter = layout.Delimiter.ToString();
        string Cell(string value) => value.Contains(layout.Delimiter) || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        var output = new List<string> { string.Join(delimiter, mapped.Select(m => m.Value.Columns[0]).Append("NOTE")) };
        foreach (string line in lines[1..])
        {
            var cells = SplitCsv(line);
            var row = mapped.Select(m =>
            {
                string value = cells[Array.IndexOf(header, m.Key)];
                if (layout.Schema.Dates.Contains(m.Key) && value.Length > 0)
                {
                    value = DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString(layout.DateFormats[0], CultureInfo.InvariantCulture);
                }

                return Cell(m.Value.First is { } first && value.Length == first ? value + "0930" : value);
            });
            output.Add(string.Join(delimiter, row.Append("nota libera")));
        }

        string path = Path.Combine(_dir, Path.GetFileNameWithoutExtension(layoutPath) + ".txt");
        File.WriteAllLines(path, output, new UTF8Encoding(false));
        return path;
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
