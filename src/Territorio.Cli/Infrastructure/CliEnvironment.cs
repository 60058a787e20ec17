using Microsoft.Extensions.Configuration;
using Territorio.Data;
using Territorio.Flows.Printing;
using Territorio.Flows.Reference;

namespace Territorio.Cli;

/// <summary>
/// What a command runs against: its output streams, configuration (appsettings.json beside the
/// executable, then <c>TERRITORIO_</c>-less environment variables such as
/// <c>ConnectionStrings__Territorio</c>), the database and the reference data.
/// </summary>
public sealed class CliEnvironment
{
    public CliEnvironment(TextWriter output, TextWriter error, IConfiguration configuration, bool interactive)
    {
        Output = output;
        Error = error;
        Configuration = configuration;
        Interactive = interactive;
        Database = TerritorioDatabase.ReadOptions(configuration);
        _referenceData = new Lazy<ReferenceData>(() =>
            ReferenceData.From(configuration["Territorio:ReferenceData"]));
    }

    private readonly Lazy<ReferenceData> _referenceData;

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>What the command reads from standard input (a password with --password-stdin).</summary>
    public TextReader Input { get; init; } = Console.In;

    public IConfiguration Configuration { get; }

    /// <summary>True when a person watches a terminal: progress bars are drawn only then.</summary>
    public bool Interactive { get; }

    /// <summary>How often long work writes a progress line when nobody watches a terminal.</summary>
    public TimeSpan ProgressInterval { get; init; } = Territorio.CommandLine.PlainProgressWriter.DefaultInterval;

    public DatabaseOptions Database { get; }

    public ReferenceData ReferenceData => _referenceData.Value;

    /// <summary>PDFsharp draws nothing until its license is chosen in configuration (decision 0090).</summary>
    public void RequirePdfLicense()
    {
        if (!PdfLicense.TryApply(Configuration[PdfLicense.SettingKey]))
        {
            throw new UsageException(PdfLicense.MissingMessage);
        }
    }

    public static IConfiguration BuildConfiguration(IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? [])
            .Build();

    public static CliEnvironment FromProcess() =>
        new(Console.Out, Console.Error, BuildConfiguration(), !Console.IsErrorRedirected);
}
