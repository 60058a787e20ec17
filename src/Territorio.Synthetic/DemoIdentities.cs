using System.Globalization;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.Synthetic;

/// <summary>
/// Plausible, clearly fictitious Italian identities drawn from <see cref="IdentityLists"/>:
/// surname, given name by sex, birthplace (mostly the ATS, some elsewhere in Italy or abroad),
/// residence in the ATS's municipalities, the codice fiscale computed from them (omocodia for the
/// rare second person with the same code), phones in the unassigned +39 000 range and e-mails
/// under the reserved <c>.invalid</c> domain (RFC 2606), so none can reach a real person.
/// </summary>
internal sealed class DemoIdentities(IdentityLists lists, int seed)
{
    private readonly Random _random = new(unchecked(seed * 31) ^ 0x1D3);
    private readonly Dictionary<string, (DemoMunicipality[] Places, int[] Cumulative)> _byAts = [];

    // 64-bit hashes of the codes given so far: a repeat takes the next omocodia (a hash clash only costs one needless omocodia).
    private readonly HashSet<long> _codes = [];

    public ResidentIdentity Next(DateOnly birth, Sex sex, string ats)
    {
        string surname = Pick(lists.Surnames);
        string givenName = Pick(sex == Sex.Female ? lists.FemaleNames : lists.MaleNames);
        var home = Place(ats);
        double elsewhere = _random.NextDouble();
        var birthplace = elsewhere < 0.65 ? Place(ats).Municipality
            : elsewhere < 0.88 ? Pick(lists.Italian).Municipality
            : Pick(lists.Abroad).Municipality;
        var cf = UniqueCode(surname, givenName, birth, sex, birthplace.Code);
        string? phone = _random.NextDouble() < 0.92 ? Phone() : null;
        string? email = _random.NextDouble() < 0.55 ? Email(givenName, surname, "esempio.invalid") : null;
        return new ResidentIdentity(cf, surname, givenName, birthplace, Address(home), phone, email);
    }

    public GeneralPractitioner Doctor(string id, string ats)
    {
        var sex = _random.Next(2) == 0 ? Sex.Male : Sex.Female;
        string surname = Pick(lists.Surnames);
        string givenName = Pick(sex == Sex.Female ? lists.FemaleNames : lists.MaleNames);
        return new GeneralPractitioner(id, surname, givenName, sex, ats, Address(Place(ats)), Phone(), Email(givenName, surname, "mmg.esempio.invalid"));
    }

    /// <summary>A fictitious seat and contacts for an organisation of the ATS (PEC and e-mail under <c>.invalid</c>).</summary>
    public OrganisationIdentity Organisation(string name, string code, string ats)
    {
        string mailbox = code.ToLowerInvariant();
        return new OrganisationIdentity(name, Address(Place(ats)), Phone(), $"info.{mailbox}@esempio.invalid", $"{mailbox}@pec.esempio.invalid");
    }

    /// <summary>A fictitious hospital structure's name: a presidio of the ATS's towns or a private clinic named after a family.</summary>
    public string StructureName(string ats, bool rehabilitation)
    {
        string town = Place(ats).Municipality.Name;
        return (rehabilitation, _random.Next(3)) switch
        {
            (true, 0) => $"Casa di cura Villa {Pick(lists.Surnames)}",
            (true, 1) => $"Istituto di riabilitazione di {town}",
            (true, _) => $"Centro di riabilitazione {Pick(lists.Surnames)}",
            (false, 0) => $"Presidio ospedaliero di {town}",
            (false, 1) => $"Ospedale civile di {town}",
            (false, _) => $"Istituto clinico {Pick(lists.Surnames)}",
        };
    }

    private CodiceFiscale UniqueCode(string surname, string givenName, DateOnly birth, Sex sex, string birthplace)
    {
        for (int omocodia = 0; ; omocodia++)
        {
            var cf = CodiceFiscale.Compute(surname, givenName, birth, sex, birthplace, omocodia);
            if (_codes.Add(Hash(cf.Value)))
            {
                return cf;
            }
        }
    }

    private PostalAddress Address(DemoMunicipality place)
    {
        int from = int.Parse(place.CapFrom, CultureInfo.InvariantCulture);
        int to = int.Parse(place.CapTo, CultureInfo.InvariantCulture);
        string cap = (from + _random.Next(0, to - from + 1)).ToString("D5", CultureInfo.InvariantCulture);
        return new PostalAddress(string.Create(CultureInfo.InvariantCulture, $"{Pick(lists.Streets)} {_random.Next(1, 160)}"), cap, place.Municipality);
    }

    private DemoMunicipality Place(string ats)
    {
        if (!_byAts.TryGetValue(ats, out var places))
        {
            var of = lists.OfAts(ats);
            int sum = 0;
            places = (of, of.Select(m => sum += m.Weight).ToArray());
            _byAts[ats] = places;
        }

        int draw = _random.Next(places.Cumulative[^1]);
        int index = Array.BinarySearch(places.Cumulative, draw + 1);
        return places.Places[index >= 0 ? index : ~index];
    }

    private string Phone() => string.Create(CultureInfo.InvariantCulture, $"+39 000 {_random.Next(0, 1000):D3} {_random.Next(0, 10000):D4}");

    private string Email(string givenName, string surname, string domain) =>
        string.Create(CultureInfo.InvariantCulture, $"{PersonNames.Letters(givenName).ToLowerInvariant()}.{PersonNames.Letters(surname).ToLowerInvariant()}{_random.Next(1, 100)}@{domain}");

    private T Pick<T>(IReadOnlyList<T> list) => list[_random.Next(list.Count)];

    // FNV-1a, 64 bits.
    private static long Hash(string code)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in code)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return unchecked((long)hash);
    }
}
