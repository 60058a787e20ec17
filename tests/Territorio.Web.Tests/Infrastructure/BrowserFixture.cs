using Microsoft.Playwright;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// The web application plus one headless Chromium for a whole test collection: Debian's
/// chromium (TERRITORIO_CHROMIUM, set by scripts/test.sh), driven by Playwright; never a
/// downloaded browser. Screenshots go to artifacts/screenshots/ beside the test binaries.
/// </summary>
public sealed class BrowserFixture : WebAppFixture
{
    public const string ChromiumVariable = "TERRITORIO_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        string chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured
            ? configured
            : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
            : throw new InvalidOperationException($"{ChromiumVariable} is not set and /usr/bin/chromium is missing: run the tests with scripts/test.sh");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
        Directory.CreateDirectory(ScreenshotFolder);
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) with an Italian locale and a tablet-sized or laptop-sized window.</summary>
    public async Task<IPage> NewPageAsync(bool tablet = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "it-IT",
            TimezoneId = "Europe/Rome",
            ViewportSize = tablet ? new ViewportSize { Width = 820, Height = 1180 } : new ViewportSize { Width = 1366, Height = 900 },
        });
        // Generous limits: only reached on an overloaded machine, never the normal path.
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    public async Task SignInAsync(IPage page, string userName, string password = Territory.Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Nome utente").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        try
        {
            // The header's sign-out button, polled in the page: waiting for the URL also waited for
            // a load event that, after a failed attempt on the same page, sometimes never reached
            // the waiter (the screenshots showed the signed-in home page).
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Esci" })).ToBeVisibleAsync();
            page.Url.ShouldNotContain("/Account/Login");
        }
        catch (PlaywrightException ex)
        {
            // Keep what the browser showed, to find why.
            await ScreenshotAsync(page, "accesso-non-riuscito-" + userName);
            throw new System.TimeoutException($"sign-in of {userName} did not reach a signed-in page: at {page.Url}", ex);
        }
    }

    /// <summary>Saves a full-page screenshot and names it in the test log.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
