namespace Territorio.Data.Security;

/// <summary>
/// One read (or refused attempt to read) of a patient's data: who, when, what, which patient.
/// Written by the web application for every page and API call that shows patient data; the ATS
/// of the patient's territory queries it (GDPR art.9 and art.30 accountability).
/// </summary>
public sealed class PatientAccessEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string UserName { get; set; } = "";

    /// <summary>Role(s) the user acted in, comma-separated.</summary>
    public string Roles { get; set; } = "";

    public string PatientId { get; set; } = "";

    /// <summary>ATS of the patient (null when the patient does not exist).</summary>
    public string? PatientAts { get; set; }

    /// <summary>What was read, e.g. "GET /api/assistiti/{id}" or "pagina Scheda assistito".</summary>
    public string Resource { get; set; } = "";

    public bool Granted { get; set; }

    /// <summary>The Patto di Cura under which a Gestore read the patient (null for other readers).</summary>
    public long? PactId { get; set; }
}
