using System.Runtime.CompilerServices;
using System.Text;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Hospital;
using Territorio.Kernel.Population;

namespace Territorio.Flows.Sdo;

/// <summary>What an acute row contributes to the linkage (DM 5/8/2021 art.2 c.2): who and when.</summary>
public readonly record struct AcuteRowKey(ulong PatientKey, ulong RecordKey, DateOnly DischargeDate);

/// <summary>
/// Decodes one SDO row from its UTF-8 fields. Rehab rows (and every row of the general reader)
/// are decoded whole; acute rows only in the columns the linkage and the criteria use. The first
/// bad field rejects the row with its column, value and reason.
/// </summary>
public sealed class SdoRowDecoder
{
    // Regional SDO exports carry up to 24 secondary diagnoses and as many procedures, each in its own column (issue 19).
    public const int MaxSecondaryDiagnoses = 24;
    public const int MaxProcedures = 24;

    private static readonly string[] SmallNumbers = Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private readonly int[] _ordinals;
    private readonly int _fieldCount;
    private readonly Icd9CmCodeIndex _codes;
    private readonly string _file;
    // Shared short codes by hash, one per slot: a few hundred distinct values in 16,384 slots. Threads
    // race only to store equal texts; a rare collision costs a string, never a wrong one.
    private const int SharedSlots = 1 << 14;
    private readonly string?[] _shared = new string?[SharedSlots];

    public SdoRowDecoder(int[] ordinals, int fieldCount, Icd9CmCodeIndex codes, string file)
    {
        _ordinals = ordinals;
        _fieldCount = fieldCount;
        _codes = codes;
        _file = file;
    }

    public int FieldCount => _fieldCount;

    /// <summary>Principal diagnosis → MDC: an empty MDC is derived from it (issue 19); null: the MDC is required.</summary>
    public Reference.DiagnosisMdcTable? MdcTable { get; init; }

    public string File => _file;

    /// <summary>The ward discipline of a row, or -1 when the field is not a discipline code.</summary>
    public int Discipline(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields) =>
        ParseInt(Field(source, fields, SdoColumn.Discipline), out int value) && value is >= 1 and <= 99 ? value : -1;

    // The small helpers of every row are marked for inlining: the JIT inlines them by its run-time
    // profile, the native build (no profile) would call them (decision 0114).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields, SdoColumn column)
    {
        var range = fields[_ordinals[(int)column]];    // Utf8Csv.Split counts every range from the start
        return Utf8Csv.TrimSpaces(source[range.Start.Value..range.End.Value]);
    }

    public InputError? CheckFieldCount(int count, long line, ReadOnlySpan<byte> row) =>
        count == _fieldCount ? null
            : new InputError(_file, line, "(riga)", Shorten(row), count > _fieldCount
                ? $"più campi dei {_fieldCount} dell'intestazione"
                : $"{count} campi invece dei {_fieldCount} dell'intestazione");

    /// <summary>Decodes the acute columns of a row; null error when valid.</summary>
    public InputError? DecodeAcute(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields, long line, out AcuteRowKey key)
    {
        key = default;
        var row = new Row(this, source, fields, line);
        var recordId = row.Required(SdoColumn.RecordId);
        var patientId = row.Required(SdoColumn.PatientId);
        var admission = row.Date(SdoColumn.AdmissionDate);
        var discharge = row.Date(SdoColumn.DischargeDate);
        row.CheckCodes(SdoColumn.PrincipalDiagnosis, Icd9CmKind.Diagnosis, 1, required: true);
        row.CheckCodes(SdoColumn.SecondaryDiagnoses, Icd9CmKind.Diagnosis, MaxSecondaryDiagnoses, required: false);
        row.CheckDischargeAfterAdmission(admission, discharge);
        if (row.Error is null)
        {
            key = new AcuteRowKey(Utf8Csv.Hash(patientId), Utf8Csv.Hash(recordId), discharge);
        }

        return row.Error;
    }

    /// <summary>Decodes a whole row; null error when valid.</summary>
    public InputError? DecodeFull(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields, long line, out SdoRecord? record)
    {
        var error = ValidateFull(source, fields, line, out _);
        record = error is null ? DecodeValid(source, fields) : null;
        return error;
    }

    /// <summary>
    /// Checks a whole row as <see cref="DecodeFull"/> does (same first fault), without building
    /// the record: nothing is allocated when the row is valid.
    /// </summary>
    public InputError? ValidateFull(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields, long line, out DateOnly admission)
    {
        var row = new Row(this, source, fields, line);
        admission = row.Date(SdoColumn.AdmissionDate);
        var discharge = row.Date(SdoColumn.DischargeDate);
        var birth = row.Date(SdoColumn.BirthDate);

        // Every field is checked in column order of the record, so the first fault is the one reported.
        row.Required(SdoColumn.RecordId);
        row.Required(SdoColumn.PatientId);
        row.SexOf(SdoColumn.Sex);
        row.Required(SdoColumn.StructureId);
        row.Int(SdoColumn.Discipline, 1, 99);
        row.Int(SdoColumn.Regime, 1, 2);
        row.Required(SdoColumn.DischargeMode);
        var mdc = row.Int(SdoColumn.Mdc, 0, 25, optional: MdcTable is not null);
        row.CheckCodes(SdoColumn.PrincipalDiagnosis, Icd9CmKind.Diagnosis, 1, required: true);
        row.CheckCodes(SdoColumn.SecondaryDiagnoses, Icd9CmKind.Diagnosis, MaxSecondaryDiagnoses, required: false);
        row.CheckCodes(SdoColumn.Procedures, Icd9CmKind.Procedure, MaxProcedures, required: false);
        row.Int(SdoColumn.TransferFromDiscipline, 1, 99, optional: true);
        row.Int(SdoColumn.Rankin, 0, 5, optional: true);
        row.Int(SdoColumn.Barthel, 0, 100, optional: true);
        row.Int(SdoColumn.BarthelDyspnoea, 0, 100, optional: true);
        row.Int(SdoColumn.SixMinuteWalk, 0, 2000, optional: true);
        row.Int(SdoColumn.Rcs, 0, 100, optional: true);
        row.CheckDischargeAfterAdmission(admission, discharge);
        if (row.Error is null && birth > admission)
        {
            row.Fail(SdoColumn.BirthDate, row.Optional(SdoColumn.BirthDate), "data di nascita successiva al ricovero");
        }

        if (row.Error is null && mdc is null && PrincipalMdc(source, fields) is null)
        {
            row.Fail(SdoColumn.Mdc, [], "MDC assente e non ricavabile dalla diagnosi principale (tabella diagnosi → MDC)");
        }

        return row.Error;
    }

    /// <summary>
    /// The record of a row that <see cref="ValidateFull"/> accepted (the rows a scan kept):
    /// nothing is checked again, each code is looked up once.
    /// </summary>
    public SdoRecord DecodeValid(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields)
    {
        int? principalMdc = PrincipalMdc(source, fields);
        return new()
        {
            RecordId = Text(Field(source, fields, SdoColumn.RecordId)),
            PatientId = Text(Field(source, fields, SdoColumn.PatientId)),
            BirthDate = DateOf(source, fields, SdoColumn.BirthDate),
            Sex = TryParseSex(Field(source, fields, SdoColumn.Sex), out var sex) ? sex : default,
            StructureId = Shared(Field(source, fields, SdoColumn.StructureId)),
            Discipline = IntOf(source, fields, SdoColumn.Discipline) ?? 0,
            Regime = IntOf(source, fields, SdoColumn.Regime) ?? 0,
            AdmissionDate = DateOf(source, fields, SdoColumn.AdmissionDate),
            DischargeDate = DateOf(source, fields, SdoColumn.DischargeDate),
            DischargeMode = Shared(Field(source, fields, SdoColumn.DischargeMode)),
            Mdc = IntOf(source, fields, SdoColumn.Mdc) ?? principalMdc ?? 0,
            PrincipalDiagnosisMdc = principalMdc,
            Drg = Shared(Field(source, fields, SdoColumn.Drg)),
            PrincipalDiagnosis = CodeOf(Field(source, fields, SdoColumn.PrincipalDiagnosis), Icd9CmKind.Diagnosis),
            SecondaryDiagnoses = CodesOf(Field(source, fields, SdoColumn.SecondaryDiagnoses), Icd9CmKind.Diagnosis),
            Procedures = CodesOf(Field(source, fields, SdoColumn.Procedures), Icd9CmKind.Procedure),
            TransferFromDiscipline = IntOf(source, fields, SdoColumn.TransferFromDiscipline),
            Scales = new SdoScales(
            IntOf(source, fields, SdoColumn.Rankin),
            IntOf(source, fields, SdoColumn.Barthel),
            IntOf(source, fields, SdoColumn.BarthelDyspnoea),
            IntOf(source, fields, SdoColumn.SixMinuteWalk),
            IntOf(source, fields, SdoColumn.Rcs)),
        };
    }

    /// <summary>The MDC of the row's principal diagnosis by the table; null without a table or when it has none.</summary>
    private int? PrincipalMdc(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields) =>
        MdcTable?.MdcOf(CodeOf(Field(source, fields, SdoColumn.PrincipalDiagnosis), Icd9CmKind.Diagnosis));

    /// <summary>A date field of a row already validated (default when empty).</summary>
    public DateOnly DateOf(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields, SdoColumn column) =>
        ParseDate(Field(source, fields, column), out var date) ? date : default;

    private int? IntOf(ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields, SdoColumn column) =>
        ParseInt(Field(source, fields, column), out int value) ? value : null;

    /// <summary>The canonical code of a one-code field already validated (the principal diagnosis), without an array.</summary>
    public Icd9CmCode CodeOf(ReadOnlySpan<byte> field, Icd9CmKind kind)
    {
        foreach (var text in Utf8Csv.Codes(field))
        {
            if (!text.IsEmpty && _codes.TryFind(text, kind, out var code))
            {
                return code;
            }
        }

        return default;
    }

    /// <summary>The canonical codes of a field already validated ("" → none).</summary>
    public Icd9CmCode[] CodesOf(ReadOnlySpan<byte> field, Icd9CmKind kind)
    {
        if (field.IsEmpty)
        {
            return [];
        }

        var codes = new Icd9CmCode[field.Count((byte)'|') + 1];
        int n = 0;
        foreach (var text in Utf8Csv.Codes(field))
        {
            if (!text.IsEmpty && _codes.TryFind(text, kind, out var code))
            {
                codes[n++] = code;
            }
        }

        return n == codes.Length ? codes : codes[..n];
    }

    private static string Text(ReadOnlySpan<byte> bytes) =>
        bytes.Length switch
        {
            0 => "",
            1 when (uint)(bytes[0] - '0') <= 9 => SmallNumbers[bytes[0] - '0'],
            2 when (uint)(bytes[0] - '0') <= 9 && (uint)(bytes[1] - '0') <= 9 && bytes[0] != '0' => SmallNumbers[((bytes[0] - '0') * 10) + bytes[1] - '0'],
            _ => Encoding.UTF8.GetString(bytes),
        };

    /// <summary>
    /// A short code that repeats across rows (structure, DRG, discharge mode) as one shared
    /// string: hundreds of thousands of records keep them, a few hundred distinct values.
    /// </summary>
    private string Shared(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is 0 or > 16)
        {
            return Text(bytes);
        }

        int slot = (int)(Utf8Csv.Hash(bytes) & (SharedSlots - 1));
        string? text = _shared[slot];
        if (text is not null && Ascii.Equals(bytes, text))
        {
            return text;
        }

        return _shared[slot] = Text(bytes);
    }

    private static string Shorten(ReadOnlySpan<byte> row) =>
        Encoding.UTF8.GetString(row.Length > 80 ? row[..80] : row) + (row.Length > 80 ? "…" : "");

    private static bool TryParseSex(ReadOnlySpan<byte> text, out Sex sex)
    {
        sex = text is [(byte)'1' or (byte)'M' or (byte)'m'] ? Sex.Male
            : text is [(byte)'2' or (byte)'F' or (byte)'f'] ? Sex.Female
            : default;
        return sex != default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ParseInt(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9)
        {
            return false;
        }

        foreach (byte b in text)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    // Days before each month (the 13th: the whole year), common and leap years.
    private static ReadOnlySpan<short> DaysToMonth365 => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    private static ReadOnlySpan<short> DaysToMonth366 => [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

    /// <summary>A yyyy-MM-dd date: every row has two or three, so it is read digit by digit, without DateTime.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ParseDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-')
        {
            return false;
        }

        uint y1 = (uint)(text[0] - '0'), y2 = (uint)(text[1] - '0'), y3 = (uint)(text[2] - '0'), y4 = (uint)(text[3] - '0');
        uint m1 = (uint)(text[5] - '0'), m2 = (uint)(text[6] - '0'), d1 = (uint)(text[8] - '0'), d2 = (uint)(text[9] - '0');
        if (y1 > 9 || y2 > 9 || y3 > 9 || y4 > 9 || m1 > 9 || m2 > 9 || d1 > 9 || d2 > 9)
        {
            return false;
        }

        int year = (int)((y1 * 1000) + (y2 * 100) + (y3 * 10) + y4);
        int month = (int)((m1 * 10) + m2);
        int day = (int)((d1 * 10) + d2);
        if (year < 1 || month is < 1 or > 12 || day < 1)
        {
            return false;
        }

        var daysToMonth = DateTime.IsLeapYear(year) ? DaysToMonth366 : DaysToMonth365;
        if (day > daysToMonth[month] - daysToMonth[month - 1])
        {
            return false;
        }

        int before = year - 1;
        date = DateOnly.FromDayNumber((before * 365) + (before / 4) - (before / 100) + (before / 400) + daysToMonth[month - 1] + day - 1);
        return true;
    }

    /// <summary>One row being decoded: keeps the first fault.</summary>
    private ref struct Row(SdoRowDecoder decoder, ReadOnlySpan<byte> source, ReadOnlySpan<Range> fields, long line)
    {
        private readonly ReadOnlySpan<byte> _source = source;
        private readonly ReadOnlySpan<Range> _fields = fields;

        public InputError? Error { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly ReadOnlySpan<byte> Optional(SdoColumn column) => decoder.Field(_source, _fields, column);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReadOnlySpan<byte> Required(SdoColumn column)
        {
            var value = Optional(column);
            if (value.IsEmpty)
            {
                Fail(column, value, "campo obbligatorio vuoto");
            }

            return value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public DateOnly Date(SdoColumn column)
        {
            var value = Required(column);
            if (ParseDate(value, out var date))
            {
                return date;
            }

            if (!value.IsEmpty)
            {
                Fail(column, value, "data non valida (atteso AAAA-MM-GG)");
            }

            return default;
        }

        public Sex SexOf(SdoColumn column)
        {
            var value = Required(column);
            if (TryParseSex(value, out var sex))
            {
                return sex;
            }

            if (!value.IsEmpty)
            {
                Fail(column, value, "sesso non valido (1/M o 2/F)");
            }

            return default;
        }

        public int? Int(SdoColumn column, int min, int max, bool optional = false)
        {
            var value = optional ? Optional(column) : Required(column);
            if (value.IsEmpty)
            {
                return null;
            }

            if (!ParseInt(value, out int number) || number < min || number > max)
            {
                Fail(column, value, $"numero non valido (atteso tra {min} e {max})");
                return null;
            }

            return number;
        }

        public void CheckCodes(SdoColumn column, Icd9CmKind kind, int max, bool required)
        {
            var value = required ? Required(column) : Optional(column);
            if (value.IsEmpty)
            {
                return;
            }

            int count = 0;
            foreach (var text in Utf8Csv.Codes(value))
            {
                if (text.IsEmpty)
                {
                    continue;
                }

                if (++count > max)
                {
                    Fail(column, value, $"più di {max} codici");
                    return;
                }

                if (!decoder._codes.Contains(text, kind))
                {
                    Fail(column, text, kind == Icd9CmKind.Diagnosis
                        ? "codice ICD-9-CM di diagnosi sconosciuto (edizione italiana 2007)"
                        : "codice ICD-9-CM di procedura sconosciuto (edizione italiana 2007)");
                    return;
                }
            }
        }

        public void CheckDischargeAfterAdmission(DateOnly admission, DateOnly discharge)
        {
            if (Error is null && discharge < admission)
            {
                Fail(SdoColumn.DischargeDate, Optional(SdoColumn.DischargeDate), $"dimissione precedente al ricovero ({admission:yyyy-MM-dd})");
            }
        }

        public void Fail(SdoColumn column, ReadOnlySpan<byte> value, string reason) =>
            Error ??= new InputError(decoder._file, line, SdoColumns.Names[(int)column], Encoding.UTF8.GetString(value), reason);
    }
}
