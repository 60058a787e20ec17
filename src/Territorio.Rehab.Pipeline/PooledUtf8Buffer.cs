using System.Buffers;
using System.Globalization;
using System.Text;

namespace Territorio.Rehab.Pipeline;

/// <summary>
/// UTF-8 text built in an array rented from a pool: one block of formatted verdicts, written
/// to its file and then returned, so that the output's gigabyte never passes through the
/// garbage collector.
/// </summary>
public sealed class PooledUtf8Buffer(ArrayPool<byte> pool, int capacity) : IBufferWriter<byte>
{
    private static readonly SearchValues<char> CsvSpecial = SearchValues.Create(",\"\n\r");

    private byte[] _array = pool.Rent(capacity);
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsSpan(_written);
    }

    public void Write(byte value)
    {
        Reserve(1);
        _array[_written++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    public void Write(ReadOnlySpan<char> text) =>
        _written += Encoding.UTF8.GetBytes(text, GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));

    public void Write(int value)
    {
        value.TryFormat(GetSpan(11), out int length, default, CultureInfo.InvariantCulture);
        _written += length;
    }

    /// <summary>A CSV field as <see cref="RehabOutputs.Csv"/> writes it: quoted, quotes doubled, when it holds a comma, quote or line break.</summary>
    public void WriteCsvField(ReadOnlySpan<char> value)
    {
        // A formula-like text cell is shown as text (Territorio.Flows.Files.CsvCells): the apostrophe opens the cell's text.
        bool formula = Territorio.Flows.Files.CsvCells.IsFormulaLike(value);
        if (value.IndexOfAny(CsvSpecial) < 0)
        {
            if (formula)
            {
                Write((byte)'\'');
            }

            Write(value);
            return;
        }

        Write((byte)'"');
        if (formula)
        {
            Write((byte)'\'');
        }

        for (int quote = value.IndexOf('"'); quote >= 0; quote = value.IndexOf('"'))
        {
            Write(value[..(quote + 1)]);
            Write((byte)'"');
            value = value[(quote + 1)..];
        }

        Write(value);
        Write((byte)'"');
    }

    public void Return()
    {
        pool.Return(_array);
        _array = [];
        _written = 0;
    }

    private void Reserve(int sizeHint)
    {
        int needed = _written + Math.Max(sizeHint, 1);
        if (needed > _array.Length)
        {
            byte[] larger = pool.Rent(Math.Max(needed, _array.Length * 2));
            WrittenSpan.CopyTo(larger);
            pool.Return(_array);
            _array = larger;
        }
    }
}
