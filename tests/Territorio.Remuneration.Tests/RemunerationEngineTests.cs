using Territorio.Remuneration.Yearly;

namespace Territorio.Remuneration.Tests;

public class RemunerationEngineTests
{
    private static PactPeriod Pact(string patient, string gestore, DateOnly start, DateOnly? end = null, int level = 3, DateOnly? death = null,
        MmgRole role = MmgRole.BusinessAsUsual, int pathology = 56, string ats = "321", int pais = 0, string? pactId = null) =>
        new(pactId ?? $"P-{patient}-{gestore}-{start:yyyyMMdd}", patient, gestore, ats, "MMG1", role, start, end, pathology, level, death, pais);

    private static RemunerationResult Run(int year, params PactPeriod[] periods) =>
        RemunerationEngine.Run(periods, Catalogues.Hypertension(), year, new RemunerationOptions { PaiFee = 25m });

    [Fact]
    public void WholeYear_PaysTheFullTariff()
    {
        var result = Run(2023, Pact("A", "G1", new DateOnly(2022, 5, 1)));

        var line = result.Lines.ShouldHaveSingleItem();
        line.Days.ShouldBe(365);
        line.Amount.ShouldBe(526.62m);
    }

    [Fact]
    public void PactFromFirstJuly_PaysDaysActiveOverDaysInTheYear()
    {
        var line = Run(2023, Pact("A", "G1", new DateOnly(2023, 7, 1))).Lines.ShouldHaveSingleItem();

        line.Days.ShouldBe(184);
        line.DaysInYear.ShouldBe(365);
        line.Amount.ShouldBe(265.47m); // 526.62 × 184 / 365 = 265.474…
        line.Reasons.ShouldContain("526.62 × 184 / 365 = 265.47");
        line.Reasons.ShouldContain("patologia 56 livello 3");
    }

    [Fact]
    public void LeapYear_Has366DaysAndCountsTheTwentyNinthOfFebruary()
    {
        var fromJuly = Run(2024, Pact("A", "G1", new DateOnly(2024, 7, 1))).Lines.ShouldHaveSingleItem();
        var february = Run(2024, Pact("B", "G1", new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29))).Lines.ShouldHaveSingleItem();
        var whole = Run(2024, Pact("C", "G1", new DateOnly(2023, 1, 1))).Lines.ShouldHaveSingleItem();

        fromJuly.DaysInYear.ShouldBe(366);
        fromJuly.Amount.ShouldBe(264.75m); // 526.62 × 184 / 366
        february.Days.ShouldBe(29);
        whole.Amount.ShouldBe(526.62m);
    }

    [Fact]
    public void ChangeOfGestoreMidYear_SplitsTheYearBetweenTheTwoGestori()
    {
        var result = Run(2023,
            Pact("A", "G1", new DateOnly(2022, 1, 1), new DateOnly(2023, 6, 30)),
            Pact("A", "G2", new DateOnly(2023, 7, 1)));

        result.Gestori.Select(g => (g.GestoreId, g.Total)).ShouldBe([("G1", 261.15m), ("G2", 265.47m)]);
        result.Lines.Sum(l => l.Days).ShouldBe(365);
        result.Issues.ShouldBeEmpty();
    }

    [Fact]
    public void Death_EndsThePayOnTheDayOfDeath()
    {
        var line = Run(2023, Pact("A", "G1", new DateOnly(2022, 1, 1), death: new DateOnly(2023, 3, 15))).Lines.ShouldHaveSingleItem();

        line.To.ShouldBe(new DateOnly(2023, 3, 15));
        line.Days.ShouldBe(74);
        line.EndedByDeath.ShouldBeTrue();
        line.Amount.ShouldBe(106.77m);
        line.Reasons.ShouldContain("decesso");
    }

    [Fact]
    public void DeathBeforeTheYear_PaysNothingAndIsNoIssue()
    {
        var result = Run(2023, Pact("A", "G1", new DateOnly(2021, 1, 1), death: new DateOnly(2022, 12, 31)));

        result.Lines.ShouldBeEmpty();
        result.Issues.ShouldBeEmpty();
    }

    [Fact]
    public void ApprovedReclassificationMidYear_PaysEachLevelForItsDays()
    {
        var result = Run(2023,
            Pact("A", "G1", new DateOnly(2023, 1, 1), new DateOnly(2023, 6, 30), level: 3),
            Pact("A", "G1", new DateOnly(2023, 7, 1), level: 2));

        result.Lines.Select(l => (l.Tariff.Level, l.Amount)).ShouldBe([(3, 261.15m), (2, 432.50m)]);
        result.Gestori.ShouldHaveSingleItem().Total.ShouldBe(261.15m + 432.50m);
    }

    [Fact]
    public void MissingTariff_IsReportedPerPatientAndNotPaid()
    {
        var result = Run(2023, Pact("A", "G1", new DateOnly(2023, 1, 1)), Pact("B", "G1", new DateOnly(2023, 1, 1), pathology: 20));

        var issue = result.Issues.ShouldHaveSingleItem();
        issue.Kind.ShouldBe(IssueKind.MissingTariff);
        issue.Period.PatientId.ShouldBe("B");
        issue.Message.ShouldContain("patologia 20 al livello 3");
        result.Lines.ShouldHaveSingleItem().Period.PatientId.ShouldBe("A");
        result.ByPathology.Single(t => t.Key == "20").PatientsWithIssues.ShouldBe(1);
    }

    [Fact]
    public void OverlappingPactsOfOnePatient_TheLaterIsReportedNotPaidTwice()
    {
        var result = Run(2023,
            Pact("A", "G1", new DateOnly(2023, 1, 1)),
            Pact("A", "G2", new DateOnly(2023, 6, 1)));

        result.Lines.ShouldHaveSingleItem().Period.GestoreId.ShouldBe("G1");
        result.Issues.ShouldHaveSingleItem().Kind.ShouldBe(IssueKind.OverlappingPeriods);
    }

    [Fact]
    public void EndBeforeStart_IsAnInvalidPeriod()
    {
        Run(2023, Pact("A", "G1", new DateOnly(2023, 5, 1), new DateOnly(2023, 4, 1)))
            .Issues.ShouldHaveSingleItem().Kind.ShouldBe(IssueKind.InvalidPeriod);
    }

    [Fact]
    public void MmgInTheGestoreCooperative_GetsEightPercentOfAmbProRata()
    {
        var result = Run(2023, Pact("A", "COOP", new DateOnly(2023, 7, 1), role: MmgRole.GestoreMember));

        var pay = result.Mmg.ShouldHaveSingleItem();
        pay.MmgId.ShouldBe("MMG1");
        pay.Total.ShouldBe(11.15m); // 22.12 × 184 / 365
        pay.Lines.ShouldHaveSingleItem().Kind.ShouldBe(MmgPayKind.GpShare);
        result.Gestori.Single().MmgShares.ShouldBe(11.15m);
        result.Lines.Single().MmgShareAmount.ShouldBe(11.15m);
    }

    [Fact]
    public void MmgCollaborator_GetsTheFeePerPaiWritten_AndBusinessAsUsualNothing()
    {
        var result = Run(2023,
            Pact("A", "ASST", new DateOnly(2023, 1, 1), role: MmgRole.Collaborator, pais: 2),
            Pact("B", "ASST", new DateOnly(2023, 1, 1), role: MmgRole.BusinessAsUsual, pais: 1));

        var line = result.MmgLines.ShouldHaveSingleItem();
        line.Kind.ShouldBe(MmgPayKind.PaiFee);
        line.Amount.ShouldBe(50m);
        result.Gestori.Single().PaiFees.ShouldBe(50m);
    }

    [Fact]
    public void PaisWrittenWithoutAConfiguredFee_AreReported()
    {
        var result = RemunerationEngine.Run([Pact("A", "ASST", new DateOnly(2023, 1, 1), role: MmgRole.Collaborator, pais: 1)], Catalogues.Hypertension(), 2023);

        result.Issues.ShouldHaveSingleItem().Kind.ShouldBe(IssueKind.PaiFeeNotConfigured);
        result.Lines.ShouldHaveSingleItem();
    }

    [Fact]
    public void Statements_TotalEqualsTheSumOfTheirLines_AndAtsTotalsAddUp()
    {
        var random = new Random(7);
        var periods = Enumerable.Range(0, 500).Select(i =>
        {
            var start = new DateOnly(2023, 1, 1).AddDays(random.Next(-200, 365));
            DateOnly? end = random.Next(3) == 0 ? start.AddDays(random.Next(0, 400)) : null;
            return Pact($"P{i}", $"G{random.Next(5)}", start, end, level: random.Next(1, 4), ats: $"ATS{random.Next(3)}",
                role: (MmgRole)random.Next(3), pais: random.Next(2));
        }).ToArray();

        var result = Run(2023, periods);

        result.Lines.Count.ShouldBeGreaterThan(300);
        foreach (var statement in result.Gestori)
        {
            statement.Total.ShouldBe(statement.Lines.Sum(l => l.Amount));
            statement.MmgShares.ShouldBe(statement.Lines.Sum(l => l.MmgShareAmount));
        }

        foreach (var statement in result.Mmg)
        {
            statement.Total.ShouldBe(statement.Lines.Sum(l => l.Amount));
        }

        result.ByAts.Sum(t => t.Amount).ShouldBe(result.Gestori.Sum(g => g.Total));
        result.ByPathology.Sum(t => t.Amount).ShouldBe(result.Lines.Sum(l => l.Amount));
    }
}
