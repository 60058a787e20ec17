using Hl7.Fhir.Model;
using Territorio.CareManagement.Application.Common;
using Territorio.Fhir.Messaging;
using Territorio.Fhir.Views;
using Territorio.Flows.Reference;
using Territorio.Testing;
using Task = System.Threading.Tasks.Task;

namespace Territorio.Fhir.Tests;

/// <summary>Firely's validator against the region's profiles (data/lombardia-fhir/profiles) and the R4 core definitions, offline.</summary>
public class FirelyValidationTests
{
    private const string Cf = "QTTGGN24H04F205B";
    private const string Gp = "MMG00042";

    /// <summary>Where the region's own examples break R4 or its profiles: a fragment of each error Firely reports.</summary>
    private static readonly Dictionary<string, string[]> KnownDeviations = new()
    {
        ["Example_Bundle_MMG_pic.json"] = ["bdl-15"],
        ["Example_Bundle_Risposta_MMG_ko.json"] = ["bdl-15", "'timestamp'", "'div'"],
        ["Example_Bundle_Risposta_MMG_ok.json"] = ["bdl-15", "'timestamp'", "'div'"],
        // supportingInfo is sliced by the referenced resource's profile; the example's Observation cannot be resolved.
        ["Example_CarePlan_ProgettoIndividuale.json"] = ["slice Allergie"],
        ["Example_Condition_PatologiaPrimaria.json"] = ["ValueSet/TipologiaProblemaSalute"],
        ["Example_Goal_ObiettiviSalute.json"] = ["'category' must be an array"],
        ["Example_RL_OperationOutcomeMMG_Negativa.json"] = ["'div'"],
        ["Example_RL_OperationOutcomeMMG_Positiva.json"] = ["'div'"],
    };

    private static readonly Lazy<CareCatalogues> Catalogues = new(() => CareCatalogues.Load(ReferenceData.Default()));

    public static TheoryData<string> Examples() => new(Regional.ExampleFiles);

    [Theory]
    [MemberData(nameof(Examples))]
    public void RegionalExample_ValidatedByFirely_HasOnlyTheRegionsKnownDeviations(string file)
    {
        var resource = FhirMessageReader.Parse(Regional.Example(file), out _).ShouldNotBeNull(file);
        string[] expected = KnownDeviations.GetValueOrDefault(file, []);

        var errors = Regional.Validator.Errors(resource);

        errors.Select(e => expected.FirstOrDefault(f => e.Contains(f, StringComparison.Ordinal)) ?? e).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Order(StringComparer.Ordinal), string.Join("\n", errors));
    }

    [Fact]
    public async Task EveryResourceTheServerEmits_ConformsToItsDeclaredProfileAndToR4()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await CareEnrolmentTests.SeedCooperativeAsync(database);
        var accepted = await CareEnrolmentTests.ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);
        var refused = await CareEnrolmentTests.ProcessAsync(database, "non è JSON", Gp);
        await using var db = database.CreateContext();
        var views = new FhirReadService(db, Catalogues.Value, Regional.ServiceCodes, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;
        var plan = (await views.CarePlanAsync(accepted.Enrolment!.PaiId, ct)).ShouldNotBeNull();
        var conditions = await views.ConditionsAsync(Cf, ct);
        var activities = new List<Resource>();
        foreach (var activity in plan.Activity)
        {
            activities.Add((await views.ActivityAsync(activity.Reference!.Reference!.Split('/')[1], ct)).ShouldNotBeNull(activity.Reference.Reference));
        }

        List<Resource> emitted =
        [
            accepted.Answer, refused.Answer, plan, .. activities, (await views.PatientAsync(Cf, ct))!, conditions,
            .. conditions.Entry.Select(e => e.Resource!),
            (await views.ConditionAsync(FhirViews.ConditionId(Cf, "17"), ct))!,
            (await views.OrganizationAsync("COOP1", "321", ct))!, (await views.PractitionerRoleAsync(FhirViews.GeneralPractitionerRoleId(Gp), "321", ct))!,
            await views.EpisodesOfCareAsync(Cf, ct), await views.ConsentsAsync(Cf, ct),
            await views.AppointmentsAsync(Cf, ct), await views.CarePlansAsync(Cf, ct), FhirReadService.Empty(), Capabilities.Statement(DateTimeOffset.UtcNow),
        ];

        emitted.ShouldAllBe(r => r != null);
        foreach (var resource in emitted)
        {
            Regional.Validator.Errors(resource).ShouldBeEmpty($"{resource.TypeName}/{resource.Id}");
        }

        // Firely evaluates R4 ras-2 (probability <= 100) as failed on a prediction without a probability,
        // which the stratification never gives: the only finding on the RiskAssessment.
        var risk = (await views.RiskAssessmentsAsync(Cf, ct)).Entry.Single().Resource!;
        Regional.Validator.Errors(risk).ShouldHaveSingleItem().ShouldContain("ras-2");

        // Validated against the region's profiles, not only R4: the plan and its activities claim them.
        plan.Meta!.Profile.ShouldBe([RegionalUrls.CarePlanProgettoIndividuale]);
        activities.OfType<ServiceRequest>().ShouldNotBeEmpty();
        activities.OfType<ServiceRequest>().ShouldAllBe(r => r.Meta!.Profile.Single() == RegionalUrls.ServiceRequestPrestazioniSpecialistiche
            || r.Meta!.Profile.Single() == RegionalUrls.ServiceRequestInterventoEducazionale);
        activities.ShouldAllBe(r => r.Meta!.VersionId == "1");
    }

    [Fact]
    public async Task CarePlanWithContainedVersionedActivities_AsBefore_IsRefusedForDom4()
    {
        var (plan, activities) = await EnrolledPlanAsync();
        var request = activities.OfType<ServiceRequest>().First();
        plan.Contained.Add(request);
        plan.Activity[0].Reference = new ResourceReference("#" + request.Id);

        Regional.Validator.Errors(plan).ShouldContain(e => e.Contains("dom-4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServiceRequest_CodedInTheNationalNomenclatorUnderTheSissProfile_IsRefused()
    {
        var (_, activities) = await EnrolledPlanAsync();
        var request = activities.OfType<ServiceRequest>().First(r => r.Meta!.Profile.Single() == RegionalUrls.ServiceRequestPrestazioniSpecialistiche);
        request.Code!.Coding[0].System = FhirViews.TerritorioSystem + "nomenclatore";

        Regional.Validator.Errors(request).ShouldContain(e => e.Contains("DDC-PrestSpecSISS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConditionWithALevelOutsideTheRegionsCodeSystem_IsRefused()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await CareEnrolmentTests.SeedCooperativeAsync(database);
        await CareEnrolmentTests.ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);
        await using var db = database.CreateContext();
        var condition = (await new FhirReadService(db, Catalogues.Value, Regional.ServiceCodes, TimeProvider.System).ConditionAsync(FhirViews.ConditionId(Cf, "17"), TestContext.Current.CancellationToken)).ShouldNotBeNull();
        condition.Category[0].Coding[0].Code = "9";

        Regional.Validator.Errors(condition).ShouldContain(e => e.Contains("Condition.category", StringComparison.Ordinal));
    }

    private static async Task<(CarePlan Plan, List<Resource> Activities)> EnrolledPlanAsync()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await CareEnrolmentTests.SeedCooperativeAsync(database);
        var accepted = await CareEnrolmentTests.ProcessAsync(database, Regional.Example(Regional.EnrolmentMessage), Gp);
        await using var db = database.CreateContext();
        var views = new FhirReadService(db, Catalogues.Value, Regional.ServiceCodes, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;
        var plan = (await views.CarePlanAsync(accepted.Enrolment!.PaiId, ct)).ShouldNotBeNull();
        var activities = new List<Resource>();
        foreach (var activity in plan.Activity)
        {
            activities.Add((await views.ActivityAsync(activity.Reference!.Reference!.Split('/')[1], ct))!);
        }

        return (plan, activities);
    }
}
