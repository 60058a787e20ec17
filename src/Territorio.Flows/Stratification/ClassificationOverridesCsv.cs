using System.Globalization;
using Territorio.Flows.Files;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;

namespace Territorio.Flows.Stratification;

/// <summary>
/// The ATS-approved reclassifications as a file (<c>territorio reclassifications export</c> writes
/// it, <c>territorio stratify --overrides</c> reads it; decision 0054):
/// <c>person_id,level,main_pathology,pathologies,decided_on,reference,reason</c>; pathologies are
/// catalogue codes, main first, <c>|</c>-separated. A bad row stops the stratification: applying
/// only some of the Commission's decisions would be worse than none; every bad row is reported.
/// </summary>
public static class ClassificationOverridesCsv
{
    public static readonly string[] Columns = ["person_id", "level", "main_pathology", "pathologies", "decided_on", "reference", "reason"];

    public static void Write(TextWriter writer, IEnumerable<ClassificationOverride> overrides)
    {
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        foreach (var o in overrides)
        {
            string[] fields =
            [
                o.PersonId, o.Level.ToString(CultureInfo.InvariantCulture), o.MainPathology?.ToString(CultureInfo.InvariantCulture) ?? "",
                string.Join('|', o.Pathologies.Select(p => p.ToString(CultureInfo.InvariantCulture))), o.DecidedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                o.Reference, o.Reason,
            ];
            writer.Write(string.Join(',', fields.Select(CsvCells.Text)));
            writer.Write('\n');
        }
    }

    public static IReadOnlyList<ClassificationOverride> Read(TextReader text, string fileName, PathologyCatalogue catalogue)
    {
        var overrides = new List<ClassificationOverride>();
        var errors = new List<InputError>();
        var persons = new HashSet<string>(StringComparer.Ordinal);
        using var csv = FlowCsv.Open(text, fileName, Columns);
        while (csv.Read())
        {
            InputError? error = null;
            string person = csv.Field(0).ToString();
            var levelText = csv.Field(1);
            string main = csv.Field(2).ToString();
            var pathologies = new List<int>();
            foreach (var range in csv.Field(3).Split('|'))
            {
                var code = csv.Field(3)[range].Trim();
                if (code.IsEmpty)
                {
                    continue;
                }

                if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && catalogue.Find(value) is not null)
                {
                    pathologies.Add(value);
                }
                else
                {
                    error ??= csv.Error(3, code, "patologia non presente nel catalogo regionale");
                }
            }

            var decidedOn = csv.Date(4, required: true, ref error);
            string reference = csv.Field(5).ToString();
            string reason = csv.Field(6).ToString();
            if (person.Length == 0)
            {
                error ??= csv.Error(0, person, "persona obbligatoria");
            }
            else if (!persons.Add(person))
            {
                error ??= csv.Error(0, person, "persona ripetuta: una sola riclassificazione in vigore per persona");
            }

            if (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out int level) || level is < 1 or > 5)
            {
                error ??= csv.Error(1, levelText, "livello atteso da 1 a 5");
            }
            else if (level <= 3 && main.Length == 0)
            {
                error ??= csv.Error(2, main, $"al livello {level} serve la patologia principale");
            }

            if (main.Length > 0)
            {
                if (int.TryParse(main, NumberStyles.None, CultureInfo.InvariantCulture, out int mainCode) && pathologies.Remove(mainCode))
                {
                    pathologies.Insert(0, mainCode); // main first, as the engine writes pathologies
                }
                else
                {
                    error ??= csv.Error(2, main, "la patologia principale deve essere tra le patologie");
                }
            }

            if (reference.Length == 0)
            {
                error ??= csv.Error(5, reference, "riferimento della decisione obbligatorio");
            }

            if (reason.Length == 0)
            {
                error ??= csv.Error(6, reason, "motivo obbligatorio");
            }

            if (error is null)
            {
                overrides.Add(new ClassificationOverride(person, level, pathologies, decidedOn!.Value, reference, reason));
            }
            else
            {
                errors.Add(error);
            }
        }

        return errors.Count == 0
            ? overrides
            : throw new InputDataException($"file delle riclassificazioni rifiutato ({fileName}): {errors.Count} righe errate, nessuna applicata\n" + string.Join('\n', errors.Select(e => "  " + e)));
    }
}
