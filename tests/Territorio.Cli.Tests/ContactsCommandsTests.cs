using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.Cli.Tests;

/// <summary><c>territorio contacts …</c> and the demo's follow-up (contacts, GP drafts and proposals) on the demo region.</summary>
public sealed class ContactsCommandsTests(DemoRegionFixture region) : IClassFixture<DemoRegionFixture>
{
    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(region.Settings, args);

    private TerritorioDbContext Db() =>
        TerritorioDatabase.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = region.Directory });

    [Fact]
    public async Task Record_ThenList_ShowsTheContactFirst_WrongKindIsAUsageError_AnotherGestoreIsRefused()
    {
        PattoDiCura pact;
        await using (var db = Db())
        {
            pact = await db.Set<PattoDiCura>().AsNoTracking().OrderBy(p => p.Id).FirstAsync(p => p.Status == PactStatus.Active, TestContext.Current.CancellationToken);
        }

        var recorded = await Run("contacts", "record", "--paziente", pact.PatientId, "--gestore", pact.GestoreId, "--tipo", "visita", "--esito", "raggiunto",
            "--nota", "visita domiciliare, terapia rivista", "--operatore", "cm.rossi");
        recorded.ExitCode.ShouldBe(0, recorded.Error);
        recorded.Output.ShouldContain("visita del");

        var list = await Run("contacts", "list", "--paziente", pact.PatientId);
        list.Output.Split('\n')[1].ShouldContain("visita\traggiunto\tCaseManager:cm.rossi@" + pact.GestoreId + "\tvisita domiciliare, terapia rivista");

        var wrongKind = await Run("contacts", "record", "--paziente", pact.PatientId, "--gestore", pact.GestoreId, "--tipo", "fax", "--esito", "raggiunto");
        wrongKind.ExitCode.ShouldBe(2);
        wrongKind.Error.ShouldContain("--tipo: 'fax' non valido (telefonata, visita, messaggio)");

        var otherGestore = await Run("contacts", "record", "--paziente", pact.PatientId, "--gestore", "ALTRO", "--tipo", "telefonata", "--esito", "raggiunto");
        otherGestore.ExitCode.ShouldBe(1);
        // The refusal names the Gestore and the patient as people read them, the patient by name and codice fiscale.
        otherGestore.Error.ShouldContain($"({pact.GestoreId}) registra i contatti con il paziente ");
        otherGestore.Error.ShouldContain("(CF ");
        otherGestore.Error.ShouldNotContain(pact.PatientId);
    }

    [Fact]
    public async Task Demo_RecordsContacts_AndGpProposals_ForTheScreens()
    {
        await using var db = Db();
        var ct = TestContext.Current.CancellationToken;

        (await db.Set<Contact>().CountAsync(c => c.Author.StartsWith("CaseManager:demo.casemanager"), ct)).ShouldBeGreaterThan(0);
        var byMmg = await db.Set<PaiVersion>().Where(v => v.AuthorRole == CareManagement.Common.ActorRole.Mmg).Select(v => v.Status).ToListAsync(ct);
        byMmg.ShouldNotBeEmpty();
        byMmg.ShouldContain(PaiVersionStatus.Proposed);
    }
}
