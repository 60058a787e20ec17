using System.Text.RegularExpressions;
using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Plans;

public enum PaiItemKind
{
    /// <summary>Outpatient service of the nomenclator (visit, exam), with a yearly count and a window.</summary>
    Service,

    /// <summary>Drug therapy: ATC code and dosage.</summary>
    Drug,

    /// <summary>Health goal (RL code system SGDT-ObiettiviSalute).</summary>
    Goal,

    /// <summary>Lifestyle goal (RL code system SGDT-StiliVita).</summary>
    Lifestyle,

    /// <summary>Education intervention (RL code system SGDT-InterventiEducazionali).</summary>
    Education,
}

/// <summary>
/// One line of a PAI. Services carry how many per year and the window of months of the plan year
/// (1–12, from the plan's start) in which they fall, spread evenly inside it.
/// </summary>
public sealed partial class PaiItem
{
    private PaiItem()
    {
        Code = Description = "";
    }

    private PaiItem(PaiItemKind kind, string code, string description)
    {
        Kind = kind;
        Code = code;
        Description = description;
        FromMonth = 1;
        ToMonth = 12;
    }

    public PaiItemKind Kind { get; private set; }

    public string Code { get; private set; }

    public string Description { get; private set; }

    public int? PerYear { get; private set; }

    public int FromMonth { get; private set; }

    public int ToMonth { get; private set; }

    public string? Dosage { get; private set; }

    /// <summary>The catalogue pathologies (codes, '|'-separated) whose templates call for this item; null when written by hand.</summary>
    public string? Pathologies { get; private set; }

    /// <summary>The version of the template set the item came from (e.g. provvisorio-2026-12); null when written by hand.</summary>
    public string? Template { get; private set; }

    /// <summary>The pathology codes of <see cref="Pathologies"/>.</summary>
    public IReadOnlyList<string> PathologyCodes => Pathologies is null ? [] : Pathologies.Split('|');

    public static PaiItem Service(string code, string description, int perYear, int fromMonth = 1, int toMonth = 12)
    {
        if (perYear is < 1 or > 52)
        {
            throw new CareRuleException($"prestazione {code}: numero annuo {perYear} non valido (da 1 a 52)");
        }

        if (fromMonth < 1 || toMonth > 12 || fromMonth > toMonth)
        {
            throw new CareRuleException($"prestazione {code}: finestra mesi {fromMonth}–{toMonth} non valida (mesi da 1 a 12 dall'inizio del piano)");
        }

        if (perYear > (toMonth - fromMonth + 1) * 31)
        {
            throw new CareRuleException($"prestazione {code}: {perYear} all'anno non stanno nella finestra dei mesi {fromMonth}–{toMonth}");
        }

        return new PaiItem(PaiItemKind.Service, Guard.Text(code, "codice prestazione"), description) { PerYear = perYear, FromMonth = fromMonth, ToMonth = toMonth };
    }

    /// <summary>Drug therapy by ATC code (class or substance), with its dose and the months of the plan year it lasts.</summary>
    public static PaiItem Drug(string atc, string description, string dosage, int fromMonth = 1, int toMonth = 12)
    {
        string code = Guard.Text(atc, "codice ATC").ToUpperInvariant();
        if (!AtcPattern().IsMatch(code))
        {
            throw new CareRuleException($"codice ATC '{atc}' non valido (es. C09AA05 o C09AA)");
        }

        if (fromMonth < 1 || toMonth > 12 || fromMonth > toMonth)
        {
            throw new CareRuleException($"farmaco {code}: durata dal mese {fromMonth} al mese {toMonth} non valida (mesi da 1 a 12 dall'inizio del piano)");
        }

        return new PaiItem(PaiItemKind.Drug, code, description) { Dosage = Guard.Text(dosage, $"posologia del farmaco {code}"), FromMonth = fromMonth, ToMonth = toMonth };
    }

    public static PaiItem Coded(PaiItemKind kind, string code, string description)
    {
        if (kind is PaiItemKind.Service or PaiItemKind.Drug)
        {
            throw new ArgumentException("services and drugs have their own factories", nameof(kind));
        }

        return new PaiItem(kind, Guard.Text(code, "codice"), description);
    }

    /// <summary>The same item for another version: a version owns its items, it never shares them.</summary>
    public PaiItem Copy() => (PaiItem)MemberwiseClone();

    /// <summary>The same item, saying which pathologies' templates (of which version) call for it.</summary>
    public PaiItem ServingPathologies(IEnumerable<string> pathologies, string? template)
    {
        var copy = Copy();
        var codes = pathologies.Distinct(StringComparer.Ordinal).ToList();
        copy.Pathologies = codes.Count == 0 ? null : string.Join('|', codes);
        copy.Template = template;
        return copy;
    }

    /// <summary>The same item with the pathologies and template of another (an edit keeps what the item serves).</summary>
    public PaiItem ServingAs(PaiItem original) => ServingPathologies(original.PathologyCodes, original.Template);

    public override string ToString() => Kind switch
    {
        PaiItemKind.Service => $"{Code} {Description} ×{PerYear}/anno (mesi {FromMonth}–{ToMonth})",
        PaiItemKind.Drug => $"{Code} {Description} {Dosage} (mesi {FromMonth}–{ToMonth})",
        _ => $"{Code} {Description}",
    };

    // ATC levels 3–5: anatomical letter, two digits, then one or two letters, then two digits.
    [GeneratedRegex("^[A-Z][0-9]{2}[A-Z]([A-Z]([0-9]{2})?)?$")]
    private static partial Regex AtcPattern();
}

/// <summary>
/// The vocabularies a PAI's items must come from: the service nomenclator and the Lombardy code
/// systems (SGDT-ObiettiviSalute, SGDT-StiliVita, SGDT-InterventiEducazionali).
/// </summary>
public sealed class PaiVocabulary(
    IReadOnlyDictionary<string, string> services,
    IReadOnlyDictionary<string, string> goals,
    IReadOnlyDictionary<string, string> lifestyles,
    IReadOnlyDictionary<string, string> education,
    IReadOnlyDictionary<string, string>? drugClasses = null)
{
    public IReadOnlyDictionary<string, string> Services { get; } = services;

    /// <summary>Names of ATC classes (data/care/atc_classi.csv): they name a drug item; any well-formed ATC code is accepted (decision 0042).</summary>
    public IReadOnlyDictionary<string, string> DrugClasses { get; } = drugClasses ?? new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Goals { get; } = goals;

    public IReadOnlyDictionary<string, string> Lifestyles { get; } = lifestyles;

    public IReadOnlyDictionary<string, string> Education { get; } = education;

    public void Check(PaiItem item)
    {
        var (vocabulary, name) = item.Kind switch
        {
            PaiItemKind.Service => (Services, "nomenclatore delle prestazioni"),
            PaiItemKind.Goal => (Goals, "obiettivi di salute (SGDT-ObiettiviSalute)"),
            PaiItemKind.Lifestyle => (Lifestyles, "stili di vita (SGDT-StiliVita)"),
            PaiItemKind.Education => (Education, "interventi educazionali (SGDT-InterventiEducazionali)"),
            _ => (null, ""),
        };
        if (vocabulary is not null && !vocabulary.ContainsKey(item.Code))
        {
            throw new CareRuleException($"il codice {item.Code} non è nel vocabolario {name}");
        }
    }

    public string DescriptionOf(PaiItemKind kind, string code) => kind switch
    {
        PaiItemKind.Service => Services.GetValueOrDefault(code, ""),
        PaiItemKind.Goal => Goals.GetValueOrDefault(code, ""),
        PaiItemKind.Lifestyle => Lifestyles.GetValueOrDefault(code, ""),
        PaiItemKind.Education => Education.GetValueOrDefault(code, ""),
        PaiItemKind.Drug => DrugClassOf(code),
        _ => "",
    };

    /// <summary>The name of the most specific ATC class listed that contains the code (C09AA05 → C09AA).</summary>
    private string DrugClassOf(string code)
    {
        for (int length = code.Length; length >= 3; length--)
        {
            if (DrugClasses.TryGetValue(code[..length], out var name))
            {
                return name;
            }
        }

        return "";
    }
}
