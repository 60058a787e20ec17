using Sylvan.Data.Csv;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Criteria;

namespace Territorio.Flows.Stratification;

/// <summary>Reads the exemption disease codes (<c>data/esenzioni/esenzioni_croniche.csv</c>, layout in its README).</summary>
public static class ExemptionCodesCsv
{
    private static readonly string[] Columns = ["code", "generation", "description", "same_as", "why"];

    public static ExemptionCodes Read(TextReader text, string fileName)
    {
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
        var ordinals = Columns.Select(column => header.IndexOf(column) is var i and >= 0
            ? i
            : throw new InputDataException(new InputError(fileName, 1, column, "", "colonna mancante nell'intestazione"))).ToArray();
        var diseases = new List<ExemptionDisease>();
        long line = 1;
        while (csv.Read())
        {
            line++;
            string Field(int column) => csv.GetString(ordinals[column]).Trim();
            string code = Field(0);
            if (!ExemptionCode.IsValid(code) || code.Contains('.'))
            {
                throw new InputDataException(new InputError(fileName, line, "code", code, "codice di malattia non valido (3-6 lettere maiuscole o cifre, senza sotto-codice)"));
            }

            if (Field(4).Length == 0)
            {
                throw new InputDataException(new InputError(fileName, line, "why", "", "motivazione obbligatoria mancante"));
            }

            diseases.Add(new ExemptionDisease(code, Field(1), Field(2), Field(3) is { Length: > 0 } sameAs ? sameAs : null, Field(4)));
        }

        var known = diseases.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        if (diseases.FirstOrDefault(d => d.SameAs is { } target && !known.Contains(target)) is { } dangling)
        {
            throw new InputDataException(new InputError(fileName, 0, "same_as", dangling.SameAs!, $"il codice {dangling.Code} rimanda a un codice assente dall'elenco"));
        }

        return new ExemptionCodes(diseases);
    }
}
