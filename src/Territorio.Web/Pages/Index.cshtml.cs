using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Territorio.Data;

namespace Territorio.Web.Pages;

public sealed class IndexModel(TerritorioDbContext db) : PageModel
{
    public int ResidentCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        ResidentCount = await db.Residents.CountAsync(cancellationToken);
}
