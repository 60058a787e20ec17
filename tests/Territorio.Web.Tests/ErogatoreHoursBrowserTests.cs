using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Network;
using Territorio.Data;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The erogatore's "Orari e chiusure" page in a real Chromium: weekly hours, slot length, closures,
/// each refusal in Italian, the agenda's slots following at once, and another erogatore's id refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErogatoreHoursBrowserTests(BrowserFixture web)
{
    private static readonly string Service = CareSeed.Services[0];

    [Fact]
    public async Task Erogatore_EditsHoursSlotLengthAndClosures_IsRefusedInItalian_AndTheAgendaFollows()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, CareSeed.HoursErogatoreUser);
        await page.GotoAsync("/Erogatore/Orari");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Centro prelievi Orari (EO)");

        foreach (string day in new[] { "lunedì", "martedì", "mercoledì", "giovedì", "venerdì" })
        {
            await page.GetByLabel($"Apertura di {day}").FillAsync("08:00");
            await page.GetByLabel($"Chiusura di {day}").FillAsync("10:00");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Salva l'orario" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("Orario settimanale salvato");
        (await FutureSlotsAsync()).ShouldAllBe(s => s.Start >= new TimeOnly(8, 0) && s.Start <= new TimeOnly(9, 30) && s.DurationMinutes == 30
            && s.Date.DayOfWeek != DayOfWeek.Saturday && s.Date.DayOfWeek != DayOfWeek.Sunday);

        await page.GetByLabel("Apertura di mercoledì").FillAsync("14:00");
        await page.GetByLabel("Chiusura di mercoledì").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva l'orario" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("orario di mercoledì non valido: la chiusura (09:00) deve seguire l'apertura (14:00)");

        var slot = page.GetByTestId($"prestazione-{Service}");
        await SlotLengthAsync(slot, "0");
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("non valida: 0 minuti");
        await SlotLengthAsync(slot, "180");
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("più lungo dell'apertura di ogni giorno (al massimo 120 minuti)");
        await SlotLengthAsync(slot, "60");
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync($"Slot della prestazione {Service} di 60 minuti");
        (await FutureSlotsAsync()).ShouldAllBe(s => s.DurationMinutes == 60 && (s.Start == new TimeOnly(8, 0) || s.Start == new TimeOnly(9, 0)));

        var from = web.SeedDay.AddDays(10);
        await CloseAsync(page, from, from.AddDays(-1), "lavori");
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("precede l'inizio");
        await CloseAsync(page, from, from.AddDays(2), "lavori di manutenzione");
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("Chiusura dal");
        await CloseAsync(page, from.AddDays(2), from.AddDays(4), "disinfestazione");
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("si sovrappone a quella dal");
        await CloseAsync(page, from.AddDays(5), from.AddDays(5), "");
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("motivo della chiusura");
        var closure = page.GetByTestId($"chiusura-{from:yyyy-MM-dd}");
        await Assertions.Expect(closure).ToContainTextAsync("lavori di manutenzione");
        await BrowserFixture.ScreenshotAsync(page, "30-erogatore-orari-e-chiusure");

        await closure.GetByRole(AriaRole.Button, new() { Name = "Revoca la chiusura" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("revocata");
        await Assertions.Expect(closure).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherErogatoresId_InTheForm_IsAnswered404_AndNothingChanges()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, CareSeed.HoursErogatoreUser);
        await page.GotoAsync("/Erogatore/Orari");
        var form = page.GetByTestId("nuova-chiusura");
        await form.Locator("input[name=erogatoreId]").EvaluateAsync($"e => e.value = '{Territory.A.Erogatore}'");
        await form.GetByLabel("Chiuso dal").FillAsync(ItalianFormat.Date(web.SeedDay.AddDays(20)));
        await form.GetByLabel("Fino al").FillAsync(ItalianFormat.Date(web.SeedDay.AddDays(20)));
        await form.GetByLabel("Motivo").FillAsync("chiusura altrui");

        var response = await page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Aggiungi la chiusura" }).ClickAsync(),
            r => r.Request.Method == "POST");

        response.Status.ShouldBe(404);
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        (await db.Set<Closure>().AnyAsync(c => c.Reason == "chiusura altrui", TestContext.Current.CancellationToken)).ShouldBeFalse();
        await page.Context.CloseAsync();
    }

    private static async Task SlotLengthAsync(ILocator row, string minutes)
    {
        await row.GetByLabel("Minuti").FillAsync(minutes);
        await row.GetByRole(AriaRole.Button, new() { Name = "Salva la durata" }).ClickAsync();
    }

    private static async Task CloseAsync(IPage page, DateOnly from, DateOnly to, string reason)
    {
        var form = page.GetByTestId("nuova-chiusura");
        await form.GetByLabel("Chiuso dal").FillAsync(ItalianFormat.Date(from));
        await form.GetByLabel("Fino al").FillAsync(ItalianFormat.Date(to));
        await form.GetByLabel("Motivo").FillAsync(reason);
        await form.GetByRole(AriaRole.Button, new() { Name = "Aggiungi la chiusura" }).ClickAsync();
    }

    private async Task<List<AgendaSlot>> FutureSlotsAsync()
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var tomorrow = web.SeedDay.AddDays(1);
        var slots = await db.Set<AgendaSlot>().AsNoTracking().Where(s => s.ErogatoreId == CareSeed.HoursErogatore && s.Date >= tomorrow).ToListAsync(TestContext.Current.CancellationToken);
        slots.ShouldNotBeEmpty();
        return slots;
    }
}
