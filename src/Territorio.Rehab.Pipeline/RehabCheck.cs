using System.Numerics;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Territorio.CommandLine;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Hospital;
using Territorio.Rehab.Decree;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Pipeline.Diagnostics;
using Territorio.Rehab.Pipeline.Tables;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Pipeline;

/// <summary>The acute row an admission is linked to, kept as bytes until the admission is judged.</summary>
internal readonly struct LinkedAcute(ArenaBytes bytes, bool quoted)
{
    public ArenaBytes Bytes { get; } = bytes;

    public bool Quoted { get; } = quoted;
}

/// <summary>A judged rehab admission with the record it judges and every check (what an <see cref="IVerdictSink{TBlock}"/> receives).</summary>
public sealed record JudgedAdmission(SdoRecord Record, long Line, RehabVerdict Verdict);

/// <summary>
/// The outcome of a check. <see cref="Admissions"/> keep each verdict without its checks (they
/// went to the <see cref="IVerdictSink{TBlock}"/>), enough for counts and reports.
/// </summary>
public sealed record RehabCheckResult(RuleSet Rules, IReadOnlyList<AdmissionOutcome> Admissions, IReadOnlyList<InputError> Errors, long AcuteRows);

/// <summary>
/// Receives the verdicts with all their checks, block by block: <see cref="Prepare"/> runs in
/// parallel (formatting), <see cref="Write"/> one block at a time in input order (not
/// necessarily on the caller's thread). Verdicts are not kept after.
/// </summary>
/// <typeparam name="TBlock">A block as prepared for writing (formatted bytes, rows …).</typeparam>
public interface IVerdictSink<TBlock>
{
    TBlock Prepare(IReadOnlyList<JudgedAdmission> block);

    void Write(TBlock prepared);

    /// <summary>
    /// Formats a sample as <see cref="Prepare"/> would and throws it away: the formatting code is
    /// compiled before the first block of a large run (decision 0113). Nothing is kept or written.
    /// </summary>
    void WarmUp(IReadOnlyList<JudgedAdmission> sample)
    {
    }
}

/// <summary>
/// The rehab check over an SDO file, in four phases (decision records 0034, 0110, 0112):
/// <list type="number">
/// <item>scan: one parallel pass that checks rehab rows whole and keeps their bytes, and keeps of
/// acute rows only patient bits, discharge day and offset, in tables partitioned by hash (outside
/// the collected heap);</item>
/// <item>duplicates: repeated record ids, exactly, partition by partition;</item>
/// <item>link: the acute stays of patients with a rehab admission, inside their look-back
/// window (DM 5/8/2021 art.2 c.2), become candidates (partition by partition); every other
/// acute stay is dropped; the latest candidate is read again to confirm the patient;</item>
/// <item>judge and write: in parallel blocks of input order, each rehab row is decoded into its
/// record, judged by the engine and formatted; blocks are written in input order while the next
/// ones are judged. Records live only as long as their block: no phase holds 400,000 of them,
/// so the heap does not grow into fresh pages (each first touch of a page costs, decision 0112).</item>
/// </list>
/// </summary>
public sealed class RehabCheck(RuleSet rules, SdoCsvReader reader)
{
    // Verdicts judged and formatted together: small enough that a block's objects die young
    // and that the formatted blocks waiting to be written stay a few megabytes.
    private const int Block = 256;

    // Verdicts judged between two collections of the youngest generation: their garbage (≈7 kB
    // each since the reasons name the codes' descriptions: record, checks, reasons) is dead by then,
    // so each collection is cheap and the next verdicts reuse the same resident, cache-warm memory
    // instead of fresh pages (decisions 0111, 0161).
    private const int CollectEvery = 2048;

    // Rows judged by the warm-up, in blocks of this many: each method runs past the 30 calls
    // after which the runtime optimises it.
    private const int WarmUpRows = 320;
    private const int WarmUpBlock = 8;

    // 256 partitions: ~40,000 record keys and ~1,000 rehab patients each, a table that fits the cache.
    private const int PartitionBits = 8;

    private readonly RehabEngine _engine = new(rules);

    /// <summary>
    /// Files at least this large have the judge's code warmed up while they are scanned and
    /// linked (decision 0113), when it is compiled at run time; smaller ones are judged before a
    /// warm-up would pay for itself.
    /// </summary>
    public long WarmUpFromBytes { get; init; } = 64L << 20;

    /// <summary>
    /// The line of the user's file for a line of the file checked, when that file is a rewrite of
    /// the user's (a region's layout, <c>LayoutTranslation</c>); null: the same file.
    /// </summary>
    public Func<long, long>? SourceLines { get; init; }

    /// <summary>Counts the bytes scanned, then the admissions judged, for a display that reads them on its own timer; null: not counted.</summary>
    public WorkProgress? Progress { get; init; }

    /// <summary>Checks the file for its counts and errors only: the verdicts are not written anywhere.</summary>
    public RehabCheckResult Run(string path) => Run<bool>(path, sink: null);

    public RehabCheckResult Run<TBlock>(string path, IVerdictSink<TBlock>? sink)
    {
        var clock = PhaseClock.Start();
        using SafeFileHandle handle = File.OpenHandle(path);
        var source = new FileByteSource(handle);

        // The engine's code is compiled while the file is scanned, not by the first verdicts (decision
        // 0113); compiled ahead of time (the native territorio-rehab, decision 0114) there is nothing to warm.
        bool warm = System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled && source.Length >= WarmUpFromBytes;
        var warmUp = warm ? Task.Run(() => EngineWarmUp.Run(_engine)) : Task.CompletedTask;
        var decoder = reader.DecoderFor(SdoFileScanner.ReadHeader(source).Header, Path.GetFileName(path));

        // The two largest tables of the run (decisions 0110, 0112), given back as soon as they served.
        using var acute = new PartitionedTable<AcuteStay>(PartitionBits);
        using var recordKeys = new PartitionedTable<ulong>(PartitionBits);

        // The rehab rows' bytes and the linked acute rows' bytes, until the verdicts are written.
        using var arenas = new ThreadArenas();
        Progress?.Begin("letti", ProgressUnit.Bytes, source.Length);
        var scan = Scan(Progress is null ? source : new CountedByteSource(source, Progress.Add), decoder, acute, recordKeys, arenas);
        var (scanned, errors) = RowsOf(scan);
        long acuteRows = scan.Sinks.Sum(s => s.AcuteCount);
        clock.Lap("scan");

        var repeated = DuplicateRecords.RepeatedKeys(recordKeys);
        recordKeys.Clear();
        var duplicates = repeated.Count == 0 ? [] : DuplicateRecords.Find(source, decoder, repeated, errors.Select(e => e.Line).ToHashSet());
        errors.AddRange(duplicates.Select(d => d.Error));
        if (duplicates.Count > 0)
        {
            var lines = duplicates.Select(d => d.Error.Line).ToHashSet();
            scanned.RemoveAll(r => lines.Contains(r.Line));
        }

        clock.Lap("duplicates");

        var patients = new RehabPatients(scanned, rules.Linkage, acute, duplicates.Select(d => d.Offset).ToHashSet());
        acute.Clear();
        clock.Lap("patients+candidates");

        using var rows = new RehabRows(scanned, decoder);
        var judgeWarmUp = warm ? Task.Run(() => WarmUpOn(rows, patients, sink)) : Task.CompletedTask;
        var linked = Link(source, decoder, rows, patients, arenas, out var linkedFaults);
        errors.AddRange(KeptAcuteErrors(source, linkedFaults));
        clock.Lap("link");

        warmUp.GetAwaiter().GetResult();
        judgeWarmUp.GetAwaiter().GetResult();
        Progress?.Begin("ricoveri di riabilitazione giudicati", ProgressUnit.Rows, rows.Count);
        var judged = JudgeAndWrite(rows, patients, linked, sink);
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        clock.Lap("judge+write");
        return new RehabCheckResult(rules, judged, errors, acuteRows);
    }

    /// <summary>
    /// The first rows through the judge's own code (decoding, patient path, engine, formatting)
    /// while the link runs, without their acute stays; the verdicts are thrown away (decision 0113).
    /// </summary>
    private void WarmUpOn<TBlock>(RehabRows rows, RehabPatients patients, IVerdictSink<TBlock>? sink)
    {
        var sample = new JudgedAdmission[Math.Min(rows.Count, WarmUpRows)];
        for (int i = 0; i < sample.Length; i++)
        {
            sample[i] = JudgeRow(rows, patients, i, linked: null);
        }

        for (int first = 0; first < sample.Length && sink is not null; first += WarmUpBlock)
        {
            sink.WarmUp(new ArraySegment<JudgedAdmission>(sample, first, Math.Min(WarmUpBlock, sample.Length - first)));
        }
    }

    /// <summary>The first pass; each scanning thread writes its acute stays and keys through writers of its own.</summary>
    private static SdoScan<RehabCheckSink> Scan(IByteSource source, SdoRowDecoder decoder, PartitionedTable<AcuteStay> acute, PartitionedTable<ulong> recordKeys, ThreadArenas arenas)
    {
        using var writers = new ThreadLocal<(PartitionedTable<AcuteStay>.Writer Acute, PartitionedTable<ulong>.Writer Keys)>(
            () => (acute.NewWriter(), recordKeys.NewWriter()));
        return SdoFileScanner.Scan(
            source,
            () => new RehabCheckSink(decoder, writers.Value.Acute, writers.Value.Keys, arenas.Current),
            restarting: () =>
            {
                acute.Clear();
                recordKeys.Clear();
            });
    }

    /// <summary>Rehab rows and errors of every segment, with lines counted from the file's start.</summary>
    private static (List<ScannedRehabRow> Rehab, List<InputError> Errors) RowsOf(SdoScan<RehabCheckSink> scan)
    {
        var errors = new List<InputError>();
        var rehab = new List<ScannedRehabRow>(scan.Sinks.Sum(s => s.Rehab.Count));
        for (int s = 0; s < scan.Sinks.Count; s++)
        {
            long first = scan.FirstLines[s];
            errors.AddRange(scan.Sinks[s].Errors.Select(e => e with { Line = e.Line + first }));
            rehab.AddRange(scan.Sinks[s].Rehab.Select(r => r with { Line = r.Line + first }));
        }

        return (rehab, errors);
    }

    /// <summary>
    /// The rehab rows kept by the scan (bytes, line, patient key, admission day, patient id), decoded
    /// into records on demand by any thread; the scan validated them, so they are not checked again.
    /// </summary>
    private sealed class RehabRows(List<ScannedRehabRow> scanned, SdoRowDecoder decoder) : IDisposable
    {
        private readonly ThreadLocal<RowSplit> _splits = new(() => new RowSplit(decoder.FieldCount));

        public int Count => scanned.Count;

        public ScannedRehabRow this[int index] => scanned[index];

        public SdoRecord Record(int index)
        {
            var row = scanned[index];
            return decoder.DecodeValid(Split(row.Bytes, row.Quoted, out var fields), fields);
        }

        /// <summary>The acute stay a row is linked to, as the engine reads it (the scan validated the row).</summary>
        public AcuteDischarge Discharge(LinkedAcute acute)
        {
            var row = Split(acute.Bytes, acute.Quoted, out var fields);
            return new AcuteDischarge(
                Encoding.UTF8.GetString(decoder.Field(row, fields, SdoColumn.RecordId)),
                decoder.Discipline(row, fields),
                decoder.DateOf(row, fields, SdoColumn.DischargeDate),
                decoder.CodeOf(decoder.Field(row, fields, SdoColumn.PrincipalDiagnosis), Icd9CmKind.Diagnosis),
                decoder.CodesOf(decoder.Field(row, fields, SdoColumn.SecondaryDiagnoses), Icd9CmKind.Diagnosis));
        }

        /// <summary>Splits kept bytes into the calling thread's field ranges; the ranges point into the returned span.</summary>
        private ReadOnlySpan<byte> Split(ArenaBytes bytes, bool quoted, out Range[] fields)
        {
            var split = _splits.Value!;
            Utf8Csv.Split(bytes.Span, quoted, split.Fields, ref split.Scratch, out var source);
            fields = split.Fields;
            return source;
        }

        public void Dispose() => _splits.Dispose();

        /// <summary>A thread's room to split rows into fields.</summary>
        private sealed class RowSplit(int fieldCount)
        {
            public readonly Range[] Fields = new Range[fieldCount + 1];
            public byte[]? Scratch;
        }
    }

    private AdmissionOutcome[] JudgeAndWrite<TBlock>(RehabRows rehab, RehabPatients patients, LinkedAcute?[] linked, IVerdictSink<TBlock>? sink)
    {
        // Values, not objects: what is kept of 400,000 verdicts is promoted by no collection (decision 0111).
        var judged = new AdmissionOutcome[rehab.Count];
        int blocks = (rehab.Count + Block - 1) / Block;
        int wave = 4 * Environment.ProcessorCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Task writing = Task.CompletedTask;
        int sinceCollection = 0;
        for (int first = 0; first < blocks; first += wave)
        {
            var prepared = new TBlock?[Math.Min(wave, blocks - first)];
            int wave0 = first;
            Parallel.For(0, prepared.Length, parallel, w => prepared[w] = JudgeBlock(wave0 + w));

            // The previous wave is written while this one was judged; now this one's turn.
            writing.GetAwaiter().GetResult();
            Progress?.Add(Math.Min(prepared.Length * Block, rehab.Count - (first * Block)));
            sinceCollection += prepared.Length * Block;
            if (sinceCollection >= CollectEvery)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                sinceCollection = 0;
            }

            writing = sink is null ? Task.CompletedTask : Task.Run(() =>
            {
                foreach (var block in prepared)
                {
                    sink.Write(block!);
                }
            });
        }

        writing.GetAwaiter().GetResult();
        return judged;

        TBlock? JudgeBlock(int b)
        {
            var block = new JudgedAdmission[Math.Min(Block, rehab.Count - (b * Block))];
            for (int k = 0; k < block.Length; k++)
            {
                int i = (b * Block) + k;
                var (record, line, verdict) = block[k] = JudgeRow(rehab, patients, i, linked[i]);
                judged[i] = new AdmissionOutcome(line, record.StructureId, record.Discipline, record.Mdc,
                    verdict.Verdict, verdict.PostAcute, verdict.IntervalDays, verdict.Article, verdict.Level,
                    record.PrincipalDiagnosisMdc is { } expected && expected != record.Mdc);
            }

            return sink is null ? default : sink.Prepare(block);
        }
    }

    /// <summary>One rehab row decoded and judged, with its acute stay (if linked) and the patient's other stays that can matter.</summary>
    private JudgedAdmission JudgeRow(RehabRows rehab, RehabPatients patients, int index, LinkedAcute? linked)
    {
        var record = rehab.Record(index);
        var acute = linked is { } row ? rehab.Discharge(row) : null;

        // Most admissions are their patient's only one that can matter: nothing to look for then.
        var others = OthersOf(rehab, patients, index, record, acute);
        var verdict = _engine.Judge(new RehabCase(
            record,
            acute,
            acute is null || others is null ? null : Linkage.EarlierRehabInContinuity(others, record, acute.DischargeDate, rules.Linkage),
            others is null ? null : Transfers.Source(others, record)));
        long line = rehab[index].Line;
        return new JudgedAdmission(record, SourceLines is null ? line : SourceLines(line), verdict);
    }

    /// <summary>
    /// The patient's other rehab records that art.3 c.4 or art.4 c.4 can use, in file order, or
    /// null when there are none. They are decoded only when admitted by this admission's day (those
    /// articles look no later) and, unless this admission is a same-discipline transfer, not before
    /// the linked acute discharge (art.3 c.4 looks no earlier).
    /// </summary>
    private static List<SdoRecord>? OthersOf(RehabRows rehab, RehabPatients patients, int index, SdoRecord record, AcuteDischarge? acute)
    {
        var rows = patients.RowsOf(patients.PatientOf[index]);
        bool transfer = Transfers.IsSameDisciplineTransfer(record);
        if (rows.Length == 1 || (acute is null && !transfer))
        {
            return null;
        }

        int from = transfer ? int.MinValue : acute!.DischargeDate.DayNumber;
        int until = record.AdmissionDate.DayNumber;
        List<SdoRecord>? others = null;
        foreach (int r in rows)
        {
            if (r != index && rehab[r].AdmissionDay >= from && rehab[r].AdmissionDay <= until)
            {
                (others ??= new List<SdoRecord>(rows.Length - 1)).Add(rehab.Record(r));
            }
        }

        return others;
    }

    /// <summary>
    /// Art.2 c.2: for every rehab admission, the latest acute discharge of the same patient in
    /// the look-back. The chosen acute rows are read again in file order (a few large reads, not
    /// one per row); a row whose patient id differs (two ids with the same hash) is ruled out
    /// and the next latest is chosen. <paramref name="faults"/>: the linked rows faulty in a field
    /// the linkage does not read (the scan read only those it does), each once, by offset (decision 0221).
    /// </summary>
    private LinkedAcute?[] Link(IByteSource source, SdoRowDecoder decoder, RehabRows rehab, RehabPatients patients, ThreadArenas arenas, out SortedList<long, InputError> faults)
    {
        faults = [];
        var linked = new LinkedAcute?[rehab.Count];
        var ruledOut = new HashSet<(int Admission, long Offset)>();
        int[] pending = Enumerable.Range(0, rehab.Count).ToArray();
        while (pending.Length > 0)
        {
            long[] latest = new long[pending.Length];
            InStretches(pending.Length, k =>
            {
                int i = pending[k];
                latest[k] = LatestCandidate(DateOnly.FromDayNumber(rehab[i].AdmissionDay), i, patients.CandidatesOf(patients.PatientOf[i]), ruledOut) ?? -1;
            });

            // The admissions that want a row, by offset: the rows are read in file order.
            int wantedCount = latest.Count(offset => offset >= 0);
            long[] offsets = new long[wantedCount];
            int[] admissions = new int[wantedCount];
            for (int k = 0, w = 0; k < pending.Length; k++)
            {
                if (latest[k] >= 0)
                {
                    (offsets[w], admissions[w]) = (latest[k], pending[k]);
                    w++;
                }
            }

            Array.Sort(offsets, admissions);
            var rows = AcuteRows.Read(source, decoder, DistinctOffsets(offsets), arenas);
            var mismatched = new List<int>();
            for (int w = 0, r = 0; w < offsets.Length; w++)
            {
                while (rows[r].Offset != offsets[w])
                {
                    r++;
                }

                int i = admissions[w];
                if (SamePatient(rows[r].PatientId.Span, rehab[i].PatientId.Span))
                {
                    linked[i] = rows[r].Row;
                    if (rows[r].Fault is { } fault)
                    {
                        faults.TryAdd(offsets[w], fault);
                    }
                }
                else
                {
                    ruledOut.Add((i, offsets[w]));
                    mismatched.Add(i);
                }
            }

            pending = [.. mismatched];
        }

        return linked;

        // Each offset once.
        static long[] DistinctOffsets(long[] sorted)
        {
            int count = 0;
            for (int w = 0; w < sorted.Length; w++)
            {
                count += w == 0 || sorted[w] != sorted[w - 1] ? 1 : 0;
            }

            long[] distinct = new long[count];
            for (int w = 0, d = -1; w < sorted.Length; w++)
            {
                if (w == 0 || sorted[w] != sorted[w - 1])
                {
                    distinct[++d] = sorted[w];
                }
            }

            return distinct;
        }

        // Patient ids are compared as the text they decode to, as the records hold them: equal bytes
        // are equal text; different bytes decode alike only through invalid UTF-8 (rare: decoded then).
        static bool SamePatient(ReadOnlySpan<byte> acute, ReadOnlySpan<byte> rehab) =>
            acute.SequenceEqual(rehab) || Encoding.UTF8.GetString(acute) == Encoding.UTF8.GetString(rehab);
    }

    /// <summary>
    /// The faults of linked acute rows in fields the linkage does not read, as errors at their
    /// lines, saying that the row took part in the linkage all the same (decision 0221). Their
    /// lines are counted only when there are any: the scan keeps an acute row's offset, not its line.
    /// </summary>
    private static IEnumerable<InputError> KeptAcuteErrors(IByteSource source, SortedList<long, InputError> faults)
    {
        if (faults.Count == 0)
        {
            return [];
        }

        long[] lines = LinesAt(source, [.. faults.Keys]);
        return faults.Values.Select((fault, k) => fault with { Line = lines[k], Reason = $"{fault.Reason}; {AcuteRowLinkage.KeptNote}" });
    }

    /// <summary>The physical line of the rows at ascending offsets: one more than the line feeds before each.</summary>
    internal static long[] LinesAt(IByteSource source, long[] ascendingOffsets)
    {
        long[] lines = new long[ascendingOffsets.Length];
        byte[] buffer = new byte[1 << 20];
        long position = 0;
        long feeds = 0;
        for (int k = 0; k < ascendingOffsets.Length; k++)
        {
            while (position < ascendingOffsets[k])
            {
                int n = source.Read(buffer.AsSpan(0, (int)Math.Min(buffer.Length, ascendingOffsets[k] - position)), position);
                if (n == 0)
                {
                    break;
                }

                feeds += buffer.AsSpan(0, n).Count((byte)'\n');
                position += n;
            }

            lines[k] = feeds + 1;
        }

        return lines;
    }

    /// <summary>Runs <paramref name="body"/> on 0..count-1 in a few contiguous stretches per core.</summary>
    private static void InStretches(int count, Action<int> body)
    {
        int stretches = Math.Max(1, Math.Min(count, 4 * Environment.ProcessorCount));
        Parallel.For(0, stretches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            int to = (int)((long)count * (s + 1) / stretches);
            for (int k = (int)((long)count * s / stretches); k < to; k++)
            {
                body(k);
            }
        });
    }

    /// <summary>Art.2 c.2: the offset of the latest acute discharge in the look-back, among the candidates not ruled out.</summary>
    private long? LatestCandidate(DateOnly admission, int index, ReadOnlySpan<StayPosition> candidates, HashSet<(int, long)> ruledOut)
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

        int best = Linkage.LatestAcute(refs, admission, rules.Linkage);
        return best < 0 ? null : candidates[best].Offset;
    }

    /// <summary>
    /// The patients with a rehab admission, their rows, and their candidate acute stays: the
    /// acute stays in the look-back window (art.2 c.2) of any of their admissions. Built partition
    /// by partition in parallel (rehab rows and acute stays share the partitions of the patient
    /// key), then numbered across partitions.
    /// </summary>
    private sealed class RehabPatients
    {
        private readonly ArraySegment<StayPosition>[] _candidates;
        private readonly int[] _rows;
        private readonly int[] _rowStarts;

        public RehabPatients(List<ScannedRehabRow> rehab, LinkageRules linkage, PartitionedTable<AcuteStay> acute, HashSet<long> rejectedOffsets)
        {
            // Rehab rows by partition, in file order inside each.
            int[] starts = new int[acute.Partitions + 1];
            foreach (var row in rehab)
            {
                starts[acute.PartitionOf(row.PatientKey) + 1]++;
            }

            for (int p = 0; p < acute.Partitions; p++)
            {
                starts[p + 1] += starts[p];
            }

            int[] order = new int[rehab.Count];
            int[] next = starts[..acute.Partitions];
            for (int i = 0; i < rehab.Count; i++)
            {
                order[next[acute.PartitionOf(rehab[i].PatientKey)]++] = i;
            }

            var parts = new PatientPartition[acute.Partitions];
            Parallel.For(0, acute.Partitions, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new PartitionScratch(), (p, _, scratch) =>
            {
                parts[p] = new PatientPartition(rehab, order.AsSpan(starts[p], starts[p + 1] - starts[p]), linkage, acute, p, rejectedOffsets, scratch);
                return scratch;
            }, _ => { });

            PatientOf = new int[rehab.Count];
            _candidates = new ArraySegment<StayPosition>[parts.Sum(part => part.PatientCount)];
            for (int p = 0, first = 0; p < parts.Length; first += parts[p].PatientCount, p++)
            {
                var part = parts[p];
                for (int k = 0; k < part.PatientOfRow.Length; k++)
                {
                    PatientOf[order[starts[p] + k]] = first + part.PatientOfRow[k];
                }

                for (int local = 0; local < part.PatientCount; local++)
                {
                    _candidates[first + local] = new ArraySegment<StayPosition>(part.Candidates, part.CandidateStarts[local], part.CandidateStarts[local + 1] - part.CandidateStarts[local]);
                }
            }

            // Each patient's rows, contiguous and in file order.
            _rowStarts = new int[_candidates.Length + 1];
            foreach (int patient in PatientOf)
            {
                _rowStarts[patient + 1]++;
            }

            for (int patient = 0; patient < _candidates.Length; patient++)
            {
                _rowStarts[patient + 1] += _rowStarts[patient];
            }

            _rows = new int[rehab.Count];
            int[] fill = _rowStarts[..^1];
            for (int i = 0; i < rehab.Count; i++)
            {
                _rows[fill[PatientOf[i]]++] = i;
            }
        }

        /// <summary>The patient (index) of each rehab row.</summary>
        public int[] PatientOf { get; }

        public ReadOnlySpan<StayPosition> CandidatesOf(int patient) => _candidates[patient];

        /// <summary>The rows of a patient, in file order.</summary>
        public ReadOnlySpan<int> RowsOf(int patient) => _rows.AsSpan(_rowStarts[patient], _rowStarts[patient + 1] - _rowStarts[patient]);
    }

    /// <summary>The rehab patients of one partition and their candidate acute stays (patients numbered from 0).</summary>
    private sealed class PatientPartition
    {
        public PatientPartition(List<ScannedRehabRow> rehab, ReadOnlySpan<int> rows, LinkageRules linkage, PartitionedTable<AcuteStay> acute, int partition, HashSet<long> rejectedOffsets, PartitionScratch scratch)
        {
            var patients = scratch.Reset(rows.Length);
            PatientOfRow = new int[rows.Length];
            for (int k = 0; k < rows.Length; k++)
            {
                int patient = patients.GetOrAdd(rehab[rows[k]].PatientKey);
                PatientOfRow[k] = patient;
            }

            // The look-back window of each patient: from the earliest admission's look-back start to the latest admission.
            PatientCount = patients.Count;
            var windowFrom = scratch.WindowFrom.AsSpan(0, patients.Count);
            var windowTo = scratch.WindowTo.AsSpan(0, patients.Count);
            windowFrom.Fill(int.MaxValue);
            windowTo.Clear();
            for (int k = 0; k < rows.Length; k++)
            {
                int patient = PatientOfRow[k];
                int admission = rehab[rows[k]].AdmissionDay;
                windowFrom[patient] = Math.Min(windowFrom[patient], Linkage.LookbackStart(DateOnly.FromDayNumber(admission), linkage).DayNumber);
                windowTo[patient] = Math.Max(windowTo[patient], admission);
            }

            var found = scratch.Found;
            found.Clear();
            foreach (var chunk in acute.Chunks(partition))
            {
                foreach (var stay in chunk)
                {
                    if (!patients.MayHave(stay.PatientBits))
                    {
                        continue;    // most acute stays: patients without a rehab admission
                    }

                    foreach (int patient in patients.Find(stay.PatientBits))
                    {
                        int day = stay.Position.DischargeDay;
                        if (day >= windowFrom[patient] && day <= windowTo[patient]
                            && (rejectedOffsets.Count == 0 || !rejectedOffsets.Contains(stay.Position.Offset)))
                        {
                            found.Add((patient, stay.Position));
                        }
                    }
                }
            }

            // Contiguous per patient.
            CandidateStarts = new int[patients.Count + 1];
            foreach (var (patient, _) in found)
            {
                CandidateStarts[patient + 1]++;
            }

            for (int patient = 0; patient < patients.Count; patient++)
            {
                CandidateStarts[patient + 1] += CandidateStarts[patient];
            }

            Candidates = new StayPosition[found.Count];
            var next = scratch.Counts.AsSpan(0, patients.Count);
            CandidateStarts.AsSpan(0, patients.Count).CopyTo(next);
            foreach (var (patient, position) in found)
            {
                Candidates[next[patient]++] = position;
            }
        }

        public int[] PatientOfRow { get; }

        public int PatientCount { get; }

        public StayPosition[] Candidates { get; }

        public int[] CandidateStarts { get; }
    }

    /// <summary>What building a partition needs only while it is built, reused partition after partition on a thread.</summary>
    private sealed class PartitionScratch
    {
        public PatientTable Patients { get; } = new();

        public int[] Counts { get; private set; } = [];

        public int[] WindowFrom { get; private set; } = [];

        public int[] WindowTo { get; private set; } = [];

        public List<(int Patient, StayPosition Position)> Found { get; } = [];

        public PatientTable Reset(int rows)
        {
            if (Counts.Length < rows)
            {
                Counts = new int[rows * 2];
                WindowFrom = new int[rows * 2];
                WindowTo = new int[rows * 2];
            }

            Counts.AsSpan(0, rows).Clear();
            Patients.Reset(rows);
            return Patients;
        }
    }

    /// <summary>
    /// The patients of a partition by key, in open addressing. The slot comes from the key's low
    /// 32 bits, which are all an acute stay keeps: a lookup by them yields every patient that has
    /// them (two patients may share them).
    /// </summary>
    private sealed class PatientTable
    {
        // 65,536 bits by bits 16–31 of the key (the slot uses the lowest): with ≈1,600 patients a
        // partition, 97% of the other patients' stays are ruled out by one bit, cache-resident.
        private readonly ulong[] _filter = new ulong[1024];
        private ulong[] _keys = [];
        private int[] _patientPlusOne = [];
        private int _mask;

        public int Count { get; private set; }

        public void Reset(int rows)
        {
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, rows * 2));
            if (_keys.Length < size)
            {
                _keys = new ulong[size];
                _patientPlusOne = new int[size];
            }
            else
            {
                _patientPlusOne.AsSpan(0, size).Clear();
            }

            _mask = size - 1;
            Count = 0;
            Array.Clear(_filter);
        }

        /// <summary>False when no patient has these key bits; true when one may have them.</summary>
        public bool MayHave(uint bits)
        {
            int bit = (int)(bits >> 16);
            return (_filter[bit >> 6] & (1UL << bit)) != 0;
        }

        /// <summary>The patient of a key, numbered in order of first appearance.</summary>
        public int GetOrAdd(ulong key)
        {
            for (int i = (int)key & _mask; ; i = (i + 1) & _mask)
            {
                if (_patientPlusOne[i] == 0)
                {
                    _keys[i] = key;
                    _patientPlusOne[i] = ++Count;
                    int bit = (int)((uint)key >> 16);
                    _filter[bit >> 6] |= 1UL << bit;
                    return Count - 1;
                }

                if (_keys[i] == key)
                {
                    return _patientPlusOne[i] - 1;
                }
            }
        }

        public Matches Find(uint bits) => new(this, bits);

        public ref struct Matches(PatientTable table, uint bits)
        {
            private int _slot = (int)bits & table._mask;
            private bool _started;

            public int Current { get; private set; }

            public readonly Matches GetEnumerator() => this;

            public bool MoveNext()
            {
                if (_started)
                {
                    _slot = (_slot + 1) & table._mask;
                }

                _started = true;
                for (; table._patientPlusOne[_slot] != 0; _slot = (_slot + 1) & table._mask)
                {
                    if ((uint)table._keys[_slot] == bits)
                    {
                        Current = table._patientPlusOne[_slot] - 1;
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>
    /// An acute row read again: its patient id (to confirm the link), its bytes (decoded when judged)
    /// and its first fault in a field the scan did not read (line not yet known), if any.
    /// </summary>
    private readonly record struct AcuteRow(long Offset, ArenaBytes PatientId, LinkedAcute Row, InputError? Fault);

    /// <summary>Reads acute rows again at sorted offsets, in parallel stretches of the file, each moving forward through a window.</summary>
    private sealed class AcuteRows(IByteSource source, SdoRowDecoder decoder, ByteArena arena)
    {
        // One read serves every wanted row inside it: rows are ~100 bytes, linked ones a few kB apart.
        private const int Window = 64 * 1024;

        private readonly Range[] _fields = new Range[decoder.FieldCount + 1];
        private byte[] _window = new byte[Window];
        private long _windowStart;
        private int _windowLength;
        private byte[]? _scratch;

        public static AcuteRow[] Read(IByteSource source, SdoRowDecoder decoder, long[] sortedOffsets, ThreadArenas arenas)
        {
            var rows = new AcuteRow[sortedOffsets.Length];
            var readers = new ThreadLocal<AcuteRows>(() => new AcuteRows(source, decoder, arenas.Current));
            using (readers)
            {
                InStretches(sortedOffsets.Length, r => rows[r] = readers.Value!.At(sortedOffsets[r]));
            }

            return rows;
        }

        private AcuteRow At(long offset)
        {
            var data = RowAt(offset, out bool quoted);
            Utf8Csv.Split(data, quoted, _fields, ref _scratch, out var row);

            // The whole row is checked here, for the few rows that may be linked, not in the scan of
            // every acute row; the scan checked the linkage fields, so a fault is in another (decision 0221).
            var fault = decoder.ValidateFull(row, _fields, line: 0, out _);
            return new AcuteRow(offset, arena.Copy(decoder.Field(row, _fields, SdoColumn.PatientId)), new LinkedAcute(arena.Copy(data), quoted), fault);
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
