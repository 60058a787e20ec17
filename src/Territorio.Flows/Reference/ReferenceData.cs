using Territorio.Kernel.Codes;

namespace Territorio.Flows.Reference;

/// <summary>
/// Locates the versioned reference data shipped with Territorio (the repository's <c>data/</c>,
/// copied beside every executable). <c>TERRITORIO_DATA</c> points elsewhere, e.g. to official lists.
/// </summary>
public sealed class ReferenceData
{
    public const string EnvironmentVariable = "TERRITORIO_DATA";

    private readonly Lazy<Icd9CmCatalogue> _icd9Cm;
    private readonly Lazy<DiagnosisMdcTable> _diagnosisMdc;
    private readonly Lazy<DisciplineCatalogue> _disciplines;

    public ReferenceData(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"reference data folder not found: {root}");
        }

        Root = root;
        _icd9Cm = new Lazy<Icd9CmCatalogue>(LoadIcd9Cm);
        _diagnosisMdc = new Lazy<DiagnosisMdcTable>(() => DiagnosisMdcTable.Load(PathOf("sdo", DiagnosisMdcTable.FileName)));
        _disciplines = new Lazy<DisciplineCatalogue>(() => DisciplineCatalogue.Load(PathOf("sdo", DisciplineCatalogue.FileName)));
    }

    public string Root { get; }

    public Icd9CmCatalogue Icd9Cm => _icd9Cm.Value;

    /// <summary>Principal diagnosis → MDC (provisional until the grouper's table replaces it).</summary>
    public DiagnosisMdcTable DiagnosisMdc => _diagnosisMdc.Value;

    /// <summary>Hospital ward disciplines by name ("32 Neurologia").</summary>
    public DisciplineCatalogue Disciplines => _disciplines.Value;

    /// <summary>The folder named by configuration (<c>Territorio:ReferenceData</c>), else the default.</summary>
    public static ReferenceData From(string? configuredRoot) =>
        configuredRoot is { Length: > 0 } root ? new ReferenceData(root) : Default();

    public static ReferenceData Default() =>
        new(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } root
            ? root
            : Path.Combine(AppContext.BaseDirectory, "data"));

    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private Icd9CmCatalogue LoadIcd9Cm()
    {
        return new Icd9CmCatalogue(Read("diagnosi.csv", Icd9CmKind.Diagnosis), Read("procedure.csv", Icd9CmKind.Procedure));

        List<Icd9CmEntry> Read(string file, Icd9CmKind kind)
        {
            string path = PathOf("icd9cm-it", file);
            using var reader = new StreamReader(path);
            return Icd9CmCatalogue.ReadList(reader, kind, path).ToList();
        }
    }
}
