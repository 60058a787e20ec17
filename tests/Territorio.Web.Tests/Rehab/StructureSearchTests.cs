using Territorio.Web.Rehab;

namespace Territorio.Web.Tests.Rehab;

public sealed class StructureSearchTests
{
    private static readonly IReadOnlyList<StructureOption> Options = StructureSearch.Options(
        ["030412", "030423", "030999"],
        new Dictionary<string, string> { ["030412"] = "Ospedale di Circolo (030412)", ["030423"] = "Istituto Clinico San Luca (030423)" });

    [Fact]
    public void Options_AreSortedByName_WithUnnamedCodesAsThemselves() =>
        Options.Select(o => o.Label).ShouldBe(["030999", "Istituto Clinico San Luca (030423)", "Ospedale di Circolo (030412)"]);

    [Fact]
    public void ACode_PicksThatStructureOnly() => StructureSearch.Match(" 030412 ", Options).ShouldBe(["030412"]);

    [Fact]
    public void ASuggestion_PicksThatStructure_WhateverTheCase() => StructureSearch.Match("istituto clinico san luca (030423)", Options).ShouldBe(["030423"]);

    [Fact]
    public void PartOfAName_PicksEveryStructureWhoseNameContainsIt()
    {
        StructureSearch.Match("circolo", Options).ShouldBe(["030412"]);
        StructureSearch.Match("0304", Options).ShouldBe(["030423", "030412"]);
    }

    [Fact]
    public void TextMatchingNoStructure_PicksNone() => StructureSearch.Match("Ospedale Maggiore", Options).ShouldBeEmpty();
}
