using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Data.Rehab;
using Territorio.Web.Rehab;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>
/// A web run counts the acute rows used for the linkage apart from the discarded rows, so that acute
/// rows, rehab admissions and discarded rows add up to the file's rows, and names the diagnosis →
/// MDC table it read (decision 0257). In an ATS of its own (332), so that no other test's lists move.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class RehabRunCountsPageTests(WebAppFixture app)
{
    private const string Ats = "332";
    private const string AtsUser = "ats-controllore.collegamento";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunPage_CountsAcuteRowsUsedForTheLinkageApart_AndNamesTheMdcTable()
    {
        var run = await ImportAsync();

        run.ShouldSatisfyAllConditions(
            r => r.DataRows.ShouldBe(6),
            r => r.AcuteRows.ShouldBe(2),
            r => r.AcuteRowsKeptForLinkage.ShouldBe(1),
            r => r.RejectedRows.ShouldBe(1),
            r => (r.AcuteRows + r.RehabAdmissions + r.RejectedRows).ShouldBe(r.DataRows),
            r => r.MdcTable.ShouldStartWith("diagnosis_mdc.csv, PROVVISORIA"));

        var client = await app.PagesAs(AtsUser);
        string html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Riabilitazione/Esecuzione/{run.Id}", Ct));

        html.ShouldContain("Righe acute usate per il collegamento</dt>");
        html.ShouldContain("<dd data-testid=\"acute-collegamento\">1 ");
        html.ShouldContain("<dd data-testid=\"scartate\">1 ");
        html.ShouldContain("<dd data-testid=\"tabella-mdc-esecuzione\">diagnosis_mdc.csv, PROVVISORIA");

        string errors = WebUtility.HtmlDecode(await client.GetStringAsync($"/Riabilitazione/Scarti/{run.Id}", Ct));
        errors.ShouldContain("2 errori: 1 di righe scartate, 1 di righe acute usate per il collegamento");

        var api = await app.ApiAs(AtsUser);
        string json = await api.GetStringAsync($"/api/riabilitazione/esecuzioni/{run.Id}", Ct);
        json.ShouldContain("\"acuteRowsUsedForLinkage\":1");
        json.ShouldContain("\"rejectedRows\":1");
        json.ShouldContain("\"mdcTable\":\"diagnosis_mdc.csv, PROVVISORIA");
    }

    /// <summary>
    /// The seeded file of territory A with its first acute stay born on 31 February: a fault outside the
    /// linkage, so the row still links the stroke rehab stay; the rehab row dated 30 February is discarded.
    /// </summary>
    private async Task<RehabRun> ImportAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(AtsUser, "Elena Riva", TerritorioRoles.AtsControllore, Ats), Territory.Password);
        string sdo = RehabSeed.Sdo(Territory.A).Replace("AA-0001,PA1,1950-05-10,", "AA-0001,PA1,1950-02-31,", StringComparison.Ordinal)
            + "AA-0002,PA9,1950-05-10,2,OSPA,32,1,2025-01-02,2025-01-09,2,1,014,434.91,,,,,,,,\n";
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(sdo));
        using var file = await SdoUpload.SaveAsync(content, "sdo-collegamento.csv", long.MaxValue, null, Ct);
        return await scope.ServiceProvider.GetRequiredService<RehabRunImport>().ImportAsync(file, Ats, "prova", demo: false, Ct);
    }
}
