using System.Globalization;
using Territorio.Stratification.Engine;

namespace Territorio.Flows.Stratification;

/// <summary>
/// Writes <c>levels.csv</c>: <c>person_id,level,main_pathology,pathologies,evidence,reclassification</c>.
/// <c>pathologies</c> are catalogue codes, main first, <c>|</c>-separated; <c>evidence</c> is
/// <c>pathology=source:code:date;…</c> per pathology (a drug evidence judged on packs because DDDs were not loaded ends with
/// <see cref="PacksInsteadOfDddNote"/>), <c>|</c>-separated. A person who died
/// before the as-of date has an empty level and evidence <c>deceased:date</c>. <c>reclassification</c>
/// is empty, or names the approved reclassification that replaced the engine's level, with its
/// reason (the evidence is still the flows').
/// </summary>
public sealed class LevelsCsvWriter(TextWriter writer)
{
    public const string Header = "person_id,level,main_pathology,pathologies,evidence,reclassification";

    /// <summary>Appended to a drug evidence whose DDD threshold was judged on packs.</summary>
    public const string PacksInsteadOfDddNote = ":confezioni (DDD non caricate)";

    private readonly char[] _buffer = new char[16];

    public void WriteHeader() => writer.WriteLine(Header);

    public void Write(Outcome outcome)
    {
        WriteId(outcome.PersonId);
        writer.Write(',');
        if (outcome.IsExcluded)
        {
            writer.Write(",,,deceased:");
            WriteDate(outcome.DeathDate!.Value);
            writer.WriteLine(',');
            return;
        }

        WriteInt(outcome.Level);
        writer.Write(',');
        if (outcome.MainPathology is { } main)
        {
            WriteInt(main);
        }

        writer.Write(',');
        for (int i = 0; i < outcome.Pathologies.Count; i++)
        {
            if (i > 0)
            {
                writer.Write('|');
            }

            WriteInt(outcome.Pathologies[i]);
        }

        writer.Write(',');
        WriteEvidence(outcome);
        writer.Write(',');
        if (outcome.AppliedOverride is not null)
        {
            writer.Write(Remuneration.RemunerationExport.Quoted(outcome.Reason));
        }

        writer.WriteLine();
    }

    public const string ChangesHeader = "person_id,level_before,level_after,evidence";

    public void WriteChangesHeader() => writer.WriteLine(ChangesHeader);

    /// <summary>A row of an update's changes file: who moved from which level (empty: new or deceased) to which, and why now.</summary>
    public void WriteChange(Outcome outcome, int? levelBefore)
    {
        WriteId(outcome.PersonId);
        writer.Write(',');
        if (levelBefore is > 0)
        {
            WriteInt(levelBefore.Value);
        }

        writer.Write(',');
        if (outcome.IsExcluded)
        {
            writer.Write(",deceased:");
            WriteDate(outcome.DeathDate!.Value);
            writer.WriteLine();
            return;
        }

        WriteInt(outcome.Level);
        writer.Write(',');
        WriteEvidence(outcome);
        writer.WriteLine();
    }

    private void WriteEvidence(Outcome outcome)
    {
        int current = -1;
        foreach (var evidence in outcome.Evidence)
        {
            if (evidence.Pathology != current)
            {
                if (current != -1)
                {
                    writer.Write('|');
                }

                current = evidence.Pathology;
                WriteInt(current);
                writer.Write('=');
            }
            else
            {
                writer.Write(';');
            }

            writer.Write(evidence.SourceName);
            writer.Write(':');
            writer.Write(evidence.Code);
            writer.Write(':');
            WriteDate(evidence.Date);
            if (evidence.PacksInsteadOfDdd)
            {
                writer.Write(PacksInsteadOfDddNote);
            }
        }

    }

    private void WriteId(string id)
    {
        // An identifier from the input may look like a formula (Files.CsvCells).
        if (Files.CsvCells.IsFormulaLike(id))
        {
            writer.Write(Files.CsvCells.Text(id));
            return;
        }

        if (id.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(id);
            return;
        }

        writer.Write('"');
        writer.Write(id.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private void WriteInt(int value)
    {
        value.TryFormat(_buffer, out int written, default, CultureInfo.InvariantCulture);
        writer.Write(_buffer, 0, written);
    }

    private void WriteDate(DateOnly date)
    {
        // "O" is yyyy-MM-dd for a date, without the custom-format parser.
        date.TryFormat(_buffer, out int written, "O", CultureInfo.InvariantCulture);
        writer.Write(_buffer, 0, written);
    }
}
