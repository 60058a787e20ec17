using System.Diagnostics;
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
/// What an update (<c>stratify --update</c>) starts from and leaves behind: the engine kept by the
/// previous run, where to write who changed level, where to keep the state for the next one.
/// </summary>
public sealed record StratificationContinuity(Stratifier? Previous, TextWriter? Changes, BinaryWriter? KeepState);

/// <summary>
/// Reads the five flows (persons first, then SDO, drugs, exemptions, outpatient), stratifies every
/// person and writes <c>levels.csv</c> in the order of <c>persons.csv</c>, one row per valid person.
/// Approved reclassifications, when given, replace the engine's level and pathologies of their
/// persons (decision 0054), and the row says so.
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

    public StratificationSummary Run(StratificationInputs inputs, StratificationCriteria criteria, DateOnly asOf, TextWriter levels, Action<InputError> onError, ClassificationOverrides? overrides = null, DrugCoding? drugCoding = null, StratificationContinuity? continuity = null)
    {
        drugCoding ??= new DrugCoding(null);
        var clock = Stopwatch.StartNew();
        var previous = continuity?.Previous;
        var engine = previous ?? new Stratifier(criteria, asOf);
        // An update's files hold only what is new: one may have no rows at all.
        bool rowsRequired = previous is null;
        byte[] before = previous is null ? [] : LevelsOf(previous);
        long rejected = 0;
        void Reject(InputError error)
        {
            rejected++;
            onError(error);
        }

        using (var persons = Input.Open(inputs.Persons, inputs.PersonsLayout, _ => StratificationSchemas.Persons, Reject, Progress?.BytesRead))
        {
            foreach (var (resident, line) in PersonsCsvReader.Read(persons.Text, inputs.Persons, persons.OnError, rowsRequired, withIdentity: false))
            {
                if (engine.TryAddPerson(resident.Id, resident.BirthDate, resident.DeathDate, resident.Ats, resident.MmgId ?? ""))
                {
                    continue;
                }

                if (previous is not null && engine.TryFindPerson(resident.Id, out int known) && known < before.Length)
                {
                    // An update's persons file holds new and changed persons: a known id is a change.
                    engine.UpdatePerson(known, resident.BirthDate, resident.DeathDate, resident.Ats, resident.MmgId ?? "");
                }
                else
                {
                    // Two rows for one person: which is right is not ours to guess.
                    throw new InputDataException(persons.ToSource(new InputError(inputs.Persons, line, "person_id", resident.Id, "persona ripetuta (già in una riga precedente): anagrafe rifiutata")));
                }
            }
        }

        long events;
        using (var sdo = Input.Translate(inputs.Sdo, inputs.SdoLayout, _ => FlowSchema.Sdo, Reject))
        {
            events = ReadSdo(sdo?.Path ?? inputs.Sdo, inputs.Sdo, engine, sdo is null ? Reject : error => Reject(sdo.ToSource(error) with { File = inputs.Sdo }));
        }

        using (var drugs = Input.Open(inputs.Drugs, inputs.DrugsLayout, StratificationSchemas.DrugsShape, Reject, Progress?.BytesRead))
        {
            events += EventCsvReaders.ReadDrugs(drugs.Text, inputs.Drugs, engine, drugs.OnError, drugCoding, rowsRequired);
        }

        using (var exemptions = Input.Open(inputs.Exemptions, inputs.ExemptionsLayout, _ => StratificationSchemas.Exemptions, Reject, Progress?.BytesRead))
        {
            events += EventCsvReaders.ReadExemptions(exemptions.Text, inputs.Exemptions, engine, exemptions.OnError, rowsRequired);
        }

        using (var outpatient = Input.Open(inputs.Outpatient, inputs.OutpatientLayout, _ => StratificationSchemas.Outpatient, Reject, Progress?.BytesRead))
        {
            events += EventCsvReaders.ReadOutpatient(outpatient.Text, inputs.Outpatient, engine, outpatient.OnError, rowsRequired);
        }

        var pyramid = new Pyramid();
        var writer = new LevelsCsvWriter(levels);
        writer.WriteHeader();
        var outcome = new Outcome();
        long judgedOnPacks = 0, changed = 0, newlyEligible = 0;
        var changes = continuity?.Changes is { } changesText ? new LevelsCsvWriter(changesText) : null;
        changes?.WriteChangesHeader();
        Progress?.Classifying(engine.PersonCount);
        for (int person = 0; person < engine.PersonCount; person++)
        {
            if ((person + 1) % StratificationProgress.Step == 0)
            {
                Progress?.Classified(StratificationProgress.Step);
            }

            engine.Classify(person, outcome);
            judgedOnPacks += outcome.JudgedOnPacks ? 1 : 0;

            // Changes are the flows' own (before any approved reclassification, which both sides share).
            int? levelBefore = person < before.Length ? before[person] : null;
            if (previous is not null && levelBefore != outcome.Level)
            {
                changed++;
                newlyEligible += IsEligible(outcome.Level) && !(levelBefore is { } b && IsEligible(b)) ? 1 : 0;
                changes?.WriteChange(outcome, levelBefore);
            }

            overrides?.Apply(outcome);
            writer.Write(outcome);
            pyramid.Add(outcome);
        }

        Progress?.Classified(engine.PersonCount % StratificationProgress.Step);
        if (continuity?.KeepState is { } keep)
        {
            engine.WriteState(keep);
        }

        return new StratificationSummary(pyramid, engine.Groups, engine.PersonCount, events, rejected, clock.Elapsed)
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

    private static byte[] LevelsOf(Stratifier engine)
    {
        var levels = new byte[engine.PersonCount];
        var outcome = new Outcome();
        for (int person = 0; person < levels.Length; person++)
        {
            engine.Classify(person, outcome);
            levels[person] = (byte)outcome.Level;
        }

        return levels;
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
