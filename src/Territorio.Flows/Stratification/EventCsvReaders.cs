using Territorio.Flows.Files;
using Territorio.Kernel.Codes;
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
    /// <summary>
    /// A drugs file carries <c>atc</c> (with <c>ddd</c> when known) or, as the regional flows do,
    /// only the pack's <c>aic</c>: <c>person_id,date,aic,packs</c>.
    /// </summary>
    public static readonly string[] DrugColumns = ["person_id", "date", "atc", "packs", "ddd", "aic"];

    // Required of every drugs file; the others (from index 2 on) depend on its coding.
    private static readonly string[] DrugRequired = ["person_id", "date"];

    private static readonly string[] DrugOptional = DrugColumns[DrugRequired.Length..];

    public static readonly string[] ExemptionColumns = ["person_id", "code", "start_date", "end_date"];

    public static readonly string[] OutpatientColumns = ["person_id", "date", "code"];

    /// <summary><c>drugs.csv</c>: territorial pharmacy and direct distribution, by ATC or by AIC.</summary>
    public static long ReadDrugs(TextReader text, string fileName, Stratifier engine, Action<InputError> onError, DrugCoding? coding = null, bool rowsRequired = true)
    {
        using var csv = FlowCsv.Open(text, fileName, DrugRequired, DrugOptional);
        csv.RowsRequired = rowsRequired;
        if (!csv.Has(3))
        {
            throw new InputDataException(new InputError(fileName, 1, "packs", "", "colonna mancante nell'intestazione"));
        }

        coding ??= new DrugCoding(null);
        if (csv.Has(5))
        {
            coding.NoteAicFlow(fileName);
            return ReadRows(csv, engine, onError, coding, static (csv, engine, person, coding, ref error) =>
            {
                var date = csv.Date(1, required: true, ref error);
                var aic = csv.Field(5);
                if (!AicCode.IsValid(aic))
                {
                    error ??= csv.Error(5, aic, "codice AIC non valido (attese 9 cifre)");
                }

                double packs = csv.Number(3, ref error);
                if (error is not null)
                {
                    return;
                }

                if (coding.TryFind(aic, person, out var pack))
                {
                    engine.AddDispensing(person, date!.Value, pack.Atc, packs, packs * pack.DddPerPack);
                }
                else
                {
                    // Not in the map: no chronic evidence, still a use of services.
                    engine.AddUse(person, date!.Value);
                }
            });
        }

        if (!csv.Has(2))
        {
            throw new InputDataException(new InputError(fileName, 1, "atc", "", "colonna mancante nell'intestazione (attesa atc, o aic per i flussi per confezione)"));
        }

        return ReadRows(csv, engine, onError, coding, static (csv, engine, person, coding, ref error) =>
        {
            var date = csv.Date(1, required: true, ref error);
            var atc = csv.Field(2);
            if (!AtcCode.IsValid(atc))
            {
                error ??= csv.Error(2, atc, "codice ATC sconosciuto (atteso L-NN-L-L-NN con gruppo anatomico noto)");
            }

            double packs = csv.Number(3, ref error);
            double ddd = csv.Has(4) ? csv.Number(4, ref error) : double.NaN;
            if (error is null)
            {
                engine.AddDispensing(person, date!.Value, atc, packs, ddd);
            }
        });
    }

    /// <summary><c>exemptions.csv</c>: co-payment exemptions (DM 329/1999, DPCM 12/1/2017 all. 8) as issued; end_date may be empty.</summary>
    public static long ReadExemptions(TextReader text, string fileName, Stratifier engine, Action<InputError> onError, bool rowsRequired = true) =>
        ReadRows(text, fileName, ExemptionColumns, engine, onError, rowsRequired, static (csv, engine, person, ref error) =>
        {
            var code = csv.Field(1);
            if (!ExemptionCode.IsValid(code))
            {
                error ??= csv.Error(1, code, "codice di esenzione non valido (3-6 lettere maiuscole o cifre, poi un eventuale sotto-codice dopo il punto: 013.250)");
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
    public static long ReadOutpatient(TextReader text, string fileName, Stratifier engine, Action<InputError> onError, bool rowsRequired = true) =>
        ReadRows(text, fileName, OutpatientColumns, engine, onError, rowsRequired, static (csv, engine, person, ref error) =>
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

    private delegate void RowHandler<TState>(FlowCsv csv, Stratifier engine, int person, TState state, ref InputError? error);

    private static long ReadRows(TextReader text, string fileName, string[] columns, Stratifier engine, Action<InputError> onError, bool rowsRequired, RowHandler handle)
    {
        using var csv = FlowCsv.Open(text, fileName, columns);
        csv.RowsRequired = rowsRequired;
        return ReadRows(csv, engine, onError, handle, static (csv, engine, person, handle, ref error) => handle(csv, engine, person, ref error));
    }

    private static long ReadRows<TState>(FlowCsv csv, Stratifier engine, Action<InputError> onError, TState state, RowHandler<TState> handle)
    {
        long accepted = 0;
        // The flows come grouped by person (a person's rows one after another): the row's person
        // is most often the previous row's, found by comparing the id instead of hashing it.
        string lastId = "";
        int lastPerson = -1;
        while (csv.Read())
        {
            InputError? error = null;
            var id = csv.Field(0);
            int person = lastPerson;
            if (!id.SequenceEqual(lastId) || lastPerson < 0)
            {
                if (engine.TryFindPerson(id, out person))
                {
                    lastId = engine.IdOf(person);
                    lastPerson = person;
                }
                else
                {
                    error = csv.Error(0, id, id.IsEmpty ? "campo obbligatorio vuoto" : "persona assente da persons.csv");
                }
            }

            // The handler parses the other fields even when the person is unknown, but only the
            // first error is kept and nothing reaches the engine.
            handle(csv, engine, person, state, ref error);
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
