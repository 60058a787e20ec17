using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.CaseManagement;
using Territorio.Web.Care;
using Territorio.Web.Tests.Infrastructure;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests.Care;

/// <summary>The worklist pages kept in memory are served again only while nothing of the Gestore changed.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WorklistPagesTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SamePage_IsServedFromMemory_UntilAContactChangesTheGestoresCase()
    {
        var pages = app.App.Services.GetRequiredService<WorklistPages>();
        string patient = AtsSeed.Expiring(Territory.B);
        await using var scope = app.App.Services.CreateAsyncScope();
        var care = scope.ServiceProvider.GetRequiredService<CareServices>();

        var first = await pages.GetAsync(care, Territory.B.Gestore, 0, 25, Ct);
        var again = await pages.GetAsync(care, Territory.B.Gestore, 0, 25, Ct);
        await care.Contacts.RecordAsync(patient, ContactKind.PhoneCall, null, ContactOutcome.NotReached, "non risponde",
            new CareActor.Factory("cm.test").CaseManager(Territory.B.Gestore), Ct);
        var after = await pages.GetAsync(care, Territory.B.Gestore, 0, 25, Ct);

        again.ShouldBeSameAs(first);
        after.ShouldNotBeSameAs(first);
        int before = first.Entries.Single(e => e.PatientId == patient).Contacts?.Recent ?? 0;
        after.Entries.Single(e => e.PatientId == patient).Contacts!.Recent.ShouldBe(before + 1);
    }
}
