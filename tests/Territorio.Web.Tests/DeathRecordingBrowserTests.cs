using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Testing;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using CareActor = Territorio.CareManagement.Common.Actor;
using CareSeed = Territorio.Web.Tests.Infrastructure.CareSeed;

namespace Territorio.Web.Tests;

/// <summary>
/// The ATS records a death by hand in a real Chromium (decision 0256): from the patient's page, a
/// date in the future is refused in Italian; the confirmation names the patient and lists the pact
/// that ends and the later booking that is cancelled (date, service, erogatore); once confirmed the
/// patient's page says "Deceduta il …" and the Gestore's worklist no longer lists her. In an ATS of
/// its own (331), so that no other test's counts move.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeathRecordingBrowserTests(BrowserFixture web)
{
    private const string Ats = "331";
    private const string Patient = "PD000001";
    private const string Gestore = "GD1", Erogatore = "ED1";
    private const string AtsUser = "ats-operatore.decesso", CaseManagerUser = "case-manager.decesso";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AtsRecordsADeath_FutureDateRefused_ConfirmationListsTheBookings_PatientLeavesTheWorklist()
    {
        var booking = await SeedAsync();
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, CaseManagerUser);
        await cm.GotoAsync("/Gestore/Worklist?case-manager=tutti");
        await Assertions.Expect(cm.GetByTestId($"riga-{Patient}")).ToBeVisibleAsync();

        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, AtsUser);
        await ats.GotoAsync($"/Assistiti/Scheda/{Patient}");
        await ats.GetByTestId("registra-decesso").ClickAsync();
        await Assertions.Expect(ats.GetByTestId("codice-fiscale")).ToHaveTextAsync(FiscalCode);

        var tomorrow = web.SeedDay.AddDays(1);
        await ats.GetByLabel("Data di decesso").FillAsync(ItalianFormat.Date(tomorrow));
        await ats.GetByLabel("Fonte della notizia").SelectOptionAsync("comunicazione-mmg");
        await ats.GetByRole(AriaRole.Button, new() { Name = "Verifica le conseguenze" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("errore")).ToHaveTextAsync($"Registrazione rifiutata: la data di decesso {ItalianFormat.Date(tomorrow)} è nel futuro.");
        await Assertions.Expect(ats.GetByTestId("anteprima")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ats, "decesso-01-data-futura");

        var died = web.SeedDay.AddDays(-1);
        await ats.GetByLabel("Data di decesso").FillAsync(ItalianFormat.Date(died));
        await ats.GetByLabel("Nota").FillAsync("telefonata del dott. Colombo");
        await ats.GetByRole(AriaRole.Button, new() { Name = "Verifica le conseguenze" }).ClickAsync();
        var preview = ats.GetByTestId("anteprima");
        await Assertions.Expect(preview).ToContainTextAsync($"Registrando il decesso di Lucia Brambilla (codice fiscale {FiscalCode}) il {ItalianFormat.Date(died)}");
        await Assertions.Expect(preview.GetByTestId("effetto-patto")).ToContainTextAsync($"con Gestore Lodi Salute ({Gestore}) termina il {ItalianFormat.Date(died)}");
        var row = preview.GetByTestId("prenotazioni-annullate").Locator("tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(ItalianFormat.Date(booking.Date));
        await Assertions.Expect(row).ToContainTextAsync("Poliambulatorio Lodi (ED1)");
        await Assertions.Expect(row).ToContainTextAsync(booking.ServiceCode);
        await BrowserFixture.ScreenshotAsync(ats, "decesso-02-conferma");

        await preview.GetByRole(AriaRole.Button, new() { Name = "Conferma la registrazione del decesso" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("esito")).ToContainTextAsync("1 prenotazione successiva annullata");
        await Assertions.Expect(ats.GetByTestId("deceduto")).ToHaveTextAsync($"Deceduta il {ItalianFormat.Date(died)}.");
        await Assertions.Expect(ats.GetByTestId("registra-decesso")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ats, "decesso-03-scheda");
        await ats.Context.CloseAsync();

        await cm.GotoAsync("/Gestore/Worklist?case-manager=tutti");
        await Assertions.Expect(cm.GetByTestId($"riga-{Patient}")).ToHaveCountAsync(0);
        await cm.Context.CloseAsync();

        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        (await db.Set<Booking>().SingleAsync(b => b.Id == booking.Id, Ct)).Status.ShouldBe(BookingStatus.Cancelled);
        (await db.Set<CareManagement.Common.AuditEntry>().SingleAsync(a => a.PatientId == Patient && a.Action == "decesso registrato", Ct))
            .ShouldSatisfyAllConditions(a => a.Actor.ShouldBe($"Ats:{AtsUser}@{Ats}"), a => a.Reason.ShouldBe("comunicazione del MMG: telefonata del dott. Colombo"));
    }

    private static readonly DateOnly Birth = new(1939, 9, 21);

    private static string FiscalCode => Kernel.Codes.CodiceFiscale.Compute("Brambilla", "Lucia", Birth, Sex.Female, "E648").Value;

    /// <summary>
    /// ATS 331: an approved Gestore and its erogatore; a named level-2 patient whose pact (signed 350
    /// days ago, so on the worklist as expiring) has a PAI and one booking in the coming days; the ATS
    /// operator's and the case manager's accounts. Returns the booking.
    /// </summary>
    private async Task<Booking> SeedAsync()
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var care = scope.ServiceProvider.GetRequiredService<CareServices>();
        var by = new CareActor.Factory("seed");
        var today = web.SeedDay;
        await care.Gestori.RegisterAsync(Gestore, "Gestore Lodi Salute", GestoreKind.Asst, Ats, by.Ats(Ats), Ct);
        await care.Gestori.ApplyAsync(Gestore, Ats, 2, by.ClinicalManager(Gestore), Ct);
        await care.Gestori.DecideAsync(Gestore, Ats, 2, approve: true, by.Ats(Ats), "requisiti verificati", Ct);
        await care.Network.RegisterAsync(Erogatore, "Poliambulatorio Lodi", Ats, CareSeed.Services, by.Ats(Ats), Ct);
        await care.Network.SignAgreementAsync(Erogatore, Gestore, today.AddDays(-400), null, by.ClinicalManager(Gestore), Ct);
        await care.Network.OpenAgendaAsync(Erogatore, CareSeed.Services[0], today.AddDays(1), today.AddDays(12), [new TimeOnly(9, 0)], 30, 1, Ct);

        var lodi = new Municipality("E648", "Lodi");
        db.Residents.Add(new Resident(Patient, Birth, Sex.Female, Ats, "MMGD01", null, new ResidentIdentity(
            Kernel.Codes.CodiceFiscale.Compute("Brambilla", "Lucia", Birth, Sex.Female, "E648"), "Brambilla", "Lucia", lodi,
            new PostalAddress("Corso Roma 5", "26900", lodi), "+39 000 444 0001", null)));
        var run = await db.Set<StratificationRun>().OrderByDescending(r => r.Id).FirstAsync(Ct);
        db.Add(new StratifiedPerson(run.Id, Patient, 2, CareSeed.Pathology, [CareSeed.Pathology], "test") { Ats = Ats, MmgId = "MMGD01" });
        await db.SaveChangesAsync(Ct);

        var manager = by.ClinicalManager(Gestore);
        await care.SignedSinceAsync(Patient, Gestore, today.AddDays(-350), "Lucia Brambilla", "Gestore Lodi Salute", manager, Ct);
        await care.Pai.WriteFromTemplateAsync(Patient, manager, null, Ct);
        var slot = (await care.Network.FreeSlotsAsync(CareSeed.Services[0], Gestore, today, today.AddDays(12), 1, Ct))[0];
        var booking = await care.Bookings.BookAsync(Patient, slot.SlotId, manager, Ct);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(AtsUser, "Chiara Fumagalli", TerritorioRoles.AtsOperatore, Ats), Territory.Password);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(CaseManagerUser, "Marco Sala", TerritorioRoles.GestoreCaseManager, Ats, GestoreId: Gestore), Territory.Password);
        return booking;
    }
}
