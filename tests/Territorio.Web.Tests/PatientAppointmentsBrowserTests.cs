using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The patient's own page in a real Chromium lists their appointments by what and where, in words:
/// the service's description with its code, the erogatore's name ("people, not codes").
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PatientAppointmentsBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task PatientPage_NamesTheServiceAndTheErogatore_OfEachAppointment()
    {
        var patient = await web.NewPageAsync();
        await web.SignInAsync(patient, Territory.A.UserOf(TerritorioRoles.Paziente));
        await patient.GotoAsync("/Paziente/Percorso");

        var appointment = patient.GetByTestId("appuntamento").First;
        // "04/12/2026 alle 10:00: ELETTROCARDIOGRAMMA (89.52) presso Poliambulatorio A (prenotata)"
        await Assertions.Expect(appointment).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@": [A-Z][A-Z ,'\-]+ \((" + string.Join('|', CareSeed.Services.Select(System.Text.RegularExpressions.Regex.Escape)) + @")\) presso Poliambulatorio A"));
        await Assertions.Expect(appointment).Not.ToContainTextAsync($"presso {Territory.A.Erogatore} ");
        (await appointment.InnerTextAsync()).ShouldNotContain(": prestazione (");
        await BrowserFixture.ScreenshotAsync(patient, "paziente-appuntamenti");
        await patient.Context.CloseAsync();
    }
}
