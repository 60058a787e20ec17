using System.Runtime.InteropServices;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Hospital;

namespace Territorio.Flows.Rehab;

/// <summary>A rehab row decoded whole, with its physical line (segment-relative until the scan ends).</summary>
public sealed record RehabRow(SdoRecord Record, long Line, ulong PatientKey);

/// <summary>What is kept of an acute row: 24 bytes, enough to link and to read it again.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct AcuteStay(ulong PatientKey, long Offset, int DischargeDay, int Line);

/// <summary>
/// One segment of the first pass of the rehab check: rehab rows decoded whole (they are few),
/// acute rows reduced to patient, discharge day and offset (they are many), every bad row kept
/// as an error.
/// </summary>
public sealed class RehabCheckSink(SdoRowDecoder decoder) : ISdoRowSink
{
    private readonly Range[] _fields = new Range[decoder.FieldCount + 1];
    private byte[]? _scratch;

    public List<RehabRow> Rehab { get; } = [];

    // A 16 MB segment holds about 150,000 rows: sized once, no large-object churn while growing.
    public List<AcuteStay> Acute { get; } = new(1 << 17);

    public List<InputError> Errors { get; } = [];

    /// <summary>Record-id keys of the valid rows, for the duplicate check.</summary>
    public List<ulong> RecordKeys { get; } = new(1 << 17);

    public void OnRow(ReadOnlySpan<byte> row, bool quoted, long offset, long line)
    {
        int count = Utf8Csv.Split(row, quoted, _fields, ref _scratch, out var source);
        if (decoder.CheckFieldCount(count, line, row) is { } bad)
        {
            Errors.Add(bad);
            return;
        }

        int discipline = decoder.Discipline(source, _fields);
        if (discipline is 28 or 56 or 75 or -1)
        {
            if (decoder.DecodeFull(source, _fields, line, out var record) is { } error)
            {
                Errors.Add(error);
                return;
            }

            Rehab.Add(new RehabRow(record!, line, Utf8Csv.Hash(decoder.Field(source, _fields, SdoColumn.PatientId))));
            RecordKeys.Add(Utf8Csv.Hash(decoder.Field(source, _fields, SdoColumn.RecordId)));
            return;
        }

        if (decoder.DecodeAcute(source, _fields, line, out var key) is { } acuteError)
        {
            Errors.Add(acuteError);
            return;
        }

        Acute.Add(new AcuteStay(key.PatientKey, offset, key.DischargeDate.DayNumber, (int)line));
        RecordKeys.Add(key.RecordKey);
    }
}
