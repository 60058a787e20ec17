using System.Text;

namespace Territorio.Kernel.Population;

/// <summary>
/// Names as the codice fiscale and the search boxes read them: upper-case A–Z only, accents
/// dropped (Niccolò → NICCOLO), apostrophes and spaces removed (D'Angelo → DANGELO).
/// </summary>
public static class PersonNames
{
    public static string Letters(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        // Decomposing (Niccolò → Niccolo + grave accent) is needed only beyond ASCII; most names are plain.
        string source = Ascii.IsValid(name) ? name : name.Normalize(NormalizationForm.FormD);
        Span<char> letters = source.Length <= 256 ? stackalloc char[source.Length] : new char[source.Length];
        int count = 0;
        foreach (char c in source)
        {
            if (char.IsAsciiLetter(c))
            {
                letters[count++] = char.ToUpperInvariant(c);
            }
        }

        return new string(letters[..count]);
    }

    /// <summary>The key a surname is searched and sorted by (see <see cref="Letters"/>).</summary>
    public static string SearchKey(string? surname) => Letters(surname);

    /// <summary>"Dott." or "Dott.ssa" before a doctor's name, as Italian letters address GPs.</summary>
    public static string DoctorTitle(Sex sex) => sex == Sex.Female ? "Dott.ssa" : "Dott.";

    /// <summary>"Sig." or "Sig.ra" before a person's name.</summary>
    public static string Courtesy(Sex sex) => sex == Sex.Female ? "Sig.ra" : "Sig.";
}
