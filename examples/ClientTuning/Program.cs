using System.Globalization;
using ClientTuning;
using HyperBus;
using HyperBus.Core.Trials;
using HyperBus.Trainers.MLNet;
using Microsoft.ML;

// Tunes an ML.NET pipeline on the UCI wine data in code, with HyperBus as a library:
//   dotnet run --project examples/ClientTuning -- [trials] [dataset] [store.db]
// With a store path the study lands in that SQLite file: `hyperbus status --storage store.db` shows it,
// and running the command again continues the same study.
var trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var dataset = args.Length > 1 ? args[1] : "wine";
var storage = args.Length > 2 ? args[2] : null;

var ml = new MLContext(seed: 0);
var data = new DatasetCatalog().Load(ml, dataset);

using var study = await Study.CreateAsync($"{dataset}-in-code", StudyDirection.Maximize, new StudyOptions
{
    Sampler = "tpe",
    Seed = 42,
    Storage = storage,
    LoadIfExists = true,
    Metric = "accuracy",
});

await study.OptimizeAsync(async hp =>
{
    var pipeline = PipelineBuilder.Build(ml, hp);
    // ML.NET's own 5-fold cross-validation; the mean micro-accuracy is the objective.
    var folds = await Task.Run(() => ml.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: 5, seed: 0));
    var accuracy = folds.Average(f => f.Metrics.MicroAccuracy);
    Console.WriteLine($"trial {hp.Number,3}: accuracy {accuracy:F4}  {hp.Params}");
    return accuracy;
}, trials, parallelism: 2);

Console.WriteLine();
Console.WriteLine($"best trial {study.BestTrial.Number}: accuracy {study.BestValue:F4}");
Console.WriteLine($"  {study.BestParams}");
Console.WriteLine($"space discovered: {string.Join(", ", study.Space.Parameters.Select(p => p.Name))}");
