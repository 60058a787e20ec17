using Territorio.Flows.Files;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Population;

namespace Territorio.Flows.Stratification;

/// <summary>
/// Reads the persons registry (anagrafe): <c>person_id, birth_date, sex, ats, mmg_id, death_date</c>
/// (death may be empty; so may mmg_id, a resident without a GP), then the identity columns
/// <c>fiscal_code, surname, given_name, birthplace_code, birthplace, street, cap, municipality_code,
/// municipality, phone, email</c>, which files from before identities may lack. A codice fiscale
/// that fails its check character or disagrees with the birth date, sex or birthplace rejects the
/// row. Bad rows are reported and skipped; each resident comes with its line, for errors found
/// later (a duplicate id).
/// </summary>
public static class PersonsCsvReader
{
    public static readonly string[] Columns =
    [
        "person_id", "birth_date", "sex", "ats", "mmg_id", "death_date",
        "fiscal_code", "surname", "given_name", "birthplace_code", "birthplace", "street", "cap", "municipality_code", "municipality", "phone", "email",
    ];

    // Ordinals of the identity columns in Columns.
    private const int FiscalCode = 6, Surname = 7, GivenName = 8, BirthplaceCode = 9, Birthplace = 10, Street = 11, Cap = 12,
        MunicipalityCode = 13, MunicipalityName = 14, Phone = 15, Email = 16;

    /// <param name="withIdentity">
    /// False when only the person's facts are needed (the stratification engine): the identity is
    /// still checked, row by row, but not kept — building 11 strings per person cost a quarter of a
    /// stratification's time.
    /// </param>
    public static IEnumerable<(Resident Resident, long Line)> Read(TextReader text, string fileName, Action<InputError> onError, bool rowsRequired = true, bool withIdentity = true)
    {
        using var csv = FlowCsv.Open(text, fileName, Columns[..FiscalCode], Columns[FiscalCode..]);
        csv.RowsRequired = rowsRequired;
        // ATS codes and GP ids repeat over millions of rows: one string each. A registry lists a
        // GP's patients together, so the previous row's is most often the one.
        var names = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        string lastAts = "", lastMmg = "";
        string Name(ReadOnlySpan<char> value, ref string last)
        {
            if (value.SequenceEqual(last))
            {
                return last;
            }

            if (!names.TryGetValue(value, out var name))
            {
                name = value.ToString();
                names[name] = name;
            }

            return last = name;
        }

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

            var identity = error is null ? Identity(csv, birth!.Value, sex, withIdentity, ref error) : null;
            if (error is not null)
            {
                onError(error);
                continue;
            }

            var mmg = csv.Field(4);
            yield return (new Resident(id.ToString(), birth!.Value, sex, Name(ats, ref lastAts), mmg.IsEmpty ? null : Name(mmg, ref lastMmg), death, identity), csv.Line);
        }
    }

    /// <summary>The identity columns, checked; null when the row has no codice fiscale (a file from before identities) or when not kept.</summary>
    private static ResidentIdentity? Identity(FlowCsv csv, DateOnly birth, Sex sex, bool keep, ref InputError? error)
    {
        var text = csv.Field(FiscalCode);
        if (text.IsEmpty)
        {
            return null;
        }

        // Checked on the field itself: a stratification reads millions and keeps none.
        if (CodiceFiscale.Check(text, birth, sex, csv.Field(BirthplaceCode), out bool malformed) is { } reason)
        {
            error = csv.Error(FiscalCode, text, malformed ? $"codice fiscale non valido: {reason}" : $"codice fiscale {reason}");
            return null;
        }

        foreach (int column in (int[])[Surname, GivenName])
        {
            if (csv.Field(column).IsEmpty)
            {
                error = csv.Error(column, default, "campo obbligatorio con il codice fiscale");
                return null;
            }
        }

        if (!keep)
        {
            return null;
        }

        var cf = CodiceFiscale.Parse(text.ToString());
        string? Optional(int column) => csv.Field(column) is { IsEmpty: false } value ? value.ToString() : null;
        var municipality = new Municipality(Optional(MunicipalityCode) ?? "", Optional(MunicipalityName) ?? "");
        return new ResidentIdentity(
            cf,
            csv.Field(Surname).ToString(),
            csv.Field(GivenName).ToString(),
            new Municipality(cf.BirthplaceCode, Optional(Birthplace) ?? cf.BirthplaceCode),
            new PostalAddress(Optional(Street) ?? "", Optional(Cap) ?? "", municipality),
            Optional(Phone),
            Optional(Email));
    }
}
