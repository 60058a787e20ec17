using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Hospital;

namespace Territorio.Flows.Rehab;

/// <summary>A rehab row decoded whole, with its physical line (segment-relative until the scan ends).</summary>
public readonly record struct RehabRow(SdoRecord Record, long Line, ulong PatientKey);

/// <summary>
/// What is kept of an acute row: 16 bytes, enough to link it (patient, discharge day) and to
/// read it again (offset, which also orders rows as the file does). Offset (42 bits: files up
/// to 4 TB) and discharge day (22 bits: day numbers reach 3,652,058) share one word.
/// </summary>
public readonly struct AcuteStay
{
    private const int DayBits = 22;
    private const ulong DayMask = (1UL << DayBits) - 1;

    private readonly ulong _offsetAndDay;

    public AcuteStay(ulong patientKey, long offset, int dischargeDay)
    {
        if ((ulong)offset >> (64 - DayBits) != 0)
        {
            throw new NotSupportedException("file SDO oltre 4 TB");
        }

        PatientKey = patientKey;
        _offsetAndDay = ((ulong)offset << DayBits) | (uint)dischargeDay;
    }

    public ulong PatientKey { get; }

    public long Offset => (long)(_offsetAndDay >> DayBits);

    public int DischargeDay => (int)(_offsetAndDay & DayMask);
}

/// <summary>
/// One segment of the first pass of the rehab check: rehab rows decoded whole (they are few),
/// acute rows reduced to an <see cref="AcuteStay"/> (they are many), every bad row kept as an
/// error, and the record-id key of every valid row for the duplicate check.
/// </summary>
public sealed class RehabCheckSink(SdoRowDecoder decoder) : ISdoRowSink
{
    private readonly Range[] _fields = new Range[decoder.FieldCount + 1];
    private byte[]? _scratch;

    public List<RehabRow> Rehab { get; } = [];

    public ChunkedList<AcuteStay> Acute { get; } = new();

    public List<InputError> Errors { get; } = [];

    /// <summary>Record-id keys of the valid rows, for the duplicate check.</summary>
    public ChunkedList<ulong> RecordKeys { get; } = new();

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

        Acute.Add(new AcuteStay(key.PatientKey, offset, key.DischargeDate.DayNumber));
        RecordKeys.Add(key.RecordKey);
    }
}
