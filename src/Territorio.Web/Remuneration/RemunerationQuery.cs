using Microsoft.Extensions.Configuration;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Remuneration;
using Territorio.Data;
using Territorio.Flows.Reference;
using Territorio.Flows.Remuneration;
using Territorio.Remuneration.Tariffs;
using Territorio.Remuneration.Yearly;

namespace Territorio.Web.Remuneration;

/// <summary>The tariff catalogue and settings the web pays with: <c>Remuneration:Catalogue</c> (else the shipped one), <c>Remuneration:PaiFee</c>.</summary>
public sealed class RemunerationSettings
{
    public RemunerationSettings(IConfiguration configuration, ReferenceData reference)
    {
        string path = configuration["Remuneration:Catalogue"] is { Length: > 0 } configured ? configured : reference.PathOf("remuneration", "tariffe.json");
        Pathologies = ChronicPathologies.Load(reference);
        Catalogue = TariffCatalogueJson.Read(path, Pathologies.Codes);
        PaiFee = decimal.TryParse(configuration["Remuneration:PaiFee"], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out decimal fee)
            ? fee
            : null;
        FontDirectory = configuration["Remuneration:FontDirectory"];
    }

    public TariffCatalogue Catalogue { get; }

    /// <summary>The regional catalogue of chronic pathologies: the codes a tariff may have, their names.</summary>
    public ChronicPathologies Pathologies { get; }

    public decimal? PaiFee { get; }

    public string? FontDirectory { get; }
}

/// <summary>
/// The yearly remuneration of one ATS's territory from the care tables (decision 0056), as the
/// CLI computes it: only pacts of that ATS are read, so a screen or API answer never holds another
/// territory's Gestori, patients or GPs.
/// </summary>
public sealed class RemunerationQuery(TerritorioDbContext db, RemunerationSettings settings, CareCatalogues catalogues)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public RemunerationSettings Settings => settings;

    public static bool IsValidYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>Null when the catalogue does not cover the whole year (nothing can be paid with it).</summary>
    public async Task<RemunerationResult?> RunAsync(int year, string ats, CancellationToken ct)
    {
        var info = settings.Catalogue.Info;
        if (!info.Covers(new DateOnly(year, 1, 1)) || !info.Covers(new DateOnly(year, 12, 31)))
        {
            return null;
        }

        var periods = await new CarePactPeriodSource(db).ReadYearAsync(year, ats, ct);
        return RemunerationEngine.Run(periods, settings.Catalogue, year, new RemunerationOptions { PaiFee = settings.PaiFee });
    }

    /// <summary>The names statements and exports print beside the codes of a result of <paramref name="ats"/>.</summary>
    public Task<PartyNames> NamesAsync(RemunerationResult result, string ats, CancellationToken ct) => RemunerationNames.OfAsync(db, result, ats, catalogues, ct);
}
