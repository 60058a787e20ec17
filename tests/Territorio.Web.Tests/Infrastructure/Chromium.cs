using Microsoft.Playwright;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium driven by Playwright: Debian's chromium (TERRITORIO_CHROMIUM, set by
/// scripts/test.sh), never a downloaded browser. Shared by the fixtures that start a web app.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ChromiumVariable = "TERRITORIO_CHROMIUM";

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public static async Task<Chromium> LaunchAsync()
    {
        string chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured
            ? configured
            : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
            : throw new InvalidOperationException($"{ChromiumVariable} is not set and /usr/bin/chromium is missing: run the tests with scripts/test.sh");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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
        return new Chromium(playwright, browser);
    }

    /// <summary>A fresh browser context (own cookies) with an Italian locale and a tablet-sized or laptop-sized window.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool tablet = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "it-IT",
            TimezoneId = "Europe/Rome",
            ViewportSize = tablet ? new ViewportSize { Width = 820, Height = 1180 } : new ViewportSize { Width = 1366, Height = 900 },
        });
        // Generous limits: only reached on an overloaded machine, never the normal path.
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string userName, string password)
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

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
