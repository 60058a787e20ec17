using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;
using Territorio.Web.Api;

namespace Territorio.Web.Care;

/// <summary>One PAI item as an API client sends it.</summary>
public sealed record PaiItemInput(string? Kind, string? Code, string? Description, int? PerYear, int? FromMonth, int? ToMonth, string? Dosage);

/// <summary>
/// Turns what a screen or an API client sends into PAI items. The items' own rules (nomenclator,
/// counts, windows, ATC) stay in the care domain; here only the shape of the input is checked.
/// </summary>
public static class PaiItemsInput
{
    /// <summary>The kinds as clients write them: Italian codes or the English names.</summary>
    public static readonly IReadOnlyDictionary<string, PaiItemKind> Kinds = new Dictionary<string, PaiItemKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["prestazione"] = PaiItemKind.Service,
        ["farmaco"] = PaiItemKind.Drug,
        ["obiettivo"] = PaiItemKind.Goal,
        ["stile-di-vita"] = PaiItemKind.Lifestyle,
        ["educazione"] = PaiItemKind.Education,
        [nameof(PaiItemKind.Service)] = PaiItemKind.Service,
        [nameof(PaiItemKind.Drug)] = PaiItemKind.Drug,
        [nameof(PaiItemKind.Goal)] = PaiItemKind.Goal,
        [nameof(PaiItemKind.Lifestyle)] = PaiItemKind.Lifestyle,
        [nameof(PaiItemKind.Education)] = PaiItemKind.Education,
    };

    /// <summary>The items of an API request; every bad item is reported under <c>items[i]</c>.</summary>
    public static IReadOnlyList<PaiItem> FromApi(IReadOnlyList<PaiItemInput>? inputs, PaiVocabulary vocabulary, ApiProblems.Validation validation)
    {
        if (inputs is null || inputs.Count == 0)
        {
            validation.Add("items", "serve almeno una voce del PAI");
            return [];
        }

        var items = new List<PaiItem>();
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            string field = $"items[{i}]";
            if (input.Kind is null || !Kinds.TryGetValue(input.Kind, out var kind))
            {
                validation.Add(field + ".kind", $"tipo di voce non valido: \"{input.Kind}\" (prestazione, farmaco, obiettivo, stile-di-vita, educazione)");
                continue;
            }

            try
            {
                string code = input.Code ?? "";
                string description = input.Description ?? vocabulary.DescriptionOf(kind, code);
                items.Add(kind switch
                {
                    PaiItemKind.Service => PaiItem.Service(code, description, input.PerYear ?? 0, input.FromMonth ?? 1, input.ToMonth ?? 12),
                    PaiItemKind.Drug => PaiItem.Drug(code, description, input.Dosage ?? "", input.FromMonth ?? 1, input.ToMonth ?? 12),
                    _ => PaiItem.Coded(kind, code, description),
                });
            }
            catch (CareRuleException ex)
            {
                validation.Add(field, ex.Message);
            }
        }

        return items;
    }
}
