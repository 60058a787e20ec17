using Territorio.Flows.Files;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Population;

namespace Territorio.Flows.Stratification;

/// <summary>
/// Reads the persons registry: <c>person_id, birth_date, sex, ats, mmg_id, death_date</c>
/// (death may be empty; so may mmg_id, a resident without a GP). Bad rows are reported and
/// skipped; each resident comes with its line, for errors found later (a duplicate id).
/// </summary>
public static class PersonsCsvReader
{
    public static readonly string[] Columns = ["person_id", "birth_date", "sex", "ats", "mmg_id", "death_date"];

    public static IEnumerable<(Resident Resident, long Line)> Read(TextReader text, string fileName, Action<InputError> onError)
    {
        using var csv = FlowCsv.Open(text, fileName, Columns);
        while (csv.Read())
        {
            InputError? error = null;
            var id = csv.Field(0);
            if (id.IsEmpty)
            {
                error = csv.Error(0, id, "campo obbligatorio vuoto");
            }

            var birth = csv.Date(1, required: true, ref error);
            var sex = csv.Field(2) switch
            {
                "1" or "M" or "m" => Sex.Male,
                "2" or "F" or "f" => Sex.Female,
                _ => default,
            };
            if (sex == default)
            {
                error ??= csv.Error(2, csv.Field(2), "sesso non valido (1/M o 2/F)");
            }

            var ats = csv.Field(3);
            if (ats.IsEmpty)
            {
                error ??= csv.Error(3, ats, "ATS obbligatoria");
            }

            var death = csv.Date(5, required: false, ref error);
            if (error is null && death < birth)
            {
                error = csv.Error(5, csv.Field(5), "data di morte precedente alla nascita");
            }

            if (error is not null)
            {
                onError(error);
                continue;
            }

            var mmg = csv.Field(4);
            yield return (new Resident(id.ToString(), birth!.Value, sex, ats.ToString(), mmg.IsEmpty ? null : mmg.ToString(), death), csv.Line);
        }
    }
}
