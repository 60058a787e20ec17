using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Ats;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;

namespace Territorio.Web.Tests.Ats;

/// <summary>
/// <c>POST /api/assistiti/{patientId}/decesso</c> (decision 0256): bad input named by field (400), a
/// future date refused by the rules naming <c>dataDecesso</c> (409), another ATS's patient not found,
/// the ATS controller not allowed, the death recorded once. In ATS 333 and 334, so that no other test moves.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class DeathEndpointTests(WebAppFixture app)
{
    private const string Patient = "PM000001";
    private const string Operator = "ats-operatore.api-decesso", Controller = "ats-controllore.api-decesso", OtherAtsOperator = "ats-operatore.api-decesso-334";

    private static string Url => $"/api/assistiti/{Patient}/decesso";

    [Fact]
    public async Task Death_ThroughTheApi_BadInputAndRefusalsNameTheField_ThenRecordedOnce()
    {
        await SeedAsync();
        var ats = await app.ApiAs(Operator);
        var today = app.SeedDay;

        var bad = await ProblemAsync(ats, Url, new DeathRequest("31/02/2026", "piccione viaggiatore", new string('x', 501)), HttpStatusCode.BadRequest);
        ErrorsOf(bad, "dataDecesso").ShouldContain("data non valida");
        ErrorsOf(bad, "fonte").ShouldContain("comunicazione-mmg");
        ErrorsOf(bad, "nota").ShouldContain("500 caratteri");
        var future = await ProblemAsync(ats, Url, new DeathRequest(ItalianFormat.Date(today.AddDays(1)), "certificato-di-morte", null), HttpStatusCode.Conflict);
        ErrorsOf(future, "dataDecesso").ShouldContain("è nel futuro");
        var noNote = await ProblemAsync(ats, Url, new DeathRequest(ItalianFormat.Date(today), "altro", " "), HttpStatusCode.Conflict);
        ErrorsOf(noNote, "nota").ShouldContain("serve una nota");
        await ProblemAsync(await app.ApiAs(OtherAtsOperator), Url, new DeathRequest(ItalianFormat.Date(today), "comunicazione-mmg", null), HttpStatusCode.NotFound);
        using (var forbidden = await (await app.ApiAs(Controller)).PostAsJsonAsync(Url, new DeathRequest(ItalianFormat.Date(today), "comunicazione-mmg", null), TestContext.Current.CancellationToken))
        {
            forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var done = await PostAsync<DeathOutcomeDto>(ats, Url, new DeathRequest(today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "comunicazione-familiari", "telefonata della figlia"));

        done.ShouldSatisfyAllConditions(
            d => d.PatientName.ShouldBe("Giorgio Cattaneo"),
            d => d.DeathDate.ShouldBe(today.AddDays(-2)),
            d => d.Source.ShouldBe("comunicazione-familiari"),
            d => d.PactId.ShouldBeNull(),
            d => d.BookingsCancelled.ShouldBeEmpty());
        var again = await ProblemAsync(ats, Url, new DeathRequest(ItalianFormat.Date(today), "comunicazione-mmg", null), HttpStatusCode.Conflict);
        ErrorsOf(again, "dataDecesso").ShouldContain($"risulta già deceduto/a il {ItalianFormat.Date(today.AddDays(-2))}");
    }

    private async Task SeedAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var birth = new DateOnly(1941, 1, 30);
        var como = new Municipality("C933", "Como");
        db.Residents.Add(new Resident(Patient, birth, Sex.Male, "333", "MMGM01", null, new ResidentIdentity(
            Kernel.Codes.CodiceFiscale.Compute("Cattaneo", "Giorgio", birth, Sex.Male, "C933"), "Cattaneo", "Giorgio", como,
            new PostalAddress("Via Milano 1", "22100", como), null, null)));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(Operator, "Sara Galli", TerritorioRoles.AtsOperatore, "333"), Territory.Password);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(Controller, "Luca Ferri", TerritorioRoles.AtsControllore, "333"), Territory.Password);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(OtherAtsOperator, "Anna Conti", TerritorioRoles.AtsOperatore, "334"), Territory.Password);
    }
}
