using System.Globalization;
using System.Text;
using Territorio.Flows.Reference;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Common;

/// <summary>What an import did: rows accepted, every row rejected, where the file was installed (null when nothing was).</summary>
public sealed record CatalogueImportResult(int Accepted, IReadOnlyList<InputError> Rejected, string? InstalledAt, IReadOnlyList<string> Notes);

/// <summary>
/// Replaces a shipped care catalogue with the region's: the PAI templates, or the regional
/// outpatient catalogue in place of the national nomenclator. The file is read whole and checked
/// against the catalogues in force; with any rejected row nothing is installed, otherwise it is
/// written beside the database (data directory/riferimenti/care) in one rename, and every
/// application started afterwards reads it instead of the shipped one.
/// </summary>
public static class CareCatalogueImport
{
    public static CatalogueImportResult ImportTemplates(ReferenceData data, string dataDirectory, string file, string version, bool provisional)
    {
        var current = CareCatalogues.Load(data, dataDirectory);
        var read = CatalogueFiles.ReadTemplates(file, current.Vocabulary, current.Pathologies, version);
        var rows = File.ReadLines(file).Skip(1).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToList();
        if (read.Errors.Count > 0)
        {
            return new(rows.Count - read.Errors.Count, read.Errors, null, []);
        }

        var covered = read.Value.Select(t => (t.Pathology, t.Level)).ToHashSet();
        var uncovered = current.Pathologies.Keys.SelectMany(p => new[] { 1, 2, 3 }.Where(l => !covered.Contains((p, l))).Select(l => $"{p}/{l}")).ToList();
        var notes = uncovered.Count == 0
            ? new List<string>()
            : [$"patologie e livelli senza modello ({uncovered.Count}): {string.Join(", ", uncovered.Take(20))}{(uncovered.Count > 20 ? " …" : "")}; i loro pazienti avranno il PAI dalle altre patologie o scritto voce per voce"];
        var text = new StringBuilder()
            .AppendLine(File.ReadLines(file).First().Trim())
            .AppendLine($"# imported from {Path.GetFileName(file)} on {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")
            .AppendLine($"# version: {version}")
            .AppendLine($"# provisional: {(provisional ? "true" : "false")}");
        rows.ForEach(r => text.AppendLine(r));
        return new(rows.Count, [], Install(dataDirectory, CareCatalogues.TemplatesFile, text.ToString()), notes);
    }

    public static CatalogueImportResult ImportNomenclator(ReferenceData data, string dataDirectory, string file)
    {
        var read = CatalogueFiles.ReadNomenclator(file);
        if (read.Errors.Count > 0)
        {
            return new(read.Value.Count, read.Errors, null, []);
        }

        // The templates in force must still find every service they name.
        var current = CareCatalogues.Load(data, dataDirectory);
        var missing = current.Templates.ServiceCodes.Where(c => !read.Value.ContainsKey(c))
            .Select(c => new InputError(file, 0, "code", c, "usato dai modelli di PAI in vigore ma assente dal catalogo: importare prima i modelli che non lo usano"))
            .ToList();
        if (missing.Count > 0)
        {
            return new(read.Value.Count, missing, null, []);
        }

        var text = new StringBuilder().AppendLine("code,description");
        foreach (var (code, description) in read.Value)
        {
            text.Append(code).Append(',').AppendLine(Quoted(description));
        }

        return new(read.Value.Count, [], Install(dataDirectory, CareCatalogues.NomenclatorFile, text.ToString()), []);
    }

    /// <summary>
    /// The region's table of services by branca (<c>code,branche,rationale</c>, a code or prefix per row, branche
    /// separated by |) in place of the provisional one; every service the templates in force name must find a branca.
    /// </summary>
    public static CatalogueImportResult ImportBranche(ReferenceData data, string dataDirectory, string file, string version, bool provisional)
    {
        var current = CareCatalogues.Load(data, dataDirectory);
        var read = CatalogueFiles.ReadBrancheMap(file, [.. current.Branche.All], current.Vocabulary.Services, version, provisional);
        if (read.Errors.Count > 0)
        {
            return new(0, read.Errors, null, []);
        }

        var missing = current.Templates.ServiceCodes.Where(c => read.Value.Of(c).Count == 0)
            .Select(c => new InputError(file, 0, "code", c, "usato dai modelli di PAI in vigore ma senza branca nella tabella: nessun erogatore potrebbe offrirlo"))
            .ToList();
        if (missing.Count > 0)
        {
            return new(0, missing, null, []);
        }

        var rows = File.ReadLines(file).Skip(1).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToList();
        var text = new StringBuilder()
            .AppendLine(CatalogueFiles.BrancheMapColumns)
            .AppendLine($"# imported from {Path.GetFileName(file)} on {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")
            .AppendLine($"# version: {version}")
            .AppendLine($"# provisional: {(provisional ? "true" : "false")}");
        rows.ForEach(r => text.AppendLine(r));
        return new(rows.Count, [], Install(dataDirectory, CareCatalogues.BrancheMapFile, text.ToString()), []);
    }

    /// <summary>Writes beside the target and renames over it: a reader sees the old file or the new one, never half of one.</summary>
    private static string Install(string dataDirectory, string file, string content)
    {
        string target = CareCatalogues.ImportedPath(dataDirectory, file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string temporary = target + ".tmp";
        File.WriteAllText(temporary, content, new UTF8Encoding(false));
        File.Move(temporary, target, overwrite: true);
        return Path.GetFullPath(target);
    }

    private static string Quoted(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
