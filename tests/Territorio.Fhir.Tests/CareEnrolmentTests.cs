using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Plans;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Fhir.Care;
using Territorio.Fhir.Messaging;
using Territorio.Fhir.Messaging.PicMmg;
using Territorio.Fhir.Views;
using Territorio.Flows.Reference;
using Territorio.Testing;
using Task = System.Threading.Tasks.Task;

namespace Territorio.Fhir.Tests;

/// <summary>The picMMG port over care management on a real (SQLite) database, and the FHIR views of what it wrote.</summary>
public class CareEnrolmentTests
{
    private const string Gp = "MMG00042";
    private const string Cooperative = "COOP1";
    private const string Ats = "321";
    private const string Cf = "QTTGGN24H04F205B";
    private static readonly Lazy<CareCatalogues> Catalogues = new(() => CareCatalogues.Load(ReferenceData.Default()));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OfficialMessage_UnknownPatient_RegistersEnrolsWithTheGpsCooperativeAndWritesThePai(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedCooperativeAsync(database);

        var processed = await ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);

        processed.Accepted.ShouldBeTrue(string.Join(" / ", processed.Errors));
        processed.Enrolment!.Role.ShouldBe(GpRole.GestoreViaCooperative);
        processed.Enrolment.PatientRegistered.ShouldBeTrue();
        await using var db = database.CreateContext();
        var resident = await db.Residents.SingleAsync(r => r.Id == Cf, TestContext.Current.CancellationToken);
        (resident.Id, resident.MmgId, resident.Ats, resident.BirthDate).ShouldBe((Cf, Gp, Ats, new DateOnly(2024, 6, 4)));
        // Registered with the identity the message's Patient gives, never as a bare code.
        (resident.FiscalCode, resident.Surname, resident.GivenName, resident.BirthplaceCode).ShouldBe((Cf, "QUATTRO", "GIUGNO", "F205"));
        var pact = await db.Set<PattoDiCura>().SingleAsync(p => p.PatientId == Cf, TestContext.Current.CancellationToken);
        (pact.GestoreId, pact.Level, pact.MainPathology, pact.Status).ShouldBe((Cooperative, 1, "17", PactStatus.Active));
        // DGR X/6164/2017: the GP's message is the request; the patient signed at the GP's office, the GP witnessing.
        var request = await db.Set<EnrolmentRequest>().SingleAsync(r => r.PatientId == Cf, TestContext.Current.CancellationToken);
        (request.Source, request.GestoreId, request.PactId).ShouldBe((EnrolmentRequestSource.Mmg, Cooperative, pact.Id));
        (pact.ConsentGround, pact.ConsentReference, pact.SignatureMethod).ShouldBe((ConsentGround.MmgRequest, request.Id, SignatureMethod.PaperAtMmg));
        pact.Witness.ShouldNotBeNullOrWhiteSpace();
        var pai = await db.Set<Pai>().SingleAsync(p => p.PatientId == Cf, TestContext.Current.CancellationToken);
        var version = pai.ActiveVersion.ShouldNotBeNull();
        version.Items.ShouldNotBeEmpty();
        version.Reason.ShouldContain("farmaci senza codice ATC valido non riportati"); // the official example's "ATC" 039752074 is an AIC number
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RefusedMessage_StoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedCooperativeAsync(database, levels: [2, 3]); // the message says level 1: the cooperative is not eligible

        var processed = await ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);

        processed.Errors.ShouldHaveSingleItem().Code.ShouldBe("T.18");
        processed.Errors[0].Text.ShouldContain("non è idoneo per l'ATS della Città Metropolitana di Milano (321) al livello 1");
        await using var db = database.CreateContext();
        (await db.Residents.CountAsync(r => r.Id == Cf, TestContext.Current.CancellationToken)).ShouldBe(0);
        (await db.Set<PattoDiCura>().CountAsync(p => p.PatientId == Cf, TestContext.Current.CancellationToken)).ShouldBe(0);
    }

    [Fact]
    public async Task UnknownPatient_CodiceFiscaleDisagreeingWithTheBirthDate_IsNotRegistered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await SeedCooperativeAsync(database);
        string message = Regional.Example(Regional.EnrolmentMessage).Replace("\"birthDate\": \"2024-06-04\"", "\"birthDate\": \"2024-06-05\"", StringComparison.Ordinal);

        var processed = await ProcessAsync(database, message, Gp);

        processed.Accepted.ShouldBeFalse();
        processed.Errors.ShouldContain(e => e.Text.Contains($"codice fiscale {Cf}", StringComparison.Ordinal) && e.Text.Contains("non è registrato in anagrafe", StringComparison.Ordinal));
        await using var db = database.CreateContext();
        (await db.Residents.CountAsync(r => r.Id == Cf, TestContext.Current.CancellationToken)).ShouldBe(0);
    }

    [Fact]
    public async Task NoGpAndUnknownPatient_IsRefusedWithT16()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();

        var processed = await ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), actingGp: null);

        processed.Errors.ShouldHaveSingleItem().Code.ShouldBe("T.16");
    }

    [Fact]
    public async Task KnownPatientOfAnotherGp_IsRefusedWith44()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await SeedCooperativeAsync(database);
        await using (var db = database.CreateContext())
        {
            db.Residents.Add(new Kernel.Population.Resident(Cf, new DateOnly(2024, 6, 4), Kernel.Population.Sex.Male, Ats, "MMG00099"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var processed = await ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);

        processed.Errors.ShouldHaveSingleItem().Code.ShouldBe("4.4");
        processed.Errors[0].Text.ShouldContain("NAR = \"MMG00099\" (primario)");
    }

    [Fact]
    public async Task SecondMessage_SameGp_WritesANewPaiVersion()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await SeedCooperativeAsync(database);
        await ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);

        var second = await ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), actingGp: null); // the GP of record acts

        second.Enrolment.ShouldNotBeNull().PaiVersion.ShouldBe(2);
        second.Enrolment.PatientRegistered.ShouldBeFalse();
    }

    [Fact]
    public async Task Views_OfTheEnrolledPatient_ConformToTheRegionalProfilesAndToFhirR4()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await SeedCooperativeAsync(database);
        var processed = await ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);
        await using var db = database.CreateContext();
        var views = new FhirReadService(db, Catalogues.Value, Regional.ServiceCodes, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;

        var plan = (await views.CarePlanAsync(processed.Enrolment!.PaiId, ct)).ShouldNotBeNull();
        Regional.Conformance.Profiles.Check(plan, RegionalUrls.CarePlanProgettoIndividuale).ShouldBeEmpty();
        (plan.Intent, plan.Status, plan.Identifier.Single().Value).ShouldBe((CarePlan.CarePlanIntent.Order, Hl7.Fhir.Model.RequestStatus.Active, processed.Enrolment.ProtocolNumber));
        plan.GetExtensionValue<UnsignedInt>(RegionalUrls.CarePlanVersionePai).Value.ShouldBe(1);
        plan.Addresses.Single().Reference.ShouldBe($"Condition/{Cf}-pat17");
        plan.Contained.ShouldBeEmpty();
        plan.Activity.ShouldNotBeEmpty();
        plan.Activity.ShouldAllBe(a => a.Reference!.Reference!.StartsWith("ServiceRequest/") || a.Reference!.Reference!.StartsWith("MedicationRequest/"));

        var conditions = await views.ConditionsAsync(Cf, ct);
        var primary = (Condition)conditions.Entry.Single().Resource!;
        Regional.Conformance.Profiles.Check(primary, RegionalUrls.ConditionProblemiSalute).ShouldBeEmpty();
        primary.Severity!.Coding.Single().Code.ShouldBe("1");

        Resource[] all =
        [
            plan, conditions, (await views.PatientAsync(Cf, ct))!, await views.EpisodesOfCareAsync(Cf, ct), await views.ConsentsAsync(Cf, ct),
            await views.RiskAssessmentsAsync(Cf, ct), await views.AppointmentsAsync(Cf, ct), Capabilities.Statement(DateTimeOffset.UtcNow),
        ];
        foreach (var resource in all)
        {
            resource.Validate(ModelInfo.ModelInspector).Select(i => i.Message).ShouldBeEmpty(resource.TypeName);
        }

        ((Bundle)all[3]).Entry.Single().Resource.ShouldBeOfType<EpisodeOfCare>().Status.ShouldBe(EpisodeOfCare.EpisodeOfCareStatus.Active);
        ((Bundle)all[4]).Entry.Single().Resource.ShouldBeOfType<Consent>().Status.ShouldBe(Consent.ConsentState.Active);
    }

    [Fact]
    public async Task Prefill_MergesTheTemplatesOfEveryPathologyOfTheMessage_AsThePaiEditorDoes()
    {
        // The official message: main pathology 17 (chronic renal failure), secondary 02 (dialysis) and 18.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await SeedCooperativeAsync(database);

        var processed = await ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);

        processed.Accepted.ShouldBeTrue(string.Join(" / ", processed.Errors));
        await using var db = database.CreateContext();
        var version = (await db.Set<Pai>().SingleAsync(p => p.PatientId == Cf, TestContext.Current.CancellationToken)).ActiveVersion.ShouldNotBeNull();
        var expected = TemplatePlan.Of(Catalogues.Value, "17", "17|2|18", 1);
        expected.Templates.Count.ShouldBeGreaterThan(1);
        var services = version.Items.Where(i => i.Kind == PaiItemKind.Service).ToList();
        services.Select(i => (i.Code, i.PerYear, i.Pathologies)).ShouldBe(
            expected.Items.Where(i => i.Kind == PaiItemKind.Service).Select(i => (i.Code, i.PerYear, i.Pathologies)));
        services.Select(i => i.Code).ShouldBeUnique();
        services.ShouldContain(i => i.PathologyCodes.Contains("18"));
        version.Reason.ShouldContain("patologie 17, ");
    }

    internal static async Task<ProcessedMessage> ProcessAsync(TestDatabase database, string body, string? actingGp)
    {
        await using var db = database.CreateContext();
        var options = new PicMmgOptions();
        var port = new CarePicMmgEnrolment(db, Catalogues.Value, options, Regional.Conformance.Errors, TimeProvider.System);
        var processor = new PicMmgMessageProcessor(Regional.Conformance, options, port, TimeProvider.System);
        return await processor.ProcessAsync(body, actingGp, id => "/fhir/CarePlan/" + id, TestContext.Current.CancellationToken);
    }

    internal static async Task SeedCooperativeAsync(TestDatabase database, int[]? levels = null)
    {
        await using var db = database.CreateContext();
        await CareSeed.CooperativeWithOnePatientAsync(db, Cooperative, Gp, Ats, levels ?? [1, 2, 3], TestContext.Current.CancellationToken);
    }
}
