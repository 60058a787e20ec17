using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Security;
using Actor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// Level-3 patients of territory A whose pact with its Gestore was signed 330 days before the seeding
/// day (on their own request, confirmed from their page): on that day the pact is in its renewal
/// window, ending in 34 days. Each may have a patient account.
/// </summary>
public static class RenewalSeed
{
    /// <summary>A GP of territory A no other test counts.</summary>
    private const string Gp = "MMGA11";

    public const int DaysSinceSigning = 330;

    /// <summary>Adds the patients (named, with codice fiscale) and their pacts; returns the pacts by patient.</summary>
    public static async Task<IReadOnlyDictionary<string, PattoDiCura>> DuePactsAsync(IServiceProvider services, DateOnly seedDay, IReadOnlyList<(string Id, string Name, string? Account)> patients)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var run = await db.Set<StratificationRun>().OrderByDescending(r => r.Id).FirstAsync();
        var gestore = await db.Set<Gestore>().Include(g => g.Candidatures).Include(g => g.Members).SingleAsync(g => g.Id == Territory.A.Gestore);
        var milano = new Municipality("F205", "Milano");
        var signedOn = seedDay.AddDays(-DaysSinceSigning);
        var signed = new Change(new Actor(ActorRole.CaseManager, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager), gestore.Id), signedOn.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
        var pacts = new Dictionary<string, PattoDiCura>();
        foreach (var (patient, n) in patients.Select((p, n) => (p, n)))
        {
            var birth = new DateOnly(1944 + n, 9, 3);
            var sex = n % 2 == 0 ? Sex.Female : Sex.Male;
            var (given, surname) = (patient.Name.Split(' ')[0], patient.Name.Split(' ')[1]);
            db.Residents.Add(new Resident(patient.Id, birth, sex, Territory.A.Ats, Gp, null, new ResidentIdentity(
                Kernel.Codes.CodiceFiscale.Compute(surname, given, birth, sex, "F205"), surname, given, milano,
                new PostalAddress($"Via Manzoni {n + 1}", "20121", milano), $"+39 000 333 {n:D4}", null)));
            var classification = new Classification(patient.Id, 3, "56", "56", run.StratifiedOn, $"stratificazione n.{run.Id}");
            var signing = new PactSigning(patient.Id, Territory.A.Ats, Gp, true, classification, signedOn,
                new ConsentBasis(ConsentGround.PatientRequest, 900 + n, patient.Id, gestore.Id, signedOn),
                new PatientSignature(SignatureMethod.PatientPage, $"Case manager del Gestore A ({Territory.A.UserOf(TerritorioRoles.GestoreCaseManager)})"), "Gestore A");
            var pact = PactRules.Sign(signing, gestore, [], signed).Pact;
            db.Add(pact);
            pacts[patient.Id] = pact;
        }

        await CareUnitOfWork.CommitAsync(db, TimeProvider.System, CancellationToken.None);
        foreach (var (id, name, account) in patients.Where(p => p.Account is not null))
        {
            await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(account!, name, TerritorioRoles.Paziente, Territory.A.Ats, PersonId: id), Territory.Password);
        }

        return pacts;
    }
}
