using System.Diagnostics;
using Territorio.Flows.Files;
using Territorio.Flows.Reference;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;

namespace Territorio.Flows.Stratification;

/// <summary>The five input flows of a stratification, one file each.</summary>
public sealed record StratificationInputs(string Persons, string Sdo, string Drugs, string Exemptions, string Outpatient);

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
                    // Two rows for one person: which is right is not ours to guess.
                    throw new InputDataException(new InputError(inputs.Persons, line, "person_id", resident.Id, "persona ripetuta (già in una riga precedente): anagrafe rifiutata"));
                }
            }
        }

        long events = ReadSdo(inputs.Sdo, engine, Reject);
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

        CheckedTextStream.CheckHead(path);
        foreach (var record in new SdoCsvReader(reference.Icd9Cm).ReadFile(path, OnError))
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

    private static StreamReader Open(string path) => CheckedTextStream.OpenText(path);
}
