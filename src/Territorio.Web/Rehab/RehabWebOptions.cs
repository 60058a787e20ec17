using Microsoft.Extensions.Configuration;

namespace Territorio.Web.Rehab;

/// <summary>
/// The <c>Riabilitazione</c> section: which rule set the screens and the API use, and how large an
/// uploaded SDO file may be (it is streamed to a temporary file, never held in memory).
/// </summary>
public sealed class RehabWebOptions
{
    public const string SectionName = "Riabilitazione";

    /// <summary>Rule-set file (docs/rehab-ruleset-format.md); empty: the shipped provisional one in data/rehab/.</summary>
    public string? RuleSet { get; set; }

    /// <summary>Diagnosis → MDC table (an official one written by <c>territorio rehab import-mdc</c>); empty: the shipped provisional one in data/sdo/.</summary>
    public string? MdcTable { get; set; }

    /// <summary>Largest SDO file accepted by an upload, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 512;

    /// <summary>Folder of the temporary copies of uploads; empty: the system's temporary folder.</summary>
    public string? TempDirectory { get; set; }

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    public static RehabWebOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<RehabWebOptions>() ?? new RehabWebOptions();
        if (options.MaxUploadMegabytes < 1)
        {
            throw new InvalidOperationException($"{SectionName}:MaxUploadMegabytes deve essere almeno 1 (ora {options.MaxUploadMegabytes})");
        }

        return options;
    }
}
