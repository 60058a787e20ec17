using Spectre.Console;

namespace Territorio.Cli;

/// <summary>Shows a progress display for long work when a person is watching; silent otherwise.</summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliEnvironment env, string description, Func<Action<double>, Task<T>> work)
    {
        if (!env.Interactive)
        {
            return await work(_ => { });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(env.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: 1.0);
                var result = await work(fraction => task.Value = Math.Clamp(fraction, 0, 1));
                task.Value = 1.0;
                return result;
            });
    }
}
