using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Data.Security;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>
/// A renewal through the service on both databases (DGR X/6164/2017 allegato 1: the patient confirms
/// the pact each year), and the witness: only an active operator account of the Gestore.
/// </summary>
public class PactRenewalServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Renewal_AfterThePatientsConfirmation_IsStoredWithItsHistory_AndARefusedOneLeavesThePactAsItWas(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        var pact = (await world.SignedSinceAsync(Today.AddDays(-340), "P1", "G1", "Carla Neri (cm.bianchi)", "dr.rossi", CaseManager())).Pact;
        var fromPage = new PatientSignature(SignatureMethod.PatientPage, "Carla Neri (cm.bianchi)", null, "cm.bianchi");

        var refusal = await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).RenewAsync(pact.Id, fromPage, CaseManager(), Ct)));
        await world.UseAsync(db => world.Enrolment(db).ConfirmRenewalAsync("P1", new Actor(ActorRole.Patient, "P1"), Ct));
        await world.UseAsync(db => world.Enrolment(db).RenewAsync(pact.Id, fromPage, CaseManager(), Ct));

        refusal.Field.ShouldBe("signatureMethod");
        var stored = await world.UseAsync(db => db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.Id == pact.Id, Ct));
        stored.EndDate.ShouldBe(pact.EndDate.AddYears(1));
        stored.RenewalConfirmedOn.ShouldBeNull();
        var renewal = stored.RenewalHistory.ShouldHaveSingleItem();
        (renewal.Number, renewal.Method, renewal.PatientConfirmedOn, renewal.Witness, renewal.WitnessAccount).ShouldBe((1, SignatureMethod.PatientPage, (DateOnly?)Today, "Carla Neri (cm.bianchi)", "cm.bianchi"));
        (await world.UseAsync(db => world.Cases(db).HistoryAsync("P1", Ct))).Select(h => h.Action).ShouldContain("rinnovo confermato dal paziente");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Witness_IsAnActiveCaseOrClinicalManagerOfTheGestore_NamedAsAPerson(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(async db =>
        {
            Account(db, "cm.bianchi", "Carla Neri", "G1", GestoreOperators.CaseManagerRole);
            Account(db, "dr.rossi", "Mario Rossi", "G1", GestoreOperators.ClinicalManagerRole);
            Account(db, "agenda.g1", "Sportello prenotazioni", "G1", "erogatore");
            Account(db, "cm.verdi", "Anna Verdi", "G2", GestoreOperators.CaseManagerRole);
            Account(db, "cm.cessato", "Paolo Riva", "G1", GestoreOperators.CaseManagerRole, lockedUntil: DateTimeOffset.MaxValue);
            Account(db, "cm.rientrato", "Elena Sala", "G1", GestoreOperators.CaseManagerRole, lockedUntil: DateTimeOffset.UnixEpoch);
            await db.SaveChangesAsync(Ct);
        });

        Task<PatientSignature> Witness(string login) => world.UseAsync(db => GestoreOperators.WitnessedByAsync(db, login, "G1", "--testimone", SignatureMethod.PatientPage, null, world.Clock.GetUtcNow(), Ct));
        async Task<string> Refusal(string login) => (await Should.ThrowAsync<CareRuleException>(() => Witness(login))).Message;

        (await Witness("CM.Bianchi")).ShouldBe(new PatientSignature(SignatureMethod.PatientPage, "Carla Neri (cm.bianchi)", null, "cm.bianchi"));
        (await Witness("dr.rossi")).Witness.ShouldBe("Mario Rossi (dr.rossi)");
        (await Witness("cm.rientrato")).WitnessAccount.ShouldBe("cm.rientrato");
        (await Refusal("Carla Neri")).ShouldBe("--testimone: l'account \"Carla Neri\" non esiste");
        (await Refusal("cm.verdi")).ShouldBe("--testimone: Anna Verdi (cm.verdi) non opera per il Gestore G1");
        (await Refusal("cm.cessato")).ShouldBe("--testimone: l'account di Paolo Riva (cm.cessato) è disattivato");
        (await Refusal("agenda.g1")).ShouldBe("--testimone: Sportello prenotazioni (agenda.g1) non è un case manager né un responsabile clinico del Gestore G1");
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => GestoreOperators.WitnessedByAsync(db, " ", "G1", null, SignatureMethod.Paper, null, world.Clock.GetUtcNow(), Ct))))
            .Field.ShouldBe("witness");
    }

    private static void Account(TerritorioDbContext db, string login, string name, string gestore, string role, DateTimeOffset? lockedUntil = null)
    {
        var user = new TerritorioUser
        {
            UserName = login,
            NormalizedUserName = login.ToUpperInvariant(),
            DisplayName = name,
            AtsCode = Ats,
            GestoreId = gestore,
            LockoutEnabled = lockedUntil is not null,
            LockoutEnd = lockedUntil,
        };
        db.Add(user);
        var identityRole = db.Set<IdentityRole>().Local.FirstOrDefault(r => r.Name == role);
        if (identityRole is null)
        {
            identityRole = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Add(identityRole);
        }

        db.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = identityRole.Id });
    }
}
