using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Data;
using Territorio.Data.Security;
using Territorio.Web;
using Territorio.Web.Security;

namespace Territorio.Cli.Tests;

/// <summary>
/// The Gestori's operator accounts the command-line tests name as witnesses (--testimone, --operatore),
/// made through Identity as the web application makes them.
/// </summary>
public static class GestoreOperatorAccounts
{
    /// <summary>Case managers of G321ASST.</summary>
    public const string CaseManager = "cm1", OtherCaseManager = "cm2";

    /// <summary>Case managers of G321COOP.</summary>
    public const string CooperativeCaseManager = "cm.coop", OtherCooperativeCaseManager = "cm2.coop";

    /// <summary>Two case managers of a Gestore (login, name as a witness) and one of the other Gestore.</summary>
    public static (string Login, string Witness) First(string gestore) => gestore == "G321COOP" ? (CooperativeCaseManager, "Anna Galli (cm.coop)") : (CaseManager, "Carla Neri (cm1)");

    public static (string Login, string Witness) Second(string gestore) => gestore == "G321COOP" ? (OtherCooperativeCaseManager, "Marta Sala (cm2.coop)") : (OtherCaseManager, "Luca Ferri (cm2)");

    public static string OfTheOther(string gestore) => gestore == "G321COOP" ? CaseManager : CooperativeCaseManager;

    /// <summary>A former case manager of G321ASST whose account is disabled.</summary>
    public const string Disabled = "cm.cessato";

    public static async Task CreateAsync(string dataDirectory)
    {
        await using var app = WebApp.Build([], new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = dataDirectory });
        await using var scope = app.Services.CreateAsyncScope();
        string password = Accounts.GeneratePassword();
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(CaseManager, "Carla Neri", TerritorioRoles.GestoreCaseManager, "321", GestoreId: "G321ASST"), password);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(OtherCaseManager, "Luca Ferri", TerritorioRoles.GestoreCaseManager, "321", GestoreId: "G321ASST"), password);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(CooperativeCaseManager, "Anna Galli", TerritorioRoles.GestoreCaseManager, "321", GestoreId: "G321COOP"), password);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(OtherCooperativeCaseManager, "Marta Sala", TerritorioRoles.GestoreCaseManager, "321", GestoreId: "G321COOP"), password);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(Disabled, "Paolo Riva", TerritorioRoles.GestoreCaseManager, "321", GestoreId: "G321ASST"), password);

        // Identity's way to disable an account: lock-out enabled, ending never.
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TerritorioUser>>();
        var disabled = (await users.FindByNameAsync(Disabled))!;
        await users.SetLockoutEnabledAsync(disabled, true);
        await users.SetLockoutEndDateAsync(disabled, DateTimeOffset.MaxValue);
    }
}
