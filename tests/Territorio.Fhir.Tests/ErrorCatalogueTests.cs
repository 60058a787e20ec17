using Territorio.Fhir.Messaging;

namespace Territorio.Fhir.Tests;

public class ErrorCatalogueTests
{
    [Theory]
    [InlineData("[Entry-\" + i + \"] Risorsa di tipo Patient incompleta", "[Entry-{0}] Risorsa di tipo Patient incompleta")]
    [InlineData("[Entry-\" + i + \"] Numero di Patologie Primarie non atteso (previsti: 1 | trovati: \" + conditionPrimaria + \")", "[Entry-{0}] Numero di Patologie Primarie non atteso (previsti: 1 | trovati: {1})")]
    [InlineData("Codice ASST di assistenza non trovato per il paziente con codice fiscale \" + assistito.getCf()", "Codice ASST di assistenza non trovato per il paziente con codice fiscale {0}")]
    [InlineData("Nome diverso (nome nel bundle = \" + a + \", nome nella NAR = \" + b.getNome()", "Nome diverso (nome nel bundle = {0}, nome nella NAR = {1})")]
    [InlineData("Header ACTIVCRED non trovato (valore NULL)", "Header ACTIVCRED non trovato (valore NULL)")]
    public void JavaConcatenatedText_BecomesPositionalTemplate(string published, string template) =>
        ErrorCatalogue.ConvertJavaTemplate(published).ShouldBe(template);

    [Fact]
    public void RegionalCatalogue_HasThe48PublishedCodesAndTheProvisionalSupplement()
    {
        var errors = Regional.Conformance.Errors;

        errors.Codes.Count(c => !c.StartsWith("T.", StringComparison.Ordinal) && c != "9.19").ShouldBe(48);
        errors.Create("9.7", 4, 2).ShouldBe(new MessageError("9.7", "[Entry-4] Numero di Patologie Primarie non atteso (previsti: 1 | trovati: 2)", false));
        errors.Create("T.1", "x").Provisional.ShouldBeTrue();
    }

    [Fact]
    public void Create_WrongNumberOfValues_IsAProgrammingError() =>
        Should.Throw<ArgumentException>(() => Regional.Conformance.Errors.Create("9.7", 4));

    [Fact]
    public void Code919_HasTheTextOfTheRegionsNegativeExample() =>
        Regional.Conformance.Errors.Create("9.19", 0).Text.ShouldBe("[Entry-0] Risorsa di tipo MessageHeader non valida. DESTINATION -> ENDPOINT contiene un valore non atteso.");
}
