using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Pacts;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Fhir;

/// <summary>
/// Issue 16's faults tried through the FHIR door: it reads care data and takes only the GP's
/// picMMG message; an Appointment, a CarePlan or a Consent written through it (booking without the
/// agenda's rules, a plan or a pact without the patient's signature) is an OperationOutcome, and
/// nothing is written.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class FhirWriteRefusalsTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Writes => new()
    {
        { "POST", "/fhir/Appointment", """{"resourceType":"Appointment","status":"booked","start":"2026-12-25T09:00:00+01:00","participant":[{"actor":{"reference":"Patient/PA000001"},"status":"accepted"}]}""" },
        { "PUT", "/fhir/Appointment/1", """{"resourceType":"Appointment","id":"1","status":"fulfilled"}""" },
        { "DELETE", "/fhir/Appointment/1", "" },
        { "POST", "/fhir/CarePlan", """{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Patient/PA000001"}}""" },
        { "POST", "/fhir/Consent", """{"resourceType":"Consent","status":"active","scope":{"text":"firma inventata"}}""" },
        { "POST", "/fhir/Bundle", """{"resourceType":"Bundle","type":"transaction","entry":[]}""" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_OfACareResource_IsAnOperationOutcome_AndWritesNothing(string method, string path, string body)
    {
        foreach (string user in new[] { Territory.A.UserOf(TerritorioRoles.Mmg), Territory.A.UserOf(TerritorioRoles.GestoreCaseManager) })
        {
            var client = await app.ApiAs(user);
            var before = await CountsAsync();
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };

            using var response = await client.SendAsync(request, Ct);

            ((int)response.StatusCode).ShouldBeInRange(400, 499, user);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
            using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            outcome.RootElement.GetProperty("resourceType").GetString().ShouldBe("OperationOutcome");
            (await CountsAsync()).ShouldBe(before);
        }
    }

    private async Task<(int Bookings, int Pacts, int Delivered)> CountsAsync()
    {
        await using var db = app.Database.CreateContext();
        return (await db.Set<Booking>().CountAsync(Ct), await db.Set<PattoDiCura>().CountAsync(Ct), await db.Set<DeliveredService>().CountAsync(Ct));
    }
}
