using System.Text;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Sdo;

/// <summary>The columns of the SDO CSV flow, in the order of <see cref="SdoColumns.Names"/>.</summary>
public enum SdoColumn
{
    RecordId,
    PatientId,
    BirthDate,
    Sex,
    StructureId,
    Discipline,
    Regime,
    AdmissionDate,
    DischargeDate,
    DischargeMode,
    Mdc,
    Drg,
    PrincipalDiagnosis,
    SecondaryDiagnoses,
    Procedures,
    TransferFromDiscipline,
    Rankin,
    Barthel,
    BarthelDyspnoea,
    SixMinuteWalk,
    Rcs,
}

public static class SdoColumns
{
    public static readonly string[] Names =
    [
        "record_id", "patient_id", "birth_date", "sex", "structure_id", "discipline", "regime",
        "admission_date", "discharge_date", "discharge_mode", "mdc", "drg", "principal_dx",
        "secondary_dx", "procedures", "transfer_from_discipline", "rankin", "barthel",
        "barthel_dyspnoea", "six_minute_walk_m", "rcs",
    ];

    /// <summary>The ordinal of every named column in a header row (any order); a missing column stops the read.</summary>
    public static (int[] Ordinals, int FieldCount) FromHeader(ReadOnlySpan<byte> headerRow, string fileName)
    {
        if (headerRow.Length >= 3 && headerRow[0] == 0xEF && headerRow[1] == 0xBB && headerRow[2] == 0xBF)
        {
            headerRow = headerRow[3..];
        }

        byte[]? scratch = null;
        Span<Range> fields = stackalloc Range[256];
        int count = Utf8Csv.Split(headerRow, headerRow.Contains((byte)'"'), fields, ref scratch, out var source);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Math.Min(count, fields.Length); i++)
        {
            names.TryAdd(Encoding.UTF8.GetString(source[fields[i]]).Trim(), i);
        }

        int[] ordinals = new int[Names.Length];
        for (int c = 0; c < Names.Length; c++)
        {
            if (!names.TryGetValue(Names[c], out ordinals[c]))
            {
                throw new InputDataException(new InputError(fileName, 1, Names[c], "", "colonna mancante nell'intestazione"));
            }
        }

        return (ordinals, count);
    }
}
