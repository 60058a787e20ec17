using System.Text;
using Territorio.Flows.Files;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Files;

/// <summary>The file reader that decodes once refuses what <see cref="CheckedTextStream"/> refuses, with the same file and line.</summary>
public sealed class Utf8FileReaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"territorio-utf8-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    private string ReadAll(byte[] bytes)
    {
        File.WriteAllBytes(_path, bytes);
        using var reader = Utf8FileReader.Open(_path, "f.csv");
        return reader.ReadToEnd();
    }

    [Fact]
    public void Utf8_WithOrWithoutBom_IsRead()
    {
        byte[] text = Encoding.UTF8.GetBytes("person_id,note\nP1,perché città €\n");

        ReadAll(text).ShouldBe("person_id,note\nP1,perché città €\n");
        ReadAll([0xEF, 0xBB, 0xBF, .. text]).ShouldBe("person_id,note\nP1,perché città €\n");
    }

    [Fact]
    public void Latin1_FarIntoTheFile_IsRefusedNamingItsLine()
    {
        var good = Enumerable.Range(0, 20_000).Select(i => $"P{i},note {i}\n");
        byte[] bytes = [.. Encoding.UTF8.GetBytes("a,b\n" + string.Concat(good)), .. Encoding.Latin1.GetBytes("città,1\n")];

        var refused = Should.Throw<InputDataException>(() => ReadAll(bytes));

        refused.Message.ShouldBe("f.csv: riga 20002: byte 0xE0 non valido in UTF-8: il file sembra in Latin-1 o Windows-1252, salvarlo come testo UTF-8");
    }

    [Fact]
    public void FileCutInsideACharacter_IsRefused() =>
        Should.Throw<InputDataException>(() => ReadAll([.. Encoding.UTF8.GetBytes("a,b\nx,"), 0xE2, 0x82]))
            .Message.ShouldContain("riga 2: il file termina a metà di un carattere");

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, "riga 1: codifica UTF-16")]
    [InlineData(new byte[] { 0x61, 0x2C, 0x62, 0x0A, 0x61, 0x00, 0x62, 0x00 }, "riga 2: byte nullo")]
    public void ForeignEncodings_AndBinary_AreRefusedWithTheirLine(byte[] bytes, string expected) =>
        Should.Throw<InputDataException>(() => ReadAll(bytes)).Message.ShouldContain(expected);
}
