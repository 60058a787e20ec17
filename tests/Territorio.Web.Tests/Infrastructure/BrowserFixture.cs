using Microsoft.Playwright;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// The web application plus one headless Chromium (<see cref="Infrastructure.Chromium"/>) for a
/// whole test collection. Screenshots go to artifacts/screenshots/ beside the test binaries.
/// </summary>
public sealed class BrowserFixture : WebAppFixture
{
    public const string ChromiumVariable = Chromium.ChromiumVariable;

    private Chromium? _chromium;

    public IBrowser Browser => _chromium!.Browser;

    public static string ScreenshotFolder => Chromium.ScreenshotFolder;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _chromium = await Chromium.LaunchAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) with an Italian locale and a tablet-sized or laptop-sized window.</summary>
    public Task<IPage> NewPageAsync(bool tablet = false) => _chromium!.NewPageAsync(BaseAddress, tablet);

    public Task SignInAsync(IPage page, string userName, string password = Territory.Password) => Chromium.SignInAsync(page, userName, password);

    /// <summary>Saves a full-page screenshot and names it in the test log.</summary>
    public static Task ScreenshotAsync(IPage page, string name) => Chromium.ScreenshotAsync(page, name);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
