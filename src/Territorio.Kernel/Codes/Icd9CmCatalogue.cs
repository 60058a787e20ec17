using System.Collections.Frozen;

namespace Territorio.Kernel.Codes;

/// <summary>One entry of the Italian ICD-9-CM 2007 lists (DM 18/12/2008).</summary>
public sealed record Icd9CmEntry(Icd9CmCode Code, string Description, bool IsLeaf);

/// <summary>
/// The Italian ICD-9-CM 2007 edition: which diagnosis and procedure codes exist.
/// Built once from the shipped lists (<c>data/icd9cm-it/</c>) and shared read-only.
/// </summary>
public sealed class Icd9CmCatalogue
{
    private readonly FrozenDictionary<string, Icd9CmEntry> _diagnoses;
    private readonly FrozenDictionary<string, Icd9CmEntry> _procedures;

    public Icd9CmCatalogue(IEnumerable<Icd9CmEntry> diagnoses, IEnumerable<Icd9CmEntry> procedures)
    {
        _diagnoses = diagnoses.ToFrozenDictionary(e => e.Code.Value, StringComparer.Ordinal);
        _procedures = procedures.ToFrozenDictionary(e => e.Code.Value, StringComparer.Ordinal);
    }

    public int DiagnosisCount => _diagnoses.Count;

    public int ProcedureCount => _procedures.Count;

    public IEnumerable<Icd9CmEntry> Diagnoses => _diagnoses.Values;

    public IEnumerable<Icd9CmEntry> Procedures => _procedures.Values;

    public bool Contains(Icd9CmCode code) => Find(code) is not null;

    public Icd9CmEntry? Find(Icd9CmCode code) =>
        (code.Kind == Icd9CmKind.Diagnosis ? _diagnoses : _procedures).GetValueOrDefault(code.Value);

    /// <summary>
    /// Reads a list in the shipped layout <c>code,descrizione_it,is_leaf</c> (header first).
    /// Descriptions never contain commas in these files except inside quotes.
    /// </summary>
    public static IEnumerable<Icd9CmEntry> ReadList(TextReader reader, Icd9CmKind kind, string sourceName)
    {
        string? header = reader.ReadLine();
        if (header is null || !header.StartsWith("code,", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{sourceName}: riga 1: intestazione attesa 'code,descrizione_it,is_leaf'");
        }

        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            int first = line.IndexOf(',');
            int last = line.LastIndexOf(',');
            if (first <= 0 || last == first)
            {
                throw new InvalidDataException(new Errors.InputError(sourceName, lineNumber, Errors.InputError.WholeFile, "", "attesi 3 campi (code, descrizione_it, is_leaf)").ToString());
            }

            bool isLeaf = line.AsSpan(last + 1).Trim() is "1";
            if (!Icd9CmCode.TryParse(line.AsSpan(0, first), kind, out var code))
            {
                // Chapter headings such as "E,CLASSIFICAZIONE SUPPLEMENTARE…" are not codes.
                if (!isLeaf && !line.AsSpan(0, first).ContainsAnyInRange('0', '9'))
                {
                    continue;
                }

                throw new InvalidDataException(new Errors.InputError(sourceName, lineNumber, "code", line[..first], "non è un codice ICD-9-CM").ToString());
            }

            string description = line[(first + 1)..last].Trim('"');
            yield return new Icd9CmEntry(code, description, isLeaf);
        }
    }
}
