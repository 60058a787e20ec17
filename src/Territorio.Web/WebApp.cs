using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.Data;
using Territorio.Data.Security;
using Territorio.Flows.Reference;
using Territorio.Web.Api;
using Territorio.Web.Ats;
using Territorio.Web.Care;
using Territorio.Web.Fhir;
using Territorio.Web.Rehab;
using Territorio.Web.Remuneration;
using Territorio.Web.Security;

namespace Territorio.Web;

/// <summary>
/// Builds the web application; the CLI's demo starts it in-process, tests start it on a free port.
/// Server-rendered Razor Pages (docs/decisions/0003-web-razor-pages.md) signed in with a cookie;
/// the REST API under /api takes bearer tokens only (docs/decisions/0080-web-security-model.md).
/// </summary>
public static class WebApp
{
    /// <param name="clock">"Now" for every page, API, FHIR read and care rule; the system's clock unless a test moves it.</param>
    public static WebApplication Build(string[] args, DatabaseOptions database, string? urls = null, TimeProvider? clock = null)
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

        // Forms and JSON are small; SDO uploads raise the limit for their own request (SdoUpload.AllowBody).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BadInput.MaxBodyBytes);

        // Framework chatter stays out of the operator's console; warnings and our own logs remain.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var services = builder.Services;
        services.AddTerritorioDatabase(database);
        services.AddSingleton(clock ?? TimeProvider.System);
        AddSecurity(services, builder.Configuration, database);
        services.AddScoped<PatientAccess>();
        services.AddSingleton<AccessLogWriter>();
        services.AddScoped<AccessLogQuery>();
        // One reference-data folder for the whole application: care catalogues and FHIR read the same.
        services.AddSingleton(_ => ReferenceData.From(builder.Configuration["Territorio:ReferenceData"]));
        services.AddSingleton(sp => CareCatalogues.Load(sp.GetRequiredService<ReferenceData>(), database.DataDirectory));
        services.AddScoped(sp => new CareServices(sp.GetRequiredService<TerritorioDbContext>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CareCatalogues>()));
        services.AddScoped<PatientFileQuery>();
        services.AddSingleton<ScreenCache>();
        services.AddSingleton<WorklistPages>();
        services.AddAtsScreens();
        services.AddRehabScreens(builder.Configuration);
        services.AddSingleton(new SignedPactScans(database.DataDirectory));
        services.AddScoped<CareDesk>();
        services.AddScoped<CareDocumentDownloads>();
        services.AddScoped<CaseManagers>();
        services.AddScoped<MmgPanelQuery>();
        services.AddScoped<PatientSearch>();
        services.AddScoped<EnrolmentPatients>();
        services.AddSingleton<RemunerationSettings>();
        services.AddScoped<RemunerationQuery>();
        services.AddScoped<TariffWhatIfQuery>();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Ats", Policies.Ats);
            options.Conventions.AuthorizeFolder("/Mmg", Policies.Mmg);
            options.Conventions.AuthorizePage("/Ats/Candidature", Policies.AtsOperatore);
            options.Conventions.AuthorizePage("/Ats/Commissione", Policies.AtsOperatore);
            options.Conventions.AuthorizePage("/Ats/Decesso", Policies.AtsOperatore);
            options.Conventions.AuthorizePage("/Ats/BrancheErogatore", Policies.AtsOperatore);
            options.Conventions.AuthorizeFolder("/Ats/Lettere", Policies.AtsOperatore);
            options.Conventions.AuthorizeFolder("/Gestore", Policies.Gestore);
            options.Conventions.AuthorizeFolder("/Erogatore", Policies.Erogatore);
            options.Conventions.AuthorizeFolder("/Paziente", Policies.Paziente);
            options.Conventions.AuthorizeFolder("/Assistiti", Policies.PatientData);
            options.Conventions.AuthorizeFolder("/Riabilitazione", Policies.Riabilitazione);
            options.Conventions.AuthorizePage("/Riabilitazione/Carica", Policies.Ats);
            options.Conventions.AuthorizePage("/Riabilitazione/Scarti", Policies.Ats);
            options.Conventions.AuthorizeFolder("/Reparto", Policies.Reparto);
            options.Conventions.AllowAnonymousToFolder("/Account");
            options.Conventions.AllowAnonymousToPage("/Errore");
            options.Conventions.AllowAnonymousToPage("/Index");
        }).AddMvcOptions(options => options.Filters.Add<UnknownPageHandlerFilter>());
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.Translate);
        services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiDocumentInfo>());
        services.AddTerritorioFhir(builder.Configuration);

        var app = builder.Build();
        SdoUpload.RemoveLeftovers(app.Services.GetRequiredService<RehabWebOptions>().TempDirectory);
        app.UseSecurityHeaders();
        app.UseWhen(IsApi, api => api.UseExceptionHandler(BadInput.ForApi()).UseStatusCodePages());
        app.UseWhen(BadInput.IsFhir, fhir => fhir.UseFhirErrors());
        app.UseWhen(context => !IsApi(context) && !BadInput.IsFhir(context), pages => pages
            .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Errore/500", StatusCodeSelector = BadInput.StatusOf })
            .UseStatusCodePagesWithReExecute("/Errore/{0}"));
        app.UseStaticFiles();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(ItalianFormat.Culture),
            SupportedCultures = [ItalianFormat.Culture],
            SupportedUICultures = [ItalianFormat.Culture],
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapRazorPages();
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        var api = app.MapGroup("/api")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JwtBearerDefaults.AuthenticationScheme })
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapAccountApi(api);
        api.MapPatientApi();
        api.MapAuditApi();
        api.MapAtsApi();
        api.MapRehabApi();
        api.MapGestoreApi();
        api.MapCarePathApi();
        api.MapErogatoreApi();
        api.MapCandidatureApi();
        api.MapRemunerationApi();
        app.MapTerritorioFhir();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    // Under /api and /fhir a caller is a program with a bearer token: a challenge there is a 401, never the login page.
    private const string EdgeScheme = "territorio";

    private static void AddSecurity(IServiceCollection services, ConfigurationManager configuration, DatabaseOptions database)
    {
        var security = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        var tokens = new BearerTokens(security.SigningKey(database), security, TimeProvider.System);
        services.AddSingleton(security);
        services.AddSingleton(tokens);
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInGuard>();

        services.AddIdentityCore<TerritorioUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                // No lockout: a stranger could lock anyone out; SignInGuard throttles instead (docs/security.md).
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TerritorioDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<TerritorioClaimsFactory>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = EdgeScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(EdgeScheme, "sessione o token", options => options.ForwardDefaultSelector = context =>
                IsApi(context) || BadInput.IsFhir(context) ? JwtBearerDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(options =>
            {
                options.TokenValidationParameters = tokens.ValidationParameters();
                options.MapInboundClaims = true;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "territorio.sessione";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.Events.OnRedirectToLogin = context =>
            {
                if (IsApi(context.HttpContext) || BadInput.IsFhir(context.HttpContext))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };
            // A signed-in user on a page of another role gets a 403 page, not a login loop.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "territorio.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthorization(Policies.Add);
    }
}
