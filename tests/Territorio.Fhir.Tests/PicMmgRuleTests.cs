using System.Text.Json.Nodes;
using Territorio.Fhir.Messaging;
using Territorio.Fhir.Messaging.PicMmg;

namespace Territorio.Fhir.Tests;

/// <summary>Each rule of the region (CodeSystem ErroriMessaggio) and of the profiles, broken once in the official message.</summary>
public class PicMmgRuleTests
{
    // Entries of the official message: 0 MessageHeader, 1 Patient, 2 MedicationRequest, 3 primary Condition, 4–5 secondary Conditions.
    private const int Header = 0, Patient = 1, Medication = 2, Primary = 3, Secondary = 4;

    private static readonly Dictionary<string, Action<JsonObject>> Breakages = new()
    {
        ["bundle profile"] = b => b["meta"]!["profile"] = new JsonArray("https://example.org/altro"),
        ["bundle type"] = b => b["type"] = "collection",
        ["patient first"] = b => Swap(b, Header, Patient),
        ["two headers"] = b => Entries(b).Add(Clone(b, Header)),
        ["event code"] = b => Regional.Entry(b, Header)["eventCoding"]!["code"] = "altroEvento",
        ["destination endpoint"] = b => Regional.Entry(b, Header)["destination"]![0]!["endpoint"] = "urn:rlfhir:ALTRO",
        ["two destinations"] = b => Regional.Entry(b, Header)["destination"]!.AsArray().Add(Regional.Entry(b, Header)["destination"]![0]!.DeepClone()),
        ["no source"] = b => Regional.Entry(b, Header).Remove("source"),
        ["no event"] = b => Regional.Entry(b, Header).Remove("eventCoding"),
        ["header profile count"] = b => Regional.Entry(b, Header)["meta"]!["profile"]!.AsArray().Add("https://example.org/altro"),
        ["header profile value"] = b => Regional.Entry(b, Header)["meta"]!["profile"] = new JsonArray("https://example.org/altro"),
        ["no patient"] = b => Entries(b).RemoveAt(Patient),
        ["two patients"] = b => Entries(b).Add(Clone(b, Patient)),
        ["condition before patient"] = b => Swap(b, Patient, Primary),
        ["no identifier"] = b => Regional.Entry(b, Patient).Remove("identifier"),
        ["four identifiers"] = b => Regional.Entry(b, Patient)["identifier"] = new JsonArray(Identifier("a"), Identifier("b"), Identifier("c"), Identifier("d")),
        ["no codice fiscale"] = b => Regional.Entry(b, Patient)["identifier"]![0]!["system"] = "http://example.org/tessera",
        ["bad codice fiscale"] = b => Regional.Entry(b, Patient)["identifier"]![0]!["value"] = "QTTGGN24H04F205C",
        ["no name"] = b => Regional.Entry(b, Patient).Remove("name"),
        ["no given name"] = b => Regional.Entry(b, Patient)["name"]![0]!.AsObject().Remove("given"),
        ["no gender"] = b => Regional.Entry(b, Patient).Remove("gender"),
        ["no birth date"] = b => Regional.Entry(b, Patient).Remove("birthDate"),
        ["partial birth date"] = b => Regional.Entry(b, Patient)["birthDate"] = "2024",
        ["no birthplace"] = b => Regional.Entry(b, Patient).Remove("extension"),
        ["patient profile value"] = b => Regional.Entry(b, Patient)["meta"]!["profile"] = new JsonArray("https://example.org/altro"),
        ["condition profile count"] = b => Regional.Entry(b, Primary)["meta"]!["profile"]!.AsArray().Add("https://example.org/altro"),
        ["condition profile value"] = b => Regional.Entry(b, Primary)["meta"]!["profile"] = new JsonArray("https://example.org/altro"),
        ["no category"] = b => Regional.Entry(b, Secondary).Remove("category"),
        ["category outside code system"] = b => Regional.Entry(b, Secondary)["category"]![0]!["coding"]![0]!["code"] = "9",
        ["condition of another patient"] = b => Regional.Entry(b, Secondary)["subject"]!["reference"] = "Patient/altro",
        ["condition without code"] = b => Regional.Entry(b, Secondary).Remove("code"),
        ["icd9 outside catalogue"] = b => Regional.Entry(b, Secondary)["code"]!["coding"]![0]!["code"] = "99999",
        ["primary without regional code"] = b => Regional.Entry(b, Primary)["code"]!["coding"]!.AsArray().RemoveAt(1),
        ["primary regional code unknown"] = b => Regional.Entry(b, Primary)["code"]!["coding"]![1]!["code"] = "99",
        ["secondary regional code unknown"] = b => Regional.Entry(b, Secondary)["code"]!["coding"]![1]!["code"] = "99",
        ["no chronicity level"] = b => Regional.Entry(b, Primary).Remove("severity"),
        ["chronicity level system"] = b => Regional.Entry(b, Primary)["severity"]!["coding"]![0]!["system"] = "http://example.org/livelli",
        ["chronicity level not integer"] = b => Regional.Entry(b, Primary)["severity"]!["coding"]![0]!["code"] = "alta",
        ["chronicity level unknown"] = b => Regional.Entry(b, Primary)["severity"]!["coding"]![0]!["code"] = "7",
        ["two primaries"] = b =>
        {
            Regional.Entry(b, Secondary)["category"]![0]!["coding"]![0]!["code"] = "1";
            Regional.Entry(b, Secondary)["severity"] = Regional.Entry(b, Primary)["severity"]!.DeepClone();
        },
        ["no primary"] = b => Regional.Entry(b, Primary)["category"]![0]!["coding"]![0]!["code"] = "3",
        ["medication profile count"] = b => Regional.Entry(b, Medication)["meta"]!["profile"]!.AsArray().Add("https://example.org/altro"),
        ["medication profile value"] = b => Regional.Entry(b, Medication)["meta"]!["profile"] = new JsonArray("https://example.org/altro"),
        ["medication without dosage"] = b => Regional.Entry(b, Medication).Remove("dosageInstruction"),
        ["medication of another patient"] = b => Regional.Entry(b, Medication)["subject"]!["reference"] = "Patient/altro",
        ["unexpected resource"] = b => Entries(b).Add(new JsonObject { ["resource"] = new JsonObject { ["resourceType"] = "Practitioner", ["id"] = "mmg" } }),
        ["medication status not fixed value"] = b => Regional.Entry(b, Medication)["status"] = "draft",
        ["three codings for a pathology"] = b => Regional.Entry(b, Secondary)["code"]!["coding"]!.AsArray().Add(Regional.Entry(b, Secondary)["code"]!["coding"]![0]!.DeepClone()),
        ["medication without intent"] = b => Regional.Entry(b, Medication).Remove("intent"),
    };

    public static TheoryData<string, string, string?> Rules() => new()
    {
        { "bundle profile", "T.5", "Valore in \"profile\" non atteso per il Bundle (previsto: https://fhir.siss.regione.lombardia.it/StructureDefinition/RLBundleMMG | trovato: https://example.org/altro)" },
        { "bundle type", "T.4", "Tipo di Bundle non atteso (previsto: message | trovato: collection)" },
        { "patient first", "T.6", "[Entry-0] La prima risorsa del messaggio deve essere MessageHeader (trovata: Patient)" },
        { "two headers", "T.7", null },
        { "event code", "T.8", null },
        { "destination endpoint", "9.19", "[Entry-0] Risorsa di tipo MessageHeader non valida. DESTINATION -> ENDPOINT contiene un valore non atteso." },
        { "two destinations", "T.9", null },
        { "no source", "8.0", "[Entry-0] Risorsa di tipo MessageHeader incompleta" },
        { "no event", "8.0", null },
        { "header profile count", "9.0", "[Entry-0] Numero elementi in \"profile\" non atteso per la risorsa MessageHeader (previsti: 1 | trovati: 2)" },
        { "header profile value", "9.10", null },
        { "no patient", "3.5", "Nessuna risorsa di tipo \"Patient\" trovata nel bundle" },
        { "two patients", "9.2", "[Entry-6] Numero di entries di tipo \"Patient\" non atteso (previsti: 1 | trovati: 2)" },
        { "condition before patient", "10", "[Entry-1] La risorsa \"Condition\" si trova prima della risorsa \"Patient\"" },
        { "no identifier", "8.2", "[Entry-1] Campo \"identifier\" non trovato per il paziente" },
        { "four identifiers", "9.3", null },
        { "no codice fiscale", "3.0", "[Entry-1] Codice fiscale non trovato negli identifier" },
        { "bad codice fiscale", "T.11", "[Entry-1] Codice fiscale [QTTGGN24H04F205C] non valido: carattere di controllo errato (atteso 'B')" },
        { "no name", "3.2", null },
        { "no given name", "3.2", null },
        { "no gender", "3.1", null },
        { "no birth date", "8.1", "[Entry-1] Risorsa di tipo Patient incompleta" },
        { "partial birth date", "8.1", null },
        { "no birthplace", "3.3", "Codice Istat non presente nel bundle" },
        { "patient profile value", "9.11", null },
        { "condition profile count", "9.5", null },
        { "condition profile value", "9.13", null },
        { "no category", "3.10", "[Entry-4] Risorsa presente ma con tipologia non valorizzata" },
        { "category outside code system", "T.13", "[Entry-4] Codice [9] non presente nel sistema di codifica SGDT-TipologiaProblemaSalute (Condition.category)" },
        { "condition of another patient", "9.17", "[Entry-4] La patologia si riferisce ad un paziente diverso da quello del bundle (previsto: Patient/94f89259-2d71-4df0-841f-68fdd1746af8 | trovato: Patient/altro)" },
        { "condition without code", "8.4", null },
        { "icd9 outside catalogue", "T.13", "[Entry-4] Codice [99999] non presente nel sistema di codifica ICD-9-CM 2007 (diagnosi) (Condition.code)" },
        { "primary without regional code", "3.11", "[Entry-3] Codice regionale della patologia primaria non trovato." },
        { "primary regional code unknown", "3.11", null },
        { "secondary regional code unknown", "T.13", null },
        { "no chronicity level", "3.4", "Codice livello cronicità non presente nel bundle" },
        { "chronicity level system", "9.9", null },
        { "chronicity level not integer", "9.6", "Codice livello cronicità [alta] non in formato intero" },
        { "chronicity level unknown", "11", "Codice livello cronicità [7] non trovato sul database di SGDT" },
        { "two primaries", "9.7", "[Entry-4] Numero di Patologie Primarie non atteso (previsti: 1 | trovati: 2)" },
        { "no primary", "3.6", "Nessuna patologia primaria trovata nel bundle" },
        { "medication profile count", "9.4", null },
        { "medication profile value", "9.12", null },
        { "medication without dosage", "8.3", null },
        { "medication of another patient", "T.14", null },
        { "unexpected resource", "T.12", "[Entry-6] Risorsa di tipo Practitioner non prevista nel messaggio picMMG" },
        { "medication status not fixed value", "T.15", null },
        { "three codings for a pathology", "T.15", null },
        { "medication without intent", "T.2", null },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void BrokenRule_IsRefusedWithTheRegionsCode(string breakage, string code, string? text)
    {
        var validation = Validate(Regional.EnrolmentMessageWith(Breakages[breakage]));

        validation.IsValid.ShouldBeFalse();
        validation.Errors[0].Code.ShouldBe(code, string.Join(" / ", validation.Errors));
        if (text is not null)
        {
            validation.Errors[0].Text.ShouldBe(text);
        }
    }

    [Fact]
    public void EveryBreakage_HasItsExpectedCode() =>
        Rules().Select(r => (string)r.Data.Item1).Order().ShouldBe(Breakages.Keys.Order());

    [Fact]
    public void ProfileFinding_NamesElementExpectedAndFound()
    {
        var validation = Validate(Regional.EnrolmentMessageWith(Breakages["medication status not fixed value"]));

        validation.Errors.ShouldHaveSingleItem().Text.ShouldBe(
            "[Entry-2] Risorsa MedicationRequest non conforme al profilo RLMedicationRequestTerapiaFarmacologica: " +
            "Bundle.entry[2].resource.status: valore non atteso (previsto: active | trovato: draft)");
    }

    [Fact]
    public void SourceOutsideTheAllowedOnes_IsRefused()
    {
        var options = new PicMmgOptions();
        options.AllowedSources.Add("urn:rlfhir:CARTELLA_AMMESSA");

        var validation = Validate(Regional.Example(Regional.EnrolmentMessage), options);

        validation.Errors.ShouldHaveSingleItem().Code.ShouldBe("T.10");
    }

    [Fact]
    public void OfficialMessage_IsExtractedWithPatientPathologiesLevelAndTherapy()
    {
        var request = Validate(Regional.Example(Regional.EnrolmentMessage)).Request.ShouldNotBeNull();

        request.Patient.CodiceFiscale.Value.ShouldBe("QTTGGN24H04F205B");
        request.Patient.BirthDate.ShouldBe(new DateOnly(2024, 6, 4));
        request.Patient.BirthplaceIstat.ShouldBe("015146");
        request.ChronicityLevel.ShouldBe(1);
        request.PrimaryPathology.Icd9Cm!.Value.Value.ShouldBe("428.21");
        request.PrimaryPathology.RegionalCode.ShouldBe(17);
        request.PrimaryPathology.RegionalDescription.ShouldBe("INSUFFICIENZA RENALE CRONICA");
        request.PrimaryPathology.RecordedOn.ShouldBe(new DateOnly(2010, 1, 1));
        request.OtherProblems.Select(p => (p.Type, p.RegionalCode)).ShouldBe([(ProblemType.PatologiaSecondaria, 2), (ProblemType.PatologiaSecondaria, 18)]);
        var drug = request.DrugTherapy.ShouldHaveSingleItem();
        (drug.Dose, drug.DoseUnit, drug.Frequency, drug.PeriodUnit, drug.From, drug.To, drug.DeliveredToPatient)
            .ShouldBe((2m, "fiale", 1, "D", new DateOnly(2024, 1, 19), new DateOnly(2024, 1, 31), true));
        request.SourceEndpoint.ShouldBe("urn:rlfhir:SSI_MMG_nome_applicativo");
    }

    private static PicMmgValidation Validate(string body, PicMmgOptions? options = null)
    {
        var reading = FhirMessageReader.Read(body, Regional.Conformance.Errors);
        return reading.Bundle is null
            ? new PicMmgValidation(null, [reading.Error!])
            : new PicMmgValidator(Regional.Conformance, options ?? new PicMmgOptions()).Validate(reading.Bundle);
    }

    private static JsonArray Entries(JsonObject bundle) => bundle["entry"]!.AsArray();

    private static JsonNode Clone(JsonObject bundle, int index) => Entries(bundle)[index]!.DeepClone();

    private static JsonObject Identifier(string value) => new() { ["system"] = "http://example.org/id", ["value"] = value };

    private static void Swap(JsonObject bundle, int a, int b)
    {
        var entries = Entries(bundle);
        var first = entries[a]!.DeepClone();
        entries[a] = entries[b]!.DeepClone();
        entries[b] = first;
    }
}
