using Microsoft.Extensions.DependencyInjection;

namespace Territorio.Web.Ats;

public static class AtsScreens
{
    /// <summary>The queries behind the ATS's pyramid, enrolment progress and Commission screens.</summary>
    public static IServiceCollection AddAtsScreens(this IServiceCollection services) => services
        .AddScoped<TerritoryLevels>()
        .AddScoped<PyramidQuery>()
        .AddScoped<EnrolmentProgressQuery>()
        .AddScoped<CommissionDesk>()
        .AddScoped<LevelChanges>();
}
