namespace Territorio.Kernel.Population;

public enum Sex
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// A person of the regional registry (anagrafe assistiti): who they are for the ATS — where they
/// live (ATS) and who their GP (MMG) is. Every bounded context refers to residents by id.
/// </summary>
public sealed class Resident
{
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
