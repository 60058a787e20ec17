using System.Net;
using System.Text;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Security;

/// <summary>
/// Every endpoint × every role, from the endpoint's own territory and from the other one.
/// Territory A's data is what is asked for; B's accounts must never see any of it.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class RoleEndpointMatrixTests(WebAppFixture app)
{
    private Task<IReadOnlyList<EndpointCase>> EndpointsAsync() => EndpointCatalogue.EnumerateAsync(app.App.Services);

    [Fact]
    public async Task Catalogue_FindsPagesAndApi()
    {
        var endpoints = await EndpointsAsync();
        endpoints.ShouldContain(e => e.IsPage && e.Pattern == "/Assistiti/Scheda/{patientId}");
        endpoints.ShouldContain(e => !e.IsPage && e.Pattern == "/api/assistiti/{patientId}");
    }

    [Fact]
    public async Task EveryEndpoint_IsAnonymousOnPurpose_OrNamesKnownPolicies()
    {
        var endpoints = await EndpointsAsync();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.IsAnonymous)
            {
                EndpointCatalogue.KnownAnonymous.ShouldContain(endpoint.ToString(), $"{endpoint} is open to anonymous callers");
            }
            else
            {
                EndpointCatalogue.AllowedRoles(endpoint).ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public async Task EveryEndpoint_WithoutCredentials_IsRefused()
    {
        using var anonymous = app.Anonymous();
        foreach (var endpoint in (await EndpointsAsync()).Where(e => !e.IsAnonymous))
        {
            using var response = await SendAsync(anonymous, endpoint, endpoint.UrlFor(Territory.A), formToken: null);
            if (endpoint.IsPage)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, endpoint.ToString());
                response.Headers.Location!.ToString().ShouldContain("/Account/Login");
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, endpoint.ToString());
            }
        }
    }

    [Fact]
    public async Task EveryEndpoint_AsEveryRole_AdmitsExactlyThePolicyRoles()
    {
        var failures = new List<string>();
        foreach (var endpoint in (await EndpointsAsync()).Where(e => !e.IsAnonymous))
        {
            var allowed = EndpointCatalogue.AllowedRoles(endpoint);
            foreach (string role in TerritorioRoles.All)
            {
                var client = await ClientAsync(endpoint, Territory.A.UserOf(role));
                using var response = await SendAsync(client, endpoint, endpoint.UrlFor(Territory.A), endpoint.IsPage ? app.FormTokenOf(client) : null);
                int status = (int)response.StatusCode;
                bool toLogin = response.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) == true;
                bool admitted = status is not (401 or 403) && !toLogin;
                if (admitted != allowed.Contains(role) || status >= 500)
                {
                    failures.Add($"{endpoint} as {role}: {status}, expected {(allowed.Contains(role) ? "admitted" : "403")}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryEndpoint_AsAnotherTerritory_RefusesTheResource_AndLeaksNothing()
    {
        var failures = new List<string>();
        foreach (var endpoint in (await EndpointsAsync()).Where(e => !e.IsAnonymous))
        {
            foreach (string role in TerritorioRoles.All)
            {
                var client = await ClientAsync(endpoint, Territory.B.UserOf(role));
                using var response = await SendAsync(client, endpoint, endpoint.UrlFor(Territory.A), endpoint.IsPage ? app.FormTokenOf(client) : null);
                string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                int status = (int)response.StatusCode;
                if (HasResourceParameter(endpoint) && status is not (403 or 404))
                {
                    failures.Add($"{endpoint} as {role} of ATS {Territory.B.Ats}: {status} for a resource of ATS {Territory.A.Ats}");
                }

                foreach (string marker in Territory.A.Markers.Where(m => body.Contains(m, StringComparison.Ordinal)))
                {
                    failures.Add($"{endpoint} as {role} of ATS {Territory.B.Ats}: the answer contains '{marker}' of ATS {Territory.A.Ats}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryResourceEndpoint_IsOpenToSomeRoleOfItsOwnTerritory()
    {
        // Proves that the refusals above come from the tenancy, not from an endpoint that refuses everyone.
        foreach (var endpoint in (await EndpointsAsync()).Where(e => !e.IsAnonymous && HasResourceParameter(e) && e.Method == "GET"))
        {
            var statuses = new List<int>();
            foreach (string role in EndpointCatalogue.AllowedRoles(endpoint))
            {
                var client = await ClientAsync(endpoint, Territory.A.UserOf(role));
                using var response = await SendAsync(client, endpoint, endpoint.UrlFor(Territory.A), endpoint.IsPage ? app.FormTokenOf(client) : null);
                statuses.Add((int)response.StatusCode);
            }

            statuses.ShouldContain(200, $"{endpoint}: no role of ATS {Territory.A.Ats} reads its own resource");
        }
    }

    private static bool HasResourceParameter(EndpointCase endpoint) =>
        endpoint.RouteParameters.Any(p => p is not ("documentName" or "code" or "year" or "rest"));

    private Task<HttpClient> ClientAsync(EndpointCase endpoint, string userName) =>
        endpoint.IsPage ? app.PagesAs(userName) : app.ApiAs(userName);

    /// <summary>
    /// Calls an endpoint as its user would: forms carry that user's own antiforgery token, so a
    /// post reaches the handler and the tenancy check — a stranger's session has a valid token too.
    /// The body is otherwise empty: what matters is who gets past authorisation, not validation.
    /// </summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, EndpointCase endpoint, string url, string? formToken)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (endpoint.Method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = endpoint.IsPage
                ? new FormUrlEncodedContent(formToken is null ? [] : [new("__RequestVerificationToken", formToken)])
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
