namespace Territorio.Web;

/// <summary>
/// Page numbers of every list, screen and API alike: from 1 to <see cref="MaxPage"/>. The API refuses
/// a number outside (400); a screen shows the nearest page that exists, labelled as such.
/// </summary>
public static class Paging
{
    /// <summary>Far beyond any list's length at 25–100 rows a page; keeps offsets far from overflow.</summary>
    public const int MaxPage = 100_000;

    public static int Clamp(int page) => Math.Clamp(page, 1, MaxPage);

    /// <summary>The last page of <paramref name="total"/> rows (1 when there are none).</summary>
    public static int LastPage(long total, int pageSize) => (int)Math.Clamp((total + pageSize - 1) / pageSize, 1, MaxPage);

    public static bool IsValid(int? page) => page is null or (>= 1 and <= MaxPage);

    public const string Refusal = "la pagina va da 1 a 100.000";
}
