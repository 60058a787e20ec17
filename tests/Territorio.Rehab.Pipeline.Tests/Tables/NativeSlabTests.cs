using Territorio.Rehab.Pipeline.Tables;

namespace Territorio.Rehab.Pipeline.Tests.Tables;

public sealed class NativeSlabTests
{
    private const int TwoMegabytes = 2 << 20;

    private static unsafe Span<byte> Piece(NativeSlab slab, int bytes, int alignment = 64) => new(slab.Take(bytes, alignment), bytes);

    [Fact]
    public unsafe void Pieces_AcrossBlocks_KeepTheirOwnBytes()
    {
        var slab = new NativeSlab(TwoMegabytes);

        // 300 pieces of 20 kB fill three blocks of 2 MB.
        var pieces = new nint[300];
        for (int i = 0; i < pieces.Length; i++)
        {
            pieces[i] = (nint)slab.Take(20_000);
            new Span<byte>((void*)pieces[i], 20_000).Fill((byte)i);
        }

        for (int i = 0; i < pieces.Length; i++)
        {
            new ReadOnlySpan<byte>((void*)pieces[i], 20_000).ToArray().ShouldAllBe(b => b == (byte)i);
        }

        slab.Release();
    }

    [Fact]
    public unsafe void Pieces_StartAtTheirAlignment_AndDoNotOverlap()
    {
        var slab = new NativeSlab(TwoMegabytes);
        nint previousEnd = 0;
        foreach (int size in new[] { 3, 100, 1, 16_384, 7 })
        {
            nint start = (nint)slab.Take(size, alignment: 64);
            (start % 64).ShouldBe(0);
            start.ShouldBeGreaterThanOrEqualTo(previousEnd);
            previousEnd = start + size;
        }

        nint unaligned = (nint)slab.Take(5, alignment: 1);
        unaligned.ShouldBe(previousEnd);
        slab.Release();
    }

    [Fact]
    public void PieceLargerThanABlock_GetsABlockOfItsOwn()
    {
        var slab = new NativeSlab(TwoMegabytes);
        var before = Piece(slab, 10);
        before.Fill(1);

        var large = Piece(slab, 5_000_000);
        large.Fill(2);
        var after = Piece(slab, 10);
        after.Fill(3);

        before.ToArray().ShouldAllBe(b => b == 1);
        large.ToArray().ShouldAllBe(b => b == 2);
        after.ToArray().ShouldAllBe(b => b == 3);
        slab.Release();
    }

    [Fact]
    public void ReleasedSlab_GivesPiecesAgain()
    {
        var slab = new NativeSlab(TwoMegabytes);
        Piece(slab, 1_000).Fill(9);
        slab.Release();

        var piece = Piece(slab, 1_000);
        piece.Fill(4);
        piece.ToArray().ShouldAllBe(b => b == 4);
        slab.Release();
    }

    [Fact]
    public void BlockSize_MustBeAMultipleOfTwoMegabytes() =>
        Should.Throw<ArgumentException>(() => new NativeSlab(3 << 20));
}
