using Territorio.CareManagement.Plans;

namespace Territorio.Web.Care;

/// <summary>
/// The PAI editor of a screen: the basis version's services with their yearly count (0 removes
/// one), one service to add from the nomenclator, a reason. Posted to <see cref="Handler"/>.
/// </summary>
public sealed record PaiEditor(string PatientId, string Handler, PaiVersion Basis, string Title, string Button, IReadOnlyDictionary<string, string> Nomenclator);
