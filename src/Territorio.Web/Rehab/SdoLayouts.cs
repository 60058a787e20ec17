using System.Text.Json;
using Territorio.Flows.Layouts;
using Territorio.Flows.Reference;
using Territorio.Kernel.Errors;

namespace Territorio.Web.Rehab;

/// <summary>A layout an upload may name: a shipped file of <c>data/sdo/layouts/</c>, by its name.</summary>
public sealed record SdoLayoutOption(string Name, string Label);

/// <summary>A layout the upload could not use: its file, line, field and reason, as the CLI names them.</summary>
public sealed class LayoutRefusedException(InputError error) : Exception(error.ToString())
{
    public InputError Error { get; } = error;
}

/// <summary>
/// The layouts of the rehab upload (issue 19 part 4, decision 0146): the shipped ones, which
/// <c>rehab check --layout</c> also reads, and a layout JSON uploaded with the file.
/// </summary>
public sealed class SdoLayouts(ReferenceData data)
{
    /// <summary>Territorio's own columns: the default, read without a rewrite.</summary>
    public const string Default = "territorio";

    /// <summary>The form's value for "a layout of my own, uploaded".</summary>
    public const string Uploaded = "caricato";

    /// <summary>Largest layout JSON accepted (24 secondary diagnoses and more fit in a few KB).</summary>
    public const int MaxLayoutBytes = 64 * 1024;

    private string Folder => data.PathOf("sdo", "layouts");

    /// <summary>The shipped layouts, Territorio's first; each labelled in Italian.</summary>
    public IReadOnlyList<SdoLayoutOption> Shipped() =>
        [.. Directory.EnumerateFiles(Folder, "*.json")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .OrderBy(name => name == Default ? 0 : 1).ThenBy(name => name, StringComparer.Ordinal)
            .Select(name => new SdoLayoutOption(name, LabelOf(name)))];

    /// <summary>The shipped layout by name; null for Territorio's own (no rewrite). An unknown name is refused.</summary>
    public FlowLayout? Named(string? name)
    {
        string chosen = string.IsNullOrWhiteSpace(name) ? Default : name.Trim();
        if (!Shipped().Any(o => o.Name == chosen))
        {
            throw new LayoutRefusedException(new InputError("(modulo)", 0, "layout", chosen,
                $"layout sconosciuto (disponibili: {string.Join(", ", Shipped().Select(o => o.Name))}, oppure un layout JSON caricato)"));
        }

        var layout = Load(Path.Combine(Folder, chosen + ".json"));
        return layout.IsCanonical ? null : layout;
    }

    /// <summary>An uploaded layout JSON, read by the CLI's rules; a malformed one is refused naming its file, line and field.</summary>
    public static FlowLayout Parse(byte[] json, string fileName)
    {
        try
        {
            using var stream = new MemoryStream(json, writable: false);
            return FlowLayout.Parse(stream, fileName, FlowSchema.Sdo);
        }
        catch (JsonException ex)
        {
            throw new LayoutRefusedException(new InputError(fileName, ex.LineNumber is { } line ? line + 1 : 1, "(json)", "", $"JSON non valido: {ex.Message}"));
        }
        catch (InputDataException ex) when (ex.Error is { } error)
        {
            throw new LayoutRefusedException(error);
        }
    }

    private static FlowLayout Load(string path)
    {
        try
        {
            return FlowLayout.Load(path, FlowSchema.Sdo);
        }
        catch (InputDataException ex) when (ex.Error is { } error)
        {
            throw new LayoutRefusedException(error);
        }
    }

    private static string LabelOf(string name) => name switch
    {
        Default => "Territorio: virgola, intestazione di 'territorio rehab check', date AAAA-MM-GG",
        "esempio-regionale" => "Esempio regionale: punto e virgola, colonne in italiano (ID_SDO, REPARTO_AMMISSIONE…), date AAAAMMGG o GG/MM/AAAA",
        _ => name,
    };
}
