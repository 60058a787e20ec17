using Territorio.Kernel.Errors;
using Territorio.Remuneration.Tariffs;

namespace Territorio.Remuneration.Tests;

public class TariffCatalogueTests
{
    [Theory]
    [InlineData(3, 277, 228, "22.12", 0, 527)]
    [InlineData(2, 471, 349, "37.70", 0, 857)]
    [InlineData(1, 740, 703, "59.24", 2748, 4250)]
    public void SeedHypertension_ComponentsAndTotal_MatchTheSeedWithinRoundingToTheEuro(int level, int amb, int far, string share, int ricov, int total)
    {
        var row = Catalogues.Hypertension().Find(56, level)!;

        row.MmgShare.ShouldBe(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture));
        Math.Abs(row.Amb - amb).ShouldBeLessThan(1m);
        Math.Abs(row.Far - far).ShouldBeLessThan(1m);
        Math.Abs(row.Ricov - ricov).ShouldBeLessThan(1m);
        Math.Abs(row.Total - total).ShouldBeLessThan(1m);
        row.Total.ShouldBe(row.Amb + row.Far + row.MmgShare + row.Ricov);
    }

    [Fact]
    public void MmgShare_IsEightPercentOfAmbRoundedToTheCent()
    {
        GpShare.Of(276.50m).ShouldBe(22.12m);
        GpShare.Of(100.06m).ShouldBe(8.00m);
        GpShare.Of(100.07m).ShouldBe(8.01m);
    }

    [Fact]
    public void TotalNotEqualToComponents_IsRefusedNamingTheRowAndTheSum()
    {
        var drafts = Catalogues.SeedHypertension().Append(Catalogues.Draft(7, 20, 3, 300m, 200m, 0m, 527m));

        var ex = Should.Throw<InputDataException>(() => TariffCatalogue.Create(Catalogues.Info(), drafts, Catalogues.KnownPathologies, "cat.json"));

        ex.Message.ShouldContain("riga 7");
        ex.Message.ShouldContain("campo total");
        ex.Message.ShouldContain("= 524.00");
    }

    [Fact]
    public void EveryBadRow_IsReportedAtOnce()
    {
        TariffRowDraft[] drafts =
        [
            Catalogues.Draft(1, 99, 3, 1m, 1m, 0m, 2.08m),
            Catalogues.Draft(2, 56, 4, 1m, 1m, 0m, 2.08m),
            Catalogues.Draft(3, 56, 3, 1.001m, 1m, 0m, 2.08m),
            Catalogues.Draft(4, 56, 2, 1m, 1m, 0m, 2.08m),
            Catalogues.Draft(5, 56, 2, 1m, 1m, 0m, 2.08m),
        ];

        var errors = TariffCatalogue.Validate(Catalogues.Info(), drafts, Catalogues.KnownPathologies, "cat.json", out _);

        errors.Select(e => (e.Line, e.Field)).ShouldBe([(1, "pathology"), (2, "level"), (3, "amb"), (5, "pathology/level")]);
    }

    [Fact]
    public void ProvisionalRow_InACatalogueNotMarkedProvisional_IsRefused()
    {
        var drafts = new[] { Catalogues.Draft(1, 20, 3, 100m, 100m, 0m, 208m, provisional: true) };

        var errors = TariffCatalogue.Validate(Catalogues.Info(provisional: false), drafts, Catalogues.KnownPathologies, "cat.json", out _);

        errors.ShouldHaveSingleItem().Field.ShouldBe("provisional");
    }

    [Fact]
    public void EmptyCatalogue_IsRefused()
    {
        Should.Throw<InputDataException>(() => TariffCatalogue.Create(Catalogues.Info(), [], Catalogues.KnownPathologies, "cat.json"));
    }
}
