using Territorio.CareManagement.Application.Registry;
using Territorio.Data;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests.Registry;

/// <summary>Refusals as their reader sees them: the parties the domain names by id, named as people and organisations.</summary>
public class CareRefusalsTests
{
    private static readonly DateOnly Birth = new(1980, 1, 1);
    private static readonly string Cf = CodiceFiscale.Compute("Rossi", "Maria", Birth, Sex.Female, "F205").Value;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refusal_NamesThePatientByNameAndCodiceFiscale_TheGestoreAndTheErogatoreByNameAndCode()
    {
        await using var world = await WorldWithMariaRossiAsync();

        string named = await world.UseAsync(db => CareRefusals.NameAsync(db,
            "il paziente PX1 ha già un appuntamento presso E1 con il Gestore G1: l'erogatore E1 non ha un accordo con il Gestore G2", Ct));

        named.ShouldBe($"il paziente Maria Rossi (CF {Cf}) ha già un appuntamento presso Poliambulatorio Centro (E1) con il Gestore ASST Nord Milano (G1): "
            + "l'erogatore Poliambulatorio Centro (E1) non ha un accordo con il Gestore Cooperativa MMG Milano (G2)");
    }

    [Fact]
    public async Task Refusal_NamesTheAtsByName_AndLeavesACodeTheListLacks()
    {
        await using var world = await WorldWithMariaRossiAsync();

        string named = await world.UseAsync(db => CareRefusals.NameAsync(db, world.Catalogues,
            "il Gestore G1 non è idoneo per l'ATS 321 al livello 1; l'ATS 999 non esiste", Ct));

        named.ShouldBe("il Gestore ASST Nord Milano (G1) non è idoneo per l'ATS della Città Metropolitana di Milano (321) al livello 1; l'ATS 999 non esiste");
    }

    [Fact]
    public async Task Refusal_WordsTheRegistriesDoNotKnow_AndPeopleWithoutAName_StayAsTheyAre()
    {
        await using var world = await WorldWithMariaRossiAsync();
        const string Message = "il paziente P1 non risulta stratificato; il Gestore G9 non esiste; il paziente non ha un PAI; presso la sede";

        (await world.UseAsync(db => CareRefusals.NameAsync(db, Message, Ct))).ShouldBe(Message);
    }

    [Fact]
    public async Task Refusal_WithoutMentions_AsksNothingOfTheDatabase()
    {
        await using var world = await CreateAsync(DatabaseProvider.Sqlite, patients: 1);
        await using var db = world.Database.CreateContext();
        await db.DisposeAsync();

        // A disposed context would throw on any query: the message comes back untouched.
        (await CareRefusals.NameAsync(db, "un PAI deve contenere almeno una voce", Ct)).ShouldBe("un PAI deve contenere almeno una voce");
    }

    private static async Task<CareWorld> WorldWithMariaRossiAsync()
    {
        var world = await CreateAsync(DatabaseProvider.Sqlite, patients: 1);
        var milano = new Municipality("F205", "Milano");
        await world.UseAsync(async db =>
        {
            db.Residents.Add(new Resident("PX1", Birth, Sex.Female, Ats, "MMG1", null,
                new ResidentIdentity(CodiceFiscale.Parse(Cf), "Rossi", "Maria", milano, new PostalAddress("Via Dante 1", "20121", milano), "+39 000 555 0101", null)));
            await db.SaveChangesAsync(Ct);
        });
        return world;
    }
}
