using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Pacts;

/// <summary>Why a Gestore may put a pact to the patient at all.</summary>
public enum ConsentGround
{
    /// <summary>The ATS's letter inviting the patient to choose a Gestore.</summary>
    Invitation,

    /// <summary>The GP's enrolment message (picMMG) for their cooperative.</summary>
    MmgRequest,

    /// <summary>The patient's own request, from their page, to a Gestore they chose.</summary>
    PatientRequest,

    /// <summary>A change of Gestore the patient asked for and the Commission approved.</summary>
    ChangeOfGestore,
}

/// <summary>How the patient signed the Patto di Cura.</summary>
public enum SignatureMethod
{
    /// <summary>On paper, in front of the Gestore's operator; the scanned document is kept.</summary>
    Paper,

    /// <summary>Confirmed by the patient on their own page (authenticated), countersigned by the operator.</summary>
    PatientPage,

    /// <summary>On paper at the GP's office; the signed form stays in the GP's records (picMMG enrolment).</summary>
    PaperAtMmg,
}

/// <summary>The act that opens the way to a pact: an invitation or a request, with its number.</summary>
/// <param name="GestoreId">The Gestore the request names (null for the ATS's letter, which lists them all).</param>
/// <param name="On">The letter's sending date or the request's date: no pact starts before it.</param>
public sealed record ConsentBasis(ConsentGround Ground, long Id, string PatientId, string? GestoreId, DateOnly On);

/// <summary>How the patient signed and who witnessed it (the operator's name, as a person reads it).</summary>
/// <param name="Scan">The stored name of the scanned paper pact (required on paper).</param>
/// <param name="WitnessAccount">The witness's account (login), when the door knows it (web, REST, CLI).</param>
public sealed record PatientSignature(SignatureMethod Method, string? Witness, string? Scan = null, string? WitnessAccount = null);

/// <summary>
/// DGR X/6164/2017 allegato 1: the ATS informs the eligible patient, the patient freely chooses a
/// Gestore, and the Patto di Cura they sign is the act of taking in charge. So a pact needs an
/// invitation or a request of the patient's (or of their GP for them), and a signature recorded
/// with its method and witness — never a free text anyone could type.
/// </summary>
public static class ConsentRules
{
    public const int MaxWitnessLength = 200;

    /// <summary>The witness's name as stored; refuses a pact without a basis or a proper signature.</summary>
    public static string Require(string patientId, ConsentBasis? basis, PatientSignature? signature, string gestoreId)
    {
        // DGR X/6164/2017 allegato 1: the ATS invites, the patient chooses.
        if (basis is null)
        {
            throw new CareRuleException($"il paziente {patientId} non è stato invitato dall'ATS e non ha chiesto la presa in carico: il patto non si può firmare");
        }

        if (basis.PatientId != patientId)
        {
            throw new CareRuleException($"{GroundNames.Italian(basis.Ground)} n.{basis.Id}: riguarda un altro paziente");
        }

        if (basis.GestoreId is { } chosen && chosen != gestoreId)
        {
            throw new CareRuleException($"il paziente ha scelto il Gestore {chosen} ({GroundNames.Italian(basis.Ground)} n.{basis.Id}), non {gestoreId}");
        }

        if (signature is null)
        {
            throw new CareRuleException("manca la firma del paziente: su carta con la scansione, o con la conferma dalla sua pagina");
        }

        string witness = WitnessOf(signature);
        switch (signature.Method)
        {
            case SignatureMethod.Paper when string.IsNullOrWhiteSpace(signature.Scan):
                throw new CareRuleException("firma su carta: manca la scansione del patto firmato (PDF o immagine)");
            case SignatureMethod.PatientPage when basis.Ground is not (ConsentGround.PatientRequest or ConsentGround.ChangeOfGestore):
                throw new CareRuleException("la conferma dalla pagina del paziente vale solo se il paziente ha chiesto lui stesso la presa in carico (o il cambio di Gestore)");
            case SignatureMethod.PaperAtMmg when basis.Ground != ConsentGround.MmgRequest:
                throw new CareRuleException("la firma raccolta dal MMG vale solo per l'adesione inviata dal MMG (messaggio picMMG)");
        }

        return witness;
    }

    /// <summary>
    /// DGR X/6164/2017 allegato 1: the pact is confirmed each year by the patient, so a renewal needs
    /// the patient's signature like the first one. Territorio's own rule (decision 0253) on how: on
    /// paper in front of the Gestore's operator with the scan kept, or confirmed by the patient from
    /// their own page in this renewal window (<paramref name="confirmedOn"/>) and countersigned by the
    /// operator. The GP's paper form belongs to the GP's first enrolment message only. Returns the
    /// witness's name as stored.
    /// </summary>
    public static string RequireRenewal(long pactId, PatientSignature? signature, DateOnly? confirmedOn)
    {
        if (signature is null)
        {
            throw new CareRuleException($"rinnovo del patto {pactId}: manca la firma del paziente (su carta con la scansione, o la sua conferma dalla sua pagina)", "signatureMethod");
        }

        switch (signature.Method)
        {
            case SignatureMethod.Paper when string.IsNullOrWhiteSpace(signature.Scan):
                throw new CareRuleException($"rinnovo del patto {pactId} firmato su carta: manca la scansione del rinnovo firmato (PDF o immagine)", "signatureScan");
            case SignatureMethod.PatientPage when confirmedOn is null:
                throw new CareRuleException($"rinnovo del patto {pactId}: il paziente non ha ancora confermato il rinnovo dalla sua pagina; firma su carta con la scansione, o attendere la sua conferma", "signatureMethod");
            case SignatureMethod.PaperAtMmg:
                throw new CareRuleException($"rinnovo del patto {pactId}: la firma raccolta dal MMG vale solo per l'adesione inviata dal MMG; il rinnovo si firma su carta con la scansione o con la conferma del paziente dalla sua pagina", "signatureMethod");
        }

        return WitnessOf(signature);
    }

    private static string WitnessOf(PatientSignature signature) => string.IsNullOrWhiteSpace(signature.Witness)
        ? throw new CareRuleException("nome dell'operatore che ha raccolto la firma mancante", "witness")
        : Guard.Text(signature.Witness, "nome dell'operatore che ha raccolto la firma", MaxWitnessLength);

    /// <summary>
    /// Territorio's own rule, from DGR X/6164/2017 allegato 1 (the signed Patto di Cura is the act of
    /// taking in charge): the pact starts neither before it is signed — recorded, since a backdated
    /// signature could not be told from a real one — nor before the invitation or request it rests
    /// on, so deliveries, the Gestore's access and the pro-rata tariff never count from before the
    /// patient consented. It may start later (a change of Gestore's effective date). Decision 0246.
    /// </summary>
    public static void RequireStart(DateOnly start, DateOnly signedOn, ConsentBasis basis)
    {
        if (start < signedOn)
        {
            throw new CareRuleException($"il patto non può iniziare il {start:dd/MM/yyyy}, prima della firma del {signedOn:dd/MM/yyyy}", "start");
        }

        if (start < basis.On)
        {
            throw new CareRuleException($"il patto non può iniziare il {start:dd/MM/yyyy}, prima della {GroundNames.Italian(basis.Ground)} n.{basis.Id} del {basis.On:dd/MM/yyyy}", "start");
        }
    }
}

public static class GroundNames
{
    /// <summary>The codes an operator gives (web form, REST, CLI): the GP's paper form comes only with the GP's message.</summary>
    public const string PaperCode = "carta", PatientPageCode = "pagina-paziente";

    public static SignatureMethod? OperatorMethod(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        PaperCode => SignatureMethod.Paper,
        PatientPageCode => SignatureMethod.PatientPage,
        _ => null,
    };

    public static string Italian(ConsentGround ground) => ground switch
    {
        ConsentGround.Invitation => "lettera di invito dell'ATS",
        ConsentGround.MmgRequest => "adesione inviata dal MMG",
        ConsentGround.PatientRequest => "richiesta del paziente",
        _ => "cambio di Gestore approvato",
    };

    public static string Italian(SignatureMethod method) => method switch
    {
        SignatureMethod.Paper => "firma su carta (scansione allegata)",
        SignatureMethod.PatientPage => "conferma del paziente dalla sua pagina",
        _ => "firma su carta raccolta dal MMG",
    };
}

public static class PactSignatures
{
    /// <summary>One renewal, its year and how the patient confirmed it, in a sentence for the history and the CLI.</summary>
    public static string Describe(PactRenewal renewal) =>
        $"rinnovo n.{renewal.Number} del {renewal.RenewedOn:dd/MM/yyyy} (dal {renewal.From:dd/MM/yyyy} al {renewal.To:dd/MM/yyyy}): {HowSigned(renewal)}";

    /// <summary>How the patient confirmed one renewal and who witnessed or countersigned it.</summary>
    public static string HowSigned(PactRenewal renewal) =>
        renewal.Method == SignatureMethod.PatientPage && renewal.PatientConfirmedOn is { } confirmed
            ? $"confermato dal paziente dalla sua pagina il {confirmed:dd/MM/yyyy}, controfirmato da {renewal.Witness}"
            : $"{GroundNames.Italian(renewal.Method)}, alla presenza di {renewal.Witness}";

    /// <summary>How the patient signed, in a sentence for the pact's page and PDF.</summary>
    public static string Describe(PattoDiCura pact) => pact.SignatureMethod is { } method
        ? $"{GroundNames.Italian(method)}, alla presenza di {pact.Witness}; su {GroundNames.Italian(pact.ConsentGround!.Value)} n.{pact.ConsentReference}"
        : "firma non registrata (patto anteriore alla registrazione del consenso)";
}
