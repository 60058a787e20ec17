using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;

namespace Territorio.CareManagement.Pacts;

/// <summary>What signing a pact needs to know about the patient.</summary>
public sealed record PactSigning(
    string PatientId,
    string Ats,
    string? MmgId,
    bool Alive,
    Classification Classification,
    DateOnly StartDate,
    ConsentBasis? Basis,
    PatientSignature? Signature,
    string GestoreSignatory);

/// <summary>The outcome of signing: the pact, and notes the operator should read.</summary>
public sealed record SignedPact(PattoDiCura Pact, IReadOnlyList<string> Notes);

/// <summary>The rules of choosing a Gestore and signing the Patto di Cura.</summary>
public static class PactRules
{
    public static SignedPact Sign(PactSigning signing, Gestore gestore, IReadOnlyCollection<PattoDiCura> patientPacts, Change change)
    {
        Guard.Role(change, "firma del patto di cura", ActorRole.CaseManager, ActorRole.ClinicalManager, ActorRole.System);
        if (change.By.Role != ActorRole.System && !change.By.ActsFor(gestore.Id))
        {
            throw new CareRuleException($"{change.By.Id} non opera per il Gestore {gestore.Id}");
        }

        return SignFor(signing, gestore, patientPacts, change);
    }

    internal static SignedPact SignFor(PactSigning signing, Gestore gestore, IReadOnlyCollection<PattoDiCura> patientPacts, Change change)
    {
        if (!signing.Alive)
        {
            throw new CareRuleException($"il paziente {signing.PatientId} risulta deceduto");
        }

        // DGR X/6164/2017: levels 1–3 are eligible; the patient chooses among the eligible Gestori of their ATS.
        int level = CareLevels.RequireEligible(signing.Classification.Level);
        gestore.EnsureEligible(signing.Ats, level);
        EnsureNoActivePact(signing.PatientId, signing.StartDate, patientPacts, change);

        var notes = new List<string>();
        if (level == 3 && gestore.Kind != GestoreKind.CooperativaMmg)
        {
            // DGR X/6164/2017 allegato 1: level 3 preferentially with the GP (MMG in cooperative) as Gestore.
            notes.Add("per il livello 3 la DGR X/6164/2017 indica preferibilmente come Gestore una cooperativa di MMG");
        }

        return new SignedPact(PattoDiCura.Create(signing, gestore, change), notes);
    }

    /// <summary>One active pact per patient: an expired one not renewed is closed first.</summary>
    internal static void EnsureNoActivePact(string patientId, DateOnly start, IReadOnlyCollection<PattoDiCura> patientPacts, Change change)
    {
        foreach (var pact in patientPacts.Where(p => p.Status == PactStatus.Active))
        {
            if (pact.EndDate < start && pact.EndDate < change.Day)
            {
                pact.Expire(change with { Reason = "scaduto senza rinnovo" });
                continue;
            }

            throw new CareRuleException($"il paziente {patientId} ha già un patto di cura attivo (n.{pact.Id} con il Gestore {pact.GestoreId}, fino al {pact.EndDate:dd/MM/yyyy}); per cambiare Gestore serve la decisione della Commissione ATS");
        }
    }
}
