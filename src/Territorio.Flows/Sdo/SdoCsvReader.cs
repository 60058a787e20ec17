using System.Text;
using Microsoft.Win32.SafeHandles;
using Territorio.Flows.Reference;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Hospital;

namespace Territorio.Flows.Sdo;

/// <summary>
/// Reads the SDO flow as CSV (header row, UTF-8, comma, RFC 4180 quoting, any column order).
/// Each bad row is reported through <c>onError</c> with line, column, value and reason, and
/// skipped; nothing else is dropped.
/// </summary>
/// <param name="mdcTable">Derives an empty MDC from the principal diagnosis and tells the MDC the principal belongs to; null: the MDC is required.</param>
public sealed class SdoCsvReader(Icd9CmCatalogue catalogue, DiagnosisMdcTable? mdcTable = null)
{
    public static readonly string[] Columns = SdoColumns.Names;

    public const int MaxSecondaryDiagnoses = SdoRowDecoder.MaxSecondaryDiagnoses;
    public const int MaxProcedures = SdoRowDecoder.MaxProcedures;

    private readonly Lazy<Icd9CmCodeIndex> _index = new(() => new Icd9CmCodeIndex(catalogue));

    public Icd9CmCodeIndex Codes => _index.Value;

    public IEnumerable<SdoRecord> Read(TextReader text, string fileName, Action<InputError> onError)
    {
        var scan = Scan(new MemoryByteSource(Encoding.UTF8.GetBytes(text.ReadToEnd())), fileName, parallel: false);
        return Emit(scan, onError);
    }

    /// <summary>
    /// Reads a whole file, parsing on every core; then yields records and reports errors
    /// interleaved in file order, as <see cref="Read"/> does.
    /// </summary>
    /// <param name="read">Told the bytes read, for a progress display; null: not told.</param>
    public IEnumerable<SdoRecord> ReadFile(string path, Action<InputError> onError, Action<long>? read = null)
    {
        SdoScan<RecordSink> scan;
        using (SafeFileHandle handle = File.OpenHandle(path))
        {
            IByteSource file = new FileByteSource(handle);
            scan = Scan(read is null ? file : new CountedByteSource(file, read), path, parallel: true);
        }

        return Emit(scan, onError);
    }

    public SdoRowDecoder DecoderFor(ReadOnlySpan<byte> header, string fileName)
    {
        var (ordinals, count) = SdoColumns.FromHeader(header, fileName);
        return new SdoRowDecoder(ordinals, count, Codes, fileName) { MdcTable = mdcTable };
    }

    private SdoScan<RecordSink> Scan(IByteSource source, string fileName, bool parallel)
    {
        var decoder = DecoderFor(SdoFileScanner.ReadHeader(source).Header, fileName);
        return SdoFileScanner.Scan(source, () => new RecordSink(decoder), parallel);
    }

    private static IEnumerable<SdoRecord> Emit(SdoScan<RecordSink> scan, Action<InputError> onError)
    {
        for (int s = 0; s < scan.Sinks.Count; s++)
        {
            long first = scan.FirstLines[s];
            foreach (var (record, error) in scan.Sinks[s].Rows)
            {
                if (error is not null)
                {
                    onError(error with { Line = error.Line + first });
                }
                else
                {
                    yield return record!;
                }
            }
        }
    }

    /// <summary>Decodes every row of a segment whole.</summary>
    private sealed class RecordSink(SdoRowDecoder decoder) : ISdoRowSink
    {
        private readonly Range[] _fields = new Range[decoder.FieldCount + 1];
        private byte[]? _scratch;

        public List<(SdoRecord? Record, InputError? Error)> Rows { get; } = [];

        public void OnRow(ReadOnlySpan<byte> row, bool quoted, long offset, long line)
        {
            int count = Utf8Csv.Split(row, quoted, _fields, ref _scratch, out var source);
            SdoRecord? record = null;
            var error = decoder.CheckFieldCount(count, line, row) ?? decoder.DecodeFull(source, _fields, line, out record);
            Rows.Add((record, error));
        }
    }
}
