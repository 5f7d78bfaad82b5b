namespace PcgdBot.Dialogs.Understanding;

/// <summary>The intent a message most likely expresses, with the calibrated probability, and the runners-up.</summary>
public sealed record IntentPrediction(string Intent, double Confidence, IReadOnlyList<(string Intent, double Confidence)> Ranking)
{
    public bool IsConfident => Confidence >= IntentClassifier.ConfidenceThreshold;
}

/// <summary>
/// A multinomial logistic regression (maximum entropy) over the features of <see cref="IntentText"/>, trained at start-up
/// from the examples of <c>dialogs/nlu/</c>: stochastic gradient descent with L2 regularisation, a fixed seed (the same
/// examples always give the same model), then a temperature fitted on held-out folds so that the probability means what
/// it says (of predictions at 0.7, about 70 % are right). Thread-safe after construction; prediction allocates little.
/// </summary>
public sealed class IntentClassifier
{
    /// <summary>
    /// Below this calibrated probability the bot does not act on the intent alone: a plan question is tried, or the person
    /// is asked. Chosen on the held-out folds, where it keeps wrong actions rare while still acting on most messages.
    /// </summary>
    public const double ConfidenceThreshold = 0.5;

    private const int MaxEpochs = 10;
    private const float L2 = 1e-5f;
    private const float LearningRate = 0.5f;

    // Feature buffers reused by predictions on the same thread (the routing runs on many threads at once).
    [ThreadStatic]
    private static FeatureList? scratch;

    private readonly Dictionary<ulong, int> featureIds;
    private readonly float[] weights; // [feature * classes + class]
    private readonly float[] bias;
    private readonly string[] intents;
    private readonly Dictionary<string, string> exact;

    private IntentClassifier(string[] intents, Dictionary<ulong, int> featureIds, float[] weights, float[] bias, double temperature, Dictionary<string, string> exact, int epochs)
    {
        this.intents = intents;
        this.featureIds = featureIds;
        this.weights = weights;
        this.bias = bias;
        this.exact = exact;
        Temperature = temperature;
        Epochs = epochs;
    }

    public IReadOnlyList<string> Intents => intents;

    /// <summary>The softmax temperature fitted on held-out folds (1 = the raw model).</summary>
    public double Temperature { get; }

    /// <summary>The passes over the examples the final model took before the training loss stopped falling.</summary>
    public int Epochs { get; }

    public static IntentClassifier Train(IReadOnlyList<IntentExample> examples, bool calibrate = true)
    {
        // The features of every example are computed once and shared by the model and the calibration folds.
        var intents = examples.Select(e => e.Intent).Distinct().Order(StringComparer.Ordinal).ToArray();
        var data = TrainingData.From(examples, intents);
        var all = Enumerable.Range(0, examples.Count).ToArray();
        var (weights, bias, epochs) = Fit(data, all);
        var temperature = 1.0;
        if (calibrate && examples.Count >= 40)
        {
            // Held-out scores from two folds: the model is sure of its own training examples, not of new messages.
            const int folds = 2;
            var held = new List<(float[] Scores, int Label)>(examples.Count);
            for (var fold = 0; fold < folds; fold++)
            {
                var training = all.Where(i => i % folds != fold).ToArray();
                var (foldWeights, foldBias, _) = Fit(data, training);
                foreach (var row in all.Where(i => i % folds == fold))
                {
                    var scores = new float[intents.Length];
                    data.Scores(row, foldWeights, foldBias, scores);
                    held.Add((scores, data.Labels[row]));
                }
            }

            temperature = FitTemperature(held);
        }

        return new IntentClassifier(intents, data.FeatureIds, weights, bias, temperature, Exact(examples), epochs);
    }

    public IntentPrediction Predict(string text)
    {
        if (exact.TryGetValue(IntentText.Normalize(text), out var known))
        {
            // A message that is one of the examples, as normalised ("/thongke", "Hủy!"): its intent, no guessing.
            return new IntentPrediction(known, 1, [(known, 1)]);
        }

        var features = scratch ??= new FeatureList();
        IntentText.Features(text, features);
        var probabilities = new float[intents.Length];
        Array.Copy(bias, probabilities, bias.Length);
        var hashes = features.Hashes;
        var values = features.Weights;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (featureIds.TryGetValue(hashes[i], out var id))
            {
                var row = weights.AsSpan(id * intents.Length, intents.Length);
                for (var c = 0; c < row.Length; c++)
                {
                    probabilities[c] += row[c] * values[i];
                }
            }
        }

        Softmax(probabilities, (float)Temperature);
        var order = new int[intents.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Highest first; equal probabilities keep the intents' order, so a prediction never depends on the sort.
        Array.Sort(order, (a, b) => probabilities[b] != probabilities[a] ? probabilities[b].CompareTo(probabilities[a]) : a.CompareTo(b));
        var ranking = new List<(string Intent, double Confidence)>(5);
        for (var i = 0; i < Math.Min(5, order.Length); i++)
        {
            ranking.Add((intents[order[i]], probabilities[order[i]]));
        }

        return new IntentPrediction(ranking[0].Intent, Math.Round(ranking[0].Confidence, 4), ranking);
    }

    private static Dictionary<string, string> Exact(IReadOnlyList<IntentExample> examples) =>
        examples.GroupBy(e => IntentText.Normalize(e.Text), StringComparer.Ordinal)
            .Where(g => g.Select(e => e.Intent).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Intent, StringComparer.Ordinal);

    /// <summary>
    /// Stochastic gradient descent on the rows given, with a fixed seed; stops early once a pass lowers the training loss
    /// by less than 2 % (the model has converged on examples this small; more passes change no prediction).
    /// </summary>
    private static (float[] Weights, float[] Bias, int Epochs) Fit(TrainingData data, int[] rows)
    {
        var classes = data.Classes;
        var weights = new float[data.FeatureIds.Count * classes];
        var bias = new float[classes];
        var scores = new float[classes];
        var order = (int[])rows.Clone();
        var random = new Random(20241210);
        var previousLoss = double.MaxValue;
        var epoch = 0;
        while (epoch < MaxEpochs)
        {
            random.Shuffle(order);
            var rate = LearningRate / (1 + epoch * 0.3f);
            var loss = 0.0;
            foreach (var r in order)
            {
                var label = data.Labels[r];
                data.Scores(r, weights, bias, scores);
                Softmax(scores, 1f);
                loss -= Math.Log(Math.Max(1e-9f, scores[label]));
                var (from, to) = data.Span(r);
                for (var c = 0; c < classes; c++)
                {
                    var gradient = scores[c] - (c == label ? 1f : 0f);
                    if (MathF.Abs(gradient) < 1e-3f)
                    {
                        // Classes the model already rules out: an update would not move anything (and training stays fast).
                        continue;
                    }

                    bias[c] -= rate * gradient * 0.1f;
                    for (var i = from; i < to; i++)
                    {
                        var index = data.Ids[i] * classes + c;
                        weights[index] -= rate * (gradient * data.Values[i] + L2 * weights[index]);
                    }
                }
            }

            epoch++;
            if (loss > previousLoss * 0.98)
            {
                break;
            }

            previousLoss = loss;
        }

        return (weights, bias, epoch);
    }

    /// <summary>Softmax in place (numerically stable: the largest score is taken off first).</summary>
    private static void Softmax(Span<float> scores, float temperature)
    {
        var max = float.MinValue;
        foreach (var score in scores)
        {
            max = MathF.Max(max, score);
        }

        var sum = 0f;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = MathF.Exp((scores[i] - max) / temperature);
            sum += scores[i];
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] /= sum;
        }
    }

    /// <summary>The temperature that minimises the held-out negative log-likelihood (a grid is plenty for one number).</summary>
    private static double FitTemperature(List<(float[] Scores, int Label)> held)
    {
        var best = (Temperature: 1.0, Loss: double.MaxValue);
        for (var t = 0.3; t <= 3.0; t += 0.05)
        {
            var loss = 0.0;
            foreach (var (scores, label) in held)
            {
                // -log softmax(scores / t)[label], without building the distribution.
                var max = scores.Max();
                var sum = 0.0;
                foreach (var score in scores)
                {
                    sum += Math.Exp((score - max) / t);
                }

                loss -= (scores[label] - max) / t - Math.Log(sum);
            }

            if (loss < best.Loss)
            {
                best = (t, loss);
            }
        }

        return Math.Round(best.Temperature, 2);
    }

    /// <summary>Every example as a sparse row of dense feature ids and weights, in one flat array.</summary>
    private sealed class TrainingData
    {
        private readonly int[] starts;

        private TrainingData(Dictionary<ulong, int> featureIds, int[] starts, int[] ids, float[] values, int[] labels, int classes)
        {
            FeatureIds = featureIds;
            this.starts = starts;
            Ids = ids;
            Values = values;
            Labels = labels;
            Classes = classes;
        }

        public Dictionary<ulong, int> FeatureIds { get; }

        public int[] Ids { get; }

        public float[] Values { get; }

        public int[] Labels { get; }

        public int Classes { get; }

        public static TrainingData From(IReadOnlyList<IntentExample> examples, string[] intents)
        {
            var intentIndex = intents.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            var featureIds = new Dictionary<ulong, int>();
            var starts = new int[examples.Count + 1];
            var ids = new List<int>(examples.Count * 40);
            var values = new List<float>(examples.Count * 40);
            var labels = new int[examples.Count];
            var features = new FeatureList();
            for (var e = 0; e < examples.Count; e++)
            {
                IntentText.Features(examples[e].Text, features);
                var hashes = features.Hashes;
                var weights = features.Weights;
                for (var i = 0; i < hashes.Length; i++)
                {
                    if (!featureIds.TryGetValue(hashes[i], out var id))
                    {
                        id = featureIds.Count;
                        featureIds.Add(hashes[i], id);
                    }

                    ids.Add(id);
                    values.Add(weights[i]);
                }

                starts[e + 1] = ids.Count;
                labels[e] = intentIndex[examples[e].Intent];
            }

            return new TrainingData(featureIds, starts, [.. ids], [.. values], labels, intents.Length);
        }

        public (int From, int To) Span(int row) => (starts[row], starts[row + 1]);

        public void Scores(int row, float[] weights, float[] bias, float[] scores)
        {
            Array.Copy(bias, scores, Classes);
            for (var i = starts[row]; i < starts[row + 1]; i++)
            {
                var offset = Ids[i] * Classes;
                var value = Values[i];
                for (var c = 0; c < Classes; c++)
                {
                    scores[c] += weights[offset + c] * value;
                }
            }
        }
    }
}
