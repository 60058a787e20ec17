using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.Cli.Tests;

/// <summary>What erogatori, case managers and GPs record by hand: deliveries, no-shows, shared prescriptions.</summary>
public sealed class CareOperationsCommandsTests(DemoRegionFixture region) : IClassFixture<DemoRegionFixture>
{
    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(region.Settings, args);

    private TerritorioDbContext Db() =>
        TerritorioDatabase.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = region.Directory });

    [Fact]
    public async Task Deliver_ByTheBookedErogatore_ClosesTheBooking_AnotherErogatoreIsRefused()
    {
        Booking booked;
        await using (var db = Db())
        {
            booked = await db.Set<Booking>().AsNoTracking().FirstAsync(b => b.Status == BookingStatus.Booked, TestContext.Current.CancellationToken);
        }

        string id = booked.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refused = await Run("bookings", "deliver", "--prenotazione", id, "--erogatore", "ALTRO", "--operatore", "op1");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("è presso l'erogatore ");
        refused.Error.ShouldContain($" ({booked.ErogatoreId})");
        refused.Error.ShouldNotContain($"erogatore {booked.ErogatoreId}");

        var done = await Run("bookings", "deliver", "--prenotazione", id, "--erogatore", booked.ErogatoreId, "--operatore", "op1");
        done.ExitCode.ShouldBe(0, done.Error);
        (await Run("bookings", "list", "--paziente", booked.PatientId)).Output.ShouldContain($"{id}\t{booked.ServiceCode}");
        await using var check = Db();
        (await check.Set<Booking>().SingleAsync(b => b.Id == booked.Id, TestContext.Current.CancellationToken)).Status.ShouldBe(BookingStatus.Delivered);
    }

    [Fact]
    public async Task SharedPrescription_RecordedByTheMmg_IsAcknowledgedByTheGestore_NotTwice()
    {
        Pai pai;
        await using (var db = Db())
        {
            pai = await db.Set<Pai>().AsNoTracking().FirstAsync(p => p.MmgId != null, TestContext.Current.CancellationToken);
        }

        var shared = await Run("pai", "share", "--paziente", pai.PatientId, "--tipo", "prestazione", "--codice", "89.52",
            "--descrizione", "ECG per sospetta aritmia", "--motivo", "palpitazioni", "--mmg", pai.MmgId!, "--operatore", pai.MmgId!);
        shared.ExitCode.ShouldBe(0, shared.Error);
        string number = shared.Output.Split("n.")[1].Split(' ')[0];

        (await Run("pai", "share-ack", "--prescrizione", number, "--mmg", pai.MmgId!, "--operatore", "x")).ExitCode.ShouldBe(1);
        (await Run("pai", "share-ack", "--prescrizione", number, "--gestore", pai.GestoreId, "--operatore", "rc1")).ExitCode.ShouldBe(0);
        (await Run("pai", "share-ack", "--prescrizione", number, "--gestore", pai.GestoreId, "--operatore", "rc1")).Error.ShouldContain("già stata vista");

        var list = await Run("pai", "shared", "--paziente", pai.PatientId);
        list.Output.ShouldContain("89.52\tECG per sospetta aritmia");
        list.Output.ShouldNotContain("non ancora vista");
    }

    [Fact]
    public async Task Share_WithoutSayingWhoActs_IsAUsageError()
    {
        var result = await Run("pai", "share", "--paziente", "P1", "--tipo", "prestazione", "--codice", "89.52", "--descrizione", "x", "--motivo", "y", "--operatore", "x");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--mmg oppure --gestore");
    }
}
