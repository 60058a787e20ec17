using System.Net;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>
/// The page of one verdict and its PDF (issue 19 part 3): the admission, the linked acute stay,
/// every check with the annex entries it matched; the run's tenancy (ATS, own structure only).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class RehabVerdictPageTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The seeded file: header, the acute stay, then the stroke rehab stay (line 3) and the other structure's spinal stay (line 4).
    private const long StrokeLine = 3;
    private const long OtherStructureLine = 4;

    private static string PageOf(Territory t, long line) => $"/Riabilitazione/Giudizio/{RehabSeed.RunIds[t.Key]}/{line}";

    [Fact]
    public async Task Ats_SeesTheAdmissionTheAcuteStayAndTheAnnexEntriesMatched()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        string html = WebUtility.HtmlDecode(await client.GetStringAsync(PageOf(Territory.A, StrokeLine), Ct));

        html.ShouldContain($"Giudizio sul ricovero {RehabSeed.Record(Territory.A, 1)}");
        html.ShouldContain("Ricovero per acuti collegato (art.2 c.2)");
        html.ShouldContain("AA-0001");
        html.ShouldContain("01/03/2025");
        html.ShouldContain("434.91 occlusione di arteria cerebrale");
        html.ShouldContain("4 giorni");
        html.ShouldContain("art.3 c.1 lett.b");
        html.ShouldContain("Voci degli allegati riscontrate");
        html.ShouldContain("342.90 emiplegia");
        html.ShouldContain("Allegato 3 - codici di complessità");
        html.ShouldContain("<td>342</td>");
        html.ShouldContain("<td>427.31</td>");
        html.ShouldNotContain("interval_days");
        html.ShouldNotContain("annex3_codes");
    }

    [Fact]
    public async Task PageAndPdf_NameTheDisciplines_NotJustTheirNumbers()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        string html = WebUtility.HtmlDecode(await client.GetStringAsync(PageOf(Territory.A, StrokeLine), Ct));
        byte[] pdf = await client.GetByteArrayAsync(PageOf(Territory.A, StrokeLine) + "?handler=Pdf", Ct);

        // The rehab admission (56) and the acute stay it follows (32), in the Ministry's words.
        html.ShouldContain("56 Recupero e riabilitazione funzionale");
        html.ShouldContain("32 Neurologia");
        html.ShouldContain("disciplina del ricovero per acuti: 32 Neurologia");
        PdfText.Says(pdf, "Disciplina: 56 Recupero e riabilitazione funzionale").ShouldBeTrue();
        PdfText.Says(pdf, "Disciplina: 32 Neurologia").ShouldBeTrue();
    }

    [Fact]
    public async Task Pdf_IsAPdfNamedAfterTheAdmission()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        using var response = await client.GetAsync(PageOf(Territory.A, StrokeLine) + "?handler=Pdf", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileName!.ShouldContain(RehabSeed.Record(Territory.A, 1));
        byte[] pdf = await response.Content.ReadAsByteArrayAsync(Ct);
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        pdf.Length.ShouldBeGreaterThan(2000);
        PdfText.Says(pdf, "da seed (ATS della Città Metropolitana di Milano (321))").ShouldBeTrue("il giudizio nomina l'ATS");
        PdfText.Of(pdf).ShouldNotContain("ATS 321");
    }

    [Fact]
    public async Task Structure_SeesItsOwnVerdict_NotAnotherStructuresOne()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.Struttura));

        using var own = await client.GetAsync(PageOf(Territory.A, StrokeLine), Ct);
        using var other = await client.GetAsync(PageOf(Territory.A, OtherStructureLine), Ct);
        using var otherPdf = await client.GetAsync(PageOf(Territory.A, OtherStructureLine) + "?handler=Pdf", Ct);

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        otherPdf.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherAtsOrAMissingLine_IsNotFound()
    {
        var otherAts = await app.PagesAs(Territory.B.UserOf(TerritorioRoles.AtsControllore));
        var ats = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        using var foreign = await otherAts.GetAsync(PageOf(Territory.A, StrokeLine), Ct);
        using var missing = await ats.GetAsync(PageOf(Territory.A, 999), Ct);

        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task VerdictList_LinksEachAdmissionToItsPage()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        string html = await client.GetStringAsync($"/Riabilitazione/Esecuzione/{RehabSeed.RunIds[Territory.A.Key]}", Ct);

        html.ShouldContain($"href=\"{PageOf(Territory.A, StrokeLine)}\"");
        WebUtility.HtmlDecode(html).ShouldContain("<td>56 Recupero e riabilitazione funzionale</td>");
    }
}
