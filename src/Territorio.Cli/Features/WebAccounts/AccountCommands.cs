using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Common;
using Territorio.Data;
using Territorio.Data.Security;
using Territorio.Web;
using Territorio.Web.Security;

namespace Territorio.Cli.Features.WebAccounts;

/// <summary>
/// <c>territorio account …</c>: the web application's accounts on an installation without the demo
/// (decision 0266): create one in the tenancy its role works in, disable it, enable it again, list them.
/// </summary>
public static class AccountCommands
{
    public static Command Build(CliEnvironment env)
    {
        var login = new Option<string>("--login") { Description = "Nome utente con cui la persona accede (lettere senza accenti, cifre, - . _ @ +).", Required = true };
        var name = new Option<string>("--nome") { Description = "Nome e cognome della persona, come appare sulle schermate e come testimone delle firme.", Required = true };
        var role = new Option<string>("--ruolo") { Description = "Ruolo: " + string.Join(", ", TerritorioRoles.All.Select(r => $"{r} ({TerritorioRoles.Label(r)})")) + ".", Required = true };
        var ats = new Option<string>("--ats") { Description = "Codice dell'ATS in cui la persona opera.", Required = true };
        var gestore = Tenancy("--gestore", "Codice del Gestore (case manager e responsabile clinico).");
        var mmg = Tenancy("--mmg", "Codice del medico di medicina generale (ruolo mmg).");
        var erogatore = Tenancy("--erogatore", "Codice dell'erogatore (ruolo erogatore).");
        var structure = Tenancy("--struttura", "Codice della struttura di ricovero (ruoli struttura e reparto).");
        var patient = Tenancy("--paziente", "Identificativo dell'assistito (ruolo paziente).");
        var fromStdin = new Option<bool>("--password-stdin")
        {
            Description = "Legge la password dalla prima riga dell'input standard (almeno 12 caratteri, maiuscole, minuscole e cifre); senza, ne genera una e la mostra una sola volta.",
        };

        var add = new Command("add", "Crea un account dell'applicazione web, con il ruolo e l'ambito (Gestore, MMG, erogatore, struttura, assistito) verificati nell'anagrafe dell'ATS.")
        {
            login, name, role, ats, gestore, mmg, erogatore, structure, patient, fromStdin,
        };
        add.Aliases.Add("create");
        add.SetAction((p, ct) => RunAsync(env, async (scope, care, ct) =>
        {
            var spec = new AccountSpec(p.GetValue(login)!.Trim(), p.GetValue(name)!.Trim(), p.GetValue(role)!.Trim(), p.GetValue(ats)!.Trim(),
                p.GetValue(gestore), p.GetValue(mmg), p.GetValue(erogatore), p.GetValue(structure), p.GetValue(patient));
            bool generated = !p.GetValue(fromStdin);
            string password = generated ? Accounts.GeneratePassword() : await env.Input.ReadLineAsync(ct) ?? "";
            await AccountChecks.RequireValidAsync(care, scope.GetRequiredService<UserManager<TerritorioUser>>(), spec, password, ct);
            await Accounts.CreateAsync(scope, spec, password);
            var names = await Accounts.TenancyNamesAsync(care, [spec], ct);
            env.Output.WriteLine($"account {spec.UserName} creato: {spec.DisplayName}, {TerritorioRoles.Label(spec.Role)} · {spec.TenancyBy(names)}");
            if (generated)
            {
                env.Output.WriteLine($"password (mostrata solo ora, da consegnare alla persona): {password}");
            }

            return ExitCodes.Ok;
        }, ct));

        var disable = SetDisabled(env, login, disabled: true);
        var enable = SetDisabled(env, login, disabled: false);

        var atsFilter = new Option<string?>("--ats") { Description = "Solo gli account di questa ATS." };
        var list = new Command("list", "Elenca gli account: nome, login, ruolo, ambito (ATS, Gestore, MMG, erogatore, struttura o assistito, per nome) e stato.") { atsFilter };
        list.SetAction((p, ct) => RunAsync(env, async (scope, care, ct) =>
        {
            var rows = await Accounts.ListAsync(scope, p.GetValue(atsFilter), DateTimeOffset.UtcNow, ct);
            var names = await Accounts.TenancyNamesAsync(care, [.. rows.Select(r => r.Spec)], ct);
            env.Output.WriteLine("nome\tlogin\truolo\tambito\tstato");
            foreach (var row in rows)
            {
                env.Output.WriteLine($"{row.Spec.DisplayName}\t{row.Spec.UserName}\t{TerritorioRoles.Label(row.Spec.Role)}\t{row.Spec.TenancyBy(names)}\t{(row.Disabled ? "disattivato" : "attivo")}");
            }

            return ExitCodes.Ok;
        }, ct));

        return new Command("account", "Account dell'applicazione web: creazione, disattivazione, riattivazione, elenco.") { add, disable, enable, list };
    }

    private static Option<string?> Tenancy(string name, string description) => new(name) { Description = description };

    private static Command SetDisabled(CliEnvironment env, Option<string> login, bool disabled)
    {
        var command = new Command(disabled ? "disable" : "enable", disabled
            ? "Disattiva un account: non può più accedere né fare da testimone alle firme dei patti (resta nello storico)."
            : "Riattiva un account disattivato.")
        {
            login,
        };
        command.SetAction((p, ct) => RunAsync(env, async (scope, _, _) =>
        {
            string user = p.GetValue(login)!.Trim();
            if (!await Accounts.SetDisabledAsync(scope, user, disabled))
            {
                throw new CareRuleException($"l'account \"{user}\" non esiste", "login");
            }

            env.Output.WriteLine($"account {user} {(disabled ? "disattivato" : "riattivato")}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the web application's Identity and care services on the
    /// migrated database; a refusal is one line naming the option, exit code 1.
    /// </summary>
    private static async Task<int> RunAsync(CliEnvironment env, Func<IServiceProvider, CareServices, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        await TerritorioDatabase.MigrateAsync(env.Database, ct);
        await using var app = WebApp.Build([], env.Database);
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<CareServices>(), ct);
        }
        catch (CareRuleException ex)
        {
            env.Error.WriteLine($"operazione rifiutata: {(ex.Field is { } field ? $"--{(field == "password" ? "password-stdin" : field)}: " : "")}{ex.Message}");
            return ExitCodes.BadData;
        }
    }
}
