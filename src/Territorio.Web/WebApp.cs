using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Territorio.Data;
using Territorio.Web.Fhir;

namespace Territorio.Web;

/// <summary>
/// Builds the web application; the CLI's demo starts it in-process, tests start it on a free port.
/// Server-rendered Razor Pages: see docs/decisions/0003-web-razor-pages.md.
/// </summary>
public static class WebApp
{
    public static WebApplication Build(string[] args, DatabaseOptions database, string? urls = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // Pages and assets live in this assembly whoever hosts it (CLI, tests).
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        // Framework chatter stays out of the operator's console; warnings and our own logs remain.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddTerritorioDatabase(database);
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi();
        builder.Services.AddTerritorioFhir(builder.Configuration);

        var app = builder.Build();
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapOpenApi();
        app.MapTerritorioFhir();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
