using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Registry;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.Data;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests.Registry;

/// <summary>The registry of organisations records the branche an erogatore is accredited for (decision 0260).</summary>
public class ErogatoreBrancheImportTests
{
    private const string Header = "kind,code,ats,name,street,cap,municipality,branche";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_FromServicesAlone_AccreditsTheBrancheTheyNeed_GenericVisitWithinThem()
    {
        await using var world = await CreateAsync(DatabaseProvider.Sqlite, patients: 1);

        var erogatore = await world.UseAsync(db => db.Set<Erogatore>().SingleAsync(e => e.Id == "E1", Ct));

        // 89.52 and 89.61.1 cardiology, 90.x laboratory, 95.09.1 ophthalmology; the generic visit 89.01 needs none more.
        erogatore.Branche.ShouldBe(["02", "11", "16"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OrganisationImport_RecordsTheErogatoresBranche_AuditedAsTheAtsAct(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider, patients: 1);

        var result = await world.UseAsync(db => Registry(world, db).ImportAsync(
            new StringReader($"{Header}\nerogatore,E1,321,Poliambulatorio Centro,Via Dante 4,20121,Milano,02|11|16|22\n"), "organizzazioni.csv", AtsOperator, Ct));

        result.Rejected.ShouldBeEmpty();
        (await world.UseAsync(db => db.Set<Erogatore>().SingleAsync(e => e.Id == "E1", Ct))).Branche.ShouldBe(["02", "11", "16", "22"]);
        var audit = await world.UseAsync(db => db.Set<AuditEntry>().Where(h => h.EntityId == "E1" && h.Action == "branche accreditate").OrderBy(h => h.Id).ToListAsync(Ct));
        audit.Last().ShouldSatisfyAllConditions(
            h => h.Details.ShouldBe("Cardiologia (02), Laboratorio analisi (11), Oculistica (16), Pneumologia (22)"),
            h => h.Reason.ShouldBe("anagrafe delle organizzazioni organizzazioni.csv"));
    }

    [Fact]
    public async Task OrganisationImport_BadBranche_AreEachReportedWithFileLineAndField_AndChangeNothing()
    {
        await using var world = await CreateAsync(DatabaseProvider.Sqlite, patients: 1);
        string csv = $"""
            {Header}
            erogatore,E1,321,Poliambulatorio Centro,Via Dante 4,20121,Milano,02|CARDIO
            erogatore,E1,321,Poliambulatorio Centro,Via Dante 4,20121,Milano,02|16
            gestore,G1,321,ASST Nord Milano,Piazza Ospedale Maggiore 3,20162,Milano,02
            """;

        var ex = await Should.ThrowAsync<Kernel.Errors.InputDataException>(() => world.UseAsync(db => Registry(world, db).ImportAsync(new StringReader(csv), "organizzazioni.csv", AtsOperator, Ct)));
        ex.Message.ShouldContain("riga 3");

        var result = await world.UseAsync(db => Registry(world, db).ImportAsync(new StringReader($"""
            {Header}
            erogatore,E1,321,Poliambulatorio Centro,Via Dante 4,20121,Milano,02|CARDIO
            gestore,G1,321,ASST Nord Milano,Piazza Ospedale Maggiore 3,20162,Milano,02
            """), "organizzazioni.csv", AtsOperator, Ct));
        result.Rejected.Select(e => (e.File, e.Line, e.Field)).ShouldBe([("organizzazioni.csv", 2L, "branche"), ("organizzazioni.csv", 3L, "branche")]);
        result.Rejected[0].Reason.ShouldStartWith("branca «CARDIO» sconosciuta");
        result.Rejected[1].Reason.ShouldBe("solo un erogatore ha branche accreditate");

        // Withdrawing the laboratory while 90.16.3 is offered is refused on its row.
        var withdrawn = await world.UseAsync(db => Registry(world, db).ImportAsync(
            new StringReader($"{Header}\nerogatore,E1,321,Poliambulatorio Centro,Via Dante 4,20121,Milano,02|16\n"), "organizzazioni.csv", AtsOperator, Ct));
        withdrawn.Rejected.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Field.ShouldBe("branche"),
            e => e.Reason.ShouldContain("90.16.3 CREATININA"),
            e => e.Reason.ShouldContain("Laboratorio analisi (11)"));
        (await world.UseAsync(db => db.Set<Erogatore>().SingleAsync(e => e.Id == "E1", Ct))).Branche.ShouldBe(["02", "11", "16"]);
    }

    [Fact]
    public async Task Offer_OutsideTheBranche_IsRefusedByTheNetworkService_AndWithinThemIsPublished()
    {
        await using var world = await CreateAsync(DatabaseProvider.Sqlite, patients: 1);

        var refusal = await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Network(db).OfferAsync("E1", "93.11.1", AtsOperator, Ct)));
        refusal.Message.ShouldStartWith("l'erogatore Poliambulatorio Centro (E1) non è accreditato per la branca Medicina fisica e riabilitazione: non può offrire 93.11.1 RIEDUCAZIONE MOTORIA INDIVIDUALE");

        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Network(db).OfferAsync("E1", "88.74.1", AtsOperator, Ct))))
            .Message.ShouldContain("non è accreditato per la branca Radiologia diagnostica");
        await world.UseAsync(db => world.Network(db).OfferAsync("E1", "89.50", AtsOperator, Ct));
        (await world.UseAsync(db => db.Set<Erogatore>().Include(e => e.Services).SingleAsync(e => e.Id == "E1", Ct))).Offers("89.50").ShouldBeTrue();
    }

    private static OrganisationRegistry Registry(CareWorld world, TerritorioDbContext db) => new(db, world.Clock, world.Catalogues.Branche);
}
