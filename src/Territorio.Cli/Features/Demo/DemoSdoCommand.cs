using System.CommandLine;
using System.Text;
using Territorio.CommandLine;
using Territorio.Synthetic;

namespace Territorio.Cli.Features.Demo;

/// <summary><c>territorio demo sdo</c>: a synthetic SDO flow (acute and rehab admissions) as CSV.</summary>
public static class DemoSdoCommand
{
    public static Command Build()
    {
        var acute = new Option<long>("--acute") { Description = "Numero di ricoveri per acuti.", DefaultValueFactory = _ => 10_000 };
        var rehab = new Option<int>("--rehab") { Description = "Numero di ricoveri di riabilitazione.", DefaultValueFactory = _ => 1_000 };
        var seed = new Option<int>("--seed") { Description = "Seme del generatore (stesso seme, stesso file).", DefaultValueFactory = _ => 42 };
        var output = new Option<FileInfo>("--out") { Description = "File CSV da scrivere.", Required = true };
        acute.Validators.Add(r =>
        {
            if (OptionValues.TryGet<long>(r, out long count) && count is < 0 or > 1_000_000_000)
            {
                r.AddError("--acute deve essere tra 0 e 1.000.000.000");
            }
        });
        rehab.Validators.Add(r =>
        {
            if (OptionValues.TryGet<int>(r, out int count) && count < 0)
            {
                r.AddError("--rehab non può essere negativo");
            }
        });

        var command = new Command("sdo", "Genera un flusso SDO sintetico (CSV) per il controllo di appropriatezza riabilitativa.") { acute, rehab, seed, output };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(output)!.FullName;
            Generate(path, parse.GetValue(acute), parse.GetValue(rehab), parse.GetValue(seed));
            Console.Out.Flush();
            return ExitCodes.Ok;
        });
        return command;
    }

    public static void Generate(string path, long acute, int rehab, int seed)
    {
        using var file = Territorio.Flows.Files.OutputFile.Create(path, 1 << 20);
        using (var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 20, leaveOpen: true))
        {
            SdoGenerator.Write(writer, acute, rehab, seed);
        }

        file.Commit();
    }
}
