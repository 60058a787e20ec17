namespace Territorio.Flows.Files;

/// <summary>
/// About how many data rows a CSV file holds, from its size and the length of the rows in its first megabyte:
/// lets a reader size its tables once instead of growing them row by row.
/// </summary>
public static class RowEstimate
{
    // A megabyte: a few thousand rows even of a registry with identity columns.
    private const int HeadBytes = 1 << 20;

    /// <summary>The estimate; 0 when unknown (no file, a pipe, fewer than two lines read): its reader reports what is wrong.</summary>
    public static int Of(string path)
    {
        // A pipe has size 0, and what is read here would be lost to the reader.
        if (new FileInfo(path) is not { Exists: true, Length: > 0 })
        {
            return 0;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            var head = new byte[HeadBytes];
            var read = head.AsSpan(0, file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false));
            int headerEnd = read.IndexOf((byte)'\n');
            int rows = read.Count((byte)'\n') - 1;
            if (rows < 1)
            {
                return 0;
            }

            double bytesPerRow = (double)(read.LastIndexOf((byte)'\n') - headerEnd) / rows;
            return (int)Math.Min((file.Length - headerEnd - 1) / bytesPerRow, Array.MaxLength / 2);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
