namespace Territorio.Cli.Tests;

/// <summary>One demo region in an embedded database, shared by the care command tests.</summary>
public sealed class DemoRegionFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "territorio-care-cli-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string?> Settings => new() { ["Database:DataDirectory"] = Directory };

    public async ValueTask InitializeAsync()
    {
        var demo = await CliRunner.RunAsync(Settings, "demo", "run", "--people", "1500", "--no-serve", "--in-carico", "12");
        demo.ExitCode.ShouldBe(0, demo.Error);
        demo.Output.ShouldContain("presa in carico demo");
        await GestoreOperatorAccounts.CreateAsync(Directory);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The care-management commands on the demo region.</summary>
public sealed class CareCommandsTests(DemoRegionFixture region) : IClassFixture<DemoRegionFixture>
{
    private readonly string _directory = region.Directory;

    private Dictionary<string, string?> Settings => region.Settings;

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(Settings, args);

    [Theory]
    [InlineData("gestori", "Gestori della presa in carico")]
    [InlineData("enrol", "Arruolamento")]
    [InlineData("pai", "Piano di Assistenza Individuale")]
    [InlineData("bookings", "Centro Servizi")]
    [InlineData("worklist", "in ordine di urgenza")]
    public async Task Help_OfEachCareCommand_IsInItalian(string command, string expected)
    {
        var result = await Run(command, "--help");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain(expected);
    }

    [Fact]
    public async Task Gestori_CandidatureApproved_AppearsInTheEligibleList()
    {
        (await Run("gestori", "add", "--id", "GNEW", "--nome", "Nuova Coop", "--tipo", "cooperativa", "--ats", "321")).ExitCode.ShouldBe(0);
        (await Run("gestori", "candidate", "--gestore", "GNEW", "--ats", "321", "--livello", "3")).ExitCode.ShouldBe(0);
        (await Run("gestori", "pending", "--ats", "321")).Output.ShouldContain("GNEW");
        (await Run("gestori", "approve", "--gestore", "GNEW", "--ats", "321", "--livello", "3", "--motivo", "ok")).ExitCode.ShouldBe(0);

        var list = await Run("gestori", "list", "--ats", "321", "--livello", "3");
        list.Output.ShouldContain("GNEW\tNuova Coop\tcooperativa di MMG\t3");
    }

    [Fact]
    public async Task Sign_WithGestoreNotEligibleAtTheLevel_IsRefusedInItalianWithExitCode1()
    {
        var eligible = await Run("enrol", "eligible", "--ats", "321", "--max", "5000");
        var levelOne = eligible.Output.Split('\n').Skip(1).Select(l => l.Split('\t')).First(c => c.Length > 1 && c[1] == "1");

        var result = await Run("enrol", "sign", "--paziente", levelOne[0], "--gestore", "G321COOP", "--firma", "pagina-paziente", "--operatore", GestoreOperatorAccounts.CooperativeCaseManager);

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe("operazione rifiutata: il Gestore Cooperativa MMG 321 (G321COOP) non è idoneo per l'ATS della Città Metropolitana di Milano (321) al livello 1");
    }

    [Fact]
    public async Task Sign_WithFreeTextSignatoryOrPaperWithoutScan_IsRefusedNamingTheOption()
    {
        var eligible = await Run("enrol", "eligible", "--ats", "321", "--max", "5000");
        // Invited by the ATS's letter, so that the refusal is about the signature.
        string patient = eligible.Output.Split('\n').Skip(1).Select(l => l.Split('\t')).First(c => c.Length > 4 && c[4].Trim() == "sì")[0];

        var freeText = await Run("enrol", "sign", "--paziente", patient, "--gestore", "G321ASST", "--firma", "carta", "--firma-paziente", "firma inventata");
        var noScan = await Run("enrol", "sign", "--paziente", patient, "--gestore", "G321ASST", "--firma", "carta", "--testimone", GestoreOperatorAccounts.CaseManager);

        freeText.ExitCode.ShouldBe(1);
        freeText.Error.Trim().ShouldBe("operazione rifiutata: --firma-paziente: la firma come testo libero non è più accettata; indicare --firma carta con --scansione, o --firma pagina-paziente");
        noScan.ExitCode.ShouldBe(1);
        noScan.Error.Trim().ShouldEndWith("firma su carta: manca la scansione del patto firmato (PDF o immagine)");
    }

    [Fact]
    public async Task Worklist_AdherenceHistoryAndDocuments_WorkOnTheDemoRegion()
    {
        var worklist = await Run("worklist", "--gestore", "G321ASST");
        worklist.ExitCode.ShouldBe(0, worklist.Error);
        worklist.Output.ShouldContain("pazienti da contattare");

        var pacts = await Run("enrol", "eligible", "--ats", "321");
        pacts.ExitCode.ShouldBe(0);

        var letters = await Run("enrol", "letters", "--ats", "321", "--out", Path.Combine(_directory, "lettere"), "--max", "2");
        letters.ExitCode.ShouldBe(0, letters.Error);
        System.IO.Directory.GetFiles(Path.Combine(_directory, "lettere"), "*.pdf").Length.ShouldBe(2);

        var pdf = await Run("enrol", "pact-pdf", "--patto", "1", "--out", Path.Combine(_directory, "patto.pdf"));
        pdf.ExitCode.ShouldBe(0, pdf.Error);
        File.ReadAllBytes(Path.Combine(_directory, "patto.pdf"))[..4].ShouldBe("%PDF"u8.ToArray());
    }

    [Fact]
    public async Task BadDate_IsAUsageError()
    {
        var result = await Run("worklist", "--gestore", "G321ASST", "--al", "31/12/2026");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("AAAA-MM-GG");
    }

    [Fact]
    public async Task Bookings_FreeSlotsAndReminders_AreListed()
    {
        var slots = await Run("bookings", "slots", "--prestazione", "89.01", "--gestore", "G321ASST", "--max", "1");
        slots.ExitCode.ShouldBe(0, slots.Error);
        slots.Output.Trim().Split('\n').Length.ShouldBe(2);

        var reminders = await Run("bookings", "reminders");
        reminders.ExitCode.ShouldBe(0);
        reminders.Output.ShouldStartWith("prenotazione\tpaziente\tinvio\tmessaggio");
    }

    [Fact]
    public async Task Reclassifications_ExportThenStratifyWithOverrides_LevelsCarryTheApprovedLevelAndReason()
    {
        string overrides = Path.Combine(_directory, "export-riclassificazioni.csv");
        var export = await Run("reclassifications", "export", "--out", overrides);
        export.ExitCode.ShouldBe(0, export.Error);
        // The demo's Commission approved one reclassification in its story and one in each ATS's queue.
        int approved = File.ReadAllLines(overrides).Length - 1;
        approved.ShouldBeGreaterThan(0);
        export.Output.ShouldContain($"{approved} riclassificazioni approvate esportate");
        var row = File.ReadAllLines(overrides)[1].Split(',');

        string flows = Path.Combine(_directory, "stratificazione", "flussi");
        string levels = Path.Combine(_directory, "prossima.csv");
        var stratify = await Run("stratify", "--persons", Path.Combine(flows, "persons.csv"), "--sdo", Path.Combine(flows, "sdo.csv"), "--drugs", Path.Combine(flows, "drugs.csv"),
            "--exemptions", Path.Combine(flows, "exemptions.csv"), "--outpatient", Path.Combine(flows, "outpatient.csv"),
            "--as-of", CareManagement.Common.RomeCalendar.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--out", levels, "--overrides", overrides);

        stratify.ExitCode.ShouldBe(0, stratify.Error);
        stratify.Output.ShouldContain($"riclassificazioni approvate: {approved} applicate");
        var reclassified = File.ReadAllLines(levels).Single(l => l.StartsWith(row[0] + ",", StringComparison.Ordinal));
        reclassified.ShouldStartWith($"{row[0]},{row[1]},{row[2]},{row[3]},");
        reclassified.ShouldContain($"{row[5]} approvata il {row[4]}: livello {row[1]} al posto di");
        File.ReadAllLines(levels).Count(l => l.Contains("riclassificazione n.", StringComparison.Ordinal)).ShouldBe(approved);
    }

    [Fact]
    public async Task Remunerate_WithoutPactsFile_PaysTheDemoPactsOfTheCurrentYear()
    {
        string output = Path.Combine(_directory, "remunerazione");
        var settings = new Dictionary<string, string?>(Settings) { ["Pdf:PdfSharpLicense"] = "AGPL" };

        var result = await CliRunner.RunAsync(settings, "remunerate", "--year", CareManagement.Common.RomeCalendar.Today(TimeProvider.System).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output, "--pai-fee", "40");

        result.ExitCode.ShouldBeOneOf(0, 1); // 1 when some pathology has no tariff in the provisional catalogue
        result.Output.ShouldContain("patti di cura dal database");
        result.Output.ShouldContain("totale: €");
        File.ReadAllLines(Path.Combine(output, "righe.csv")).Length.ShouldBeGreaterThan(1);
        Directory.GetFiles(output, "estratto-*.pdf").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Gestori_CooperativeMembers_AreRecordedAndListed_OnlyForAGpCooperative()
    {
        (await Run("gestori", "member-add", "--gestore", "G321COOP", "--mmg", "MMG-NUOVO", "--dal", "2026-01-01", "--ats", "321")).ExitCode.ShouldBe(0);
        var refused = await Run("gestori", "member-add", "--gestore", "G321ASST", "--mmg", "MMG-ALTRO", "--ats", "321");
        var again = await Run("gestori", "member-add", "--gestore", "G321COOP", "--mmg", "MMG-NUOVO", "--ats", "321");

        (await Run("gestori", "members", "--gestore", "G321COOP")).Output.ShouldContain("MMG-NUOVO\t01/01/2026\t");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("solo una cooperativa di MMG ha medici associati");
        again.Error.ShouldContain("già associato alla cooperativa G321COOP");
    }
}

/// <summary>
/// Importing levels makes a new latest stratification, which every eligibility query reads: it
/// gets a demo region of its own so that it cannot change what the other care tests see.
/// </summary>
public sealed class LevelsImportCommandTests(DemoRegionFixture region) : IClassFixture<DemoRegionFixture>
{
    private readonly string _directory = region.Directory;

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(region.Settings, args);

    [Fact]
    public async Task ImportLevels_WithBadRows_ListsEachAndExitsWith1()
    {
        string file = Path.Combine(_directory, "levels.csv");
        await File.WriteAllTextAsync(file, "person_id,level,main_pathology,pathologies,evidence\nP00000001,2,56,56|50,x\nNOBODY,2,56,56,x\nP00000002,9,,,x\n", TestContext.Current.CancellationToken);

        var result = await Run("enrol", "import-levels", "--levels", file, "--as-of", "2026-01-31");

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("1 persone importate");
        result.Error.ShouldContain("riga 3: colonna person_id: 'NOBODY': persona non presente in anagrafe");
        result.Error.ShouldContain("riga 4: colonna level");
    }
}
