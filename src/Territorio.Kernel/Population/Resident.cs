using Territorio.Kernel.Codes;

namespace Territorio.Kernel.Population;

public enum Sex
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// A person of the regional registry (anagrafe assistiti): who they are for the ATS — where they
/// live (ATS) and who their GP (MMG) is. Every bounded context refers to residents by id; people
/// see them by name and codice fiscale (<see cref="Identify"/>: the registry's identity, checked).
/// </summary>
public sealed class Resident
{
    public Resident(string id, DateOnly birthDate, Sex sex, string ats, string? mmgId, DateOnly? deathDate, ResidentIdentity? identity)
        : this(id, birthDate, sex, ats, mmgId, deathDate)
    {
        if (identity is not null)
        {
            Identify(identity);
        }
    }

    public Resident(string id, DateOnly birthDate, Sex sex, string ats, string? mmgId, DateOnly? deathDate = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(ats);
        if (deathDate < birthDate)
        {
            throw new ArgumentException($"resident {id}: death date {deathDate} before birth date {birthDate}", nameof(deathDate));
        }

        Id = id;
        BirthDate = birthDate;
        Sex = sex;
        Ats = ats;
        MmgId = mmgId;
        DeathDate = deathDate;
    }

    public string Id { get; private set; }

    public DateOnly BirthDate { get; private set; }

    public Sex Sex { get; private set; }

    /// <summary>Code of the ATS of residence (e.g. "321" ATS Città Metropolitana di Milano).</summary>
    public string Ats { get; private set; }

    public string? MmgId { get; private set; }

    public DateOnly? DeathDate { get; private set; }

    /// <summary>The codice fiscale, upper case; null for residents loaded before identities were kept.</summary>
    public string? FiscalCode { get; private set; }

    public string? Surname { get; private set; }

    public string? GivenName { get; private set; }

    /// <summary>The surname as searched and sorted (<see cref="PersonNames.SearchKey"/>).</summary>
    public string? SurnameKey { get; private set; }

    /// <summary>Belfiore code of the birth municipality (Z… for a country abroad).</summary>
    public string? BirthplaceCode { get; private set; }

    public string? Birthplace { get; private set; }

    public string? Street { get; private set; }

    public string? Cap { get; private set; }

    public string? MunicipalityCode { get; private set; }

    public string? Municipality { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    /// <summary>"Maria Rossi", or the id when the registry gave no name.</summary>
    public string DisplayName => Surname is null ? Id : $"{GivenName} {Surname}";

    /// <summary>The residence address on one line, or null.</summary>
    public string? Address => Street is null ? null : $"{Street}, {Cap} {Municipality}";

    /// <summary>
    /// Records who the resident is. The codice fiscale must agree with the birth date, the sex and the
    /// birth municipality already known (DM 23/12/1976: the code is derived from them).
    /// </summary>
    public void Identify(ResidentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.Surname);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.GivenName);
        if (identity.FiscalCode.MismatchWith(BirthDate, Sex, identity.Birthplace.Code) is { } reason)
        {
            throw new ArgumentException($"resident {Id}: codice fiscale {identity.FiscalCode} {reason}", nameof(identity));
        }

        FiscalCode = identity.FiscalCode.Value;
        Surname = identity.Surname.Trim();
        GivenName = identity.GivenName.Trim();
        SurnameKey = PersonNames.SearchKey(Surname);
        BirthplaceCode = identity.Birthplace.Code;
        Birthplace = identity.Birthplace.Name;
        Street = OrNull(identity.Residence.Street);
        Cap = OrNull(identity.Residence.Cap);
        MunicipalityCode = OrNull(identity.Residence.Municipality.Code);
        Municipality = OrNull(identity.Residence.Municipality.Name);
        Phone = OrNull(identity.Phone);
        Email = OrNull(identity.Email);
    }

    private static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public bool IsAliveOn(DateOnly date) => DeathDate is null || DeathDate >= date;

    /// <summary>Age in completed years on a date (birthdays on 29 February count on 28 February).</summary>
    public int AgeOn(DateOnly date) => Ages.CompletedYears(BirthDate, date);

    public void RecordDeath(DateOnly date)
    {
        if (date < BirthDate)
        {
            throw new ArgumentException($"resident {Id}: death date {date} before birth date {BirthDate}", nameof(date));
        }

        DeathDate = date;
    }

    public void ChangeMmg(string? mmgId) => MmgId = mmgId;
}

public static class Ages
{
    public static int CompletedYears(DateOnly birth, DateOnly on)
    {
        int years = on.Year - birth.Year;
        if (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day))
        {
            years--;
        }

        return years;
    }
}
