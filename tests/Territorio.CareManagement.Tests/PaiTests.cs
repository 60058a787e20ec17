using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class PaiTests
{
    [Fact]
    public void Write_ByClinicalManager_IsTheActiveVersionWithAuthorAndReason()
    {
        var pai = WrittenPai();

        var active = pai.ActiveVersion.ShouldNotBeNull();
        active.ShouldSatisfyAllConditions(
            v => v.Number.ShouldBe(1),
            v => v.Author.ShouldBe(ClinicalManager().ToString()),
            v => v.Reason.ShouldBe("primo PAI"),
            v => v.Items.Count.ShouldBe(5));
    }

    [Fact]
    public void Write_NewVersion_SupersedesThePrevious_OneActiveAtATime()
    {
        var pai = WrittenPai();

        pai.Write([PaiItem.Service("89.7", "Visita", 3)], Vocabulary(), By(ClinicalManager(), "aumento controlli"));

        pai.Versions.Select(v => v.Status).ShouldBe([PaiVersionStatus.Superseded, PaiVersionStatus.Active]);
        pai.ActiveVersion!.Number.ShouldBe(2);
    }

    [Fact]
    public void Write_ByMmgOrOtherGestore_IsRefused()
    {
        var pai = Pai.For(Pact());

        Should.Throw<CareRuleException>(() => pai.Write(Items(), Vocabulary(), By(Doctor, "x"))).Message.ShouldContain("responsabile clinico del Gestore G1");
        Should.Throw<CareRuleException>(() => pai.Write(Items(), Vocabulary(), By(ClinicalManager("G2"), "x")));
    }

    [Fact]
    public void Write_WithoutReason_OrEmpty_OrDuplicateItem_IsRefused()
    {
        var pai = Pai.For(Pact());

        Should.Throw<CareRuleException>(() => pai.Write(Items(), Vocabulary(), By(ClinicalManager())));
        Should.Throw<CareRuleException>(() => pai.Write([], Vocabulary(), By(ClinicalManager(), "x")));
        Should.Throw<CareRuleException>(() => pai.Write([PaiItem.Service("89.7", "a", 1), PaiItem.Service("89.7", "b", 2)], Vocabulary(), By(ClinicalManager(), "x")))
            .Message.ShouldContain("più volte");
    }

    [Theory]
    [InlineData(PaiItemKind.Goal, "77", "SGDT-ObiettiviSalute")]
    [InlineData(PaiItemKind.Education, "EDU99", "SGDT-InterventiEducazionali")]
    [InlineData(PaiItemKind.Lifestyle, "09", "SGDT-StiliVita")]
    public void Write_CodeOutsideTheRegionalVocabulary_IsRefused(PaiItemKind kind, string code, string vocabulary)
    {
        var pai = Pai.For(Pact());

        Should.Throw<CareRuleException>(() => pai.Write([PaiItem.Coded(kind, code, "")], Vocabulary(), By(ClinicalManager(), "x")))
            .Message.ShouldContain(vocabulary);
    }

    [Fact]
    public void Write_ServiceOutsideTheNomenclator_IsRefused()
    {
        var pai = Pai.For(Pact());
        Should.Throw<CareRuleException>(() => pai.Write([PaiItem.Service("99.99", "", 1)], Vocabulary(), By(ClinicalManager(), "x")))
            .Message.ShouldContain("nomenclatore");
    }

    [Theory]
    [InlineData("C09AA05", true)]
    [InlineData("A10BA", true)]
    [InlineData("c09aa05", true)]
    [InlineData("C9AA05", false)]
    [InlineData("RAMIPRIL", false)]
    public void DrugItem_AtcCodeIsValidated(string atc, bool valid)
    {
        if (valid)
        {
            PaiItem.Drug(atc, "", "1 cp").Code.ShouldBe(atc.ToUpperInvariant());
        }
        else
        {
            Should.Throw<CareRuleException>(() => PaiItem.Drug(atc, "", "1 cp")).Message.ShouldContain("ATC");
        }
    }

    [Theory]
    [InlineData(0, 1, 12)]
    [InlineData(2, 6, 3)]
    [InlineData(1, 0, 12)]
    [InlineData(1, 1, 13)]
    public void ServiceItem_BadCountOrWindow_IsRefused(int perYear, int from, int to)
    {
        Should.Throw<CareRuleException>(() => PaiItem.Service("89.7", "", perYear, from, to));
    }

    [Fact]
    public void MmgDraft_IsProposedThenValidatedByGestore()
    {
        var pai = Pai.For(Pact());

        var draft = pai.Propose(Items(), Vocabulary(), By(Doctor, "bozza del medico curante"));
        draft.Status.ShouldBe(PaiVersionStatus.Proposed);
        pai.ActiveVersion.ShouldBeNull();

        pai.AcceptProposal(By(ClinicalManager(), "validato"));
        pai.ActiveVersion!.Number.ShouldBe(1);
        pai.ActiveVersion.AuthorRole.ShouldBe(ActorRole.Mmg);
        pai.ActiveVersion.DecidedBy.ShouldBe(ClinicalManager().ToString());
    }

    [Fact]
    public void MmgProposal_Rejected_LeavesTheActiveVersionUnchanged()
    {
        var pai = WrittenPai();
        pai.Propose([PaiItem.Service("89.52", "ECG", 1)], Vocabulary(), By(Doctor, "aggiungere ECG"));

        Should.Throw<CareRuleException>(() => pai.RejectProposal(By(ClinicalManager())));
        pai.RejectProposal(By(ClinicalManager(), "ECG già eseguito in reparto"));

        pai.ActiveVersion!.Number.ShouldBe(1);
        pai.Versions[1].ShouldSatisfyAllConditions(
            v => v.Status.ShouldBe(PaiVersionStatus.Rejected),
            v => v.DecisionReason.ShouldBe("ECG già eseguito in reparto"));
    }

    [Fact]
    public void MmgProposal_Accepted_BecomesActiveAndSupersedesPrevious()
    {
        var pai = WrittenPai();
        pai.Propose([PaiItem.Service("89.52", "ECG", 1)], Vocabulary(), By(Doctor, "aggiungere ECG"));

        pai.AcceptProposal(By(ClinicalManager(), "concordato"));

        pai.Versions.Select(v => v.Status).ShouldBe([PaiVersionStatus.Superseded, PaiVersionStatus.Active]);
    }

    [Fact]
    public void MmgProposal_ByAnotherMmg_OrWhileOneIsPending_IsRefused()
    {
        var pai = WrittenPai();

        Should.Throw<CareRuleException>(() => pai.Propose(Items(), Vocabulary(), By(new Actor(ActorRole.Mmg, "MMG99999"), "x")))
            .Message.ShouldContain("solo il medico di medicina generale del paziente");
        pai.Propose([PaiItem.Service("89.52", "ECG", 1)], Vocabulary(), By(Doctor, "x"));
        Should.Throw<CareRuleException>(() => pai.Propose(Items(), Vocabulary(), By(Doctor, "y"))).Message.ShouldContain("già una proposta");
    }

    [Fact]
    public void MmgCannotAcceptItsOwnProposal()
    {
        var pai = WrittenPai();
        pai.Propose([PaiItem.Service("89.52", "ECG", 1)], Vocabulary(), By(Doctor, "x"));
        Should.Throw<CareRuleException>(() => pai.AcceptProposal(By(Doctor, "ok")));
    }

    [Fact]
    public void Pai_ForAClosedPact_IsRefused()
    {
        var pact = Pact();
        pact.Cancel(By(CaseManager(), "rinuncia"));
        Should.Throw<CareRuleException>(() => Pai.For(pact));
    }

    [Fact]
    public void SharedPrescription_ByMmg_IsAcknowledgedByGestoreOnly()
    {
        var pai = WrittenPai();
        var prescription = SharedPrescription.Record(pai, PaiItemKind.Service, "88.72.3", "Ecocardiogramma", By(Doctor, "sospetto scompenso"));

        Should.Throw<CareRuleException>(() => prescription.Acknowledge(Mmg, By(Doctor))).Message.ShouldContain("altra parte");
        prescription.Acknowledge(Mmg, By(CaseManager()));
        prescription.AcknowledgedOn.ShouldBe(Today);
        Should.Throw<CareRuleException>(() => prescription.Acknowledge(Mmg, By(ClinicalManager())));
    }

    [Fact]
    public void SharedPrescription_ByStranger_OrWithoutReason_IsRefused()
    {
        var pai = WrittenPai();
        Should.Throw<CareRuleException>(() => SharedPrescription.Record(pai, PaiItemKind.Drug, "N02BE01", "", By(CaseManager("G2"), "x")));
        Should.Throw<CareRuleException>(() => SharedPrescription.Record(pai, PaiItemKind.Drug, "N02BE01", "", By(Doctor)));
    }

    [Fact]
    public void Template_PrefillsItemsWithNomenclatorDescriptions()
    {
        var template = new PaiTemplate("56", 2, [new PaiTemplateLine(PaiItemKind.Service, "89.52", 1, 1, 12, null, "ECG annuale"), new PaiTemplateLine(PaiItemKind.Goal, "05", null, 1, 12, null, "aderenza")], true, "prov-1");
        var catalogue = new PaiTemplateCatalogue([template]);

        var items = catalogue.For("56", 2).Prefill(Vocabulary());

        items.Select(i => i.ToString()).ShouldBe(["89.52 Elettrocardiogramma ×1/anno (mesi 1–12)", "05 Aderenza alla terapia"]);
        Should.Throw<CareRuleException>(() => catalogue.For("56", 1));
    }
}

public class PaiDiffTests
{
    [Fact]
    public void Diff_ReportsAddedRemovedAndChangedItems_ByKindAndCode()
    {
        IReadOnlyList<PaiItem> before = [PaiItem.Service("89.7", "Visita", 2), PaiItem.Service("90.28.1", "HbA1c", 4), PaiItem.Drug("C09AA05", "Ramipril", "5 mg")];
        IReadOnlyList<PaiItem> after = [PaiItem.Service("89.7", "Visita", 3), PaiItem.Service("89.52", "ECG", 1), PaiItem.Drug("C09AA05", "Ramipril", "5 mg")];

        var changes = PaiDiff.Between(before, after);

        changes.Select(c => (c.Kind, c.Code)).ShouldBe([
            (PaiChangeKind.Changed, "89.7"),
            (PaiChangeKind.Added, "89.52"),
            (PaiChangeKind.Removed, "90.28.1"),
        ]);
        changes[0].ShouldSatisfyAllConditions(c => c.Before!.PerYear.ShouldBe(2), c => c.After!.PerYear.ShouldBe(3));
    }

    [Fact]
    public void MmgProposal_IdenticalToTheActiveVersion_IsRefused()
    {
        var pai = WrittenPai();

        Should.Throw<CareRuleException>(() => pai.Propose(Items(), Vocabulary(), By(Doctor, "nessun cambiamento")))
            .Message.ShouldContain("identica alla versione 1");
    }

    [Fact]
    public void NewVersion_OwnsCopiesOfTheItems_NeverTheSameInstances()
    {
        var pai = WrittenPai();

        var proposal = pai.Propose([.. pai.ActiveVersion!.Items.Take(4)], Vocabulary(), By(Doctor, "senza educazione"));

        proposal.Items.ShouldAllBe(item => !pai.ActiveVersion.Items.Contains(item));
    }
}
