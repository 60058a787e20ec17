namespace Territorio.CommandLine.Tests;

public class ProgressTests
{
    [Fact]
    public void Describe_CountsInItalian_WithThePercentage()
    {
        var progress = new WorkProgress();
        progress.Begin("lette", ProgressUnit.Rows, 2_000_000);
        progress.Add(1_234_567);

        progress.Describe().ShouldBe("lette 1.234.567 di 2.000.000 (61%)");
    }

    [Fact]
    public void Describe_Bytes_InMegabytes_NeverPastTheTotal()
    {
        var progress = new WorkProgress();
        progress.Begin("letti", ProgressUnit.Bytes, 1120L << 20);
        progress.Add(2000L << 20);

        progress.Describe().ShouldBe("letti 1.120 MB di 1.120 MB (100%)");
        progress.Fraction.ShouldBe(1.0);
    }

    [Fact]
    public void ANewStage_StartsFromZero()
    {
        var progress = new WorkProgress();
        progress.Begin("letti", ProgressUnit.Bytes, 100);
        progress.Add(100);
        progress.Begin("ricoveri giudicati", ProgressUnit.Rows, 10);

        progress.Describe().ShouldBe("ricoveri giudicati 0 di 10 (0%)");
    }

    [Fact]
    public void Fraction_OfWorkThatReportsOne_IsShownAsAPercentage()
    {
        var progress = new WorkProgress();
        var report = progress.AsFraction();
        report(0.455);

        progress.Describe().ShouldBe("45%");
    }

    [Fact]
    public async Task PlainWriter_BeforeAnyStage_OrWhenTheWorkFailed_WritesNothing()
    {
        using var output = new StringWriter();
        var progress = new WorkProgress();
        using (new PlainProgressWriter("controllo", progress, output, TimeSpan.FromMilliseconds(1)))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task PlainWriter_WritesPeriodicPlainLines_AndTheLastOneWhenComplete_ThenNothing()
    {
        var progress = new WorkProgress();
        progress.Begin("lette", ProgressUnit.Rows, 1000);
        using var output = new StringWriter();
        var writer = new PlainProgressWriter("importazione", progress, output, TimeSpan.FromMilliseconds(5));
        for (int step = 0; step < 10; step++)
        {
            progress.Add(100);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        writer.Complete();
        string written = output.ToString();
        progress.Add(1);
        await Task.Delay(30, TestContext.Current.CancellationToken);

        output.ToString().ShouldBe(written);
        var lines = written.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBeGreaterThan(1);
        lines.ShouldAllBe(l => l.StartsWith("importazione: lette ", StringComparison.Ordinal) && !l.Any(char.IsControl));
        lines.Distinct().Count().ShouldBe(lines.Length);
        lines[^1].ShouldBe("importazione: lette 1.000 di 1.000 (100%)");
    }
}
