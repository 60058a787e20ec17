namespace Territorio.CommandLine;

/// <summary>
/// Progress for output nobody watches live (CI logs, a redirected stream, the native executable):
/// one plain line every <c>interval</c> while the work moves ("controllo appropriatezza: letti 512 MB
/// di 1.120 MB (45%)"), no control characters, nothing rewritten. Completing it writes where the
/// work ended and stops the lines before the work's summary is printed: the summary is always last.
/// </summary>
public sealed class PlainProgressWriter : IDisposable
{
    /// <summary>Often enough to see a long run move, rarely enough not to flood a log.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly string _title;
    private readonly WorkProgress _progress;
    private readonly TextWriter _output;
    private readonly Timer _timer;
    private readonly Lock _writing = new();
    private string? _last;
    private bool _stopped;

    public PlainProgressWriter(string title, WorkProgress progress, TextWriter output, TimeSpan interval)
    {
        _title = title;
        _progress = progress;
        _output = output;
        _timer = new Timer(_ => WriteLine(), null, interval, interval);
    }

    /// <summary>Writes the current state now, unless it is the line already written.</summary>
    public void WriteLine()
    {
        lock (_writing)
        {
            if (_stopped || !_progress.Started)
            {
                return;
            }

            string line = $"{_title}: {_progress.Describe()}";
            if (line == _last)
            {
                return;
            }

            _output.WriteLine(line);
            _output.Flush();
            _last = line;
        }
    }

    /// <summary>The work is done: writes where it ended, then no more lines.</summary>
    public void Complete()
    {
        _timer.Dispose();
        WriteLine();
        Dispose();
    }

    /// <summary>No more lines (after <see cref="Complete"/>, or when the work failed: its error is then the last line).</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_writing)
        {
            _stopped = true;
        }
    }
}
