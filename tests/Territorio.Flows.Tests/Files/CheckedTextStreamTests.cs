using System.Text;
using Territorio.Flows.Files;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Files;

public sealed class CheckedTextStreamTests
{
    private static string ReadAll(byte[] bytes, int chunk)
    {
        using var reader = new StreamReader(new CheckedTextStream(new ChunkedStream(bytes, chunk), "f.csv"), new UTF8Encoding(false), false);
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public void Utf8_WithOrWithoutBom_IsRead_WhateverTheChunks(int chunk)
    {
        byte[] text = Encoding.UTF8.GetBytes("person_id,note\nP1,perché città €\n");

        ReadAll(text, chunk).ShouldBe("person_id,note\nP1,perché città €\n");
        ReadAll([0xEF, 0xBB, 0xBF, .. text], chunk).ShouldBe("person_id,note\nP1,perché città €\n");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void Latin1_IsRefusedNamingTheLine(int chunk)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("a,b\nx,y\n"), .. Encoding.Latin1.GetBytes("città,1\n")];

        var refused = Should.Throw<InputDataException>(() => ReadAll(bytes, chunk));

        refused.Message.ShouldBe("f.csv: riga 3: byte 0xE0 non valido in UTF-8: il file sembra in Latin-1 o Windows-1252, salvarlo come testo UTF-8");
    }

    [Fact]
    public void FileCutInsideACharacter_IsRefused() =>
        Should.Throw<InputDataException>(() => ReadAll([.. Encoding.UTF8.GetBytes("a,b\nx,"), 0xE2, 0x82], 4096))
            .Message.ShouldContain("termina a metà di un carattere");

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, "UTF-16")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0x61 }, "UTF-16")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x00 }, "UTF-32")]
    [InlineData(new byte[] { 0x61, 0x00, 0x62, 0x00 }, "byte nullo")]
    public void ForeignEncodings_AndBinary_AreRefusedByName(byte[] bytes, string expected) =>
        Should.Throw<InputDataException>(() => ReadAll(bytes, 4096)).Message.ShouldContain(expected);

    /// <summary>A stream that hands out at most <c>chunk</c> bytes per read, to split characters across reads.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(chunk, buffer.Length)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(chunk, count));
    }
}
