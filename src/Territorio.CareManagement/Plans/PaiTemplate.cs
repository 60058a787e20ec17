namespace Territorio.CareManagement.Plans;

/// <summary>One line of a PAI template, with why it is there.</summary>
public sealed record PaiTemplateLine(PaiItemKind Kind, string Code, int? PerYear, int FromMonth, int ToMonth, string? Dosage, string Rationale);

/// <summary>
/// A template that prefills a PAI for a pathology at a level. The shipped templates are
/// provisional (data/care/pai_templates.csv): the region has not published official ones.
/// </summary>
public sealed record PaiTemplate(string Pathology, int Level, IReadOnlyList<PaiTemplateLine> Lines, bool Provisional, string Version)
{
    public IReadOnlyList<PaiItem> Prefill(PaiVocabulary vocabulary) => Lines.Select(line => line.Kind switch
    {
        PaiItemKind.Service => PaiItem.Service(line.Code, vocabulary.DescriptionOf(line.Kind, line.Code), line.PerYear ?? 1, line.FromMonth, line.ToMonth),
        PaiItemKind.Drug => PaiItem.Drug(line.Code, line.Rationale, line.Dosage ?? "secondo prescrizione"),
        _ => PaiItem.Coded(line.Kind, line.Code, vocabulary.DescriptionOf(line.Kind, line.Code)),
    }).ToList();
}

/// <summary>The templates by pathology and level.</summary>
public sealed class PaiTemplateCatalogue(IEnumerable<PaiTemplate> templates)
{
    private readonly Dictionary<(string, int), PaiTemplate> _byKey = templates.ToDictionary(t => (t.Pathology, t.Level));

    public IReadOnlyCollection<PaiTemplate> All => _byKey.Values;

    public PaiTemplate For(string pathology, int level) =>
        _byKey.TryGetValue((pathology, level), out var template)
            ? template
            : throw new Common.CareRuleException($"nessun modello di PAI per la patologia {pathology} al livello {level}");
}
