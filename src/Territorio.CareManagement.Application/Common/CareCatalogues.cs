using System.Text.Json;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Plans;
using Territorio.Flows.Reference;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Common;

/// <summary>
/// The reference data of care management, loaded once: the service nomenclator (the national
/// outpatient nomenclator, DPCM 12/1/2017 allegato 4, or the regional catalogue imported over
/// it), the ATC classes that name drug items, the Lombardy code systems of goals, lifestyles and
/// education interventions, the PAI templates (provisional until the region's are imported) and
/// the names of Lombardy's ATS (letters and screens show "ATS di Bergamo (325)", not a bare code).
/// </summary>
public sealed class CareCatalogues
{
    public const string TemplatesFile = "pai_templates.csv";
    public const string NomenclatorFile = "nomenclatore_prestazioni.csv";
    public const string DrugClassesFile = "atc_classi.csv";
    public const string AtsFile = "ats.csv";
    public const string BrancheFile = "branche.csv";
    public const string BrancheMapFile = "branche_prestazioni.csv";

    /// <summary>Folder under the data directory where imported catalogues replace the shipped ones.</summary>
    public const string ImportedFolder = "riferimenti";

    private CareCatalogues(PaiVocabulary vocabulary, PaiTemplateCatalogue templates, IReadOnlyDictionary<string, string> pathologies, string nomenclatorSource,
        IReadOnlyDictionary<string, string> atsNames, BrancheCatalogue branche)
    {
        AtsNames = atsNames;
        Branche = branche;
        Vocabulary = vocabulary;
        Templates = templates;
        Pathologies = pathologies;
        NomenclatorSource = nomenclatorSource;
        _officialTemplateVersions = templates.All.Where(t => !t.Provisional).Select(t => t.Version).ToHashSet(StringComparer.Ordinal);
    }

    private readonly HashSet<string> _officialTemplateVersions;

    public PaiVocabulary Vocabulary { get; }

    public PaiTemplateCatalogue Templates { get; }

    /// <summary>Regional catalogue of chronic pathologies: code → name.</summary>
    public IReadOnlyDictionary<string, string> Pathologies { get; }

    /// <summary>Lombardy's ATS (LR 23/2015 art.6): code → name.</summary>
    public IReadOnlyDictionary<string, string> AtsNames { get; }

    /// <summary>The branche specialistiche and the services of each (provisional until the region's table is imported).</summary>
    public BrancheCatalogue Branche { get; }

    /// <summary>Where the service codes come from, for the screens (national nomenclator or imported regional catalogue).</summary>
    public string NomenclatorSource { get; }

    /// <summary>
    /// The catalogues of <paramref name="data"/>, with the nomenclator and the templates imported
    /// under <paramref name="dataDirectory"/>/riferimenti/care (see <see cref="CareCatalogueImport"/>) in place of the shipped ones.
    /// </summary>
    public static CareCatalogues Load(ReferenceData data, string? dataDirectory = null)
    {
        string? imported = dataDirectory is null ? null : ImportedPath(dataDirectory, "");
        string servicesPath = Prefer(imported, NomenclatorFile) ?? data.PathOf("care", NomenclatorFile);
        var services = CatalogueFiles.Require(CatalogueFiles.ReadNomenclator(servicesPath));
        var vocabulary = new PaiVocabulary(
            services,
            CodeSystem(data, "CodeSystem_ObiettiviSalute.json"),
            CodeSystem(data, "CodeSystem_StiliVita.json"),
            CodeSystem(data, "CodeSystem_InterventiEducazionali.json"),
            CatalogueFiles.Require(CatalogueFiles.ReadNomenclator(data.PathOf("care", DrugClassesFile))));
        var pathologies = CatalogueFiles.Require(CatalogueFiles.ReadNomenclator(data.PathOf("lombardia", "patologie_croniche.csv")));
        string templatesPath = Prefer(imported, TemplatesFile) ?? data.PathOf("care", TemplatesFile);
        var templates = CatalogueFiles.Require(CatalogueFiles.ReadTemplates(templatesPath, vocabulary, pathologies));
        string source = servicesPath.StartsWith(imported ?? "\0", StringComparison.Ordinal)
            ? $"catalogo regionale importato ({services.Count} prestazioni)"
            : $"nomenclatore nazionale DPCM 12/1/2017 allegato 4 ({services.Count} prestazioni)";
        var atsNames = CatalogueFiles.Require(CatalogueFiles.ReadNomenclator(data.PathOf("lombardia", AtsFile)));
        return new CareCatalogues(vocabulary, new PaiTemplateCatalogue(templates), pathologies, source, atsNames, LoadBranche(data, imported, services));
    }

    /// <summary>
    /// Whether an item came from a provisional template: any template version but an official one
    /// loaded now (the shipped provisional versions stay provisional after the region's import).
    /// </summary>
    public bool IsProvisional(PaiItem item) => IsProvisionalTemplate(item.Template);

    public bool IsProvisionalTemplate(string? version) => !string.IsNullOrEmpty(version) && !_officialTemplateVersions.Contains(version);

    public bool HasProvisionalItems(PaiVersion? version) => version is not null && version.Items.Any(IsProvisional);

    /// <summary>The pathology's name with its code, as users read it (e.g. "IPOTIROIDISMO (60)").</summary>
    public string PathologyName(string code) => Pathologies.TryGetValue(code, out var name) ? $"{name} ({code})" : code;

    /// <summary>A service as users read it: "89.52 ELETTROCARDIOGRAMMA", the code alone when the nomenclator lacks it.</summary>
    public string ServiceLabel(string code) => Vocabulary.Services.GetValueOrDefault(code) is { } name ? $"{code} {name}" : code;

    /// <summary>The ATS's name without its code ("ATS di Bergamo"); null for a code the list lacks.</summary>
    public string? AtsName(string code) => AtsNames.GetValueOrDefault(code);

    /// <summary>The ATS as users read it: "ATS di Bergamo (325)"; "ATS 325" for a code the list lacks.</summary>
    public string AtsLabel(string code) => AtsNames.TryGetValue(code, out var name) ? $"{name} ({code})" : $"ATS {code}";

    /// <summary>The path of an imported catalogue file under the data directory.</summary>
    public static string ImportedPath(string dataDirectory, string file) => Path.Combine(dataDirectory, ImportedFolder, "care", file);

    /// <summary>The items of a service search: code prefix or every word in the description, codes in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SearchServices(string? query, int limit)
    {
        string text = (query ?? "").Trim();
        if (text.Length == 0)
        {
            return [];
        }

        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Vocabulary.Services
            .Where(s => s.Key.StartsWith(text, StringComparison.OrdinalIgnoreCase)
                || words.All(w => s.Value.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.Key.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>The branche and their table, the imported one in place of the shipped one.</summary>
    public static BrancheCatalogue LoadBranche(ReferenceData data, string? importedFolder, IReadOnlyDictionary<string, string> services)
    {
        var branche = CatalogueFiles.Require(CatalogueFiles.ReadBranche(Prefer(importedFolder, BrancheFile) ?? data.PathOf("care", BrancheFile)));
        return CatalogueFiles.Require(CatalogueFiles.ReadBrancheMap(Prefer(importedFolder, BrancheMapFile) ?? data.PathOf("care", BrancheMapFile), branche, services));
    }

    private static string? Prefer(string? importedFolder, string file) =>
        importedFolder is not null && File.Exists(Path.Combine(importedFolder, file)) ? Path.Combine(importedFolder, file) : null;

    private static Dictionary<string, string> CodeSystem(ReferenceData data, string file)
    {
        using var stream = File.OpenRead(data.PathOf("lombardia-fhir", "codesystems", file));
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("concept").EnumerateArray()
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("display").GetString() ?? "");
    }
}

/// <summary>What a catalogue file gave: its content and every row it rejected.</summary>
public sealed record CatalogueRead<T>(T Value, IReadOnlyList<InputError> Errors);
