using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.CaseManagement;
using Territorio.Web.Care;
using Territorio.Web.Tests.Infrastructure;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests.Care;

/// <summary>Worklist pages and patient files kept in memory are served again only while nothing they show changed.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ScreenCacheTests(WebAppFixture app)
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

    [Fact]
    public async Task PatientFile_IsComputedOncePerVersion_AndAgainAfterTheirContact()
    {
        string patient = AtsSeed.ChangeToReject(Territory.B);
        await using var scope = app.App.Services.CreateAsyncScope();
        var care = scope.ServiceProvider.GetRequiredService<CareServices>();
        var files = scope.ServiceProvider.GetRequiredService<PatientFileQuery>();
        var resident = await care.Db.Residents.AsNoTracking().SingleAsync(r => r.Id == patient, Ct);

        var first = await files.BuildAsync(resident, Territory.B.Gestore, Ct, withContacts: true);
        var again = await files.BuildAsync(resident, Territory.B.Gestore, Ct, withContacts: true);
        await care.Contacts.RecordAsync(patient, ContactKind.PhoneCall, null, ContactOutcome.Reached, "fissata la visita",
            new CareActor.Factory("cm.test").CaseManager(Territory.B.Gestore), Ct);
        var after = await files.BuildAsync(resident, Territory.B.Gestore, Ct, withContacts: true);

        again.Pacts.ShouldBeSameAs(first.Pacts);
        after.Pacts.ShouldNotBeSameAs(first.Pacts);
        after.Contacts!.Count.ShouldBe(first.Contacts!.Count + 1);
    }
}
