using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Files;

/// <summary>
/// The one way Territorio reads a CSV file, for every importer of the CLI and the web: bytes
/// checked as UTF-8 text (<see cref="CheckedTextStream"/>), header checked (columns in any order,
/// none missing or repeated), at least one data row, every row with as many fields as the header,
/// quotes closed, rows of bounded size; fields as spans, physical line numbers (a quoted newline
/// counts), and errors that name file, line, column, value and reason. A fault of the file's
/// structure stops the read with an <see cref="InputDataException"/>; a bad value in a row is the
/// caller's to report and skip.
/// </summary>
public sealed class FlowCsv : IDisposable
{
    /// <summary>Longest row accepted (characters): a regional flow's row is a few hundred.</summary>
    public const int MaxRowLength = 1 << 20;

    private readonly CsvDataReader _csv;
    private readonly int[] _ordinals;
    private readonly string[] _columns;
    private readonly int _headerFields;
    private long _nextLine = 2;

    private FlowCsv(CsvDataReader csv, int[] ordinals, string[] columns, string fileName)
    {
        _csv = csv;
        _ordinals = ordinals;
        _columns = columns;
        _headerFields = csv.FieldCount;
        FileName = fileName;
    }

    public string FileName { get; }

    /// <summary>Whether a file with a header and no row is refused (true); an update's flows may have no new rows.</summary>
    public bool RowsRequired { get; set; } = true;

    /// <summary>The physical line where the current row starts (the header is line 1).</summary>
    public long Line { get; private set; } = 1;

    /// <summary>
    /// Opens a file with <paramref name="columns"/> required; <paramref name="optional"/> columns
    /// may be absent (<see cref="Has"/>), and are numbered after the required ones.
    /// </summary>
    public static FlowCsv OpenFile(string path, string[] columns, string[]? optional = null)
    {
        return Open(CheckedTextStream.OpenText(path), path, columns, optional);
    }

    /// <summary>Opens a stream of bytes (an upload, a file); the stream is disposed with the reader.</summary>
    public static FlowCsv Open(Stream bytes, string fileName, string[] columns, string[]? optional = null)
    {
        var text = new StreamReader(new CheckedTextStream(bytes, fileName), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, 1 << 16);
        return Open(text, fileName, columns, optional);
    }

    /// <summary>Opens text already decoded (tests, in-memory data): the encoding is the caller's.</summary>
    public static FlowCsv Open(TextReader text, string fileName, string[] columns, string[]? optional = null)
    {
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16, MaxBufferSize = MaxRowLength });
        }
        catch (CsvMissingHeadersException)
        {
            text.Dispose();
            throw new InputDataException(new InputError(fileName, 1, InputError.WholeFile, "", "file vuoto: attesa l'intestazione " + string.Join(",", columns)));
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvRecordTooLargeException)
        {
            text.Dispose();
            throw new InputDataException(new InputError(fileName, 1, InputError.WholeFile, "", "intestazione illeggibile: " + Structural(ex)));
        }
        catch (InputDataException)
        {
            text.Dispose();
            throw;
        }

        optional ??= [];
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < csv.FieldCount; i++)
        {
            string name = csv.GetName(i).Trim();
            if (name.Length > 0 && !header.TryAdd(name, i))
            {
                csv.Dispose();
                throw new InputDataException(new InputError(fileName, 1, name, "", "colonna ripetuta nell'intestazione"));
            }
        }

        string[] all = [.. columns, .. optional];
        var ordinals = new int[all.Length];
        for (int i = 0; i < all.Length; i++)
        {
            if (!header.TryGetValue(all[i], out ordinals[i]))
            {
                if (i >= columns.Length)
                {
                    ordinals[i] = -1;
                    continue;
                }

                csv.Dispose();
                string found = string.Join(",", header.Keys.Take(12).Select(k => k.Length > 40 ? k[..40] + "..." : k));
                throw new InputDataException(new InputError(fileName, 1, all[i], "",
                    $"colonna mancante nell'intestazione (attese: {string.Join(",", columns)}; trovate: {found})"));
            }
        }

        return new FlowCsv(csv, ordinals, all, fileName);
    }

    /// <summary>Moves to the next row; false at the end. A structural fault throws, naming the line.</summary>
    public bool Read()
    {
        bool more;
        try
        {
            more = _csv.Read();
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvRecordTooLargeException)
        {
            throw Fault(_nextLine, Structural(ex));
        }

        if (!more)
        {
            if (_nextLine == 2 && RowsRequired)
            {
                throw Fault(1, "il file contiene solo l'intestazione: nessuna riga di dati");
            }

            return false;
        }

        Line = _nextLine;
        int fields = _csv.RowFieldCount;
        // A newline outside the record's line ending is inside a quoted field: counted over the
        // raw record at once rather than field by field.
        var record = _csv.GetRawRecordSpan();
        _nextLine += 1 + record.Count('\n') - (record.EndsWith('\n') ? 1 : 0);
        if (fields != _headerFields)
        {
            throw Fault(Line, $"{fields} campi invece dei {_headerFields} dell'intestazione (riga troncata, separatore o virgolette sbagliati?)");
        }

        return true;
    }

    /// <summary>Whether an optional column is in the file.</summary>
    public bool Has(int column) => _ordinals[column] >= 0;

    /// <summary>Refuses the whole file because a key repeats: which of the two rows is right is not ours to guess.</summary>
    public InputDataException Duplicate(int column, ReadOnlySpan<char> value, long firstLine) =>
        new(Error(column, value, $"identificativo ripetuto (già alla riga {firstLine}): file rifiutato"));

    private InputDataException Fault(long line, string reason) =>
        new(new InputError(FileName, line, InputError.WholeFile, "", reason));

    private static string Structural(Exception ex) => ex switch
    {
        CsvRecordTooLargeException => $"riga più lunga di {MaxRowLength / 1024} KB (virgolette non chiuse o file non CSV?)",
        _ => "virgolette non chiuse o carattere non valido in un campo tra virgolette",
    };

    /// <summary>A field, trimmed; an absent optional column reads as empty.</summary>
    public ReadOnlySpan<char> Field(int column) => _ordinals[column] >= 0 ? _csv.GetFieldSpan(_ordinals[column]).Trim() : [];

    /// <summary>A field as a string (trimmed).</summary>
    public string Text(int column) => Field(column).ToString();

    /// <summary>A field untrimmed (free text).</summary>
    public string Raw(int column) => _ordinals[column] >= 0 ? _csv.GetString(_ordinals[column]) : "";

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
        // Most quantities of the flows are whole (packs, DDD): read their digits directly.
        if (text.Length is > 0 and <= 9 && TryDigits(text, out int whole))
        {
            return whole;
        }

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
