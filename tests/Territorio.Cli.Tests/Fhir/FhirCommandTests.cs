using Territorio.Data;
using Territorio.Testing;

namespace Territorio.Cli.Tests.Fhir;

public class FhirCommandTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "data", "lombardia-fhir", "examples", "Example_Bundle_MMG_pic.json");

    [Fact]
    public async Task ProcessMessage_OnTheEmbeddedDatabase_RefusesWithoutAGp_ThenAcceptsForTheGpOfACooperative()
    {
        string directory = Path.Combine(Path.GetTempPath(), "territorio-fhir-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Database:DataDirectory"] = directory, ["Database:CreateDataDirectory"] = "true" };
        try
        {
            var refused = await CliRunner.RunAsync(settings, "fhir", "process-message", "--file", Example);

            refused.ExitCode.ShouldBe(1);
            refused.Output.ShouldContain("\"code\": \"fatal-error\"");
            refused.Error.ShouldContain("messaggio rifiutato: T.16");

            await using (var db = TerritorioDatabase.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = directory }))
            {
                await CareSeed.CooperativeWithOnePatientAsync(db, "COOP1", "MMG00042", "321", [1, 2, 3], TestContext.Current.CancellationToken);
            }

            var accepted = await CliRunner.RunAsync(settings, "fhir", "process-message", "--file", Example, "--mmg", "MMG00042");

            accepted.ExitCode.ShouldBe(0, accepted.Error);
            accepted.Output.ShouldContain("\"code\": \"ok\"");
            accepted.Output.ShouldContain("/fhir/CarePlan/");
            accepted.Error.ShouldContain("presa in carico attivata: paziente QTTGGN24H04F205B (registrato dal messaggio)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ProcessMessage_MissingFile_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("fhir", "process-message", "--file", "/nessuno/messaggio.json");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("file non trovato");
    }

    [Fact]
    public async Task ImportCatalogoSiss_WritesTheMap_ABadRowIsBadDataAndWritesNothing()
    {
        string directory = Directory.CreateTempSubdirectory("territorio-siss-cli-").FullName;
        try
        {
            string good = Path.Combine(directory, "catalogo.csv"), bad = Path.Combine(directory, "errato.csv"), map = Path.Combine(directory, "mappa.csv");
            await File.WriteAllTextAsync(good, "codice_siss,codice_nazionale,descrizione\nA001,89.52,ECG\n", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(bad, "codice_siss,codice_nazionale,descrizione\nA001,89.52,ECG\nA002,89.52,ECG bis\n", TestContext.Current.CancellationToken);

            var imported = await CliRunner.RunAsync("fhir", "import-catalogo-siss", "--csv", good, "--out", map);
            var refused = await CliRunner.RunAsync("fhir", "import-catalogo-siss", "--csv", bad, "--out", map);

            imported.ExitCode.ShouldBe(0, imported.Error);
            imported.Output.ShouldContain("1 codici importati");
            refused.ExitCode.ShouldBe(1);
            refused.Error.ShouldContain("riga 3");
            refused.Error.ShouldContain("già mappato alla riga 2");
            (await File.ReadAllTextAsync(map, TestContext.Current.CancellationToken)).ShouldContain("89.52,A001,ECG,official");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
