using Microsoft.Extensions.Configuration;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.Data;
using Territorio.Web;

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();
var database = TerritorioDatabase.ReadOptions(configuration);
await TerritorioDatabase.MigrateAsync(database);
await WorklistIndex.BackfillAsync(database, CancellationToken.None);
await WebApp.Build(args, database).RunAsync();

public partial class Program;
