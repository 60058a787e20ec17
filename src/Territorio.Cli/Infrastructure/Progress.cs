using Spectre.Console;
using Territorio.CommandLine;

namespace Territorio.Cli;

/// <summary>
/// Progress of long work: a bar redrawn on the terminal when a person watches, plain periodic lines
/// otherwise (CI logs, redirected output). The work only bumps counters; the display reads them on
/// its own timer. It is gone before the command prints its summary.
/// </summary>
public static class ProgressDisplay
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(100);

    public static async Task<T> RunAsync<T>(CliEnvironment env, string title, Func<WorkProgress, Task<T>> work)
    {
        var progress = new WorkProgress();
        if (!env.Interactive)
        {
            using var lines = new PlainProgressWriter(title, progress, env.Error, env.ProgressInterval);
            var result = await work(progress);
            lines.Complete();
            return result;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(env.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                var running = work(progress);
                while (await Task.WhenAny(running, Task.Delay(Redraw)) != running)
                {
                    task.Value = progress.Fraction;
                    task.Description = Markup.Escape($"{title}: {progress.Describe()}");
                }

                return await running;
            });
    }

    /// <summary>For work that reports a fraction of the whole (importers, the demo's loads).</summary>
    public static Task<T> RunAsync<T>(CliEnvironment env, string title, Func<Action<double>, Task<T>> work) =>
        RunAsync(env, title, (WorkProgress progress) => work(progress.AsFraction()));
}
