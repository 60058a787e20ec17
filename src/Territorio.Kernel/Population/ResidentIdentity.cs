using Territorio.Kernel.Codes;

namespace Territorio.Kernel.Population;

/// <summary>An Italian municipality by its cadastral (Belfiore) code, as the codice fiscale names it, and its name.</summary>
public sealed record Municipality(string Code, string Name)
{
    public override string ToString() => Name;
}

/// <summary>A postal address: street and number, CAP, municipality (and its Belfiore code).</summary>
public sealed record PostalAddress(string Street, string Cap, Municipality Municipality)
{
    public override string ToString() => $"{Street}, {Cap} {Municipality.Name}";
}

/// <summary>Who a resident is for the people who care for them: name, codice fiscale, where they were born and live, how to reach them.</summary>
public sealed record ResidentIdentity(
    CodiceFiscale FiscalCode,
    string Surname,
    string GivenName,
    Municipality Birthplace,
    PostalAddress Residence,
    string? Phone,
    string? Email);
