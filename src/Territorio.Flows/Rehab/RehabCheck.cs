using System.Numerics;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Territorio.Flows.Diagnostics;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Hospital;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Flows.Rehab;

/// <summary>A judged rehab admission with the record it judges (for reports).</summary>
public sealed record JudgedAdmission(SdoRecord Record, long Line, RehabVerdict Verdict);

/// <summary>
/// The outcome of a check. <see cref="Admissions"/> keep each verdict without its checks (they
/// went to the <see cref="IVerdictSink"/>), enough for counts and reports.
/// </summary>
public sealed record RehabCheckResult(RuleSet Rules, IReadOnlyList<JudgedAdmission> Admissions, IReadOnlyList<InputError> Errors, long AcuteRows);

/// <summary>
/// Receives the verdicts with all their checks, block by block: <see cref="Prepare"/> runs in
/// parallel (formatting), <see cref="Write"/> one block at a time in input order (not
/// necessarily on the caller's thread). Verdicts are not kept after.
/// </summary>
public interface IVerdictSink
{
    object? Prepare(IReadOnlyList<JudgedAdmission> block);

    void Write(object? prepared);
}

/// <summary>
/// The rehab check over an SDO file, in four phases (decision record 0034):
/// <list type="number">
/// <item>scan: one parallel pass that decodes rehab rows whole and keeps of acute rows only
/// patient, discharge day and offset;</item>
/// <item>duplicates: repeated record ids, exactly;</item>
/// <item>link: the acute stays of patients with a rehab admission, inside their look-back
/// window (DM 5/8/2021 art.2 c.2), become candidates; every other acute stay is dropped;</item>
/// <item>judge and write: the engine on every rehab admission, in parallel blocks, re-reading
/// only the acute rows that are linked; blocks are written in input order while the next
/// ones are judged.</item>
/// </list>
/// </summary>
public sealed class RehabCheck(RuleSet rules, SdoCsvReader reader)
{
    // Verdicts judged and formatted together: small enough that a block's objects die young
    // and that the formatted blocks waiting to be written stay a few megabytes.
    private const int Block = 256;

    private readonly RehabEngine _engine = new(rules);

    public RehabCheckResult Run(string path, IVerdictSink? sink = null)
    {
        var clock = PhaseClock.Start();
        using SafeFileHandle handle = File.OpenHandle(path);
        var source = new FileByteSource(handle);
        var decoder = reader.DecoderFor(SdoFileScanner.ReadHeader(source).Header, Path.GetFileName(path));

        var scan = SdoFileScanner.Scan(source, () => new RehabCheckSink(decoder));
        var (rehab, errors) = RowsOf(scan);
        long acuteRows = scan.Sinks.Sum(s => s.Acute.Count);
        clock.Lap("scan");

        var duplicates = DuplicatesOf(source, decoder, scan, errors);
        errors.AddRange(duplicates.Select(d => d.Error));
        if (duplicates.Count > 0)
        {
            var lines = duplicates.Select(d => d.Error.Line).ToHashSet();
            rehab.RemoveAll(r => lines.Contains(r.Line));
        }

        clock.Lap("duplicates");

        var patients = new RehabPatients(rehab, rules.Linkage);
        clock.Lap("patients");
        var candidates = Candidates(scan, patients, duplicates.Select(d => d.Offset).ToHashSet());
        foreach (var segment in scan.Sinks)
        {
            segment.Acute.Clear();
        }

        // The acute stays (the run's largest table) and the record keys are garbage now: a full
        // collection here returns their memory for the next phases, instead of growing the heap.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        clock.Lap("candidates");

        var linked = Link(source, decoder, rehab, patients, candidates);
        clock.Lap("link");

        var judged = JudgeAndWrite(rehab, patients, linked, sink);
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        clock.Lap("judge+write");
        return new RehabCheckResult(rules, judged, errors, acuteRows);
    }

    /// <summary>Rehab rows and errors of every segment, with lines counted from the file's start.</summary>
    private static (List<RehabRow> Rehab, List<InputError> Errors) RowsOf(SdoScan<RehabCheckSink> scan)
    {
        var errors = new List<InputError>();
        var rehab = new List<RehabRow>(scan.Sinks.Sum(s => s.Rehab.Count));
        for (int s = 0; s < scan.Sinks.Count; s++)
        {
            long first = scan.FirstLines[s];
            errors.AddRange(scan.Sinks[s].Errors.Select(e => e with { Line = e.Line + first }));
            rehab.AddRange(scan.Sinks[s].Rehab.Select(r => r with { Line = r.Line + first }));
        }

        return (rehab, errors);
    }

    private static List<DuplicateRow> DuplicatesOf(IByteSource source, SdoRowDecoder decoder, SdoScan<RehabCheckSink> scan, List<InputError> errors)
    {
        var repeated = DuplicateRecords.RepeatedKeys(scan.Sinks.Select(s => s.RecordKeys).ToList());
        return repeated.Count == 0 ? [] : DuplicateRecords.Find(source, decoder, repeated, errors.Select(e => e.Line).ToHashSet());
    }

    private JudgedAdmission[] JudgeAndWrite(List<RehabRow> rehab, RehabPatients patients, AcuteDischarge?[] linked, IVerdictSink? sink)
    {
        var judged = new JudgedAdmission[rehab.Count];
        int blocks = (rehab.Count + Block - 1) / Block;
        int wave = 4 * Environment.ProcessorCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Task writing = Task.CompletedTask;
        for (int first = 0; first < blocks; first += wave)
        {
            var prepared = new object?[Math.Min(wave, blocks - first)];
            int wave0 = first;
            Parallel.For(0, prepared.Length, parallel, w => prepared[w] = JudgeBlock(wave0 + w));

            // The previous wave is written while this one was judged; now this one's turn.
            writing.GetAwaiter().GetResult();
            writing = sink is null ? Task.CompletedTask : Task.Run(() =>
            {
                foreach (object? block in prepared)
                {
                    sink.Write(block);
                }
            });
        }

        writing.GetAwaiter().GetResult();
        return judged;

        object? JudgeBlock(int b)
        {
            var block = new JudgedAdmission[Math.Min(Block, rehab.Count - (b * Block))];
            for (int k = 0; k < block.Length; k++)
            {
                int i = (b * Block) + k;
                var row = rehab[i];
                int p = patients.PatientOf[i];
                var acute = linked[i];
                var verdict = _engine.Judge(new RehabCase(
                    row.Record,
                    acute,
                    acute is null ? null : PatientPath.EarlierRehabInContinuity(patients.Records[p], row.Record, acute.DischargeDate, rules.Linkage),
                    PatientPath.TransferSource(patients.Records[p], row.Record)));
                block[k] = new JudgedAdmission(row.Record, row.Line, verdict);
                judged[i] = new JudgedAdmission(row.Record, row.Line, verdict with { Checks = [] });
            }

            return sink?.Prepare(block);
        }
    }

    /// <summary>
    /// Art.2 c.2: for every rehab admission, the latest acute discharge of the same patient in
    /// the look-back. The chosen acute rows are read again in file order (a few large reads, not
    /// one per row); a row whose patient id differs (two ids with the same hash) is ruled out
    /// and the next latest is chosen.
    /// </summary>
    private AcuteDischarge?[] Link(IByteSource source, SdoRowDecoder decoder, List<RehabRow> rehab, RehabPatients patients, CandidateIndex candidates)
    {
        var linked = new AcuteDischarge?[rehab.Count];
        var ruledOut = new HashSet<(int Admission, long Offset)>();
        var pending = Enumerable.Range(0, rehab.Count).ToArray();
        while (pending.Length > 0)
        {
            var wanted = new List<(long Offset, int Admission)>(pending.Length);
            foreach (int i in pending)
            {
                if (LatestCandidate(rehab[i].Record, i, candidates.Of(patients.PatientOf[i]), ruledOut) is { } offset)
                {
                    wanted.Add((offset, i));
                }
            }

            wanted.Sort();
            var rows = AcuteRows.Read(source, decoder, DistinctOffsets(wanted));
            var mismatched = new List<int>();
            int r = 0;
            foreach (var (offset, i) in wanted)
            {
                while (rows[r].Offset != offset)
                {
                    r++;
                }

                if (rows[r].PatientId == rehab[i].Record.PatientId)
                {
                    linked[i] = rows[r].Discharge;
                }
                else
                {
                    ruledOut.Add((i, offset));
                    mismatched.Add(i);
                }
            }

            pending = [.. mismatched];
        }

        return linked;

        static long[] DistinctOffsets(List<(long Offset, int Admission)> sorted)
        {
            var offsets = new List<long>(sorted.Count);
            foreach (var (offset, _) in sorted)
            {
                if (offsets.Count == 0 || offsets[^1] != offset)
                {
                    offsets.Add(offset);
                }
            }

            return [.. offsets];
        }
    }

    /// <summary>Art.2 c.2: the offset of the latest acute discharge in the look-back, among the candidates not ruled out.</summary>
    private long? LatestCandidate(SdoRecord admission, int index, ReadOnlySpan<Candidate> candidates, HashSet<(int, long)> ruledOut)
    {
        if (candidates.IsEmpty)
        {
            return null;
        }

        Span<AcuteRef> refs = candidates.Length <= 32 ? stackalloc AcuteRef[candidates.Length] : new AcuteRef[candidates.Length];
        for (int c = 0; c < candidates.Length; c++)
        {
            refs[c] = ruledOut.Count > 0 && ruledOut.Contains((index, candidates[c].Offset))
                ? new AcuteRef(DateOnly.MaxValue, -1)
                : new AcuteRef(DateOnly.FromDayNumber(candidates[c].DischargeDay), candidates[c].Offset);
        }

        int best = PatientPath.LatestAcute(refs, admission.AdmissionDate, rules.Linkage);
        return best < 0 ? null : candidates[best].Offset;
    }

    /// <summary>The patients with a rehab admission: their records and look-back windows.</summary>
    private sealed class RehabPatients
    {
        private readonly Dictionary<ulong, int> _byKey;
        private readonly ulong[] _filter;
        private readonly int _filterShift;

        public RehabPatients(List<RehabRow> rehab, LinkageRules linkage)
        {
            // Rows in patient order (then file order), then one record array per patient.
            ulong[] keys = new ulong[rehab.Count];
            int[] rows = new int[rehab.Count];
            for (int i = 0; i < rehab.Count; i++)
            {
                keys[i] = rehab[i].PatientKey;
                rows[i] = i;
            }

            Array.Sort(keys, rows);
            PatientOf = new int[rehab.Count];
            var records = new List<SdoRecord[]>();
            _byKey = new Dictionary<ulong, int>(rehab.Count);
            for (int first = 0, end; first < rows.Length; first = end)
            {
                for (end = first + 1; end < rows.Length && keys[end] == keys[first]; end++)
                {
                }

                Array.Sort(rows, first, end - first);
                int p = records.Count;
                _byKey[keys[first]] = p;
                var own = new SdoRecord[end - first];
                for (int k = first; k < end; k++)
                {
                    PatientOf[rows[k]] = p;
                    own[k - first] = rehab[rows[k]].Record;
                }

                records.Add(own);
            }

            Records = [.. records];

            // The look-back window of each patient: from the earliest admission's look-back start to the latest admission.
            WindowFrom = new int[Records.Length];
            WindowTo = new int[Records.Length];
            for (int p = 0; p < Records.Length; p++)
            {
                WindowFrom[p] = int.MaxValue;
                foreach (var admission in Records[p])
                {
                    WindowFrom[p] = Math.Min(WindowFrom[p], admission.AdmissionDate.AddMonths(-linkage.LookbackMonths).DayNumber);
                    WindowTo[p] = Math.Max(WindowTo[p], admission.AdmissionDate.DayNumber);
                }
            }

            // ~32 bits per patient: a bit test turns away ~97% of the acute rows of other
            // patients before the dictionary is asked (ten million acute rows, ~250,000 patients).
            int bits = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, Records.Length * 32));
            _filter = new ulong[bits / 64];
            _filterShift = 64 - BitOperations.Log2((uint)bits);
            foreach (ulong key in _byKey.Keys)
            {
                ulong bit = key >> _filterShift;
                _filter[bit >> 6] |= 1UL << (int)bit;
            }
        }

        public int Count => Records.Length;

        /// <summary>The patient (index) of each rehab row.</summary>
        public int[] PatientOf { get; }

        public SdoRecord[][] Records { get; }

        public int[] WindowFrom { get; }

        public int[] WindowTo { get; }

        public bool TryFind(ulong patientKey, out int patient)
        {
            ulong bit = patientKey >> _filterShift;
            if ((_filter[bit >> 6] & (1UL << (int)bit)) == 0)
            {
                patient = -1;
                return false;
            }

            return _byKey.TryGetValue(patientKey, out patient);
        }
    }

    private readonly record struct Candidate(int Patient, int DischargeDay, long Offset);

    /// <summary>The candidate acute stays of each patient, contiguous.</summary>
    private sealed class CandidateIndex(Candidate[] sorted, int[] starts)
    {
        public ReadOnlySpan<Candidate> Of(int patient) => sorted.AsSpan(starts[patient], starts[patient + 1] - starts[patient]);
    }

    private static CandidateIndex Candidates(SdoScan<RehabCheckSink> scan, RehabPatients patients, HashSet<long> rejectedOffsets)
    {
        var perSegment = new List<Candidate>[scan.Sinks.Count];
        Parallel.For(0, scan.Sinks.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            var found = new List<Candidate>();
            foreach (var chunk in scan.Sinks[s].Acute.Chunks())
            {
                foreach (var stay in chunk.Span)
                {
                    if (patients.TryFind(stay.PatientKey, out int p) && stay.DischargeDay >= patients.WindowFrom[p] && stay.DischargeDay <= patients.WindowTo[p]
                        && (rejectedOffsets.Count == 0 || !rejectedOffsets.Contains(stay.Offset)))
                    {
                        found.Add(new Candidate(p, stay.DischargeDay, stay.Offset));
                    }
                }
            }

            perSegment[s] = found;
        });

        int[] starts = new int[patients.Count + 1];
        foreach (var list in perSegment)
        {
            foreach (var c in list)
            {
                starts[c.Patient + 1]++;
            }
        }

        for (int p = 0; p < patients.Count; p++)
        {
            starts[p + 1] += starts[p];
        }

        var sorted = new Candidate[starts[patients.Count]];
        int[] next = starts[..patients.Count];
        foreach (var list in perSegment)
        {
            foreach (var c in list)
            {
                sorted[next[c.Patient]++] = c;
            }
        }

        return new CandidateIndex(sorted, starts);
    }

    /// <summary>An acute row read again: its patient id (to confirm the link) and what the engine needs.</summary>
    private readonly record struct AcuteRow(long Offset, string PatientId, AcuteDischarge Discharge);

    /// <summary>Reads acute rows again at sorted offsets, in parallel stretches of the file, each moving forward through a window.</summary>
    private sealed class AcuteRows(IByteSource source, SdoRowDecoder decoder)
    {
        // One read serves every wanted row inside it: rows are ~100 bytes, linked ones a few kB apart.
        private const int Window = 64 * 1024;

        private readonly Range[] _fields = new Range[decoder.FieldCount + 1];
        private byte[] _window = new byte[Window];
        private long _windowStart;
        private int _windowLength;
        private byte[]? _scratch;

        public static AcuteRow[] Read(IByteSource source, SdoRowDecoder decoder, long[] sortedOffsets)
        {
            var rows = new AcuteRow[sortedOffsets.Length];
            int stretches = Math.Min(sortedOffsets.Length, 4 * Environment.ProcessorCount);
            Parallel.For(0, stretches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
            {
                var reader = new AcuteRows(source, decoder);
                int from = (int)((long)sortedOffsets.Length * s / stretches);
                int to = (int)((long)sortedOffsets.Length * (s + 1) / stretches);
                for (int r = from; r < to; r++)
                {
                    rows[r] = reader.At(sortedOffsets[r]);
                }
            });
            return rows;
        }

        private AcuteRow At(long offset)
        {
            var data = RowAt(offset, out bool quoted);
            Utf8Csv.Split(data, quoted, _fields, ref _scratch, out var row);
            decoder.DecodeAcute(row, _fields, 0, out var key);
            return new AcuteRow(
                offset,
                Encoding.UTF8.GetString(decoder.Field(row, _fields, SdoColumn.PatientId)),
                new AcuteDischarge(
                    Encoding.UTF8.GetString(decoder.Field(row, _fields, SdoColumn.RecordId)),
                    decoder.Discipline(row, _fields),
                    key.DischargeDate,
                    decoder.CodesOf(decoder.Field(row, _fields, SdoColumn.PrincipalDiagnosis), Icd9CmKind.Diagnosis)[0],
                    decoder.CodesOf(decoder.Field(row, _fields, SdoColumn.SecondaryDiagnoses), Icd9CmKind.Diagnosis)));
        }

        /// <summary>The row's bytes without its line feed, from the window (read again from the offset when outside it).</summary>
        private ReadOnlySpan<byte> RowAt(long offset, out bool quoted)
        {
            while (true)
            {
                if (offset >= _windowStart && offset < _windowStart + _windowLength)
                {
                    var rest = _window.AsSpan((int)(offset - _windowStart), _windowLength - (int)(offset - _windowStart));
                    int length = Utf8Csv.RowLength(rest, out quoted, out _);
                    if (length >= 0)
                    {
                        return rest[..length];
                    }

                    if (_windowLength < _window.Length)
                    {
                        return rest;    // the last row of the file, without a line feed
                    }

                    if (offset == _windowStart)
                    {
                        _window = new byte[_window.Length * 2];    // a row longer than the window
                    }
                }

                _windowStart = offset;
                _windowLength = source.Read(_window, offset);
            }
        }
    }
}
