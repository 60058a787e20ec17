using System.Globalization;
using Territorio.Flows.Files;
using Territorio.Kernel.Errors;
using Territorio.Remuneration.Yearly;

namespace Territorio.Flows.Remuneration;

/// <summary>
/// Pact periods from a CSV file (<c>territorio remunerate --pacts FILE</c>; columns in
/// docs/remuneration.md). The whole file is checked first: any bad row stops the run, and every
/// bad row is reported with its line and field.
/// </summary>
public sealed class PactPeriodCsv(string path) : IPactPeriodSource
{
    public static readonly string[] Columns =
        ["pact_id", "patient_id", "gestore_id", "ats_id", "mmg_id", "mmg_role", "start", "end", "pathology", "level", "death_date", "pai_mmg"];

    /// <summary>The file's codes for <see cref="MmgRole"/>.</summary>
    public static readonly IReadOnlyDictionary<string, MmgRole> Roles = new Dictionary<string, MmgRole>(StringComparer.OrdinalIgnoreCase)
    {
        ["membro_gestore"] = MmgRole.GestoreMember,
        ["collaboratore"] = MmgRole.Collaborator,
        ["informato"] = MmgRole.BusinessAsUsual,
    };

    public async IAsyncEnumerable<PactPeriod> ReadAsync(int year, string? atsId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        foreach (var period in await ReadAllAsync(cancellationToken))
        {
            if ((atsId is null || period.AtsId == atsId) && period.Start <= yearEnd && (period.End ?? DateOnly.MaxValue) >= yearStart)
            {
                yield return period;
            }
        }
    }

    public Task<List<PactPeriod>> ReadAllAsync(CancellationToken cancellationToken) => Task.FromResult(ReadAll(cancellationToken));

    /// <summary>Every period of the file, or an <see cref="InputDataException"/> listing every bad row.</summary>
    public List<PactPeriod> ReadAll(CancellationToken cancellationToken)
    {
        var periods = new List<PactPeriod>();
        var errors = new List<InputError>();
        using var csv = FlowCsv.OpenFile(path, Columns);
        var pacts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            long line = csv.Line;
            int before = errors.Count;
            string Get(int column) => csv.Text(column);
            string Required(int column)
            {
                string value = Get(column);
                if (value.Length == 0)
                {
                    errors.Add(new InputError(path, line, Columns[column], "", "valore obbligatorio"));
                }

                return value;
            }

            DateOnly? Date(int column, bool required)
            {
                string value = required ? Required(column) : Get(column);
                if (value.Length == 0)
                {
                    return null;
                }

                if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                errors.Add(new InputError(path, line, Columns[column], value, "data non valida (AAAA-MM-GG)"));
                return null;
            }

            int Integer(int column, bool required)
            {
                string value = required ? Required(column) : Get(column);
                if (value.Length == 0)
                {
                    return 0;
                }

                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
                {
                    return number;
                }

                errors.Add(new InputError(path, line, Columns[column], value, "intero non negativo atteso"));
                return 0;
            }

            if (csv.Field(0) is { IsEmpty: false } id && !pacts.TryAdd(id.ToString(), line))
            {
                throw csv.Duplicate(0, id, pacts[id.ToString()]);
            }

            string pact = Required(0), patient = Required(1), gestore = Required(2), ats = Required(3), mmg = Get(4), roleText = Get(5);
            var start = Date(6, required: true);
            var end = Date(7, required: false);
            int pathology = Integer(8, required: true);
            int level = Integer(9, required: true);
            var death = Date(10, required: false);
            int pais = Integer(11, required: false);
            var role = MmgRole.BusinessAsUsual;
            if (roleText.Length > 0 && !Roles.TryGetValue(roleText, out role))
            {
                errors.Add(new InputError(path, line, "mmg_role", roleText, $"ruolo non valido: {string.Join(", ", Roles.Keys)}"));
            }
            else if (role != MmgRole.BusinessAsUsual && mmg.Length == 0)
            {
                errors.Add(new InputError(path, line, "mmg_id", "", $"manca l'MMG per il ruolo {roleText}"));
            }

            if (errors.Count == before)
            {
                periods.Add(new PactPeriod(pact, patient, gestore, ats, mmg.Length == 0 ? null : mmg, role, start!.Value, end, pathology, level, death, pais));
            }
        }

        if (errors.Count > 0)
        {
            throw new InputDataException($"file dei patti rifiutato ({path}): {errors.Count} errori\n" + string.Join('\n', errors.Select(e => "  " + e)));
        }

        return periods;
    }
}
