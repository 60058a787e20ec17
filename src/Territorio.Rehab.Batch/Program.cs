using Territorio.Flows.Reference;
using Territorio.Rehab.Batch;

return await BatchApp.RunAsync(args, ReferenceData.Default(), Console.Out, Console.Error);
