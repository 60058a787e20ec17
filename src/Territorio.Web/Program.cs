using Microsoft.Extensions.Configuration;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.Data;
using Territorio.Web;

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();
var database = TerritorioDatabase.ReadOptions(configuration);
try
{
    await TerritorioDatabase.MigrateAsync(database);
}
catch (DatabaseSetupException ex)
{
    Console.Error.WriteLine($"errore: {ex.Message}");
    return 2;
}

await WorklistIndex.BackfillAsync(database, TimeProvider.System, CancellationToken.None);
await WebApp.Build(args, database).RunAsync();
return 0;

public partial class Program;
