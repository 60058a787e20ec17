using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Common;
using Territorio.Data;

namespace Territorio.Cli.Tests;

/// <summary>How the CLI opens the embedded database: never silently a new one, read-only when it only reads, private files, a named actor.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseStartUpTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-db-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string path in Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Prepend(_dir))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, Directory.Exists(path) ? (UnixFileMode)0b111_000_000 : (UnixFileMode)0b110_000_000);
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    private string Data => Path.Combine(_dir, "dati");

    private Dictionary<string, string?> Settings => new() { ["Database:DataDirectory"] = Data };

    [Fact]
    public async Task MissingDataDirectory_IsRefused_NothingCreated()
    {
        var result = await CliRunner.RunAsync(Settings, "gestori", "add", "--id", "G1", "--nome", "Coop", "--tipo", "cooperativa", "--ats", "321");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"la cartella dei dati {Data} non esiste");
        result.Error.ShouldContain("territorio db init");
        Directory.Exists(Data).ShouldBeFalse();
    }

    [Fact]
    public async Task ReadOnlyCommand_OnAMissingDatabase_IsRefused_NothingCreated()
    {
        var result = await CliRunner.RunAsync(Settings, "gestori", "list", "--ats", "321", "--livello", "3");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("nessun database");
        Directory.Exists(Data).ShouldBeFalse();
    }

    [Fact]
    public async Task DbInit_CreatesAPrivateFolderAndDatabase()
    {
        var result = await CliRunner.RunAsync(Settings, "db", "init");

        result.ExitCode.ShouldBe(0, result.Error);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Data).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            foreach (string file in Directory.GetFiles(Data, "territorio.db*"))
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
            }
        }
    }

    [Fact]
    public async Task WideFilesOfAnOlderVersion_AreNarrowedAtStartUp()
    {
        (await CliRunner.RunAsync(Settings, "db", "init")).ExitCode.ShouldBe(0);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        string db = Path.Combine(Data, "territorio.db");
        File.SetUnixFileMode(db, (UnixFileMode)0b110_100_100);

        (await CliRunner.RunAsync(Settings, "gestori", "add", "--id", "G1", "--nome", "Coop", "--tipo", "cooperativa", "--ats", "321")).ExitCode.ShouldBe(0);

        File.GetUnixFileMode(db).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task ReadOnlyCommands_NeverMigrate_AndNameTheCommandThatDoes()
    {
        (await CliRunner.RunAsync(Settings, "db", "init")).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync(Settings, "gestori", "add", "--id", "G1", "--nome", "Coop", "--tipo", "cooperativa", "--ats", "321", "--operatore", "ats.op")).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync(Settings, "gestori", "pending", "--ats", "321")).ExitCode.ShouldBe(0);
        string last;
        await using (var db = TerritorioDatabase.CreateContext(new DatabaseOptions { DataDirectory = Data }))
        {
            last = (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM __EFMigrationsHistory WHERE MigrationId = {last}", TestContext.Current.CancellationToken);
        }

        var list = await CliRunner.RunAsync(Settings, "gestori", "pending", "--ats", "321");

        list.ExitCode.ShouldBe(2);
        list.Error.ShouldContain("territorio db migrate");
        await using (var db = TerritorioDatabase.CreateContext(new DatabaseOptions { DataDirectory = Data }))
        {
            (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ShouldNotContain(last);
        }
    }

    [Fact]
    public async Task CliActor_IsTheOperatingSystemUser_InTheHistory()
    {
        (await CliRunner.RunAsync(Settings, "db", "init")).ExitCode.ShouldBe(0);

        var result = await CliRunner.RunAsync(Settings, "gestori", "add", "--id", "G1", "--nome", "Coop", "--tipo", "cooperativa", "--ats", "321");
        var named = await CliRunner.RunAsync(Settings, "gestori", "add", "--id", "G2", "--nome", "Altra", "--tipo", "cooperativa", "--ats", "321", "--operatore", "mario.rossi");

        result.ExitCode.ShouldBe(0, result.Error);
        named.ExitCode.ShouldBe(0, named.Error);
        await using var db = TerritorioDatabase.CreateContext(new DatabaseOptions { DataDirectory = Data });
        var actors = await db.Set<AuditEntry>().Select(a => a.Actor).ToListAsync(TestContext.Current.CancellationToken);
        string expected = $"{(Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudo && sudo != "root" ? sudo : Environment.UserName)}@{Environment.MachineName}";
        actors.ShouldContain(a => a.Contains(expected, StringComparison.Ordinal));
        actors.ShouldContain(a => a.Contains("mario.rossi", StringComparison.Ordinal));
    }
}
