using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>The PAI from the templates of all the patient's pathologies, through the services, on SQLite and PostgreSQL.</summary>
public class PaiFromTemplatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WriteFromTemplate_HypertensionWithDiabetes_OnePlanForBoth_ItemsNameTheirPathologies(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", Today, "paziente", "dr.rossi", CaseManager(), Ct));

        var version = await world.UseAsync(db => world.Pai(db).WriteFromTemplateAsync("P1", Manager(), null, Ct));

        version.Reason.ShouldBe("PAI dal modello provvisorio provvisorio-2026-12 (patologie 56, 50, livello 2)");
        var stored = (await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct)))!.ActiveVersion!;
        stored.Items.Single(i => i.Code == "89.52").Pathologies.ShouldBe("56");
        stored.Items.Single(i => i.Code == "90.28.1").Pathologies.ShouldBe("50");
        stored.Items.Single(i => i.Kind == PaiItemKind.Education && i.Code == "EDU06").ShouldSatisfyAllConditions(
            i => i.Pathologies.ShouldBe("56|50"),
            i => i.Template.ShouldBe("provvisorio-2026-12"));
        stored.Items.Where(i => i.Kind == PaiItemKind.Drug).Select(i => i.Code).ShouldBe(["C09AA", "C08CA", "A10BA", "A10BK"]);
        stored.Items.GroupBy(i => (i.Kind, i.Code)).ShouldAllBe(g => g.Count() == 1);
        world.Catalogues.HasProvisionalItems(stored).ShouldBeTrue();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Propose_ServiceOutsideTheNomenclator_IsRefused_InItalian(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", Today, "paziente", "dr.rossi", CaseManager(), Ct));

        var refusal = await Should.ThrowAsync<Territorio.CareManagement.Common.CareRuleException>(() => world.UseAsync(db =>
            world.Pai(db).ProposeAsync("P1", [PaiItem.Service("90.42.9", "inventata", 1)], Doctor, "TSH", Ct)));

        refusal.Message.ShouldBe("il codice 90.42.9 non è nel vocabolario nomenclatore delle prestazioni");
        (await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct))).ShouldBeNull();
    }
}
