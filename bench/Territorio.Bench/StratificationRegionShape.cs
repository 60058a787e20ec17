using System.Runtime.CompilerServices;
using System.Text;

namespace Territorio.Bench;

/// <summary>
/// <c>stratify-region-without-identity FROM TO</c> (issue 20): the region of <c>FROM</c> as it was
/// before persons carried the anagrafe's identity columns (the 3.1 GB shape of 10 M persons): the
/// persons file cut to its first six columns, the event files linked, not copied. Then
/// <c>stratify … TO</c> and <c>stratify-update … TO</c> measure that shape.
/// </summary>
public static partial class WholeRuns
{
    private const int PersonFactColumns = 6;

    [ModuleInitializer]
    internal static void RegisterRegionWithoutIdentity() => Runs["stratify-region-without-identity"] = RegionWithoutIdentity;

    private static int RegionWithoutIdentity(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: stratify-region-without-identity FROM TO");
            return 2;
        }

        string from = Path.GetFullPath(args[0]), to = Path.GetFullPath(args[1]);
        Directory.CreateDirectory(to);
        using (var persons = new StreamReader(Path.Combine(from, "persons.csv")))
        using (var cut = new StreamWriter(Path.Combine(to, "persons.csv"), false, new UTF8Encoding(false), 1 << 16))
        {
            // The generator quotes nothing in the first six columns: the sixth comma ends them.
            while (persons.ReadLine() is { } line)
            {
                int end = -1, column = 0;
                while (column < PersonFactColumns && (end = line.IndexOf(',', end + 1)) >= 0)
                {
                    column++;
                }

                cut.WriteLine(end < 0 ? line : line[..end]);
            }
        }

        foreach (string flow in (string[])["sdo.csv", "drugs.csv", "exemptions.csv", "outpatient.csv"])
        {
            string link = Path.Combine(to, flow);
            File.Delete(link);
            File.CreateSymbolicLink(link, Path.Combine(from, flow));
        }

        long bytes = Directory.GetFiles(to, "*.csv").Sum(f => new FileInfo(f).LinkTarget is { } target ? new FileInfo(target).Length : new FileInfo(f).Length);
        Console.WriteLine($"{to}: persons without identity columns, {bytes / 1e6:N0} MB of input");
        return 0;
    }
}
