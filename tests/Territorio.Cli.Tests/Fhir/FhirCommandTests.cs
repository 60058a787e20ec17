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
}
