Console.WriteLine("benchmarks: not yet");
