using System.Globalization;
using Sylvan.Data.Csv;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Hospital;
using Territorio.Kernel.Population;

namespace Territorio.Flows.Sdo;

/// <summary>
/// Reads the SDO flow as CSV (header row, UTF-8, comma, RFC 4180 quoting, any column order).
/// Each bad row is reported through <c>onError</c> with line, column, value and reason, and
/// skipped; nothing else is dropped.
/// </summary>
public sealed class SdoCsvReader(Icd9CmCatalogue catalogue)
{
    public static readonly string[] Columns =
    [
        "record_id", "patient_id", "birth_date", "sex", "structure_id", "discipline", "regime",
        "admission_date", "discharge_date", "discharge_mode", "mdc", "drg", "principal_dx",
        "secondary_dx", "procedures", "transfer_from_discipline", "rankin", "barthel",
        "barthel_dyspnoea", "six_minute_walk_m", "rcs",
    ];

    public const int MaxSecondaryDiagnoses = 5;
    public const int MaxProcedures = 6;

    public IEnumerable<SdoRecord> Read(TextReader text, string fileName, Action<InputError> onError)
    {
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        var header = Enumerable.Range(0, csv.FieldCount).ToDictionary(i => csv.GetName(i).Trim(), i => i, StringComparer.Ordinal);
        var ordinals = new int[Columns.Length];
        for (int i = 0; i < Columns.Length; i++)
        {
            if (!header.TryGetValue(Columns[i], out ordinals[i]))
            {
                throw new InputDataException(new InputError(fileName, 1, Columns[i], "", "colonna mancante nell'intestazione"));
            }
        }

        long line = 1;
        while (csv.Read())
        {
            line++;
            var row = new RowParser(csv, ordinals, fileName, line, catalogue);
            var record = row.Parse();
            if (row.Error is { } error)
            {
                onError(error);
            }
            else
            {
                yield return record!;
            }
        }
    }

    /// <summary>Parses one row, stopping at the first bad field.</summary>
    private sealed class RowParser(CsvDataReader csv, int[] ordinals, string file, long line, Icd9CmCatalogue catalogue)
    {
        public InputError? Error { get; private set; }

        public SdoRecord? Parse()
        {
            var admission = Date(7);
            var discharge = Date(8);
            var record = new SdoRecord
            {
                RecordId = Required(0),
                PatientId = Required(1),
                BirthDate = Date(2),
                Sex = SexOf(3),
                StructureId = Required(4),
                Discipline = Int(5, 1, 99) ?? 0,
                Regime = Int(6, 1, 2) ?? 0,
                AdmissionDate = admission,
                DischargeDate = discharge,
                DischargeMode = Required(9),
                Mdc = Int(10, 0, 25) ?? 0,
                Drg = Text(11),
                PrincipalDiagnosis = Codes(12, Icd9CmKind.Diagnosis, 1, required: true) is [var principal] ? principal : default,
                SecondaryDiagnoses = Codes(13, Icd9CmKind.Diagnosis, MaxSecondaryDiagnoses, required: false),
                Procedures = Codes(14, Icd9CmKind.Procedure, MaxProcedures, required: false),
                TransferFromDiscipline = Int(15, 1, 99, optional: true),
                Scales = new SdoScales(Int(16, 0, 5, true), Int(17, 0, 100, true), Int(18, 0, 100, true), Int(19, 0, 2000, true), Int(20, 0, 100, true)),
            };
            if (Error is null && discharge < admission)
            {
                Fail(8, csv.GetString(ordinals[8]), $"dimissione precedente al ricovero ({admission:yyyy-MM-dd})");
            }

            if (Error is null && record.BirthDate > admission)
            {
                Fail(2, csv.GetString(ordinals[2]), "data di nascita successiva al ricovero");
            }

            return Error is null ? record : null;
        }

        private string Text(int column) => csv.GetString(ordinals[column]).Trim();

        private string Required(int column)
        {
            string value = Text(column);
            if (value.Length == 0)
            {
                Fail(column, value, "campo obbligatorio vuoto");
            }

            return value;
        }

        private DateOnly Date(int column)
        {
            string value = Required(column);
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            if (value.Length > 0)
            {
                Fail(column, value, "data non valida (atteso AAAA-MM-GG)");
            }

            return default;
        }

        private Sex SexOf(int column)
        {
            string value = Required(column);
            switch (value)
            {
                case "1" or "M" or "m":
                    return Sex.Male;
                case "2" or "F" or "f":
                    return Sex.Female;
                default:
                    if (value.Length > 0)
                    {
                        Fail(column, value, "sesso non valido (1/M o 2/F)");
                    }

                    return default;
            }
        }

        private int? Int(int column, int min, int max, bool optional = false)
        {
            string value = optional ? Text(column) : Required(column);
            if (value.Length == 0)
            {
                return null;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < min || number > max)
            {
                Fail(column, value, $"numero non valido (atteso tra {min} e {max})");
                return null;
            }

            return number;
        }

        private Icd9CmCode[] Codes(int column, Icd9CmKind kind, int max, bool required)
        {
            string value = required ? Required(column) : Text(column);
            if (value.Length == 0)
            {
                return [];
            }

            string[] parts = value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > max)
            {
                Fail(column, value, $"più di {max} codici");
                return [];
            }

            var codes = new Icd9CmCode[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!Icd9CmCode.TryParse(parts[i], kind, out codes[i]) || !catalogue.Contains(codes[i]))
                {
                    Fail(column, parts[i], kind == Icd9CmKind.Diagnosis
                        ? "codice ICD-9-CM di diagnosi sconosciuto (edizione italiana 2007)"
                        : "codice ICD-9-CM di procedura sconosciuto (edizione italiana 2007)");
                    return [];
                }
            }

            return codes;
        }

        private void Fail(int column, string value, string reason) =>
            Error ??= new InputError(file, line, Columns[column], value, reason);
    }
}
