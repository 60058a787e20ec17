using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Infrastructure.YearOfCareFixture;

namespace Territorio.Web.Tests;

/// <summary>
/// Issue 16's acceptance in a real Chromium, the clock moving through the year: a resident with
/// three chronic pathologies (diabetes type 2, hypertension, ischaemic heart disease; level 2) from
/// the ATS's letter to the year's last delivered service and the ATS's payment to the Gestore, as
/// each role, the person named (name and codice fiscale) wherever they appear.
/// </summary>
[Collection(YearOfCareCollection.Name)]
public sealed class YearOfCareBrowserTests(YearOfCareFixture year)
{
    private const string PatientName = "Paolo Lombardi";
    private const string DoctorName = "Dott. Giovanni Galli";

    private static string Cf => PatientIdentity.FiscalCode.Value;

    /// <summary>The year's bookings: service, the erogatore's account and name, the first day searched.</summary>
    private static readonly (string Service, string User, string Erogatore, DateOnly From)[] Plan =
    [
        ("90.28.1", LaboratoryUser, LaboratoryName, new(2027, 1, 18)),
        ("89.01.8", ClinicUser, ClinicName, new(2027, 2, 1)),
        ("89.52", ClinicUser, ClinicName, new(2027, 3, 1)),
        ("90.28.1", LaboratoryUser, LaboratoryName, new(2027, 5, 17)),
        ("88.72.2", ClinicUser, ClinicName, new(2027, 6, 7)),
        ("89.01.8", ClinicUser, ClinicName, new(2027, 9, 6)),
        ("90.28.1", LaboratoryUser, LaboratoryName, new(2027, 10, 4)),
        ("89.01.3", ClinicUser, ClinicName, new(2027, 11, 8)),
    ];

    [Fact]
    public async Task AYearOfCare_FromTheAtsLetter_ToTheLastDeliveredService_AndThePayment_NamesEveryone()
    {
        await AtsSendsTheLetterAsync();
        await GestoreSignsThePactOnPaperAsync();
        await ClinicianWritesThePaiFromTheThreeTemplatesAsync();
        await MmgSeesThePaiAsync();
        var days = await CentroServiziBooksTheYearAsync();
        await PatientSeesTheAppointmentsAsync();

        // January → November: each service delivered on its day; March's ECG missed and booked again; May's HbA1c reversed once.
        foreach (var ((service, user, erogatore, _), day) in Plan.Zip(days))
        {
            year.MoveTo(day);
            if (service == "89.52")
            {
                await NoShowRebookedAndDeliveredAsync(day);
                continue;
            }

            var page = await DeliverAsync(user, erogatore, service, day);
            if (day.Month == 5)
            {
                await ReverseAndDeliverAgainAsync(page, day);
            }

            await page.Context.CloseAsync();
        }

        await AdherenceFollowsAsync(delivered: Plan.Length, screenshot: "anno-09-gestore-aderenza-fine-anno");
        await WorklistAtYearEndAsync();
        await AtsPaysTheGestoreProRataAsync();
    }

    private async Task AtsSendsTheLetterAsync()
    {
        var ats = await year.SignedInAsync(AtsUser);
        await ats.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Lettere di invito" }).ClickAsync();
        var filters = ats.GetByTestId("filtri-lettere");
        await filters.GetByLabel("Medico di medicina generale (codice)").FillAsync(Mmg);
        await filters.GetByRole(AriaRole.Button, new() { Name = "Mostra i pazienti" }).ClickAsync();
        var invitable = ats.GetByTestId($"invitabile-{Patient}");
        await Assertions.Expect(invitable).ToContainTextAsync(PatientName);
        await Assertions.Expect(invitable).ToContainTextAsync(Cf);
        await Assertions.Expect(invitable).ToContainTextAsync($"{DoctorName} ({Mmg})");

        await ats.GetByRole(AriaRole.Button, new() { Name = "Emetti le lettere (1)" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("inviate")).ToHaveTextAsync("1");
        var letter = ats.GetByTestId($"lettera-{Patient}");
        await Assertions.Expect(letter).ToContainTextAsync(PatientName);
        await Assertions.Expect(letter).ToContainTextAsync(Cf);
        await Chromium.ScreenshotAsync(ats, "anno-01-ats-lettera");
        var pdf = await ats.RunAndWaitForDownloadAsync(() => letter.GetByRole(AriaRole.Link, new() { Name = "PDF" }).ClickAsync());
        await using (var content = await pdf.CreateReadStreamAsync())
        {
            using var bytes = new MemoryStream();
            await content.CopyToAsync(bytes, TestContext.Current.CancellationToken);
            PdfText.InfoContains(bytes.ToArray(), PatientName).ShouldBeTrue("la lettera nomina il paziente");
            // A letter to be posted: the addressee by name, address and codice fiscale; the GP by name.
            string text = PdfText.Of(bytes.ToArray());
            text.ShouldContain($"Sig. {PatientName}");
            text.ShouldContain(PatientIdentity.Residence.Street);
            text.ShouldContain($"{GestoreName} ({Gestore})");
            text.ShouldContain("20124 Milano");
            text.ShouldContain($"Codice fiscale: {Cf}");
            text.ShouldContain(DoctorName);
            text.ShouldNotContain(Patient);
        }

        await ats.Context.CloseAsync();
    }

    private async Task GestoreSignsThePactOnPaperAsync()
    {
        var cm = await year.SignedInAsync(CaseManagerUser, tablet: true);
        await cm.GetByRole(AriaRole.Link, new() { Name = "Arruolamento" }).First.ClickAsync();
        await Assertions.Expect(cm.Locator("main")).ToContainTextAsync(GestoreName);
        await EnrolmentPage.FindPatientAsync(cm, Patient);
        await SignedScans.AttachPdfAsync(cm);
        await cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("assistito")).ToHaveTextAsync(Patient);
        await Assertions.Expect(cm.GetByTestId("codice-fiscale")).ToHaveTextAsync(Cf);
        await Assertions.Expect(cm.GetByTestId("nome-assistito")).ToHaveTextAsync(PatientName);
        var signature = cm.GetByTestId("firma-patto");
        await Assertions.Expect(signature).ToContainTextAsync("firma su carta (scansione allegata)");
        await Assertions.Expect(signature).ToContainTextAsync("su lettera di invito dell'ATS n.");
        await Assertions.Expect(cm.Locator("main")).ToContainTextAsync($"{GestoreName} ({Gestore})");
        await Assertions.Expect(cm.Locator("main")).ToContainTextAsync($"{DoctorName} ({Mmg})");
        await Chromium.ScreenshotAsync(cm, "anno-02-gestore-patto-firmato");
        await cm.Context.CloseAsync();
    }

    private async Task ClinicianWritesThePaiFromTheThreeTemplatesAsync()
    {
        var clinician = await year.SignedInAsync(ClinicianUser);
        await clinician.GotoAsync($"/Gestore/Paziente/{Patient}");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Scrivi il PAI dal modello" }).ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("esito")).ToContainTextAsync("PAI versione 1 scritto dal modello");
        await Assertions.Expect(clinician.GetByTestId("pai-versione")).ToContainTextAsync("Versione 1 in vigore");
        // Merged: a service of each pathology's template (diabetes, ischaemic heart disease, hypertension).
        var main = clinician.Locator("main");
        foreach (string service in new[] { "89.01.8", "89.01.3", "89.61.1" })
        {
            await Assertions.Expect(main).ToContainTextAsync(service);
        }

        await Assertions.Expect(clinician.GetByTestId("aderenza")).ToContainTextAsync("erogate: 0");
        await Chromium.ScreenshotAsync(clinician, "anno-03-gestore-pai-dai-tre-modelli");
        await clinician.Context.CloseAsync();
    }

    private async Task MmgSeesThePaiAsync()
    {
        var mmg = await year.SignedInAsync(MmgUser);
        await mmg.GotoAsync($"/Mmg/Paziente/{Patient}");
        await Assertions.Expect(mmg.GetByTestId("nome-assistito")).ToHaveTextAsync(PatientName);
        await Assertions.Expect(mmg.GetByTestId("codice-fiscale")).ToHaveTextAsync(Cf);
        await Assertions.Expect(mmg.GetByTestId("pai-versione")).ToContainTextAsync("Versione 1 in vigore");
        await Assertions.Expect(mmg.Locator("main")).ToContainTextAsync($"{GestoreName} ({Gestore})");
        await Chromium.ScreenshotAsync(mmg, "anno-04-mmg-pai");
        await mmg.Context.CloseAsync();
    }

    /// <summary>The Centro Servizi books each service at the earliest free slot from the planned day; holidays offer none.</summary>
    private async Task<List<DateOnly>> CentroServiziBooksTheYearAsync()
    {
        var cm = await year.SignedInAsync(CaseManagerUser);

        // Easter Monday 2027 and the Immacolata: no slot, whatever the erogatore's hours.
        foreach (var holiday in new[] { new DateOnly(2027, 3, 29), new DateOnly(2027, 12, 8) })
        {
            await SearchAsync(cm, "89.52", holiday, holiday);
            await Assertions.Expect(cm.Locator("main")).ToContainTextAsync("Nessuno slot libero nel periodo");
        }

        var days = new List<DateOnly>();
        foreach (var (service, _, erogatore, from) in Plan)
        {
            await SearchAsync(cm, service, from, from.AddDays(30));
            await Assertions.Expect(cm.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(PatientName);
            var earliest = cm.Locator("tbody tr").First;
            await Assertions.Expect(earliest).ToContainTextAsync(erogatore);
            days.Add(DateOnly.ParseExact((await earliest.Locator("td").First.InnerTextAsync()).Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture));
            await earliest.GetByRole(AriaRole.Button, new() { Name = "Prenota" }).ClickAsync();
            await Assertions.Expect(cm.GetByTestId("esito")).ToContainTextAsync($"Prenotata la prestazione {service}");
            await Assertions.Expect(cm.GetByTestId("esito")).ToContainTextAsync(erogatore);
        }

        days.ShouldBe(Plan.Select(p => NextWorkingDay(p.From)), "the earliest slot is the planned day, or the next working day");
        await cm.GotoAsync($"/Gestore/Paziente/{Patient}");
        var bookings = cm.GetByRole(AriaRole.Table, new() { Name = "Prenotazioni del paziente" });
        await Assertions.Expect(bookings.Locator("tbody tr")).ToHaveCountAsync(Plan.Length);
        await Assertions.Expect(bookings).ToContainTextAsync($"{ClinicName} ({Clinic})");
        await Assertions.Expect(bookings).ToContainTextAsync($"{LaboratoryName} ({Laboratory})");
        await Chromium.ScreenshotAsync(cm, "anno-05-gestore-prenotazioni-dell-anno");
        await cm.Context.CloseAsync();
        return days;
    }

    /// <summary>The patient's own page: the year's appointments, each service and erogatore by name, and the pact signed on paper.</summary>
    private async Task PatientSeesTheAppointmentsAsync()
    {
        var patient = await year.SignedInAsync(PatientUser, tablet: true);
        await patient.GotoAsync("/Paziente/Percorso");
        var appointments = patient.GetByTestId("appuntamento");
        await Assertions.Expect(appointments).ToHaveCountAsync(Plan.Length);
        await Assertions.Expect(appointments.First).ToContainTextAsync($"presso {LaboratoryName}");
        await Assertions.Expect(appointments.Nth(1)).ToContainTextAsync($"presso {ClinicName}");
        await Assertions.Expect(patient.GetByTestId("firma-patto")).ToContainTextAsync("firma su carta");
        await Chromium.ScreenshotAsync(patient, "anno-05-paziente-appuntamenti");
        await patient.Context.CloseAsync();
    }

    private async Task<IPage> DeliverAsync(string user, string erogatore, string service, DateOnly day)
    {
        var page = await year.SignedInAsync(user);
        await page.GotoAsync($"/Erogatore/Agenda?dal={day:yyyy-MM-dd}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(erogatore);
        var row = RowOf(page, day);
        await Assertions.Expect(row).ToContainTextAsync($"{PatientName} ({Cf})");
        await Assertions.Expect(row).ToContainTextAsync($"{GestoreName} ({Gestore})");
        await row.GetByRole(AriaRole.Button, new() { Name = "Segna come erogata" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync($"di {PatientName} ({Cf}) segnata come erogata il {day:dd/MM/yyyy}");
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync(service);
        await Assertions.Expect(RowOf(page, day)).ToContainTextAsync("erogata");
        return page;
    }

    /// <summary>The laboratory marked the wrong patient's sample: it reverses, saying why, and the row keeps who and why; then the real delivery.</summary>
    private async Task ReverseAndDeliverAgainAsync(IPage page, DateOnly day)
    {
        var row = RowOf(page, day);
        await row.GetByLabel("Motivo dello storno").FillAsync("segnata per errore: il prelievo era di un altro assistito");
        await row.GetByRole(AriaRole.Button, new() { Name = "Storna l'erogazione" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync($"di {PatientName} ({Cf}) stornata");
        row = RowOf(page, day);
        await Assertions.Expect(row).ToContainTextAsync("prenotata");
        await Assertions.Expect(row).ToContainTextAsync("erogazione stornata da Accettazione laboratorio Greco");
        await Assertions.Expect(row).ToContainTextAsync("il prelievo era di un altro assistito");
        await Chromium.ScreenshotAsync(page, "anno-07-laboratorio-storno");
        await AdherenceFollowsAsync(delivered: 3, screenshot: null);

        await row.GetByRole(AriaRole.Button, new() { Name = "Segna come erogata" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("segnata come erogata");
    }

    /// <summary>The patient misses March's ECG: the clinic records it the next day, the worklist flags it, the Centro Servizi books again, the clinic delivers.</summary>
    private async Task NoShowRebookedAndDeliveredAsync(DateOnly day)
    {
        year.MoveTo(day.AddDays(1));
        var clinic = await year.SignedInAsync(ClinicUser);
        await clinic.GotoAsync($"/Erogatore/Agenda?dal={day:yyyy-MM-dd}");
        await RowOf(clinic, day).GetByRole(AriaRole.Button, new() { Name = "Non presentato" }).ClickAsync();
        await Assertions.Expect(clinic.GetByTestId("esito")).ToContainTextAsync($"{PatientName} ({Cf}) non si è presentato");
        await Assertions.Expect(RowOf(clinic, day)).ToContainTextAsync("mancata");
        await Chromium.ScreenshotAsync(clinic, "anno-06-poliambulatorio-non-presentato");
        await clinic.Context.CloseAsync();

        var cm = await year.SignedInAsync(CaseManagerUser);
        await cm.GotoAsync("/Gestore/Worklist");
        var line = cm.GetByTestId($"riga-{Patient}");
        await Assertions.Expect(line).ToContainTextAsync(PatientName);
        await Assertions.Expect(line).ToContainTextAsync("appuntamento mancato");
        await Assertions.Expect(cm.GetByTestId($"telefono-{Patient}")).ToContainTextAsync(PatientIdentity.Phone!);
        await Chromium.ScreenshotAsync(cm, "anno-06-gestore-worklist-mancato");
        await SearchAsync(cm, "89.52", day.AddDays(7), day.AddDays(30));
        var earliest = cm.Locator("tbody tr").First;
        var again = DateOnly.ParseExact((await earliest.Locator("td").First.InnerTextAsync()).Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture);
        await earliest.GetByRole(AriaRole.Button, new() { Name = "Prenota" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("esito")).ToContainTextAsync("Prenotata la prestazione 89.52");

        // Booked again, the gap is closed: the no-show no longer calls for the case manager.
        await cm.GotoAsync("/Gestore/Worklist");
        await Assertions.Expect(cm.GetByTestId("worklist-vuota")).ToBeVisibleAsync();
        await cm.Context.CloseAsync();

        year.MoveTo(again);
        var delivered = await DeliverAsync(ClinicUser, ClinicName, "89.52", again);
        await delivered.Context.CloseAsync();
    }

    private async Task AdherenceFollowsAsync(int delivered, string? screenshot)
    {
        var cm = await year.SignedInAsync(CaseManagerUser);
        await cm.GotoAsync($"/Gestore/Paziente/{Patient}");
        await Assertions.Expect(cm.GetByTestId("aderenza")).ToContainTextAsync($"erogate: {delivered};");
        if (screenshot is not null)
        {
            await Chromium.ScreenshotAsync(cm, screenshot);
        }

        await cm.Context.CloseAsync();
    }

    /// <summary>November: two services of the PAI were never booked; the worklist says so (not March's no-show, booked again and delivered).</summary>
    private async Task WorklistAtYearEndAsync()
    {
        var cm = await year.SignedInAsync(CaseManagerUser);
        await cm.GotoAsync("/Gestore/Worklist");
        var line = cm.GetByTestId($"riga-{Patient}");
        await Assertions.Expect(line).ToContainTextAsync("prestazione scaduta");
        await Assertions.Expect(line).Not.ToContainTextAsync("appuntamento mancato");
        await Assertions.Expect(cm.GetByTestId($"aderenza-{Patient}")).ToContainTextAsync($"al {year.Today:dd/MM/yyyy}");
        await Chromium.ScreenshotAsync(cm, "anno-09-gestore-worklist-fine-anno");
        await cm.Context.CloseAsync();
    }

    /// <summary>In January the ATS pays the Gestore the level-2 diabetes tariff for the days of 2027 the pact was in force.</summary>
    private async Task AtsPaysTheGestoreProRataAsync()
    {
        year.MoveTo(new DateOnly(2028, 1, 17));
        var ats = await year.SignedInAsync(AtsUser);
        await ats.GotoAsync("/Ats/Remunerazione?anno=2027");
        await Assertions.Expect(ats.GetByTestId($"gestore-{Gestore}")).ToContainTextAsync($"{GestoreName} ({Gestore})");
        int days = new DateOnly(2027, 12, 31).DayNumber - FirstDay.DayNumber + 1;
        decimal expected = Math.Round(TariffOf(pathology: 50, level: 2) * days / 365m, 2, MidpointRounding.AwayFromZero);
        await Assertions.Expect(ats.GetByTestId($"totale-{Gestore}")).ToHaveTextAsync(Pages.Ats.RemunerazioneModel.Money(expected));
        await Assertions.Expect(ats.GetByTestId("totale-remunerazione")).ToContainTextAsync("per 1 assistito, 1 periodo pagato");
        await Chromium.ScreenshotAsync(ats, "anno-10-ats-remunerazione");
        await ats.Context.CloseAsync();
    }

    private static async Task SearchAsync(IPage page, string service, DateOnly from, DateOnly to) =>
        await page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"/Gestore/Slot/{Patient}?prestazione={service}&dal={from:yyyy-MM-dd}&al={to:yyyy-MM-dd}"));

    private static ILocator RowOf(IPage page, DateOnly day) =>
        page.Locator("tbody tr").Filter(new() { HasText = day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) });

    private static DateOnly NextWorkingDay(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || CareManagement.Network.ItalianHolidays.IsHoliday(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The shipped catalogue's yearly tariff (data/remuneration/tariffe.json).</summary>
    private static decimal TariffOf(int pathology, int level)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Flows.Reference.ReferenceData.From(null).PathOf("remuneration", "tariffe.json")));
        return json.RootElement.GetProperty("tariffs").EnumerateArray()
            .Single(t => t.GetProperty("pathology").GetInt32() == pathology && t.GetProperty("level").GetInt32() == level)
            .GetProperty("total").GetDecimal();
    }
}
