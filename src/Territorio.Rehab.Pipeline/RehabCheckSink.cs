using System.Runtime.InteropServices;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Hospital;
using Territorio.Rehab.Pipeline.Tables;

namespace Territorio.Rehab.Pipeline;

/// <summary>
/// A valid rehab row as the scan keeps it: its bytes, decoded only when judged (decisions 0111,
/// 0112), its physical line (segment-relative until the scan ends), patient key and admission
/// day and patient id (all the linkage needs).
/// </summary>
internal readonly record struct ScannedRehabRow(ArenaBytes Bytes, bool Quoted, long Line, ulong PatientKey, int AdmissionDay, ArenaBytes PatientId);

/// <summary>
/// Where an acute stay sits and when it ended, in one word: the offset (42 bits: files up to
/// 4 TB) reads the row again and orders rows as the file does; the discharge day (22 bits: day
/// numbers reach 3,652,058) links it.
/// </summary>
internal readonly struct StayPosition
{
    private const int DayBits = 22;
    private const ulong DayMask = (1UL << DayBits) - 1;

    private readonly ulong _offsetAndDay;

    public StayPosition(long offset, int dischargeDay)
    {
        if ((ulong)offset >> (64 - DayBits) != 0)
        {
            throw new NotSupportedException("file SDO oltre 4 TB");
        }

        _offsetAndDay = ((ulong)offset << DayBits) | (uint)dischargeDay;
    }

    public long Offset => (long)(_offsetAndDay >> DayBits);

    public int DischargeDay => (int)(_offsetAndDay & DayMask);
}

/// <summary>
/// What is kept of an acute row: 12 bytes. The acute stays sit in partitions by the top bits of
/// the patient's 64-bit key, so the low 32 bits kept here are enough to find the candidates of a
/// rehab patient; the rare stay of another patient with the same bits is ruled out by the link,
/// which reads the row again and compares the patient ids.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly struct AcuteStay(uint patientBits, StayPosition position)
{
    public uint PatientBits { get; } = patientBits;

    public StayPosition Position { get; } = position;
}

/// <summary>
/// One segment of the first pass of the rehab check: rehab rows checked whole and kept as bytes
/// (they are few), acute rows reduced to an <see cref="AcuteStay"/> (they are many), every bad row kept as an
/// error, and the record-id key of every valid row for the duplicate check. Acute stays, keys and
/// rehab bytes go to the writers and arena of the scanning thread (shared by the segments it scans).
/// </summary>
internal sealed class RehabCheckSink(SdoRowDecoder decoder, PartitionedTable<AcuteStay>.Writer acute, PartitionedTable<ulong>.Writer recordKeys, ByteArena rehabBytes) : ISdoRowSink
{
    private readonly Range[] _fields = new Range[decoder.FieldCount + 1];
    private byte[]? _scratch;

    public List<ScannedRehabRow> Rehab { get; } = [];

    public List<InputError> Errors { get; } = [];

    public long AcuteCount { get; private set; }

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
            if (decoder.ValidateFull(source, _fields, line, out var admission) is { } error)
            {
                Errors.Add(error);
                return;
            }

            // Decoded into a record only when judged, block by block (decision 0112).
            var patientId = decoder.Field(source, _fields, SdoColumn.PatientId);
            Rehab.Add(new ScannedRehabRow(rehabBytes.Copy(row), quoted, line, Utf8Csv.Hash(patientId), admission.DayNumber, rehabBytes.Copy(patientId)));
            ulong recordKey = Utf8Csv.Hash(decoder.Field(source, _fields, SdoColumn.RecordId));
            recordKeys.Add(recordKey, recordKey);
            return;
        }

        if (decoder.DecodeAcute(source, _fields, line, out var key) is { } acuteError)
        {
            Errors.Add(acuteError);
            return;
        }

        acute.Add(key.PatientKey, new AcuteStay((uint)key.PatientKey, new StayPosition(offset, key.DischargeDate.DayNumber)));
        recordKeys.Add(key.RecordKey, key.RecordKey);
        AcuteCount++;
    }
}
