using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Territorio.Web.Tests.Care;

/// <summary>Calls of the care API as a client makes them: JSON in, JSON or problem details out.</summary>
internal static class CareApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }

    public static async Task<T> PostAsync<T>(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsJsonAsync(url, body, Ct);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }

    /// <summary>Posts and expects a problem detail (RFC 7807) with the given status; returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpClient client, string url, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(url, body, Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HttpStatusCode> StatusOfGetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        return response.StatusCode;
    }

    public static string ErrorsOf(JsonElement problem, string field) =>
        string.Join("; ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
}
