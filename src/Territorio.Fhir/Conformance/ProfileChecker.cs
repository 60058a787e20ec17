using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace Territorio.Fhir.Conformance;

public enum ProfileViolation
{
    Missing,
    TooMany,
    FixedValue,
    CodeOutsideValueSet,
    ChoiceType,
    ReferenceTarget,
}

/// <summary>One breach of a profile constraint, with where it is and what was expected.</summary>
public sealed record ProfileFinding(string Profile, string ElementId, string Location, ProfileViolation Kind, string Expected, string Found)
{
    public string Message => Kind switch
    {
        ProfileViolation.Missing => $"{Location}: elemento obbligatorio mancante (minimo {Expected}, trovati {Found})",
        ProfileViolation.TooMany => $"{Location}: troppe occorrenze (massimo {Expected}, trovate {Found})",
        ProfileViolation.FixedValue => $"{Location}: valore non atteso (previsto: {Expected} | trovato: {Found})",
        ProfileViolation.CodeOutsideValueSet => $"{Location}: codice [{Found}] non presente in {Expected}",
        ProfileViolation.ChoiceType => $"{Location}: tipo {Found} non ammesso (ammessi: {Expected})",
        _ => $"{Location}: riferimento a {Found} non ammesso (ammessi: {Expected})",
    };

    public override string ToString() => $"{Message} [{RegionalUrls.VocabularyName(Profile)} {ElementId}]";
}

/// <summary>
/// Checks a Firely POCO against the regional profiles' differentials (decision 0070): what the
/// guide adds to base FHIR. Base FHIR's own rules are Firely's structural validation.
/// Slices are told apart by their discriminator value; a slice without one (the guide leaves some
/// unfixed, e.g. <c>patologiaNonICD9-CM</c>) takes what no other slice matches; slicing by
/// profile (CarePlan.supportingInfo) is not evaluated. Bindings are
/// checked where the region publishes the code system; <see cref="UncheckableBindings"/> lists the rest.
/// </summary>
public sealed class ProfileChecker
{
    private readonly FrozenDictionary<string, StructureDefinitionProfile> _profiles;
    private readonly CodeSystemCatalogue _codeSystems;

    public ProfileChecker(IEnumerable<StructureDefinitionProfile> profiles, CodeSystemCatalogue codeSystems)
    {
        _profiles = profiles.ToFrozenDictionary(p => p.Url, StringComparer.Ordinal);
        _codeSystems = codeSystems;
    }

    public IEnumerable<StructureDefinitionProfile> Profiles => _profiles.Values;

    public CodeSystemCatalogue CodeSystems => _codeSystems;

    public StructureDefinitionProfile? Find(string url) => _profiles.GetValueOrDefault(url);

    public static ProfileChecker Load(string profilesFolder, CodeSystemCatalogue codeSystems) =>
        new(Directory.GetFiles(profilesFolder, "*.json").Order(StringComparer.Ordinal)
                .Select(StructureDefinitionProfile.Read).OfType<StructureDefinitionProfile>(),
            codeSystems);

    /// <summary>Checks an instance against a profile; an unknown profile is a programming error.</summary>
    public IReadOnlyList<ProfileFinding> Check(Base instance, string profileUrl, string? location = null)
    {
        var profile = Find(profileUrl) ?? throw new ArgumentException($"profile {profileUrl} is not among the shipped regional profiles", nameof(profileUrl));
        var findings = new List<ProfileFinding>();
        new Run(this, profile, findings).Collection(profile.Root, [new Located(instance, location ?? profile.Type)], location ?? profile.Type);
        return findings;
    }

    /// <summary>Required bindings of a profile whose ValueSet has no published code system with concepts.</summary>
    public IReadOnlyList<string> UncheckableBindings(string profileUrl)
    {
        var profile = Find(profileUrl) ?? throw new ArgumentException($"unknown profile {profileUrl}", nameof(profileUrl));
        var result = new SortedSet<string>(StringComparer.Ordinal);
        Visit(profile.Root);
        return [.. result];

        void Visit(ProfileElement element)
        {
            if (element.RequiredValueSet is { } vs && _codeSystems.Find(vs) is null)
            {
                result.Add($"{element.ElementId} → {vs}");
            }

            element.Children.ForEach(Visit);
            element.Slices.ForEach(Visit);
        }
    }

    internal readonly record struct Located(Base Value, string Location);

    private sealed class Run(ProfileChecker owner, StructureDefinitionProfile profile, List<ProfileFinding> findings)
    {
        public void Collection(ProfileElement element, IReadOnlyList<Located> items, string where)
        {
            if (element.Min is { } min && items.Count < min)
            {
                Add(element, where, ProfileViolation.Missing, min.ToString(Invariant), items.Count.ToString(Invariant));
            }

            if (element.Max is { } max && items.Count > max)
            {
                Add(element, where, ProfileViolation.TooMany, max.ToString(Invariant), items.Count.ToString(Invariant));
            }

            foreach (var item in items)
            {
                Value(element, item);
                foreach (var child in element.Children)
                {
                    Collection(child, FhirNavigation.Children(item, child.Name), item.Location + "." + child.Name);
                }
            }

            // Slices told apart by profile or type need resolution of references: not evaluated here.
            if (element.Slices.Count > 0 && element.Discriminator is null or ("value" or "pattern", _))
            {
                var partition = Partition(element, items);
                foreach (var slice in element.Slices)
                {
                    Collection(slice, partition[slice], where + ":" + slice.SliceName);
                }
            }
        }

        private void Value(ProfileElement element, Located item)
        {
            if (element.FixedValue is { } fixedValue && FhirNavigation.Text(item.Value) is { } text && text != fixedValue)
            {
                Add(element, item.Location, ProfileViolation.FixedValue, fixedValue, text);
            }

            if (element.RequiredValueSet is { } valueSet && owner._codeSystems.Find(valueSet) is { } codeSystem)
            {
                Binding(element, item, valueSet, codeSystem);
            }

            if (element.IsChoice && element.TypeCodes.Count > 0 && !element.TypeCodes.Contains(item.Value.TypeName))
            {
                Add(element, item.Location, ProfileViolation.ChoiceType, string.Join(", ", element.TypeCodes), item.Value.TypeName);
            }

            if (element.TargetProfiles.Count > 0 && item.Value is ResourceReference reference)
            {
                Target(element, item, reference);
            }

            foreach (string typeProfile in element.TypeProfiles)
            {
                if (owner.Find(typeProfile) is { } nested && (item.Value is Resource || nested.Type == item.Value.TypeName))
                {
                    var nestedFindings = owner.Check(item.Value, typeProfile, item.Location);
                    findings.AddRange(nestedFindings);
                }
            }
        }

        private void Binding(ProfileElement element, Located item, string valueSet, RegionalCodeSystem codeSystem)
        {
            IEnumerable<string?> codes = item.Value switch
            {
                Coding coding => [coding.Code],
                CodeableConcept concept => concept.Coding.Select(c => c.Code),
                _ => [FhirNavigation.Text(item.Value)],
            };
            var list = codes.ToList();
            if (list.Count > 0 && !list.Exists(codeSystem.Contains))
            {
                Add(element, item.Location, ProfileViolation.CodeOutsideValueSet, valueSet, string.Join(", ", list));
            }
        }

        private void Target(ProfileElement element, Located item, ResourceReference reference)
        {
            var allowed = element.TargetProfiles.Select(p => owner.Find(p)?.Type).ToList();
            if (allowed.Contains(null) || reference.Reference is not { } text || !text.Contains('/', StringComparison.Ordinal))
            {
                return; // a target the region did not publish, or a contained/logical reference: not decidable here
            }

            string type = text.Split('/')[^2];
            if (!allowed.Contains(type))
            {
                Add(element, item.Location, ProfileViolation.ReferenceTarget, string.Join(", ", allowed.Distinct()), type);
            }
        }

        private static Dictionary<ProfileElement, List<Located>> Partition(ProfileElement sliced, IReadOnlyList<Located> items)
        {
            var partition = sliced.Slices.ToDictionary(s => s, _ => new List<Located>());
            var discriminated = sliced.Slices.Select(s => (Slice: s, Key: SliceKey(sliced, s))).ToList();
            foreach (var item in items)
            {
                var match = discriminated.FirstOrDefault(d => d.Key is { } key && FhirNavigation.Texts(item, key.Path).Contains(key.Value)).Slice
                            ?? discriminated.FirstOrDefault(d => d.Key is null).Slice;
                if (match is not null)
                {
                    partition[match].Add(item);
                }
            }

            return partition;
        }

        // The value that selects a slice, read from the slice's own constraints at the discriminator path.
        private static (string Path, string Value)? SliceKey(ProfileElement sliced, ProfileElement slice)
        {
            string path = sliced.Discriminator?.Path ?? "url"; // extensions are sliced by url in base FHIR
            if (slice.Descendant(path)?.FixedValue is { } exact)
            {
                return (path, exact);
            }

            // resource.meta.profile / url: the slice names its profile as the element's type profile.
            string holderPath = path.EndsWith("meta.profile", StringComparison.Ordinal) ? path[..^"meta.profile".Length].TrimEnd('.') : path == "url" ? string.Empty : "-";
            var holder = holderPath.Length == 0 ? slice : holderPath == "-" ? null : slice.Descendant(holderPath);
            if (holder?.TypeProfiles.Count > 0)
            {
                return (path, holder.TypeProfiles[0]);
            }

            // The guide sometimes writes "system" where the fixed value sits at coding.system.
            var deeper = FixedBelow(slice, string.Empty).Where(f => f.Path.EndsWith("." + path, StringComparison.Ordinal)).ToList();
            if (deeper.Count == 1)
            {
                return deeper[0];
            }

            // Inside a complex extension a sub-extension's url is its slice name.
            return path == "url" && sliced.Name == "extension" ? (path, slice.SliceName!) : null;
        }

        private static IEnumerable<(string Path, string Value)> FixedBelow(ProfileElement element, string prefix)
        {
            foreach (var child in element.Children)
            {
                string path = prefix.Length == 0 ? child.Name : prefix + "." + child.Name;
                if (child.FixedValue is { } value)
                {
                    yield return (path, value);
                }

                foreach (var below in FixedBelow(child, path))
                {
                    yield return below;
                }
            }
        }

        private void Add(ProfileElement element, string location, ProfileViolation kind, string expected, string found) =>
            findings.Add(new ProfileFinding(profile.Url, element.ElementId, location, kind, expected, found));

        private static readonly IFormatProvider Invariant = System.Globalization.CultureInfo.InvariantCulture;
    }
}
