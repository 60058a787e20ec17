using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Registry;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>The ATS's registries loaded into the database: organisations (name, seat, contacts) and residents' identity.</summary>
public class RegistryImportTests
{
    private const string OrganisationHeader = "kind,code,ats,name,street,cap,municipality,municipality_code,phone,email,pec";

    private const string PersonsHeader = "person_id,birth_date,sex,ats,mmg_id,death_date,fiscal_code,surname,given_name,birthplace_code,birthplace,street,cap,municipality_code,municipality,phone,email";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OrganisationImport_StoresGoodRows_RenamesTheGestore_AndReportsEachBadRowWithLineColumnAndReason(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider, patients: 2);
        string csv = $"""
            {OrganisationHeader}
            gestore,G1,321,ASST Grande Ospedale Metropolitano Niguarda,Piazza Ospedale Maggiore 3,20162,Milano,F205,+39 02 6444 1,info@asst.example,protocollo@pec.asst.example
            struttura,030412,321,Casa di cura Villa Serena,Via dei Mille 12,20121,Milano,F205,,,
            erogatore,E1,321,Poliambulatorio Centro,Via Dante 4,2012,Milano,,,,
            gestore,G404,321,Gestore sconosciuto,Via Roma 1,20121,Milano,,,,
            ospedale,030999,321,Ospedale,Via Roma 1,20121,Milano,,,,
            struttura,030413,321,Istituto clinico,Via Roma 2,20121,Milano,,02-1234,,
            gestore,G2,322,Cooperativa MMG,Via Roma 3,20121,Milano,,,,
            """;
        var result = await world.UseAsync(db => new OrganisationRegistry(db, world.Clock).ImportAsync(new StringReader(csv), "organizzazioni.csv", AtsOperator, Ct));

        result.Added.ShouldBe(2);
        result.Updated.ShouldBe(0);
        result.Rejected.Select(e => (e.Line, e.Field)).ShouldBe([(4L, "cap"), (5L, "code"), (6L, "kind"), (7L, "phone"), (8L, "code")]);
        result.Rejected[1].Reason.ShouldContain("non registrato");
        result.Rejected[4].Reason.ShouldBe("Gestore registrato nell'ATS 321, non 322");
        result.Rejected[0].ToString().ShouldStartWith("organizzazioni.csv: riga 4: colonna cap: '2012': CAP di cinque cifre");

        await world.UseAsync(async db =>
        {
            var registry = new OrganisationRegistry(db, world.Clock);
            (await registry.StructureNamesAsync(["030412", "030999"], Ct)).ShouldBe(new Dictionary<string, string> { ["030412"] = "Casa di cura Villa Serena (030412)" });
            var seat = (await registry.FindAsync(OrganisationKind.Gestore, "G1", Ct))!;
            seat.Address.ShouldBe("Piazza Ospedale Maggiore 3, 20162 Milano");
            seat.Pec.ShouldBe("protocollo@pec.asst.example");
            (await db.FindAsync<Gestore>("G1"))!.Name.ShouldBe("ASST Grande Ospedale Metropolitano Niguarda");
        });

        // Loading the registry again updates what is there.
        var again = await world.UseAsync(db => new OrganisationRegistry(db, world.Clock).ImportAsync(
            new StringReader($"{OrganisationHeader}\nstruttura,030412,321,Casa di cura Villa Serena srl,Via dei Mille 14,20121,Milano,,,,\n"), "organizzazioni.csv", AtsOperator, Ct));
        (again.Added, again.Updated).ShouldBe((0, 1));
        (await world.UseAsync(db => new OrganisationRegistry(db, world.Clock).StructureNamesAsync(["030412"], Ct)))["030412"].ShouldBe("Casa di cura Villa Serena srl (030412)");
    }

    [Fact]
    public async Task OrganisationImport_SameCodeTwice_RefusesTheFile_AndWritesNothing()
    {
        await using var world = await CreateAsync(DatabaseProvider.Sqlite, patients: 1);
        string csv = $"{OrganisationHeader}\nstruttura,030412,321,A,Via A 1,20121,Milano,,,,\nstruttura,030412,321,B,Via B 1,20121,Milano,,,,\n";
        var ex = await Should.ThrowAsync<InputDataException>(() => world.UseAsync(db => new OrganisationRegistry(db, world.Clock).ImportAsync(new StringReader(csv), "org.csv", AtsOperator, Ct)));
        ex.Message.ShouldContain("riga 3");
        (await world.UseAsync(db => Task.FromResult(db.Organisations.Count()))).ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ResidentImport_AddsAndIdentifiesResidents_AndRejectsBadCodiciFiscaliRowByRow(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider, patients: 2);
        // P1 and P2 are in the database (born 1950-01-01 and 1950-01-02, female, ATS 321): the registry names P1; its P2 has another birth date.
        string p1 = CodiceFiscale.Compute("Rossi", "Maria", new DateOnly(1950, 1, 1), Sex.Female, "F205").Value;
        string p9 = CodiceFiscale.Compute("Bianchi", "Luca", new DateOnly(1970, 6, 15), Sex.Male, "F205").Value;
        string wrongCheck = p9[..15] + (p9[15] == 'A' ? 'B' : 'A');
        string p2OtherBirth = CodiceFiscale.Compute("Verdi", "Anna", new DateOnly(1951, 1, 2), Sex.Female, "F205").Value;
        string csv = $"""
            {PersonsHeader}
            P1,1950-01-01,F,321,MMG2,,{p1},Rossi,Maria,F205,Milano,Via Larga 3,20122,F205,Milano,+39 000 111 2222,
            P9,1970-06-15,M,321,MMG1,,{p9},Bianchi,Luca,F205,Milano,Via Torino 8,20123,F205,Milano,,
            P10,1970-06-15,M,321,MMG1,,{wrongCheck},Bianchi,Luca,F205,Milano,Via Torino 8,20123,F205,Milano,,
            P11,1980-01-01,M,321,MMG1,,,,,,,,,,,,
            P2,1951-01-02,F,321,MMG1,,{p2OtherBirth},Verdi,Anna,F205,Milano,Via Po 1,20121,F205,Milano,,
            """;
        var result = await world.UseAsync(db => new ResidentRegistryImport(db, world.Clock).ImportAsync(new StringReader(csv), "anagrafe.csv", null, Ct));

        (result.Added, result.Updated).ShouldBe((1, 1));
        result.Rejected.Select(e => (e.Line, e.Field)).ShouldBe([(4L, "fiscal_code"), (5L, "fiscal_code"), (6L, "birth_date")]);
        result.Rejected[0].Reason.ShouldContain("carattere di controllo");
        result.Rejected[1].Reason.ShouldContain("codice fiscale obbligatorio");
        result.Rejected[2].Reason.ShouldContain("02/01/1950");

        await world.UseAsync(async db =>
        {
            var maria = (await db.Residents.FindAsync(["P1"], Ct))!;
            (maria.DisplayName, maria.FiscalCode, maria.MmgId, maria.Phone).ShouldBe(("Maria Rossi", p1, "MMG2", "+39 000 111 2222"));
            (await db.Residents.FindAsync(["P9"], Ct))!.Address.ShouldBe("Via Torino 8, 20123 Milano");
            (await db.Residents.FindAsync(["P10"], Ct)).ShouldBeNull();
            (await db.Residents.FindAsync(["P2"], Ct))!.Surname.ShouldBeNull();
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ResidentImport_ADeath_EndsThePactThatDay_AndCancelsLaterBookings_AndAFutureDeathIsRejected(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider, patients: 3);
        await world.EnrolWithPaiAsync("P1");
        await world.EnrolWithPaiAsync("P2");
        long slot = await world.FirstSlotAsync(inDays: 10);
        var booking = await world.UseAsync(db => world.Bookings(db).BookAsync("P1", slot, CaseManager(), Ct));
        string p1 = CodiceFiscale.Compute("Rossi", "Maria", new DateOnly(1950, 1, 1), Sex.Female, "F205").Value;
        string p2 = CodiceFiscale.Compute("Verdi", "Anna", new DateOnly(1950, 1, 2), Sex.Female, "F205").Value;
        var died = Today.AddDays(3);
        world.Clock.UtcNow = Today.AddDays(5).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        string csv = $"""
            {PersonsHeader}
            P1,1950-01-01,F,321,MMG1,{died:yyyy-MM-dd},{p1},Rossi,Maria,F205,Milano,,,,,,
            P2,1950-01-02,F,321,MMG1,{Today.AddDays(6):yyyy-MM-dd},{p2},Verdi,Anna,F205,Milano,,,,,,
            """;

        var result = await world.UseAsync(db => new ResidentRegistryImport(db, world.Clock).ImportAsync(new StringReader(csv), "anagrafe.csv", null, Ct));

        result.Rejected.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Line.ShouldBe(3), e => e.Field.ShouldBe("death_date"), e => e.Reason.ShouldBe("data di decesso nel futuro"));
        await world.UseAsync(async db =>
        {
            var pacts = await db.Set<PattoDiCura>().ToDictionaryAsync(p => p.PatientId, Ct);
            pacts["P1"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe(PactStatus.Cancelled), p => p.EndDate.ShouldBe(died), p => p.CloseReason.ShouldBe($"decesso dell'assistito il {died:dd/MM/yyyy}"));
            pacts["P2"].Status.ShouldBe(PactStatus.Active);
            (await db.Set<Booking>().SingleAsync(b => b.Id == booking.Id, Ct)).ShouldSatisfyAllConditions(b => b.Status.ShouldBe(BookingStatus.Cancelled), b => b.CancelReason.ShouldBe("decesso dell'assistito"));
            (await db.Residents.FindAsync(["P2"], Ct))!.DeathDate.ShouldBeNull();
        });
    }

    [Fact]
    public async Task ResidentImport_CodiceFiscaleOfAnotherResident_IsRejected()
    {
        await using var world = await CreateAsync(DatabaseProvider.Sqlite, patients: 2);
        string p1 = CodiceFiscale.Compute("Rossi", "Maria", new DateOnly(1950, 1, 1), Sex.Female, "F205").Value;
        await world.UseAsync(db => new ResidentRegistryImport(db, world.Clock).ImportAsync(
            new StringReader($"{PersonsHeader}\nP1,1950-01-01,F,321,MMG1,,{p1},Rossi,Maria,F205,Milano,,,,,,\n"), "a.csv", null, Ct));
        var second = await world.UseAsync(db => new ResidentRegistryImport(db, world.Clock).ImportAsync(
            new StringReader($"{PersonsHeader}\nP20,1950-01-01,F,321,MMG1,,{p1},Rossi,Maria,F205,Milano,,,,,,\n"), "b.csv", null, Ct));
        second.Added.ShouldBe(0);
        second.Rejected.Single().Reason.ShouldBe("codice fiscale già dell'assistito P1");
    }
}
