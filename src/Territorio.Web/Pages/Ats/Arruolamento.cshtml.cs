using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Ats;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

/// <summary>Enrolment progress of the ATS's territory: eligible, invited, enrolled, pacts expiring.</summary>
public sealed class ArruolamentoModel(EnrolmentProgressQuery query, TerritorioDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Giorni { get; set; }

    public string? GiorniError { get; private set; }

    public EnrolmentProgress? Progress { get; private set; }

    /// <summary>The expiring pacts' patients, GPs and Gestori by name, for one page.</summary>
    public IReadOnlyDictionary<string, Resident> Patients { get; private set; } = new Dictionary<string, Resident>();

    public IReadOnlyDictionary<string, string> Doctors { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Gestori { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        int days = EnrolmentProgressQuery.DefaultDays;
        if (!string.IsNullOrWhiteSpace(Giorni)
            && (!int.TryParse(Giorni.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > EnrolmentProgressQuery.MaxDays))
        {
            // The counts are still shown, for the default window.
            GiorniError = $"indicare un numero di giorni da 1 a {EnrolmentProgressQuery.MaxDays}";
            days = EnrolmentProgressQuery.DefaultDays;
        }

        Progress = await query.BuildAsync(Actor.From(User), days, "pagina Avanzamento arruolamento", ct);
        Patients = await PeopleNames.ResidentsAsync(db, Progress.Expiring.Select(e => e.PatientId), ct);
        Doctors = await PeopleNames.DoctorsAsync(db, Progress.Expiring.Select(e => e.MmgId), ct);
        Gestori = await PeopleNames.GestoriAsync(db, Progress.Expiring.Select(e => e.GestoreId), ct);
    }

    /// <summary>The patient by name and codice fiscale.</summary>
    public string Patient(string id) => PeopleNames.Patient(Patients, id);

    public string Doctor(string? id) => id is null ? "—" : Doctors.GetValueOrDefault(id, id);

    public string Gestore(string id) => Gestori.GetValueOrDefault(id, id);
}
