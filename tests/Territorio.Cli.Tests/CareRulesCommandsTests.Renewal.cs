using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Data.Security;
using Territorio.Flows.Reference;

namespace Territorio.Cli.Tests;

/// <summary>
/// The witness of a signature is an operator account of the Gestore, and a renewal needs the
/// patient's signature (DGR X/6164/2017 allegato 1), through the command line.
/// </summary>
public sealed partial class CareRulesCommandsTests
{
    [Fact]
    public async Task Sign_WithAWitnessThatIsNoActiveOperatorOfTheGestore_IsRefusedNamingTheOption_AndAGoodOneIsStoredByName()
    {
        var eligible = await Run("enrol", "eligible", "--ats", "321", "--max", "5000");
        // Invited by the ATS's letter; the second to last (the last is the backdated test's, which never signs).
        string patient = eligible.Output.Split('\n').Skip(1).Select(l => l.Split('\t'))
            .Where(c => c.Length > 4 && c[4].Trim() == "sì" && c[1] is "1" or "2" or "3").SkipLast(1).Last()[0];
        string[] sign = ["enrol", "sign", "--paziente", patient, "--gestore", "G321ASST"];

        var typed = await Run([.. sign, "--firma", "pagina-paziente", "--testimone", "Mario Rossi"]);
        var otherGestore = await Run([.. sign, "--firma", "pagina-paziente", "--testimone", GestoreOperatorAccounts.CooperativeCaseManager]);
        var disabled = await Run([.. sign, "--firma", "pagina-paziente", "--testimone", GestoreOperatorAccounts.Disabled]);
        var osUser = await Run([.. sign, "--firma", "pagina-paziente"]);
        (await PactsOfAsync(patient)).ShouldBe(0);
        var signed = await Run([.. sign, "--firma", "carta", "--scansione", await ScanAsync(patient), "--testimone", GestoreOperatorAccounts.OtherCaseManager, "--operatore", "cm1"]);

        typed.ExitCode.ShouldBe(1);
        typed.Error.Trim().ShouldBe("operazione rifiutata: --testimone: l'account \"Mario Rossi\" non esiste");
        otherGestore.Error.Trim().ShouldStartWith("operazione rifiutata: --testimone: Anna Galli (cm.coop) non opera per il Gestore ");
        otherGestore.Error.ShouldContain("G321ASST");
        disabled.Error.Trim().ShouldBe("operazione rifiutata: --testimone: l'account di Paolo Riva (cm.cessato) è disattivato");
        osUser.ExitCode.ShouldBe(1);
        osUser.Error.ShouldContain("operazione rifiutata: --operatore: l'account \"");
        signed.ExitCode.ShouldBe(0, signed.Error);
        signed.Output.ShouldContain("alla presenza di Luca Ferri (cm2)");
        await using var db = Db();
        var pact = await db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.PatientId == patient, Ct);
        (pact.Witness, pact.WitnessAccount, pact.SignatureMethod).ShouldBe(("Luca Ferri (cm2)", "cm2", SignatureMethod.Paper));
    }

    [Fact]
    public async Task Renew_NeedsThePatientsSignature_OnPaperWithTheScan_OrTheirConfirmationFromTheirPage_AndKeepsTheHistory()
    {
        var (onPaper, fromPage) = await DuePactsAsync();
        string[] Renew(PattoDiCura pact, string method, params string[] more) =>
            ["enrol", "renew", "--patto", Text(pact.Id), "--gestore", pact.GestoreId, "--firma", method, "--operatore", GestoreOperatorAccounts.First(pact.GestoreId).Login, .. more];

        var noScan = await Run(Renew(onPaper, "carta"));
        var unconfirmed = await Run(Renew(fromPage, "pagina-paziente"));
        var otherWitness = await Run(Renew(onPaper, "carta", "--scansione", await ScanAsync("rinnovo"), "--testimone", GestoreOperatorAccounts.OfTheOther(onPaper.GestoreId)));
        var paper = await Run(Renew(onPaper, "carta", "--scansione", await ScanAsync("rinnovo")));
        await ConfirmFromThePatientsPageAsync(fromPage.PatientId);
        var (countersigner, countersigned) = GestoreOperatorAccounts.Second(fromPage.GestoreId);
        var page = await Run(Renew(fromPage, "pagina-paziente", "--testimone", countersigner));

        noScan.ExitCode.ShouldBe(1);
        noScan.Error.ShouldContain($"rinnovo del patto {onPaper.Id} firmato su carta: manca la scansione del rinnovo firmato");
        unconfirmed.ExitCode.ShouldBe(1);
        unconfirmed.Error.ShouldContain("il paziente non ha ancora confermato il rinnovo dalla sua pagina");
        otherWitness.ExitCode.ShouldBe(1);
        otherWitness.Error.ShouldContain(") non opera per il Gestore");
        paper.ExitCode.ShouldBe(0, paper.Error);
        paper.Output.ShouldContain($"rinnovato fino al {onPaper.EndDate.AddYears(1):dd/MM/yyyy}: rinnovo n.1 del {Today:dd/MM/yyyy}");
        page.ExitCode.ShouldBe(0, page.Error);
        page.Output.ShouldContain($"confermato dal paziente dalla sua pagina il {Today:dd/MM/yyyy}, controfirmato da {countersigned}");

        await using var db = Db();
        var renewed = await db.Set<PattoDiCura>().AsNoTracking().Where(p => p.Id == onPaper.Id || p.Id == fromPage.Id).ToDictionaryAsync(p => p.Id, Ct);
        var byPaper = renewed[onPaper.Id].RenewalHistory.ShouldHaveSingleItem();
        (byPaper.Method, byPaper.Witness, byPaper.WitnessAccount).ShouldBe((SignatureMethod.Paper, GestoreOperatorAccounts.First(onPaper.GestoreId).Witness, GestoreOperatorAccounts.First(onPaper.GestoreId).Login));
        File.Exists(Path.Combine(region.Directory, "patti-firmati", byPaper.Scan!)).ShouldBeTrue();
        var byPage = renewed[fromPage.Id].RenewalHistory.ShouldHaveSingleItem();
        (byPage.Method, byPage.PatientConfirmedOn, byPage.WitnessAccount, byPage.Scan).ShouldBe((SignatureMethod.PatientPage, (DateOnly?)Today, countersigner, null));
        renewed[onPaper.Id].EndDate.ShouldBe(onPaper.EndDate.AddYears(1));
    }

    [Fact]
    public async Task Demo_RenewsAPactInItsWindow_OnThePatientsConfirmationFromTheirPage_WitnessedByACaseManagerAccountOfTheGestore()
    {
        await using var db = Db();
        // Other tests of this class renew pacts of the same region, witnessed by their own (non-demo) accounts.
        var demoAccounts = await db.Set<TerritorioUser>().AsNoTracking().Where(u => u.IsDemo).Select(u => u.UserName).ToListAsync(Ct);
        var renewed = (await db.Set<PattoDiCura>().AsNoTracking().Where(p => p.Renewals > 0).ToListAsync(Ct))
            .Where(p => p.RenewalHistory.Any(r => demoAccounts.Contains(r.WitnessAccount))).ToList();

        var pact = renewed.ShouldHaveSingleItem();
        var renewal = pact.RenewalHistory.ShouldHaveSingleItem();
        (renewal.Method, renewal.PatientConfirmedOn).ShouldBe((SignatureMethod.PatientPage, (DateOnly?)Today));
        var witness = await db.Set<TerritorioUser>().AsNoTracking().SingleAsync(u => u.UserName == renewal.WitnessAccount, Ct);
        (witness.GestoreId, witness.IsDemo).ShouldBe((pact.GestoreId, true));
        renewal.Witness.ShouldBe($"{witness.DisplayName} ({witness.UserName})");
    }

    [Fact]
    public async Task Demo_EveryPactsSignature_IsWitnessedByAnAccountOfItsGestore()
    {
        await using var db = Db();
        var accounts = db.Set<TerritorioUser>();

        var unwitnessed = await db.Set<PattoDiCura>().AsNoTracking()
            .Where(p => !accounts.Any(u => u.UserName == p.WitnessAccount && u.GestoreId == p.GestoreId)).Select(p => p.Id).ToListAsync(Ct);

        unwitnessed.ShouldBeEmpty();
        (await db.Set<PattoDiCura>().CountAsync(p => p.WitnessAccount == "demo.gestore.cm", Ct)).ShouldBeGreaterThan(0);
    }

    /// <summary>Two active pacts never renewed, of the Gestori the tests have operators of, brought to their renewal window (their last day in 20 days).</summary>
    private async Task<(PattoDiCura OnPaper, PattoDiCura FromPage)> DuePactsAsync()
    {
        await using var db = Db();
        var pacts = await db.Set<PattoDiCura>().Where(p => p.Status == PactStatus.Active && (p.GestoreId == "G321ASST" || p.GestoreId == "G321COOP") && p.Renewals == 0)
            .OrderByDescending(p => p.Id).Take(2).ToListAsync(Ct);
        var due = Today.AddDays(20);
        await db.Set<PattoDiCura>().Where(p => p.Id == pacts[0].Id || p.Id == pacts[1].Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.EndDate, due), Ct);
        return (await db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.Id == pacts[0].Id, Ct), await db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.Id == pacts[1].Id, Ct));
    }

    /// <summary>What the patient's page does when they press "Confermo il rinnovo".</summary>
    private async Task ConfirmFromThePatientsPageAsync(string patient)
    {
        await using var db = Db();
        var care = new CareServices(db, TimeProvider.System, CareCatalogues.Load(ReferenceData.Default()));
        await care.Enrolment.ConfirmRenewalAsync(patient, new Actor(ActorRole.Patient, patient), Ct);
    }

    private async Task<string> ScanAsync(string name)
    {
        string scan = Path.Combine(region.Directory, $"scansione-{name}-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(scan, "%PDF-1.4\n%%EOF\n", Ct);
        return scan;
    }
}
