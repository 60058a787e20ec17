using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Flows.Printing;
using Territorio.Flows.Remuneration;
using Territorio.Remuneration.Yearly;
using Territorio.Web.Remuneration;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

/// <summary>The ATS's yearly remuneration of the Gestori and GPs of its own territory, with the exports.</summary>
public sealed class RemunerazioneModel(RemunerationQuery query, TimeProvider clock, Microsoft.Extensions.Configuration.IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Anno { get; set; }

    public int Year => Anno ?? ItalianTime.Today(clock).Year;

    public string Ats { get; private set; } = "";

    public string? Error { get; private set; }

    public RemunerationResult? Result { get; private set; }

    public PartyNames Names { get; private set; } = PartyNames.None;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RunAsync(ct) is { } result)
        {
            Names = await query.NamesAsync(result, Ats, ct);
        }

        return Page();
    }

    /// <summary>"Name (code)", the code alone when no registry names it.</summary>
    public static string Named(string name, string code) => name.Length > 0 ? $"{name} ({code})" : code;

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await RunAsync(ct) is not { } result)
        {
            return NotFound();
        }

        var text = new StringWriter();
        RemunerationExport.WriteCsv(RemunerationTables.Of(result, names: await query.NamesAsync(result, Ats, ct)).First(t => t.Name == "righe"), text);
        return File(new UTF8Encoding(false).GetBytes(text.ToString()), "text/csv", $"remunerazione-{Ats}-{Year}-righe.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (await RunAsync(ct) is not { } result)
        {
            return NotFound();
        }

        var workbook = new MemoryStream();
        RemunerationExport.WriteXlsx(RemunerationTables.Of(result, names: await query.NamesAsync(result, Ats, ct)), workbook);
        return File(workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"remunerazione-{Ats}-{Year}.xlsx");
    }

    public async Task<IActionResult> OnGetPdfAsync(string? gestore, CancellationToken ct)
    {
        // Only a Gestore paid in this ATS's territory has a statement here.
        if (await RunAsync(ct) is not { } result || result.Gestori.FirstOrDefault(g => g.GestoreId == gestore) is not { } statement)
        {
            return NotFound();
        }

        if (!PdfLicense.TryApply(configuration[PdfLicense.SettingKey]))
        {
            return StatusCode(StatusCodes.Status503ServiceUnavailable, PdfLicense.MissingMessage);
        }

        var pdf = new MemoryStream();
        GestoreStatementPdf.Write(statement, result, pdf, query.Settings.FontDirectory, await query.NamesAsync(result, Ats, ct));
        return File(pdf.ToArray(), "application/pdf", $"estratto-{statement.GestoreId}-{Year}.pdf");
    }

    public static string Money(decimal amount) => ItalianFormat.Euro(amount);

    private async Task<RemunerationResult?> RunAsync(CancellationToken ct)
    {
        Ats = Actor.From(User).Ats;
        if (!RemunerationQuery.IsValidYear(Year))
        {
            Error = $"Anno non valido: indicare un anno tra {RemunerationQuery.FirstYear} e {RemunerationQuery.LastYear}.";
            return null;
        }

        Result = await query.RunAsync(Year, Ats, ct);
        if (Result is null)
        {
            Error = $"Il catalogo {query.Settings.Catalogue.Info.Label} non copre tutto l'anno {Year}: nessun pagamento calcolabile.";
        }

        return Result;
    }
}
