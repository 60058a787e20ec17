using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

/// <summary>One PAI from the templates of all of a patient's pathologies (Territorio's merge rule).</summary>
public class PaiTemplateMergeTests
{
    private static PaiTemplateLine ServiceLine(string code, int perYear, int from = 1, int to = 12) => new(PaiItemKind.Service, code, perYear, from, to, null, "motivo");

    private static PaiTemplate Template(string pathology, params PaiTemplateLine[] lines) => new(pathology, 2, lines, true, "prov-1");

    [Fact]
    public void Merge_SameServiceInTwoTemplates_OneItem_HighestFrequencyWins_NamingBothPathologies()
    {
        var items = PaiTemplateMerge.Merge([Template("56", ServiceLine("90.28.1", 1)), Template("50", ServiceLine("90.28.1", 4))], Vocabulary());

        var item = items.ShouldHaveSingleItem();
        item.ShouldSatisfyAllConditions(
            i => i.Code.ShouldBe("90.28.1"),
            i => i.PerYear.ShouldBe(4),
            i => i.PathologyCodes.ShouldBe(["56", "50"]),
            i => i.Template.ShouldBe("prov-1"));
    }

    [Fact]
    public void Merge_EqualFrequency_WidestWindowWins()
    {
        var items = PaiTemplateMerge.Merge([Template("56", ServiceLine("89.52", 2, 1, 6)), Template("29", ServiceLine("89.52", 2, 1, 12))], Vocabulary());

        items.ShouldHaveSingleItem().ShouldSatisfyAllConditions(i => i.FromMonth.ShouldBe(1), i => i.ToMonth.ShouldBe(12));
    }

    [Fact]
    public void Merge_DifferentServices_AllKept_MainPathologyFirst_EachNamingItsOwnPathology()
    {
        var items = PaiTemplateMerge.Merge([Template("56", ServiceLine("89.52", 1)), Template("50", ServiceLine("90.28.1", 4), ServiceLine("95.02", 1))], Vocabulary());

        items.Select(i => (i.Code, i.Pathologies)).ShouldBe([("89.52", "56"), ("90.28.1", "50"), ("95.02", "50")]);
    }

    [Fact]
    public void Merge_SameDrugClassAndGoal_OneItemEach_ServicesFirstThenDrugsThenGoals()
    {
        var drug = new PaiTemplateLine(PaiItemKind.Drug, "C09AA", null, 1, 12, null, "ACE-inibitore");
        var goal = new PaiTemplateLine(PaiItemKind.Goal, "05", null, 1, 12, null, "aderenza");
        var items = PaiTemplateMerge.Merge([Template("56", goal, drug), Template("17", drug, ServiceLine("89.52", 1), goal)], Vocabulary());

        items.Select(i => (i.Kind, i.Code, i.Pathologies)).ShouldBe([
            (PaiItemKind.Service, "89.52", "17"),
            (PaiItemKind.Drug, "C09AA", "56|17"),
            (PaiItemKind.Goal, "05", "56|17"),
        ]);
        items[1].Dosage.ShouldBe(PaiTemplate.DoseByPrescriber);
    }

    [Fact]
    public void Merge_OneTemplate_IsItsPrefill()
    {
        var template = Template("50", ServiceLine("90.28.1", 4), ServiceLine("95.02", 1));

        PaiTemplateMerge.Merge([template], Vocabulary()).Select(i => i.ToString()).ShouldBe(template.Prefill(Vocabulary()).Select(i => i.ToString()));
    }

    [Fact]
    public void ForPathologies_PathologyWithoutTemplate_IsLeftOut()
    {
        var catalogue = new PaiTemplateCatalogue([Template("56", ServiceLine("89.52", 1))]);

        catalogue.ForPathologies(["56", "99"], 2).Select(t => t.Pathology).ShouldBe(["56"]);
    }

    [Fact]
    public void ForPathologies_NoPathologyWithTemplate_IsRefused()
    {
        var catalogue = new PaiTemplateCatalogue([Template("56", ServiceLine("89.52", 1))]);

        Should.Throw<CareRuleException>(() => catalogue.ForPathologies(["60"], 2)).Message.ShouldBe("nessun modello di PAI per la patologia 60 al livello 2");
    }

    [Fact]
    public void Drug_PeriodOutsideThePlanYear_IsRefused()
    {
        Should.Throw<CareRuleException>(() => PaiItem.Drug("H03AA", "Ormoni tiroidei", "50 mcg", 3, 13)).Message.ShouldContain("durata dal mese 3 al mese 13 non valida");
    }

    [Fact]
    public void Drug_WithinThePlanYear_KeepsDoseAndPeriod()
    {
        PaiItem.Drug("h03aa01", "Levotiroxina", "50 mcg al mattino", 1, 6).ToString().ShouldBe("H03AA01 Levotiroxina 50 mcg al mattino (mesi 1–6)");
    }
}
