using System.Text;
using Territorio.Flows.Sdo;
using Territorio.Flows.Stratification;
using Territorio.Synthetic;

namespace Territorio.Stratification.Tests;

/// <summary>A demo region generated once per test class into a temporary folder, deleted on dispose.</summary>
public sealed class DemoRegion : IDisposable
{
    public const int People = 20_000;
    public const int Seed = 2017;

    public DemoRegion()
    {
        Directory = Path.Combine(Path.GetTempPath(), "territorio-strat-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        string[] paths = ["persons.csv", "sdo.csv", "drugs.csv", "exemptions.csv", "outpatient.csv"];
        var writers = paths.Select(p => new StreamWriter(Path.Combine(Directory, p), false, new UTF8Encoding(false))).ToArray();
        DemoPopulation.Generate(People, Seed, DemoPopulation.DefaultAsOf, SdoCsvReader.Columns, new PopulationWriters(writers[0], writers[1], writers[2], writers[3], writers[4]), TestCriteria.Identities);
        foreach (var writer in writers)
        {
            writer.Dispose();
        }

        Inputs = new StratificationInputs(Path.Combine(Directory, paths[0]), Path.Combine(Directory, paths[1]), Path.Combine(Directory, paths[2]), Path.Combine(Directory, paths[3]), Path.Combine(Directory, paths[4]));
        var levels = new StringWriter();
        Summary = new StratificationRun(TestCriteria.Reference).Run(Inputs, Flows.Stratification.CriteriaFiles.Load(TestCriteria.Reference), DemoPopulation.DefaultAsOf, levels, Errors.Add);
        Levels = levels.ToString();
    }

    public string Directory { get; }

    public StratificationInputs Inputs { get; }

    public StratificationSummary Summary { get; }

    public List<Kernel.Errors.InputError> Errors { get; } = [];

    public string Levels { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
