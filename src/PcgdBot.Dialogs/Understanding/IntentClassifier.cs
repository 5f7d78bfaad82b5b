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

    private const int Epochs = 10;
    private const float L2 = 1e-5f;
    private const float LearningRate = 0.5f;

    private readonly Dictionary<string, int> featureIds;
    private readonly float[] weights; // [feature * classes + class]
    private readonly float[] bias;

    private Dictionary<string, string> exact = new(StringComparer.Ordinal);

    private IntentClassifier(string[] intents, Dictionary<string, int> featureIds, float[] weights, float[] bias, double temperature)
    {
        Intents = intents;
        this.featureIds = featureIds;
        this.weights = weights;
        this.bias = bias;
        Temperature = temperature;
    }

    public IReadOnlyList<string> Intents { get; }

    /// <summary>The softmax temperature fitted on held-out folds (1 = the raw model).</summary>
    public double Temperature { get; }

    public static IntentClassifier Train(IReadOnlyList<IntentExample> examples, bool calibrate = true)
    {
        var model = Fit(examples, 1.0);
        if (!calibrate || examples.Count < 40)
        {
            model.exact = Exact(examples);
            return model;
        }

        // Held-out scores from two folds: the model is sure of its own training examples, not of new messages.
        const int folds = 2;
        var held = new List<(float[] Scores, int Label)>();
        for (var fold = 0; fold < folds; fold++)
        {
            var training = examples.Where((_, i) => i % folds != fold).ToList();
            var trained = Fit(training, 1.0);
            foreach (var (example, _) in examples.Select((e, i) => (e, i)).Where(p => p.i % folds == fold))
            {
                var label = Array.IndexOf(model.Intents.ToArray(), example.Intent);
                var scores = trained.Scores(example.Text, model.Intents);
                held.Add((scores, label));
            }
        }

        var temperature = FitTemperature(held);
        return new IntentClassifier([.. model.Intents], model.featureIds, model.weights, model.bias, temperature) { exact = Exact(examples) };
    }

    public IntentPrediction Predict(string text)
    {
        if (exact.TryGetValue(IntentText.Normalize(text), out var known))
        {
            // A message that is one of the examples, as normalised ("/thongke", "Hủy!"): its intent, no guessing.
            return new IntentPrediction(known, 1, [(known, 1)]);
        }

        var scores = Scores(text, Intents);
        var probabilities = Softmax(scores, Temperature);
        var ranking = probabilities.Select((p, i) => (Intents[i], (double)p)).OrderByDescending(r => r.Item2).Take(5).ToList();
        return new IntentPrediction(ranking[0].Item1, Math.Round(ranking[0].Item2, 4), ranking);
    }

    /// <summary>Raw scores in the order of <paramref name="order"/> (an intent this model never saw scores very low).</summary>
    private float[] Scores(string text, IReadOnlyList<string> order)
    {
        var own = new float[Intents.Count];
        Array.Copy(bias, own, bias.Length);
        foreach (var (feature, value) in IntentText.Features(text))
        {
            if (featureIds.TryGetValue(feature, out var id))
            {
                var offset = id * Intents.Count;
                for (var c = 0; c < own.Length; c++)
                {
                    own[c] += weights[offset + c] * value;
                }
            }
        }

        if (ReferenceEquals(order, Intents))
        {
            return own;
        }

        var result = new float[order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            var index = IndexOf(order[i]);
            result[i] = index < 0 ? -30f : own[index];
        }

        return result;
    }

    private int IndexOf(string intent)
    {
        for (var i = 0; i < Intents.Count; i++)
        {
            if (Intents[i] == intent)
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, string> Exact(IReadOnlyList<IntentExample> examples) =>
        examples.GroupBy(e => IntentText.Normalize(e.Text), StringComparer.Ordinal)
            .Where(g => g.Select(e => e.Intent).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Intent, StringComparer.Ordinal);

    private static IntentClassifier Fit(IReadOnlyList<IntentExample> examples, double temperature)
    {
        var intents = examples.Select(e => e.Intent).Distinct().Order(StringComparer.Ordinal).ToArray();
        var intentIndex = intents.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var featureIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<(int[] Ids, float[] Values, int Label)>(examples.Count);
        foreach (var example in examples)
        {
            var features = IntentText.Features(example.Text);
            var ids = new int[features.Count];
            var values = new float[features.Count];
            for (var i = 0; i < features.Count; i++)
            {
                if (!featureIds.TryGetValue(features[i].Feature, out var id))
                {
                    id = featureIds.Count;
                    featureIds.Add(features[i].Feature, id);
                }

                ids[i] = id;
                values[i] = features[i].Weight;
            }

            rows.Add((ids, values, intentIndex[example.Intent]));
        }

        var classes = intents.Length;
        var weights = new float[featureIds.Count * classes];
        var bias = new float[classes];
        var scores = new float[classes];
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new Random(20241210);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = LearningRate / (1 + epoch * 0.3f);
            foreach (var r in order)
            {
                var (ids, values, label) = rows[r];
                Array.Copy(bias, scores, classes);
                for (var i = 0; i < ids.Length; i++)
                {
                    var offset = ids[i] * classes;
                    for (var c = 0; c < classes; c++)
                    {
                        scores[c] += weights[offset + c] * values[i];
                    }
                }

                var probabilities = Softmax(scores, 1.0);
                for (var c = 0; c < classes; c++)
                {
                    var gradient = probabilities[c] - (c == label ? 1f : 0f);
                    if (MathF.Abs(gradient) < 1e-3f)
                    {
                        // Classes the model already rules out: an update would not move anything (and training stays fast).
                        continue;
                    }

                    bias[c] -= rate * gradient * 0.1f;
                    for (var i = 0; i < ids.Length; i++)
                    {
                        var index = ids[i] * classes + c;
                        weights[index] -= rate * (gradient * values[i] + L2 * weights[index]);
                    }
                }
            }
        }

        return new IntentClassifier(intents, featureIds, weights, bias, temperature);
    }

    private static float[] Softmax(float[] scores, double temperature)
    {
        var max = scores.Max();
        var result = new float[scores.Length];
        var sum = 0f;
        for (var i = 0; i < scores.Length; i++)
        {
            result[i] = MathF.Exp((float)((scores[i] - max) / temperature));
            sum += result[i];
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }

        return result;
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
                loss -= Math.Log(Math.Max(1e-9, Softmax(scores, t)[label]));
            }

            if (loss < best.Loss)
            {
                best = (t, loss);
            }
        }

        return Math.Round(best.Temperature, 2);
    }
}
