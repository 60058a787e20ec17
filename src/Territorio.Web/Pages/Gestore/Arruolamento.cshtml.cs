using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Pacts;
using Territorio.Kernel.Population;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>
/// DGR X/6164/2017: the patient's choice of Gestore becomes a signed Patto di Cura — on the ATS's
/// invitation or the patient's (or GP's) request, signed on paper with the scan or confirmed by
/// the patient on their page. Before the pact the Gestore sees only who asked it: name, codice
/// fiscale and the request's date (logged as a read).
/// </summary>
public sealed class ArruolamentoModel(CareDesk desk, CareServices care, PatientAccess access, EnrolmentPatients patients) : CarePageModel
{
    /// <summary>What the operator typed to find the patient: surname (and given name), codice fiscale or id.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>The id of the patient picked from the matches.</summary>
    [BindProperty(SupportsGet = true, Name = "paziente")]
    public string? ChosenId { get; set; }

    /// <summary>The patient the pact is signed with, once found.</summary>
    public Resident? Patient { get; private set; }

    public PatientSearchPage? Found { get; private set; }

    /// <summary>Why no patient is chosen yet (nothing found, several found), in Italian.</summary>
    public string? SearchMessage { get; private set; }

    public string GestoreId => Me.GestoreId ?? "";

    /// <summary>"ASST Nord Milano (GY)": the Gestore the operator signs for.</summary>
    public string GestoreName { get; private set; } = "";

    public IReadOnlyDictionary<string, string[]> Errors { get; } = new Dictionary<string, string[]>();

    public IReadOnlyList<EnrolmentRequest> Requests { get; private set; } = [];

    public IReadOnlyDictionary<string, Resident> Patients { get; private set; } = new Dictionary<string, Resident>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Requests = await care.Enrolment.OpenRequestsToAsync(GestoreId, ct);
        GestoreName = (await PeopleNames.GestoriAsync(care.Db, [GestoreId], ct)).GetValueOrDefault(GestoreId, GestoreId);
        Patients = await PeopleNames.ResidentsAsync(care.Db, Requests.Select(r => r.PatientId), ct);
        await access.RecordListAsync(Me, Patients.Values, "pagina Arruolamento (richieste di presa in carico)", ct);
        await FindPatientAsync(ct);
    }

    // An exact id or codice fiscale goes straight to the signature; a name shows the matches to pick from.
    private async Task FindPatientAsync(CancellationToken ct)
    {
        string? wanted = string.IsNullOrWhiteSpace(ChosenId) ? Query : ChosenId;
        if (string.IsNullOrWhiteSpace(wanted) || (Patient = await patients.ExactAsync(Me, wanted, ct)) is not null)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(ChosenId))
        {
            SearchMessage = EnrolmentPatients.NotFound(ChosenId);
        }
        else if (!PatientSearch.IsSearchable(Query))
        {
            SearchMessage = $"Scriva almeno {PatientSearch.MinimumLength} lettere del cognome, il codice fiscale o il codice assistito.";
        }
        else
        {
            Found = await patients.FindAsync(Me, Query!, ct);
            SearchMessage = Found.Total switch
            {
                0 => EnrolmentPatients.NotFound(Query!),
                1 => $"Un paziente corrisponde a «{Query!.Trim()}»: controlli che sia la persona giusta e lo scelga.",
                int n => $"{ItalianFormat.Number(n)} pazienti corrispondono a «{Query!.Trim()}»: scelga quello giusto"
                    + (n > Found.PageSize ? $" (sono mostrati i primi {Found.PageSize}: aggiunga il nome o scriva il codice fiscale)." : "."),
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(string? patientId, string? signatureMethod, IFormFile? signatureScan, string? start, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation().Required("patientId", patientId, "Codice assistito");
        var startDate = AuditEndpoints.ParseDay(start, "start", validation);
        var scan = await PactSignatureInput.ReadUploadAsync(signatureScan, ct);
        var (method, scanStream) = PactSignatureInput.Read(null, signatureMethod, scan, validation);
        if (!validation.IsValid)
        {
            Errore = string.Join("; ", validation.Errors.SelectMany(e => e.Value));
            return RedirectToPage(new { paziente = patientId });
        }

        string id = patientId!.Trim();
        IActionResult result = await RunAsync(async () =>
        {
            var signed = await desk.SignPactAsync(Me, id, method!.Value, scanStream, startDate, ct);
            return $"Patto di Cura firmato per {await PeopleNames.PatientAsync(care.Db, id, ct)}: dal {ItalianFormat.Date(signed.Pact.StartDate)} al {ItalianFormat.Date(signed.Pact.EndDate)}, livello {signed.Pact.Level}.";
        }, new { paziente = id });
        return Errore is null ? RedirectToPage("/Gestore/Paziente", new { patientId = id }) : result;
    }
}
