using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Plans;
using Territorio.Flows.Reference;
using Territorio.Web.Care;

namespace Territorio.Web.Tests.Care;

/// <summary>The PAI editor's actions and refusals, without a browser.</summary>
public class PaiWorkbenchTests
{
    private static readonly Lazy<CareCatalogues> Catalogues = new(() => CareCatalogues.Load(ReferenceData.Default()));

    private static PaiWorkbenchForm Form(string action, params PaiItemRow[] rows) => new() { Azione = action, Items = [.. rows] };

    private static PaiItemRow Service(string code, int perYear) => PaiItemRow.Of(PaiItem.Service(code, "", perYear));

    [Fact]
    public void AddFromSearch_Tsh_IsAddedWithFrequencyAndMonths()
    {
        var form = Form("aggiungi:90.42.1", Service("89.52", 1));
        (form.Frequenza, form.Dal, form.Al) = (2, 1, 6);

        var state = PaiWorkbench.Apply(form, Catalogues.Value);

        state.Errors.ShouldBeEmpty();
        state.Items!.Select(i => i.ToString()).ShouldBe(["89.52 ELETTROCARDIOGRAMMA ×1/anno (mesi 1–12)", "90.42.1 TIREOTROPINA (TSH). Non associabile a 90.41.8 ×2/anno (mesi 1–6)"]);
    }

    [Fact]
    public void Search_ByWords_ListsMatchingServices()
    {
        var state = PaiWorkbench.Apply(new PaiWorkbenchForm { Azione = "cerca", Cerca = "tsh" }, Catalogues.Value);

        state.Results.Select(r => r.Key).ShouldContain("90.42.1");
    }

    [Theory]
    [InlineData("90.42.9", 1, "il codice 90.42.9 non è nel vocabolario nomenclatore delle prestazioni")]
    [InlineData("90.42.1", 60, "prestazione 90.42.1: numero annuo 60 non valido (da 1 a 52)")]
    [InlineData("90.42.1", 0, "prestazione 90.42.1: numero annuo 0 non valido (da 1 a 52)")]
    [InlineData("89.52", 1, "la voce 89.52 è già nel PAI: cambiarne frequenza o periodo nella sua riga")]
    public void AddService_Refused_NothingAdded_ReasonInItalian(string code, int perYear, string reason)
    {
        var form = Form("aggiungi", Service("89.52", 1));
        (form.Prestazione, form.Frequenza) = (code, perYear);

        var state = PaiWorkbench.Apply(form, Catalogues.Value);

        state.Errors.ShouldBe([reason]);
        state.Rows.Select(r => r.Code).ShouldBe(["89.52"]);
    }

    [Fact]
    public void AddService_WindowOutOfThePlanYear_IsRefused()
    {
        var form = Form("aggiungi");
        (form.Prestazione, form.Frequenza, form.Dal, form.Al) = ("90.42.1", 2, 6, 14);

        PaiWorkbench.Apply(form, Catalogues.Value).Errors.ShouldBe(["prestazione 90.42.1: finestra mesi 6–14 non valida (mesi da 1 a 12 dall'inizio del piano)"]);
    }

    [Fact]
    public void AddDrug_ByAtcClass_NamedFromTheClass_WithDoseAndPeriod()
    {
        var form = Form("farmaco");
        (form.FarmacoAtc, form.FarmacoDose, form.FarmacoDal, form.FarmacoAl) = ("h03aa", "50 mcg", 1, 12);

        var drug = PaiWorkbench.Apply(form, Catalogues.Value).Items!.ShouldHaveSingleItem();

        drug.ToString().ShouldBe("H03AA Ormoni tiroidei 50 mcg (mesi 1–12)");
    }

    [Theory]
    [InlineData("H3", "50 mcg", "codice ATC 'H3' non valido (es. C09AA05 o C09AA)")]
    [InlineData("H03AA", "", "posologia del farmaco H03AA")]
    public void AddDrug_Refused(string atc, string dose, string reason)
    {
        var form = Form("farmaco");
        (form.FarmacoAtc, form.FarmacoDose) = (atc, dose);

        var state = PaiWorkbench.Apply(form, Catalogues.Value);

        state.Errors.ShouldHaveSingleItem().ShouldContain(reason);
        state.Rows.ShouldBeEmpty();
    }

    [Fact]
    public void EditedRow_OutOfRange_StaysToBeCorrected_AndNothingCanBeSent()
    {
        var row = Service("89.52", 1);
        row.PerYear = 53;

        var state = PaiWorkbench.Apply(Form("invia", row), Catalogues.Value);

        state.Errors.ShouldBe(["voce 1 (89.52): prestazione 89.52: numero annuo 53 non valido (da 1 a 52)"]);
        state.Items.ShouldBeNull();
        state.Rows.ShouldHaveSingleItem().PerYear.ShouldBe(53);
    }

    [Fact]
    public void Remove_TakesTheRowOut_KeepingWhatTheOthersServe()
    {
        var kept = PaiItemRow.Of(PaiItem.Service("90.28.1", "", 4).ServingPathologies(["50", "16"], "provvisorio-2026-12"));

        var state = PaiWorkbench.Apply(Form("togli:0", Service("89.52", 1), kept), Catalogues.Value);

        state.Items!.ShouldHaveSingleItem().ShouldSatisfyAllConditions(i => i.Code.ShouldBe("90.28.1"), i => i.Pathologies.ShouldBe("50|16"), i => i.Template.ShouldBe("provvisorio-2026-12"));
    }

    [Fact]
    public void PostedPathologies_OutsideTheCatalogue_AreDropped()
    {
        var row = Service("89.52", 1);
        row.Pathologies = "56|inventata";

        PaiWorkbench.Apply(Form("aggiorna", row), Catalogues.Value).Items!.Single().Pathologies.ShouldBe("56");
    }
}
