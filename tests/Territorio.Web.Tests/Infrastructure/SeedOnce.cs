namespace Territorio.Web.Tests.Infrastructure;

/// <summary>A test class's own rows, added once to the shared application whichever test runs first.</summary>
public sealed class SeedOnce
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _done;

    public async Task RunAsync(Func<Task> seed)
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_done)
            {
                await seed();
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
