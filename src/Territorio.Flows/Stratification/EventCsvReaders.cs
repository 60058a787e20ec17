using Territorio.Kernel.Codes;
using Territorio.Flows.Files;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Engine;

namespace Territorio.Flows.Stratification;

/// <summary>
/// Readers of the flows that feed a <see cref="Stratifier"/> row by row, without allocating per
/// row. Each bad row (unknown person, bad date, unknown code, bad number) is reported with file,
/// line, column and reason, and skipped. They return the number of rows accepted.
/// </summary>
public static class EventCsvReaders
{
    public static readonly string[] DrugColumns = ["person_id", "date", "atc", "packs", "ddd"];

    public static readonly string[] ExemptionColumns = ["person_id", "code", "start_date", "end_date"];

    public static readonly string[] OutpatientColumns = ["person_id", "date", "code"];

    /// <summary><c>drugs.csv</c>: territorial pharmacy and direct distribution.</summary>
    public static long ReadDrugs(TextReader text, string fileName, Stratifier engine, Action<InputError> onError) =>
        ReadRows(text, fileName, DrugColumns, engine, onError, static (csv, engine, person, ref error) =>
        {
            var date = csv.Date(1, required: true, ref error);
            var atc = csv.Field(2);
            if (!AtcCode.IsValid(atc))
            {
                error ??= csv.Error(2, atc, "codice ATC sconosciuto (atteso L-NN-L-L-NN con gruppo anatomico noto)");
            }

            double packs = csv.Number(3, ref error);
            double ddd = csv.Number(4, ref error);
            if (error is null)
            {
                engine.AddDispensing(person, date!.Value, atc, packs, ddd);
            }
        });

    /// <summary><c>exemptions.csv</c>: co-payment exemptions (DM 329/1999); end_date may be empty.</summary>
    public static long ReadExemptions(TextReader text, string fileName, Stratifier engine, Action<InputError> onError) =>
        ReadRows(text, fileName, ExemptionColumns, engine, onError, static (csv, engine, person, ref error) =>
        {
            var code = csv.Field(1);
            if (!ExemptionCode.IsValid(code))
            {
                error ??= csv.Error(1, code, "codice di esenzione non valido (3-6 lettere maiuscole o cifre)");
            }

            var start = csv.Date(2, required: true, ref error);
            var end = csv.Date(3, required: false, ref error);
            if (error is null && end < start)
            {
                error = csv.Error(3, csv.Field(3), "fine precedente all'inizio");
            }

            if (error is null)
            {
                engine.AddExemption(person, code, start!.Value, end);
            }
        });

    /// <summary><c>outpatient.csv</c>: outpatient services by nomenclator code.</summary>
    public static long ReadOutpatient(TextReader text, string fileName, Stratifier engine, Action<InputError> onError) =>
        ReadRows(text, fileName, OutpatientColumns, engine, onError, static (csv, engine, person, ref error) =>
        {
            var date = csv.Date(1, required: true, ref error);
            var code = csv.Field(2);
            if (!OutpatientCode.IsValid(code))
            {
                error ??= csv.Error(2, code, "codice di prestazione non valido (cifre, lettere maiuscole e punti)");
            }

            if (error is null)
            {
                engine.AddOutpatient(person, date!.Value, code);
            }
        });

    private delegate void RowHandler(FlowCsv csv, Stratifier engine, int person, ref InputError? error);

    private static long ReadRows(TextReader text, string fileName, string[] columns, Stratifier engine, Action<InputError> onError, RowHandler handle)
    {
        using var csv = FlowCsv.Open(text, fileName, columns);
        long accepted = 0;
        while (csv.Read())
        {
            InputError? error = null;
            var id = csv.Field(0);
            if (!engine.TryFindPerson(id, out int person))
            {
                error = csv.Error(0, id, id.IsEmpty ? "campo obbligatorio vuoto" : "persona assente da persons.csv");
            }

            // The handler parses the other fields even when the person is unknown, but only the
            // first error is kept and nothing reaches the engine.
            handle(csv, engine, person, ref error);
            if (error is null)
            {
                accepted++;
            }
            else
            {
                onError(error);
            }
        }

        return accepted;
    }
}
