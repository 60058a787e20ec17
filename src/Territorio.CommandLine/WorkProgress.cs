using System.Globalization;

namespace Territorio.CommandLine;

/// <summary>
/// How far long work has got, as counters the work bumps (one add per block of rows or bytes: cheap
/// enough for the hot loops) and a display reads on its own timer. The work moves through stages
/// ("lettura del file", "giudizio"), each with its own total.
/// </summary>
public sealed class WorkProgress
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    private static readonly Stage NotStarted = new("", ProgressUnit.Fraction, 1);

    private Stage _stage = NotStarted;
    private long _done;

    /// <summary>Starts a stage: <paramref name="text"/> names what is counted ("lette", "ricoveri giudicati").</summary>
    public void Begin(string text, ProgressUnit unit, long total)
    {
        Volatile.Write(ref _done, 0);
        Volatile.Write(ref _stage, new Stage(text, unit, Math.Max(total, 0)));
    }

    /// <summary>A stage has begun: there is something to show.</summary>
    public bool Started => !ReferenceEquals(Volatile.Read(ref _stage), NotStarted);

    public void Add(long count) => Interlocked.Add(ref _done, count);

    /// <summary>For work that reports a fraction of the whole (0–1): the display shows the percentage.</summary>
    public void ReportFraction(double fraction) => Volatile.Write(ref _done, (long)(Math.Clamp(fraction, 0, 1) * FractionScale));

    /// <summary>The work's own progress callback for code that reports a fraction of the whole.</summary>
    public Action<double> AsFraction()
    {
        Begin("", ProgressUnit.Fraction, FractionScale);
        return ReportFraction;
    }

    public double Fraction
    {
        get
        {
            var stage = Volatile.Read(ref _stage);
            return stage.Total > 0 ? Math.Clamp((double)Volatile.Read(ref _done) / stage.Total, 0, 1) : 0;
        }
    }

    /// <summary>What has been done, in words: "lette 1.234.567 righe di 2.000.000 (61%)", "letti 512 MB di 1.120 MB (45%)", "45%".</summary>
    public string Describe()
    {
        var stage = Volatile.Read(ref _stage);
        long done = Math.Min(Volatile.Read(ref _done), stage.Total);
        string percent = $"{(int)(Fraction * 100)}%";
        return stage.Unit switch
        {
            ProgressUnit.Bytes => $"{stage.Text} {Megabytes(done)} MB di {Megabytes(stage.Total)} MB ({percent})",
            ProgressUnit.Rows => $"{stage.Text} {done.ToString("N0", Italian)} di {stage.Total.ToString("N0", Italian)} ({percent})",
            _ => stage.Text.Length == 0 ? percent : $"{stage.Text} ({percent})",
        };
    }

    private static string Megabytes(long bytes) => (bytes >> 20).ToString("N0", Italian);

    private const long FractionScale = 1_000_000;

    private sealed record Stage(string Text, ProgressUnit Unit, long Total);
}

public enum ProgressUnit
{
    Fraction,
    Bytes,
    Rows,
}
