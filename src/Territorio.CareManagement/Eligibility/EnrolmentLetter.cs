using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Eligibility;

/// <summary>
/// The ATS's letter inviting an eligible patient to choose a Gestore (DGR X/6164/2017 allegato 1:
/// the ATS informs the patients); it lists the eligible Gestori of the patient's ATS and level.
/// </summary>
public sealed class EnrolmentLetter : AggregateRoot
{
    private EnrolmentLetter()
    {
        PatientId = Ats = GestoriListed = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public string Ats { get; private set; }

    public int Level { get; private set; }

    public long RunId { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    /// <summary>Ids of the Gestori offered, '|'-separated.</summary>
    public string GestoriListed { get; private set; }

    /// <summary>The ATS's campaign the letter was printed in (null: issued before campaigns, or by the CLI).</summary>
    public long? CampaignId { get; private set; }

    /// <summary>The day the ATS recorded that the patient declines the presa in carico (null: not declined).</summary>
    public DateOnly? DeclinedOn { get; private set; }

    public string? DeclineReason { get; private set; }

    protected override string AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public static EnrolmentLetter Issue(string patientId, string ats, Classification classification, long runId, IReadOnlyList<string> eligibleGestori, Change change, long? campaignId = null)
    {
        Guard.Role(change, "lettera di invito", ActorRole.Ats, ActorRole.System);
        if (!classification.IsEligible)
        {
            throw new CareRuleException($"il paziente {patientId} è di livello {classification.Level}: non è candidabile alla presa in carico");
        }

        if (eligibleGestori.Count == 0)
        {
            throw new CareRuleException($"nessun Gestore idoneo per l'ATS {ats} al livello {classification.Level}: la lettera non può elencare alcuna scelta");
        }

        var letter = new EnrolmentLetter
        {
            PatientId = patientId,
            Ats = ats,
            Level = classification.Level,
            RunId = runId,
            IssuedOn = change.Day,
            GestoriListed = string.Join('|', eligibleGestori),
            CampaignId = campaignId,
        };
        letter.Record("lettera di invito emessa", change, $"livello {classification.Level}, Gestori {letter.GestoriListed}");
        return letter;
    }

    /// <summary>
    /// The patient answered the letter declining the presa in carico (the choice is free: DGR
    /// X/6164/2017 allegato 1). Recorded by the ATS with the patient's words; a later pact still may be signed.
    /// </summary>
    public void Decline(Change change)
    {
        Guard.Role(change, "rinuncia alla presa in carico", ActorRole.Ats);
        if (!change.By.ActsFor(Ats))
        {
            throw new CareRuleException($"la lettera {Id} è dell'ATS {Ats}");
        }

        if (DeclinedOn is { } on)
        {
            throw new CareRuleException($"la rinuncia del paziente {PatientId} è già registrata dal {on:dd/MM/yyyy}");
        }

        DeclineReason = change.RequireReason("registrare la rinuncia");
        DeclinedOn = change.Day;
        Record("rinuncia alla presa in carico", change, DeclineReason);
    }
}
