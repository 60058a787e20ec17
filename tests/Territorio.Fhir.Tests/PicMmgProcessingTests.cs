using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;
using Territorio.Fhir.Messaging;
using Territorio.Fhir.Messaging.PicMmg;
using Task = System.Threading.Tasks.Task;

namespace Territorio.Fhir.Tests;

public class PicMmgProcessingTests
{
    /// <summary>The region's examples, and how $process-message must answer each (only the request is a picMMG message).</summary>
    public static TheoryData<string, string?> ExampleVerdicts() => new()
    {
        { "Example_Bundle_MMG_pic.json", null },
        { "Example_Bundle_Risposta_MMG_ko.json", "T.5" }, // an answer (RLBundleRispostaMMG), not a request
        { "Example_Bundle_Risposta_MMG_ok.json", "T.5" },
        { "Example_CarePlan_ProgettoIndividuale.json", "T.3" },
        { "Example_Condition_PatologiaPrimaria.json", "T.3" },
        { "Example_Goal_ObiettiviSalute.json", "T.3" },
        { "Example_Patient_Base.json", "T.3" },
        { "Example_RLMessageHeaderMMG_negativa.json", "T.3" },
        { "Example_RLMessageHeaderMMG_positiva.json", "T.3" },
        { "Example_RL_Condition_ProblemiSalute_PIC.json", "T.3" },
        { "Example_RL_OperationOutcomeMMG_Negativa.json", "T.3" },
        { "Example_RL_OperationOutcomeMMG_Positiva.json", "T.3" },
        { "Example_ServiceRequest_PrestazioniSpecialistiche.json", "T.3" },
    };

    [Theory]
    [MemberData(nameof(ExampleVerdicts))]
    public async Task RegionalExample_IsAcceptedOrRefusedAsItsNameSays(string file, string? errorCode)
    {
        var port = new RecordingEnrolment();

        var processed = await Process(Regional.Example(file), port);

        processed.Accepted.ShouldBe(errorCode is null);
        processed.Errors.Select(e => e.Code).FirstOrDefault().ShouldBe(errorCode);
        port.Calls.Count.ShouldBe(errorCode is null ? 1 : 0);
        AssertConformingAnswer(processed.Answer);
    }

    [Fact]
    public void ExampleAnswers_ReadBackAsTheirNamesSay()
    {
        var ok = RispostaMmgSummary.From(Answer("Example_Bundle_Risposta_MMG_ok.json"))!;
        ok.Positive.ShouldBeTrue();
        ok.PlanUrl.ShouldBe("http://localhost:8090/api/access?objId=93031990-9004-4b52-8d6b-b83b28484dc5");

        var ko = RispostaMmgSummary.From(Answer("Example_Bundle_Risposta_MMG_ko.json"))!;
        ko.Positive.ShouldBeFalse();
        ko.Errors.ShouldHaveSingleItem().Code.ShouldBe("9.19");

        Header("Example_RLMessageHeaderMMG_positiva.json").Response!.Code.ShouldBe(MessageHeader.ResponseType.Ok);
        Header("Example_RLMessageHeaderMMG_negativa.json").Response!.Code.ShouldBe(MessageHeader.ResponseType.FatalError);
    }

    [Fact]
    public async Task AcceptedMessage_AnswersOkWithThePlanLinkAndProtocolToTheSender()
    {
        var port = new RecordingEnrolment();

        var processed = await Process(Regional.Example(Regional.EnrolmentMessage), port, actingGp: "MMG-7");

        var summary = RispostaMmgSummary.From(processed.Answer)!;
        summary.Positive.ShouldBeTrue();
        summary.PlanUrl.ShouldBe("https://territorio.example/fhir/CarePlan/pai-1");
        summary.ProtocolNumber.ShouldBe("PI-2026000000001");
        var header = (MessageHeader)processed.Answer.Entry[0].Resource!;
        header.Destination.Single().Endpoint.ShouldBe("urn:rlfhir:SSI_MMG_nome_applicativo");
        header.Source.Endpoint.ShouldBe("urn:rlfhir:SGDT");
        header.Response!.Identifier.ShouldBe("RLBundleMMGpicMMG");
        port.Calls.Single().ActingGp.ShouldBe("MMG-7");
    }

    [Fact]
    public async Task PortRefusal_AnswersFatalErrorWithTheRegistryError()
    {
        var refusal = Regional.Conformance.Errors.Create("4.3");
        var processed = await Process(Regional.Example(Regional.EnrolmentMessage), new RecordingEnrolment(refusal));

        processed.Accepted.ShouldBeFalse();
        var issue = ((OperationOutcome)processed.Answer.Entry[1].Resource!).Issue.ShouldHaveSingleItem();
        issue.Code.ShouldBe(OperationOutcome.IssueType.Processing);
        issue.Details!.Coding.Single().Code.ShouldBe("4.3");
        issue.Details!.Coding.Single().Display.ShouldBe("Il paziente (NAR) non è legato a nessun medico.");
        AssertConformingAnswer(processed.Answer);
    }

    [Theory]
    [InlineData("{", "T.1")]
    [InlineData("", "T.1")]
    [InlineData("[1,2]", "T.2")]
    [InlineData("{\"id\":\"x\"}", "T.2")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"message\"}", "3.7")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[]}", "3.7")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{}]}", "3.8")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{\"fullUrl\":\"urn:uuid:1\"}]}", "3.9")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"id\":\"x\"}}]}", "3.10")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Nope\"}}]}", "3.9")]
    [InlineData("{\"resourceType\":\"Bundle\",\"colour\":\"red\",\"entry\":[{\"resource\":{\"resourceType\":\"Basic\"}}]}", "T.2")]
    [InlineData("{\"resourceType\":\"Observation\",\"status\":\"final\"}", "T.3")]
    public async Task BadInput_IsANegativeAnswerNeverAnException(string body, string code)
    {
        var port = new RecordingEnrolment();

        var processed = await Process(body, port);

        processed.Errors[0].Code.ShouldBe(code);
        port.Calls.ShouldBeEmpty();
        AssertConformingAnswer(processed.Answer);
        var header = (MessageHeader)processed.Answer.Entry[0].Resource!;
        header.Destination.Single().Endpoint.ShouldBe(MessageParty.Unknown.Endpoint);
    }

    [Fact]
    public async Task ManyErrors_AnswerCarriesTheFirstTwo_AsTheProfileAllows()
    {
        string body = Regional.EnrolmentMessageWith(b =>
        {
            Regional.Entry(b, 1).Remove("gender");
            Regional.Entry(b, 1).Remove("name");
            Regional.Entry(b, 1).Remove("extension");
        });

        var processed = await Process(body, new RecordingEnrolment());

        processed.Errors.Select(e => e.Code).ShouldBe(["3.2", "3.1", "3.3"]);
        ((OperationOutcome)processed.Answer.Entry[1].Resource!).Issue.Select(i => i.Details!.Coding[0].Code).ShouldBe(["3.2", "3.1"]);
    }

    private static async Task<ProcessedMessage> Process(string body, IPicMmgEnrolment port, string? actingGp = null)
    {
        var processor = new PicMmgMessageProcessor(Regional.Conformance, new PicMmgOptions(), port, TimeProvider.System);
        return await processor.ProcessAsync(body, actingGp, id => "https://territorio.example/fhir/CarePlan/" + id, TestContext.Current.CancellationToken);
    }

    // Every answer we send: RLBundleRispostaMMG with no finding, and valid FHIR R4 for Firely.
    private static void AssertConformingAnswer(Bundle answer)
    {
        Regional.Conformance.Profiles.Check(answer, RegionalUrls.BundleRispostaMmg).ShouldBeEmpty();
        answer.Validate(ModelInfo.ModelInspector).ShouldBeEmpty();
    }

    private static Bundle Answer(string file) => (Bundle)FhirMessageReader.Parse(Regional.Example(file), out _)!;

    private static MessageHeader Header(string file) => (MessageHeader)FhirMessageReader.Parse(Regional.Example(file), out _)!;
}
