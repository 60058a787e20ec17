using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Kernel.Population;

namespace Territorio.Testing;

/// <summary>Care data that FHIR and web tests start from.</summary>
public static class CareSeed
{
    /// <summary>
    /// A GP cooperative eligible in the ATS at the given levels, and one patient of the GP already
    /// enrolled with it, so that the cooperative of the GP is known from the GP's patients' pacts.
    /// </summary>
    public static async Task CooperativeWithOnePatientAsync(TerritorioDbContext db, string cooperativeId, string gp, string ats, IReadOnlyList<int> levels, CancellationToken ct)
    {
        var atsOperator = new Actor(ActorRole.Ats, "op.ats", ats);
        var gestore = Gestore.Register(cooperativeId, $"Cooperativa MMG {cooperativeId}", GestoreKind.CooperativaMmg, ats, Change(atsOperator));
        foreach (int level in levels)
        {
            gestore.Apply(ats, level, Change(new Actor(ActorRole.ClinicalManager, "resp", cooperativeId)));
            gestore.Approve(ats, level, Change(atsOperator, "requisiti verificati"));
        }

        db.Add(gestore);
        await CareUnitOfWork.CommitAsync(db, TimeProvider.System, ct);
        string patient = "P-" + gp;
        db.Residents.Add(new Resident(patient, new DateOnly(1950, 1, 1), Sex.Female, ats, gp));
        var classification = new Classification(patient, levels[^1], "56", "56", new DateOnly(2026, 1, 1), "seed");
        // The GP's message and the signature on the seeding day: a pact starts no earlier (ConsentRules.RequireStart).
        var signed = Change(Actor.System);
        var signing = new PactSigning(patient, ats, gp, true, classification, signed.Day,
            new ConsentBasis(ConsentGround.MmgRequest, 1, patient, cooperativeId, signed.Day), new PatientSignature(SignatureMethod.PaperAtMmg, $"MMG {gp}"), "cooperativa");
        db.Add(PactRules.Sign(signing, gestore, [], signed).Pact);
        await CareUnitOfWork.CommitAsync(db, TimeProvider.System, ct);
    }

    private static Change Change(Actor actor, string? reason = null) => new(actor, DateTime.UtcNow, reason);
}
