using System.Globalization;
using Sylvan.Data.Csv;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Stratification;

/// <summary>
/// One regional flow file being read: header checked (columns in any order), fields as spans,
/// line numbers, and errors that name file, line, column, value and reason.
/// </summary>
internal sealed class FlowCsv : IDisposable
{
    private readonly CsvDataReader _csv;
    private readonly int[] _ordinals;
    private readonly string[] _columns;

    private FlowCsv(CsvDataReader csv, int[] ordinals, string[] columns, string fileName)
    {
        _csv = csv;
        _ordinals = ordinals;
        _columns = columns;
        FileName = fileName;
    }

    public string FileName { get; }

    public long Line { get; private set; } = 1;

    /// <summary>Opens a flow whose columns must all be in the header, but those from <paramref name="optionalFrom"/> on (read as empty when absent).</summary>
    public static FlowCsv Open(TextReader text, string fileName, string[] columns, int? optionalFrom = null)
    {
        var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 });
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < csv.FieldCount; i++)
        {
            header.TryAdd(csv.GetName(i).Trim(), i);
        }

        var ordinals = new int[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            if (header.TryGetValue(columns[i], out ordinals[i]))
            {
                continue;
            }

            ordinals[i] = -1;
            if (optionalFrom is null || i < optionalFrom)
            {
                csv.Dispose();
                throw new InputDataException(new InputError(fileName, 1, columns[i], "", "colonna mancante nell'intestazione"));
            }
        }

        return new FlowCsv(csv, ordinals, columns, fileName);
    }

    public bool Read()
    {
        if (!_csv.Read())
        {
            return false;
        }

        Line++;
        return true;
    }

    public ReadOnlySpan<char> Field(int column) => _ordinals[column] < 0 ? default : _csv.GetFieldSpan(_ordinals[column]).Trim();

    public InputError Error(int column, ReadOnlySpan<char> value, string reason) =>
        new(FileName, Line, _columns[column], value.ToString(), reason);

    /// <summary>A yyyy-MM-dd date; null with <paramref name="error"/> set when bad or (if required) empty.</summary>
    public DateOnly? Date(int column, bool required, ref InputError? error)
    {
        var text = Field(column);
        if (text.IsEmpty)
        {
            if (required)
            {
                error ??= Error(column, text, "data obbligatoria vuota");
            }

            return null;
        }

        if (TryParseIsoDate(text, out var date))
        {
            return date;
        }

        error ??= Error(column, text, "data non valida (atteso AAAA-MM-GG)");
        return null;
    }

    /// <summary>A non-negative decimal number (invariant culture).</summary>
    public double Number(int column, ref InputError? error)
    {
        var text = Field(column);
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        error ??= Error(column, text, "numero non valido (atteso non negativo, punto decimale)");
        return 0;
    }

    /// <summary>Parses yyyy-MM-dd without allocating (the hot path of every flow).</summary>
    public static bool TryParseIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out int year) || !TryDigits(text.Slice(5, 2), out int month) || !TryDigits(text.Slice(8, 2), out int day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public void Dispose() => _csv.Dispose();
}
