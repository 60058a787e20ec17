using Territorio.CareManagement.Network;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Common;

/// <summary>The branche specialistiche and the table that assigns nomenclator services to them.</summary>
public static partial class CatalogueFiles
{
    public const string BrancheMapColumns = "code,branche,rationale";

    /// <summary>The list of branche (<c>code,name,rationale</c>): two-digit codes, a name each.</summary>
    public static CatalogueRead<List<Branca>> ReadBranche(string path)
    {
        var branche = new List<Branca>();
        var errors = new List<InputError>();
        foreach (var (line, fields) in Rows(path, "code,name,rationale", errors, out _, out _))
        {
            string code = fields[0], name = fields[1];
            if (code.Length is 0 or > 8 || !code.All(char.IsAsciiLetterOrDigit))
            {
                errors.Add(new InputError(path, line, "code", code, "codice di branca non valido: lettere e cifre, al più 8"));
            }
            else if (name.Length is 0 or > 100)
            {
                errors.Add(new InputError(path, line, "name", name, "nome della branca vuoto o più lungo di 100 caratteri"));
            }
            else if (branche.Any(b => b.Code == code))
            {
                errors.Add(new InputError(path, line, "code", code, "branca ripetuta"));
            }
            else
            {
                branche.Add(new Branca(code, name));
            }
        }

        return new(branche, errors);
    }

    /// <summary>
    /// The table of services by branca (<c>code,branche,rationale</c>; <c># version: X</c> and
    /// <c># provisional: true|false</c> read from comment lines): a nomenclator code or prefix, the codes of
    /// its branche separated by |, and why (the rationale may be empty only in a table marked not provisional,
    /// whose header may then be <c>code,branche</c>). <paramref name="version"/> and <paramref name="provisional"/>,
    /// when given, stand for the file's own.
    /// </summary>
    public static CatalogueRead<BrancheCatalogue> ReadBrancheMap(
        string path, IReadOnlyList<Branca> branche, IReadOnlyDictionary<string, string> services, string? version = null, bool? provisional = null)
    {
        var errors = new List<InputError>();
        var byPrefix = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var rows = Rows(path, BrancheMapColumns, errors, out string fileVersion, out bool fileProvisional);
        bool isProvisional = provisional ?? fileProvisional;
        foreach (var (line, fields) in rows)
        {
            string code = fields[0];
            var codes = fields[1].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!CodePattern().IsMatch(code))
            {
                errors.Add(new InputError(path, line, "code", code, "codice o prefisso di prestazione non valido: lettere maiuscole e cifre separate da punti"));
            }
            else if (byPrefix.ContainsKey(code))
            {
                errors.Add(new InputError(path, line, "code", code, "codice ripetuto: più branche della stessa prestazione vanno in una riga, separate da |"));
            }
            else if (codes.Length == 0)
            {
                errors.Add(new InputError(path, line, "branche", fields[1], "indicare almeno una branca"));
            }
            else if (codes.FirstOrDefault(c => branche.All(b => b.Code != c)) is { } unknown)
            {
                errors.Add(new InputError(path, line, "branche", fields[1], $"branca {unknown} sconosciuta: non è nell'elenco delle branche specialistiche ({string.Join(", ", branche.Select(b => b.Code))})"));
            }
            else if (isProvisional && fields[2].Length == 0)
            {
                errors.Add(new InputError(path, line, "rationale", "", "una tabella provvisoria dice per ogni riga perché la prestazione è di quella branca"));
            }
            else
            {
                byPrefix[code] = codes;
            }
        }

        if (byPrefix.Count == 0 && errors.Count == 0)
        {
            errors.Add(new InputError(path, 1, "*", "", "nessuna prestazione nel file"));
        }

        return new(new BrancheCatalogue(branche, byPrefix, services, version ?? fileVersion, isProvisional), errors);
    }

    /// <summary>
    /// The data rows of a small three-column file (header checked, the third column may be left out; # comments
    /// and empty lines skipped; the last column may hold commas and quotes): line number and the three trimmed fields.
    /// </summary>
    private static List<(long Line, string[] Fields)> Rows(string path, string header, List<InputError> errors, out string version, out bool provisional)
    {
        var rows = new List<(long, string[])>();
        version = "senza-versione";
        provisional = true;
        long line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                string found = text.Trim().TrimStart('\uFEFF');
                if (!found.Equals(header, StringComparison.Ordinal) && !found.Equals(header[..header.LastIndexOf(',')], StringComparison.Ordinal))
                {
                    errors.Add(new InputError(path, line, "intestazione", text, $"attesa l'intestazione {header}"));
                    return rows;
                }

                continue;
            }

            if (text.StartsWith('#'))
            {
                ReadDirective(text, ref version, ref provisional, takeVersion: true);
                continue;
            }

            if (text.Trim().Length == 0)
            {
                continue;
            }

            string[] fields = text.Split(',', 3);
            if (fields.Length < 2)
            {
                errors.Add(new InputError(path, line, "*", text, $"attese le colonne {header}"));
                continue;
            }

            string last = fields.Length == 3 ? fields[2].Trim() : "";
            if (last.Length >= 2 && last[0] == '"' && last[^1] == '"')
            {
                last = last[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            rows.Add((line, [fields[0].Trim(), fields[1].Trim(), last]));
        }

        return rows;
    }
}
