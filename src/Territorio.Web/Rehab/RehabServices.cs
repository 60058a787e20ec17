using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Flows.Reference;

namespace Territorio.Web.Rehab;

public static class RehabServices
{
    /// <summary>The rehab screens and API: options, the rule set (loaded once, on first use), runs and the pre-check.</summary>
    public static IServiceCollection AddRehabScreens(this IServiceCollection services, IConfiguration configuration)
    {
        var options = RehabWebOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(sp => RehabPipelineAdapter.Load(sp.GetRequiredService<ReferenceData>(), options.RuleSet, options.MdcTable));
        services.AddSingleton(sp => new RehabPrecheck(sp.GetRequiredService<RehabPipelineAdapter>().Rules, sp.GetRequiredService<ReferenceData>().Icd9Cm));
        services.AddScoped<RehabRunImport>();
        services.AddScoped<RehabRunUpload>();
        services.AddScoped<RehabRunQuery>();
        services.AddScoped<RehabRunFiles>();
        services.AddScoped<VerdictContests>();
        services.AddSingleton<SdoLayouts>();
        return services;
    }
}
