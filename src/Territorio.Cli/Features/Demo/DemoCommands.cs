using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Territorio.CareManagement.Application;
using Territorio.Cli.Features.Care;
using Territorio.CommandLine;
using Territorio.Data;
using Territorio.Synthetic;
using Territorio.Web;
using Territorio.Web.Security;

namespace Territorio.Cli.Features.Demo;

/// <summary>
/// <c>territorio demo run</c>: the README's main job — a synthetic region, the engines run on it,
/// and the web application on 127.0.0.1.
/// </summary>
public static class DemoCommands
{
    public static Command Build(CliEnvironment env)
    {
        var people = new Option<int>("--people") { Description = "Numero di assistiti della regione demo.", DefaultValueFactory = _ => 30_000 };
        var seed = new Option<int>("--seed") { Description = "Seme del generatore (stesso seme, stessi dati).", DefaultValueFactory = _ => 42 };
        var port = new Option<int>("--port") { Description = "Porta dell'applicazione web su 127.0.0.1.", DefaultValueFactory = _ => 5080 };
        var noServe = new Option<bool>("--no-serve") { Description = "Prepara i dati e termina senza avviare l'applicazione web." };
        var reuse = new Option<bool>("--riusa-dati") { Description = "Non rigenera la regione: usa quella già nel database, ricrea gli account demo e avvia l'applicazione web (prove di carico)." };
        var inCharge = new Option<int?>("--in-carico") { Description = "Pazienti da prendere in carico nella regione demo (patti, PAI, prenotazioni); predefinito: uno ogni 100 assistiti fino a 30.000 assistiti, tre ogni 100 nelle regioni più grandi. Oltre i primi 300 sono scritti in blocco." };
        people.Validators.Add(r =>
        {
            if (OptionValues.TryGet<int>(r, out int count) && count is < 1 or > 20_000_000)
            {
                r.AddError("--people deve essere tra 1 e 20.000.000");
            }
        });

        var run = new Command("run", "Genera una regione demo, esegue i motori e avvia l'applicazione web.") { people, seed, port, noServe, inCharge, reuse };
        run.SetAction(async (parse, ct) =>
        {
            var asOf = CareCli.Today;
            // The demo makes its own region: a fresh folder is what it is for (not when reusing one).
            env.Database.CreateDataDirectory = !parse.GetValue(reuse);
            await TerritorioDatabase.MigrateAsync(env.Database, ct);
            if (parse.GetValue(reuse))
            {
                return await ServeAsync(env, parse.GetValue(port), ct);
            }

            var phase = System.Diagnostics.Stopwatch.StartNew();
            int residents = await ProgressDisplay.RunAsync(env, "Regione demo", report =>
                LoadResidentsAsync(env.Database, parse.GetValue(people), parse.GetValue(seed), asOf, DemoPopulationCommand.IdentitiesOf(env), report, ct));
            env.Output.WriteLine($"regione demo: {Italian.Number(residents)} assistiti nel database ({env.Database.Provider}) in {Seconds(phase)}");
            string levels = DemoPopulationCommand.GenerateAndStratify(env, parse.GetValue(people), parse.GetValue(seed), asOf);
            env.Output.WriteLine($"stratificazione demo in {Seconds(phase)}");
            int inChargeTotal = parse.GetValue(inCharge) ?? DefaultInCharge(parse.GetValue(people));
            var care = await ProgressDisplay.RunAsync(env, "Presa in carico demo", report =>
                CareDemo.LoadAsync(env.Database, CareCli.CataloguesOf(env), levels, parse.GetValue(seed), asOf, Math.Min(inChargeTotal, InChargeThroughUseCases), report, ct));
            env.Output.WriteLine($"presa in carico demo: {Italian.Number(care.Stratified)} persone stratificate (criteri PROVVISORI), " +
                $"{care.Gestori} Gestori, {care.Erogatori} erogatori ({Italian.Number(care.Slots)} slot), {Italian.Number(care.Pacts)} patti, {Italian.Number(care.Pais)} PAI (modelli PROVVISORI), " +
                $"{Italian.Number(care.Bookings)} prenotazioni, {Italian.Number(care.Delivered)} erogate, " +
                $"{Italian.Number(care.Contacts)} contatti, {Italian.Number(care.MmgProposals)} proposte di PAI dei MMG");
            if (inChargeTotal > InChargeThroughUseCases)
            {
                var atsCodes = await AtsCodesAsync(env.Database, ct);
                var bulk = await ProgressDisplay.RunAsync(env, "Presa in carico demo (in blocco)", report =>
                    CareDemoBulk.LoadAsync(env.Database, CareCli.CataloguesOf(env), atsCodes, asOf.AddDays(-CareDemo.StoryDays), asOf, inChargeTotal - InChargeThroughUseCases, CareDemo.ChooseGestore, report, ct));
                env.Output.WriteLine($"presa in carico demo in blocco: {Italian.Number(bulk.Pacts)} patti, {Italian.Number(bulk.Pais)} PAI, " +
                    $"{Italian.Number(bulk.Bookings)} prenotazioni, {Italian.Number(bulk.Delivered)} erogate, {Italian.Number(bulk.Slots)} slot aggiunti");
            }

            env.Output.WriteLine($"presa in carico demo in {Seconds(phase)}");
            int organisations = await DemoOrganisations.LoadAsync(env.Database, parse.GetValue(seed), DemoPopulationCommand.IdentitiesOf(env), ct);
            env.Output.WriteLine($"anagrafe delle organizzazioni demo: {Italian.Number(organisations)} tra Gestori, erogatori e strutture (fittizi)");
            await NextStratificationAsync(env, asOf, ct);
            await DemoRehab.RunAsync(env, parse.GetValue(seed), ct);

            if (parse.GetValue(noServe))
            {
                return ExitCodes.Ok;
            }

            return await ServeAsync(env, parse.GetValue(port), ct);
        });

        return new Command("demo", "Dati sintetici per prove e dimostrazioni.") { run, DemoPopulationCommand.Build(env), DemoSdoCommand.Build() };
    }

    /// <summary>The Commission's approved reclassifications exported and honoured by the next stratification.</summary>
    private static async Task NextStratificationAsync(CliEnvironment env, DateOnly asOf, CancellationToken ct)
    {
        string overrides = Path.GetFullPath(Path.Combine(env.Database.DataDirectory, "stratificazione", "riclassificazioni.csv"));
        await using (var db = TerritorioDatabase.CreateContext(env.Database))
        {
            int count = await ReclassificationsCommands.ExportAsync(new CareServices(db, TimeProvider.System, CareCli.CataloguesOf(env)), null, overrides, ct);
            env.Output.WriteLine($"riclassificazioni approvate: {Italian.Number(count)} in {overrides}");
        }

        DemoPopulationCommand.StratifyWithOverrides(env, asOf, overrides);
    }

    private static async Task<int> ServeAsync(CliEnvironment env, int port, CancellationToken ct)
    {
        string url = $"http://127.0.0.1:{port}";
        await using var app = WebApp.Build([], env.Database, url);
        foreach (string line in DemoAccounts.Describe(await DemoAccounts.RecreateAsync(app.Services, ct)))
        {
            env.Output.WriteLine(line);
        }

        await app.StartAsync(ct);
        env.Output.WriteLine($"applicazione web: {url} (Ctrl+C per terminare)");
        await app.WaitForShutdownAsync(ct);
        return ExitCodes.Ok;
    }

    /// <summary>The first patients go through the use cases (stories, audit); the rest are written in bulk.</summary>
    private const int InChargeThroughUseCases = 300;

    // Up to 30,000 residents as always (1 in 100, at most 300); a large region has tens of thousands
    // of patients in charge, as a Lombard ATS does (3 in 100).
    private static int DefaultInCharge(int people) => people <= 30_000 ? Math.Clamp(people / 100, 1, 300) : people / 100 * 3;

    /// <summary>Seconds since the last call, for the timing of each step; restarts the watch.</summary>
    private static string Seconds(System.Diagnostics.Stopwatch watch)
    {
        string text = $"{watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("it-IT"))} s";
        watch.Restart();
        return text;
    }

    private static async Task<List<string>> AtsCodesAsync(DatabaseOptions options, CancellationToken ct)
    {
        await using var db = TerritorioDatabase.CreateContext(options);
        return await db.Residents.Select(r => r.Ats).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    private static async Task<int> LoadResidentsAsync(DatabaseOptions options, int count, int seed, DateOnly asOf, IdentityLists identities, Action<double> report, CancellationToken ct)
    {
        await using var db = TerritorioDatabase.CreateContext(options);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await CareDemo.ClearAsync(db, ct);
        await db.Residents.ExecuteDeleteAsync(ct);
        await db.GeneralPractitioners.ExecuteDeleteAsync(ct);
        await using (var doctors = await BulkInsert.StartAsync<Kernel.Population.GeneralPractitioner>(db, ct))
        {
            foreach (var doctor in DemoResidents.GeneralPractitioners(count, seed, identities))
            {
                await doctors.WriteEntityAsync(doctor, ct);
            }

            await doctors.CompleteAsync(ct);
        }

        int done = 0;
        await using (var rows = await BulkInsert.StartAsync<Kernel.Population.Resident>(db, ct))
        {
            foreach (var resident in DemoResidents.Generate(count, seed, asOf, identities))
            {
                await rows.WriteEntityAsync(resident, ct);
                if (++done % 10_000 == 0)
                {
                    report((double)done / count);
                }
            }

            await rows.CompleteAsync(ct);
        }

        await tx.CommitAsync(ct);
        return done;
    }
}
