using Microsoft.Extensions.Configuration;
using Territorio.CareManagement.Application.Common;
using Territorio.Data;
using Territorio.Fhir.Conformance;
using Territorio.Fhir.Messaging.PicMmg;
using Territorio.Fhir.Views;
using Territorio.Flows.Reference;

namespace Territorio.Fhir.Care;

/// <summary>
/// What the CLI and the web application share to serve FHIR: the regional conformance data and
/// care catalogues (loaded once), the options (configuration section <c>Fhir:PicMmg</c>), and the
/// factories of the message processor and the read service over a database context.
/// </summary>
public sealed class FhirRuntime
{
    public const string Section = "Fhir:PicMmg";

    private readonly Lazy<RegionalConformance> _conformance;
    private readonly Lazy<CareCatalogues> _catalogues;
    private readonly Lazy<ServiceCodeMap> _services;

    /// <param name="dataDirectory">
    /// The database's data directory: the nomenclator and PAI templates the user imported there
    /// (<see cref="CareCatalogueImport"/>) replace the shipped ones, as for the screens and the CLI.
    /// </param>
    public FhirRuntime(ReferenceData data, PicMmgOptions options, TimeProvider clock, string? dataDirectory = null)
        : this(data, options, clock, () => CareCatalogues.Load(data, dataDirectory))
    {
    }

    /// <param name="catalogues">The care catalogues the host already loaded (one instance for screens, API and FHIR).</param>
    public FhirRuntime(ReferenceData data, PicMmgOptions options, TimeProvider clock, Func<CareCatalogues> catalogues)
    {
        _conformance = new(() => RegionalConformance.Load(data.PathOf("lombardia-fhir"), data.Icd9Cm));
        _catalogues = new(catalogues);
        _services = new(() => ServiceCodeMap.Load(data.PathOf("lombardia-fhir", "territorio", ServiceCodeMap.FileName)));
        Options = options;
        Clock = clock;
    }

    public PicMmgOptions Options { get; }

    public TimeProvider Clock { get; }

    public RegionalConformance Conformance => _conformance.Value;

    public CareCatalogues Catalogues => _catalogues.Value;

    public PicMmgMessageProcessor Processor(TerritorioDbContext db) =>
        new(Conformance, Options, new CarePicMmgEnrolment(db, Catalogues, Options, Conformance.Errors, Clock), Clock);

    /// <summary>National nomenclator → the region's DDC-PrestSpecSISS (provisional map, decision 0135).</summary>
    public ServiceCodeMap Services => _services.Value;

    public FhirReadService Reader(TerritorioDbContext db) => new(db, Catalogues, Services, Clock);

    /// <summary>
    /// <c>Fhir:PicMmg:ReceiverEndpoint</c>, <c>:ReceiverName</c>, <c>:ActingMmg</c>,
    /// <c>:AllowedSources:0..n</c>, <c>:Cooperatives:{mmg}</c> = Gestore id.
    /// </summary>
    public static PicMmgOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new PicMmgOptions();
        if (section["ReceiverEndpoint"] is { Length: > 0 } endpoint)
        {
            options.ReceiverEndpoint = endpoint;
        }

        if (section["ReceiverName"] is { Length: > 0 } name)
        {
            options.ReceiverName = name;
        }

        options.ActingMmg = section["ActingMmg"] is { Length: > 0 } mmg ? mmg : null;
        foreach (var source in section.GetSection("AllowedSources").GetChildren())
        {
            options.AllowedSources.Add(source.Value!);
        }

        foreach (var cooperative in section.GetSection("Cooperatives").GetChildren())
        {
            options.Cooperatives[cooperative.Key] = cooperative.Value!;
        }

        return options;
    }
}
