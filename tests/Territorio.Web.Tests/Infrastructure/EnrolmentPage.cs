using Microsoft.Playwright;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>The Gestore's enrolment page as a case manager uses it: find the patient, then sign.</summary>
public static class EnrolmentPage
{
    public const string SearchLabel = "Paziente: cognome e nome, codice fiscale o codice assistito";

    /// <summary>Searches <paramref name="text"/>; an exact id or codice fiscale opens the signature form.</summary>
    public static async Task FindPatientAsync(IPage page, string text)
    {
        await page.GetByLabel(SearchLabel).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerca il paziente" }).ClickAsync();
    }
}
