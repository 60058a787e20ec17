using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Territorio.Data.Queries;
using Territorio.Kernel.Population;
using Territorio.Testing;

namespace Territorio.Data.Tests.Queries;

public sealed class InlinedTests
{
    private static readonly Expression<Func<int, int, bool>> Between = (value, limit) => value > 0 && value < limit;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Expand_PutsTheRulesBodyInPlaceOfTheCall_OnTheCallsArguments()
    {
        var expanded = Inlined.Expand<Func<int, bool>>(x => Inlined.Call(Between, x * 2, 10));

        expanded.ToString().ShouldBe("x => (((x * 2) > 0) AndAlso ((x * 2) < 10))");
        expanded.Compile()(4).ShouldBeTrue();
        expanded.Compile()(5).ShouldBeFalse();
    }

    [Fact]
    public void Expand_TakesARuleCapturedByTheShape()
    {
        Expression<Func<int, int, bool>> captured = (value, limit) => value == limit;

        Inlined.Expand<Func<int, bool>>(x => Inlined.Call(captured, x, 3)).Compile()(3).ShouldBeTrue();
    }

    [Fact]
    public void Call_NotExpanded_SaysHowToUseIt()
    {
        var shape = (Expression<Func<int, bool>>)(x => Inlined.Call(Between, x, 10));

        Should.Throw<InvalidOperationException>(() => shape.Compile()(1)).Message.ShouldContain("Inlined.Expand");
    }

    [Fact]
    public async Task ExpandedQuery_IsTranslatedToOneStatement_WithTheContextsSetsInTheRule()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await using var db = database.CreateContext();
        db.Residents.AddRange(
            new Resident("P1", new DateOnly(1950, 1, 1), Sex.Female, "321", "M1"),
            new Resident("P2", new DateOnly(1960, 1, 1), Sex.Male, "321", "M2"),
            new Resident("P3", new DateOnly(1970, 1, 1), Sex.Male, "322", "M1"),
            new Resident("P4", new DateOnly(1980, 1, 1), Sex.Female, "321", "M1"));
        await db.SaveChangesAsync(Ct);
        Expression<Func<TerritorioDbContext, Resident, bool>> sameGpAsAnotherInTheTerritory =
            (context, r) => context.Residents.Any(o => o.Id != r.Id && o.MmgId == r.MmgId && o.Ats == r.Ats);
        var context = db;

        var found = await db.Residents.Where(Inlined.Expand<Func<Resident, bool>>(r => !Inlined.Call(sameGpAsAnotherInTheTerritory, context, r)))
            .Select(r => r.Id).OrderBy(id => id).ToListAsync(Ct);

        found.ShouldBe(["P2", "P3"]);
    }
}
