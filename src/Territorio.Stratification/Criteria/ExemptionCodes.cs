using Territorio.Kernel.Codes;

namespace Territorio.Stratification.Criteria;

/// <summary>One disease code of the exemption lists (data/esenzioni/esenzioni_croniche.csv).</summary>
public sealed record ExemptionDisease(string Code, string Generation, string Description, string? SameAs, string Why);

/// <summary>
/// The disease codes of the co-payment exemptions for chronic diseases, both generations (DM
/// 329/1999 and DPCM 12/1/2017 allegato 8), and the spellings that stand for a DPCM 2017 code
/// ("031A" for "0A31"). A code read from a flow is normalised once, here: its disease part is
/// replaced by the code it stands for, the sub-code kept ("031A.401" → "0A31.401").
/// </summary>
public sealed class ExemptionCodes
{
    private readonly Dictionary<string, ExemptionDisease> _byCode;

    public ExemptionCodes(IEnumerable<ExemptionDisease> diseases)
    {
        Diseases = [.. diseases];
        _byCode = Diseases.ToDictionary(d => d.Code, StringComparer.Ordinal);
    }

    /// <summary>No list loaded: every well-shaped code is taken as it is.</summary>
    public static ExemptionCodes None { get; } = new([]);

    public IReadOnlyList<ExemptionDisease> Diseases { get; }

    public bool IsKnownDisease(string code) => _byCode.ContainsKey(code);

    public ExemptionDisease? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The code as the criteria name it: the disease part by its DPCM 2017 spelling, the sub-code kept.</summary>
    public string Normalise(string code)
    {
        var disease = ExemptionCode.Disease(code);
        return _byCode.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(disease, out var entry) && entry.SameAs is { } canonical
            ? canonical + code[disease.Length..]
            : code;
    }
}
