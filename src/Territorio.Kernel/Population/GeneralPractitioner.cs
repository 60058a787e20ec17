namespace Territorio.Kernel.Population;

/// <summary>
/// A general practitioner (MMG) of the regional registry: the regional code residents refer to
/// (<see cref="Resident.MmgId"/>), the name patients and letters use, and where the surgery is.
/// </summary>
public sealed class GeneralPractitioner
{
    public GeneralPractitioner(string id, string surname, string givenName, Sex sex, string ats, PostalAddress surgery, string? phone, string? email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(surname);
        ArgumentException.ThrowIfNullOrWhiteSpace(givenName);
        ArgumentException.ThrowIfNullOrWhiteSpace(ats);
        ArgumentNullException.ThrowIfNull(surgery);
        Id = id;
        Surname = surname.Trim();
        GivenName = givenName.Trim();
        Sex = sex;
        Ats = ats;
        Street = surgery.Street;
        Cap = surgery.Cap;
        MunicipalityCode = surgery.Municipality.Code;
        Municipality = surgery.Municipality.Name;
        Phone = phone;
        Email = email;
    }

    private GeneralPractitioner()
    {
        Id = Surname = GivenName = Ats = Street = Cap = MunicipalityCode = Municipality = "";
    }

    /// <summary>The GP's regional code (as in <see cref="Resident.MmgId"/>).</summary>
    public string Id { get; private set; }

    public string Surname { get; private set; }

    public string GivenName { get; private set; }

    public Sex Sex { get; private set; }

    public string Ats { get; private set; }

    public string Street { get; private set; }

    public string Cap { get; private set; }

    public string MunicipalityCode { get; private set; }

    public string Municipality { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    /// <summary>"Dott.ssa Anna Bianchi".</summary>
    public string DisplayName => $"{PersonNames.DoctorTitle(Sex)} {GivenName} {Surname}";

    public string Address => $"{Street}, {Cap} {Municipality}";
}
