using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application;
using Territorio.Testing;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// The web application on a free loopback port over a fresh SQLite database holding the two
/// territories, with clients signed in as any account (cookie for pages, bearer for the API).
/// </summary>
public partial class WebAppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Task<HttpClient>> _apiClients = new();
    private readonly ConcurrentDictionary<string, Task<HttpClient>> _pageClients = new();
    private readonly ConcurrentDictionary<HttpClient, string> _formTokens = new();
    private TestDatabase? _database;

    /// <summary>A small upload limit, so that the refusal of a larger file can be tested.</summary>
    public const int UploadLimitMegabytes = 1;

    public WebApplication App { get; private set; } = null!;

    /// <summary>The Italian calendar day the seed was written for: dates a test expects follow from it, not from the machine's clock.</summary>
    public DateOnly SeedDay { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    public TestDatabase Database => _database!;

    public virtual async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        await using (var db = _database.CreateContext())
        {
            db.Residents.AddRange(Territory.A.Residents().Concat(Territory.B.Residents()));
            db.Residents.Add(new Kernel.Population.Resident(CareSeed.NewPatient, CareSeed.NewPatientBirth, Kernel.Population.Sex.Female, Territory.A.Ats, Territory.A.Mmg, null, CareSeed.NewPatientIdentity));
            db.GeneralPractitioners.Add(CareSeed.MmgOfTerritoryA);
            await db.SaveChangesAsync();
        }

        // PDF statements need the PDFsharp license the shipped configuration chooses (decision 0090).
        App = WebApp.Build([$"--Riabilitazione:MaxUploadMegabytes={UploadLimitMegabytes}", "--Pdf:PdfSharpLicense=AGPL"], _database.Options, "http://127.0.0.1:0");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            foreach (var spec in Territory.A.Accounts().Concat(Territory.B.Accounts()).Concat(CareSeed.PendingGestoreAccounts).Append(CareSeed.HoursErogatoreAccount).Append(CareSeed.LabErogatoreAccount))
            {
                await Accounts.CreateAsync(scope.ServiceProvider, spec, Territory.Password);
            }

            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            SeedDay = ItalianTime.Today(clock);
            await CareSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<CareServices>(), SeedDay, CancellationToken.None);
            await RehabSeed.SeedAsync(scope.ServiceProvider, CancellationToken.None);
        }

        await App.StartAsync();
        BaseAddress = new Uri(App.Urls.First());
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var client in _apiClients.Values.Concat(_pageClients.Values))
        {
            (await client).Dispose();
        }

        await App.DisposeAsync();
        await _database!.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseAddress,
    };

    /// <summary>An anonymous client whose connections come from another loopback address (sign-in throttling is per address).</summary>
    public HttpClient AnonymousFrom(string localAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = BaseAddress,
    };

    /// <summary>A client sending the account's bearer token (obtained once from /api/token).</summary>
    public Task<HttpClient> ApiAs(string userName) => _apiClients.GetOrAdd(userName, async name =>
    {
        var client = Anonymous();
        var token = await RequestTokenAsync(client, name, Territory.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    });

    /// <summary>A client holding the account's session cookie, signed in through the login form.</summary>
    public Task<HttpClient> PagesAs(string userName) => _pageClients.GetOrAdd(userName, async name =>
    {
        var client = Anonymous();
        var response = await PostLoginAsync(client, name, Territory.Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"login of {name} failed: {(int)response.StatusCode}");
        }

        // Every signed-in page carries the sign-out form, hence the session's antiforgery token.
        _formTokens[client] = AntiforgeryToken(await client.GetStringAsync("/"));
        return client;
    });

    /// <summary>The antiforgery token of a client from <see cref="PagesAs"/>: what that user's own forms carry.</summary>
    public string FormTokenOf(HttpClient client) => _formTokens[client];

    public static async Task<string> RequestTokenAsync(HttpClient client, string userName, string password)
    {
        var response = await client.PostAsJsonAsync("/api/token", new TokenRequest(userName, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        string form = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("no antiforgery token in the form");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}

/// <summary>
/// A second app of its own for tests that count the seed exactly (enrolment progress, remuneration):
/// no test in this collection writes, so other tests signing pacts or approving changes cannot move
/// their figures.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadOnlyWebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app, read only";
}
