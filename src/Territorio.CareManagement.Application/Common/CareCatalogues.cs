using System.Globalization;
using System.Text.Json;
using Sylvan.Data.Csv;
using Territorio.CareManagement.Plans;
using Territorio.Flows.Reference;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Common;

/// <summary>
/// The reference data of care management, loaded once: the service nomenclator
/// (data/care/nomenclatore_prestazioni.csv, provisional), the Lombardy code systems of goals,
/// lifestyles and education interventions, and the provisional PAI templates.
/// </summary>
public sealed class CareCatalogues
{
    public const string TemplatesFile = "pai_templates.csv";

    private CareCatalogues(PaiVocabulary vocabulary, PaiTemplateCatalogue templates, IReadOnlyDictionary<string, string> pathologies)
    {
        Vocabulary = vocabulary;
        Templates = templates;
        Pathologies = pathologies;
    }

    public PaiVocabulary Vocabulary { get; }

    public PaiTemplateCatalogue Templates { get; }

    /// <summary>Regional catalogue of chronic pathologies: code → name.</summary>
    public IReadOnlyDictionary<string, string> Pathologies { get; }

    public static CareCatalogues Load(ReferenceData data)
    {
        var services = ReadPairs(data.PathOf("care", "nomenclatore_prestazioni.csv"));
        var vocabulary = new PaiVocabulary(
            services,
            CodeSystem(data, "CodeSystem_ObiettiviSalute.json"),
            CodeSystem(data, "CodeSystem_StiliVita.json"),
            CodeSystem(data, "CodeSystem_InterventiEducazionali.json"));
        var pathologies = ReadPairs(data.PathOf("lombardia", "patologie_croniche.csv"));
        var templates = ReadTemplates(data.PathOf("care", TemplatesFile), vocabulary, pathologies);
        return new CareCatalogues(vocabulary, templates, pathologies);
    }

    private static Dictionary<string, string> CodeSystem(ReferenceData data, string file)
    {
        using var stream = File.OpenRead(data.PathOf("lombardia-fhir", "codesystems", file));
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("concept").EnumerateArray()
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("display").GetString() ?? "");
    }

    private static PaiTemplateCatalogue ReadTemplates(string path, PaiVocabulary vocabulary, Dictionary<string, string> pathologies)
    {
        var lines = new Dictionary<(string, int), List<PaiTemplateLine>>();
        long line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (line == 1 || text.StartsWith('#') || text.Length == 0)
            {
                continue;
            }

            // The rationale is the last column and may contain commas.
            string[] row = text.Split(',', 9);
            if (row.Length != 9)
            {
                throw new InputDataException(new InputError(path, line, "*", text, "attese 9 colonne: pathology,kind,code,per_year_l1,per_year_l2,per_year_l3,from_month,to_month,rationale"));
            }

            int Number(string value, string field) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                ? n
                : throw new InputDataException(new InputError(path, line, field, value, "atteso un numero intero"));

            string pathology = row[0];
            if (!pathologies.ContainsKey(pathology))
            {
                throw new InputDataException(new InputError(path, line, "pathology", pathology, "non è nel catalogo regionale delle patologie croniche"));
            }

            if (!Enum.TryParse<PaiItemKind>(row[1], out var kind))
            {
                throw new InputDataException(new InputError(path, line, "kind", row[1], "atteso Service, Goal, Lifestyle o Education"));
            }

            for (int level = 1; level <= 3; level++)
            {
                int count = Number(row[2 + level], "per_year_l" + level);
                if (count == 0)
                {
                    continue;
                }

                var templateLine = new PaiTemplateLine(kind, row[2], kind == PaiItemKind.Service ? count : null,
                    Number(row[6], "from_month"), Number(row[7], "to_month"), null, row[8]);
                var key = (pathology, level);
                if (!lines.TryGetValue(key, out var list))
                {
                    lines[key] = list = [];
                }

                list.Add(templateLine);
            }
        }

        var templates = lines.Select(l => new PaiTemplate(l.Key.Item1, l.Key.Item2, l.Value, Provisional: true, Version: "provvisorio-2026-11")).ToList();
        foreach (var template in templates)
        {
            try
            {
                template.Prefill(vocabulary).ToList().ForEach(vocabulary.Check);
            }
            catch (CareManagement.Common.CareRuleException ex)
            {
                throw new InputDataException($"{path}: modello patologia {template.Pathology} livello {template.Level}: {ex.Message}");
            }
        }

        return new PaiTemplateCatalogue(templates);
    }

    /// <summary>The first two columns of a reference CSV with a header: code → description.</summary>
    private static Dictionary<string, string> ReadPairs(string path)
    {
        using var reader = CsvDataReader.Create(path);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            pairs[reader.GetString(0)] = reader.GetString(1);
        }

        return pairs;
    }
}
