namespace Territorio.Cli.Tests;

/// <summary>The CLI doors that publish an erogatore's services get the accreditation's refusal (decision 0260).</summary>
public sealed class ErogatoreBrancheCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-branche-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Dictionary<string, string?> Settings => new() { ["Database:DataDirectory"] = _dir };

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(Settings, args);

    [Fact]
    public async Task ErogatoreAdd_ServiceOutsideTheNamedBranche_IsRefused_AndNothingIsRegistered()
    {
        (await Run("db", "init")).ExitCode.ShouldBe(0);

        var refused = await Run("gestori", "erogatore-add", "--id", "E321LAB", "--nome", "Laboratorio Analisi Milano", "--ats", "321", "--branche", "11", "--prestazioni", "90.28.1,88.72.2");

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("l'erogatore Laboratorio Analisi Milano (E321LAB) non è accreditato per la branca Cardiologia: non può offrire 88.72.2 ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo");
        (await Run("gestori", "erogatore-prestazione", "--erogatore", "E321LAB", "--prestazione", "90.28.1")).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task ErogatorePrestazione_OutsideTheBranche_IsRefused_WithinThemIsPublished_AndTheAtsWidensThem()
    {
        (await Run("db", "init")).ExitCode.ShouldBe(0);
        (await Run("gestori", "erogatore-add", "--id", "E321LAB", "--nome", "Laboratorio Analisi Milano", "--ats", "321", "--branche", "11", "--prestazioni", "90.28.1")).ExitCode.ShouldBe(0);

        var refused = await Run("gestori", "erogatore-prestazione", "--erogatore", "E321LAB", "--prestazione", "88.72.2");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("non è accreditato per la branca Cardiologia: non può offrire 88.72.2");

        var unknownBranca = await Run("gestori", "erogatore-branche", "--erogatore", "E321LAB", "--ats", "321", "--branche", "11,CARDIO");
        unknownBranca.ExitCode.ShouldBe(1);
        unknownBranca.Error.ShouldContain("branca CARDIO sconosciuta");

        (await Run("gestori", "erogatore-branche", "--erogatore", "E321LAB", "--ats", "321", "--branche", "02,11")).ExitCode.ShouldBe(0);
        var published = await Run("gestori", "erogatore-prestazione", "--erogatore", "E321LAB", "--prestazione", "88.72.2", "--durata", "40");
        published.ExitCode.ShouldBe(0);
        published.Output.ShouldContain("prestazione 88.72.2 ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo offerta dall'erogatore E321LAB");
    }
}
