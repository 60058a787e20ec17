using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>Races closed by the database: partial unique indexes, concurrency tokens, parallel booking.</summary>
public class ConstraintTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pact_TwoOperatorsSigningAtOnce_OnlyOneActivePactIsStored(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await using var first = world.Database.CreateContext();
        await using var second = world.Database.CreateContext();

        // Both read "no active pact" before either commits: the partial unique index decides.
        var a = world.Enrolment(first).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager("G1"), Ct);
        await a;
        var refusal = await Should.ThrowAsync<CareRuleException>(() => SignBypassingReadAsync(world, second));
        refusal.Message.ShouldBe("il paziente P1 ha già un patto di cura attivo");
        (await world.UseAsync(db => db.Set<PattoDiCura>().CountAsync(p => p.PatientId == "P1", Ct))).ShouldBe(1);
    }

    // The second operator's domain check ran on stale data (no pacts seen): only the database can refuse.
    private static async Task SignBypassingReadAsync(CareWorld world, TerritorioDbContext db)
    {
        var gestore = await db.Set<CareManagement.Gestori.Gestore>().Include(g => g.Candidatures).SingleAsync(g => g.Id == "G2", Ct);
        var classification = await ClassificationQueries.EffectiveAsync(db, "P1", Ct);
        var signing = new PactSigning("P1", Ats, "MMG1", true, classification!, Today,
            new ConsentBasis(ConsentGround.Invitation, 1, "P1", null, Today), new PatientSignature(SignatureMethod.Paper, "op", "patto-0123456789abcdef0123456789abcdef.pdf"), "coop");
        var pact = PactRules.Sign(signing, gestore, [], new Change(CaseManager("G2"), world.Clock.UtcNow)).Pact;
        db.Add(pact);
        await CareUnitOfWork.CommitAsync(db, TimeProvider.System, Ct, "il paziente P1 ha già un patto di cura attivo");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pai_TwoManagersWritingFromTheSameVersion_SecondIsRefused(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        await using var first = world.Database.CreateContext();
        await using var second = world.Database.CreateContext();
        var paiA = await world.Pai(first).FindAsync("P1", Ct);
        var paiB = await world.Pai(second).FindAsync("P1", Ct);

        paiA!.Write([PaiItem.Service("89.01", "Visita", 2)], world.Catalogues.Vocabulary, new Change(Manager(), world.Clock.UtcNow, "più visite"));
        paiB!.Write([PaiItem.Service("89.52", "ECG", 2)], world.Catalogues.Vocabulary, new Change(Manager(), world.Clock.UtcNow, "più ECG"));
        await CareUnitOfWork.CommitAsync(first, TimeProvider.System, Ct);

        (await Should.ThrowAsync<CareRuleException>(() => CareUnitOfWork.CommitAsync(second, TimeProvider.System, Ct))).Message.ShouldContain("modificati nel frattempo");
        var stored = await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct));
        stored!.Versions.Count(v => v.Status == PaiVersionStatus.Active).ShouldBe(1);
        stored.ActiveVersion!.Reason.ShouldBe("più visite");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pai_SecondActiveVersionInsertedDirectly_IsRefusedByTheDatabase(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");

        await ShouldViolateUniqueIndexAsync(world, "INSERT INTO pai_versions (pai_id, number, status, author, author_role, created_at, reason) SELECT pai_id, 9, 'Active', 'x', 'System', created_at, 'x' FROM pai_versions");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Booking_SameSeatInsertedTwice_IsRefusedByTheDatabase(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        long slot = await world.FirstSlotAsync();
        await world.UseAsync(db => world.Bookings(db).BookAsync("P1", slot, CaseManager(), Ct));

        await ShouldViolateUniqueIndexAsync(world,
            "INSERT INTO bookings (patient_id, pai_id, gestore_id, service_code, slot_id, seat, erogatore_id, date, start_time, status, booked_by, version) " +
            "SELECT 'P2', pai_id, gestore_id, service_code, slot_id, seat, erogatore_id, date, start_time, 'Booked', 'x', 0 FROM bookings");
    }

    private static async Task ShouldViolateUniqueIndexAsync(CareWorld world, string sql)
    {
        var failure = await Should.ThrowAsync<System.Data.Common.DbException>(async () =>
        {
            try
            {
                await world.UseAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct));
            }
            catch (System.Data.Common.DbException ex)
            {
                // Rethrown as the common base so both providers' exceptions match.
                throw new WrappedDbException(ex);
            }
        });
        failure.InnerException.ShouldBeAssignableTo<System.Data.Common.DbException>()!.Message.ShouldContain("UNIQUE", Case.Insensitive);
    }

    private sealed class WrappedDbException(System.Data.Common.DbException inner) : System.Data.Common.DbException(inner.Message, inner);

    [Fact]
    public async Task Booking_ManyParallelRequestsForOneSlot_ExactlyOneSucceeds_OnPostgres()
    {
        const int patients = 12;
        await using var world = await CreateAsync(DatabaseProvider.Postgres, patients + 1);
        for (int i = 1; i <= patients; i++)
        {
            await world.EnrolWithPaiAsync($"P{i}");
        }

        long slot = await world.FirstSlotAsync();
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(1, patients).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync(Ct);
            try
            {
                await world.UseAsync(db => world.Bookings(db).BookAsync($"P{i}", slot, CaseManager(), Ct));
                return "ok";
            }
            catch (CareRuleException ex)
            {
                return ex.Message;
            }
        }, Ct)).ToList();
        start.Release(patients);
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o == "ok").ShouldBe(1);
        outcomes.Where(o => o != "ok").ShouldAllBe(o => o.Contains("al completo"));
        (await world.UseAsync(db => db.Set<Booking>().CountAsync(b => b.SlotId == slot, Ct))).ShouldBe(1);
    }
}
