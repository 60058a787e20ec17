using System.Globalization;

namespace Territorio.Web.Care;

/// <summary>A pathology of the patient's classification, named, with the records that proved it.</summary>
public sealed record PathologyView(string Code, string Name, bool IsMain, IReadOnlyList<string> Evidence);

/// <summary>
/// Reads the stratification's evidence as levels.csv stores it
/// (<c>pathology=source:code:date;…|pathology=…</c>, docs of LevelsCsvWriter) into lines an
/// operator reads: "ricovero (SDO) 428.0 del 03/02/2025". Text in another shape is kept whole.
/// </summary>
public static class PathologyEvidence
{
    /// <summary>Evidence lines per pathology code; text without a pathology prefix goes under "".</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(string? evidence)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(evidence))
        {
            return result;
        }

        foreach (string group in evidence.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = group.IndexOf('=', StringComparison.Ordinal);
            string code = equals > 0 ? group[..equals] : "";
            string records = equals > 0 ? group[(equals + 1)..] : group;
            var lines = records.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Describe);
            result[code] = result.TryGetValue(code, out var existing) ? [.. existing, .. lines] : [.. lines];
        }

        return result;
    }

    public static IReadOnlyList<PathologyView> Views(string? pathologies, string? main, string? evidence, IReadOnlyDictionary<string, string> names)
    {
        var byCode = Parse(evidence);
        var codes = (pathologies ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var views = codes.Select(code => new PathologyView(code, names.GetValueOrDefault(code, "patologia non in catalogo"), code == main,
            byCode.GetValueOrDefault(code) ?? [])).ToList();
        if (byCode.TryGetValue("", out var loose))
        {
            views.Add(new PathologyView("", "altre evidenze", false, loose));
        }

        return views;
    }

    private static string Describe(string record)
    {
        var parts = record.Split(':');
        if (parts.Length != 3 || !DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return record;
        }

        string source = parts[0] switch
        {
            "sdo" => "ricovero (SDO)",
            "drugs" => "farmaco",
            "exemptions" => "esenzione",
            "outpatient" => "prestazione ambulatoriale",
            var other => other,
        };
        return $"{source} {parts[1]} del {ItalianFormat.Date(date)}";
    }
}
