using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;

namespace Territorio.Web.Care;

/// <summary>One PAI item as the editor posts it back (hidden code and origin, editable terms).</summary>
public sealed class PaiItemRow
{
    public string? Kind { get; set; }

    public string? Code { get; set; }

    public string? Description { get; set; }

    public int? PerYear { get; set; }

    public int? FromMonth { get; set; }

    public int? ToMonth { get; set; }

    public string? Dosage { get; set; }

    public string? Pathologies { get; set; }

    public string? Template { get; set; }

    public static PaiItemRow Of(PaiItem item) => new()
    {
        Kind = item.Kind.ToString(),
        Code = item.Code,
        Description = item.Description,
        PerYear = item.PerYear,
        FromMonth = item.FromMonth,
        ToMonth = item.ToMonth,
        Dosage = item.Dosage,
        Pathologies = item.Pathologies,
        Template = item.Template,
    };
}

/// <summary>
/// What the PAI editor posts: the working list of items and the fields of the item being added.
/// The list travels with the form until the author sends it, so nothing is stored half-written.
/// </summary>
public sealed class PaiWorkbenchForm
{
    public List<PaiItemRow> Items { get; set; } = [];

    /// <summary>Words or code prefix to search the nomenclator with.</summary>
    public string? Cerca { get; set; }

    /// <summary>The service to add: a code typed or chosen among the search results.</summary>
    public string? Prestazione { get; set; }

    public int? Frequenza { get; set; } = 1;

    public int? Dal { get; set; } = 1;

    public int? Al { get; set; } = 12;

    public string? FarmacoAtc { get; set; }

    public string? FarmacoNome { get; set; }

    public string? FarmacoDose { get; set; }

    public int? FarmacoDal { get; set; } = 1;

    public int? FarmacoAl { get; set; } = 12;

    /// <summary>A goal, lifestyle or education code to add, as "Kind:code".</summary>
    public string? AltraVoce { get; set; }

    public string? Motivo { get; set; }

    /// <summary>The button pressed: cerca, aggiungi (or aggiungi:CODE for a search result), farmaco, altra, togli:ROW, aggiorna, invia.</summary>
    public string? Azione { get; set; }
}

/// <summary>
/// The editor's state after a post: the rows as they now stand (a refused row stays, to be
/// corrected), the items when every row is valid, every refusal in Italian, the search results.
/// </summary>
public sealed record PaiWorkbenchState(IReadOnlyList<PaiItemRow> Rows, IReadOnlyList<PaiItem>? Items, IReadOnlyList<string> Errors, IReadOnlyList<KeyValuePair<string, string>> Results);

/// <summary>
/// The PAI editor of the MMG and of the Gestore, item by item: the working list comes back with
/// every post, each action (search, add a service, a drug or another item, remove, change terms)
/// is applied here, and the items' own rules (nomenclator, frequency 1–52, months, ATC) stay in
/// the care domain, whose refusals are shown beside the list.
/// </summary>
public static class PaiWorkbench
{
    public const int SearchLimit = 25;

    public static PaiWorkbenchState Apply(PaiWorkbenchForm form, CareCatalogues catalogues)
    {
        var errors = new List<string>();
        var rows = form.Items.ToList();
        string[] action = (form.Azione ?? "").Split(':', 2);
        string? argument = action.Length == 2 ? action[1] : null;
        if (action[0] == "togli" && int.TryParse(argument, out int index) && index >= 0 && index < rows.Count)
        {
            rows.RemoveAt(index);
        }

        var items = Items(rows, catalogues, errors);
        IReadOnlyList<KeyValuePair<string, string>> results = [];
        switch (action[0])
        {
            case "cerca" when !string.IsNullOrWhiteSpace(form.Cerca):
                results = catalogues.SearchServices(form.Cerca, SearchLimit);
                if (results.Count == 0)
                {
                    errors.Add($"nessuna prestazione del nomenclatore per «{form.Cerca?.Trim()}»: cercare per codice (es. 90.42.1) o per parole (es. TSH)");
                }

                break;
            case "aggiungi":
                Add(rows, items, errors, () =>
                {
                    string code = (argument ?? form.Prestazione ?? "").Trim();
                    var item = PaiItem.Service(code, catalogues.Vocabulary.DescriptionOf(PaiItemKind.Service, code), form.Frequenza ?? 0, form.Dal ?? 1, form.Al ?? 12);
                    catalogues.Vocabulary.Check(item);
                    return item;
                });
                break;
            case "farmaco":
                Add(rows, items, errors, () =>
                {
                    string atc = (form.FarmacoAtc ?? "").Trim().ToUpperInvariant();
                    string name = string.IsNullOrWhiteSpace(form.FarmacoNome) ? catalogues.Vocabulary.DescriptionOf(PaiItemKind.Drug, atc) : form.FarmacoNome.Trim();
                    return PaiItem.Drug(atc, name, form.FarmacoDose ?? "", form.FarmacoDal ?? 1, form.FarmacoAl ?? 12);
                });
                break;
            case "altra":
                Add(rows, items, errors, () => Other(form.AltraVoce, catalogues.Vocabulary));
                break;
        }

        bool valid = items.Count == rows.Count;
        return new PaiWorkbenchState(rows, valid ? items : null, errors, results);
    }

    /// <summary>The goal, lifestyle and education codes the editor offers, as "Kind:code" → label.</summary>
    public static IEnumerable<KeyValuePair<string, string>> OtherChoices(PaiVocabulary vocabulary) =>
        vocabulary.Goals.Select(g => Choice(PaiItemKind.Goal, g))
            .Concat(vocabulary.Lifestyles.Select(l => Choice(PaiItemKind.Lifestyle, l)))
            .Concat(vocabulary.Education.Select(e => Choice(PaiItemKind.Education, e)));

    private static KeyValuePair<string, string> Choice(PaiItemKind kind, KeyValuePair<string, string> code) =>
        new($"{kind}:{code.Key}", $"{CareLabels.Of(kind)}: {code.Value} ({code.Key})");

    private static PaiItem Other(string? choice, PaiVocabulary vocabulary)
    {
        string[] parts = (choice ?? "").Split(':', 2);
        if (parts.Length != 2 || !Enum.TryParse<PaiItemKind>(parts[0], out var kind) || kind is PaiItemKind.Service or PaiItemKind.Drug)
        {
            throw new CareRuleException("scegliere l'obiettivo, lo stile di vita o l'intervento educativo da aggiungere");
        }

        var item = PaiItem.Coded(kind, parts[1], vocabulary.DescriptionOf(kind, parts[1]));
        vocabulary.Check(item);
        return item;
    }

    private static void Add(List<PaiItemRow> rows, List<PaiItem> items, List<string> errors, Func<PaiItem> make)
    {
        try
        {
            var item = make();
            if (rows.Any(r => r.Kind == item.Kind.ToString() && r.Code == item.Code))
            {
                errors.Add($"la voce {item.Code} è già nel PAI: cambiarne frequenza o periodo nella sua riga");
                return;
            }

            rows.Add(PaiItemRow.Of(item));
            items.Add(item);
        }
        catch (CareRuleException ex)
        {
            errors.Add(ex.Message);
        }
    }

    /// <summary>The posted rows as items; a row the domain refuses is reported (and stays among the rows).</summary>
    private static List<PaiItem> Items(IReadOnlyList<PaiItemRow> rows, CareCatalogues catalogues, List<string> errors)
    {
        var vocabulary = catalogues.Vocabulary;
        var items = new List<PaiItem>();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            try
            {
                if (!Enum.TryParse<PaiItemKind>(row.Kind, out var kind) || !Enum.IsDefined(kind))
                {
                    throw new CareRuleException($"tipo di voce non valido: {row.Kind}");
                }

                string code = (row.Code ?? "").Trim();
                var item = kind switch
                {
                    PaiItemKind.Service => PaiItem.Service(code, vocabulary.DescriptionOf(kind, code), row.PerYear ?? 0, row.FromMonth ?? 1, row.ToMonth ?? 12),
                    PaiItemKind.Drug => PaiItem.Drug(code, string.IsNullOrWhiteSpace(row.Description) ? vocabulary.DescriptionOf(kind, code) : row.Description.Trim(), row.Dosage ?? "", row.FromMonth ?? 1, row.ToMonth ?? 12),
                    _ => PaiItem.Coded(kind, code, vocabulary.DescriptionOf(kind, code)),
                };
                vocabulary.Check(item);
                // Only catalogue pathologies: what an item serves is not free text.
                var pathologies = (row.Pathologies ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries).Where(catalogues.Pathologies.ContainsKey);
                items.Add(item.ServingPathologies(pathologies, string.IsNullOrWhiteSpace(row.Template) ? null : row.Template.Trim()));
            }
            catch (CareRuleException ex)
            {
                errors.Add($"voce {index + 1} ({row.Code}): {ex.Message}");
            }
        }

        return items;
    }
}
