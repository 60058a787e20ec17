using System.CommandLine;
using System.Globalization;
using System.Text;
using Territorio.Cli.Features.Stratification;
using Territorio.CommandLine;
using Territorio.Flows.Files;
using Territorio.Flows.Sdo;
using Territorio.Flows.Stratification;
using Territorio.Synthetic;

namespace Territorio.Cli.Features.Demo;

/// <summary>
/// <c>territorio demo population</c>: the five regional flows of a synthetic region, ready for
/// <c>territorio stratify</c>; and the step of <c>demo run</c> that stratifies it.
/// </summary>
public static class DemoPopulationCommand
{
    public static readonly string[] FileNames = ["persons.csv", "sdo.csv", "drugs.csv", "exemptions.csv", "outpatient.csv"];

    public static Command Build(CliEnvironment env)
    {
        var people = new Option<int>("--people") { Description = "Numero di assistiti.", DefaultValueFactory = _ => 30_000 };
        var seed = new Option<int>("--seed") { Description = "Seme del generatore (stesso seme, stessi file).", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Cartella dove scrivere i cinque file.", Required = true };
        var asOf = new Option<string>("--as-of") { Description = "Data di riferimento dei dati AAAA-MM-GG.", DefaultValueFactory = _ => DemoPopulation.DefaultAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        people.Validators.Add(r =>
        {
            if (OptionValues.TryGet<int>(r, out int count) && count is < 1 or > 20_000_000)
            {
                r.AddError("--people deve essere tra 1 e 20.000.000");
            }
        });

        var command = new Command("population", "Scrive i flussi (anagrafe, SDO, farmaci, esenzioni, specialistica) di una regione sintetica.") { people, seed, output, asOf };
        command.SetAction(async (parse, ct) =>
        {
            string text = parse.GetValue(asOf)!;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new UsageException($"--as-of: data non valida '{text}' (atteso AAAA-MM-GG)");
            }

            var inputs = await ProgressDisplay.RunAsync(env, "regione sintetica", progress =>
                Task.Run(() => Write(env, parse.GetValue(output)!.FullName, parse.GetValue(people), parse.GetValue(seed), date, progress), ct));
            env.Output.WriteLine($"regione sintetica: {Italian.Number(parse.GetValue(people))} assistiti in {Path.GetDirectoryName(inputs.Persons)}");
            env.Output.WriteLine($"per stratificare: territorio stratify --persons {inputs.Persons} --sdo {inputs.Sdo} --drugs {inputs.Drugs} --exemptions {inputs.Exemptions} --outpatient {inputs.Outpatient} --as-of {text} --out levels.csv --report piramide.csv");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static StratificationInputs Write(CliEnvironment env, string directory, int people, int seed, DateOnly asOf, WorkProgress? progress = null)
    {
        progress?.Begin("assistiti scritti", ProgressUnit.Rows, people);
        Directory.CreateDirectory(directory);
        var paths = FileNames.Select(f => Path.Combine(directory, f)).ToArray();
        // Temporaries renamed at the end: a run killed midway leaves no truncated flow under its name.
        var files = paths.Select(p => OutputFile.Create(p)).ToArray();
        try
        {
            var writers = files.Select(f => new StreamWriter(f, new UTF8Encoding(false), 1 << 16, leaveOpen: true)).ToArray();
            DemoPopulation.Generate(people, seed, asOf, SdoCsvReader.Columns, new PopulationWriters(writers[0], writers[1], writers[2], writers[3], writers[4]), IdentitiesOf(env),
                progress is null ? null : written => progress.Add(written));
            foreach (var writer in writers)
            {
                writer.Dispose();
            }

            foreach (var file in files)
            {
                file.Commit();
            }
        }
        finally
        {
            foreach (var file in files)
            {
                file.Dispose();
            }
        }

        return new StratificationInputs(paths[0], paths[1], paths[2], paths[3], paths[4]);
    }

    /// <summary>The name, municipality and street lists of the shipped reference data (<c>data/population</c>).</summary>
    public static IdentityLists IdentitiesOf(CliEnvironment env) => IdentityLists.Load(env.ReferenceData.PathOf("population"));

    /// <summary>For <c>demo run</c>: writes the demo region's flows, stratifies them, and returns the levels file.</summary>
    public static string GenerateAndStratify(CliEnvironment env, int people, int seed, DateOnly asOf)
    {
        string directory = Folder(env);
        var inputs = Write(env, Path.Combine(directory, "flussi"), people, seed, asOf);
        string levels = Path.Combine(directory, "levels.csv");
        StratifyCommand.Run(env, inputs, asOf, levels, null, Path.Combine(directory, "piramide.csv"));
        return levels;
    }

    /// <summary>
    /// For <c>demo run</c>: the next stratification of the same flows honouring the reclassifications
    /// the Commission approved (<c>stratify --overrides</c>, decision 0054); returns the levels file.
    /// </summary>
    public static string StratifyWithOverrides(CliEnvironment env, DateOnly asOf, string overrides)
    {
        string directory = Folder(env);
        var paths = FileNames.Select(f => Path.Combine(directory, "flussi", f)).ToArray();
        string levels = Path.Combine(directory, "levels-con-riclassificazioni.csv");
        StratifyCommand.Run(env, new StratificationInputs(paths[0], paths[1], paths[2], paths[3], paths[4]), asOf, levels, null, null, overrides);
        return levels;
    }

    private static string Folder(CliEnvironment env) => Path.GetFullPath(Path.Combine(env.Database.DataDirectory, "stratificazione"));
}
