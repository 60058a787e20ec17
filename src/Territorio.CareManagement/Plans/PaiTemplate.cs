namespace Territorio.CareManagement.Plans;

/// <summary>One line of a PAI template, with why it is there.</summary>
public sealed record PaiTemplateLine(PaiItemKind Kind, string Code, int? PerYear, int FromMonth, int ToMonth, string? Dosage, string Rationale);

/// <summary>
/// A template that prefills a PAI for a pathology at a level. The shipped templates are
/// provisional (data/care/pai_templates.csv): the region has not published official ones.
/// </summary>
public sealed record PaiTemplate(string Pathology, int Level, IReadOnlyList<PaiTemplateLine> Lines, bool Provisional, string Version)
{
    /// <summary>What a drug line prescribes until the prescriber sets molecule and dose.</summary>
    public const string DoseByPrescriber = "molecola e dose secondo prescrizione";

    public IReadOnlyList<PaiItem> Prefill(PaiVocabulary vocabulary) => Lines.Select(line => Item(line, vocabulary)).ToList();

    internal PaiItem Item(PaiTemplateLine line, PaiVocabulary vocabulary)
    {
        var item = line.Kind switch
        {
            PaiItemKind.Service => PaiItem.Service(line.Code, vocabulary.DescriptionOf(line.Kind, line.Code), line.PerYear ?? 1, line.FromMonth, line.ToMonth),
            PaiItemKind.Drug => PaiItem.Drug(line.Code, vocabulary.DescriptionOf(line.Kind, line.Code), line.Dosage ?? DoseByPrescriber, line.FromMonth, line.ToMonth),
            _ => PaiItem.Coded(line.Kind, line.Code, vocabulary.DescriptionOf(line.Kind, line.Code)),
        };
        return item.ServingPathologies([Pathology], Version);
    }
}

/// <summary>The templates by pathology and level.</summary>
public sealed class PaiTemplateCatalogue(IEnumerable<PaiTemplate> templates)
{
    private readonly Dictionary<(string, int), PaiTemplate> _byKey = templates.ToDictionary(t => (t.Pathology, t.Level));

    public IReadOnlyCollection<PaiTemplate> All => _byKey.Values;

    public bool Has(string pathology, int level) => _byKey.ContainsKey((pathology, level));

    public PaiTemplate For(string pathology, int level) =>
        _byKey.TryGetValue((pathology, level), out var template)
            ? template
            : throw new Common.CareRuleException($"nessun modello di PAI per la patologia {pathology} al livello {level}");

    /// <summary>
    /// The templates of a patient's pathologies at the patient's level, main pathology first; those
    /// without a template are left out, and at least one must have one.
    /// </summary>
    public IReadOnlyList<PaiTemplate> ForPathologies(IEnumerable<string> pathologies, int level)
    {
        var codes = pathologies.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var found = codes.Where(p => Has(p, level)).Select(p => For(p, level)).ToList();
        return found.Count > 0 ? found : [For(codes.FirstOrDefault() ?? "", level)];
    }

    /// <summary>Every service code the templates use (the services a demo network offers).</summary>
    public IReadOnlyList<string> ServiceCodes =>
        _byKey.Values.SelectMany(t => t.Lines).Where(l => l.Kind == PaiItemKind.Service).Select(l => l.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// One PAI from the templates of all of a patient's pathologies. Territorio's rule (DGR
/// X/6164/2017 asks for one PAI per patient, not how to merge): one item per service, drug class,
/// goal, lifestyle or education code; the line with the highest yearly count wins (then the widest
/// window, then the main pathology's), and the item names every pathology that calls for it.
/// </summary>
public static class PaiTemplateMerge
{
    public static IReadOnlyList<PaiItem> Merge(IReadOnlyList<PaiTemplate> templates, PaiVocabulary vocabulary)
    {
        var lines = templates.SelectMany((template, rank) => template.Lines.Select(line => (Template: template, Line: line, Rank: rank)));
        return lines
            .GroupBy(l => (l.Line.Kind, l.Line.Code))
            .Select(group =>
            {
                var winner = group
                    .OrderByDescending(l => l.Line.PerYear ?? 0)
                    .ThenByDescending(l => l.Line.ToMonth - l.Line.FromMonth)
                    .ThenBy(l => l.Rank)
                    .First();
                var pathologies = group.OrderBy(l => l.Rank).Select(l => l.Template.Pathology);
                return (Order: group.Min(l => l.Rank), Item: winner.Template.Item(winner.Line, vocabulary).ServingPathologies(pathologies, winner.Template.Version));
            })
            .OrderBy(m => m.Item.Kind)
            .ThenBy(m => m.Order)
            .Select(m => m.Item)
            .ToList();
    }
}
