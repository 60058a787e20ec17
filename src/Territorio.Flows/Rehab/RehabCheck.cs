using System.Text;
using Microsoft.Win32.SafeHandles;
using Territorio.Flows.Sdo;
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
/// parallel (formatting), <see cref="Write"/> in input order. Verdicts are not kept after.
/// </summary>
public interface IVerdictSink
{
    object? Prepare(IReadOnlyList<JudgedAdmission> block);

    void Write(object? prepared);
}

/// <summary>
/// The rehab check over an SDO file: one parallel pass that decodes rehab rows whole and keeps
/// of acute rows only patient, discharge day and offset; the duplicate check; the longitudinal
/// linkage (DM 5/8/2021 art.2 c.2) reading again only the acute rows that are linked; then the
/// engine on every rehab admission.
/// </summary>
public sealed class RehabCheck(RuleSet rules, SdoCsvReader reader)
{
    private readonly RehabEngine _engine = new(rules);

    private const int Block = 4096;

    public RehabCheckResult Run(string path, IVerdictSink? sink = null)
    {
        using SafeFileHandle handle = File.OpenHandle(path);
        var source = new FileByteSource(handle);
        string fileName = Path.GetFileName(path);
        var decoder = reader.DecoderFor(SdoFileScanner.ReadHeader(source).Header, fileName);
        var scan = SdoFileScanner.Scan(source, () => new RehabCheckSink(decoder));

        var errors = new List<InputError>();
        var rehab = new List<RehabRow>();
        for (int s = 0; s < scan.Sinks.Count; s++)
        {
            long first = scan.FirstLines[s];
            errors.AddRange(scan.Sinks[s].Errors.Select(e => e with { Line = e.Line + first }));
            rehab.AddRange(scan.Sinks[s].Rehab.Select(r => r with { Line = r.Line + first }));
        }

        var duplicates = DuplicatesOf(source, decoder, scan, errors);
        errors.AddRange(duplicates);
        if (duplicates.Count > 0)
        {
            var lines = duplicates.Select(d => d.Line).ToHashSet();
            rehab.RemoveAll(r => lines.Contains(r.Line));
        }

        var judged = Judge(source, decoder, scan, rehab, duplicates.Select(d => d.Line).ToHashSet(), sink);
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new RehabCheckResult(rules, judged, errors, scan.Sinks.Sum(s => (long)s.Acute.Count));
    }

    private static List<InputError> DuplicatesOf(IByteSource source, SdoRowDecoder decoder, SdoScan<RehabCheckSink> scan, List<InputError> errors)
    {
        var repeated = DuplicateRecords.RepeatedKeys(scan.Sinks.Select(s => s.RecordKeys).ToList());
        foreach (var sink in scan.Sinks)
        {
            sink.RecordKeys.Clear();
            sink.RecordKeys.TrimExcess();
        }

        return repeated.Count == 0 ? [] : DuplicateRecords.Find(source, decoder, repeated, errors.Select(e => e.Line).ToHashSet());
    }

    private JudgedAdmission[] Judge(IByteSource source, SdoRowDecoder decoder, SdoScan<RehabCheckSink> scan, List<RehabRow> rehab, HashSet<long> rejected, IVerdictSink? sink)
    {
        var linkage = rules.Linkage;
        var patients = new Dictionary<ulong, int>();
        var byPatient = new List<List<int>>();
        for (int i = 0; i < rehab.Count; i++)
        {
            if (!patients.TryGetValue(rehab[i].PatientKey, out int p))
            {
                p = patients.Count;
                patients[rehab[i].PatientKey] = p;
                byPatient.Add([]);
            }

            byPatient[p].Add(i);
        }

        // The look-back window of each patient: from the earliest admission's look-back start to the latest admission.
        int[] windowFrom = new int[byPatient.Count];
        int[] windowTo = new int[byPatient.Count];
        for (int p = 0; p < byPatient.Count; p++)
        {
            windowFrom[p] = byPatient[p].Min(i => rehab[i].Record.AdmissionDate.AddMonths(-linkage.LookbackMonths).DayNumber);
            windowTo[p] = byPatient[p].Max(i => rehab[i].Record.AdmissionDate.DayNumber);
        }

        var candidates = Candidates(scan, patients, windowFrom, windowTo, rejected, byPatient.Count);
        var judged = new JudgedAdmission[rehab.Count];
        using var acuteReaders = new ThreadLocal<AcuteReader>(() => new AcuteReader(source, decoder));
        int blocks = (rehab.Count + Block - 1) / Block;
        int wave = Environment.ProcessorCount * 2;
        var prepared = new object?[wave];
        // Waves of blocks: judged and formatted in parallel, written in order, then only the summary is kept.
        for (int w = 0; w < blocks; w += wave)
        {
            int first = w;
            Parallel.For(first, Math.Min(blocks, first + wave), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
            {
                var block = new JudgedAdmission[Math.Min(Block, rehab.Count - (b * Block))];
                for (int k = 0; k < block.Length; k++)
                {
                    int i = (b * Block) + k;
                    var row = rehab[i];
                    int p = patients[row.PatientKey];
                    var patientRehabs = byPatient[p].Select(j => rehab[j].Record);
                    var acute = Link(row.Record, candidates.Of(p), acuteReaders.Value!);
                    var earlier = acute is null ? null : PatientPath.EarlierRehabInContinuity(patientRehabs, row.Record, acute.DischargeDate, linkage);
                    var transferSource = PatientPath.TransferSource(patientRehabs, row.Record);
                    var verdict = _engine.Judge(new RehabCase(row.Record, acute, earlier, transferSource));
                    block[k] = new JudgedAdmission(row.Record, row.Line, verdict);
                    judged[i] = new JudgedAdmission(row.Record, row.Line, verdict with { Checks = [] });
                }

                prepared[b - first] = sink?.Prepare(block);
            });
            for (int b = first; b < Math.Min(blocks, first + wave); b++)
            {
                sink?.Write(prepared[b - first]);
                prepared[b - first] = null;
            }
        }

        return judged;
    }

    /// <summary>Art.2 c.2: the latest acute discharge in the look-back whose patient id really matches.</summary>
    private AcuteDischarge? Link(SdoRecord admission, ReadOnlySpan<Candidate> candidates, AcuteReader acuteReader)
    {
        if (candidates.IsEmpty)
        {
            return null;
        }

        var refs = new AcuteRef[candidates.Length];
        for (int i = 0; i < candidates.Length; i++)
        {
            refs[i] = new AcuteRef(DateOnly.FromDayNumber(candidates[i].DischargeDay), candidates[i].Line);
        }

        while (true)
        {
            int best = PatientPath.LatestAcute(refs, admission.AdmissionDate, rules.Linkage);
            if (best < 0)
            {
                return null;
            }

            var acute = acuteReader.Read(candidates[best].Offset, admission.PatientId);
            if (acute is not null)
            {
                return acute;
            }

            // Another patient whose id hashes alike: not this patient's stay.
            refs[best] = new AcuteRef(DateOnly.MaxValue, -1);
        }
    }

    private readonly record struct Candidate(int Patient, int DischargeDay, long Line, long Offset);

    private sealed class CandidateIndex(Candidate[] sorted, int[] starts)
    {
        public ReadOnlySpan<Candidate> Of(int patient) => sorted.AsSpan(starts[patient], starts[patient + 1] - starts[patient]);
    }

    private static CandidateIndex Candidates(SdoScan<RehabCheckSink> scan, Dictionary<ulong, int> patients, int[] from, int[] to, HashSet<long> rejected, int patientCount)
    {
        var perSegment = new List<Candidate>[scan.Sinks.Count];
        Parallel.For(0, scan.Sinks.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            var found = new List<Candidate>();
            long first = scan.FirstLines[s];
            foreach (var stay in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scan.Sinks[s].Acute))
            {
                if (patients.TryGetValue(stay.PatientKey, out int p) && stay.DischargeDay >= from[p] && stay.DischargeDay <= to[p]
                    && (rejected.Count == 0 || !rejected.Contains(stay.Line + first)))
                {
                    found.Add(new Candidate(p, stay.DischargeDay, stay.Line + first, stay.Offset));
                }
            }

            perSegment[s] = found;
        });

        int[] starts = new int[patientCount + 1];
        foreach (var list in perSegment)
        {
            foreach (var c in list)
            {
                starts[c.Patient + 1]++;
            }
        }

        for (int p = 0; p < patientCount; p++)
        {
            starts[p + 1] += starts[p];
        }

        var sorted = new Candidate[starts[patientCount]];
        int[] next = starts[..patientCount];
        foreach (var list in perSegment)
        {
            foreach (var c in list)
            {
                sorted[next[c.Patient]++] = c;
            }
        }

        return new CandidateIndex(sorted, starts);
    }

    /// <summary>Reads one acute row again at its offset (only for linked stays).</summary>
    private sealed class AcuteReader(IByteSource source, SdoRowDecoder decoder)
    {
        private readonly Range[] _fields = new Range[decoder.FieldCount + 1];
        private byte[] _buffer = new byte[4096];
        private byte[]? _scratch;

        public AcuteDischarge? Read(long offset, string patientId)
        {
            int rowLength;
            bool quoted;
            while (true)
            {
                int n = source.Read(_buffer, offset);
                rowLength = Utf8Csv.RowLength(_buffer.AsSpan(0, n), out quoted, out _);
                if (rowLength >= 0 || n < _buffer.Length)
                {
                    rowLength = rowLength < 0 ? n : rowLength;
                    break;
                }

                _buffer = new byte[_buffer.Length * 2];
            }

            Utf8Csv.Split(_buffer.AsSpan(0, rowLength), quoted, _fields, ref _scratch, out var row);
            if (!decoder.Field(row, _fields, SdoColumn.PatientId).SequenceEqual(Encoding.UTF8.GetBytes(patientId)))
            {
                return null;
            }

            decoder.DecodeAcute(row, _fields, 0, out var key);
            return new AcuteDischarge(
                Encoding.UTF8.GetString(decoder.Field(row, _fields, SdoColumn.RecordId)),
                decoder.Discipline(row, _fields),
                key.DischargeDate,
                decoder.CodesOf(decoder.Field(row, _fields, SdoColumn.PrincipalDiagnosis), Kernel.Codes.Icd9CmKind.Diagnosis)[0],
                decoder.CodesOf(decoder.Field(row, _fields, SdoColumn.SecondaryDiagnoses), Kernel.Codes.Icd9CmKind.Diagnosis));
        }
    }
}
