using Microsoft.Extensions.Configuration;
using Territorio.Data;
using Territorio.Web;

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();
var database = TerritorioDatabase.ReadOptions(configuration);
await TerritorioDatabase.MigrateAsync(database);
await WebApp.Build(args, database).RunAsync();

public partial class Program;
