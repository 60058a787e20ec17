namespace Territorio.Flows.Files;

/// <summary>
/// The files a command reads and writes, checked before anything is opened: an output that is one
/// of the inputs, or that two outputs share, would destroy data (an SDO file overwritten by its
/// own verdicts). Paths are compared after resolving relative parts and symbolic links.
/// </summary>
public static class OutputPaths
{
    /// <summary>The first clash, in Italian for the user, or null when every path is distinct.</summary>
    public static string? Clash(IEnumerable<(string Option, string? Path)> inputs, IEnumerable<(string Option, string? Path)> outputs)
    {
        var read = inputs.Where(i => i.Path is not null).Select(i => (i.Option, Path: Identity(i.Path!))).ToList();
        var written = new Dictionary<string, string>(Comparer);
        foreach (var (option, path) in outputs)
        {
            if (path is null)
            {
                continue;
            }

            string identity = Identity(path);
            if (read.FirstOrDefault(i => Comparer.Equals(i.Path, identity)) is { Option: { } input })
            {
                return $"{option} e {input} indicano lo stesso file ({path}): l'uscita distruggerebbe l'ingresso";
            }

            if (!written.TryAdd(identity, option))
            {
                return $"{written[identity]} e {option} indicano lo stesso file ({path})";
            }
        }

        return null;
    }

    private static StringComparer Comparer => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static string Identity(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            // A link to an input is the input.
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
