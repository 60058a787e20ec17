namespace Territorio.Cli.Tests;

/// <summary>
/// <c>territorio account</c>: accounts made, listed, disabled and enabled from the command line,
/// checked against the demo region's registry; an account made here witnesses a pact's signature.
/// </summary>
public sealed class AccountCommandsTests(DemoRegionFixture region) : IClassFixture<DemoRegionFixture>
{
    private const string Password = "Territorio2026x";

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(region.Settings, args);

    private Task<CliResult> Add(string login, params string[] more) =>
        CliRunner.RunWithInputAsync(region.Settings, Password + "\n", ["account", "add", "--login", login, "--password-stdin", .. more]);

    private static string[] CaseManagerOf(string gestore, string name) => ["--nome", name, "--ruolo", "gestore-case-manager", "--ats", "321", "--gestore", gestore];

    [Fact]
    public async Task Add_ACaseManagerOfTheGestore_IsListedByName_AndWitnessesAPactsSignature()
    {
        var added = await Add("mrossi", CaseManagerOf("G321ASST", "Maria Rossi"));
        var list = await Run("account", "list", "--ats", "321");
        var signed = await SignAsync(0, "mrossi");

        added.ExitCode.ShouldBe(0, added.Error);
        added.Output.ShouldStartWith("account mrossi creato: Maria Rossi, Case manager del Gestore · ");
        added.Output.ShouldNotContain("password");
        var row = list.Output.Split('\n').Single(l => l.Contains("\tmrossi\t")).TrimEnd();
        row.ShouldStartWith("Maria Rossi\tmrossi\tCase manager del Gestore\t");
        row.ShouldContain("Gestore ASST del territorio 321 (G321ASST)");
        row.ShouldEndWith("\tattivo");
        row.ShouldNotContain("ATS 321,"); // the ATS by its name, not its bare code
        signed.ExitCode.ShouldBe(0, signed.Error);
        signed.Output.ShouldContain("alla presenza di Maria Rossi (mrossi)");
    }

    [Fact]
    public async Task Add_WithoutPasswordStdin_PrintsAGeneratedPasswordOnce()
    {
        var added = await Run(["account", "add", "--login", "operatore.ats", "--nome", "Sara Galli", "--ruolo", "ats-operatore", "--ats", "321"]);

        added.ExitCode.ShouldBe(0, added.Error);
        string line = added.Output.Split('\n').Single(l => l.StartsWith("password (mostrata solo ora", StringComparison.Ordinal));
        line.Split(": ")[1].Trim().Length.ShouldBe(16);
    }

    [Theory]
    [InlineData("--ruolo: ruolo \"direttore\" sconosciuto", "--nome", "Carlo Neri", "--ruolo", "direttore", "--ats", "321")]
    [InlineData("--ats: l'ATS 999 non è tra quelle della Lombardia", "--nome", "Carlo Neri", "--ruolo", "ats-operatore", "--ats", "999")]
    [InlineData("--gestore: obbligatorio per il ruolo Case manager del Gestore", "--nome", "Carlo Neri", "--ruolo", "gestore-case-manager", "--ats", "321")]
    [InlineData("--gestore: GALTRA322 è di ", "--nome", "Carlo Neri", "--ruolo", "gestore-case-manager", "--ats", "321", "--gestore", "GALTRA322")]
    [InlineData("--gestore: il Gestore GNESSUNO non è registrato", "--nome", "Carlo Neri", "--ruolo", "gestore-responsabile-clinico", "--ats", "321", "--gestore", "GNESSUNO")]
    [InlineData("--paziente: P99999999 non è un assistito dell'anagrafe", "--nome", "Carlo Neri", "--ruolo", "paziente", "--ats", "321", "--paziente", "P99999999")]
    [InlineData("--mmg: il medico MMG99999 non è nell'anagrafe dei MMG", "--nome", "Carlo Neri", "--ruolo", "mmg", "--ats", "321", "--mmg", "MMG99999")]
    [InlineData("--gestore: non previsto per il ruolo Operatore ATS", "--nome", "Carlo Neri", "--ruolo", "ats-operatore", "--ats", "321", "--gestore", "G321ASST")]
    public async Task Add_WithATenancyTheRegistryDoesNotBear_IsRefusedNamingTheOption_AndMakesNoAccount(string refusal, params string[] options)
    {
        (await Run("gestori", "add", "--id", "GALTRA322", "--nome", "Cooperativa di un'altra ATS", "--tipo", "cooperativa", "--ats", "322")).ExitCode.ShouldBeOneOf(0, 1);
        string login = "rifiutato." + Math.Abs(refusal.GetHashCode(StringComparison.Ordinal));

        var added = await Add(login, options);

        added.ExitCode.ShouldBe(1);
        added.Error.ShouldStartWith("operazione rifiutata: " + refusal);
        (await Run("account", "list")).Output.ShouldNotContain(login);
    }

    [Fact]
    public async Task Add_APatientWhoIsAResidentOfAnotherAts_IsRefused_AndOneOfTheAts_IsMade()
    {
        using var db = Territorio.Data.TerritorioDatabase.CreateContext(new Territorio.Data.DatabaseOptions { Provider = Territorio.Data.DatabaseProvider.Sqlite, DataDirectory = region.Directory });
        var residents = db.Residents.Where(r => r.Ats == "321").OrderBy(r => r.Id).Select(r => r.Id).Take(1).ToList();
        string resident = residents.Single();

        var elsewhere = await Add("paziente.altrove", "--nome", "Giulia Verdi", "--ruolo", "paziente", "--ats", "322", "--paziente", resident);
        var here = await Add("paziente.qui", "--nome", "Giulia Verdi", "--ruolo", "paziente", "--ats", "321", "--paziente", resident);

        elsewhere.ExitCode.ShouldBe(1);
        elsewhere.Error.ShouldStartWith($"operazione rifiutata: --paziente: {resident} è di ");
        here.ExitCode.ShouldBe(0, here.Error);
    }

    [Fact]
    public async Task Add_ADuplicateLoginOrAWeakPassword_IsRefusedNamingTheOption()
    {
        (await Add("cm.doppio", CaseManagerOf("G321ASST", "Elena Riva"))).ExitCode.ShouldBe(0);

        var duplicate = await Add("cm.doppio", CaseManagerOf("G321ASST", "Elena Riva"));
        var weak = await CliRunner.RunWithInputAsync(region.Settings, "corta\n", ["account", "add", "--login", "cm.debole", "--password-stdin", .. CaseManagerOf("G321ASST", "Elena Riva")]);

        duplicate.ExitCode.ShouldBe(1);
        duplicate.Error.Trim().ShouldBe("operazione rifiutata: --login: l'account \"cm.doppio\" esiste già");
        weak.ExitCode.ShouldBe(1);
        weak.Error.ShouldStartWith("operazione rifiutata: --password-stdin: la password deve avere almeno 12 caratteri");
        (await Run("account", "list")).Output.ShouldNotContain("cm.debole");
    }

    [Fact]
    public async Task Disable_RefusesTheAccountAsAWitness_AndEnable_AcceptsItAgain()
    {
        (await Add("lbianchi", CaseManagerOf("G321ASST", "Luca Bianchi"))).ExitCode.ShouldBe(0);

        var disabled = await Run("account", "disable", "--login", "lbianchi");
        var listed = await Run("account", "list", "--ats", "321");
        var refused = await SignAsync(0, "lbianchi");
        var enabled = await Run("account", "enable", "--login", "lbianchi");
        var accepted = await SignAsync(0, "lbianchi");
        var unknown = await Run("account", "disable", "--login", "nessuno");

        disabled.ExitCode.ShouldBe(0, disabled.Error);
        listed.Output.Split('\n').Single(l => l.Contains("\tlbianchi\t")).TrimEnd().ShouldEndWith("\tdisattivato");
        refused.ExitCode.ShouldBe(1);
        refused.Error.Trim().ShouldBe("operazione rifiutata: --testimone: l'account di Luca Bianchi (lbianchi) è disattivato");
        enabled.ExitCode.ShouldBe(0, enabled.Error);
        accepted.ExitCode.ShouldBe(0, accepted.Error);
        accepted.Output.ShouldContain("alla presenza di Luca Bianchi (lbianchi)");
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.Trim().ShouldBe("operazione rifiutata: --login: l'account \"nessuno\" non esiste");
    }

    /// <summary>The <paramref name="index"/>-th patient of ATS 321 invited by the ATS signs with G321ASST, on paper, witnessed by <paramref name="witness"/>.</summary>
    private async Task<CliResult> SignAsync(int index, string witness)
    {
        var eligible = await Run("enrol", "eligible", "--ats", "321", "--max", "5000");
        string patient = eligible.Output.Split('\n').Skip(1).Select(l => l.Split('\t'))
            .Where(c => c.Length > 4 && c[4].Trim() == "sì" && c[1] is "1" or "2" or "3").ElementAt(index)[0];
        string scan = Path.Combine(region.Directory, $"scansione-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(scan, "%PDF-1.4\n%%EOF\n", TestContext.Current.CancellationToken);
        return await Run("enrol", "sign", "--paziente", patient, "--gestore", "G321ASST", "--firma", "carta", "--scansione", scan, "--testimone", witness);
    }
}
