using System.Net;
using System.Text.Json;
using Territorio.Web.Api;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;

namespace Territorio.Web.Tests.Care;

/// <summary>Publishing a service through the REST API gets the accreditation's refusal, a problem naming the field (decision 0260).</summary>
[Collection(WebAppCollection.Name)]
public sealed class ErogatoreBrancheApiTests(WebAppFixture app)
{
    private const string Url = "/api/erogatore/prestazioni";

    [Fact]
    public async Task Offer_OutsideTheBranche_Is409NamingCode_UnknownCodeIs400_AndWithinThemItIsPublished()
    {
        var lab = await app.ApiAs(CareSeed.LabErogatoreUser);

        var refused = await ProblemAsync(lab, Url, new OfferRequest("88.72.2", null), HttpStatusCode.Conflict);
        var unknown = await ProblemAsync(lab, Url, new OfferRequest("99.99.Z", null), HttpStatusCode.BadRequest);
        var tooShort = await ProblemAsync(lab, Url, new OfferRequest("90.27.1", 2), HttpStatusCode.BadRequest);

        ErrorsOf(refused, "code").ShouldBe("l'erogatore Laboratorio Analisi Milano Centro (E321LAB) non è accreditato per la branca Cardiologia: non può offrire 88.72.2 ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo");
        ErrorsOf(unknown, "code").ShouldContain("non è nel nomenclatore");
        ErrorsOf(tooShort, "slotMinutes").ShouldContain("da 5 a 480");
        var before = await GetAsync<JsonElement>(lab, Url);
        Codes(before).ShouldNotContain("88.72.2");
        before.GetProperty("branche").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ShouldBe(["Laboratorio analisi"]);

        var published = await PostAsync<JsonElement>(lab, Url, new OfferRequest("90.27.1", 15));

        Codes(published).ShouldContain("90.27.1");
    }

    private static List<string?> Codes(JsonElement services) =>
        services.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("code").GetString()).ToList();
}
