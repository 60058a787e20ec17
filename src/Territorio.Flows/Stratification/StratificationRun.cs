using System.Diagnostics;
using Territorio.Flows.Reference;
using Territorio.Flows.Layouts;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;

namespace Territorio.Flows.Stratification;

/// <summary>The five input flows of a stratification, one file each.</summary>
/// <param name="SdoLayout">A region's layout of its SDO file (docs/flow-layouts.md); null: Territorio's own columns.</param>
public sealed record StratificationInputs(string Persons, string Sdo, string Drugs, string Exemptions, string Outpatient, string? SdoLayout = null);

/// <summary>What a run did: the pyramid, how many rows were read and rejected, how long it took.</summary>
public sealed record StratificationSummary(Pyramid Pyramid, IReadOnlyList<string> Groups, long Persons, long Events, long Rejected, TimeSpan Elapsed)
{
    /// <summary>The approved reclassifications given to the run: how many applied, which skipped and why.</summary>
    public ClassificationOverrides? Overrides { get; init; }
}

/// <summary>
/// Reads the five flows (persons first, then SDO, drugs, exemptions, outpatient), stratifies every
/// person and writes <c>levels.csv</c> in the order of <c>persons.csv</c>, one row per valid person.
/// Approved reclassifications, when given, replace the engine's level and pathologies of their
/// persons (decision 0054), and the row says so.
/// </summary>
public sealed class StratificationRun(ReferenceData reference)
{
    public StratificationSummary Run(StratificationInputs inputs, StratificationCriteria criteria, DateOnly asOf, TextWriter levels, Action<InputError> onError, ClassificationOverrides? overrides = null)
    {
        var clock = Stopwatch.StartNew();
        var engine = new Stratifier(criteria, asOf);
        long rejected = 0;
        void Reject(InputError error)
        {
            rejected++;
            onError(error);
        }

        using (var persons = Open(inputs.Persons))
        {
            foreach (var (resident, line) in PersonsCsvReader.Read(persons, inputs.Persons, Reject))
            {
                if (!engine.TryAddPerson(resident.Id, resident.BirthDate, resident.DeathDate, resident.Ats, resident.MmgId ?? ""))
                {
                    Reject(new InputError(inputs.Persons, line, "person_id", resident.Id, "persona duplicata (già presente in una riga precedente)"));
                }
            }
        }

        long events = ReadSdo(inputs.Sdo, inputs.SdoLayout, engine, Reject);
        using (var drugs = Open(inputs.Drugs))
        {
            events += EventCsvReaders.ReadDrugs(drugs, inputs.Drugs, engine, Reject);
        }

        using (var exemptions = Open(inputs.Exemptions))
        {
            events += EventCsvReaders.ReadExemptions(exemptions, inputs.Exemptions, engine, Reject);
        }

        using (var outpatient = Open(inputs.Outpatient))
        {
            events += EventCsvReaders.ReadOutpatient(outpatient, inputs.Outpatient, engine, Reject);
        }

        var pyramid = new Pyramid();
        var writer = new LevelsCsvWriter(levels);
        writer.WriteHeader();
        var outcome = new Outcome();
        for (int person = 0; person < engine.PersonCount; person++)
        {
            engine.Classify(person, outcome);
            overrides?.Apply(outcome);
            writer.Write(outcome);
            pyramid.Add(outcome);
        }

        return new StratificationSummary(pyramid, engine.Groups, engine.PersonCount, events, rejected, clock.Elapsed) { Overrides = overrides };
    }

    /// <summary>The SDO file, rewritten first when a region's layout names other columns (issue 19).</summary>
    private long ReadSdo(string path, string? layoutPath, Stratifier engine, Action<InputError> onError)
    {
        var layout = layoutPath is null ? null : FlowLayout.Load(layoutPath, FlowSchema.Sdo);
        if (layout is not { IsCanonical: false })
        {
            return ReadSdo(path, engine, onError);
        }

        using var translation = LayoutTranslation.Translate(path, layout);
        foreach (var error in translation.Errors)
        {
            onError(error with { File = path });
        }

        return ReadSdo(translation.Path, engine, error => onError(translation.ToSource(error) with { File = path }));
    }

    private long ReadSdo(string path, Stratifier engine, Action<InputError> onError)
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

        foreach (var record in new SdoCsvReader(reference.Icd9Cm, reference.DiagnosisMdc).ReadFile(path, OnError))
        {
            line++;
            if (engine.TryFindPerson(record.PatientId, out int person))
            {
                engine.AddDischarge(person, record);
                accepted++;
            }
            else
            {
                onError(new InputError(path, line, "patient_id", record.PatientId, "persona assente da persons.csv"));
            }
        }

        return accepted;
    }

    private static StreamReader Open(string path) =>
        new(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
}
