using Territorio.Flows.Files;

namespace Territorio.Flows.Tests.Files;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Commit_ReplacesTheTarget_Private_NoTemporaryLeft()
    {
        string target = Path.Combine(_dir, "giudizi.csv");
        File.WriteAllText(target, "vecchio");

        OutputFile.WriteText(target, w => w.Write("nuovo"));

        File.ReadAllText(target).ShouldBe("nuovo");
        Directory.GetFiles(_dir).ShouldBe([target]);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(target).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void Failure_LeavesThePreviousFile_AndNoTemporary()
    {
        string target = Path.Combine(_dir, "levels.csv");
        File.WriteAllText(target, "vecchio");

        Should.Throw<InvalidOperationException>(() => OutputFile.WriteText(target, w =>
        {
            w.Write("a metà");
            throw new InvalidOperationException("interrotto");
        }));

        File.ReadAllText(target).ShouldBe("vecchio");
        Directory.GetFiles(_dir).ShouldBe([target]);
    }

    [Fact]
    public void Clash_OutputEqualToAnInput_EvenThroughALink_IsNamed()
    {
        string sdo = Path.Combine(_dir, "sdo.csv");
        File.WriteAllText(sdo, "x");
        string link = Path.Combine(_dir, "link.csv");
        File.CreateSymbolicLink(link, sdo);

        OutputPaths.Clash([("--sdo", sdo)], [("--out", Path.Combine(_dir, ".", "sdo.csv"))]).ShouldBe($"--out e --sdo indicano lo stesso file ({Path.Combine(_dir, ".", "sdo.csv")}): l'uscita distruggerebbe l'ingresso");
        OutputPaths.Clash([("--sdo", sdo)], [("--errors", link)]).ShouldNotBeNull();
        OutputPaths.Clash([("--sdo", sdo)], [("--out", Path.Combine(_dir, "a.csv")), ("--errors", Path.Combine(_dir, "a.csv"))]).ShouldBe($"--out e --errors indicano lo stesso file ({Path.Combine(_dir, "a.csv")})");
        OutputPaths.Clash([("--sdo", sdo)], [("--out", Path.Combine(_dir, "a.csv")), ("--json", null)]).ShouldBeNull();
    }
}
