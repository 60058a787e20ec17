using Territorio.Flows.Remuneration;
using Territorio.Remuneration.Tariffs;

namespace Territorio.Cli.Features.Remuneration;

/// <summary>Where the commands find the tariff catalogue and the pathology codes.</summary>
internal static class RemunerationCatalogues
{
    /// <summary>The current catalogue: <c>Remuneration:Catalogue</c> in configuration, else the shipped one.</summary>
    public static string DefaultPath(CliEnvironment env) =>
        env.Configuration["Remuneration:Catalogue"] is { Length: > 0 } configured ? configured : env.ReferenceData.PathOf("remuneration", "tariffe.json");

    public static TariffCatalogue Load(CliEnvironment env, ChronicPathologies pathologies, FileInfo? file = null)
    {
        string path = file?.FullName ?? DefaultPath(env);
        return File.Exists(path)
            ? TariffCatalogueJson.Read(path, pathologies.Codes)
            : throw new UsageException($"catalogo tariffe non trovato: {path}");
    }

    public static string ProvisionalWarning(TariffCatalogueInfo info) =>
        $"ATTENZIONE: il catalogo {info.Id} v{info.Version} è PROVVISORIO: contiene tariffe stimate, non pubblicate dalla Regione.";
}
