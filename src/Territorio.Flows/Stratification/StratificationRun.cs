using System.Buffers;
using System.Diagnostics;
using System.Text;
using Territorio.Flows.Files;
using Territorio.Flows.Layouts;
using Territorio.Flows.Reference;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;

namespace Territorio.Flows.Stratification;

/// <summary>The five input flows of a stratification, one file each.</summary>
/// <param name="SdoLayout">A region's layout of its SDO file (docs/flow-layouts.md); null: Territorio's own columns.</param>
public sealed record StratificationInputs(string Persons, string Sdo, string Drugs, string Exemptions, string Outpatient, string? SdoLayout = null)
{
    /// <summary>A region's layout of its persons file; null: Territorio's own columns. So are the others.</summary>
    public string? PersonsLayout { get; init; }

    public string? DrugsLayout { get; init; }

    public string? ExemptionsLayout { get; init; }

    public string? OutpatientLayout { get; init; }
}

/// <summary>What a run did: the pyramid, how many rows were read and rejected, how long it took.</summary>
public sealed record StratificationSummary(Pyramid Pyramid, IReadOnlyList<string> Groups, long Persons, long Events, long Rejected, TimeSpan Elapsed)
{
    /// <summary>The approved reclassifications given to the run: how many applied, which skipped and why.</summary>
    public ClassificationOverrides? Overrides { get; init; }

    /// <summary>How drugs were coded (AIC map, DDDs loaded, AIC codes the map lacks).</summary>
    public DrugCoding? Drugs { get; init; }

    /// <summary>An update: persons whose level changed, and those of them who became eligible (levels 1–3).</summary>
    public long Changed { get; init; }

    public long NewlyEligible { get; init; }

    /// <summary>Persons with a DDD threshold judged on packs, because DDDs were not loaded for some dispensing.</summary>
    public long PersonsJudgedOnPacks { get; init; }
}

/// <summary>
/// Reads the five flows (persons first, then SDO, drugs, exemptions, outpatient), stratifies every
/// person and writes <c>levels.csv</c> in the order of <c>persons.csv</c>, one row per valid person.
/// Approved reclassifications, when given, replace the engine's level and pathologies of their
/// persons (decision 0054), and the row says so. A full run may keep its state for updates
/// (<see cref="Update"/>: decisions 0152, 0195).
/// </summary>
/// <summary>What a stratification tells a progress display (the engine knows nothing of it).</summary>
/// <param name="BytesRead">Bytes of the input files read (the bulk of a run).</param>
/// <param name="Classifying">The persons about to be classified.</param>
/// <param name="Classified">Persons classified since the last call, every <see cref="Step"/>.</param>
public sealed record StratificationProgress(Action<long> BytesRead, Action<long> Classifying, Action<long> Classified)
{
    public const int Step = 4096;
}

public sealed class StratificationRun(ReferenceData reference)
{
    /// <summary>Told the bytes of the input files read, then the persons to classify and those classified; null: not told.</summary>
    public StratificationProgress? Progress { get; init; }

    /// <param name="keepState">Where to write the state an update starts from (<see cref="KeptState"/>); null: none.</param>
    public StratificationSummary Run(StratificationInputs inputs, StratificationCriteria criteria, DateOnly asOf, TextWriter levels, Action<InputError> onError, ClassificationOverrides? overrides = null, DrugCoding? drugCoding = null, Stream? keepState = null)
    {
        drugCoding ??= new DrugCoding(null);
        var clock = Stopwatch.StartNew();
        var engine = new Stratifier(criteria, asOf);
        // A twentieth more than estimated: one person past the capacity would double every table.
        int estimate = RowEstimate.Of(inputs.Persons);
        engine.EnsurePersonCapacity(estimate + (estimate / 20));
        var counter = new RejectCounter(onError);
        long events = ReadFlows(inputs, engine, rowsRequired: true, counter, drugCoding,
            resident => engine.TryAddPerson(resident.Id, resident.BirthDate, resident.DeathDate, resident.Ats, resident.MmgId ?? ""));

        var pyramid = new Pyramid();
        var writer = new LevelsCsvWriter(levels);
        writer.WriteHeader();
        var outcome = new Outcome();
        long judgedOnPacks = 0;
        var marks = keepState is null ? null : new byte[engine.PersonCount];
        var overridden = new List<string>();
        Progress?.Classifying(engine.PersonCount);
        for (int person = 0; person < engine.PersonCount; person++)
        {
            if ((person + 1) % StratificationProgress.Step == 0)
            {
                Progress?.Classified(StratificationProgress.Step);
            }

            engine.Classify(person, outcome);
            judgedOnPacks += outcome.JudgedOnPacks ? 1 : 0;
            overrides?.Apply(outcome);
            writer.Write(outcome);
            pyramid.Add(outcome);
            if (marks is not null)
            {
                marks[person] = Mark(person, outcome).Packed;
                if (outcome.AppliedOverride is not null)
                {
                    overridden.Add(outcome.PersonId);
                }
            }
        }

        Progress?.Classified(engine.PersonCount % StratificationProgress.Step);
        if (keepState is not null)
        {
            levels.Flush();
            WriteState(keepState, engine, new KeptStateHeader(engine.PersonCount, judgedOnPacks, overridden, pyramid), marks!);
        }

        return new StratificationSummary(pyramid, engine.Groups, engine.PersonCount, events, counter.Rejected, clock.Elapsed)
        {
            Overrides = overrides,
            Drugs = drugCoding,
            PersonsJudgedOnPacks = judgedOnPacks,
        };
    }

    /// <summary>
    /// <c>stratify --update</c>: the flows hold only new rows (and new or changed persons). Only the
    /// persons they touch (and those of an approved reclassification, now or before) are read from
    /// the previous state and classified again; the complete levels file is the previous one with
    /// their rows replaced and the new persons' rows at the end, and the next state is the previous
    /// one with their records replaced. Changes are the flows' own (before any approved
    /// reclassification, which both sides share).
    /// </summary>
    /// <param name="previousLevels">The levels file the previous run wrote beside its state.</param>
    public StratificationSummary Update(StratificationInputs inputs, KeptState previous, string previousLevels, Stream levels, Stream keepState, TextWriter? changes, Action<InputError> onError, ClassificationOverrides? overrides = null, DrugCoding? drugCoding = null)
    {
        drugCoding ??= new DrugCoding(null);
        var clock = Stopwatch.StartNew();
        var engine = previous.Engine;
        var header = previous.Header;
        var touched = new List<Touched>();
        var before = new Outcome();
        engine.PersonSource = id =>
        {
            if (!previous.TryLoad(id, out int person, out var mark))
            {
                return false;
            }

            engine.Classify(person, before);
            AddTouched(touched, person, new Touched(mark, before.Level, before.AtsIndex, before.MmgIndex));
            return true;
        };

        var inFile = new HashSet<string>(StringComparer.Ordinal);
        int added = 0;
        var counter = new RejectCounter(onError);
        long events = ReadFlows(inputs, engine, rowsRequired: false, counter, drugCoding, resident =>
        {
            if (!inFile.Add(resident.Id))
            {
                return false;
            }

            // An update's persons file holds new and changed persons: a known id is a change.
            if (engine.TryFindPerson(resident.Id, out int known))
            {
                engine.UpdatePerson(known, resident.BirthDate, resident.DeathDate, resident.Ats, resident.MmgId ?? "");
            }
            else
            {
                engine.TryAddPerson(resident.Id, resident.BirthDate, resident.DeathDate, resident.Ats, resident.MmgId ?? "");
                AddTouched(touched, engine.PersonCount - 1, new Touched(new PersonMark(header.Persons + added++, 0, false, false), null, 0, 0));
            }

            return true;
        });

        // Rows with a reclassification, before or now, are written again.
        foreach (string id in header.Overridden.Concat(overrides?.PersonIds ?? []))
        {
            engine.TryFindPerson(id, out _);
        }

        engine.PersonSource = null;
        var pyramid = header.Pyramid;
        long judgedOnPacks = header.JudgedOnPacks, changed = 0, newlyEligible = 0;
        var changesWriter = changes is null ? null : new LevelsCsvWriter(changes);
        changesWriter?.WriteChangesHeader();
        var rowText = new MemoryStream();
        var rowWriter = new StreamWriter(rowText, new UTF8Encoding(false), 1 << 12);
        var rows = new List<(int Ordinal, int Start, int Length)>(touched.Count);
        var records = new List<KeptRecord>(touched.Count);
        var overridden = new List<string>();
        var engineBytes = new ArrayBufferWriter<byte>();
        var outcome = new Outcome();
        foreach (int person in Enumerable.Range(0, touched.Count).OrderBy(p => touched[p].Mark.Ordinal))
        {
            var was = touched[person];
            engine.Classify(person, outcome);
            judgedOnPacks += (outcome.JudgedOnPacks ? 1 : 0) - (was.Mark.JudgedOnPacks ? 1 : 0);
            if (was.LevelBefore != outcome.Level)
            {
                changed++;
                newlyEligible += IsEligible(outcome.Level) && !(was.LevelBefore is { } b && IsEligible(b)) ? 1 : 0;
                changesWriter?.WriteChange(outcome, was.LevelBefore);
            }

            overrides?.Apply(outcome);
            if (was.LevelBefore is not null)
            {
                pyramid.Add(was.AtsIndex, was.MmgIndex, was.Mark.ShownLevel, -1);
            }

            pyramid.Add(outcome);
            int start = (int)rowText.Length;
            new LevelsCsvWriter(rowWriter).Write(outcome);
            rowWriter.Flush();
            rows.Add((was.Mark.Ordinal, start, (int)rowText.Length - start));
            if (outcome.AppliedOverride is not null)
            {
                overridden.Add(outcome.PersonId);
            }

            engineBytes.ResetWrittenCount();
            engine.WritePerson(person, engineBytes);
            records.Add(new KeptRecord(Encoding.UTF8.GetBytes(outcome.PersonId), was.Mark.Ordinal, Mark(was.Mark.Ordinal, outcome).Packed, engineBytes.WrittenSpan.ToArray()));
        }

        LevelsMerge.Write(previousLevels, header.Persons, levels, rowText.GetBuffer(), rows);
        records.Sort((a, b) => a.Id.AsSpan().SequenceCompareTo(b.Id));
        int persons = header.Persons + added;
        var head = new MemoryStream();
        new KeptStateHeader(persons, judgedOnPacks, overridden, pyramid).Write(head, engine);
        head.WriteTo(keepState);
        var state = new KeptStateRecordWriter(keepState, head.Length);
        previous.CopyMerged(state, records);
        state.Finish();

        return new StratificationSummary(pyramid, engine.Groups, persons, events, counter.Rejected, clock.Elapsed)
        {
            Overrides = overrides,
            Drugs = drugCoding,
            PersonsJudgedOnPacks = judgedOnPacks,
            Changed = changed,
            NewlyEligible = newlyEligible,
        };
    }

    /// <summary>Levels 1–3 may be taken in charge (DGR X/6164/2017: eligible for a Gestore).</summary>
    public static bool IsEligible(int level) => level is >= 1 and <= 3;

    /// <summary>Reads persons (each given to <paramref name="register"/>: false for a person twice), then the events; returns the events accepted.</summary>
    private long ReadFlows(StratificationInputs inputs, Stratifier engine, bool rowsRequired, RejectCounter counter, DrugCoding drugCoding, Func<Kernel.Population.Resident, bool> register)
    {
        Action<InputError> reject = counter.Reject;
        using (var persons = Input.Open(inputs.Persons, inputs.PersonsLayout, _ => StratificationSchemas.Persons, reject, Progress?.BytesRead))
        {
            foreach (var (resident, line) in PersonsCsvReader.Read(persons.Text, inputs.Persons, persons.OnError, rowsRequired, withIdentity: false))
            {
                if (!register(resident))
                {
                    // Two rows for one person: which is right is not ours to guess.
                    throw new InputDataException(persons.ToSource(new InputError(inputs.Persons, line, "person_id", resident.Id, "persona ripetuta (già in una riga precedente): anagrafe rifiutata")));
                }
            }
        }

        long events;
        using (var sdo = Input.Translate(inputs.Sdo, inputs.SdoLayout, _ => FlowSchema.Sdo, reject))
        {
            events = ReadSdo(sdo?.Path ?? inputs.Sdo, inputs.Sdo, engine, sdo is null ? reject : error => reject(sdo.ToSource(error) with { File = inputs.Sdo }));
        }

        using (var drugs = Input.Open(inputs.Drugs, inputs.DrugsLayout, StratificationSchemas.DrugsShape, reject, Progress?.BytesRead))
        {
            events += EventCsvReaders.ReadDrugs(drugs.Text, inputs.Drugs, engine, drugs.OnError, drugCoding, rowsRequired);
        }

        using (var exemptions = Input.Open(inputs.Exemptions, inputs.ExemptionsLayout, _ => StratificationSchemas.Exemptions, reject, Progress?.BytesRead))
        {
            events += EventCsvReaders.ReadExemptions(exemptions.Text, inputs.Exemptions, engine, exemptions.OnError, rowsRequired);
        }

        using (var outpatient = Input.Open(inputs.Outpatient, inputs.OutpatientLayout, _ => StratificationSchemas.Outpatient, reject, Progress?.BytesRead))
        {
            events += EventCsvReaders.ReadOutpatient(outpatient.Text, inputs.Outpatient, engine, outpatient.OnError, rowsRequired);
        }

        return events;
    }

    private static PersonMark Mark(int ordinal, Outcome outcome) =>
        new(ordinal, (byte)outcome.Level, outcome.JudgedOnPacks, outcome.AppliedOverride is not null);

    /// <summary>A full run's state: every person's record in id order (already the persons' order for most registries: then no sort).</summary>
    private static void WriteState(Stream output, Stratifier engine, KeptStateHeader header, byte[] marks)
    {
        var head = new MemoryStream();
        header.Write(head, engine);
        head.WriteTo(output);
        var order = new int[engine.PersonCount];
        bool sorted = true;
        for (int person = 0; person < order.Length; person++)
        {
            order[person] = person;
            sorted &= person == 0 || KeptStateFormat.Compare(engine.IdOf(person - 1), engine.IdOf(person)) < 0;
        }

        if (!sorted)
        {
            Array.Sort(order, (a, b) => KeptStateFormat.Compare(engine.IdOf(a), engine.IdOf(b)));
        }

        var writer = new KeptStateRecordWriter(output, head.Length);
        var engineBytes = new ArrayBufferWriter<byte>(1 << 12);
        var id = new byte[1 << 10];
        foreach (int person in order)
        {
            string personId = engine.IdOf(person);
            if (Encoding.UTF8.GetMaxByteCount(personId.Length) > id.Length)
            {
                id = new byte[Encoding.UTF8.GetMaxByteCount(personId.Length)];
            }

            int idLength = Encoding.UTF8.GetBytes(personId, id);
            engineBytes.ResetWrittenCount();
            engine.WritePerson(person, engineBytes);
            writer.Write(id.AsSpan(0, idLength), person, marks[person], engineBytes.WrittenSpan);
        }

        writer.Finish();
    }

    /// <summary>A person an update touched, as the previous run left it (<see cref="LevelBefore"/> null: new).</summary>
    private readonly record struct Touched(PersonMark Mark, int? LevelBefore, int AtsIndex, int MmgIndex);

    private static void AddTouched(List<Touched> touched, int person, Touched what)
    {
        // Persons are registered one at a time: the list follows the engine's indexes.
        if (touched.Count != person)
        {
            throw new InvalidOperationException($"person {person} registered out of turn");
        }

        touched.Add(what);
    }

    private sealed class RejectCounter(Action<InputError> onError)
    {
        public long Rejected { get; private set; }

        public void Reject(InputError error)
        {
            Rejected++;
            onError(error);
        }
    }

    /// <param name="path">The file read: the region's own, or its rewrite in Territorio's columns.</param>
    /// <param name="shownAs">The file named in errors.</param>
    private long ReadSdo(string path, string shownAs, Stratifier engine, Action<InputError> onError)
    {
        long line = 1;
        long accepted = 0;
        // The shared SDO reader yields good rows only and reports bad ones; one CSV record per
        // line, so counting both gives the line of each yielded record.
        void OnError(InputError error)
        {
            line++;
            onError(error);
        }

        CheckedTextStream.CheckHead(path, shownAs);
        foreach (var record in new SdoCsvReader(reference.Icd9Cm, reference.DiagnosisMdc).ReadFile(path, OnError, Progress?.BytesRead))
        {
            line++;
            if (engine.TryFindPerson(record.PatientId, out int person))
            {
                engine.AddDischarge(person, record);
                accepted++;
            }
            else
            {
                onError(new InputError(shownAs, line, "patient_id", record.PatientId, "persona assente da persons.csv"));
            }
        }

        return accepted;
    }

    /// <summary>
    /// One input flow as its reader takes it: the file itself (the fast path, also for a layout of
    /// Territorio's own columns) or its rewrite by a region's layout, whose errors are then told in
    /// the source's terms (file, line, source column).
    /// </summary>
    private sealed class Input : IDisposable
    {
        private readonly LayoutTranslation? _translation;
        private readonly string _path;

        private Input(string path, LayoutTranslation? translation, Action<InputError> onError, Action<long>? read)
        {
            _path = path;
            _translation = translation;
            OnError = translation is null ? onError : error => onError(ToSource(error));
            // The region's file is decoded once; the rewrite, written by us, is read as any file.
            Text = translation is null ? Utf8FileReader.Open(path, read: read) : CheckedTextStream.OpenText(translation.Path, path);
        }

        public TextReader Text { get; }

        public Action<InputError> OnError { get; }

        public static Input Open(string path, string? layoutPath, Func<Func<string, bool>, FlowSchema> shapeOf, Action<InputError> onError, Action<long>? read)
        {
            var translation = Translate(path, layoutPath, shapeOf, onError);
            try
            {
                return new Input(path, translation, onError, read);
            }
            catch
            {
                translation?.Dispose();
                throw;
            }
        }

        /// <summary>The rewrite of a file by a region's layout, its refused rows reported; null for Territorio's own columns.</summary>
        public static LayoutTranslation? Translate(string path, string? layoutPath, Func<Func<string, bool>, FlowSchema> shapeOf, Action<InputError> onError)
        {
            var layout = layoutPath is null ? null : FlowLayout.Load(layoutPath, shapeOf);
            if (layout is not { IsCanonical: false })
            {
                return null;
            }

            var translation = LayoutTranslation.Translate(path, layout);
            foreach (var error in translation.Errors)
            {
                onError(error with { File = path });
            }

            return translation;
        }

        public InputError ToSource(InputError error) => _translation is null ? error : _translation.ToSource(error) with { File = _path };

        public void Dispose()
        {
            Text.Dispose();
            _translation?.Dispose();
        }
    }
}
