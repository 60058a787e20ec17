using System.Text;
using Territorio.Data;

namespace Territorio.Cli.Tests;

/// <summary>
/// Every importer of the CLI over the same catalogue of broken files: each is refused with exit
/// code 1, a message naming the file, the line and the fault, no stack trace, and nothing written
/// (no output file, no run in the database).
/// </summary>
public sealed class BrokenFilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "territorio-broken-" + Guid.NewGuid().ToString("N"));

    public BrokenFilesTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>An importer: its header, one good row, whether its rows are keyed by their first column, and how to run it.</summary>
    public sealed record Importer(string Name, string Header, string Row, bool Keyed);

    private static readonly Importer[] Importers =
    [
        new("stratify --persons", "person_id,birth_date,sex,ats,mmg_id,death_date", "P00000001,1950-01-01,1,321,M1,", Keyed: true),
        new("stratify --drugs", "person_id,date,atc,packs,ddd", "P00000001,2025-01-01,A10BA02,1,30", Keyed: false),
        new("stratify --exemptions", "person_id,code,start_date,end_date", "P00000001,013,2020-01-01,", Keyed: false),
        new("stratify --outpatient", "person_id,date,code", "P00000001,2025-01-01,89.7", Keyed: false),
        new("stratify --overrides", "person_id,level,main_pathology,pathologies,decided_on,reference,reason", "P00000001,2,56,56,2025-01-01,R1,motivo", Keyed: true),
        new("enrol import-levels", "person_id,level,main_pathology,pathologies,evidence", "P00000001,2,56,56,x", Keyed: true),
        new("bookings import-delivered", "person_id,date,code", "P00000001,2025-01-01,89.7", Keyed: false),
        new("remunerate --pacts", "pact_id,patient_id,gestore_id,ats_id,mmg_id,mmg_role,start,end,pathology,level,death_date,pai_mmg", "PC1,P00000001,G1,321,M1,collaboratore,2023-01-01,,56,2,,0", Keyed: true),
    ];

    /// <summary>The broken files: name, bytes from an importer's header and row, and what the message must say.</summary>
    private static readonly (string Kind, Func<Importer, byte[]> Bytes, string Expected)[] Catalogue =
    [
        ("vuoto", _ => [], "riga 1: file vuoto"),
        ("solo intestazione", i => Utf8($"{i.Header}\n"), "riga 1: il file contiene solo l'intestazione"),
        ("intestazione sbagliata", i => Utf8($"uno,due,tre\n{i.Row}\n"), "riga 1: colonna "),
        ("binario", _ => [0x89, 0x50, 0x4E, 0x47, 0x1A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52], "riga 1: byte nullo"),
        ("UTF-16", i => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"{i.Header}\n{i.Row}\n")], "riga 1: codifica UTF-16"),
        ("Latin-1", i => [.. Utf8($"{i.Header}\n{i.Row}\n"), .. Encoding.Latin1.GetBytes($"{i.Row[..^1]}è\n")], "riga 3: byte 0xE8 non valido in UTF-8"),
        ("byte NUL", i => Utf8($"{i.Header}\n{i.Row}\n{i.Row}\0\n"), "riga 3: byte nullo"),
        ("ultima riga troncata", i => Utf8($"{i.Header}\n{i.Row}\n{i.Row[..(i.Row.IndexOf(',', StringComparison.Ordinal) + 2)]}"), "riga 3: 2 campi invece dei"),
        ("virgolette non chiuse", i => Utf8($"{i.Header}\n{i.Row}\n\"{i.Row}\n"), "riga 3: virgolette non chiuse"),
        ("200 colonne", i => Utf8($"{i.Header}\n{i.Row}\n{string.Join(',', Enumerable.Repeat("x", 200))}\n"), "riga 3: 200 campi invece dei"),
        ("identificativi ripetuti", i => Utf8($"{i.Header}\n{i.Row}\n{i.Row}\n"), "ripetut"),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var importer in Importers)
        {
            foreach (var (kind, _, _) in Catalogue)
            {
                if (kind != "identificativi ripetuti" || importer.Keyed)
                {
                    data.Add(importer.Name, kind);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BrokenFile_IsRefusedWithLineAndReason_ExitCode1_NothingWritten(string importerName, string kind)
    {
        var importer = Importers.Single(i => i.Name == importerName);
        var (_, bytes, expected) = Catalogue.Single(c => c.Kind == kind);
        string broken = P("rotto.csv");
        File.WriteAllBytes(broken, bytes(importer));

        var result = await RunAsync(importer, broken);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.ShouldContain(broken);
        result.Error.ShouldContain(expected);
        result.Error.ShouldNotContain("   at ");
        result.Error.ShouldNotContain("Exception");
        NothingWritten(importer);
    }

    private async Task<CliResult> RunAsync(Importer importer, string broken)
    {
        string[] parts = importer.Name.Split(' ');
        var database = new Dictionary<string, string?> { ["Database:DataDirectory"] = P("db"), ["Database:CreateDataDirectory"] = "true", ["Pdf:PdfSharpLicense"] = "AGPL" };
        switch (parts[0])
        {
            case "stratify":
                await GoodFlowsAsync();
                var flows = new Dictionary<string, string>
                {
                    ["--persons"] = P("f/persons.csv"),
                    ["--sdo"] = P("f/sdo.csv"),
                    ["--drugs"] = P("f/drugs.csv"),
                    ["--exemptions"] = P("f/exemptions.csv"),
                    ["--outpatient"] = P("f/outpatient.csv"),
                };
                flows[parts[1]] = broken;
                return await CliRunner.RunAsync(["stratify", .. flows.SelectMany(f => new[] { f.Key, f.Value }), "--as-of", "2025-12-31", "--out", P("levels.csv"), "--report", P("piramide.csv")]);
            case "enrol":
                return await CliRunner.RunAsync(database, "enrol", "import-levels", "--levels", broken, "--operatore", "test");
            case "bookings":
                return await CliRunner.RunAsync(database, "bookings", "import-delivered", "--outpatient", broken, "--operatore", "test");
            default:
                return await CliRunner.RunAsync(database, "remunerate", "--year", "2023", "--pacts", broken, "--out", P("pagamenti"));
        }
    }

    private void NothingWritten(Importer importer)
    {
        Directory.GetFiles(_dir, "levels*").ShouldBeEmpty();
        Directory.GetFiles(_dir, "piramide*").ShouldBeEmpty();
        Directory.GetFiles(_dir, "*.tmp*").ShouldBeEmpty();
        Directory.Exists(P("pagamenti")).ShouldBeFalse();
        if (importer.Name.StartsWith("enrol", StringComparison.Ordinal) || importer.Name.StartsWith("bookings", StringComparison.Ordinal))
        {
            using var db = TerritorioDatabase.CreateContext(new DatabaseOptions { DataDirectory = P("db") });
            db.Set<Territorio.CareManagement.Eligibility.StratificationRun>().Count().ShouldBe(0);
            db.Set<Territorio.CareManagement.Bookings.DeliveredService>().Count().ShouldBe(0);
        }
    }

    private async Task GoodFlowsAsync()
    {
        var demo = await CliRunner.RunAsync("demo", "population", "--people", "30", "--seed", "5", "--out", P("f"));
        demo.ExitCode.ShouldBe(0, demo.Error);
    }

    private string P(string name) => Path.Combine(_dir, name);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
