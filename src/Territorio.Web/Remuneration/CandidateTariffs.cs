using System.Globalization;
using Microsoft.AspNetCore.Http;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Errors;
using Territorio.Remuneration.Tariffs;

namespace Territorio.Web.Remuneration;

/// <summary>One tariff row as the what-if form sends it: amounts as typed ("277,50" or "277.50").</summary>
public sealed class TariffEdit
{
    public int Patologia { get; set; }

    public int Livello { get; set; }

    public string? Amb { get; set; }

    public string? Far { get; set; }

    public string? Ricov { get; set; }
}

/// <summary>
/// The candidate catalogue of a what-if: a file the analyst uploads (the catalogue's JSON, or the
/// region's Excel sheet), or the catalogue in force with the rows edited on the page. Either is
/// validated as a real catalogue (totals, cents, known pathologies); every error names the file or
/// row and the field.
/// </summary>
public static class CandidateTariffs
{
    public const string SimulationId = "SIMULAZIONE";

    public static TariffCatalogue FromUpload(IFormFile file, IReadOnlySet<int> knownPathologies)
    {
        string name = Path.GetFileName(file.FileName);
        string extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is not (".json" or ".xlsx"))
        {
            throw new InputDataException(new InputError(name, 0, InputError.WholeFile, "", "formato non riconosciuto: caricare il catalogo in JSON (.json) o il foglio della Regione (.xlsx)"));
        }

        using var stream = new MemoryStream();
        file.CopyTo(stream);
        if (extension == ".json")
        {
            return TariffCatalogueJson.Read(stream.ToArray(), name, knownPathologies);
        }

        // The sheet reader opens a path: a private temporary file, removed whatever happens.
        string temporary = Path.Combine(Path.GetTempPath(), $"territorio-tariffe-{Guid.NewGuid():N}.xlsx");
        try
        {
            File.WriteAllBytes(temporary, stream.ToArray());
            return TariffSheetImporter.Import(temporary, knownPathologies);
        }
        catch (InputDataException ex)
        {
            throw new InputDataException(ex.Message.Replace(temporary, name, StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException)
        {
            throw new InputDataException(new InputError(name, 0, InputError.WholeFile, "", "il file non è un foglio Excel leggibile"));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The catalogue sent back by the page (hidden field), in the JSON layout.</summary>
    public static TariffCatalogue FromJson(string json, IReadOnlySet<int> knownPathologies) =>
        TariffCatalogueJson.Read(System.Text.Encoding.UTF8.GetBytes(json), "catalogo della simulazione", knownPathologies);

    public static string ToJson(TariffCatalogue catalogue)
    {
        var text = new StringWriter();
        TariffCatalogueJson.Write(catalogue, text);
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="baseline"/> with the edited rows' components replaced (totals recomputed);
    /// rows not edited stay as they are. Throws one <see cref="InputDataException"/> listing every bad cell.
    /// </summary>
    public static TariffCatalogue WithEdits(TariffCatalogue baseline, IReadOnlyList<TariffEdit> edits, IReadOnlySet<int> knownPathologies)
    {
        const string Form = "tariffe modificate";
        var errors = new List<string>();
        var changed = new Dictionary<(int, int), (decimal Amb, decimal Far, decimal Ricov)>();
        foreach (var edit in edits)
        {
            if (baseline.Find(edit.Patologia, edit.Livello) is null)
            {
                errors.Add($"patologia {edit.Patologia} livello {edit.Livello}: tariffa non presente nel catalogo di partenza");
                continue;
            }

            decimal? amb = Amount(edit, "amb", edit.Amb);
            decimal? far = Amount(edit, "far", edit.Far);
            decimal? ricov = Amount(edit, "ricov", edit.Ricov);
            if (amb is { } a && far is { } f && ricov is { } r)
            {
                changed[(edit.Patologia, edit.Livello)] = (a, f, r);
            }
        }

        if (errors.Count > 0)
        {
            throw new InputDataException($"tariffe modificate rifiutate: {errors.Count} errori\n" + string.Join('\n', errors.Select(e => "  " + e)));
        }

        var info = baseline.Info with { Id = SimulationId, Source = $"simulazione dell'ATS sul catalogo {baseline.Info.Label}" };
        var drafts = baseline.Rows.Select((row, i) =>
        {
            if (!changed.TryGetValue((row.Pathology, row.Level), out var c) || (c.Amb == row.Amb && c.Far == row.Far && c.Ricov == row.Ricov))
            {
                return new TariffRowDraft(i + 1, row.Pathology, row.Level, row.Amb, row.Far, row.Ricov, row.Total, row.Provisional, row.Source, row.Rationale);
            }

            var edited = row with { Amb = c.Amb, Far = c.Far, Ricov = c.Ricov };
            return new TariffRowDraft(i + 1, row.Pathology, row.Level, c.Amb, c.Far, c.Ricov, edited.Total, row.Provisional, "simulazione dell'ATS",
                $"modificata nella simulazione (era amb {row.Amb:0.00}, far {row.Far:0.00}, ricov {row.Ricov:0.00})");
        });
        return TariffCatalogue.Create(info, drafts, knownPathologies, Form);

        decimal? Amount(TariffEdit edit, string field, string? typed)
        {
            string text = (typed ?? "").Trim().Replace("€", "", StringComparison.Ordinal).Trim();
            // One decimal separator, comma or point; no thousands separators (they would be ambiguous).
            if (text.Count(c => c is ',' or '.') <= 1
                && decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
                && Euro.IsWholeCents(value))
            {
                return value;
            }

            errors.Add($"patologia {edit.Patologia} livello {edit.Livello}, {field}: '{typed}' non è un importo valido (un numero ≥ 0 al centesimo, es. 277,50)");
            return null;
        }
    }
}
