using Territorio.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess());
