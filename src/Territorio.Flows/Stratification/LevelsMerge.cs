namespace Territorio.Flows.Stratification;

/// <summary>
/// An update's complete levels file: the previous file's rows copied as they are, the rows of the
/// persons the update touched in their place, the new persons' rows at the end (decision 0195).
/// Each replaced row must be the same person's, and the previous file must have as many rows as
/// the state has persons: otherwise the two do not belong together and nothing is kept.
/// </summary>
internal static class LevelsMerge
{
    private static readonly byte[] HeaderLine = System.Text.Encoding.UTF8.GetBytes(LevelsCsvWriter.Header + "\n");

    /// <param name="rows">The new rows, by ordinal: each a slice of <paramref name="text"/> ending with its newline.</param>
    public static void Write(string previousPath, int previousRows, Stream output, byte[] text, IReadOnlyList<(int Ordinal, int Start, int Length)> rows)
    {
        using var previous = new FileStream(previousPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 22];
        int used = 0, at = 0, copyFrom = 0;
        int row = -1, next = 0;
        while (true)
        {
            int end = RowEnd(buffer.AsSpan(at, used - at));
            if (end < 0)
            {
                output.Write(buffer, copyFrom, at - copyFrom);
                buffer.AsSpan(at, used - at).CopyTo(buffer);
                used -= at;
                at = copyFrom = 0;
                int read = previous.Read(buffer, used, buffer.Length - used);
                if (read == 0)
                {
                    if (used > 0)
                    {
                        throw Mismatch(previousPath, "ultima riga senza fine");
                    }

                    break;
                }

                used += read;
                continue;
            }

            var line = buffer.AsSpan(at, end + 1);
            if (row == -1 && !line.SequenceEqual(HeaderLine))
            {
                throw Mismatch(previousPath, "intestazione diversa da quella dei livelli");
            }

            if (row >= 0 && next < rows.Count && rows[next].Ordinal == row)
            {
                var replacement = text.AsSpan(rows[next].Start, rows[next].Length);
                int idField = IdFieldLength(replacement);
                if (line.Length <= idField || !line[..(idField + 1)].SequenceEqual(replacement[..(idField + 1)]))
                {
                    throw Mismatch(previousPath, $"la riga {row + 2} non è della persona attesa");
                }

                output.Write(buffer, copyFrom, at - copyFrom);
                output.Write(replacement);
                copyFrom = at + line.Length;
                next++;
            }

            at += line.Length;
            row++;
        }

        if (row != previousRows)
        {
            throw Mismatch(previousPath, $"{Math.Max(row, 0)} righe invece di {previousRows}");
        }

        for (; next < rows.Count; next++)
        {
            if (rows[next].Ordinal != row++)
            {
                throw new InvalidOperationException("new persons' rows out of order");
            }

            output.Write(text, rows[next].Start, rows[next].Length);
        }
    }

    private static KeptStateException Mismatch(string path, string detail) =>
        new($"--update: il file dei livelli {path} non è quello della stratificazione precedente ({detail}): serve una stratificazione completa");

    /// <summary>The end (its newline) of the row starting the span, quotes respected; -1 when the span ends first.</summary>
    private static int RowEnd(ReadOnlySpan<byte> bytes)
    {
        int at = 0;
        bool quoted = false;
        while (true)
        {
            int found = bytes[at..].IndexOfAny((byte)'"', (byte)'\n');
            if (found < 0)
            {
                return -1;
            }

            at += found;
            if (bytes[at] == '\n' && !quoted)
            {
                return at;
            }

            quoted ^= bytes[at] == '"';
            at++;
        }
    }

    /// <summary>The length of a row's first field (the person id as written), quotes respected.</summary>
    private static int IdFieldLength(ReadOnlySpan<byte> row)
    {
        bool quoted = false;
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] == '"')
            {
                quoted = !quoted;
            }
            else if (row[i] == ',' && !quoted)
            {
                return i;
            }
        }

        return row.Length - 1;
    }
}
