namespace Territorio.CareManagement.Pacts;

/// <summary>
/// One yearly renewal of a Patto di Cura: the year it added and how the patient confirmed it
/// (DGR X/6164/2017 allegato 1: the pact is confirmed or cancelled each year by the patient).
/// </summary>
public sealed class PactRenewal
{
    public PactRenewal(int number, DateOnly renewedOn, DateOnly from, DateOnly to, SignatureMethod method, string? scan, string witness, string? witnessAccount, DateOnly? patientConfirmedOn)
    {
        Number = number;
        RenewedOn = renewedOn;
        From = from;
        To = to;
        Method = method;
        Scan = scan;
        Witness = witness;
        WitnessAccount = witnessAccount;
        PatientConfirmedOn = patientConfirmedOn;
    }

    /// <summary>1 for the first renewal of the pact, and so on.</summary>
    public int Number { get; private set; }

    /// <summary>The day the Gestore's operator recorded the renewal.</summary>
    public DateOnly RenewedOn { get; private set; }

    /// <summary>First day of the year the renewal added.</summary>
    public DateOnly From { get; private set; }

    /// <summary>Last day of the year the renewal added (inclusive).</summary>
    public DateOnly To { get; private set; }

    public SignatureMethod Method { get; private set; }

    /// <summary>The stored name of the scanned renewal signed on paper (paper only).</summary>
    public string? Scan { get; private set; }

    /// <summary>The operator who witnessed (paper) or countersigned (patient's page), as "Name (account)".</summary>
    public string Witness { get; private set; }

    /// <summary>The witness's account (login), when the door knows it.</summary>
    public string? WitnessAccount { get; private set; }

    /// <summary>The day the patient confirmed the renewal from their own page (that method only).</summary>
    public DateOnly? PatientConfirmedOn { get; private set; }
}
